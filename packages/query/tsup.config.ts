import { defineConfig } from 'tsup';

// One build for every runtime: the package only builds options objects; the client does the I/O.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  clean: true,
  external: ['@acs-opensearch/client', '@acs-opensearch/client/search', '@tanstack/query-core'],
});
