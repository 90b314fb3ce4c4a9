import { packageBuild } from '../../tsup.package.js';

export default packageBuild(['src/index.ts'], {
  // The suite runs in the user's test runner (it imports none), against the user's copy of @idem/core.
  external: ['@idem/core', 'jest'],
});
