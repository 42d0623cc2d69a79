// Hostile servers and bad input, against real node:http servers on 127.0.0.1: the client never
// follows a redirect, never leaks a secret, caps what it reads, keeps a sane clock, and every
// failure is a typed OpenSearchError with method and url.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { createGzip } from 'node:zlib';
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOpenSearchClient,
  createSigningMiddleware,
  type OpenSearchClientOptions,
  OpenSearchError,
  type paths,
  type ServerError,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { params } from './fakeFetch.js';

const SECRET = 'hostile-secret-7f3a9c';
const TOKEN = 'STS.hostile-token-51b2e8';
const credentials = { accessKeyId: 'AK-hostile', accessKeySecret: SECRET, securityToken: TOKEN };
const SECRETS = [SECRET, TOKEN, 'hunter2'];

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}
const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections?.();
    s.close();
  }
});

async function serve(handler: Handler) {
  const seen: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      handler(req, res, Buffer.concat(chunks).toString());
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const ok = (res: ServerResponse) =>
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ requestId: 'r', totalCount: 0, result: [] }));

/** Every way an error can be looked at, for the secret scan. */
function views(error: unknown): string[] {
  const out: string[] = [String(error), inspect(error, { depth: 20, showHidden: true })];
  try {
    out.push(JSON.stringify(error));
  } catch {
    out.push('unserializable');
  }
  let current: unknown = error;
  for (let i = 0; current && i < 10; i++) {
    const e = current as { message?: unknown; stack?: unknown; body?: unknown; cause?: unknown };
    out.push(String(e.message), String(e.stack), typeof e.body === 'string' ? e.body : (JSON.stringify(e.body) ?? ''));
    current = e.cause;
  }
  return out;
}
const collected: unknown[] = [];
function expectTyped(error: unknown, extra: Record<string, unknown> = {}) {
  collected.push(error);
  expect(error).toBeInstanceOf(OpenSearchError);
  expect(error).toMatchObject(extra);
  for (const view of views(error)) for (const secret of SECRETS) expect(view).not.toContain(secret);
}
const client = (url: string, more: OpenSearchClientOptions = {}) =>
  createOpenSearchClient({ endpoint: url, credentials, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...more });

describe('redirects are never followed', () => {
  it.each([301, 302, 307, 308])(
    'HTTP %i to another origin: UnexpectedRedirect naming the status and only the origin; nothing reaches it',
    async (status) => {
      const other = await serve((_req, res) => ok(res));
      const api = await serve((_req, res) => res.writeHead(status, { location: `${other.url}/steal?token=x` }).end());
      const error = await client(api.url)
        .listFunctionInstances(params)
        .catch((e: unknown) => e);
      expectTyped(error, { name: 'ServerError', code: 'UnexpectedRedirect', status, retryable: false, method: 'GET' });
      expect((error as Error).message).toContain(`HTTP ${status} to ${other.url}`);
      expect((error as Error).message).not.toContain('/steal');
      expect(other.seen).toHaveLength(0);
      expect(api.seen).toHaveLength(1);
    },
  );

  it('a custom fetch that follows anyway: the answer is refused, not used', async () => {
    const other = await serve((_req, res) => ok(res));
    const api = await serve((_req, res) => res.writeHead(302, { location: other.url }).end());
    const following: typeof fetch = (input, init) => fetch(input, { ...init, redirect: 'follow' });
    const error = await client(api.url, { fetch: following })
      .listFunctionInstances(params)
      .catch((e: unknown) => e);
    expectTyped(error, { code: 'UnexpectedRedirect' });
  });
});

