// Tests that pin behaviour the earlier tests let change unnoticed (mutation testing found them):
// retry delays measured, the server's Retry-After and its cap, the clock-skew retry outside the
// budget, abort while a fetch is in flight, timeoutMs: 0, and the Retry-After forms.
import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from '../src/engine/backoff.js';
import { normalizeCasing } from '../src/engine/normalizeCasing.js';
import { resolveRetry } from '../src/engine/retryPolicy.js';
import { createOpenSearchClient, NetworkError, OpenSearchError, ServerError, ThrottlingError } from '../src/index.js';
import { canonicalQuery, signRequest } from '../src/signing/index.js';
import { credentials, fakeFetch, json, latch, page, params } from './fakeFetch.js';

const unavailable = () => json({ code: 'ServiceUnavailable', message: 'busy' }, { status: 503 });

/** The times at which each request was sent, relative to the first. */
function timed(...answers: Array<() => Response>) {
  const times: number[] = [];
  const { fetch, sent } = fakeFetch(
    ...answers.map((a) => () => {
      times.push(performance.now());
      return a();
    }),
  );
  return { fetch, sent, gaps: () => times.slice(1).map((t, i) => t - times[i]!) };
}

describe('backoff', () => {
  const retry = (o: Parameters<typeof resolveRetry>[0]) => resolveRetry(o);

  it('is full jitter under min(maxDelayMs, baseDelayMs * 2^(n-1))', () => {
    const top = retry({ baseDelayMs: 100, maxDelayMs: 250, random: () => 0.999999 });
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, top))).toEqual([99, 199, 249, 249]);
    const bottom = retry({ baseDelayMs: 100, maxDelayMs: 250, random: () => 0 });
    expect(backoffDelay(3, bottom)).toBe(0);
    const half = retry({ baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5 });
    expect(backoffDelay(3, half)).toBe(200);
  });

  it('the client really waits the backoff between attempts', async () => {
    const { fetch, sent, gaps } = timed(unavailable, unavailable, () => page(['a'], 1));
    const client = createOpenSearchClient({
      credentials,
      fetch,
      retry: { baseDelayMs: 60, maxDelayMs: 1000, random: () => 0.999999 },
    });
    await client.listFunctionInstances(params);
    expect(sent).toHaveLength(3);
    const [first, second] = gaps();
    expect(first).toBeGreaterThanOrEqual(55);
    expect(second).toBeGreaterThanOrEqual(115);
  });
});

describe("the server's Retry-After", () => {
  it('is waited for, instead of the backoff', async () => {
    const throttled = () =>
      json({ Code: 'Throttling.User', Message: 'slow down' }, { status: 429, headers: { 'retry-after': '0.15' } });
    const { fetch, sent, gaps } = timed(throttled, () => page(['a'], 1));
    const client = createOpenSearchClient({ credentials, fetch, retry: { baseDelayMs: 0, random: () => 0 } });
    await client.listFunctionInstances(params);
    expect(sent).toHaveLength(2);
    expect(gaps()[0]).toBeGreaterThanOrEqual(140);
  });

  it('a wait over maxRetryAfterMs ends the retries at once, with the throttling error', async () => {
    const { fetch, sent } = fakeFetch(() =>
      json({ Code: 'Throttling.User', Message: 'slow down' }, { status: 429, headers: { 'retry-after': '30' } }),
    );
    const client = createOpenSearchClient({ credentials, fetch, retry: { maxRetryAfterMs: 1000 } });
    const started = performance.now();
    const error = await client.listFunctionInstances(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingError);
    expect((error as ThrottlingError).retryable).toBe(true);
    expect(sent).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'x-acs-retry-after': '3', 'retry-after': '9' }, 3000],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, 10_000],
    [{ 'retry-after': 'Thu, 01 Jan 2025 00:00:10 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-1' }, undefined],
    [{ 'retry-after': '' }, undefined],
    [{ 'retry-after': '2026-01-01' }, undefined],
    [{}, undefined],
  ])('%j is %s ms', (headers, ms) => {
    expect(retryAfterMs(new Headers(headers), Date.parse('2026-01-01T00:00:00Z'))).toBe(ms);
  });
});

