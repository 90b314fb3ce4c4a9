import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The suite runs inside the user's Jest, against the user's copy of @idem/core.
  external: ['@idem/core', 'jest'],
});
