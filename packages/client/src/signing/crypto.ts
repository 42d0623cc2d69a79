// The two primitives of ACS3-HMAC-SHA256, on Web Crypto only, so that one build runs in
// Node 20+, browsers and edge runtimes.

const encoder = new TextEncoder();

/** The body types the signer can hash. */
export type BodyBytes = string | Uint8Array | ArrayBuffer | null | undefined;

/** SHA-256 of an empty body, the x-acs-content-sha256 of every GET. */
export const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    throw new Error('Web Crypto (globalThis.crypto.subtle) is not available; request signing needs it (Node 20+, browsers in a secure context, edge runtimes).');
  }
  return s;
}

function toBytes(data: BodyBytes): Uint8Array {
  if (data == null) return new Uint8Array(0);
  if (typeof data === 'string') return encoder.encode(data);
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** Lowercase hex SHA-256 of the exact bytes (a string is taken as UTF-8). */
async function sha256Hex(data: BodyBytes): Promise<string> {
  const bytes = toBytes(data);
  if (bytes.byteLength === 0) return EMPTY_PAYLOAD_HASH;
  return toHex(await subtle().digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

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

/** Lowercase hex HMAC-SHA256 of `message`, keyed with `secret` (both UTF-8). */
async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  return toHex(await subtle().sign('HMAC', await hmacKey(secret), encoder.encode(message)));
}

/**
 * The two hash primitives the signer needs. The default is Web Crypto, which runs everywhere; a
 * server can pass a synchronous implementation (node:crypto, say) to save two thread-pool round
 * trips per request. Results are lowercase hex.
 */
export interface SigningCrypto {
  sha256Hex(data: Uint8Array | string): string | Promise<string>;
  hmacSha256Hex(secret: string, message: string): string | Promise<string>;
}

/** Web Crypto (globalThis.crypto.subtle): the default SigningCrypto. */
export const webCrypto: SigningCrypto = {
  sha256Hex: (data) => sha256Hex(data),
  hmacSha256Hex,
};
