// A server may swap Web Crypto for synchronous node:crypto primitives; the signature must not change.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../src/index.js';
import { type SigningCrypto, signRequest } from '../src/signing/index.js';
import { KNOWN_ANSWERS } from '../src/signing/suite.fixture.js';
import { credentials, fakeFetch, page, params } from './fakeFetch.js';

const nodeCrypto: SigningCrypto = {
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmacSha256Hex: (secret, message) => createHmac('sha256', secret).update(message).digest('hex'),
};

describe('signingCrypto', () => {
  it.each(KNOWN_ANSWERS.map((k) => [k.name, k] as const))(
    'node:crypto gives the known answer: %s',
    async (_name, k) => {
      const signed = await signRequest(
        { method: k.method, url: k.url, headers: k.headers, body: k.body },
        {
          credentials: k.credentials,
          action: 'ListFunctionInstances',
          version: '2017-12-25',
          now: () => new Date(k.date),
          nonce: () => k.nonce,
          crypto: nodeCrypto,
        },
      );
      expect(signed.signature).toBe(k.signature);
    },
  );

  it('the client uses it, and says so in its config (never the functions themselves)', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createOpenSearchClient({ credentials, fetch, signingCrypto: nodeCrypto });
    await client.listFunctionInstances(params);
    expect(sent[0]!.headers.get('authorization')).toMatch(/Signature=[0-9a-f]{64}$/);
    expect(client.config.signingCrypto).toBe('custom');
    // The source tree is the browser build: Web Crypto; dist/node uses node:crypto (test/builds.test.ts).
    expect(createOpenSearchClient({ credentials }).config.signingCrypto).toBe('web-crypto');
  });
});
