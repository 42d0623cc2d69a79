// Steps 5-7 of the algorithm: CanonicalRequest, StringToSign, Signature. Pure apart from Web Crypto.
import { ALGORITHM } from './authorization.js';
import { canonicalHeaders, type HeaderEntries } from './canonicalHeaders.js';
import { canonicalQuery } from './canonicalQuery.js';
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
  const canonicalRequest = `${input.method.toUpperCase()}\n${canonicalUri(url.pathname)}\n${canonicalQuery(url.search)}\n${headers.canonical}\n${headers.signedHeaders.join(';')}\n${input.payloadHash}`;
  const crypto = input.crypto ?? defaultCrypto;
  const stringToSign = `${ALGORITHM}\n${await crypto.sha256Hex(canonicalRequest)}`;
  const signature = await crypto.hmacSha256Hex(input.accessKeySecret, stringToSign);
  return { canonicalRequest, stringToSign, signedHeaders: headers.signedHeaders, signature };
}
