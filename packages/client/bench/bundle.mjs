// The browser bundles of the client, measured as an app's bundler makes them (esbuild, platform
// browser, minified, code splitting). `node bench/bundle.mjs` prints it (after pnpm build);
// bench/run.mjs reports it in RESULTS.md.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const gzip = (buffers) => gzipSync(Buffer.concat(buffers), { level: 9 }).length;

/**
 * Bundles `contents` (resolved from `resolveDir`); the entry and the chunks it imports statically are
 * what a page loads, the others load on first use. scripts/bench-scale.mjs measures with it too.
 */
export async function bundle(contents, resolveDir = pkg) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: join(tmpdir(), 'acs-bundle'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const file = (name) => result.outputFiles.find((f) => f.path.endsWith(name.slice(name.lastIndexOf('/'))));
  const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint === '<stdin>');
  const initial = new Set([entry]);
  for (const name of initial)
    for (const i of outputs[name].imports) if (i.kind === 'import-statement' && outputs[i.path]) initial.add(i.path);
  const lazy = Object.keys(outputs).filter((name) => !initial.has(name) && name.endsWith('.js'));
  const loaded = [...initial].map((name) => file(name));
  return {
    minBytes: loaded.reduce((sum, f) => sum + f.contents.length, 0),
    gzipBytes: gzip(loaded.map((f) => f.contents)),
    lazy: Object.fromEntries(
      lazy.map((name) => [
        name.slice(name.lastIndexOf('/') + 1).replace(/(-[A-Z0-9]{8})+\.js$/, ''),
        gzip([file(name).contents]),
      ]),
    ),
    nodeImports: Object.keys(result.metafile.inputs).filter((i) => i.startsWith('node:')).length,
  };
}

/** A page that calls the first `n` of `ids` through their functions, with the core client. */
export const pageCalling = (ids, n) =>
  `import { createOpenSearchCore, ${ids.slice(0, n).join(', ')} } from '@acs-opensearch/client/operations';
const core = createOpenSearchCore();
export const calls = [${ids
    .slice(0, n)
    .map((id) => `() => ${id}(core, {} as never)`)
    .join(', ')}];`;

/**
 * The published build's bundles (dist/web, through the package's exports): a page that calls one
 * operation through '@acs-opensearch/client/operations' (what the 10 kB target is about), the bytes
 * each further operation adds, and the page of `createOpenSearchClient`.
 */
export async function bundleSize() {
  const { OPERATIONS } = await import('@acs-opensearch/client');
  const ids = Object.keys(OPERATIONS);
  const one = await bundle(pageCalling(ids, 1));
  const nine = await bundle(pageCalling(ids, 9));
  const client = await bundle("export { createOpenSearchClient } from '@acs-opensearch/client';");
  return {
    ...one,
    operations: ids.length,
    perOperationGzipBytes: Math.round((nine.gzipBytes - one.gzipBytes) / 8),
    client: { minBytes: client.minBytes, gzipBytes: client.gzipBytes },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await bundleSize(), null, 2));
