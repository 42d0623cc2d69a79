import { signRequest } from '@acs-opensearch/client/signing';
import { describe, expect, it } from 'vitest';
import { NonceStore } from './nonceStore.js';
import { MAX_CLOCK_SKEW_MS, verifySignature } from './verifySignature.js';

const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const URL_ = 'https://h.example/v4/openapi/app-groups/a/functions/b/instances?pageSize=2';

async function signed(options: { action?: string; now?: number; body?: string; secret?: string } = {}) {
  const method = options.body ? 'POST' : 'GET';
  const s = await signRequest(
    { method, url: URL_, body: options.body },
    {
      credentials: { ...key, accessKeySecret: options.secret ?? key.accessKeySecret },
      action: options.action ?? 'ListFunctionInstances',
      version: '2017-12-25',
      ...(options.now ? { now: () => options.now! } : {}),
    },
  );
  return new Request(URL_, { method, headers: s.headers, body: options.body });
}

describe('verifySignature', () => {
  it('accepts a correctly signed request once; its nonce is then refused', async () => {
    const nonces = new NonceStore(MAX_CLOCK_SKEW_MS);
    const request = await signed();
    expect(
      await verifySignature(request, { key, nonces, action: 'ListFunctionInstances', version: '2017-12-25' }),
    ).toBeNull();
    expect(await verifySignature(request, { key, nonces })).toMatchObject({ code: 'SignatureNonceUsed' });
  });

  it('names each failure with the gateway code', async () => {
    expect(await verifySignature(new Request(URL_), { key })).toMatchObject({ code: 'IncompleteSignature' });
    expect(await verifySignature(await signed({ secret: 'other' }), { key })).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    expect(await verifySignature(await signed({ now: Date.now() - 20 * 60_000 }), { key })).toMatchObject({
      code: 'InvalidTimeStamp.Expired',
    });
    expect(
      await verifySignature(await signed({ action: 'GetFunctionInstance' }), { key, action: 'ListFunctionInstances' }),
    ).toMatchObject({ code: 'InvalidAction.NotFound' });
    expect(await verifySignature(await signed(), { key, version: '2099-01-01' })).toMatchObject({
      code: 'InvalidVersion',
    });
    const tampered = await signed({ body: '{"a":1}' });
    expect(await verifySignature(new Request(tampered, { body: '{"a":2}' }), { key })).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });

  it('takes injected primitives, for runtimes without Web Crypto', async () => {
    let used = 0;
    const { defaultCrypto } = await import('@acs-opensearch/client/signing');
    const crypto = {
      sha256Hex: (d: Uint8Array | string) => {
        used++;
        return defaultCrypto.sha256Hex(d);
      },
      hmacSha256Hex: (k: string, m: string) => defaultCrypto.hmacSha256Hex(k, m),
    };
    expect(await verifySignature(await signed(), { key, crypto })).toBeNull();
    expect(used).toBeGreaterThan(0);
  });
});

describe('verifySignature, each check', () => {
  const withHeaders = async (change: (h: Headers) => void) => {
    const request = await signed();
    const headers = new Headers(request.headers);
    change(headers);
    return new Request(URL_, { headers });
  };

  it.each(['x2024-01-01T00:00:00Z', '2024-01-01T00:00:00Zx', '2024-01-01T00:00:00', '2024-1-01T00:00:00Z'])(
    'x-acs-date %j is InvalidTimeStamp.Format',
    async (date) => {
      const request = await withHeaders((h) => h.set('x-acs-date', date));
      expect(await verifySignature(request, { key })).toMatchObject({ code: 'InvalidTimeStamp.Format' });
    },
  );

  it('a date just inside the window passes the time check; just outside is Expired', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const inside = await signed({ now: now - MAX_CLOCK_SKEW_MS + 1000 });
    expect(await verifySignature(inside, { key, now })).toBeNull();
    const outside = await signed({ now: now - MAX_CLOCK_SKEW_MS - 1000 });
    expect(await verifySignature(outside, { key, now })).toMatchObject({ code: 'InvalidTimeStamp.Expired' });
  });

  it.each(['host', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256', 'x-acs-action', 'x-acs-version'])(
    'a signature that leaves %s out of SignedHeaders is IncompleteSignature naming it',
    async (name) => {
      const request = await withHeaders((h) =>
        h.set(
          'authorization',
          h.get('authorization')!.replace(
            /SignedHeaders=([^,]+)/,
            (_, list: string) =>
              `SignedHeaders=${list
                .split(';')
                .filter((n) => n !== name)
                .join(';')}`,
          ),
        ),
      );
      const failure = await verifySignature(request, { key });
      expect(failure).toMatchObject({ code: 'IncompleteSignature' });
      expect(failure!.message).toContain(name);
    },
  );

  it('another AccessKeyId, a wrong version and a wrong body hash each fail with their code', async () => {
    expect(await verifySignature(await signed(), { key: { ...key, accessKeyId: 'other' } })).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
    });
    expect(await verifySignature(await signed(), { key, version: '2099-01-01' })).toMatchObject({
      code: 'InvalidVersion',
    });
    const request = await withHeaders((h) => h.set('x-acs-content-sha256', '0'.repeat(64)));
    expect(await verifySignature(request, { key })).toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: 'x-acs-content-sha256 does not match the SHA-256 of the body.',
    });
  });
});

