// Composes the signing steps: adds the x-acs-* headers and Authorization to a request.
// Pure: the clock and the nonce are injectable, so known-answer vectors stay deterministic.

import { assertCredentials, assertHeaderValue, type Credentials } from '../errors/checks.js';
import { acsDate } from './acsDate.js';
import { ALGORITHM } from './authorization.js';
import { isSignedHeaderName } from './canonicalHeaders.js';
import { canonicalQuery } from './canonicalQuery.js';
import { signCanonical } from './canonicalRequest.js';
import { canonicalUri } from './canonicalUri.js';
import type { SignatureParts } from './computeSignature.js';
import { type BodyBytes, EMPTY_PAYLOAD_HASH, type SigningCrypto } from './crypto.js';
import { defaultCrypto } from './defaultCrypto.js';
import { canonicalParts } from './leanSigner.js';
import { signatureNonce } from './signatureNonce.js';

/** Headers in any of the forms `fetch` accepts. */
export type HeadersLike = Headers | Record<string, string> | ReadonlyArray<readonly [string, string]>;

export interface SignRequestInput {
  method: string;
  /** The URL exactly as it will be sent. */
  url: string | URL;
  /** Headers that will be sent; every x-acs-* among them is signed, and content-type when present. */
  headers?: HeadersLike | undefined;
  /** The exact body bytes (a string is UTF-8); omit for no body. */
  body?: BodyBytes;
}

export interface SignRequestOptions {
  credentials: Credentials;
  /** x-acs-action, for example `ListFunctionInstances`. */
  action: string;
  /** x-acs-version, for example `2017-12-25`. */
  version: string;
  /** The clock; defaults to `Date.now()`. */
  now?: () => Date | number;
  /** The nonce source; defaults to a random UUID. */
  nonce?: () => string;
  /** The hash primitives; default node:crypto in Node, Web Crypto elsewhere. */
  crypto?: SigningCrypto | undefined;
}

export interface SignedRequest extends SignatureParts {
  /** The headers to add to the request (x-acs-* and authorization). `host` is signed but not included: the runtime sends it. */
  headers: Record<string, string>;
  authorization: string;
  /** The signed host, with its port when it is not the default. */
  host: string;
}

function headerEntries(headers: HeadersLike | undefined): Array<[string, string]> {
  // Stryker disable next-line ArrayDeclaration: entries that are not pairs of an x-acs-* name are never signed.
  if (!headers) return [];
  if (headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) return headers.map(([k, v]) => [k, v] as [string, string]);
  return Object.entries(headers as Record<string, string>);
}

/** The exact bytes of a body: a string is hashed as UTF-8, an ArrayBuffer as a view. */
const bodyBytes = (body: SignRequestInput['body']) =>
  body == null ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : new Uint8Array(body);

/**
 * The caller's headers that are signed beside the signer's own (content-type, and x-acs-* the signer
 * does not write), each checked and lower-cased; a repeated name keeps its last value. Host and
 * Authorization are the signer's.
 */
function callerHeaders(headers: HeadersLike | undefined, added: Record<string, string>) {
  if (!headers) return { contentType: undefined, extra: [] };
  const signed = new Map<string, string>();
  for (const [name, value] of headerEntries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'host') continue;
    assertHeaderValue(`headers[${JSON.stringify(lower)}]`, value);
    if (!(lower in added) && isSignedHeaderName(lower)) signed.set(lower, value);
  }
  const contentType = signed.get('content-type');
  signed.delete('content-type');
  return { contentType, extra: [...signed] };
}

/** What signing needs of a URL: its host and its canonical path and query. */
interface ParsedUrl {
  host: string;
  uri: string;
  query: string;
}
/** The URLs signed last, parsed (a client signs the same few URLs again and again): at most 64, the oldest go first. */
const parsedUrls = new Map<string, ParsedUrl>();
function parseUrl(given: string | URL): ParsedUrl {
  const href = typeof given === 'string' ? given : given.href;
  let parsed = parsedUrls.get(href);
  if (!parsed) {
    const url = new URL(href);
    parsed = { host: url.host, uri: canonicalUri(url.pathname), query: canonicalQuery(url.search) };
    if (parsedUrls.size >= 64) parsedUrls.delete(parsedUrls.keys().next().value as string);
    parsedUrls.set(href, parsed);
  }
  return parsed;
}

/** Signs a request with ACS3-HMAC-SHA256 and returns the headers to send with it. */
export async function signRequest(request: SignRequestInput, options: SignRequestOptions): Promise<SignedRequest> {
  const { credentials } = options;
  assertCredentials(credentials);
  const url = parseUrl(request.url);
  const crypto = options.crypto ?? defaultCrypto;
  const bytes = bodyBytes(request.body);
  // Stryker disable next-line ConditionalExpression: a shortcut; hashing an empty body gives EMPTY_PAYLOAD_HASH too.
  const hashed = bytes === undefined || bytes.length === 0 ? EMPTY_PAYLOAD_HASH : crypto.sha256Hex(bytes);
  // Stryker disable next-line ConditionalExpression,StringLiteral: awaiting a string gives the string; this only saves a promise hop.
  const payloadHash = typeof hashed === 'string' ? hashed : await hashed;
  const added: Record<string, string> = {
    'x-acs-action': options.action,
    'x-acs-version': options.version,
    'x-acs-date': acsDate(options.now ? options.now() : Date.now()),
    'x-acs-signature-nonce': options.nonce ? options.nonce() : signatureNonce(),
    'x-acs-content-sha256': payloadHash,
  };
  if (credentials.securityToken) added['x-acs-security-token'] = credentials.securityToken;
  // The lean signer's canonical headers (leanSigner.ts): the signer's own, content-type, the caller's x-acs-*.
  const { contentType, extra } = callerHeaders(request.headers, added);
  const signerHeaders = contentType === undefined ? added : { ...added, 'content-type': contentType };
  const [canonical, signed] = canonicalParts({ contentType, extra }, signerHeaders, url.host);
  const parts = {
    method: request.method.toUpperCase(),
    uri: url.uri,
    query: url.query,
    headers: canonical,
    signedHeaders: signed,
    payloadHash,
  };
  const made = signCanonical(parts, credentials.accessKeySecret, crypto);
  const { canonicalRequest, stringToSign, signature } = 'then' in made ? await made : made;
  const authorization = `${ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signed},Signature=${signature}`;
  const signedHeaders = signed.split(';');
  // `added` is this call's own object: it becomes the headers to send.
  added.authorization = authorization;
  return { canonicalRequest, stringToSign, signedHeaders, signature, headers: added, authorization, host: url.host };
}
