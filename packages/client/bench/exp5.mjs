const s = await import('@acs-opensearch/client/signing');
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const url =
  'https://opensearch.cn-hangzhou.aliyuncs.com/v4/openapi/app-groups/my_app/functions/ctr/instances?pageSize=10';
const time = (name, fn, n = 200000) => {
  for (let i = 0; i < 5000; i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  console.log(name, (((performance.now() - t) * 1000) / n).toFixed(3));
};
const u = new URL(url);
time('new URL', () => new URL(url));
time('assertCredentials', () => s.assertCredentials(credentials));
time('acsDate', () => s.acsDate(Date.now()));
time('nonce', () => crypto.randomUUID());
time('canonicalQuery', () => s.canonicalQuery(u.search));
time('canonicalUri', () => s.canonicalUri(u.pathname));
const entries = [
  ['x-acs-action', 'A'],
  ['x-acs-version', 'V'],
  ['x-acs-date', '2026-01-01T00:00:00Z'],
  ['x-acs-signature-nonce', 'n'],
  ['x-acs-content-sha256', 'e3b0'],
  ['host', u.host],
];
time('canonicalHeaders', () => s.canonicalHeaders(entries));
time('empty promise', async () => 1, 200000);