describe('header values are checked before anything is sent', () => {
  const bad = ['tok\r\nX-Evil: 1', 'tok\nen', 'tok\u0000', 'tøk€n'];
  it.each(bad)('static credentials with %j: ValidationError naming the field, never the value', (token) => {
    const error = (() => {
      try {
        createOpenSearchClient({ credentials: { ...credentials, securityToken: `${TOKEN}${token}` } });
      } catch (e) {
        return e;
      }
    })();
    expectTyped(error, { name: 'ValidationError', parameter: 'credentials.securityToken' });
  });

  it('an AccessKey id or a userAgent with CR/LF, too', () => {
    expect(() => createOpenSearchClient({ credentials: { ...credentials, accessKeyId: 'AK\r\n' } })).toThrow(
      ValidationError,
    );
    expect(() => createOpenSearchClient({ credentials, userAgent: 'ua\r\nx: y' })).toThrow(
      /userAgent must be a string without CR, LF, NUL/,
    );
  });

  it('a provider that resolves a bad token: the call rejects, nothing is sent', async () => {
    const api = await serve((_req, res) => ok(res));
    const error = await client(api.url, {
      credentials: async () => ({ ...credentials, securityToken: `${TOKEN}\r\n` }),
    })
      .listFunctionInstances(params)
      .catch((e: unknown) => e);
    expectTyped(error, { name: 'ValidationError', parameter: 'credentials.securityToken' });
    expect(api.seen).toHaveLength(0);
  });

  it('through createSigningMiddleware, and a raw call with a bad header of its own', async () => {
    const api = await serve((_req, res) => ok(res));
    const raw = createClient<paths>({ baseUrl: api.url });
    raw.use(createSigningMiddleware({ credentials: async () => ({ ...credentials, securityToken: `${TOKEN}\n` }) }));
    const error = await raw
      .GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', { params: { path: params } })
      .catch((e: unknown) => e);
    expectTyped(error, { name: 'ValidationError' });
    const headerError = await client(api.url)
      .GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', {
        params: { path: params },
        headers: { 'x-trace': `${TOKEN}\r\n` },
      })
      .catch((e: unknown) => e);
    expectTyped(headerError, { name: 'ValidationError', parameter: 'headers["x-trace"]' });
    expect(api.seen).toHaveLength(0);
  });
});

describe('clock skew', () => {
  const expired = (date: string) => (req: IncomingMessage, res: ServerResponse) => {
    if (String(req.headers['x-acs-date']).startsWith('1999')) return ok(res);
    res
      .writeHead(400, { 'content-type': 'application/json', date })
      .end(JSON.stringify({ Code: 'InvalidTimeStamp.Expired', Message: 'expired' }));
  };

  it.each(['Sat, 13 Sep 275760 00:00:00 GMT', 'not a date', 'Thu, 01 Jan 1970 00:00:00 GMT', ''])(
    'a bad or absurd Date (%j) leaves the clock alone, and later calls keep working',
    async (date) => {
      let calls = 0;
      const api = await serve((req, res) => (calls++ === 0 ? expired(date)(req, res) : ok(res)));
      const c = client(api.url);
      expectTyped(await c.listFunctionInstances(params).catch((e: unknown) => e), { code: 'InvalidTimeStamp.Expired' });
      await expect(c.listFunctionInstances(params)).resolves.toMatchObject({ requestId: 'r' });
      const sent = Date.parse(api.seen.at(-1)!.headers['x-acs-date'] as string);
      expect(Math.abs(sent - Date.now())).toBeLessThan(5000);
    },
  );

  it('a sane Date within 24 h corrects the clock once', async () => {
    const ahead = new Date(Date.now() + 3 * 3600_000).toUTCString();
    let calls = 0;
    const api = await serve((req, res) => (calls++ === 0 ? expired(ahead)(req, res) : ok(res)));
    await client(api.url).listFunctionInstances(params);
    const sent = Date.parse(api.seen.at(-1)!.headers['x-acs-date'] as string);
    expect(sent - Date.now()).toBeGreaterThan(3 * 3600_000 - 5000);
  });
});

