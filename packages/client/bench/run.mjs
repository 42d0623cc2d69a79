// Benchmark (a script, not a test): requests per second against a local HTTP server on 127.0.0.1
// for this client, bare fetch and the official @alicloud/opensearch20171225 SDK, at concurrency 1
// and 16, side by side in one run; plus the client's browser bundle size and import times.
// Run: pnpm --filter @acs-opensearch/client bench   (after pnpm build)
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createOpenSearchClient } from '../dist/index.js';

const require = createRequire(import.meta.url);
const DURATION_MS = Number(process.env.BENCH_MS ?? 2000);
const here = fileURLToPath(new URL('.', import.meta.url));
const body = JSON.stringify({
  status: 'OK', httpCode: 200, totalCount: 2, requestId: 'A4D487A9-A456-5AA5-A9C6-B7BF2889CF74', message: '', code: '', latency: 1,
  result: Array.from({ length: 10 }, (_, i) => ({ versionId: 100, instanceName: `instance_${i}`, functionName: 'ctr', functionType: 'PAAS', modelType: 'offline_inference', description: '', status: 'available', belongs: { domain: 'ecommerce', category: 'general', language: 'zh' }, createTime: 100010, source: 'user' })),
});
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'x-acs-request-id': 'bench' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();
const endpoint = `http://127.0.0.1:${port}`;
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const path = '/v4/openapi/app-groups/my_app/functions/ctr/instances?pageSize=10';

const ours = createOpenSearchClient({ endpoint, credentials });
// The same client with synchronous node:crypto hashing instead of Web Crypto (the signingCrypto option).
const { createHash, createHmac } = await import('node:crypto');
const oursNodeCrypto = createOpenSearchClient({
  endpoint,
  credentials,
  signingCrypto: {
    sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
    hmacSha256Hex: (secret, message) => createHmac('sha256', secret).update(message).digest('hex'),
  },
});
const OpenSearch = require('@alicloud/opensearch20171225');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const official = new OpenSearch.default(new $OpenApiUtil.Config({ ...credentials, endpoint: `127.0.0.1:${port}`, protocol: 'http' }));
const officialRequest = new OpenSearch.ListFunctionInstancesRequest({ pageSize: 10 });

const contenders = {
  'bare fetch': async () => {
    const r = await fetch(`${endpoint}${path}`, { headers: { accept: 'application/json' } });
    await r.json();
  },
  '@acs-opensearch/client': () => ours.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 }),
  '@acs-opensearch/client + node:crypto': () => oursNodeCrypto.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 }),
  '@alicloud/opensearch20171225': () => official.listFunctionInstances('my_app', 'ctr', officialRequest),
};

async function rps(fn, concurrency) {
  for (let i = 0; i < 50; i++) await fn(); // warm up
  let count = 0;
  const end = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await fn();
        count += 1;
      }
    }),
  );
  return count / (DURATION_MS / 1000);
}

const results = {};
for (const concurrency of [1, 16]) {
  // Interleave rounds so that machine noise hits every contender alike.
  const rounds = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < 3; round++) {
    for (const [name, fn] of Object.entries(contenders)) rounds[name].push(await rps(fn, concurrency));
  }
  results[concurrency] = Object.fromEntries(Object.entries(rounds).map(([name, values]) => [name, values.sort((a, b) => a - b)[1]]));
}
server.close();

const bundle = await build({
  stdin: { contents: "export { createOpenSearchClient, OpenSearchError } from './dist/index.js';", resolveDir: fileURLToPath(new URL('..', import.meta.url)) },
  bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'silent',
});
const bundleBytes = bundle.outputFiles[0].contents;
const gzipBytes = gzipSync(bundleBytes, { level: 9 }).length;
const nodeInputs = Object.keys(bundle.metafile.inputs).filter((i) => i.startsWith('node:'));

function importMs(code) {
  const samples = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now(); ${code}; console.log(performance.now()-t)`], { cwd: here, encoding: 'utf8' });
    samples.push(Number(out.trim()));
  }
  return samples.sort((a, b) => a - b)[3];
}
const ourImport = importMs("await import('../dist/index.js')");
const officialImport = importMs("const { createRequire } = await import('node:module'); createRequire(import.meta.url)('@alicloud/opensearch20171225')");

const fmt = (n) => n.toFixed(0);
const lines = [];
lines.push(`# Benchmark results`, '', `Run: \`pnpm --filter @acs-opensearch/client bench\` (Node ${process.version}, ${DURATION_MS} ms per case, median of 3 interleaved rounds, local HTTP server on 127.0.0.1).`, '');
lines.push('| concurrency | bare fetch | client (Web Crypto) | client (node:crypto) | official SDK | Web Crypto / bare | node:crypto / bare | Web Crypto / official | node:crypto / official |');
lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const c of [1, 16]) {
  const r = results[c];
  const w = r['@acs-opensearch/client'];
  const n = r['@acs-opensearch/client + node:crypto'];
  const b = r['bare fetch'];
  const o = r['@alicloud/opensearch20171225'];
  lines.push(`| ${c} | ${fmt(b)} | ${fmt(w)} | ${fmt(n)} | ${fmt(o)} | ${(w / b).toFixed(2)} | ${(n / b).toFixed(2)} | ${(w / o).toFixed(2)} | ${(n / o).toFixed(2)} |`);
}
lines.push('', 'Requests per second; higher is better.');
lines.push('', `Browser bundle of \`createOpenSearchClient\` + \`OpenSearchError\` (esbuild, minified, platform browser): ${(bundleBytes.length / 1024).toFixed(1)} kB, **${(gzipBytes / 1024).toFixed(2)} kB gzip**; node: imports: ${nodeInputs.length}.`);
lines.push('', `Import time (median of 7 fresh processes): @acs-opensearch/client ${ourImport.toFixed(1)} ms, @alicloud/opensearch20171225 ${officialImport.toFixed(1)} ms (ratio ${(officialImport / ourImport).toFixed(1)}x).`);
lines.push('', 'Timings on shared machines are noisy: compare the ratios within one run, not absolute numbers across runs.');
const report = lines.join('\n');
console.log(report);
writeFileSync(new URL('./RESULTS.md', import.meta.url), `${report}\n`);
