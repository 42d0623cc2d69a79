// A request's V3 signature from its parts as sent (steps 5-7 in canonicalRequest.ts): what a verifier
// (the mocks') recomputes. Pure apart from the hash primitives.
import { canonicalHeaders, type HeaderEntries } from './canonicalHeaders.js';
import { canonicalQuery } from './canonicalQuery.js';
import { signCanonical } from './canonicalRequest.js';
import { canonicalUri } from './canonicalUri.js';
import type { SigningCrypto } from './crypto.js';
import { defaultCrypto } from './defaultCrypto.js';

export interface SignatureInput {
  method: string;
  /** The URL as sent: its pathname and search are signed as they are. */
  url: string | URL;
  /** Every header that is sent, including `host`. */
  headers: HeaderEntries;
  /** Hex SHA-256 of the body; also the value of x-acs-content-sha256. */
  payloadHash: string;
  accessKeySecret: string;
  /** Sign exactly these header names (a verifier passes what the client declared). */
  signedHeaders?: readonly string[];
  /** The hash primitives; default node:crypto in Node, Web Crypto elsewhere. */
  crypto?: SigningCrypto | undefined;
}

export interface SignatureParts {
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string[];
  signature: string;
}

/**
 * Computes the V3 signature of a request from its parts. A verifier passes `signedHeaders` (the
 * mocks do); signRequest builds its canonical headers the lean signer's way and gives the same parts.
 */
export async function computeSignature(input: SignatureInput): Promise<SignatureParts> {
  const url = typeof input.url === 'string' ? new URL(input.url) : input.url;
  const headers = canonicalHeaders(input.headers, input.signedHeaders);
  const parts = {
    method: input.method.toUpperCase(),
    uri: canonicalUri(url.pathname),
    query: canonicalQuery(url.search),
    headers: headers.canonical,
    signedHeaders: headers.signedHeaders.join(';'),
    payloadHash: input.payloadHash,
  };
  const { canonicalRequest, stringToSign, signature } = await signCanonical(
    parts,
    input.accessKeySecret,
    input.crypto ?? defaultCrypto,
  );
  return { canonicalRequest, stringToSign, signedHeaders: headers.signedHeaders, signature };
}
