// The browser bundle of the client, measured as an app's bundler makes it (esbuild, platform
// browser, minified, code splitting). `node bench/bundle.mjs` prints it (after pnpm build);
// bench/run.mjs reports it in RESULTS.md.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const gzip = (buffers) => gzipSync(Buffer.concat(buffers), { level: 9 }).length;

/** Bundles `contents`; the entry and the chunks it imports statically are what a page loads, the others load on first use. */
async function bundle(contents, plugins = []) {
  const result = await build({
    stdin: { contents, resolveDir: pkg, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: join(tmpdir(), 'acs-bundle'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
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

/** The generated metadata with only its first `keep` operations. */
function fewerOperations(keep) {
  return {
    name: 'fewer-operations',
    setup(b) {
      b.onLoad({ filter: /generated[\\/]metadata\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const match = /export const OPERATIONS = (\{[\s\S]*?\n\}) as const/.exec(text);
        const kept = Object.fromEntries(Object.entries(JSON.parse(match[1])).slice(0, keep));
        return { contents: text.replace(match[1], JSON.stringify(kept, null, 2)), loader: 'ts' };
      });
    },
  };
}

/**
 * The published build's bundle (dist/web, through the package's exports), and the marginal cost of
 * one more operation: the sources bundled with every operation against one, per operation added.
 */
export async function bundleSize() {
  const published = await bundle("export { createOpenSearchClient } from '@acs-opensearch/client';");
  const fromSources = "export { createOpenSearchClient } from './src/index.ts';";
  const all = await bundle(fromSources);
  const one = await bundle(fromSources, [fewerOperations(1)]);
  const metadata = readFileSync(join(pkg, 'src/generated/metadata.ts'), 'utf8');
  const operations = /export const OPERATIONS = (\{[\s\S]*?\n\}) as const/.exec(metadata)[1];
  const count = Object.keys(JSON.parse(operations)).length;
  return {
    ...published,
    operations: count,
    perOperationGzipBytes: Math.round((all.gzipBytes - one.gzipBytes) / (count - 1)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await bundleSize(), null, 2));
