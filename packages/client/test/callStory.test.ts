// What happened to a call, as fields: every error and every answer says how many attempts were
// made, how long the call waited between them, the request id and the status. A paginator's own
// limits are refused through onError like any call refused before it was built, and a credentials
// source that never answers is bounded by the attempt's time.
import { describe, expect, it } from 'vitest';
import {
  type CallErrorEvent,
  createOpenSearchClient,
  createOpenSearchCore,
  type OpenSearchClientOptions,
  OpenSearchError,
  responseMetadata,
} from '../src/index.js';
import { credentials, fakeFetch, json, type Responder } from './fakeFetch.js';
import { callOf, okBody, pagedGet, paginatorOf, paramsFor, unsafePost } from './specShapes.js';

const list = pagedGet();
const post = unsafePost();
const { items, totalCount, pageSize } = list.pagination!;
const ok = () =>
  json(okBody(list, { [items]: [{ n: 1 }], [totalCount]: 1 }), { headers: { 'x-acs-request-id': 'RID-OK' } });
const unavailable = () => json({ code: 'InternalError', message: 'try later', requestId: 'RID-503' }, { status: 503 });
const throttled = () =>
  json({ Code: 'Throttling.User', Message: 'slow down' }, { status: 429, headers: { 'retry-after': '0' } });

function clientOver(responders: Responder[], options: Partial<OpenSearchClientOptions> = {}) {
  const errors: CallErrorEvent[] = [];
  const { fetch, sent } = fakeFetch(...responders);
  const client = createOpenSearchClient({
    credentials,
    fetch,
    // Full jitter drawn at its top: attempt n waits exactly baseDelayMs * 2^(n-1).
    retry: { baseDelayMs: 4, random: () => 0.999_999 },
    hooks: { onError: (e) => errors.push(e) },
    ...options,
  });
  return { client, sent, errors };
}
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (e: unknown) => e as OpenSearchError,
  );

