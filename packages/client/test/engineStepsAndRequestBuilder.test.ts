// The engine's steps and the request builder, pinned on calls defined here (whatever the spec
// holds): redirects, the body cap, transport failures, the deadline, clock skew, Retry-After at its
// cap, the caller's signal, header parameters, raw answers, and paging limits.
import { describe, expect, it } from 'vitest';
import type { EngineOptions, OutgoingCall } from '../src/engine/createEngine.js';
import { resolveRetry } from '../src/engine/retryPolicy.js';
import { sleep } from '../src/engine/sleep.js';
import { createRequestBuilder } from '../src/operations/buildRequest.js';
import { prepareFlat } from '../src/operations/validateParameters.js';
import { paginate } from '../src/pagination/paginate.js';
import type { OperationMeta } from '../src/shared/operationMeta.js';
import { defaultCrypto } from '../src/signing/defaultCrypto.node.js';
import { computeSignature, parseAuthorization } from '../src/signing/index.js';
import { credentials, json, latch, type Responder } from './fakeFetch.js';
import { testEngine } from './testEngine.js';

const op: OperationMeta = {
  operationId: 'getThing',
  method: 'GET',
  path: '/things/{id}',
  action: 'GetThing',
  version: '1',
  parameters: [
    { name: 'id', in: 'path', required: true, type: 'string' },
    { name: 'x-acs-tenant', in: 'header', type: 'string' },
    { name: 'X-Trace', in: 'header', type: 'string' },
  ],
  body: null,
  idempotent: true,
  pagination: { pageNumber: 'page', pageSize: 'size', totalCount: 'total', items: 'items' },
  paginator: 'paginateThings',
  success: null,
};
const url = 'https://h.example/things/1';
const call = (o: OperationMeta = op): OutgoingCall => ({ op: o, url, sign: () => ({}) });

const engine = (responders: Responder[], options: Partial<EngineOptions> = {}) =>
  testEngine(responders, { maxResponseBytes: 64, ...options });
const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (error: unknown) => error,
  );

describe('redirects and the body cap', () => {
  it.each([
    [{ location: 'https://evil.example/steal?x=1' }, 'to https://evil.example'],
    [{}, 'to no Location'],
    [{ location: 'http://[bad' }, 'to an invalid Location'],
  ])('a 3xx is never followed, and names only the origin (%j)', async (headers, where) => {
    const { send } = engine([() => new Response(null, { status: 302, headers })]);
    const error = await rejection(send(call()));
    expect(error).toMatchObject({
      name: 'ServerError',
      kind: 'server',
      code: 'UnexpectedRedirect',
      status: 302,
      retryable: false,
    });
    expect((error as Error).message).toBe(
      `GET ${url} answered a redirect (HTTP 302 ${where}), which the client never follows`,
    );
  });

  it('300 and 399 are redirects; a fetch that followed one is refused too', async () => {
    for (const status of [300, 399])
      expect(await rejection(engine([() => new Response(null, { status })]).send(call()))).toMatchObject({
        code: 'UnexpectedRedirect',
      });
    const followed = json({});
    Object.defineProperty(followed, 'redirected', { value: true });
    expect(await rejection(engine([() => followed]).send(call()))).toMatchObject({
      code: 'UnexpectedRedirect',
      status: 200,
    });
  });

  it('over the cap is ResponseTooLarge with the status and request id; exactly the cap is read', async () => {
    const big = () => new Response('x'.repeat(65), { headers: { 'x-acs-request-id': 'rid' } });
    const error = await rejection(engine([big]).send(call()));
    expect(error).toMatchObject({ code: 'ResponseTooLarge', status: 200, requestId: 'rid', retryable: false });
    expect((error as Error).message).toBe(`GET ${url} answered HTTP 200 with a body over maxResponseBytes (64)`);
    const answer = await engine([() => new Response('y'.repeat(64))]).send(call());
    expect(answer.text).toBe('y'.repeat(64));
  });

  it('a streamed body without a length is counted as it arrives, and an empty one is empty', async () => {
    const stream = (n: number) =>
      new Response(
        new ReadableStream({
          start(c) {
            for (let i = 0; i < n; i++) c.enqueue(new TextEncoder().encode('z'.repeat(16)));
            c.close();
          },
        }),
      );
    expect((await engine([() => stream(4)]).send(call())).text).toBe('z'.repeat(64));
    expect(await rejection(engine([() => stream(5)]).send(call()))).toMatchObject({ code: 'ResponseTooLarge' });
    expect((await engine([() => new Response(null, { status: 200 })]).send(call())).text).toBe('');
  });
});

