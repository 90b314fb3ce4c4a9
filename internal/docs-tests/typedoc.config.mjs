// The API reference: one module per export subpath of every publishable package (`@idem/core`,
// `@idem/core/types`, ...), read from the sources through the workspace's path mappings.
// Generated into docs/api/ by `pnpm docs:api`; not committed (see docs/README.md).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { publishedPackages } = createRequire(import.meta.url)('../../scripts/workspacePackages.cjs');

const entriesDir = join(here, '.tmp/api-entries');

const sources = publishedPackages()
  .flatMap((pkg) => pkg.importPaths)
  .filter(({ source }) => existsSync(source));

// TypeDoc names a module after its file; one small entry file per import path, tagged with
// @module, gives every page the name users import (`@idem/core/types`, not `types/index`).
rmSync(entriesDir, { recursive: true, force: true });
const entryPoints = sources.map(({ importPath, source }) => {
  const entry = join(entriesDir, `${importPath.replace(/[@/]/g, '_')}.ts`);
  const target = relative(dirname(entry), source).replace(/\.ts$/, '.js');
  mkdirSync(dirname(entry), { recursive: true });
  writeFileSync(
    entry,
    `/**\n * Everything \`${importPath}\` exports.\n * @module ${importPath}\n */\nexport * from '${target}';\n`
  );
  return entry;
});

/** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */
export default {
  entryPoints,
  entryPointStrategy: 'resolve',
  tsconfig: join(here, 'tsconfig.api.json'),
  plugin: ['typedoc-plugin-markdown'],
  out: join(here, '../../docs/api'),
  readme: 'none',
  name: 'idem API reference',
  excludePrivate: true,
  excludeProtected: false,
  excludeInternal: true,
  treatWarningsAsErrors: true,
  // Core's public types mention two internal ones (CompiledExpression, LegacyDescriptor); they
  // stay internal rather than failing the build.
  validation: { notExported: false, invalidLink: true, notDocumented: false },
  hidePageHeader: true,
  githubPages: false,
  disableSources: true,
};
