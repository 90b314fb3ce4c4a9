// The one source of the package map. Every package of the workspace (pnpm-workspace.yaml) with
// its folder, its manifest and its import paths, each mapped to the source file it is built
// from: `./dist/types/index.js` in an exports map comes from `src/types/index.ts`. Jest, the
// type-check paths, the packaging checks, the size budgets and the API reference all read it,
// so adding a package means writing its package.json and nothing else.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const repoRoot = join(__dirname, '..');

/** The folders the workspace globs name: `packages/*` lists every folder of packages/. */
function workspaceFolders() {
  const globs = readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s*-\s*['"]?([^'"#\s]+)['"]?/.exec(line)?.[1])
    .filter(Boolean);
  return globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [join(repoRoot, glob)];
    const parent = join(repoRoot, glob.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
}

/** The source file an exports target is built from. */
function sourceOfTarget(target) {
  const built = typeof target === 'string' ? target : (target.import?.default ?? target.default);
  return built.replace(/^\.\/dist\//, 'src/').replace(/\.c?js$/, '.ts');
}

/**
 * @returns {Array<{ name: string, dir: string, folder: string, private: boolean, manifest: any,
 *   importPaths: Array<{ importPath: string, subpath: string, source: string }> }>}
 */
function workspacePackages() {
  return workspaceFolders()
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const exportsMap = manifest.exports ?? (manifest.main ? { '.': manifest.main } : {});
      const importPaths = Object.entries(exportsMap)
        .filter(([subpath]) => subpath !== './package.json')
        .map(([subpath, target]) => ({
          importPath: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
          subpath,
          source: join(dir, sourceOfTarget(target)),
        }));
      return {
        name: manifest.name,
        dir,
        folder: dir.slice(repoRoot.length + 1),
        private: manifest.private === true,
        manifest,
        importPaths,
      };
    });
}

/** The packages users install: not private. */
function publishedPackages() {
  return workspacePackages().filter((pkg) => !pkg.private);
}

/**
 * Jest's moduleNameMapper for the workspace: every import path to its source, and relative
 * `.js` imports to the `.ts` beside them, so tests never run stale builds. The root Jest config
 * and the contract suite's runner harness (internal/contract-runners) both use it.
 */
function jestModuleNameMapper() {
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    ...Object.fromEntries(
      workspacePackages()
        .flatMap((pkg) => pkg.importPaths)
        .map(({ importPath, source }) => [`^${escapeRegExp(importPath)}$`, source])
    ),
  };
}

module.exports = { repoRoot, workspacePackages, publishedPackages, jestModuleNameMapper };
