// The signer's default primitives in Node: synchronous node:crypto. About 5 µs for both hashes,
// where Web Crypto costs two thread-pool round trips (~100 µs or more). tsup puts this file in
// place of defaultCrypto.ts in the Node build only; the browser build never sees node:crypto.
import { createHash, createHmac } from 'node:crypto';
import type { SigningCrypto } from './crypto.js';

export const defaultCrypto: SigningCrypto = {
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmacSha256Hex: (secret, message) => createHmac('sha256', secret).update(message).digest('hex'),
};
/** Which primitives sign by default in this build. */
export const DEFAULT_CRYPTO_NAME: 'web-crypto' | 'node:crypto' = 'node:crypto';