describe('the clock-skew retry', () => {
  it('is outside the retry budget: with retry: false, one corrected retry still happens', async () => {
    const serverDate = new Date(Date.now() + 20 * 60_000).toUTCString();
    const expired = () =>
      json({ Code: 'InvalidTimeStamp.Expired', Message: 'expired' }, { status: 400, headers: { date: serverDate } });
    const { fetch, sent } = fakeFetch(expired, () => page(['a'], 1));
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    await client.listFunctionInstances(params);
    expect(sent).toHaveLength(2);
    const signedAt = Date.parse(sent[1]!.headers.get('x-acs-date')!);
    expect(Math.abs(signedAt - Date.parse(serverDate))).toBeLessThan(5000);
  });

  it('happens once: a second skew error is the caller’s', async () => {
    const serverDate = new Date(Date.now() + 20 * 60_000).toUTCString();
    const expired = () =>
      json({ Code: 'InvalidTimeStamp.Expired', Message: 'expired' }, { status: 400, headers: { date: serverDate } });
    const { fetch, sent } = fakeFetch(expired);
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    const error = await client.listFunctionInstances(params).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'InvalidTimeStamp.Expired' });
    expect(sent).toHaveLength(2);
  });
});

describe('abort and time', () => {
  /** A fetch that answers only when its signal aborts. */
  const hanging = () => {
    let calls = 0;
    const started = latch();
    const fetch = (_url: RequestInfo | URL, init?: RequestInit) => {
      calls += 1;
      started.fire();
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true });
      });
    };
    return { fetch: fetch as typeof globalThis.fetch, calls: () => calls, inFlight: started.happened };
  };

  it("the caller's abort while a fetch is in flight rejects with the caller's reason, and nothing is retried", async () => {
    const { fetch, calls, inFlight } = hanging();
    const client = createOpenSearchClient({ credentials, fetch, timeoutMs: 0 });
    const controller = new AbortController();
    const pending = client.listFunctionInstances(params, { signal: controller.signal });
    await inFlight; // the fetch has started: wait for it, not for a number of milliseconds
    const reason = new Error('user left the page');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(calls()).toBe(1);
  });

  it('timeoutMs: 0 never aborts a slow attempt', async () => {
    const { fetch } = fakeFetch(async () => {
      await new Promise((r) => setTimeout(r, 120));
      return page(['slow'], 1);
    });
    const client = createOpenSearchClient({ credentials, fetch, timeoutMs: 0, retry: false });
    const result = await client.listFunctionInstances(params);
    expect(result.result[0]?.instanceName).toBe('slow');
  });

  it('a positive timeoutMs aborts the attempt and says so', async () => {
    const { fetch } = hanging();
    const client = createOpenSearchClient({ credentials, fetch, timeoutMs: 50, retry: false });
    const error = await client.listFunctionInstances(params).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
  });
});

describe('every error says whether a retry could help', () => {
  it.each([
    [() => json({ Code: 'Throttling.User' }, { status: 429 }), ThrottlingError, true],
    [() => json({ code: 'InternalError' }, { status: 500 }), ServerError, true],
    [() => json({ Code: 'InvalidParameter' }, { status: 400 }), OpenSearchError, false],
    [() => json({ Code: 'Forbidden.RAM' }, { status: 403 }), OpenSearchError, false],
  ])('%#', async (answer, type, retryable) => {
    const { fetch } = fakeFetch(answer);
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    const error = await client.listFunctionInstances(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as OpenSearchError).retryable).toBe(retryable);
  });

  it('a network failure of an idempotent call is retryable', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    const error = await client.listFunctionInstances(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).retryable).toBe(true);
  });
});

describe('signing what the caller passes', () => {
  const sign = (headers: HeadersInit, body?: string) =>
    signRequest(
      { method: body ? 'POST' : 'GET', url: 'https://h.example/p?a=1', headers, body },
      { credentials, action: 'ListFunctionInstances', version: '2017-12-25' },
    );

  it("a Headers object's x-acs-* headers and content-type are signed", async () => {
    const signed = await sign(new Headers({ 'X-Acs-Trace-Id': 't-1', 'Content-Type': 'application/json' }), '{}');
    expect(signed.signedHeaders).toEqual(expect.arrayContaining(['x-acs-trace-id', 'content-type']));
  });

  it('headers given as pairs are signed the same way', async () => {
    const pairs = await sign(
      [
        ['x-acs-trace-id', 't-1'],
        ['content-type', 'application/json'],
      ],
      '{}',
    );
    expect(pairs.signedHeaders).toEqual(expect.arrayContaining(['x-acs-trace-id', 'content-type']));
  });

  it("the signer's own headers win over a caller's, whatever their case, and each is signed once", async () => {
    const signed = await sign({ 'X-Acs-Date': '1999-01-01T00:00:00Z', Host: 'evil.example', 'x-acs-action': 'Other' });
    expect(signed.headers['x-acs-date']).not.toBe('1999-01-01T00:00:00Z');
    expect(Math.abs(Date.parse(signed.headers['x-acs-date']!) - Date.now())).toBeLessThan(60_000);
    expect(signed.headers['x-acs-action']).toBe('ListFunctionInstances');
    expect(signed.host).toBe('h.example');
    for (const name of signed.signedHeaders) expect(signed.signedHeaders.filter((n) => n === name)).toHaveLength(1);
  });

  it("a raw call's own Host and x-acs-date headers are not sent twice or signed twice", async () => {
    const { fetch, sent } = fakeFetch(() => page(['a'], 1));
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    await client.GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', {
      params: { path: params },
      headers: { 'X-Acs-Date': '1999-01-01T00:00:00Z', 'x-acs-trace-id': 't-2' },
    });
    const request = sent[0]!;
    expect(request.headers.get('x-acs-date')).not.toContain('1999');
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(request.headers.get('authorization')!)![1]!.split(';');
    expect(new Set(signedHeaders).size).toBe(signedHeaders.length);
    expect(signedHeaders).toContain('x-acs-trace-id');
  });
});

