import { defineConfig, type Options } from 'tsup';

/**
 * How every published package builds: ESM and CommonJS with declarations for both, for Node 20.
 * Shared chunks keep one copy of each class across a package's entry points, so `instanceof`
 * holds between them.
 */
export function packageBuild(entry: string[], options: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    splitting: true,
    ...options,
  });
}
