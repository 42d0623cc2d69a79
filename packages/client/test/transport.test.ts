// One suite for both transports, against a real HTTP server on 127.0.0.1: vitest's `web` project
// runs it with fetch, its `node` project with node:http (the Node build's files swapped in,
// vitest.config.ts). Success, a signed body that arrives whole, timeouts (before the answer and
// while reading it), the caller's abort, the size cap (declared, streamed, compressed), redirects
// refused, retries, a refused connection, an answer cut off, keep-alive, and a BOM: each behaves the
// same, whichever transport sends.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchClient, type OpenSearchClientOptions, responseMetadata } from '../src/index.js';
import { credentials } from './fakeFetch.js';
import { OpenApiUtil } from './officialSigner.js';
import { callOf, okBody, pagedGet, paramsFor, unsafePost } from './specShapes.js';

const TRANSPORT = (process.env.ACS_TEST_TRANSPORT ?? 'fetch') as 'fetch' | 'node';
const list = pagedGet();
const post = unsafePost();
const { items, totalCount } = list.pagination!;
const okText = JSON.stringify(okBody(list, { [items]: [{ n: 1 }], [totalCount]: 1 }));

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}
let handlers: Handler[] = [];
const seen: Seen[] = [];
const sockets = new Set<Socket>();
let connections = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const handler = handlers[Math.min(seen.length - 1, handlers.length - 1)];
    handler!(req, res, body);
  });
});
server.on('connection', (socket) => {
  connections += 1;
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  handlers = [];
  seen.length = 0;
  connections = 0;
  for (const socket of sockets) socket.destroy();
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const answer =
  (status: number, text: string, headers: Record<string, string | number> = {}): Handler =>
  (_req, res) =>
    res
      .writeHead(status, { 'content-type': 'application/json', 'x-acs-request-id': `R${status}`, ...headers })
      .end(text);
const ok = answer(200, okText);
const hang: Handler = () => {};

function clientWith(options: Partial<OpenSearchClientOptions> = {}) {
  return createOpenSearchClient({
    endpoint,
    credentials,
    transport: TRANSPORT === 'node' ? 'node' : 'fetch',
    retry: { baseDelayMs: 1 },
    ...options,
  });
}
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (e: unknown) => e as Record<string, unknown> & Error,
  );

describe(`the ${TRANSPORT} transport`, () => {
  it('says which it is in config', () => {
    expect(clientWith().config.transport).toBe(TRANSPORT === 'node' ? 'node:http' : 'fetch');
  });

  it('sends a signed GET and reads its answer', async () => {
    handlers = [ok];
    const body = await callOf(clientWith(), list)();
    expect(body).toEqual(JSON.parse(okText));
    expect(responseMetadata(body)).toMatchObject({ status: 200, attempts: 1 });
    const [request] = seen;
    expect(request!.method).toBe('GET');
    expect(request!.headers.host).toBe(new URL(endpoint).host);
    expect(request!.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=AKID-TEST,/);
  });

  it('sends a body whole, with its length, signed as the official signer signs it', async () => {
    handlers = [answer(200, JSON.stringify(okBody(post)))];
    const params = paramsFor(post) as { body: Record<string, unknown> };
    // A free-text field of the body carries characters that take more than one byte.
    const free = Object.entries(post.body!.fields ?? {}).find(
      ([name, rule]) => rule.type === 'string' && !rule.pattern && !rule.enum && name in params.body,
    );
    if (free) params.body[free[0]] = '名字 ünïcode';
    const error = await callOf(clientWith({ retry: false }), post)(params).catch((e: unknown) => e);
    expect(error instanceof Error ? error.message : '').not.toMatch(/invalid|must/i);
    const [request] = seen;
    expect(request, 'the request reached the server').toBeDefined();
    expect(JSON.parse(request!.body.toString('utf8'))).toEqual(params.body);
    expect(Number(request!.headers['content-length'])).toBe(request!.body.length);
    expect(request!.headers['x-acs-content-sha256']).toBe(createHash('sha256').update(request!.body).digest('hex'));
    const url = new URL(request!.url, endpoint);
    const headers = Object.fromEntries(
      Object.entries(request!.headers).filter(
        ([name]) => name.startsWith('x-acs-') || name === 'host' || name === 'content-type',
      ),
    ) as Record<string, string>;
    const expected = OpenApiUtil.getAuthorization(
      {
        pathname: decodeURIComponent(url.pathname),
        method: request!.method,
        query: Object.fromEntries(url.searchParams),
        headers,
      },
      'ACS3-HMAC-SHA256',
      headers['x-acs-content-sha256']!,
      credentials.accessKeyId,
      credentials.accessKeySecret,
    );
    expect(request!.headers.authorization).toBe(expected);
  });

  it('a server that never answers: Timeout after timeoutMs, each attempt, then the error says 3 attempts', async () => {
    handlers = [hang];
    const error = await rejection(callOf(clientWith({ timeoutMs: 80 }), list)());
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'Timeout', attempts: 3 });
    expect(error.message).toContain('before any response');
    expect(seen).toHaveLength(3);
  });

  it('a body that stalls: Timeout while reading the response', async () => {
    handlers = [
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
        res.write('{"requestId":');
      },
    ];
    const error = await rejection(callOf(clientWith({ timeoutMs: 80, retry: false }), list)());
    expect(error).toMatchObject({ code: 'Timeout', status: 200, attempts: 1 });
    expect(error.message).toContain('while reading the response');
  });

  it("the caller's abort ends the call with the caller's reason", async () => {
    handlers = [hang];
    const controller = new AbortController();
    const reason = new Error('user left the page');
    setTimeout(() => controller.abort(reason), 50);
    const error = await rejection(callOf(clientWith(), list)(paramsFor(list), { signal: controller.signal }));
    expect(error).toBe(reason);
  });

  it('a declared length over maxResponseBytes: ResponseTooLarge, not retried', async () => {
    handlers = [answer(200, 'x'.repeat(5000))];
    const error = await rejection(callOf(clientWith({ maxResponseBytes: 1000 }), list)());
    expect(error).toMatchObject({ code: 'ResponseTooLarge', status: 200, attempts: 1, retryable: false });
  });

  it('a streamed body over maxResponseBytes: ResponseTooLarge, the rest never read', async () => {
    handlers = [
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = 'y'.repeat(1024);
        let sent = 0;
        const more = () => {
          if (res.destroyed || sent > 5000) return res.end();
          sent += 1;
          res.write(chunk, () => setImmediate(more));
        };
        more();
      },
    ];
    const error = await rejection(callOf(clientWith({ maxResponseBytes: 4096 }), list)());
    expect(error).toMatchObject({ code: 'ResponseTooLarge' });
  });

  it('a compressed body: decoded, and the cap counts decoded bytes (a bomb stops at the cap)', async () => {
    const small = gzipSync(okText);
    handlers = [answer(200, '', {})];
    handlers = [
      (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' }).end(small),
    ];
    expect(await callOf(clientWith(), list)()).toEqual(JSON.parse(okText));
    const bomb = gzipSync(Buffer.alloc(5_000_000, 32));
    handlers = [
      (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' }).end(bomb),
    ];
    seen.length = 0;
    const error = await rejection(callOf(clientWith({ maxResponseBytes: 100_000 }), list)());
    expect(error).toMatchObject({ code: 'ResponseTooLarge' });
  });

  it('a redirect is an error, never followed', async () => {
    handlers = [answer(302, '', { location: 'https://elsewhere.example/steal?x=1' })];
    const error = await rejection(callOf(clientWith(), list)());
    expect(error).toMatchObject({ code: 'UnexpectedRedirect', status: 302, attempts: 1 });
    expect(error.message).toContain('https://elsewhere.example');
    expect(error.message).not.toContain('steal');
    expect(seen).toHaveLength(1);
  });

  it('503, 503, then 200: retried to success, 3 attempts', async () => {
    handlers = [answer(503, '{"code":"InternalError","message":"later"}'), answer(503, '{}'), ok];
    const body = await callOf(clientWith(), list)();
    expect(responseMetadata(body)).toMatchObject({ status: 200, attempts: 3, requestId: expect.any(String) });
    expect(seen).toHaveLength(3);
  });

  it('a refused connection: NetworkError after every attempt', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(callOf(clientWith({ endpoint: `http://127.0.0.1:${port}` }), list)());
    expect(error).toMatchObject({ name: 'NetworkError', code: 'NetworkError', attempts: 3 });
  });

  it('an answer cut off before its end: NetworkError (or Timeout), retried', async () => {
    handlers = [
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
        res.write('{"requestId":"cut', () => res.socket?.destroy());
      },
      ok,
    ];
    const body = await callOf(clientWith(), list)();
    expect(responseMetadata(body)).toMatchObject({ attempts: 2 });
  });

  it('keeps the connection alive across calls', async () => {
    handlers = [ok];
    const client = clientWith();
    for (let i = 0; i < 5; i++) await callOf(client, list)();
    expect(seen).toHaveLength(5);
    expect(connections).toBe(1);
  });

  it('drops a UTF-8 BOM as fetch does', async () => {
    handlers = [(_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`\uFEFF${okText}`)];
    expect(await callOf(clientWith(), list)()).toEqual(JSON.parse(okText));
  });
});

