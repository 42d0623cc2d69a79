// Platform credentials through @alicloud/credentials itself (its credentials-URI provider against a
// local server that rotates STS credentials), and the client's cache: reuse until a margin before
// expiry, single flight under 64 concurrent calls, a failed refresh, and signatures with rotated
// credentials checked by the official signer (@alicloud/openapi-core).
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpenSearchClient } from '../src/index.js';
import { fakeFetch, page, params, type Sent, credentials as staticPair } from './fakeFetch.js';
import { OpenApiUtil } from './officialSigner.js';

const require = createRequire(import.meta.url);
const { default: Credential, Config } = require('@alicloud/credentials') as {
  default: new (config: unknown) => { getCredential(): Promise<{ accessKeyId?: string }> };
  Config: new (options: Record<string, unknown>) => unknown;
};

const T0 = Date.parse('2026-12-01T00:00:00Z');
const MINUTE = 60_000;

/** The Authorization the official signer computes for a request the client sent. */
function officialAuthorization(sent: Sent, secret: string): string {
  const headers: Record<string, string> = { host: sent.url.host };
  sent.headers.forEach((value, name) => {
    if (name !== 'authorization') headers[name] = value;
  });
  const query = Object.fromEntries(sent.url.searchParams);
  const request = { pathname: sent.url.pathname, method: sent.method, query, headers };
  const accessKeyId = /Credential=([^,]+)/.exec(sent.headers.get('authorization')!)![1]!;
  return OpenApiUtil.getAuthorization(
    request,
    'ACS3-HMAC-SHA256',
    headers['x-acs-content-sha256']!,
    accessKeyId,
    secret,
  );
}

