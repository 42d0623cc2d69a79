// No secret in any error, ever. A secret planted in a credentials source's error (its message, its
// cause chain, JSON nested in strings), or echoed by a server (its message, its code, any body field,
// its request id) in any form (raw, JSON-escaped at any depth, URL-encoded, base64, under a
// secret-looking key) never appears in what a caller or a hook sees: util.inspect, JSON.stringify,
// message, stack, cause, the raw path's `error`, or any hook event.
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallErrorEvent, type CallHooks, createOpenSearchClient } from '../src/index.js';
import { fakeFetch, json } from './fakeFetch.js';
import { callOf, pagedGet, paramsFor } from './specShapes.js';

const require = createRequire(import.meta.url);
const { default: Credential, Config } = require('@alicloud/credentials') as {
  default: new (config: unknown) => { getCredential(): Promise<unknown> };
  Config: new (options: Record<string, unknown>) => unknown;
};

const op = pagedGet();
const params = paramsFor(op);

/** Everything a caller, a logger or a hook could show of a failure. */
function views(error: unknown, events: unknown[] = []): string[] {
  const out = [
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    JSON.stringify(error),
    String(error),
    inspect(events, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++)
    out.push(e.message, String(e.stack), JSON.stringify(Object.entries(e)));
  return out;
}

function expectAbsent(texts: string[], needles: string[]) {
  for (const text of texts)
    for (const needle of needles) expect(text, `leaked ${JSON.stringify(needle)}`).not.toContain(needle);
}

const recorder = () => {
  const events: CallErrorEvent[] = [];
  const hooks: CallHooks = { onError: (e) => events.push(e), onResponse: (e) => events.push(e as never) };
  return { events, hooks };
};

describe("the issue's leak: a credentials URI answering 502 with JSON nested in a string", () => {
  let server: Server;
  let uri: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          upstream: JSON.stringify({ AccessKeySecret: 'S3cr3t-Upstream', SecurityToken: 'T0ken-Upstream' }),
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    uri = `http://127.0.0.1:${(server.address() as { port: number }).port}/credentials`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('neither value appears anywhere: inspect, JSON, message, stack, cause, hook events', async () => {
    const { fetch, sent } = fakeFetch(() => json({}));
    const { events, hooks } = recorder();
    const credentials = new Credential(new Config({ type: 'credentials_uri', credentialsURI: uri }));
    const client = createOpenSearchClient({ credentials: credentials as never, fetch, hooks, retry: false });
    const error = await callOf(client, op)(params).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CredentialsError', code: 'CredentialsUnavailable' });
    expectAbsent(views(error, events), ['S3cr3t-Upstream', 'T0ken-Upstream']);
    expect(events).toEqual([expect.objectContaining({ stage: 'credentials', code: 'CredentialsUnavailable' })]);
    expect(sent).toHaveLength(0);
  });
});

describe('every form of a secret the client knows', () => {
  const secret = 'kn0wn/Secret+Value=42';
  const token = 'kn0wn-token/with+chars';
  const forms = (s: string) => [
    s,
    JSON.stringify(s).slice(1, -1),
    JSON.stringify(JSON.stringify(s)).slice(1, -1),
    encodeURIComponent(s),
    encodeURIComponent(encodeURIComponent(s)),
    btoa(s),
    btoa(`xy${s}`),
    btoa(`x${s}`).replace(/\+/g, '-').replace(/\//g, '_'),
  ];

  it.each([
    [
      'in the message',
      (f: string) => json({ Code: 'SignatureDoesNotMatch', Message: `string to sign used ${f}` }, { status: 400 }),
    ],
    ['in the code', (f: string) => json({ Code: `Bad.${f}`, Message: 'no' }, { status: 400 })],
    [
      'in another body field',
      (f: string) => json({ code: 'Denied', message: 'no', echo: { deep: [f] } }, { status: 403 }),
    ],
    ['in a non-JSON body', (f: string) => new Response(`<html>${f}</html>`, { status: 502 })],
    [
      'in the request id',
      (f: string) => json({ code: 'Denied', message: 'no' }, { status: 403, headers: { 'x-acs-request-id': f } }),
    ],
  ])('a server that echoes the secret or the token %s: removed from the first call on', async (_where, answer) => {
    for (const planted of [...forms(secret), ...forms(token)]) {
      const { fetch } = fakeFetch(() => answer(planted));
      const { events, hooks } = recorder();
      const client = createOpenSearchClient({
        credentials: { accessKeyId: 'AK', accessKeySecret: secret, securityToken: token },
        fetch,
        hooks,
        retry: false,
      });
      const error = await callOf(client, op)(params).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: expect.stringMatching(/client|server/) });
      expectAbsent(views(error, events), [secret, token, planted]);
      // The raw path hands the error body back as openapi-fetch does: freed of secrets too.
      const raw = (await (client as unknown as { GET: (p: string, i: unknown) => Promise<unknown> }).GET(op.path, {
        params: splitParams(params),
      })) as { error?: unknown; data?: unknown };
      expectAbsent([inspect(raw.error, { depth: 10 }), JSON.stringify(raw.error) ?? ''], [secret, token, planted]);
    }
  });

  it('a provider that fails after handing out credentials: its error and cause chain lose them, in every form', async () => {
    let calls = 0;
    let expiration = 0;
    const provider = async () => {
      calls += 1;
      expiration = Date.now() + 1;
      if (calls === 1) return { accessKeyId: 'AK', accessKeySecret: secret, securityToken: token, expiration };
      const inner = new Error(`inner ${encodeURIComponent(secret)} and ${btoa(token)}`);
      throw new Error(`refresh failed for ${secret} (token ${JSON.stringify(token)})`, { cause: inner });
    };
    const { fetch } = fakeFetch(() => json({ code: 'Denied', message: 'no' }, { status: 403 }));
    const client = createOpenSearchClient({
      credentials: provider,
      credentialsCache: { refreshMarginMs: 0 },
      fetch,
      retry: false,
    });
    await callOf(client, op)(params).catch(() => {});
    // The second call must find the credentials expired: on a fast machine both calls fit in 1 ms.
    while (Date.now() <= expiration) await new Promise((resolve) => setImmediate(resolve));
    const error = await callOf(client, op)(params).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CredentialsError' });
    const cause = (error as Error).cause as Error;
    expect(cause.message).toBe('refresh failed for [redacted] (token "[redacted]")');
    // base64 keeps the characters it shares with its neighbours (`w==` here), never the secret's own.
    expect((cause.cause as Error).message).toMatch(/^inner \[redacted\] and \[redacted\]\S{0,3}$/);
    expectAbsent(views(error), [secret, token, ...forms(secret), ...forms(token)]);
  });
});

