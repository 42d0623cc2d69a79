import { build } from 'esbuild';

const out = '/tmp/exp3-bundle.mjs';
await build({
  entryPoints: ['bench/exp3-entry.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: out,
  logLevel: 'silent',
  plugins: [
    {
      name: 'nc',
      setup(b) {
        b.onResolve({ filter: /\/(defaultCrypto|platform)\.js$/ }, (a) => ({
          path: new URL(a.path.replace(/\.js$/, '.node.ts'), `file://${a.resolveDir}/`).pathname,
        }));
      },
    },
  ],
});
