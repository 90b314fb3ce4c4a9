import { packageBuild } from '../../tsup.package.js';

export default packageBuild([
  'src/index.ts',
  'src/middy/index.ts',
  'src/fetch/index.ts',
  'src/express/index.ts',
  'src/fastify/index.ts',
  'src/hono/index.ts',
]);
