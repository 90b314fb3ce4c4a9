// Vitest 3 and Vitest 4 both run this config (src/runAll.ts picks the version). Workspace
// imports resolve to sources. No import of vitest/config: the file serves both versions.
import { createRequire } from 'node:module';

const { workspacePackages } = createRequire(import.meta.url)('../../scripts/workspacePackages.cjs');
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default {
  resolve: {
    alias: workspacePackages()
      .flatMap((pkg) => pkg.importPaths)
      .map(({ importPath, source }) => ({ find: new RegExp(`^${escapeRegExp(importPath)}$`), replacement: source })),
  },
  test: {
    include: ['src/entries/vitest.test.ts'],
    // One scenario registers through the global describe and it, as a Vitest user with globals would.
    globals: true,
    testTimeout: 30_000,
  },
};
