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
