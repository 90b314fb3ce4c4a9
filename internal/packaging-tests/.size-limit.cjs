// Size budgets of what each package adds to a user's bundle: its ESM entry (and each subpath
// with a budget of its own), every export, bundled and minified by esbuild for Node,
// brotli-compressed. Its own dependencies count (a user ships them); @idem/core, the AWS SDK,
// the Redis/Valkey clients and the HTTP frameworks do not: they are
// installed anyway, and core is measured once, on its own. Budgets are the size measured when
// the budget was set plus about 20%; raise one only with a reason in the commit.
const { publishedPackages } = require('../../scripts/workspacePackages.cjs');
const { join } = require('node:path');

/** Budget per import path (a package's name is its root entry), brotli bytes. */
const budgets = {
  '@idem/core': '23 kB', // 19.19 kB measured when set (19.8 kB after the coretests fixes), jmespath and lru-cache included
  // 17.73 kB measured: 8.8 kB of its own (runner option, primitive duties in failures) and 8.9 kB of
  // @sinonjs/fake-timers, the Date fake Jest and Vitest use; a test-time package, in no function's bundle.
  '@idem/contract': '21.5 kB',
  '@idem/dynamodb': '3.7 kB', // 2.39 kB measured, the AWS SDK external; 3.06 kB with Powertools' item format
  '@idem/http': '6 kB', // 4.49 kB measured; 5.05 kB once the rules were split from the Lambda adapter (issue 18)
  // Each server front end as a user bundles it: the shared rules plus its adapter (and fastify-plugin).
  '@idem/http/fetch': '5.6 kB', // 4.62 kB measured
  '@idem/http/express': '6 kB', // 4.99 kB measured
  '@idem/http/fastify': '6.5 kB', // 5.41 kB measured, fastify-plugin included
  '@idem/http/hono': '5.7 kB', // 4.73 kB measured
  '@idem/cache': '5.7 kB', // 2.73 kB measured, Redis/Valkey clients external; 3.75 kB with replicaAcknowledgements (a WAIT pipeline per client, the option's checks); 4.15 kB with Powertools' value format (without the WAIT)
  '@idem/postgres': '4.2 kB', // 3.51 kB measured, pg and postgres.js external
  '@idem/middy': '1.15 kB', // 964 B measured with durable contexts (766 B when first set), @middy/core external
};

/** Never counted: installed by the user for their own reasons, or measured on their own. */
const externals = [
  '@idem/*',
  '@aws-sdk/*',
  '@smithy/*',
  'ioredis',
  'redis',
  '@redis/*',
  '@valkey/*',
  '@middy/*',
  'pg',
  'postgres',
  'express',
  'fastify',
  'hono',
];

const publishable = publishedPackages().map((pkg) => ({ manifestPath: join(pkg.dir, 'package.json'), manifest: pkg.manifest }));

for (const { manifest } of publishable) {
  if (!budgets[manifest.name]) console.warn(`size-limit: no budget for ${manifest.name} yet; add one to ${__filename}`);
}

/** Every budgeted import path of a package: its root, and the subpaths that have a budget. */
const entries = ({ manifestPath, manifest }) =>
  Object.entries(manifest.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => ({
      importPath: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
      file: join(manifestPath, '..', target.import.default),
    }))
    .filter(({ importPath }) => budgets[importPath]);

module.exports = publishable.flatMap((pkg) =>
  entries(pkg).map(({ importPath, file }) => ({
    name: importPath,
    path: file,
    import: '*',
    limit: budgets[importPath],
    ignore: externals.filter((pattern) => pattern !== pkg.manifest.name),
    // Node built-ins (node:crypto, node:zlib) resolve only on the node platform.
    modifyEsbuildConfig: (config) => ({ ...config, platform: 'node', format: 'esm' }),
  }))
);
