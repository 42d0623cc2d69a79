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
 * The V3 signature of a request from its parts: synchronous when the hash primitives are (the Node
 * build's node:crypto). A verifier passes `signedHeaders` (the mocks do); signRequest builds its
 * canonical headers the lean signer's way and gives the same parts.
 */
function signatureParts(input: SignatureInput): SignatureParts | Promise<SignatureParts> {
  const url = typeof input.url === 'string' ? new URL(input.url) : input.url;
  const headers = canonicalHeaders(input.headers, input.signedHeaders);
  const signedHeaders = headers.signedHeaders.join(';');
  const canonicalRequest = `${input.method.toUpperCase()}\n${canonicalUri(url.pathname)}\n${canonicalQuery(url.search)}\n${headers.canonical}\n${signedHeaders}\n${input.payloadHash}`;
  const crypto = input.crypto ?? defaultCrypto;
  const withHash = (hash: string) => {
    const stringToSign = `${ALGORITHM}\n${hash}`;
    const parts = (signature: string) => ({
      canonicalRequest,
      stringToSign,
      signedHeaders: headers.signedHeaders,
      signature,
    });
    const signature = crypto.hmacSha256Hex(input.accessKeySecret, stringToSign);
    return typeof signature === 'string' ? parts(signature) : signature.then(parts);
  };
  const hash = crypto.sha256Hex(canonicalRequest);
  return typeof hash === 'string' ? withHash(hash) : hash.then(withHash);
}

/** Computes the V3 signature of a request from its parts. */
export async function computeSignature(input: SignatureInput): Promise<SignatureParts> {
  return signatureParts(input);
}
