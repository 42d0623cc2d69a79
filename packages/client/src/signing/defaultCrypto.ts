// The signer's default primitives in browsers, workers and edge runtimes: Web Crypto.
// The Node build (dist/node, picked by the `node` export condition) swaps this file for
// defaultCrypto.node.ts, which uses synchronous node:crypto. No option is needed for either.
import { type SigningCrypto, webCrypto } from './crypto.js';

export const defaultCrypto: SigningCrypto = webCrypto;
/** Which primitives sign by default in this build. */
export const DEFAULT_CRYPTO_NAME: 'web-crypto' | 'node:crypto' = 'web-crypto';