describe('transport failures and the deadline', () => {
  it('a network failure says the stage and the attempt count', async () => {
    const { send } = engine([() => Promise.reject(new TypeError('socket hang up'))], {
      retry: resolveRetry({ maxAttempts: 2, baseDelayMs: 0 }),
    });
    const error = await rejection(send(call()));
    expect(error).toMatchObject({ name: 'NetworkError', kind: 'network', retryable: true, method: 'GET', url });
    expect((error as Error).message).toBe(`GET ${url} failed before any response (attempt 2 of 2): socket hang up`);
  });

  it('a timeout says after how long; with timeoutMs 0 only the deadline bounds the attempt', async () => {
    const hang: Responder = (_s, signal) =>
      new Promise((_r, reject) => signal!.addEventListener('abort', () => reject(signal!.reason)));
    const error = await rejection(engine([hang], { timeoutMs: 20 }).send(call()));
    expect(error).toMatchObject({ name: 'TimeoutError', kind: 'timeout', code: 'Timeout' });
    expect((error as Error).message).toBe(`GET ${url} timed out after 20 ms before any response (attempt 1 of 1)`);
    // The deadline, not the attempt's own limit, ends this attempt: the call says so, and is not retryable.
    const bounded = await rejection(engine([hang], { timeoutMs: 0, deadlineMs: 30 }).send(call()));
    expect(bounded).toMatchObject({ name: 'TimeoutError', code: 'DeadlineExceeded', retryable: false });
    expect((bounded as Error).message).toBe(`GET ${url} did not complete within deadlineMs (30 ms) after 1 attempt`);
    expect((bounded as Error).cause).toMatchObject({ code: 'Timeout' });
  });

  it('no attempt starts once the deadline has passed (a wait that overran it); the last failure is the cause', async () => {
    let now = 0;
    const { send, sent } = engine([() => json({ code: 'InternalError' }, { status: 500 })], {
      now: () => now,
      deadlineMs: 100,
      retry: resolveRetry({ maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 50, random: () => 0.999 }),
      sleep: async (ms) => {
        now += ms + 60;
      },
    });
    const error = await rejection(send(call()));
    expect(error).toMatchObject({ code: 'DeadlineExceeded', kind: 'timeout', retryable: false });
    expect((error as Error).message).toBe(`GET ${url} did not complete within deadlineMs (100 ms) after 1 attempt`);
    expect((error as Error).cause).toMatchObject({ code: 'InternalError' });
    expect(sent).toHaveLength(1);
  });

  it('the skew retry, too, ends at the deadline: DeadlineExceeded, the refusal its cause', async () => {
    let now = 0;
    const skewed: Responder = () => {
      now += 100;
      return json(
        { code: 'InvalidTimeStamp.Expired' },
        { status: 400, headers: { date: new Date(now + 60_000).toUTCString() } },
      );
    };
    const { send, sent } = engine([skewed], { now: () => now, deadlineMs: 100 });
    const error = await rejection(send(call()));
    expect(error).toMatchObject({ code: 'DeadlineExceeded', retryable: false });
    expect((error as Error).cause).toMatchObject({ code: 'InvalidTimeStamp.Expired' });
    expect(sent).toHaveLength(1);
  });

  it('a wait that would end exactly at the deadline is not started: DeadlineExceeded, the failure its cause', async () => {
    const now = 0;
    const { send, sent } = engine([() => json({ code: 'Busy' }, { status: 503, headers: { 'retry-after': '1' } })], {
      now: () => now,
      deadlineMs: 1000,
      retry: resolveRetry({ maxAttempts: 3 }),
    });
    const error = await rejection(send(call()));
    expect(error).toMatchObject({ code: 'DeadlineExceeded', retryable: false });
    expect((error as Error).cause).toMatchObject({ code: 'Busy', status: 503 });
    expect(sent).toHaveLength(1);
  });
});

