// The client core's smaller contracts, each pinned on its observable behaviour: error objects and
// their messages, error bodies in every shape, options and credentials, casing, reading 2xx bodies,
// the canonical query, the nonce and the date, Web Crypto, and the engine's messages.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorFromResponse, readErrorFields } from '../src/engine/errorResponse.js';
import { normalizeCasing } from '../src/engine/normalizeCasing.js';
import { safeText } from '../src/errors/errors.js';
import {
  ClientError,
  createOpenSearchClient,
  NetworkError,
  OpenSearchError,
  ServerError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { acsDate } from '../src/signing/acsDate.js';
import { canonicalQuery } from '../src/signing/canonicalQuery.js';
import { webCrypto } from '../src/signing/crypto.js';
import { signatureNonce } from '../src/signing/signatureNonce.js';
import { credentials, fakeFetch, json, page, params } from './fakeFetch.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** What a promise rejects with. */
const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (error: unknown) => error,
  );

describe('errors', () => {
  it('safeText cuts past max, counting what it left out, and escapes control characters', () => {
    expect(safeText('abc', 3)).toBe('abc');
    expect(safeText('abcd', 3)).toBe('abc… (1 more characters)');
    expect(safeText('a\nb\u0000\u2028', 10)).toBe('a\\u000ab\\u0000\\u2028');
  });

  it('each class has its name, kind defaults and retryable default false; cause only when given', () => {
    const base = new OpenSearchError({ kind: 'server', message: 'm' });
    expect([base.name, base.code, base.retryable, 'cause' in base]).toEqual([
      'OpenSearchError',
      'Unknown',
      false,
      false,
    ]);
    const caused = new OpenSearchError({ kind: 'network', message: 'm', cause: 0 });
    expect([caused.code, caused.cause]).toEqual(['NetworkError', 0]);
    expect(new OpenSearchError({ kind: 'timeout', message: 'm' }).code).toBe('Timeout');
    expect(new OpenSearchError({ kind: 'validation', message: 'm' }).code).toBe('InvalidParameter');
    const named = [ClientError, ServerError, ThrottlingError, NetworkError, TimeoutError].map(
      (E) => new E({ kind: 'client', message: 'm' }).name,
    );
    expect(named).toEqual(['ClientError', 'ServerError', 'ThrottlingError', 'NetworkError', 'TimeoutError']);
    const invalid = new ValidationError('p', 'bad', 'why');
    expect([invalid.name, invalid.kind, invalid.code, invalid.parameter, invalid.cause]).toEqual([
      'ValidationError',
      'validation',
      'InvalidParameter',
      'p',
      'why',
    ]);
  });
});

describe('error answers', () => {
  const target = { method: 'GET', url: 'https://h.example/v4/x?a=1' };
  const headers = new Headers({ 'x-acs-request-id': 'hdr-id' });

  it('reads camelCase, PascalCase, text and empty bodies; empty strings are no value', () => {
    expect(readErrorFields('{"code":"C","message":"M","requestId":"R"}', headers)).toMatchObject({
      code: 'C',
      message: 'M',
      requestId: 'R',
    });
    expect(readErrorFields('{"Code":"C","Message":"M","RequestId":"R"}', headers)).toMatchObject({
      code: 'C',
      message: 'M',
      requestId: 'R',
    });
    expect(readErrorFields('{"code":"","Code":"P"}', headers)).toMatchObject({ code: 'P', requestId: 'hdr-id' });
    expect(readErrorFields('<html>', new Headers())).toEqual({
      code: undefined,
      message: undefined,
      requestId: undefined,
      body: '<html>',
    });
    expect(readErrorFields('  ', headers).body).toBe('  ');
    expect(readErrorFields('null', headers)).toMatchObject({ code: undefined, body: null });
    expect(readErrorFields('"text"', headers)).toMatchObject({ code: undefined, body: 'text' });
  });

  it('says what came back: the code, the message or status text, the body kind and the request id', () => {
    const fields = (text: string) => readErrorFields(text, headers);
    const message = (status: number, text: string, statusText = '') =>
      errorFromResponse({ status, statusText, headers }, fields(text), target).message;
    expect(message(400, '{"code":"Bad","message":"no"}')).toBe(
      'GET /v4/x failed with HTTP 400 Bad: no [requestId hdr-id]',
    );
    expect(message(502, '<html>', 'Bad Gateway')).toBe(
      'GET /v4/x failed with HTTP 502 HTTP502: Bad Gateway (non-JSON body: <html>) [requestId hdr-id]',
    );
    expect(message(500, '')).toBe('GET /v4/x failed with HTTP 500 HTTP500: no message (empty body) [requestId hdr-id]');
    const quiet = errorFromResponse(
      { status: 404, headers: new Headers() },
      readErrorFields('{}', new Headers()),
      target,
    );
    expect(quiet.message).toBe('GET /v4/x failed with HTTP 404 HTTP404: no message');
  });

  it('picks the class: throttling by status or code, 5xx retryable only when safe, 4xx never', () => {
    const of = (status: number, code?: string, safe?: boolean) =>
      errorFromResponse(
        { status, headers: new Headers({ 'retry-after': '2' }) },
        { code, message: undefined, requestId: undefined, body: {} },
        target,
        safe,
      );
    expect(of(429)).toMatchObject({ name: 'ThrottlingError', kind: 'throttling', retryable: true, retryAfterMs: 2000 });
    expect(of(400, 'Throttling.User')).toMatchObject({ kind: 'throttling', code: 'Throttling.User' });
    expect(of(503)).toMatchObject({ kind: 'server', retryable: true });
    expect(of(503, undefined, false)).toMatchObject({ kind: 'server', retryable: false });
    expect(of(409)).toMatchObject({ kind: 'client', retryable: false, status: 409, method: 'GET', url: target.url });
  });
});

