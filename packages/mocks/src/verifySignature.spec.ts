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
      code: 'SignatureDoesNotMatch',
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
