import { describe, expect, it } from 'vitest';
import {
  ClientError,
  createOpenSearchClient,
  NetworkError,
  ServerError,
  ThrottlingError,
  TimeoutError,
} from '../src/index.js';
import { credentials, fakeFetch, json, page, params } from './fakeFetch.js';

const fast = { baseDelayMs: 1, maxDelayMs: 2 };
const gateway = (status: number, Code: string, headers: Record<string, string> = {}) =>
  json({ Code, Message: `${Code} happened`, RequestId: `rid-${Code}` }, { status, headers });

describe('retries', () => {
  it('retries 5xx and signs every attempt afresh (new nonce, new signature)', async () => {
    const { fetch, sent } = fakeFetch(
      () => gateway(503, 'ServiceUnavailable'),
      () => gateway(500, 'InternalError'),
      () => page(['a'], 1),
    );
    const body = await createOpenSearchClient({ credentials, fetch, retry: fast }).listFunctionInstances(params);
    expect(body.result).toHaveLength(1);
    expect(sent).toHaveLength(3);
    const nonces = new Set(sent.map((s) => s.headers.get('x-acs-signature-nonce')));
    const signatures = new Set(sent.map((s) => s.headers.get('authorization')));
    expect(nonces.size).toBe(3);
    expect(signatures.size).toBe(3);
  });

  it('retries throttling by code even on a 400, and by HTTP 429', async () => {
    const { fetch, sent } = fakeFetch(
      () => gateway(400, 'Throttling.User'),
      () => gateway(429, 'Whatever'),
      () => page([], 0),
    );
    await createOpenSearchClient({ credentials, fetch, retry: fast }).listFunctionInstances(params);
    expect(sent).toHaveLength(3);
  });

  it('honours x-acs-retry-after and Retry-After', async () => {
    const { fetch, sent } = fakeFetch(
      () => gateway(429, 'Throttling.User', { 'retry-after': '0.15' }),
      () => page([], 0),
    );
    const started = Date.now();
    await createOpenSearchClient({ credentials, fetch, retry: { ...fast, maxAttempts: 2 } }).listFunctionInstances(
      params,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sent).toHaveLength(2);
  });

  it('gives up when the server asks for a longer wait than maxRetryAfterMs', async () => {
    const { fetch, sent } = fakeFetch(() => gateway(429, 'Throttling.User', { 'x-acs-retry-after': '120' }));
    const error = await createOpenSearchClient({ credentials, fetch, retry: { ...fast, maxRetryAfterMs: 1000 } })
      .listFunctionInstances(params)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ThrottlingError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(sent).toHaveLength(1);
  });

  it('never retries another 4xx', async () => {
    const { fetch, sent } = fakeFetch(
      () => gateway(400, 'InvalidParameter'),
      () => page([], 0),
    );
    const error = await createOpenSearchClient({ credentials, fetch, retry: fast })
      .listFunctionInstances(params)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      kind: 'client',
      code: 'InvalidParameter',
      status: 400,
      retryable: false,
      requestId: 'rid-InvalidParameter',
    });
    expect(sent).toHaveLength(1);
  });

  it('stops after maxAttempts and throws the last error; retry: false makes one attempt', async () => {
    const a = fakeFetch(() => gateway(500, 'InternalError'));
    const e1 = await createOpenSearchClient({ credentials, fetch: a.fetch, retry: fast })
      .listFunctionInstances(params)
      .catch((e) => e);
    expect(e1).toBeInstanceOf(ServerError);
    expect(e1.retryable).toBe(true);
    expect(a.sent).toHaveLength(3);
    const b = fakeFetch(() => gateway(500, 'InternalError'));
    await createOpenSearchClient({ credentials, fetch: b.fetch, retry: false })
      .listFunctionInstances(params)
      .catch(() => {});
    expect(b.sent).toHaveLength(1);
  });

  it('retries network errors, then throws a NetworkError', async () => {
    const { fetch, sent } = fakeFetch(() => {
      throw new TypeError('fetch failed: ECONNREFUSED');
    });
    const error = await createOpenSearchClient({ credentials, fetch, retry: fast })
      .listFunctionInstances(params)
      .catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ kind: 'network', code: 'NetworkError', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
    expect(sent).toHaveLength(3);
  });

  it('times out each attempt, retries, and throws a TimeoutError', async () => {
    const hang = (_: unknown, signal: AbortSignal | null | undefined) =>
      new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const { fetch, sent } = fakeFetch(hang);
    const error = await createOpenSearchClient({
      credentials,
      fetch,
      timeoutMs: 30,
      retry: { ...fast, maxAttempts: 2 },
    })
      .listFunctionInstances(params)
      .catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(sent).toHaveLength(2);
  });

  it('a timeout followed by success resolves', async () => {
    const hang = (_: unknown, signal: AbortSignal | null | undefined) =>
      new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const { fetch, sent } = fakeFetch(hang, () => page(['x'], 1));
    const body = await createOpenSearchClient({ credentials, fetch, timeoutMs: 30, retry: fast }).listFunctionInstances(
      params,
    );
    expect(body.result).toHaveLength(1);
    expect(sent).toHaveLength(2);
  });

  it('the caller signal aborts the call, including a wait between retries', async () => {
    const { fetch, sent } = fakeFetch(() => gateway(503, 'ServiceUnavailable', { 'retry-after': '5' }));
    const controller = new AbortController();
    // Abort once the client has decided to wait 5 s before its retry (the hook says so): no wall-clock guess.
    const hooks = {
      onError: (e: { retrying: boolean }) => {
        if (e.retrying) queueMicrotask(() => controller.abort(new Error('user gave up')));
      },
    };
    const pending = createOpenSearchClient({ credentials, fetch, hooks }).listFunctionInstances(params, {
      signal: controller.signal,
    });
    await expect(pending).rejects.toThrow('user gave up');
    expect(sent).toHaveLength(1);
  });
});

describe('clock skew', () => {
  it('corrects the clock offset from the Date header and retries once', async () => {
    const serverNow = Date.now() + 3_600_000;
    const { fetch, sent } = fakeFetch(
      () => gateway(400, 'InvalidTimeStamp.Expired', { date: new Date(serverNow).toUTCString() }),
      () => page([], 0),
    );
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    await client.listFunctionInstances(params);
    expect(sent).toHaveLength(2);
    const corrected = Date.parse(sent[1]!.headers.get('x-acs-date')!);
    expect(Math.abs(corrected - serverNow)).toBeLessThan(5_000);
    // The offset sticks for later calls.
    await client.listFunctionInstances(params);
    expect(Math.abs(Date.parse(sent[2]!.headers.get('x-acs-date')!) - serverNow)).toBeLessThan(5_000);
  });

  it('retries only once, and not without a Date header', async () => {
    const skew = () =>
      gateway(400, 'InvalidTimeStamp.Expired', { date: new Date(Date.now() + 3_600_000).toUTCString() });
    const a = fakeFetch(skew);
    await expect(
      createOpenSearchClient({ credentials, fetch: a.fetch, retry: false }).listFunctionInstances(params),
    ).rejects.toMatchObject({ code: 'InvalidTimeStamp.Expired' });
    expect(a.sent).toHaveLength(2);
    const b = fakeFetch(() => gateway(400, 'InvalidTimeStamp.Expired'));
    await expect(
      createOpenSearchClient({ credentials, fetch: b.fetch, retry: false }).listFunctionInstances(params),
    ).rejects.toMatchObject({ code: 'InvalidTimeStamp.Expired' });
    expect(b.sent).toHaveLength(1);
  });
});