describe('verifySignature, its messages', () => {
  const withHeaders = async (change: (h: Headers) => void) => {
    const request = await signed();
    const headers = new Headers(request.headers);
    change(headers);
    return new Request(URL_, { headers });
  };

  it('a missing Authorization says so; a malformed one shows the form expected', async () => {
    expect(await verifySignature(new Request(URL_), { key })).toEqual({
      code: 'IncompleteSignature',
      message: 'The Authorization header is missing.',
    });
    for (const bad of [
      'Bearer x',
      'ACS3-HMAC-SHA256 Credential=ak',
      'HMAC-SHA1 Credential=ak,SignedHeaders=host,Signature=00',
    ])
      expect(await verifySignature(await withHeaders((h) => h.set('authorization', bad)), { key })).toEqual({
        code: 'IncompleteSignature',
        message:
          'The Authorization header is malformed; expected "ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=<64 hex>".',
      });
  });

  it('SignedHeaders leaving several out names each, in order', async () => {
    const request = await withHeaders((h) =>
      h.set('authorization', h.get('authorization')!.replace(/SignedHeaders=[^,]+/, 'SignedHeaders=host;x-acs-date')),
    );
    expect(await verifySignature(request, { key })).toEqual({
      code: 'IncompleteSignature',
      message: 'SignedHeaders must include: x-acs-signature-nonce, x-acs-content-sha256, x-acs-action, x-acs-version.',
    });
  });

  it('a signed x-acs-date that is absent, or long, is quoted (cut at 40)', async () => {
    const absent = await withHeaders((h) => h.delete('x-acs-date'));
    expect(await verifySignature(absent, { key })).toEqual({
      code: 'InvalidTimeStamp.Format',
      message: 'x-acs-date must be a real UTC time like 2024-01-01T00:00:00Z, got "".',
    });
    const long = `2024-01-01T00:00:00Z${'9'.repeat(50)}`;
    const failure = await verifySignature(await withHeaders((h) => h.set('x-acs-date', long)), { key });
    expect(failure!.message).toBe(
      `x-acs-date must be a real UTC time like 2024-01-01T00:00:00Z, got ${JSON.stringify(long.slice(0, 40))}.`,
    );
  });

  it('an expired date, another action, version or key: each message names both values', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const old = await signed({ now: now - MAX_CLOCK_SKEW_MS - 1000 });
    expect((await verifySignature(old, { key, now }))!.message).toBe(
      `Specified time stamp or date value is expired: x-acs-date ${old.headers.get('x-acs-date')} is more than 15 minutes from the server's clock.`,
    );
    expect((await verifySignature(await signed(), { key, action: 'Other' }))!.message).toBe(
      'Specified api is not found: x-acs-action "ListFunctionInstances" is not Other, the operation of GET /v4/openapi/app-groups/a/functions/b/instances.',
    );
    expect((await verifySignature(await signed(), { key, version: '2099-01-01' }))!.message).toBe(
      'Specified parameter Version is not valid: x-acs-version "2017-12-25" is not 2099-01-01.',
    );
    const longKey = { ...key, accessKeyId: 'k'.repeat(80) };
    const request = await signRequest(
      { method: 'GET', url: URL_ },
      { credentials: longKey, action: 'ListFunctionInstances', version: '2017-12-25' },
    );
    expect((await verifySignature(new Request(URL_, { headers: request.headers }), { key }))!.message).toBe(
      `Specified access key "${'k'.repeat(64)}" is not found.`,
    );
  });

  it('a wrong signature and a signed header the request lacks each have their message', async () => {
    expect(await verifySignature(await signed({ secret: 'other' }), { key })).toEqual({
      code: 'SignatureDoesNotMatch',
      message: 'Specified signature does not match our calculation.',
    });
    const lacking = await withHeaders((h) =>
      h.set('authorization', h.get('authorization')!.replace(/SignedHeaders=/, 'SignedHeaders=x-acs-extra;')),
    );
    expect(await verifySignature(lacking, { key })).toEqual({
      code: 'IncompleteSignature',
      message: 'Signed header(s) not present in the request: x-acs-extra',
    });
  });

  it('a reused nonce is quoted, cut at 64', async () => {
    const nonces = new NonceStore(MAX_CLOCK_SKEW_MS);
    const nonce = 'n'.repeat(100);
    const s = await signRequest(
      { method: 'GET', url: URL_ },
      { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25', nonce: () => nonce },
    );
    const request = () => new Request(URL_, { headers: s.headers });
    expect(await verifySignature(request(), { key, nonces })).toBeNull();
    expect(await verifySignature(request(), { key, nonces })).toEqual({
      code: 'SignatureNonceUsed',
      message: `Specified signature nonce "${'n'.repeat(64)}" was used already.`,
    });
  });
});
