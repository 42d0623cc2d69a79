import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createOpenSearchClient } from '@acs-opensearch/client';

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
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
const fetch0 = async () => new Response(body, { headers });
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const host = 'h.example';
const path = '/v4/openapi/app-groups/my_app/functions/ctr/instances';
const url = `http://${host}${path}?pageSize=10`;
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
const client = createOpenSearchClient({ endpoint: `http://${host}`, credentials, fetch: fetch0 });
const hooked = createOpenSearchClient({
  endpoint: `http://${host}`,
  credentials,
  fetch: fetch0,
  hooks: { onResponse() {} },
});
const c = {
  client: () => client.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 }),
  hooked: () => hooked.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 }),
  lean: async () => (await fetch0(url, { headers: leanHeaders() })).json(),
};
const N = 20000;
async function time(fn) {
  const t = performance.now();
  for (let i = 0; i < N; i++) await fn();
  return ((performance.now() - t) * 1000) / N;
}
for (const fn of Object.values(c)) for (let i = 0; i < 3000; i++) await fn();
const res = Object.fromEntries(Object.keys(c).map((k) => [k, []]));
for (let r = 0; r < 7; r++) for (const [k, fn] of Object.entries(c)) res[k].push(await time(fn));
const med = (v) => v.sort((a, b) => a - b)[3];
console.log(Object.fromEntries(Object.entries(res).map(([k, v]) => [k, med(v).toFixed(2) + ' µs'])));
