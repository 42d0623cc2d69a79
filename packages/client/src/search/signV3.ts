// The signature of the application API (v3: search, push, suggest, scroll), as the reference
// "Signature method of OpenSearch API V3" gives it:
//
//   Authorization: OPENSEARCH <AccessKeyId>:<Signature>
//   Signature = base64(hmac-sha1(secret, VERB \n Content-MD5 \n Content-Type \n Date \n
//                                         CanonicalizedOpenSearchHeaders CanonicalizedResource))
//
// CanonicalizedOpenSearchHeaders: every non-empty X-Opensearch-* header, lower-cased, sorted, each
// `name:value\n`. CanonicalizedResource: the path, then `?` and the query parameters sorted by
// name, each `name=value` with the value RFC 3986-encoded, joined by `&` (as Alibaba's own
// OpenSearch util signs them). Each request carries a fresh X-Opensearch-Nonce; STS credentials add
// X-Opensearch-Security-Token, which the signature covers. HMAC-SHA1 comes from Web Crypto, so the
// same code signs in Node, browsers, workers and edge runtimes.
import { ValidationError } from '../errors/errors.js';
import type { Credentials } from '../shared/credentials.js';
import { percentEncode } from '../signing/percentEncode.js';
import { md5Hex } from './md5.js';

const V3_CONTENT_TYPE = 'application/json';
const PREFIX = 'x-opensearch-';
const encoder = new TextEncoder();

/** One application API request, before its signature. */
export interface V3Request {
  method: string;
  /** The path, such as `/v3/openapi/apps/my_app/search`, not encoded. */
  path: string;
  /** The query parameters, decoded; undefined and empty values are left out of the URL and the signature. */
  query?: Record<string, string | number | undefined> | undefined;
  /** The JSON body (push); its MD5 is signed. */
  body?: string | undefined;
}

/** What the signature covers besides the request: when it was made and its nonce. */
export interface V3Stamp {
  /** `YYYY-MM-DDTHH:mm:ssZ`, UTC. */
  date: string;
  nonce: string;
}

/** The query parameters that are sent: strings, undefined and empty values left out, sorted by name. */
function v3QueryEntries(query: V3Request['query']): [string, string][] {
  return Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]): [string, string] => [k, String(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The query string of a request: the same encoding the signature uses. */
export function v3QueryString(query: V3Request['query']): string {
  return v3QueryEntries(query)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}

/** CanonicalizedResource: the path, then the sorted, encoded query. */
export function v3CanonicalResource(path: string, query: V3Request['query']): string {
  const qs = v3QueryString(query);
  return qs ? `${path}?${qs}` : path;
}

/** CanonicalizedOpenSearchHeaders: the non-empty X-Opensearch-* headers, `name:value\n` each, sorted. */
export function v3CanonicalHeaders(headers: Record<string, string | undefined>): string {
  return Object.entries(headers)
    .filter(([name, value]) => name.toLowerCase().startsWith(PREFIX) && value !== undefined && value.trim() !== '')
    .map(([name, value]) => [name.toLowerCase(), (value as string).trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join('');
}

/** The string-to-sign of a request with these headers. */
export function v3StringToSign(request: V3Request, headers: Record<string, string | undefined>): string {
  const find = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
  return [
    request.method.toUpperCase(),
    find('content-md5'),
    find('content-type'),
    find('date'),
    `${v3CanonicalHeaders(headers)}${v3CanonicalResource(request.path, request.query)}`,
  ].join('\n');
}

/** base64(HMAC-SHA1(secret, text)) on Web Crypto. */
export async function hmacSha1Base64(secret: string, text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new ValidationError('crypto', 'Web Crypto (crypto.subtle) is missing here: the v3 signature needs HMAC-SHA1');
  const key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(text)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `YYYY-MM-DDTHH:mm:ssZ` of a time in ms. */
export const v3Date = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

// A per-process sequence from a random start: two requests of one process never share a nonce
// (a million a millisecond apart), and two processes only by chance in the same millisecond.
let sequence = (globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number) % 1_000_000;

/** A fresh nonce: the time in ms and a six-digit sequence (19 digits). */
export function v3Nonce(ms: number): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${Math.floor(ms)}${String(sequence).padStart(6, '0')}`;
}

/**
 * The headers of one signed request: Content-Type, Date, X-Opensearch-Nonce, Content-MD5 (with a
 * body), X-Opensearch-Security-Token (STS) and Authorization. Header values are checked first: a
 * CR or LF in one is a ValidationError naming the header, never its value.
 */
export async function signV3(
  request: V3Request,
  credentials: Credentials,
  stamp: V3Stamp,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    ...extra,
    'Content-Type': V3_CONTENT_TYPE,
    Date: stamp.date,
    'X-Opensearch-Nonce': stamp.nonce,
  };
  if (request.body !== undefined) headers['Content-MD5'] = md5Hex(request.body);
  if (credentials.securityToken) headers['X-Opensearch-Security-Token'] = credentials.securityToken;
  for (const [name, value] of Object.entries(headers))
    if (/[\r\n\0]/.test(value)) throw new ValidationError(name, `the ${name} header holds a line break or NUL`);
  const signature = await hmacSha1Base64(credentials.accessKeySecret, v3StringToSign(request, headers));
  headers.Authorization = `OPENSEARCH ${credentials.accessKeyId}:${signature}`;
  return headers;
}

/** The parts of an `OPENSEARCH <AccessKeyId>:<Signature>` header, or null when it is not one. */
export function parseV3Authorization(
  value: string | null | undefined,
): { accessKeyId: string; signature: string } | null {
  const match = /^OPENSEARCH ([^:\s]+):([A-Za-z0-9+/]{27}=)$/.exec(value ?? '');
  return match ? { accessKeyId: match[1] as string, signature: match[2] as string } : null;
}
