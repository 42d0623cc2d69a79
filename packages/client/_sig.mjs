import { performance } from 'node:perf_hooks';
const { signRequest, defaultCrypto } = await import('@acs-opensearch/client/signing');
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const url = 'https://opensearch.cn-hangzhou.aliyuncs.com/v4/openapi/app-groups/my_app/functions/ctr/instances?pageSize=10';
const canonical = (await signRequest({ method: 'GET', url }, { credentials, action: 'ListFunctionInstances', version: '2017-12-25' })).canonicalRequest;
const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
const time = (fn, n) => { for (let i = 0; i < 5000; i++) fn(); const t = performance.now(); for (let i = 0; i < n; i++) fn(); return ((performance.now() - t) * 1000) / n; };
const timeAsync = async (fn, n) => { for (let i = 0; i < 5000; i++) await fn(); const t = performance.now(); for (let i = 0; i < n; i++) await fn(); return ((performance.now() - t) * 1000) / n; };
const r = { hashes: [], general: [], url: [] };
for (let i = 0; i < 7; i++) {
  r.hashes.push(time(() => defaultCrypto.hmacSha256Hex(credentials.accessKeySecret, 'ACS3-HMAC-SHA256\n' + defaultCrypto.sha256Hex(canonical)), 100000));
  r.general.push(await timeAsync(() => signRequest({ method: 'GET', url }, { credentials, action: 'ListFunctionInstances', version: '2017-12-25' }), 30000));
  r.url.push(time(() => new URL(url), 100000));
}
const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)]));
console.log(JSON.stringify(m), 'ratio', (m.general / m.hashes).toFixed(2));
