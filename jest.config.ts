import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from 'jest';

// The package map comes from the workspace's manifests (scripts/workspacePackages.cjs).
const { jestModuleNameMapper, workspacePackages } =
  require('./scripts/workspacePackages.cjs') as typeof import('./scripts/workspacePackages.cjs');

const packages = workspacePackages();
/** Each workspace package with a tests/ folder is one Jest project. */
const testedPackages = packages.filter((pkg) => existsSync(join(pkg.dir, 'tests')));

const legacyDecoratorTests = 'tests/legacyDecorators';

/** Workspace imports resolve to sources, so tests never run stale builds. */
const workspaceSources = jestModuleNameMapper();

const project = (pkg: (typeof packages)[number]): Config => ({
  displayName: pkg.folder.replace(/^(packages|internal)\//, ''),
  rootDir: pkg.dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  moduleNameMapper: workspaceSources,
  testPathIgnorePatterns: ['/node_modules/', `/${legacyDecoratorTests}/`],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.jest.json') }],
    // @middy/core ships ESM only, and Jest on Node 20 loads CommonJS: transpile it for the tests.
    '^.+/@middy/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'CommonJS', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?@middy/)'],
  // Middy 7 exports only an `import` condition, which Jest's `require` resolution cannot see.
  resolver: join(__dirname, 'scripts/jestImportOnlyResolver.cjs'),
  setupFiles: [join(__dirname, 'scripts/jestQuietSdk.cjs')],
});

/**
 * Tests under tests/legacyDecorators/ compile with experimentalDecorators from their own
 * tsconfig. They are a project of their own because ts-jest keeps one compiler setup per project.
 */
const legacyDecoratorsProject = (pkg: (typeof packages)[number]): Config => ({
  ...project(pkg),
  displayName: `${project(pkg).displayName} (legacy decorators)`,
  testMatch: [`<rootDir>/${legacyDecoratorTests}/**/*.test.ts`],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: `<rootDir>/${legacyDecoratorTests}/tsconfig.json` }],
  },
});

const config: Config = {
  projects: testedPackages.flatMap((pkg) =>
    existsSync(join(pkg.dir, legacyDecoratorTests)) ? [project(pkg), legacyDecoratorsProject(pkg)] : [project(pkg)]
  ),
  testTimeout: 30_000,
};

export default config;