describe('clock skew and Retry-After', () => {
  const skewed = (date: string) => () => json({ code: 'InvalidTimeStamp.Expired' }, { status: 400, headers: { date } });

  it('a Date more than a day away is not learned from', async () => {
    const clock = { offsetMs: 0 };
    const far = new Date(Date.now() + 25 * 3600_000).toUTCString();
    const { send, sent } = engine([skewed(far)], { clock });
    expect(await rejection(send(call()))).toMatchObject({ code: 'InvalidTimeStamp.Expired' });
    expect([sent.length, clock.offsetMs]).toEqual([1, 0]);
  });

  it('a sane Date corrects the clock once, and the next attempt is signed with it', async () => {
    const clock = { offsetMs: 0 };
    const times: number[] = [];
    const ahead = new Date(Date.now() + 3600_000).toUTCString();
    const { engine: e } = testEngine([skewed(ahead), skewed(ahead)], { timeoutMs: 1000, clock });
    const error = await rejection(
      e.send({
        ...call(),
        sign: (_c, nowMs) => {
          times.push(nowMs);
          return {};
        },
      }),
    );
    expect(error).toMatchObject({ code: 'InvalidTimeStamp.Expired' });
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThan(3590_000);
    expect(Math.abs(clock.offsetMs - 3600_000)).toBeLessThan(2000);
  });

  it('a Retry-After of exactly maxRetryAfterMs is honoured; one more ends the retries', async () => {
    const throttled = (s: string) => () => json({ code: 'Throttling' }, { status: 429, headers: { 'retry-after': s } });
    const retry = resolveRetry({ maxAttempts: 2, maxRetryAfterMs: 1000 });
    const exact = engine([throttled('1'), () => json({})], { retry });
    expect((await exact.send(call())).status).toBe(200);
    const over = engine([throttled('1.001'), () => json({})], { retry });
    expect(await rejection(over.send(call()))).toMatchObject({ name: 'ThrottlingError', retryAfterMs: 1001 });
    expect(over.sent).toHaveLength(1);
  });
});

describe("the caller's signal", () => {
  it('an already aborted signal sends nothing; one aborted in a backoff wait stops the wait', async () => {
    const { send, sent } = engine([() => json({})]);
    const aborted = AbortSignal.abort(new Error('gone'));
    expect(await rejection(send(call(), { signal: aborted }))).toMatchObject({ message: 'gone' });
    expect(sent).toHaveLength(0);
    const controller = new AbortController();
    const waiting = latch();
    const slow = engine([() => json({ code: 'Busy' }, { status: 503 })], {
      retry: resolveRetry({ maxAttempts: 2, baseDelayMs: 60_000, random: () => 1 }),
      sleep: (ms, signal) => {
        waiting.fire();
        return sleep(ms, signal);
      },
    });
    const pending = rejection(slow.send(call(), { signal: controller.signal }));
    await waiting.happened; // the backoff wait has begun
    controller.abort(new Error('stop'));
    expect(await pending).toMatchObject({ message: 'stop' });
  });

  it('once a call is over, its signal is let go: aborting later changes nothing', async () => {
    const controller = new AbortController();
    const { send } = engine([() => json({})]);
    await send(call(), { signal: controller.signal });
    const listeners: string[] = [];
    controller.signal.addEventListener('abort', () => listeners.push('mine'));
    controller.abort();
    expect(listeners).toEqual(['mine']);
  });
});

