import { createServer } from 'node:http';
const body = JSON.stringify({ requestId: 'x', totalCount: 2, result: Array.from({ length: 10 }, (_, i) => ({ instanceName: `instance_${i}`, functionName: 'ctr', belongs: { domain: 'e' }, description: '', status: 'available' })) });
const server = createServer((req, res) => { req.resume(); res.writeHead(200, { 'content-type': 'application/json' }).end(body); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/x?pageSize=10`;
const h = { accept: 'application/json', 'x-acs-a': '1', 'x-acs-b': '2', 'x-acs-c': '3', 'x-acs-d': '4', authorization: 'x'.repeat(200) };
const variants = {
  plain: async () => (await fetch(url, { headers: h })).json(),
  signal: async () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 10000); try { return (await fetch(url, { headers: h, signal: c.signal })).json(); } finally { clearTimeout(t); } },
  timeoutSignal: async () => (await fetch(url, { headers: h, signal: AbortSignal.timeout(10000) })).json(),
  manual: async () => (await fetch(url, { headers: h, redirect: 'manual' })).json(),
  text: async () => JSON.parse(await (await fetch(url, { headers: h })).text()),
  all: async () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 10000); try { return JSON.parse(await (await fetch(url, { method: 'GET', headers: h, body: undefined, signal: c.signal, redirect: 'manual' })).text()); } finally { clearTimeout(t); } },
};
async function rps(fn, conc) { for (let i = 0; i < 100; i++) await fn(); let n = 0; const end = performance.now() + 1500; await Promise.all(Array.from({ length: conc }, async () => { while (performance.now() < end) { await fn(); n++; } })); return n / 1.5; }
for (const conc of [1, 16]) { const r = {}; for (let round = 0; round < 2; round++) for (const [k, f] of Object.entries(variants)) (r[k] ??= []).push(await rps(f, conc)); console.log(conc, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(Math.max(...v))]))); }
server.close();