describe('secret-looking values the client never saw', () => {
  it.each([
    ['nested JSON', JSON.stringify({ a: JSON.stringify({ b: JSON.stringify({ SecurityToken: 'never-seen-1' }) }) })],
    ['a query string', 'GET /sts?Action=Assume&SecurityToken=never-seen-1&x=1'],
    ['a header line', 'x-acs-security-token: never-seen-1\r\nhost: example'],
    ['key = value text', "password='never-seen-1'; token=never-seen-1"],
  ])('in %s: the value is removed, the rest is kept', async (_shape, text) => {
    const client = createOpenSearchClient({
      credentials: () => Promise.reject(new Error(`source said: ${text}`)),
      fetch: fakeFetch(() => json({})).fetch,
      retry: false,
    });
    const error = await callOf(client, op)(params).catch((e: unknown) => e);
    const cause = (error as Error).cause as Error;
    expect(cause.message).toContain('source said: ');
    expect(cause.message).toContain('[redacted]');
    expectAbsent(views(error), ['never-seen-1']);
  });

  it.each([
    ['URL-encoded JSON', encodeURIComponent(JSON.stringify({ AccessKeySecret: 'never-seen-2' }))],
    ['base64 JSON', btoa(JSON.stringify({ AccessKeySecret: 'never-seen-2' }))],
    ['a structure under a secret key', JSON.stringify({ credentials: { value: 'never-seen-2' } })],
  ])('in %s, which cannot be made safe: the cause keeps only its name and code', async (_shape, text) => {
    const failure = Object.assign(new TypeError(text), { code: 'EUPSTREAM' });
    const client = createOpenSearchClient({
      credentials: () => Promise.reject(failure),
      fetch: fakeFetch().fetch,
      retry: false,
    });
    const error = await callOf(client, op)(params).catch((e: unknown) => e);
    const cause = (error as Error).cause as Error & { code?: string };
    expect(cause).toMatchObject({ name: 'TypeError', code: 'EUPSTREAM' });
    expect(cause.message).toBe('TypeError EUPSTREAM (message withheld: it could hold a secret)');
    expectAbsent(views(error), ['never-seen-2', text]);
  });
});