describe('the credentials-URI provider of @alicloud/credentials, rotating', () => {
  let server: Server;
  let uri: string;
  let issued = 0;
  // Each set lives 16 minutes: the library refreshes 15 minutes before expiry, so one minute in.
  const secretOf = (n: number) => `rotating-secret-${n}`;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      issued += 1;
      const body = {
        Code: 'Success',
        AccessKeyId: `STS.AK${issued}`,
        AccessKeySecret: secretOf(issued),
        SecurityToken: `token-${issued}`,
        Expiration: new Date(Date.now() + 16 * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    uri = `http://127.0.0.1:${(server.address() as { port: number }).port}/credentials`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  afterEach(() => vi.useRealTimers());

  it('one fetch for 64 concurrent calls, reuse, refresh before expiry, and signatures the official signer agrees with', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const credential = new Credential(new Config({ type: 'credentials_uri', credentialsURI: uri }));
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createOpenSearchClient({ credentials: credential, fetch, credentialsCache: { maxAgeMs: 1000 } });
    expect(client.config.credentials).toBe('credentials client');

    await Promise.all(Array.from({ length: 64 }, () => client.listFunctionInstances(params)));
    expect(issued).toBe(1);
    expect(new Set(sent.map((s) => s.headers.get('x-acs-security-token')))).toEqual(new Set(['token-1']));

    vi.setSystemTime(T0 + 30_000); // past the client's maxAgeMs, inside the library's own reuse
    await client.listFunctionInstances(params);
    expect(issued).toBe(1);

    vi.setSystemTime(T0 + MINUTE + 1000); // 15 minutes before expiry: the library fetches new ones
    await Promise.all(Array.from({ length: 64 }, () => client.listFunctionInstances(params)));
    expect(issued).toBe(2);
    const last = sent.at(-1)!;
    expect(last.headers.get('x-acs-security-token')).toBe('token-2');
    expect(last.headers.get('authorization')).toBe(officialAuthorization(last, secretOf(2)));
    expect(sent[0]!.headers.get('authorization')).toBe(officialAuthorization(sent[0]!, secretOf(1)));
  });
});

describe('the cache of a provider function', () => {
  afterEach(() => vi.useRealTimers());

  /** A provider of numbered credentials expiring `ttl` after each call; `fail` makes the next calls throw. */
  function rotating(ttl: number) {
    const state = { calls: 0, fail: false };
    const provider = vi.fn(async () => {
      state.calls += 1;
      await new Promise((r) => setImmediate(r));
      if (state.fail) throw new Error('sts unavailable');
      return {
        ...staticPair,
        accessKeyId: `AK${state.calls}`,
        securityToken: `t${state.calls}`,
        expiration: new Date(Date.now() + ttl),
      };
    });
    return { provider, state };
  }
  const keyOf = (s: Sent) => /Credential=([^,]+)/.exec(s.headers.get('authorization')!)![1];

  it('reuses credentials until refreshMarginMs before they expire, with one refresh for 64 calls', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const { provider } = rotating(10 * MINUTE);
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createOpenSearchClient({
      credentials: provider,
      fetch,
      credentialsCache: { refreshMarginMs: 2 * MINUTE },
    });
    await Promise.all(Array.from({ length: 64 }, () => client.listFunctionInstances(params)));
    expect(provider).toHaveBeenCalledTimes(1);
    vi.setSystemTime(T0 + 8 * MINUTE - 1);
    await client.listFunctionInstances(params);
    expect(provider).toHaveBeenCalledTimes(1);
    vi.setSystemTime(T0 + 8 * MINUTE);
    await Promise.all(Array.from({ length: 64 }, () => client.listFunctionInstances(params)));
    expect(provider).toHaveBeenCalledTimes(2);
    expect(keyOf(sent.at(-1)!)).toBe('AK2');
    expect(sent.filter((s) => keyOf(s) === 'AK1')).toHaveLength(65);
  });

  it('a failed refresh keeps valid credentials; once they expire it is a CredentialsError and nothing is sent', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const { provider, state } = rotating(10 * MINUTE);
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createOpenSearchClient({ credentials: provider, fetch, retry: false });
    await client.listFunctionInstances(params);
    state.fail = true;
    vi.setSystemTime(T0 + 6 * MINUTE); // inside the default 5-minute margin, still valid
    await client.listFunctionInstances(params);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(keyOf(sent.at(-1)!)).toBe('AK1');
    vi.setSystemTime(T0 + 10 * MINUTE);
    const error = await client.listFunctionInstances(params).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CredentialsError', kind: 'credentials', code: 'CredentialsUnavailable' });
    expect(JSON.stringify(error)).not.toContain(staticPair.accessKeySecret);
    expect(sent).toHaveLength(2);
    state.fail = false;
    await client.listFunctionInstances(params);
    expect(keyOf(sent.at(-1)!)).toBe('AK4');
  });

  it('a call in flight keeps the credentials it signed with; its retry signs with the new ones', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const { provider } = rotating(10 * MINUTE);
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const { fetch, sent } = fakeFetch(
      async () => {
        await held;
        return new Response('', { status: 503 });
      },
      () => page([], 0),
    );
    const client = createOpenSearchClient({ credentials: provider, fetch, retry: { baseDelayMs: 0 }, deadlineMs: 0 });
    const first = client.listFunctionInstances(params);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    vi.setSystemTime(T0 + 9 * MINUTE);
    await client.listFunctionInstances(params);
    release();
    await first;
    expect(sent.map(keyOf)).toEqual(['AK1', 'AK2', 'AK2']);
  });

  it('an expiration that is not a date is a ValidationError naming it; static credentials never call anything', async () => {
    const { fetch } = fakeFetch(() => page([], 0));
    const bad = createOpenSearchClient({
      credentials: async () => ({ ...staticPair, expiration: 'soon' }),
      fetch,
      retry: false,
    });
    await expect(bad.listFunctionInstances(params)).rejects.toMatchObject({
      name: 'ValidationError',
      parameter: 'credentials.expiration',
    });
    expect(() => createOpenSearchClient({ credentialsCache: { maxAgeMs: -1 } })).toThrow(
      'credentialsCache.maxAgeMs must be a number',
    );
    expect(() => createOpenSearchClient({ credentialsCache: 5 as never })).toThrow('credentialsCache must be');
  });
});
