import type { Config } from 'jest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Each folder under packages/ with a tests/ folder is one Jest project. */
const packagesDir = join(__dirname, 'packages');
const packageNames = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'tests'))
);

const legacyDecoratorTests = 'tests/legacy-decorators';

/** Workspace imports resolve to sources, so tests never run stale builds. */
const workspaceSources: Record<string, string> = {
  '^(\\.{1,2}/.*)\\.js$': '$1',
  '^@idem/core$': '<rootDir>/../core/src/index.ts',
  '^@idem/core/(types|persistence)$': '<rootDir>/../core/src/$1/index.ts',
  '^@idem/contract$': '<rootDir>/../contract/src/index.ts',
  '^@idem/dynamodb$': '<rootDir>/../dynamodb/src/index.ts',
  '^@idem/dynamodb/types$': '<rootDir>/../dynamodb/src/types/index.ts',
  '^@idem/cache$': '<rootDir>/../cache/src/index.ts',
  '^@idem/cache/types$': '<rootDir>/../cache/src/types/index.ts',
  '^@idem/middy$': '<rootDir>/../middy/src/index.ts',
  '^@idem/http$': '<rootDir>/../http/src/index.ts',
  '^@idem/http/middy$': '<rootDir>/../http/src/middy/index.ts',
  '^@idem/test-servers$': '<rootDir>/../test-servers/src/index.ts',
};

const project = (name: string): Config => ({
  displayName: name,
  rootDir: join(packagesDir, name),
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
  resolver: join(__dirname, 'scripts/jest-import-only-resolver.cjs'),
  setupFiles: [join(__dirname, 'scripts/jest-quiet-sdk.cjs')],
});

/**
 * Tests under tests/legacy-decorators/ compile with experimentalDecorators from their own
 * tsconfig. They are a project of their own because ts-jest keeps one compiler setup per project.
 */
const legacyDecoratorsProject = (name: string): Config => ({
  ...project(name),
  displayName: `${name} (legacy decorators)`,
  testMatch: [`<rootDir>/${legacyDecoratorTests}/**/*.test.ts`],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: `<rootDir>/${legacyDecoratorTests}/tsconfig.json` }],
  },
});

const config: Config = {
  projects: packageNames.flatMap((name) =>
    existsSync(join(packagesDir, name, legacyDecoratorTests)) ? [project(name), legacyDecoratorsProject(name)] : [project(name)]
  ),
  testTimeout: 30_000,
};

export default config;
