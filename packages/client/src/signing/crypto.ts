// The two primitives of ACS3-HMAC-SHA256 on Web Crypto: the default of the browser, worker and
// edge build (the Node build uses node:crypto, see defaultCrypto.node.ts).
import { ValidationError } from '../errors/errors.js';

const encoder = new TextEncoder();

/** The body types the signer can hash. */
export type BodyBytes = string | Uint8Array | ArrayBuffer | null | undefined;

/** SHA-256 of an empty body, the x-acs-content-sha256 of every GET. */
export const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new ValidationError('signingCrypto', 'Web Crypto (crypto.subtle) is missing here: pass signingCrypto');
  return s;
}

const bytes = (data: BodyBytes): Uint8Array =>
  typeof data === 'string'
    ? encoder.encode(data)
    : data instanceof Uint8Array
      ? data
      : new Uint8Array(data ?? new ArrayBuffer(0));

const hex = (buffer: ArrayBuffer): string =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

// The last imported key, reused while the secret stays the same: importKey costs a thread-pool
// round trip in Node. One entry only, in module scope, never serialized: it holds no secret that
// the credentials object does not already hold.
let lastKey: { secret: string; key: Promise<CryptoKey> } | undefined;
function hmacKey(secret: string): Promise<CryptoKey> {
  if (lastKey?.secret !== secret) {
    const key = subtle().importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    lastKey = { secret, key };
    key.catch(() => {
      if (lastKey?.key === key) lastKey = undefined;
    });
  }
  return lastKey.key;
}

/**
 * The two hash primitives the signer needs, lowercase hex. The default is node:crypto in Node and
 * Web Crypto elsewhere; pass your own (synchronous or not) where neither fits.
 */
export interface SigningCrypto {
  sha256Hex(data: Uint8Array | string): string | Promise<string>;
  hmacSha256Hex(secret: string, message: string): string | Promise<string>;
}

/** Web Crypto (globalThis.crypto.subtle). */
export const webCrypto: SigningCrypto = {
  async sha256Hex(data) {
    const input = bytes(data);
    return input.byteLength === 0
      ? EMPTY_PAYLOAD_HASH
      : hex(await subtle().digest('SHA-256', input as Uint8Array<ArrayBuffer>));
  },
  async hmacSha256Hex(secret, message) {
    return hex(await subtle().sign('HMAC', await hmacKey(secret), encoder.encode(message)));
  },
};
