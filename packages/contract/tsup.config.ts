import { packageBuild } from '../../tsup.package.js';

export default packageBuild(['src/index.ts'], {
  // The suite runs inside the user's Jest, against the user's copy of @idem/core.
  external: ['@idem/core', 'jest'],
});
