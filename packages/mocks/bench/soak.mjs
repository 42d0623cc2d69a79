// Soak: a long run of requests with ever-new keys (app groups, functions, filters, and one create in
// ten) through the mock server over HTTP, reporting the heap and the RSS as it goes. Memory should
// level off: every cache, log, nonce store and store in the mocks is bounded.
// Run: node bench/soak.mjs [requests]   (default 100,000; build first: pnpm build)
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startMockServer } from '../dist/node.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc');
const total = Number(process.argv[2] ?? 100_000);
const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const settle = async () => {
  for (let i = 0; i < 4; i++) {
    gc();
    await sleep(20);
  }
  return process.memoryUsage();
};

const server = await startMockServer();
const base = `${server.url}/v4/openapi/app-groups`;
const send = async (i) => {
  const app = `app_${i}`;
  const response =
    i % 10 === 0
      ? await fetch(`${base}/${app}/functions/ctr/instances`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ instanceName: `new_${i}`, modelType: `m${i}` }),
        })
      : await fetch(`${base}/${app}/functions/f${i % 97}/instances?modelType=m${i}&pageSize=5`);
  if (response.status >= 500) throw new Error(`request ${i}: ${response.status}`);
  await response.arrayBuffer();
};
try {
  const start = await settle();
  console.log(`start: heap ${mib(start.heapUsed)}, rss ${mib(start.rss)}`);
  const step = Math.max(1, Math.floor(total / 10));
  for (let i = 0; i < total; i++) {
    await send(i);
    if ((i + 1) % step === 0) {
      const now = await settle();
      console.log(
        `${String(i + 1).padStart(7)} requests: heap ${mib(now.heapUsed)} (${now.heapUsed >= start.heapUsed ? '+' : ''}${mib(now.heapUsed - start.heapUsed)}), rss ${mib(now.rss)}`,
      );
    }
  }
} finally {
  await server.close();
}