describe('options and credentials', () => {
  it.each([
    [null, 'options', 'options must be an object'],
    [{ fetch: 'x' }, 'fetch', 'fetch must be a function'],
    [{ signingCrypto: {} }, 'signingCrypto', 'signingCrypto must be { sha256Hex, hmacSha256Hex }'],
    [{ signingCrypto: { sha256Hex: () => '' } }, 'signingCrypto', 'signingCrypto must be { sha256Hex, hmacSha256Hex }'],
    [{ deadlineMs: -1 }, 'deadlineMs', 'deadlineMs must be a number from 0 to 2147483647'],
    [{ maxResponseBytes: 1.5 }, 'maxResponseBytes', 'maxResponseBytes must be an integer from 1 to 1099511627776'],
    [{ retry: 3 }, 'retry', 'retry must be an object of retry options, or false'],
    [{ retry: { baseDelayMs: -1 } }, 'retry.baseDelayMs', 'retry.baseDelayMs must be a number from 0 to 2147483647'],
    [{ retry: { random: 1 } }, 'retry', 'retry.random must be a function and retry.methods an array of method names'],
    [
      { retry: { methods: 'GET' } },
      'retry',
      'retry.random must be a function and retry.methods an array of method names',
    ],
  ])('%j is a ValidationError naming %s', (options, parameter, message) => {
    const error = (() => {
      try {
        createOpenSearchClient({ credentials, ...(options as object) } as never);
      } catch (e) {
        return e;
      }
      try {
        createOpenSearchClient(options as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ name: 'ValidationError', parameter, message });
  });

  it('outside the Node build no User-Agent is set by default; one given is sent', async () => {
    expect(createOpenSearchClient({ credentials }).config.userAgent).toBeUndefined();
    const { fetch, sent } = fakeFetch(() => page([], 0));
    await createOpenSearchClient({ credentials, fetch, userAgent: 'my-app/1.0' }).listFunctionInstances(params);
    expect(sent[0]!.headers.get('user-agent')).toBe('my-app/1.0');
  });

  it('the config says where credentials come from, never what they are', () => {
    const of = (c: unknown) => createOpenSearchClient({ credentials: c as never }).config.credentials;
    expect(of(credentials)).toBe('static');
    expect(of({ ...credentials, securityToken: 't' })).toBe('static (STS)');
    expect(of(() => credentials)).toBe('provider');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'env-id');
    expect(createOpenSearchClient().config.credentials).toBe('environment');
  });

  it('the environment: both variables, with the token when set; one alone names the other', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'env-id');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'env-secret');
    vi.stubEnv('ALIBABA_CLOUD_SECURITY_TOKEN', 'env-token');
    const { fetch, sent } = fakeFetch(() => page([], 0));
    await createOpenSearchClient({ fetch, retry: false }).listFunctionInstances(params);
    expect(sent[0]!.headers.get('authorization')).toContain('Credential=env-id,');
    expect(sent[0]!.headers.get('x-acs-security-token')).toBe('env-token');
    vi.stubEnv('ALIBABA_CLOUD_SECURITY_TOKEN', '');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', '');
    const failed = await rejection(createOpenSearchClient({ fetch, retry: false }).listFunctionInstances(params));
    expect(failed).toMatchObject({
      parameter: 'credentials.accessKeySecret',
      message: 'credentials.accessKeySecret is missing or empty',
    });
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', '');
    const none = await rejection(createOpenSearchClient({ fetch, retry: false }).listFunctionInstances(params));
    expect(none).toMatchObject({
      parameter: 'credentials',
      message: 'no credentials: pass `credentials`, or set ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET',
    });
    expect(sent).toHaveLength(1);
  });

  it('a provider that throws is a CredentialsError with a redacted cause, and nothing is sent', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const boom = new Error('metadata service down: {"AccessKeySecret":"leaked-secret","SecurityToken":"leaked-token"}');
    const client = createOpenSearchClient({ fetch, retry: false, credentials: () => Promise.reject(boom) });
    const error = await rejection(client.listFunctionInstances(params));
    expect(error).toMatchObject({
      name: 'CredentialsError',
      kind: 'credentials',
      code: 'CredentialsUnavailable',
      retryable: true,
      message: 'the credentials source failed; see cause',
    });
    const cause = (error as Error).cause as Error;
    expect(cause.message).toBe('metadata service down: {"AccessKeySecret":[redacted],"SecurityToken":[redacted]}');
    expect(JSON.stringify(error) + String(cause.stack)).not.toMatch(/leaked/);
    expect(sent).toHaveLength(0);
  });

  it.each([
    [null, 'credentials', 'credentials must be { accessKeyId, accessKeySecret, securityToken? }'],
    ['x', 'credentials', 'credentials must be { accessKeyId, accessKeySecret, securityToken? }'],
    [
      { accessKeyId: ' ', accessKeySecret: 's' },
      'credentials.accessKeyId',
      'credentials.accessKeyId is missing or empty',
    ],
    [
      { accessKeyId: 'a', accessKeySecret: '' },
      'credentials.accessKeySecret',
      'credentials.accessKeySecret is missing or empty',
    ],
    [
      { accessKeyId: 'a', accessKeySecret: 's', securityToken: 5 },
      'credentials.securityToken',
      'credentials.securityToken is missing or empty',
    ],
  ])('credentials %j: %s', (c, parameter, message) => {
    expect(() => createOpenSearchClient({ credentials: c as never })).toThrow(
      expect.objectContaining({ parameter, message }),
    );
  });

  it('a secret of spaces is a secret; an id with a newline is refused without echoing it', () => {
    expect(() => createOpenSearchClient({ credentials: { accessKeyId: 'a', accessKeySecret: ' ' } })).not.toThrow();
    expect(() => createOpenSearchClient({ credentials: { accessKeyId: 'a\nb', accessKeySecret: 's' } })).toThrow(
      'credentials.accessKeyId must be a string without CR, LF, NUL, other control or non-Latin-1 characters (value not shown)',
    );
  });
});

