import { defineConfig } from 'tsup';

// `index` is isomorphic (MSW handlers for Node and the browser); `node` holds the
// Node-only HTTP server, so browser bundles never reach node: modules.
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', bin: 'src/bin.ts' },
  format: ['esm', 'cjs'],
  // The internal reader's types are inlined too: it is not a published package.
  dts: { resolve: ['@acs-opensearch/openapi-reader'] },
  clean: true,
  sourcemap: false,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  external: [
    'msw',
    'msw/node',
    'msw/browser',
    '@acs-opensearch/client',
    '@acs-opensearch/client/signing',
    'ajv',
    'ajv-formats',
    /^node:/,
  ],
  // The repository's one OpenAPI reader is an internal workspace package: bundled, never a dependency.
  noExternal: ['@acs-opensearch/openapi-reader'],
  // The CommonJS build loads msw/node with require() (Jest runs CommonJS without ESM support in
  // its VM); the ES build with import().
  esbuildOptions(options, context) {
    options.define = { ...options.define, __ACS_CJS__: context.format === 'cjs' ? 'true' : 'false' };
  },
});