describe('endpoint', () => {
  it('with userinfo is refused, and the password appears nowhere', () => {
    const error = (() => {
      try {
        createOpenSearchClient({ endpoint: 'http://user:hunter2@127.0.0.1:1', credentials });
      } catch (e) {
        return e;
      }
    })();
    expectTyped(error, { name: 'ValidationError', parameter: 'endpoint' });
  });
});

describe('response size', () => {
  it('a gzip bomb stops at maxResponseBytes: ResponseTooLarge, read once, not retried', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(res);
      const zeros = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 256) {
          sent++;
          if (!gzip.write(zeros)) return gzip.once('drain', pump);
        }
        gzip.end();
      };
      res.on('close', () => gzip.destroy());
      pump();
    });
    const before = process.memoryUsage().rss;
    const error = await client(api.url, { maxResponseBytes: 1024 * 1024 })
      .listFunctionInstances(params)
      .catch((e: unknown) => e);
    expectTyped(error, { name: 'ServerError', code: 'ResponseTooLarge', status: 200, retryable: false });
    expect(api.seen).toHaveLength(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('a declared length over the cap is refused before reading', async () => {
    const api = await serve((_req, res) => res.writeHead(500, { 'content-length': String(50 * 1024 * 1024) }).end());
    const error = await client(api.url, { maxResponseBytes: 1024 })
      .listFunctionInstances(params)
      .catch((e: unknown) => e);
    expectTyped(error, { code: 'ResponseTooLarge' });
  });

  it('a body that never ends is cut by the attempt timeout', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"requestId":"r","result":[');
    });
    const error = await client(api.url, { timeoutMs: 150, retry: false })
      .listFunctionInstances(params)
      .catch((e: unknown) => e);
    expectTyped(error, { name: 'TimeoutError' });
    expect((error as Error).message).toContain('while reading the response');
  });

  it('server text in error.message is cut and escaped: CR/LF, ANSI, megabytes', async () => {
    const message = `\u001b[31mred\r\nInjected: yes ${'x'.repeat(3 * 1024 * 1024)}`;
    const api = await serve((_req, res) =>
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ Code: 'Bad\r\nCode', Message: message })),
    );
    const error = (await client(api.url)
      .listFunctionInstances(params)
      .catch((e: unknown) => e)) as OpenSearchError;
    expectTyped(error, { name: 'ClientError', status: 400 });
    expect(error.message.length).toBeLessThan(1000);
    for (const raw of ['\r', '\n', '\u001b']) expect(error.message).not.toContain(raw);
    expect(error.message).toContain('\\u001b[31mred\\u000d\\u000aInjected');
    expect((error.body as { Message: string }).Message).toBe(message);
  });
});