describe('header parameters', () => {
  it('an x-acs-* header parameter is signed; another is sent unsigned; both verify with the general signer', async () => {
    const builder = createRequestBuilder({
      baseUrl: 'https://h.example/base',
      unsigned: { accept: 'application/json' },
      crypto: defaultCrypto,
    });
    const prepared = prepareFlat(op, { id: 'a b', 'x-acs-tenant': 'T1', 'X-Trace': 'tr' });
    const built = builder.fromPrepared(op, prepared) as OutgoingCall;
    expect(built.url).toBe('https://h.example/base/things/a%20b');
    const headers = (await built.sign(credentials, Date.now())) as Record<string, string>;
    expect(headers['x-acs-tenant']).toBe('T1');
    expect(headers['x-trace']).toBe('tr');
    expect(headers.accept).toBe('application/json');
    const auth = parseAuthorization(headers.authorization)!;
    expect(auth.signedHeaders).toContain('x-acs-tenant');
    expect(auth.signedHeaders).not.toContain('x-trace');
    const sent = Object.entries(headers).filter(([n]) => n !== 'authorization');
    const expected = await computeSignature({
      method: 'GET',
      url: built.url,
      headers: [...sent, ['host', 'h.example']],
      payloadHash: headers['x-acs-content-sha256']!,
      accessKeySecret: credentials.accessKeySecret,
      signedHeaders: auth.signedHeaders,
    });
    expect(auth.signature).toBe(expected.signature);
  });

  it('a body is sent as JSON with its content type and hash, signed', async () => {
    const post: OperationMeta = {
      ...op,
      method: 'POST',
      parameters: [op.parameters[0]!],
      body: { required: true, mediaType: 'application/json', fields: {}, closed: false },
    };
    const builder = createRequestBuilder({ baseUrl: 'https://h.example', unsigned: {}, crypto: defaultCrypto });
    const built = builder.fromPrepared(post, prepareFlat(post, { id: '1', body: { a: 1 } })) as OutgoingCall;
    expect(built.body).toBe('{"a":1}');
    const headers = (await built.sign(credentials, Date.now())) as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-acs-content-sha256']).toBe(defaultCrypto.sha256Hex('{"a":1}'));
    expect(parseAuthorization(headers.authorization)!.signedHeaders[0]).toBe('content-type');
  });
});

describe('paging limits', () => {
  const pages = (sizes: number[], total?: number) => {
    const calls: unknown[] = [];
    const callOperation = async (_op: OperationMeta, params: unknown) => {
      calls.push(params);
      const n = (params as { page: number }).page;
      const items = Array.from({ length: sizes[n - 1] ?? 0 }, (_, i) => `${n}.${i}`);
      return { items, ...(total === undefined ? {} : { total }) };
    };
    return { callOperation, calls };
  };
  const collect = async (it: AsyncGenerator<unknown>) => {
    const out: unknown[] = [];
    for await (const page of it) out.push((page as { items: unknown[] }).items);
    return out;
  };

  it('maxItems cuts the last page exactly; equal to the pages read stops without cutting', async () => {
    const a = pages([2, 2, 2]);
    expect(await collect(paginate(a.callOperation, op, { maxItems: 3 }))).toEqual([['1.0', '1.1'], ['2.0']]);
    const b = pages([2, 2, 2]);
    expect(await collect(paginate(b.callOperation, op, { maxItems: 4 }))).toEqual([
      ['1.0', '1.1'],
      ['2.0', '2.1'],
    ]);
    expect(b.calls).toHaveLength(2);
  });

  it('maxPages stops after that many; the total stops at the last page; an empty page ends', async () => {
    const a = pages([1, 1, 1, 1]);
    expect(await collect(paginate(a.callOperation, op, { maxPages: 2 }))).toHaveLength(2);
    const b = pages([2, 2, 2], 4);
    expect(await collect(paginate(b.callOperation, op, { size: 2 }))).toHaveLength(2);
    expect(b.calls).toEqual([
      { size: 2, page: 1 },
      { size: 2, page: 2 },
    ]);
    const c = pages([2, 0]);
    expect(await collect(paginate(c.callOperation, op, {}))).toHaveLength(1);
    const d = pages([2, 2], 5);
    expect(await collect(paginate(d.callOperation, op, { page: 2 }))).toEqual([['2.0', '2.1']]);
  });

  it('limits are checked when paging starts', async () => {
    const a = pages([1]);
    await expect(collect(paginate(a.callOperation, op, { maxItems: 0 }))).rejects.toMatchObject({
      parameter: 'maxItems',
    });
    await expect(collect(paginate(a.callOperation, op, { maxPages: 1.5 }))).rejects.toMatchObject({
      parameter: 'maxPages',
      message: 'maxPages must be an integer from 1 to 9007199254740991',
    });
    expect(a.calls).toHaveLength(0);
  });
});

