// One throughput run (a script, not a test), printed as JSON: requests per second against a local
// HTTP server on 127.0.0.1 in a process of its own (server.mjs), at concurrency 1 and 16,
// interleaved fixed-time rounds (BENCH_MS each, BENCH_ROUNDS rounds); the median rps of each, and
// each ratio as the median of per-round ratios. Contenders:
//   - this client, default options (the Node build: node:crypto, the node:http transport);
//   - this client over fetch (`transport: 'fetch'`), what browsers and edge runtimes run;
//   - the lean reference: a minimal signed GET written inline here (synchronous node:crypto, string
//     building, no validation, no retries) over fetch, the floor of any fetch client that signs;
//   - the lean reference with a per-attempt timeout (an AbortController and a timer, as every
//     production client needs);
//   - bare fetch with a fixed, pre-signed header set (no signing at all);
//   - the official SDK (@alicloud/opensearch20171225).
// bench/run.mjs runs it under Node 20, 22 and 24.

import { fork } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createOpenSearchClient } from '@acs-opensearch/client';

const require = createRequire(import.meta.url);
const DURATION_MS = Number(process.env.BENCH_MS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const server = fork(new URL('./server.mjs', import.meta.url), { stdio: 'ignore' });
const port = await new Promise((resolve) => server.once('message', resolve));
const host = `127.0.0.1:${port}`;
const endpoint = `http://${host}`;
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const path = '/v4/openapi/app-groups/my_app/functions/ctr/instances';
const url = `${endpoint}${path}?pageSize=10`;
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SIGNED = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';

const ours = createOpenSearchClient({ endpoint, credentials });
const oursOverFetch = createOpenSearchClient({ endpoint, credentials, transport: 'fetch' });
const OpenSearch = require('@alicloud/opensearch20171225');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const official = new OpenSearch.default(new $OpenApiUtil.Config({ ...credentials, endpoint: host, protocol: 'http' }));
const officialRequest = new OpenSearch.ListFunctionInstancesRequest({ pageSize: 10 });

function leanHeaders() {
  const date = `${new Date().toISOString().slice(0, 19)}Z`;
  const nonce = randomUUID();
  const canonical = `GET\n${path}\npageSize=10\nhost:${host}\nx-acs-action:ListFunctionInstances\nx-acs-content-sha256:${EMPTY}\nx-acs-date:${date}\nx-acs-signature-nonce:${nonce}\nx-acs-version:2017-12-25\n\n${SIGNED}\n${EMPTY}`;
  const signature = createHmac('sha256', credentials.accessKeySecret)
    .update(`ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`)
    .digest('hex');
  return {
    accept: 'application/json',
    'x-acs-action': 'ListFunctionInstances',
    'x-acs-version': '2017-12-25',
    'x-acs-date': date,
    'x-acs-signature-nonce': nonce,
    'x-acs-content-sha256': EMPTY,
    authorization: `ACS3-HMAC-SHA256 Credential=${credentials.accessKeyId},SignedHeaders=${SIGNED},Signature=${signature}`,
  };
}
const preSigned = leanHeaders();

/** The lean reference with a per-attempt timeout of 10 s, as a production client sets one. */
async function leanWithTimeout() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    return await (await fetch(url, { headers: leanHeaders(), signal: controller.signal })).json();
  } finally {
    clearTimeout(timer);
  }
}

const params = { appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 };
export const contenders = {
  client: () => ours.listFunctionInstances(params),
  'client over fetch': () => oursOverFetch.listFunctionInstances(params),
  'lean reference': async () => (await fetch(url, { headers: leanHeaders() })).json(),
  'lean reference with timeout': leanWithTimeout,
  'bare fetch': async () => (await fetch(url, { headers: preSigned })).json(),
  'official SDK': () => official.listFunctionInstances('my_app', 'ctr', officialRequest),
};

async function rps(fn, concurrency) {
  for (let i = 0; i < 100; i++) await fn(); // warm up
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

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
const ratios = {};
for (const concurrency of [1, 16]) {
  // Interleaved rounds of fixed time, so machine noise hits every contender alike. Each ratio is
  // the median of the per-round ratios (client / other in the same round), beside the median rps.
  const rounds = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(contenders)) rounds[name].push(await rps(fn, concurrency));
  }
  results[concurrency] = Object.fromEntries(Object.entries(rounds).map(([name, values]) => [name, median(values)]));
  ratios[concurrency] = Object.fromEntries(
    Object.keys(contenders)
      .filter((name) => name !== 'client')
      .map((name) => [name, median(rounds.client.map((value, round) => value / rounds[name][round]))]),
  );
}
server.disconnect();
server.kill();
console.log(JSON.stringify({ node: process.version, durationMs: DURATION_MS, rounds: ROUNDS, results, ratios }));
