import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publishedPackages } from '../../../scripts/workspacePackages.cjs';

// `pnpm docs:api` must keep working as packages land: TypeDoc runs with warnings as errors
// (broken {@link}s, entry points it cannot read), and every import path gets its page.

const packageDir = join(__dirname, '..');
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'idem-api-'));
  await promisify(execFile)(
    join(packageDir, 'node_modules/.bin/typedoc'),
    ['--options', 'typedoc.config.mjs', '--out', out, '--logLevel', 'Warn'],
    { cwd: packageDir, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }
  );
}, 200_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** `@idem/core`, `@idem/core/types`, ...: the export subpaths of every non-private package. */
function importPaths(): string[] {
  return publishedPackages().flatMap((pkg) => pkg.importPaths.map(({ importPath }) => importPath));
}

it('the API reference has a page for every import path of every publishable package', () => {
  const index = readFileSync(join(out, 'README.md'), 'utf8');
  const paths = importPaths();
  expect(paths).toEqual(expect.arrayContaining(['@idem/core', '@idem/core/types', '@idem/core/persistence']));
  for (const importPath of paths) {
    expect(index).toContain(`[${importPath}](${importPath}/README.md)`);
    expect(existsSync(join(out, importPath, 'README.md'))).toBe(true);
  }
  expect(existsSync(join(out, '@idem/core/classes/IdempotencyConfig.md'))).toBe(true);
});