describe('casing', () => {
  it('camelCase bodies are returned as they are; PascalCase ones are camelized deeply', () => {
    const camel = { requestId: 'r', Result: 1 };
    expect(normalizeCasing(camel)).toBe(camel);
    expect(normalizeCasing({ RequestId: 'r', Result: [{ InstanceName: 'i', A: { B: 1 } }] })).toEqual({
      requestId: 'r',
      result: [{ instanceName: 'i', a: { b: 1 } }],
    });
    expect(normalizeCasing({ '': 1, ok: 2 })).toEqual({ '': 1, ok: 2 });
    expect(normalizeCasing({ Code: 'c', code: 'kept' })).toEqual({ code: 'kept' });
    expect(normalizeCasing([{ A: 1 }])).toEqual([{ A: 1 }]);
    expect(normalizeCasing(null)).toBeNull();
  });

  it('a __proto__ key stays an own property; 64 levels are read, 65 refused', () => {
    const out = normalizeCasing<Record<string, unknown>>(JSON.parse('{"RequestX":1,"__proto__":{"A":1}}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    const nest = (depth: number) => {
      let body: unknown = 1;
      for (let i = 0; i < depth; i++) body = { A: body };
      return { X: body };
    };
    expect(() => normalizeCasing(nest(63))).not.toThrow();
    expect(() => normalizeCasing(nest(64))).toThrow('the body nests deeper than 64 levels');
  });
});

describe('2xx bodies', () => {
  const client = (answer: () => Response) =>
    createOpenSearchClient({
      credentials,
      retry: false,
      fetch: fakeFetch(answer).fetch,
      endpoint: 'https://h.example',
    });

  it('not JSON, or missing what the spec requires, is MalformedResponse quoting the start of the body', async () => {
    const bad = await rejection(
      client(
        () => new Response('<html>oops', { status: 200, headers: { 'x-acs-request-id': 'q' } }),
      ).listFunctionInstances(params),
    );
    expect(bad).toMatchObject({
      name: 'ServerError',
      code: 'MalformedResponse',
      status: 200,
      requestId: 'q',
      body: '<html>oops',
      retryable: false,
      method: 'GET',
    });
    expect((bad as Error).message).toBe(
      'GET /v4/openapi/app-groups/my_app/functions/ctr/instances answered HTTP 200 with a body the client cannot use: not JSON (truncated, or a proxy page?) (body starts <html>oops)',
    );
    const empty = await rejection(client(() => new Response('  ', { status: 200 })).listFunctionInstances(params));
    expect((empty as Error).message).toMatch(/cannot use: the body is empty, not an object$/);
    const deep = await rejection(
      client(() => json(JSON.parse(`${'{"A":'.repeat(70)}1${'}'.repeat(70)}`))).listFunctionInstances(params),
    );
    expect((deep as Error).message).toContain('cannot use: the body nests deeper than 64 levels');
  });
});

describe('canonical query', () => {
  it.each([
    ['', ''],
    ['?', ''],
    ['?a=1&&b=2&', 'a=1&b=2'],
    ['b=2&a=1', 'a=1&b=2'],
    ['?k=b&k=a&k=c', 'k=a&k=b&k=c'],
    ['?flag', 'flag='],
    ['?a=%20%2B+', 'a=%20%2B%2B'],
  ])('%j → %j', (search, canonical) => {
    expect(canonicalQuery(search)).toBe(canonical);
  });

  it('a bad escape is a ValidationError naming the query and the part', () => {
    expect(() => canonicalQuery('?a=%E0%A4')).toThrow(
      expect.objectContaining({
        parameter: 'query',
        message: 'Cannot sign the query string "?a=%E0%A4": "%E0%A4" is not valid percent-encoding',
      }),
    );
  });
});

describe('nonce, date and Web Crypto', () => {
  it('the nonce is a UUID, or 32 hex digits where randomUUID is missing', () => {
    expect(signatureNonce()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const a = signatureNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(signatureNonce()).not.toBe(a);
  });

  it('the date is the UTC second, for a number or a Date, and an invalid time is refused', () => {
    expect(acsDate(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('2026-01-02T03:04:05Z');
    expect(acsDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 6)))).toBe('2026-01-02T03:04:06Z');
    expect(acsDate(Date.UTC(2026, 0, 2, 3, 4, 6, 500))).toBe('2026-01-02T03:04:06Z');
    expect(() => acsDate(Number.NaN)).toThrow('Cannot sign a request with an invalid date');
    expect(() => acsDate(8.64e15 + 1000)).toThrow('Cannot sign a request with an invalid date');
  });

  it('Web Crypto hashes strings, bytes and the empty body, and is missing with a typed error', async () => {
    expect(await webCrypto.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await webCrypto.sha256Hex(new Uint8Array([97, 98, 99]))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await webCrypto.sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await webCrypto.hmacSha256Hex('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    vi.stubGlobal('crypto', {});
    await expect(webCrypto.hmacSha256Hex('other-key', 'm')).rejects.toMatchObject({
      parameter: 'signingCrypto',
      message: 'Web Crypto (crypto.subtle) is missing here: pass signingCrypto',
    });
    vi.unstubAllGlobals();
    // A failed import is not cached: the next call with the same secret imports again.
    expect(await webCrypto.hmacSha256Hex('other-key', 'm')).toMatch(/^[0-9a-f]{64}$/);
  });
});
