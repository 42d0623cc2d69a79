// A caller may pass its own hash primitives (signingCrypto); the client uses them, and its config
// says so without showing them. The known answers on both default backends are in signRequest.spec.ts.
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../src/index.js';
import { defaultCrypto as nodeCrypto } from '../src/signing/defaultCrypto.node.js';
import { credentials, fakeFetch, page, params } from './fakeFetch.js';

describe('signingCrypto', () => {
  it('the client uses it, and says so in its config (never the functions themselves)', async () => {
    let hashed = 0;
    const counting = {
      ...nodeCrypto,
      sha256Hex: (data: Uint8Array | string) => {
        hashed++;
        return nodeCrypto.sha256Hex(data);
      },
    };
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createOpenSearchClient({ credentials, fetch, signingCrypto: counting });
    await client.listFunctionInstances(params);
    expect(sent[0]!.headers.get('authorization')).toMatch(/Signature=[0-9a-f]{64}$/);
    expect(hashed).toBeGreaterThan(0);
    expect(client.config.signingCrypto).toBe('custom');
    // The source tree is the browser build: Web Crypto; dist/node uses node:crypto (test/builds.test.ts).
    expect(createOpenSearchClient({ credentials }).config.signingCrypto).toBe('web-crypto');
  });
});
