#!/usr/bin/env node
// An HTTP fuzzer for acs-opensearch-mock: seeded, bounded in count and time, loopback only. It
// starts the mock server in a child process (the `acs-opensearch-mock` command, twice: without and
// with --verify-signature), sends generated requests over raw TCP (mutated paths, parameters,
// methods and headers, malformed JSON, chunked bodies, slow senders, bodies cut mid-way, signed
// requests tampered after signing, replayed nonces), classifies every answer and watches the
// child's RSS. A finding is a 5xx, a request with no answer (where one is due), a tampered or
// replayed request that is accepted, or RSS that keeps growing. Each finding prints the request
// and the command that replays it alone.
//
// Usage: pnpm fuzz [--seed N] [--count N] [--time-limit S] [--index I] [--mode plain|signed|both]
//   --seed N        seed of the whole run (default: 20171225)
//   --count N       requests per mode (default 2000)
//   --time-limit S  stop a mode after S seconds (default 120)
//   --index I       replay only request I of the seed (prints it and its answer)
//   --mode M        plain, signed or both (default both)
// Exit code 1 when there is a finding.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '20171225' },
    count: { type: 'string', default: '2000' },
    'time-limit': { type: 'string', default: '120' },
    index: { type: 'string' },
    mode: { type: 'string', default: 'both' },
  },
  strict: true,
});
const SEED = Number(args.seed);
const COUNT = Number(args.count);
const TIME_LIMIT_MS = Number(args['time-limit']) * 1000;
const ONLY = args.index === undefined ? undefined : Number(args.index);
const KEY = { accessKeyId: 'fuzz-ak', accessKeySecret: 'fuzz-sk' };
const bin = fileURLToPath(new URL('../bin/acs-opensearch-mock.mjs', import.meta.url));
const { signRequest } = await import(
  pathToFileURL(fileURLToPath(new URL('../../client/dist/node/signing.js', import.meta.url))).href
);
const { listOperations, openApiDocument } = await import(new URL('../dist/index.js', import.meta.url).href);
const ROUTE_OPS = listOperations(openApiDocument);
const ROUTES = ROUTE_OPS.map((op) => ({
  method: op.method,
  pattern: new RegExp(`^${op.path.replace(/\{[^{}]+\}/g, '[^/]+')}$`),
  action: op.extensions['x-acs-action'],
}));
/** The action the spec gives a method and path, as a client would sign it; a made-up one for anything else. */
const actionOf = (method, target) =>
  ROUTES.find((r) => r.method === method && r.pattern.test(target.split('?')[0]))?.action ?? 'ListFunctionInstances';

/** mulberry32, seeded per request: request i of seed s is the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = [
  '/v4/openapi/app-groups',
  '/v4/openapi/app-groups/{a}/functions/{f}/instances',
  '/v4/openapi/app-groups/{a}/functions/{f}/instances/{i}',
  '/v4/openapi/app-groups/{a}/functions/{f}/instances/{i}/tasks',
  '/v4/openapi/functions/{f}/current-version',
  '/v4/openapi/functions/{f}/versions/{v}',
];
const METHODS = [
  'GET',
  'GET',
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'get',
  'G E T',
];
const QUERY_KEYS = [
  'pageSize',
  'pageNumber',
  'source',
  'output',
  'modelType',
  'tags',
  'startTime',
  'endTime',
  'status',
  'name',
];
const ODD = [
  '',
  '%',
  '%ZZ',
  '%2F',
  '..',
  '.',
  'a b',
  '😀',
  '\u00e9',
  '0x10',
  '-1',
  '1e9',
  '99999999999',
  '[]',
  '{',
  'null',
];

/** A well-formed call of a real operation: what most traffic is, and what a signed run must accept. */
function clean(random, index) {
  const int = (n) => Math.floor(random() * n);
  const op = ROUTE_OPS[int(ROUTE_OPS.length)];
  const path = op.path.replace(/\{([^{}]+)\}/g, (_, name) => (name === 'versionId' ? '3' : `v${int(50)}`));
  const query = op.method === 'GET' && random() < 0.5 ? `?pageSize=${1 + int(20)}` : '';
  const body =
    op.method === 'POST'
      ? JSON.stringify({ instanceName: `n${int(100000)}`, modelType: 'm' })
      : op.method === 'PUT'
        ? JSON.stringify({ description: `d${int(100)}` })
        : '';
  const headers = [['Host', '127.0.0.1']];
  if (body) headers.push(['Content-Type', 'application/json']);
  const tamper = ['none', 'none', 'path', 'query', 'body', 'header', 'replay'][int(7)];
  return {
    index,
    method: op.method,
    target: `${path}${query}`,
    headers,
    body,
    bodyKind: body ? 'json' : 'none',
    tamper,
  };
}

