// The credentials cache, the hooks' events and the new options, pinned on their edges.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_USER_AGENT } from '../src/client/platform.node.js';
import { cachedSource } from '../src/credentials/cache.js';
import { createOpenSearchClient, OPERATIONS } from '../src/index.js';
import type { OperationMeta } from '../src/shared/operationMeta.js';
import { defaultCrypto as nodeCrypto } from '../src/signing/defaultCrypto.node.js';
import { signRequest } from '../src/signing/index.js';
import { credentials, fakeFetch, json, latch, type Responder } from './fakeFetch.js';
import { testEngine } from './testEngine.js';

afterEach(() => vi.useRealTimers());
const T0 = Date.parse('2026-12-01T00:00:00Z');

describe('the credentials cache', () => {
  const failing = (message: string) => cachedSource(() => Promise.reject(new Error(message)));
  const causeOf = async (lookup: () => unknown) => {
    const error = (await Promise.resolve()
      .then(lookup)
      .catch((e: unknown) => e)) as Error;
    return (error.cause as Error).message;
  };

  it.each([
    ['AccessKeySecret: abc123', 'AccessKeySecret: [redacted]'],
    ['access_key_secret=abc123&x=1', 'access_key_secret=[redacted]&x=1'],
    ['"SecurityToken":"tok en"', '"SecurityToken":[redacted]'],
    ["security_token='t'", 'security_token=[redacted]'],
    [
      'secret: s1, token: t1; password=p1 signature=0f}',
      'secret: [redacted], token: [redacted]; password=[redacted] signature=[redacted]}',
    ],
    ['connect ECONNREFUSED 100.100.100.200:80', 'connect ECONNREFUSED 100.100.100.200:80'],
  ])('a source error %j has its secrets redacted: %j', async (message, redacted) => {
    expect(await causeOf(failing(message))).toBe(redacted);
  });

  it('known secrets are removed from a later failure’s message, and the cause keeps the error’s name', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    let fail = false;
    const lookup = cachedSource(async () => {
      if (fail) throw new RangeError('bad response for key-secret-XYZ and tok-ABC');
      return {
        accessKeyId: 'id',
        accessKeySecret: 'key-secret-XYZ',
        securityToken: 'tok-ABC',
        expiration: T0 + 60_000,
      };
    });
    await lookup();
    fail = true;
    vi.setSystemTime(T0 + 60_000);
    const error = (await Promise.resolve(lookup()).catch((e: unknown) => e)) as Error;
    expect((error.cause as Error).message).toBe('bad response for [redacted] and [redacted]');
    expect((error.cause as Error).name).toBe('RangeError');
    const short = cachedSource(() => Promise.reject('abc'));
    expect(await causeOf(short)).toBe('abc');
  });

  it('expiration as epoch ms, ISO text or Date; without one, reused for maxAgeMs (default 60 s); default margin 5 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    for (const expiration of [T0 + 600_000, new Date(T0 + 600_000).toISOString(), new Date(T0 + 600_000)]) {
      const source = vi.fn(async () => ({ ...credentials, expiration }));
      const lookup = cachedSource(source);
      await lookup();
      vi.setSystemTime(T0 + 300_000 - 1);
      await lookup();
      expect(source).toHaveBeenCalledTimes(1);
      vi.setSystemTime(T0 + 300_000);
      await lookup();
      expect(source).toHaveBeenCalledTimes(2);
      vi.setSystemTime(T0);
    }
    const plain = vi.fn(async () => credentials);
    const lookup = cachedSource(plain);
    await lookup();
    vi.setSystemTime(T0 + 59_999);
    await lookup();
    expect(plain).toHaveBeenCalledTimes(1);
    vi.setSystemTime(T0 + 60_000);
    await lookup();
    expect(plain).toHaveBeenCalledTimes(2);
  });

  it('a typed error from the source goes out as it is; a bad expiration names the field', async () => {
    const typed = createOpenSearchClient({ credentials: credentials }).config;
    expect(typed.credentials).toBe('static');
    const validation = cachedSource(() => Promise.reject(Object.assign(new Error('x'))));
    await expect(Promise.resolve(validation())).rejects.toMatchObject({ name: 'CredentialsError' });
    const { ValidationError } = await import('../src/index.js');
    const own = new ValidationError('credentials', 'mine');
    await expect(Promise.resolve(cachedSource(() => Promise.reject(own))())).rejects.toBe(own);
    await expect(
      Promise.resolve(cachedSource(async () => ({ ...credentials, expiration: 'later' }))()),
    ).rejects.toMatchObject({
      parameter: 'credentials.expiration',
      message: 'credentials.expiration must be a Date, epoch ms or an ISO 8601 time',
    });
  });
});

