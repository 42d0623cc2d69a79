import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const contents =
  "import { createOpenSearchCore, describeAppGroup } from './src/perOperation.ts'; export const r = describeAppGroup(createOpenSearchCore(), { appGroupIdentity: 'a' });";
const r = await build({
  stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  splitting: true,
  outdir: '/tmp/bo',
  write: false,
  metafile: true,
  logLevel: 'silent',
});
const outs = r.metafile.outputs;
const k = Object.keys(outs).find((n) => outs[n].entryPoint === '<stdin>');
const initial = new Set([k]);
for (const n of initial)
  for (const i of outs[n].imports) if (i.kind === 'import-statement' && outs[i.path]) initial.add(i.path);
const files = [...initial].map((n) => r.outputFiles.find((f) => f.path.endsWith(n.slice(n.lastIndexOf('/')))));
console.log('first load gzip', gzipSync(Buffer.concat(files.map((f) => f.contents)), { level: 9 }).length);
for (const [n, o] of Object.entries(outs)) {
  if (!n.endsWith('.js')) continue;
  console.log(initial.has(n) ? 'INITIAL' : 'lazy', n.split('/').pop(), o.bytes);
  if (process.argv[2])
    for (const [i, v] of Object.entries(o.inputs)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 30))
      console.log('   ', v.bytesInOutput, i);
}