describe('the raw adapter', () => {
  const put: OperationMeta = { ...op, method: 'PUT', parameters: [op.parameters[0]!] };
  async function raw(answer: () => Response, init: Record<string, unknown> = {}) {
    const { engine: e, sent } = testEngine([answer], { timeoutMs: 1000 });
    const builder = createRequestBuilder({
      baseUrl: 'https://h.example',
      unsigned: { accept: 'application/json' },
      crypto: defaultCrypto,
    });
    const { createRawAdapter } = await import('../src/raw/rawAdapter.js');
    const adapter = createRawAdapter({
      baseUrl: 'https://h.example',
      unsigned: { accept: 'application/json' },
      engine: e,
      builder,
    });
    const prepared = { path: { id: '1' }, query: {}, header: {}, body: undefined };
    const result = await adapter.run(put, '/things/{id}', init, prepared);
    return { result: result as { data?: unknown; error?: unknown; response: Response }, sent };
  }

  it('204 and 205 answers have no body; a 2xx body comes back in camelCase', async () => {
    for (const status of [204, 205]) {
      const { result } = await raw(() => new Response(null, { status }));
      expect([result.response.status, await result.response.text()]).toEqual([status, '']);
    }
    const { result } = await raw(() => json({ RequestId: 'r', Items: [] }));
    expect(result.data).toEqual({ requestId: 'r', items: [] });
    expect(result.response.headers.get('content-length')).toBeNull();
  });

  it('an error answer is returned as { error, response } with its own body', async () => {
    const { result } = await raw(() => json({ code: 'Nope', message: 'no' }, { status: 409 }));
    expect(result.error).toEqual({ code: 'Nope', message: 'no' });
    expect(result.response.status).toBe(409);
  });

  it("the caller's host and authorization are the engine's; content-type and x-acs-* headers are signed", async () => {
    const headers = {
      host: 'evil.example',
      authorization: 'Bearer x',
      'content-type': 'text/plain',
      'x-acs-extra': 'e',
      'x-other': 'o',
    };
    const { sent } = await raw(() => json({}), { headers });
    const got = sent[0]!.headers;
    expect(got.get('authorization')).toMatch(/^ACS3-HMAC-SHA256 /);
    const signed = parseAuthorization(got.get('authorization'))!.signedHeaders;
    expect(signed).toEqual(expect.arrayContaining(['content-type', 'host', 'x-acs-extra']));
    expect(signed).not.toContain('x-other');
    expect([got.get('x-other'), got.get('content-type')]).toEqual(['o', 'text/plain']);
  });

  it("a raw call's own header values are checked before anything is sent", async () => {
    await expect(raw(() => json({}), { headers: { 'x-bad': 'a\r\nb' } })).rejects.toMatchObject({
      parameter: 'headers["x-bad"]',
    });
    await expect(raw(() => json({}), { headers: [['x-bad', 'a\nb']] })).rejects.toMatchObject({
      parameter: 'headers["x-bad"]',
    });
    const { sent } = await raw(() => json({}), { headers: { 'x-null': null, 'x-n': 1 } });
    expect(sent[0]!.headers.get('x-n')).toBe('1');
  });
});
