import { defineConfig } from 'tsup';

// One isomorphic build: no node: imports, so the same files serve Node, browsers and edge runtimes.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
});