function generate(seed, index) {
  const random = prng(seed * 1_000_003 + index);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  if (random() < 0.3) return clean(random, index);
  const value = () => (random() < 0.85 ? `v${int(1000)}` : pick(ODD));
  const segment = () => {
    const v = value();
    return random() < 0.8 ? encodeURIComponent(v) : v.replace(/ /g, '%20');
  };
  let path = pick(TEMPLATES).replace(/\{[a-z]\}/g, () => (random() < 0.05 ? '' : segment()));
  const shape = random();
  if (shape < 0.05) path = `${path}/extra`;
  else if (shape < 0.08) path = path.replace('/v4/', '//v4/');
  else if (shape < 0.1) path = `/${'a/'.repeat(int(2000))}`;
  else if (shape < 0.12) path = '*';
  const query = Array.from({ length: int(5) }, () => {
    const k = random() < 0.8 ? pick(QUERY_KEYS) : segment();
    const v =
      random() < 0.5
        ? String(int(50))
        : random() < 0.5
          ? encodeURIComponent('[{"key":"env","value":"prod"}]')
          : segment();
    return `${k}=${v}`;
  }).join('&');
  const target = `${path}${query ? `?${query}` : ''}`;
  const method = pick(METHODS);
  const headers = [];
  if (random() > 0.04) headers.push(['Host', random() < 0.97 ? '127.0.0.1' : pick(['a b', 'u:p@h', '', '[::1'])]);
  const bodyKind = pick(['none', 'none', 'json', 'json', 'broken', 'chunked', 'huge-declared', 'cut', 'slow']);
  let body = '';
  if (bodyKind === 'json')
    body = JSON.stringify(
      random() < 0.5
        ? { instanceName: value(), modelType: value(), description: random() < 0.3 ? 5 : value() }
        : { description: value(), cron: value(), extra: int(9) },
    );
  if (bodyKind === 'broken') body = pick(['{', '{"a":', 'null', '[]', '"x"', '{"instanceName":1e999}', '\u0000']);
  if (bodyKind !== 'none' && bodyKind !== 'chunked') {
    headers.push([
      'Content-Type',
      random() < 0.9 ? 'application/json' : pick(['text/plain', '', 'application/json; charset=utf-16']),
    ]);
    if (random() < 0.04) headers.push(['Content-Type', 'text/plain']);
  }
  if (random() < 0.05) headers.push(['x-acs-action', pick(['ListAppGroups', 'GetFunctionInstance', 'Nope', ''])]);
  if (random() < 0.03) headers.push(['x-big', 'a'.repeat(70_000)]);
  if (random() < 0.05) headers.push(['Origin', 'http://localhost:5173']);
  return {
    index,
    method,
    target,
    headers,
    body,
    bodyKind,
    tamper: pick(['none', 'none', 'none', 'path', 'query', 'body', 'header', 'replay']),
  };
}