/** A secret in one of the shapes a text may carry it in. */
const SHAPES: Array<[string, (s: string) => string, boolean]> = [
  // [name, embed, only for a secret the client knows]
  ['raw', (s) => `value ${s} here`, true],
  ['JSON-escaped', (s) => JSON.stringify(JSON.stringify(s)), true],
  ['URL-encoded', (s) => `q=${encodeURIComponent(s)}&r=1`, true],
  ['base64', (s) => btoa(`prefix:${s}`), true],
  ['JSON key', (s) => JSON.stringify({ AccessKeySecret: s }), false],
  ['nested JSON key', (s) => JSON.stringify({ upstream: JSON.stringify({ securityToken: s }) }), false],
  ['doubly nested', (s) => JSON.stringify({ a: JSON.stringify({ b: JSON.stringify({ secret: s }) }) }), false],
  ['query', (s) => `https://sts.example/?AccessKeySecret=${encodeURIComponent(s)}&Format=JSON`, false],
  ['header', (s) => `x-acs-security-token: ${s}\nx-other: 1`, false],
];

describe('property: a planted secret never comes out', () => {
  const secretArb = fc.stringMatching(/^[A-Za-z0-9+/=_-]{12,40}$/).filter((s) => /[A-Za-z]/.test(s) && /\d/.test(s));
  const shapeArb = fc.constantFrom(...SHAPES);

  it('in a provider error, its cause chain, or a server answer, for known and unknown secrets', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        shapeArb,
        fc.constantFrom('provider message', 'provider cause', 'server message', 'server field', 'server text'),
        async (secret, [, embed, knownOnly], place) => {
          const text = embed(secret);
          const known = knownOnly || place.startsWith('server');
          const { events, hooks } = recorder();
          let client: ReturnType<typeof createOpenSearchClient>;
          if (place.startsWith('provider')) {
            // Known: the provider handed the secret out first. Unknown: its very first lookup fails.
            let calls = 0;
            const provider = async () => {
              calls += 1;
              if (known && calls === 1)
                return { accessKeyId: 'AK', accessKeySecret: secret, expiration: Date.now() - 1 };
              const error =
                place === 'provider message'
                  ? new Error(`failed: ${text}`)
                  : new Error('failed', { cause: new Error(text) });
              throw error;
            };
            const { fetch } = fakeFetch(() => json({ code: 'Denied', message: 'no' }, { status: 403 }));
            client = createOpenSearchClient({
              credentials: provider,
              credentialsCache: { refreshMarginMs: 0 },
              fetch,
              hooks,
              retry: false,
            });
            if (known) await callOf(client, op)(params).catch(() => {});
          } else {
            const answer =
              place === 'server message'
                ? () => json({ Code: 'InvalidParameter', Message: text }, { status: 400 })
                : place === 'server field'
                  ? () => json({ code: 'InvalidParameter', message: 'bad', detail: { echo: text } }, { status: 400 })
                  : () => new Response(text, { status: 500 });
            const { fetch } = fakeFetch(answer);
            client = createOpenSearchClient({
              credentials: { accessKeyId: 'AK', accessKeySecret: secret },
              fetch,
              hooks,
              retry: false,
            });
          }
          if (!known && knownOnly) return;
          const error = await callOf(client, op)(params).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(Error);
          expectAbsent(views(error, events), [secret]);
        },
      ),
      { numRuns: 300, seed: Number(process.env.PROPERTY_SEED ?? 24), interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);
});

/** Flat parameters split as a raw call takes them: path values and query values. */
function splitParams(flat: Record<string, unknown>) {
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const p of op.parameters) {
    if (!(p.name in flat)) continue;
    (p.in === 'path' ? path : query)[p.name] = flat[p.name];
  }
  return { path, query };
}
