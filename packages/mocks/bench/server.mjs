// Benchmark (a script, not a test): the mock server as users run it (default options: the default
// data, the request log on, signature verification on) against a plain node:http server that
// answers the same JSON, both driven by the same signing client (the generated method, retries off)
// at concurrency 32, in interleaved fixed-time rounds; the tuned mock server (an empty app group, no
// request log) beside them. Prints each round, the medians and the ratios mock / plain (the target
// is at least 0.5) and tuned / plain as JSON on the last line.
// Run: pnpm --filter @acs-opensearch/mocks bench:server (after pnpm build). BENCH_MS, BENCH_ROUNDS,
// BENCH_CONCURRENCY override the defaults (1000 ms, 7 rounds, 32).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createOpenSearchClient } from '@acs-opensearch/client';

const DURATION_MS = Number(process.env.BENCH_MS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const key = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const params = { appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 };

// The servers run in a child process, the client here: each side has its own event loop, as a
// test suite and the mock server it calls do.
const child = fork(fileURLToPath(new URL('./servers.mjs', import.meta.url)), {
  execArgv: process.env.SERVER_ARGS?.split(' ').filter(Boolean) ?? [],
});
const urls = await new Promise((resolve) => child.once('message', resolve));
const mockClient = createOpenSearchClient({ endpoint: urls.mock, credentials: key, retry: false });
// The plain server answers exactly what the mock answers.
const body = JSON.stringify(
  await (
    await fetch(`${urls.mock}/v4/openapi/app-groups/my_app/functions/ctr/instances?pageSize=10`, {
      headers: await signedHeaders(urls.mock),
    })
  ).json(),
);
child.send({ body });
const plainClient = createOpenSearchClient({ endpoint: urls.plain, credentials: key, retry: false });
const tunedClient = createOpenSearchClient({ endpoint: urls.tuned, credentials: key, retry: false });
const clients = { mock: mockClient, tuned: tunedClient, plain: plainClient };

/** Signed headers for the sample request, from the client's own signer. */
async function signedHeaders(base) {
  const { signRequest } = await import('@acs-opensearch/client/signing');
  const signed = await signRequest(
    { method: 'GET', url: `${base}/v4/openapi/app-groups/my_app/functions/ctr/instances?pageSize=10` },
    { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25' },
  );
  return signed.headers;
}

async function rps(client) {
  const call = () => client.listFunctionInstances(params);
  for (let i = 0; i < 50; i++) await call();
  let count = 0;
  const end = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await call();
        count += 1;
      }
    }),
  );
  return count / (DURATION_MS / 1000);
}

const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  // Interleaved, and the order alternates so that neither always runs on a warmer machine.
  const order = round % 2 === 0 ? ['mock', 'plain', 'tuned'] : ['tuned', 'plain', 'mock'];
  const result = {};
  for (const name of order) result[name] = await rps(clients[name]);
  result.ratio = result.mock / result.plain;
  result.tunedRatio = result.tuned / result.plain;
  rounds.push(result);
  console.error(
    `round ${round + 1}: mock ${result.mock.toFixed(0)}/s, tuned ${result.tuned.toFixed(0)}/s, plain ${result.plain.toFixed(0)}/s, ratio ${result.ratio.toFixed(2)} (tuned ${result.tunedRatio.toFixed(2)})`,
  );
}
child.send({ stop: true });
await new Promise((resolve) => child.once('exit', resolve));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  JSON.stringify({
    node: process.version,
    concurrency: CONCURRENCY,
    durationMs: DURATION_MS,
    rounds: ROUNDS,
    config: 'default options: the default data, the request log on, signature verification on',
    mockPerSecond: Math.round(median(rounds.map((r) => r.mock))),
    plainPerSecond: Math.round(median(rounds.map((r) => r.plain))),
    ratio: Number(median(rounds.map((r) => r.ratio)).toFixed(3)),
    tunedPerSecond: Math.round(median(rounds.map((r) => r.tuned))),
    tunedRatio: Number(median(rounds.map((r) => r.tunedRatio)).toFixed(3)),
    target: 0.5,
  }),
);
