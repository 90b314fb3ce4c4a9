// Jest 29 and Jest 30 both run this config (src/runAll.ts picks the version). Workspace imports
// resolve to sources, as in the root Jest config.
const { join } = require('node:path');
const { jestModuleNameMapper, repoRoot } = require('../../scripts/workspacePackages.cjs');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/entries/jest.test.ts'],
  moduleNameMapper: jestModuleNameMapper(),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: join(repoRoot, 'tsconfig.jest.json') }] },
  testTimeout: 30_000,
};
