// Steps 5 to 7 of ACS3-HMAC-SHA256, in one place: the CanonicalRequest, the StringToSign (its hash
// under the algorithm's name) and the Signature (HMAC-SHA256 of that under the secret). The lean
// signer, signRequest and computeSignature (the verifier the mocks import) all sign through here.
import { ALGORITHM } from './authorization.js';
import type { SigningCrypto } from './crypto.js';

/** What a request contributes to its CanonicalRequest, each part already in canonical form. */
export interface CanonicalParts {
  /** Upper case. */
  method: string;
  /** The CanonicalURI. */
  uri: string;
  /** The CanonicalQueryString. */
  query: string;
  /** The CanonicalHeaders: `name:value\n` per signed header, sorted. */
  headers: string;
  /** The SignedHeaders: the names, sorted, joined by `;`. */
  signedHeaders: string;
  /** Hex SHA-256 of the body (x-acs-content-sha256). */
  payloadHash: string;
}

export interface CanonicalSignature {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** Step 5: the CanonicalRequest of the parts, in the order of CanonicalParts (positional: the hot path builds no object). */
export const canonicalRequest = (
  method: string,
  uri: string,
  query: string,
  headers: string,
  signedHeaders: string,
  payloadHash: string,
): string => `${method}\n${uri}\n${query}\n${headers}\n${signedHeaders}\n${payloadHash}`;

/** Step 6: the StringToSign, from the hex SHA-256 of the CanonicalRequest. */
export const stringToSign = (canonicalRequestHash: string): string => `${ALGORITHM}\n${canonicalRequestHash}`;

/** Steps 5 to 7 for signRequest and computeSignature: every part, synchronous when the primitives are. */
export function signCanonical(
  parts: CanonicalParts,
  accessKeySecret: string,
  crypto: SigningCrypto,
): CanonicalSignature | Promise<CanonicalSignature> {
  const { method, uri, query, headers, signedHeaders, payloadHash } = parts;
  const request = canonicalRequest(method, uri, query, headers, signedHeaders, payloadHash);
  const withHash = (hash: string) => {
    const toSign = stringToSign(hash);
    const signature = crypto.hmacSha256Hex(accessKeySecret, toSign);
    return typeof signature === 'string'
      ? { canonicalRequest: request, stringToSign: toSign, signature }
      : signature.then((value) => ({ canonicalRequest: request, stringToSign: toSign, signature: value }));
  };
  const hash = crypto.sha256Hex(request);
  return typeof hash === 'string' ? withHash(hash) : hash.then(withHash);
}