describe('hook events at their edges', () => {
  const op = OPERATIONS.listFunctionInstances as unknown as OperationMeta;
  const call = { op, url: 'https://h.example/x', sign: () => ({}) };

  it('an abort is an error event of kind aborted; durations are measured forward', async () => {
    const events: Array<Record<string, unknown>> = [];
    const controller = new AbortController();
    let answered = false;
    const abortFirst: Responder = (_sent, signal) => {
      if (answered) return json({});
      answered = true;
      setTimeout(() => controller.abort(new Error('stop')), 15);
      return new Promise((_r, reject) => signal!.addEventListener('abort', () => reject(signal!.reason)));
    };
    const { engine } = testEngine([abortFirst], {
      timeoutMs: 1000,
      hooks: { onError: (e) => void events.push(e as never), onResponse: (e) => void events.push(e as never) },
    });
    await engine.send(call, { signal: controller.signal }).catch(() => {});
    await engine.send(call).catch(() => {});
    expect(events[0]).toMatchObject({
      kind: 'aborted',
      code: 'Aborted',
      status: undefined,
      requestId: undefined,
      retrying: false,
    });
    expect(events[0]!.durationMs as number).toBeGreaterThanOrEqual(10);
    expect(events[1]).toMatchObject({ status: 200, retrying: false });
    expect(events[1]!.durationMs as number).toBeGreaterThanOrEqual(0);
    expect(events[1]!.durationMs as number).toBeLessThan(1000);
  });
});

describe('new options', () => {
  it.each([
    [{ credentialsCache: null }, 'credentialsCache', 'credentialsCache must be { refreshMarginMs?, maxAgeMs? }'],
    [{ credentialsCache: 'x' }, 'credentialsCache', 'credentialsCache must be { refreshMarginMs?, maxAgeMs? }'],
    [
      { credentialsCache: { refreshMarginMs: -1 } },
      'credentialsCache.refreshMarginMs',
      'credentialsCache.refreshMarginMs must be a number from 0 to 2147483647',
    ],
    [{ hooks: null }, 'hooks', 'hooks must be { onAttempt?, onResponse?, onError? }'],
    [{ hooks: { onAttempt: 'x' } }, 'hooks.onAttempt', 'hooks.onAttempt must be a function'],
    [{ signingCrypto: null }, 'signingCrypto', 'signingCrypto must be { sha256Hex, hmacSha256Hex }'],
    [
      { signingCrypto: { sha256Hex: () => '', hmacSha256Hex: 1 } },
      'signingCrypto',
      'signingCrypto must be { sha256Hex, hmacSha256Hex }',
    ],
  ])('%j is refused naming %s', (options, parameter, message) => {
    expect(() => createOpenSearchClient({ credentials, ...(options as object) })).toThrow(
      expect.objectContaining({ parameter, message }),
    );
  });

  it('config.hooks lists the hooks set, and only a client with hooks observes', async () => {
    const set = createOpenSearchClient({ credentials, hooks: { onError: () => {}, onAttempt: undefined } });
    expect(set.config.hooks).toEqual(['onError']);
    expect(createOpenSearchClient({ credentials }).config.hooks).toEqual([]);
  });
});

describe('the Node platform and signRequest corners', () => {
  it('the Node User-Agent names the package, a version and Node', () => {
    expect(DEFAULT_USER_AGENT).toBe(`acs-opensearch-client/0.0.0-dev node/${process.version.slice(1)}`);
  });

  it('a caller’s host or authorization, even malformed, is ignored; an ArrayBuffer body hashes with node:crypto', async () => {
    const options = { credentials, action: 'A', version: 'V', now: () => 0, nonce: () => 'n' };
    const plain = await signRequest({ method: 'GET', url: 'https://h.example/p' }, options);
    const odd = await signRequest(
      { method: 'GET', url: 'https://h.example/p', headers: { host: 'a\nb', Authorization: 'x\ny' } },
      options,
    );
    expect(odd.signature).toBe(plain.signature);
    const bytes = new TextEncoder().encode('{"a":1}');
    const node = { ...options, crypto: nodeCrypto };
    const fromBuffer = await signRequest(
      { method: 'POST', url: 'https://h.example/p', body: bytes.buffer as ArrayBuffer },
      node,
    );
    const fromText = await signRequest({ method: 'POST', url: 'https://h.example/p', body: '{"a":1}' }, node);
    expect(fromBuffer.signature).toBe(fromText.signature);
  });
});

describe('an abort while credentials or signing are awaited', () => {
  it('rejects at once with the caller’s reason, and sends nothing', async () => {
    let release!: () => void;
    const slowCredentials = new Promise<typeof credentials>((r) => {
      release = () => r(credentials);
    });
    const { fetch, sent } = fakeFetch(() => json({}));
    const asked = latch();
    const provider = () => {
      asked.fire();
      return slowCredentials;
    };
    const client = createOpenSearchClient({ credentials: provider, fetch, timeoutMs: 0, deadlineMs: 0 });
    const controller = new AbortController();
    const pending = client.listFunctionInstances(
      { appGroupIdentity: 'a', functionName: 'f' },
      { signal: controller.signal },
    );
    await asked.happened; // the call waits on the provider now (no wall-clock wait)
    const reason = new Error('gone');
    controller.abort(reason);
    release();
    await expect(pending).rejects.toBe(reason);
    expect(sent).toHaveLength(0);
  });

  it('an attempt timer made for an already aborted signal aborts at once', async () => {
    const { startAttemptTimer } = await import('../src/engine/timeout.js');
    const reason = new Error('earlier');
    const timer = startAttemptTimer(10_000, AbortSignal.abort(reason));
    expect(timer.controller.signal.aborted).toBe(true);
    expect(timer.controller.signal.reason).toBe(reason);
    timer.clear();
  });
});
