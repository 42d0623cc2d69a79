// x-acs-signature-nonce: a fresh random value for every attempt; the gateway rejects reuse.

/** A random UUID-like nonce from Web Crypto. */
export function signatureNonce(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
