import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../../scripts/workspacePackages.cjs';

// `pnpm check:imports` (dependency-cruiser with .dependency-cruiser.cjs) must pass on the
// repository and fail on each rule's violation, planted in a scratch tree laid out as ours.

const depcruise = join(repoRoot, 'node_modules/.bin/depcruise');
const config = join(repoRoot, '.dependency-cruiser.cjs');

async function cruise(cwd: string, paths: string[]): Promise<{ failed: boolean; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(depcruise, [...paths, '--config', config, '--no-cache'], {
      cwd,
      timeout: 120_000,
    });
    return { failed: false, output: stdout };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { failed: true, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

/** A scratch tree with our layout and the given files, type-checked as the repository is. */
function scratchTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'idem-imports-'));
  writeFileSync(
    join(root, 'tsconfig.typecheck.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } })
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

it('the repository keeps every import rule', async () => {
  const result = await cruise(repoRoot, ['packages', 'internal', 'bench', 'examples']);
  expect(result.output).toContain('no dependency violations found');
  expect(result.failed).toBe(false);
}, 120_000);

it('a cycle added on purpose fails the check, type-only imports included', async () => {
  const root = scratchTree({
    'packages/planted/src/record.ts': "import type { Config } from './config.js';\nexport interface Record { config: Config }\n",
    'packages/planted/src/config.ts': "import type { Record } from './record.js';\nexport interface Config { record?: Record }\n",
  });
  roots.push(root);
  const result = await cruise(root, ['packages']);
  expect(result.failed).toBe(true);
  expect(result.output).toMatch(/error no-cycle: packages\/planted\/src\/(record|config)\.ts/);
}, 120_000);

it('a types/ file that imports an implementation file fails the check', async () => {
  const root = scratchTree({
    'packages/planted/src/types/options.ts':
      "import type { Engine } from '../Engine.js';\nexport interface Options { engine: Engine }\n",
    'packages/planted/src/Engine.ts': 'export class Engine {}\n',
  });
  roots.push(root);
  const result = await cruise(root, ['packages']);
  expect(result.failed).toBe(true);
  expect(result.output).toContain('error types-are-leaves: packages/planted/src/types/options.ts');
}, 120_000);
