import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// `pnpm docs:api` must keep working as packages land: TypeDoc runs with warnings as errors
// (broken {@link}s, entry points it cannot read), and every import path gets its page.

const packageDir = join(__dirname, '..');
const repoRoot = join(packageDir, '../..');
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
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir)
    .map((folder) => join(packagesDir, folder, 'package.json'))
    .filter((manifestPath) => existsSync(manifestPath))
    .map((manifestPath) => JSON.parse(readFileSync(manifestPath, 'utf8')))
    .filter((manifest) => !manifest.private)
    .flatMap((manifest) =>
      Object.keys(manifest.exports ?? {})
        .filter((subpath) => subpath !== './package.json')
        .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`))
    );
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