/** The raw bytes of a request, and how to send them (all at once, slowly, or cut mid-body). */
function serialize(c) {
  const lines = [`${c.method} ${c.target} HTTP/1.1`, ...c.headers.map(([k, v]) => `${k}: ${v}`)];
  let payload = Buffer.from(c.body);
  if (c.bodyKind === 'chunked') {
    lines.push('Transfer-Encoding: chunked');
    payload = Buffer.from('4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n');
  } else if (c.bodyKind === 'huge-declared') lines.push(`Content-Length: ${50 * 1024 * 1024}`);
  else if (c.body) lines.push(`Content-Length: ${payload.length + (c.bodyKind === 'cut' ? 10 : 0)}`);
  lines.push('Connection: close', '', '');
  return { head: Buffer.from(lines.join('\r\n')), payload };
}

/** Sends one raw request; resolves to the status (0 when the connection closed with no answer) and the answer. */
function send(port, c, raw) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    const done = (status) => {
      socket.destroy();
      resolve({ status, out });
    };
    const timer = setTimeout(() => done(-1), 5000);
    socket.on('connect', async () => {
      socket.write(raw.head);
      if (c.bodyKind === 'slow') {
        for (const byte of raw.payload) {
          socket.write(Buffer.from([byte]));
          await new Promise((r) => setTimeout(r, 2));
        }
      } else socket.write(raw.payload);
      if (c.bodyKind === 'cut') socket.end();
    });
    socket.on('data', (d) => {
      out += d.toString('latin1');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(out);
      resolve({ status: m ? Number(m[1]) : 0, out });
    });
    socket.on('error', () => {});
  });
}

/** Signs the request as the client would, then tampers with it as the case says. */
async function signAndTamper(c, port) {
  const url = `http://127.0.0.1:${port}${c.target}`;
  const contentType = c.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  let signed;
  try {
    signed = await signRequest(
      { method: c.method, url, headers: contentType ? { 'content-type': contentType } : {}, body: c.body || undefined },
      { credentials: KEY, action: actionOf(c.method, c.target), version: '2017-12-25' },
    );
  } catch {
    return undefined; // Not a request the signer takes (an invalid method or URL): nothing to tamper with.
  }
  // The Host the signature covers is the URL's, port included.
  const headers = c.headers
    .filter(([k]) => !/^(x-acs-|authorization)/i.test(k))
    .map(([k, v]) => (k.toLowerCase() === 'host' ? [k, `127.0.0.1:${port}`] : [k, v]));
  for (const [k, v] of Object.entries(signed.headers)) if (k !== 'host') headers.push([k, v]);
  const tampered = { ...c, headers };
  if (c.tamper === 'path') tampered.target = c.target.replace(/\/([^/?]*)/, '/$1x');
  if (c.tamper === 'query') tampered.target = `${c.target}${c.target.includes('?') ? '&' : '?'}z=1`;
  if (c.tamper === 'body') tampered.body = `${c.body} `;
  if (c.tamper === 'header')
    tampered.headers = headers.map(([k, v]) => (k === 'x-acs-version' ? [k, '2099-01-01'] : [k, v]));
  return { tampered };
}