describe('an error tells the story of its call', () => {
  it('retried, then failed: attempts 3 and the total wait between them, as fields', async () => {
    const { client, sent, errors } = clientOver([unavailable, unavailable, unavailable]);
    const error = await rejection(callOf(client, list)());
    expect(sent).toHaveLength(3);
    expect(error).toBeInstanceOf(OpenSearchError);
    expect(error).toMatchObject({ attempts: 3, status: 503, requestId: 'RID-503', code: 'InternalError' });
    // 4 ms before the second attempt, 8 before the third (the jitter at its top, floored).
    expect(error.totalRetryDelayMs).toBe(3 + 7);
    expect(error.toJSON()).toMatchObject({ attempts: 3, totalRetryDelayMs: 10 });
    // The hook saw the same fields on the error it was given.
    expect(errors.at(-1)?.error).toBe(error);
    expect(errors.at(-1)?.error).toMatchObject({ attempts: 3 });
  });

  it('failed at once: attempts 1, no wait', async () => {
    const { client } = clientOver([
      () => json({ code: 'InvalidParameter', message: 'no' }, { status: 400, headers: { 'x-acs-request-id': 'R4' } }),
    ]);
    const error = await rejection(callOf(client, list)());
    expect(error).toMatchObject({ attempts: 1, totalRetryDelayMs: 0, status: 400, requestId: 'R4' });
  });

  it('a transport failure after retries counts every attempt', async () => {
    const down: Responder = () => {
      throw new TypeError('fetch failed');
    };
    const { client } = clientOver([down, down, down]);
    const error = await rejection(callOf(client, list)());
    expect(error).toMatchObject({ code: 'NetworkError', attempts: 3, status: undefined });
    expect(error.totalRetryDelayMs).toBeGreaterThan(0);
  });

  it('refused before it was built: attempts 0', async () => {
    const { client, sent } = clientOver([ok]);
    const error = await rejection(callOf(client, list)({ ...paramsFor(list), [pageSize]: 'many' }));
    expect(error).toMatchObject({ kind: 'validation', attempts: 0, totalRetryDelayMs: 0 });
    expect(sent).toHaveLength(0);
  });

  it('a deadline that ends the call says how many attempts it made', async () => {
    const hang: Responder = (_s, signal) =>
      new Promise((_r, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    // Attempts of 40 ms with 1 ms waits under a 600 ms deadline: many attempts fit, on a loaded
    // machine too (a 100 ms deadline left room for one attempt only when timers ran late).
    const { client, sent } = clientOver([hang], {
      timeoutMs: 40,
      deadlineMs: 600,
      retry: { maxAttempts: 100, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await rejection(callOf(client, list)());
    expect(error.code).toBe('DeadlineExceeded');
    expect(error.attempts).toBeGreaterThanOrEqual(2);
    expect(error.attempts).toBe(sent.length);
  });

  it('a body the client cannot use: attempts and status on the MalformedResponse', async () => {
    const { client } = clientOver([throttled, () => new Response('<html>proxy</html>', { status: 200 })]);
    const error = await rejection(callOf(client, list)());
    expect(error).toMatchObject({ code: 'MalformedResponse', attempts: 2 });
  });
});

describe('a clock-skew retry counts as an attempt', () => {
  const skewed = () =>
    json(
      { Code: 'InvalidTimeStamp.Expired', Message: 'the date is off' },
      { status: 400, headers: { date: new Date(Date.now() + 120_000).toUTCString() } },
    );

  it('corrected, then answered: attempts 2, no wait', async () => {
    const { client, sent } = clientOver([skewed, ok]);
    const body = await callOf(client, list)();
    expect(sent).toHaveLength(2);
    expect(responseMetadata(body)).toMatchObject({ attempts: 2, totalRetryDelayMs: 0 });
  });

  it('corrected, then failed for good: the error says 2 attempts', async () => {
    const denied = () => json({ code: 'Forbidden', message: 'no' }, { status: 403 });
    const { client } = clientOver([skewed, denied]);
    const error = await rejection(callOf(client, list)());
    expect(error).toMatchObject({ code: 'Forbidden', attempts: 2 });
  });
});

describe('an answer tells the story of its call', () => {
  it("the request id: the body's when it has one, else the x-acs-request-id header's (a raw call's Response)", async () => {
    const withId = () =>
      json(okBody(list, { requestId: 'FROM-BODY' }), { headers: { 'x-acs-request-id': 'FROM-HEADER' } });
    const { client } = clientOver([withId]);
    expect(responseMetadata(await callOf(client, list)())?.requestId).toBe('FROM-BODY');
    const raw = client as unknown as {
      GET: (path: string, init: Record<string, unknown>) => Promise<{ response: Response }>;
    };
    const params = paramsFor(list);
    const path = Object.fromEntries(Object.entries(params).filter(([k]) => list.path.includes(`{${k}}`)));
    const { response } = await raw.GET(list.path, { params: { path } });
    expect(responseMetadata(response)?.requestId).toBe('FROM-HEADER');
  });

  it('responseMetadata(body): status, request id, attempts and total wait', async () => {
    const { client } = clientOver([throttled, unavailable, ok]);
    const body = await callOf(client, list)();
    expect(responseMetadata(body)).toEqual({
      status: 200,
      requestId: (body as { requestId?: string }).requestId ?? 'RID-OK',
      attempts: 3,
      totalRetryDelayMs: 0 + 7,
    });
    // The body stays plain data: the metadata is no key of it.
    expect(Object.keys(body as object)).not.toContain('attempts');
    expect(JSON.stringify(body)).not.toContain('totalRetryDelayMs');
  });

  it('a first-time success: attempts 1; anything that is not a body: undefined', async () => {
    const { client } = clientOver([ok]);
    const body = await callOf(client, list)();
    expect(responseMetadata(body)).toMatchObject({ status: 200, attempts: 1, totalRetryDelayMs: 0 });
    expect(responseMetadata({})).toBeUndefined();
    expect(responseMetadata(undefined)).toBeUndefined();
    expect(responseMetadata('x')).toBeUndefined();
  });

  it('each page of a paginator, a page cut to maxItems too', async () => {
    const page = (n: number) => () =>
      json(okBody(list, { [items]: [{ n }, { n: n + 1 }], [totalCount]: 4 }), {
        headers: { 'x-acs-request-id': `P${n}` },
      });
    const { client } = clientOver([page(1), unavailable, page(3)]);
    const metas = [];
    for await (const p of paginatorOf(client, list)({ ...paramsFor(list), [pageSize]: 2, maxItems: 3 }))
      metas.push(responseMetadata(p));
    expect(metas).toMatchObject([
      { status: 200, attempts: 1 },
      { status: 200, attempts: 2, totalRetryDelayMs: 3 },
    ]);
  });

  it('a raw call: the Response openapi-fetch gives back, on success and on an error answer', async () => {
    const { client } = clientOver([unavailable, ok, () => json({ code: 'Forbidden', message: 'no' }, { status: 403 })]);
    const raw = client as unknown as {
      GET: (path: string, init: Record<string, unknown>) => Promise<{ response: Response }>;
    };
    const params = paramsFor(list);
    const pathParams = Object.fromEntries(Object.entries(params).filter(([k]) => list.path.includes(`{${k}}`)));
    const first = await raw.GET(list.path, { params: { path: pathParams } });
    expect(responseMetadata(first.response)).toMatchObject({ status: 200, attempts: 2 });
    const second = await raw.GET(list.path, { params: { path: pathParams } });
    expect(responseMetadata(second.response)).toMatchObject({ status: 403, attempts: 1 });
  });
});

describe('a paginator refuses its own limits like any call', () => {
  for (const limit of ['maxItems', 'maxPages'])
    it(`a bad ${limit}: a ValidationError naming it, seen by onError, nothing sent`, async () => {
      const { client, sent, errors } = clientOver([ok]);
      const next = paginatorOf(client, list)({ ...paramsFor(list), [limit]: 0 }, { context: 'ctx' })
        [Symbol.asyncIterator]()
        .next();
      await expect(next).rejects.toMatchObject({ kind: 'validation', parameter: limit, attempts: 0 });
      expect(sent).toHaveLength(0);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ stage: 'validation', context: 'ctx', attempt: 0 });
      expect((errors[0]!.error as OpenSearchError).parameter).toBe(limit);
    });

  it('through the core client too', async () => {
    const errors: CallErrorEvent[] = [];
    const { fetch } = fakeFetch(ok);
    const core = createOpenSearchCore({ credentials, fetch, hooks: { onError: (e) => errors.push(e) } });
    const { invokePages } = await import('../src/index.js');
    await expect(invokePages(core, list, { ...paramsFor(list), maxPages: -1 }).next()).rejects.toMatchObject({
      parameter: 'maxPages',
    });
    expect(errors).toHaveLength(1);
  });
});

describe('a credentials source that never answers', () => {
  const never = () => new Promise<never>(() => {});

  it("is bounded by the attempt's timeout: CredentialsTimeout, nothing sent", async () => {
    const { client, sent } = clientOver([ok], {
      credentials: never,
      timeoutMs: 300,
      retry: { maxAttempts: 1 },
    });
    const started = Date.now();
    const error = await rejection(callOf(client, list)());
    const took = Date.now() - started;
    expect(error).toMatchObject({ kind: 'credentials', code: 'CredentialsTimeout', attempts: 1 });
    expect(error.message).toContain('300 ms');
    expect(took).toBeLessThan(2000);
    expect(sent).toHaveLength(0);
  });

  it('with retries, each attempt is bounded, and a deadline ends it all', async () => {
    const { client, sent } = clientOver([ok], {
      credentials: { getCredential: never },
      timeoutMs: 100,
      deadlineMs: 250,
    });
    const started = Date.now();
    const error = await rejection(callOf(client, post)());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(['CredentialsTimeout', 'DeadlineExceeded']).toContain(error.code);
    expect(sent).toHaveLength(0);
  });

  it('a source that answers late still serves the next attempt (the lookup goes on)', async () => {
    let calls = 0;
    const slowOnce = () =>
      new Promise<typeof credentials>((resolve) => {
        calls += 1;
        setTimeout(() => resolve(credentials), 120);
      });
    const { client, sent } = clientOver([ok], { credentials: slowOnce, timeoutMs: 60, retry: { baseDelayMs: 100 } });
    const body = await callOf(client, list)();
    expect(responseMetadata(body)).toMatchObject({ attempts: 2 });
    expect(calls).toBe(1);
    expect(sent).toHaveLength(1);
  });
});
