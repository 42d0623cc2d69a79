import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createOpenSearchClient } from '@acs-opensearch/client';

const DURATION_MS = Number(process.env.BENCH_MS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const body = JSON.stringify({
  requestId: 'r',
  totalCount: 2,
  result: Array.from({ length: 10 }, (_, i) => ({
    instanceName: `i${i}`,
    functionName: 'ctr',
    status: 'available',
    createTime: 1,
    source: 'user',
    belongs: { domain: 'x' },
  })),
});
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const host = `127.0.0.1:${server.address().port}`;
const endpoint = `http://${host}`;
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const path = '/v4/openapi/app-groups/my_app/functions/ctr/instances';
const url = `${endpoint}${path}?pageSize=10`;
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SIGNED = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';
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
const ours = createOpenSearchClient({ endpoint, credentials });
const contenders = {
  client: () => ours.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 }),
  lean: async () => (await fetch(url, { headers: leanHeaders() })).json(),
  'lean+signal': async () => {
    const a = new AbortController();
    return (await fetch(url, { headers: leanHeaders(), signal: a.signal })).json();
  },
  'lean+timer': async () => {
    const t = setTimeout(() => {}, 10000);
    try {
      return (await fetch(url, { headers: leanHeaders() })).json();
    } finally {
      clearTimeout(t);
    }
  },
  'lean+manual': async () =>
    (await fetch(url, { headers: leanHeaders(), redirect: 'manual', method: 'GET', body: undefined })).json(),
  'lean+text': async () => JSON.parse(await (await fetch(url, { headers: leanHeaders() })).text()),
};
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
const only = process.env.ONLY ? process.env.ONLY.split(',') : Object.keys(contenders);
for (const c of [1, 16]) {
  const ratios = Object.fromEntries(only.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const res = {};
    for (const n of only) res[n] = await rps(contenders[n], c);
    for (const n of only) ratios[n].push(res[n] / res.lean);
  }
  console.log(
    `c=${c}`,
    Object.fromEntries(
      Object.entries(ratios).map(([n, v]) => [n, v.sort((a, b) => a - b)[Math.floor(v.length / 2)].toFixed(3)]),
    ),
  );
}
server.close();