function rssOf(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function startChild(signed) {
  const child = spawn(
    process.execPath,
    [bin, '--port', '0', ...(signed ? ['--verify-signature', `${KEY.accessKeyId}:${KEY.accessKeySecret}`] : [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const port = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the mock server exited (${code})`)));
  });
  return { child, port };
}

/** What is wrong with an answer, or undefined. */
function problemOf(c, status, mustFail) {
  if (status >= 500) return `answered ${status}`;
  if (status === -1) return 'no answer within 5 s';
  if (status === 0 && c.bodyKind !== 'cut') return 'connection closed without an answer';
  if (mustFail && status >= 200 && status < 300) return `a request tampered (${c.tamper}) after signing was accepted`;
  return undefined;
}

/** Drops one part of the request at a time (a header, a query parameter, the body) while `same` still holds. */
async function minimize(port, c, same) {
  let best = c;
  const variants = (x) => {
    const [path, query = ''] = x.target.split('?');
    const params = query.split('&').filter(Boolean);
    return [
      ...x.headers.map((_, i) => ({ ...x, headers: x.headers.filter((__, j) => j !== i) })),
      ...params.map((_, i) => {
        const rest = params.filter((__, j) => j !== i).join('&');
        return { ...x, target: rest ? `${path}?${rest}` : path };
      }),
      ...(x.body || x.bodyKind !== 'none' ? [{ ...x, body: '', bodyKind: 'none' }] : []),
    ];
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const candidate of variants(best)) {
      const { status } = await send(port, candidate, serialize(candidate));
      if (same(candidate, status)) {
        best = candidate;
        changed = true;
        break;
      }
    }
  }
  return best;
}

const describeCase = (c, raw) =>
  `${raw.head.toString('latin1').slice(0, 400).replace(/\r\n/g, '\n      ')}${raw.payload.length ? `\n      <${raw.payload.length} body bytes: ${JSON.stringify(raw.payload.toString().slice(0, 80))}>` : ''} [body: ${c.bodyKind}, tamper: ${c.tamper}]`;

async function runMode(signed) {
  const mode = signed ? 'signed' : 'plain';
  const { child, port } = await startChild(signed);
  const findings = [];
  const counts = {};
  const started = Date.now();
  const rssStart = rssOf(child.pid);
  let rssPeak = rssStart;
  let sent = 0;
  try {
    const indexes = ONLY === undefined ? Array.from({ length: COUNT }, (_, i) => i) : [ONLY];
    for (const index of indexes) {
      if (Date.now() - started > TIME_LIMIT_MS) break;
      let c = generate(SEED + (signed ? 1 : 0), index);
      let mustFail = false;
      if (signed) {
        const result = await signAndTamper(c, port);
        if (result) {
          c = result.tampered;
          mustFail = c.tamper !== 'none';
          // A replay: the same signed bytes once as they are, then again, which must be refused.
          if (c.tamper === 'replay') await send(port, c, serialize(c));
        }
      }
      const raw = serialize(c);
      const { status, out } = await send(port, c, raw);
      sent += 1;
      const klass = status === -1 ? 'timeout' : status === 0 ? 'no answer' : `${String(status)[0]}xx`;
      counts[klass] = (counts[klass] ?? 0) + 1;
      const problem = problemOf(c, status, mustFail);
      if (ONLY !== undefined)
        console.log(
          `[${mode}] #${index}\n      ${describeCase(c, raw)}\n   -> ${out.split('\r\n')[0] || '(nothing)'}\n      ${out.split('\r\n\r\n')[1]?.slice(0, 300) ?? ''}`,
        );
      if (problem) {
        // The smallest request that shows the same problem: headers, query parameters and the body dropped one at a time.
        const minimal = await minimize(
          port,
          c,
          (candidate, answer) => problemOf(candidate, answer, mustFail) === problem,
        );
        findings.push({ index, problem, request: describeCase(minimal, serialize(minimal)) });
      }
      if (index % 250 === 0) rssPeak = Math.max(rssPeak, rssOf(child.pid));
    }
  } finally {
    rssPeak = Math.max(rssPeak, rssOf(child.pid));
    child.kill('SIGTERM');
  }
  const rssGrowth = rssPeak - rssStart;
  if (ONLY === undefined && rssGrowth > 150 * 2 ** 20)
    findings.push({
      index: -1,
      problem: `RSS grew ${(rssGrowth / 2 ** 20).toFixed(0)} MiB`,
      request: '(the whole run)',
    });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz [${mode}] seed ${SEED}: ${sent} requests in ${seconds} s; ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; RSS ${(rssStart / 2 ** 20).toFixed(0)} -> peak ${(rssPeak / 2 ** 20).toFixed(0)} MiB`,
  );
  for (const f of findings.slice(0, 20))
    console.log(
      `FINDING [${mode}] #${f.index}: ${f.problem}\n      ${f.request}\n      replay: pnpm fuzz --seed ${SEED} --mode ${mode} --index ${f.index}`,
    );
  if (findings.length > 20) console.log(`... and ${findings.length - 20} more findings`);
  return findings.length;
}

let total = 0;
if (args.mode !== 'signed') total += await runMode(false);
if (args.mode !== 'plain') total += await runMode(true);
process.exit(total === 0 ? 0 : 1);