describe('reading and validating, at the edges', () => {
  it('a multi-byte UTF-8 character split across chunks is read whole', async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ requestId: 'r', totalCount: 1, result: [{ instanceName: '€uro', functionName: 'ctr' }] }),
    );
    const cut = bytes.indexOf(0xe2) + 1; // inside the three bytes of €
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut));
        controller.close();
      },
    });
    const { fetch } = fakeFetch(() => new Response(stream, { headers: { 'content-type': 'application/json' } }));
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    expect((await client.listFunctionInstances(params)).result[0]?.instanceName).toBe('€uro');
  });

  it('a body of exactly maxResponseBytes is read; one byte more is refused', async () => {
    const body = JSON.stringify({ requestId: 'r', totalCount: 0, result: [] });
    const size = new TextEncoder().encode(body).length;
    const { fetch } = fakeFetch(() => new Response(body, { headers: { 'content-type': 'application/json' } }));
    const exact = createOpenSearchClient({ credentials, fetch, retry: false, maxResponseBytes: size });
    expect((await exact.listFunctionInstances(params)).requestId).toBe('r');
    const under = createOpenSearchClient({ credentials, fetch, retry: false, maxResponseBytes: size - 1 });
    expect(await under.listFunctionInstances(params).catch((e: unknown) => e)).toMatchObject({
      code: 'ResponseTooLarge',
    });
  });

  it('an answer nested deeper than 64 levels is refused, 64 are read', async () => {
    const nest = (levels: number) => {
      let value: unknown = 'leaf';
      for (let i = 0; i < levels; i++) value = { Deep: value };
      return value;
    };
    expect(() => normalizeCasing({ RequestId: 'r', Result: nest(60) })).not.toThrow();
    expect(() => normalizeCasing({ RequestId: 'r', Result: nest(70) })).toThrow(/deeper than 64/);
  });

  it('a 2xx body without a required field is a MalformedResponse, not a result', async () => {
    const { fetch } = fakeFetch(() => json({ totalCount: 1, result: [] }));
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    expect(await client.listFunctionInstances(params).catch((e: unknown) => e)).toMatchObject({
      kind: 'server',
      code: 'MalformedResponse',
    });
  });

  it('internal index keys are not parameters', async () => {
    const { fetch, sent } = fakeFetch(() => page(['a'], 1));
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    const error = await client
      .listFunctionInstances({ ...params, 'query:pageSize': 5 } as never)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError', parameter: 'query:pageSize' });
    expect(sent).toHaveLength(0);
  });

  it('a value equal to its bound is accepted; null is absent', async () => {
    const { fetch, sent } = fakeFetch(() => page(['a'], 1));
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    await client.listFunctionInstances({ ...params, pageSize: 1, pageNumber: 2 ** 31 - 1, source: null as never });
    expect(sent[0]!.url.searchParams.get('pageNumber')).toBe(String(2 ** 31 - 1));
    expect(sent[0]!.url.searchParams.get('pageSize')).toBe('1');
    expect(sent[0]!.url.searchParams.has('source')).toBe(false);
    const over = await client.listFunctionInstances({ ...params, pageNumber: 2 ** 31 }).catch((e: unknown) => e);
    expect(over).toMatchObject({ name: 'ValidationError', parameter: 'pageNumber' });
  });

  it('repeated query keys are signed sorted by key, then by value', () => {
    expect(canonicalQuery('?b=2&a=1&a=0')).toBe('a=0&a=1&b=2');
  });
});
