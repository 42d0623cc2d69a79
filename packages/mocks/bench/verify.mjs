// Benchmark (a script, not a test): the mocks' verification path, in requests per second.
//   - handler: signed Requests answered by the MSW handlers (getResponse) with verifySignature on;
//   - mock server: the client calling the mock server over HTTP with verifySignature on, at
//     concurrency 1 and 16.
// Fixed-time rounds (BENCH_MS each, BENCH_ROUNDS rounds), the median of each; printed as JSON on the
// last line. Run: node bench/verify.mjs (after pnpm build); the client's bench/run.mjs reports it.
import { createOpenSearchClient } from '@acs-opensearch/client';
import { signRequest } from '@acs-opensearch/client/signing';
import { getResponse } from 'msw';
import { createOpenSearchHandlers } from '../dist/index.js';
import { startMockServer } from '../dist/node.js';

const DURATION_MS = Number(process.env.BENCH_MS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const key = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const base = 'https://opensearch.cn-hangzhou.aliyuncs.com';
const url = `${base}/v4/openapi/app-groups/my_app/functions/ctr/instances?pageSize=10`;

const { handlers } = createOpenSearchHandlers({ baseUrl: base, verifySignature: key, appGroups: { my_app: [] } });
async function handlerCall() {
  const signed = await signRequest(
    { method: 'GET', url },
    { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25' },
  );
  const response = await getResponse(handlers, new Request(url, { headers: signed.headers }));
  if (response?.status !== 200) throw new Error(`handler answered ${response?.status}`);
  await response.text();
}

const server = await startMockServer({ verifySignature: key, appGroups: { my_app: [] } });
const client = createOpenSearchClient({ endpoint: server.url, credentials: key, retry: false });
const serverCall = () =>
  client.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 });

async function rps(fn, concurrency) {
  for (let i = 0; i < 50; i++) await fn();
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

const cases = { handler: [handlerCall, 1], 'mock server, c=1': [serverCall, 1], 'mock server, c=16': [serverCall, 16] };
const rounds = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++)
  for (const [name, [fn, c]] of Object.entries(cases)) rounds[name].push(await rps(fn, c));
await server.close();
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  JSON.stringify({
    node: process.version,
    durationMs: DURATION_MS,
    rounds: ROUNDS,
    results: Object.fromEntries(Object.entries(rounds).map(([name, v]) => [name, median(v)])),
  }),
);
