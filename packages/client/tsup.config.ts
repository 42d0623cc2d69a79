import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// Two builds of the same sources. dist/web (export conditions `default`, `browser`, `worker`) signs
// with Web Crypto and imports no node: module. dist/node (export condition `node`) swaps
// signing/defaultCrypto.ts for defaultCrypto.node.ts (synchronous node:crypto, no option needed) and
// client/platform.ts for platform.node.ts (a default User-Agent).
const entry = {
  index: 'src/index.ts',
  operations: 'src/perOperation.ts',
  signing: 'src/signing/index.ts',
  search: 'src/search/index.ts',
};
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const shared: Options = {
  entry,
  define: { __ACS_CLIENT_VERSION__: JSON.stringify(version) },
  format: ['esm', 'cjs'],
  sourcemap: false,
  treeshake: true,
  target: 'es2022',
  clean: true,
};

export default defineConfig([
  { ...shared, outDir: 'dist/web', platform: 'neutral', dts: true },
  {
    ...shared,
    outDir: 'dist/node',
    platform: 'node',
    dts: false,
    esbuildPlugins: [
      {
        name: 'node-default-crypto',
        setup(build) {
          build.onResolve({ filter: /\/(defaultCrypto|platform|defaultTransport)\.js$/ }, (args) => ({
            path: resolve(args.resolveDir, args.path.replace(/\.js$/, '.node.ts')),
          }));
        },
      },
    ],
  },
]);