describe.runIf(TRANSPORT === 'node')('choosing the node transport', () => {
  it('an agent of your own carries every request (a pool, a proxy agent)', async () => {
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let made = 0;
    const create = agent.createConnection.bind(agent);
    agent.createConnection = ((...args: Parameters<typeof create>) => {
      made += 1;
      return create(...args);
    }) as typeof agent.createConnection;
    handlers = [ok];
    const client = clientWith({ agent });
    await Promise.all([callOf(client, list)(), callOf(client, list)(), callOf(client, list)()]);
    expect(seen).toHaveLength(3);
    expect(made).toBe(1);
    agent.destroy();
  });

  it("'auto' follows a fetch replaced after the client loaded (MSW, a stub); 'node' never does", async () => {
    handlers = [ok];
    const original = globalThis.fetch;
    const stubbed: string[] = [];
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      stubbed.push(String(input));
      return original(input, init);
    }) as typeof fetch;
    try {
      await callOf(clientWith({ transport: 'auto' }), list)();
      expect(stubbed).toHaveLength(1);
      await callOf(clientWith({ transport: 'node' }), list)();
      expect(stubbed).toHaveLength(1);
    } finally {
      globalThis.fetch = original;
    }
    await callOf(clientWith({ transport: 'auto' }), list)();
    expect(stubbed).toHaveLength(1);
    expect(seen).toHaveLength(3);
  });

  it("'auto' over a replaced fetch still times each attempt out (the engine's timer, not the transport's)", async () => {
    handlers = [hang];
    const original = globalThis.fetch;
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => original(input, init)) as typeof fetch;
    try {
      // Retried: fetch's pool may first pick a connection an earlier test's server closed.
      const client = clientWith({ transport: 'auto', timeoutMs: 60, retry: { maxAttempts: 3, baseDelayMs: 1 } });
      const started = Date.now();
      const error = await rejection(callOf(client, list)());
      expect(error).toMatchObject({ name: 'TimeoutError', code: 'Timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      globalThis.fetch = original;
    }
  });

  it.each([
    [{ transport: 'http2' }, 'transport'],
    [{ agent: 'proxy' }, 'agent'],
    [{ agent: null }, 'agent'],
  ])('%j is refused naming %s', (options, parameter) => {
    expect(() => clientWith(options as never)).toThrow(expect.objectContaining({ parameter }));
  });

  it('the fetch option wins, and says so', () => {
    expect(clientWith({ fetch: globalThis.fetch, transport: 'auto' }).config.transport).toBe('custom fetch');
  });
});

describe.runIf(TRANSPORT === 'fetch')('outside Node', () => {
  it("transport 'node' is refused: there is no node:http", () => {
    expect(() => clientWith({ transport: 'node' as never })).toThrow(
      expect.objectContaining({ parameter: 'transport' }),
    );
  });
});