describe('every failure is an OpenSearchError', () => {
  it('bad input: a lone surrogate, a BigInt, missing credentials, bad options', async () => {
    const api = await serve((_req, res) => ok(res));
    const c = client(api.url);
    expectTyped(await c.listFunctionInstances({ ...params, functionName: 'a\uD800b' }).catch((e: unknown) => e), {
      parameter: 'functionName',
    });
    expectTyped(await c.listFunctionInstances({ ...params, modelType: '\uDC00' }).catch((e: unknown) => e), {
      parameter: 'modelType',
    });
    expectTyped(await c.listFunctionInstances({ ...params, pageSize: 10n as never }).catch((e: unknown) => e), {
      parameter: 'pageSize',
    });
    expectTyped(
      await client(api.url, { credentials: undefined })
        .listFunctionInstances(params)
        .catch((e: unknown) => e),
      { name: 'ValidationError' },
    );
    for (const options of [
      { credentials: { accessKeyId: 'a' } as never },
      { credentials: 'ak:sk' as never },
      { retry: { maxAttempts: 1.5 } },
      { retry: { baseDelayMs: Number.NaN } },
      { retry: { maxRetryAfterMs: Number.POSITIVE_INFINITY } },
      { retry: 'yes' as never },
      { timeoutMs: 2 ** 31 },
      { deadlineMs: -1 },
      { maxResponseBytes: 0 },
      { signingCrypto: {} as never },
    ] satisfies OpenSearchClientOptions[]) {
      const error = (() => {
        try {
          createOpenSearchClient({ endpoint: api.url, credentials, ...options });
        } catch (e) {
          return e;
        }
      })();
      expectTyped(error, { name: 'ValidationError' });
    }
    expect(api.seen).toHaveLength(0);
  });

  it.each([
    ['an empty 200', ''],
    ['an array', '[1,2,3]'],
    ['a result that is not a list', '{"requestId":"r","result":"nope"}'],
    ['bad JSON', '{"requestId":'],
    ['a 100k-deep PascalCase body', `{"RequestId":"r","Result":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
  ])(
    'a malformed 2xx (%s) is one ServerError MalformedResponse with the raw text and the real URL',
    async (_name, text) => {
      const api = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(text));
      const error = (await client(api.url)
        .listFunctionInstances(params)
        .catch((e: unknown) => e)) as ServerError;
      expectTyped(error, { name: 'ServerError', code: 'MalformedResponse', method: 'GET', status: 200, body: text });
      expect(error.url).toBe(`${api.url}/v4/openapi/app-groups/my_app/functions/ctr/instances`);
      const raw = await client(api.url)
        .GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', {
          params: { path: params },
        })
        .catch((e: unknown) => e);
      expectTyped(raw, { code: 'MalformedResponse', url: error.url });
    },
  );
});

describe('bounds on a whole call', () => {
  it('deadlineMs: a Retry-After that would cross the deadline ends the call at once', async () => {
    const api = await serve((_req, res) =>
      res
        .writeHead(503, { 'retry-after': '3', 'content-type': 'application/json' })
        .end('{"Code":"ServiceUnavailable"}'),
    );
    const started = Date.now();
    const error = await client(api.url, { deadlineMs: 1000 })
      .listFunctionInstances(params)
      .catch((e: unknown) => e);
    expectTyped(error, { name: 'TimeoutError', code: 'DeadlineExceeded', retryable: false });
    expect((error as Error).cause).toMatchObject({ name: 'ServerError', status: 503 });
    expect(Date.now() - started).toBeLessThan(2500); // well under the 3 s the server asked for
    expect(api.seen).toHaveLength(1);
  });

  it('deadlineMs also bounds slow attempts: DeadlineExceeded or a timeout, never longer', async () => {
    const api = await serve(() => {});
    const started = Date.now();
    const error = await client(api.url, { deadlineMs: 300, timeoutMs: 200, retry: { maxAttempts: 10, baseDelayMs: 1 } })
      .listFunctionInstances(params)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expectTyped(error);
    expect(Date.now() - started).toBeLessThan(1500); // ten attempts of 200 ms would take 2 s and more
  });
});

describe('pagination bounds', () => {
  it('maxPages stops after that many pages; a repeated page stops the iteration', async () => {
    const api = await serve((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ requestId: 'r', totalCount: 1000, result: [{ instanceName: 'same', functionName: 'f' }] }),
        ),
    );
    const pages = [];
    for await (const p of client(api.url).paginateFunctionInstances({ ...params, pageSize: 1 })) pages.push(p);
    expect(pages).toHaveLength(1);
    expect(api.seen).toHaveLength(2);
    const capped = [];
    let n = 0;
    const counting = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          requestId: 'r',
          totalCount: 1000,
          result: [{ instanceName: `i${n++}`, functionName: 'f' }],
        }),
      ),
    );
    for await (const p of client(counting.url).paginateFunctionInstances({ ...params, pageSize: 1, maxPages: 3 }))
      capped.push(p);
    expect(capped).toHaveLength(3);
    expect(counting.seen).toHaveLength(3);
  });
});

describe('the secret scan covered every error above', () => {
  it('collected errors from every group', () => {
    expect(collected.length).toBeGreaterThan(30);
  });
});
