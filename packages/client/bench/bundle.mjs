// The browser bundle of the client, measured as an app's bundler makes it: `node bench/bundle.mjs`
// prints it (after pnpm build); bench/run.mjs reports it in RESULTS.md.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/**
 * The browser bundle of createOpenSearchClient as an app's bundler makes it (esbuild, platform browser,
 * minified, code splitting): the entry and every chunk it imports statically is what a page loads
 * (gzip -9 of them together); the raw path (openapi-fetch) and the paginators are chunks loaded
 * on first use, reported beside it.
 */
export async function bundleSize() {
  const outdir = mkdtempSync(join(tmpdir(), 'acs-bundle-'));
  const result = await build({
    stdin: { contents: "export { createOpenSearchClient } from '@acs-opensearch/client';", resolveDir: pkg },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint === '<stdin>');
  const initial = new Set([entry]);
  for (const name of initial)
    for (const i of outputs[name].imports) if (i.kind === 'import-statement' && outputs[i.path]) initial.add(i.path);
  const file = (name) => result.outputFiles.find((f) => f.path.endsWith(name.replace(/^.*\//, '/')));
  const gzip = (names) => gzipSync(Buffer.concat(names.map((n) => file(n).contents)), { level: 9 }).length;
  const lazy = Object.keys(outputs).filter((n) => !initial.has(n) && n.endsWith('.js'));
  const text = [...initial].map((n) => file(n).text).join('\n');
  return {
    minBytes: [...initial].reduce((sum, n) => sum + file(n).contents.length, 0),
    gzipBytes: gzip([...initial]),
    lazy: lazy.map((n) => ({ name: n.replace(/^.*\//, '').replace(/-[A-Z0-9]+\.js$/, ''), gzipBytes: gzip([n]) })),
    nodeImports:
      Object.keys(result.metafile.inputs).filter((i) => i.startsWith('node:')).length +
      (/["']node:/.test(text) ? 1 : 0),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await bundleSize(), null, 2));
