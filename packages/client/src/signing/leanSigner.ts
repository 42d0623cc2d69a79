// The engine's signer: ACS3-HMAC-SHA256 for requests whose every signed header is known to the
// engine. What does not change per request (the host, the signed-header lists) is computed once per
// client; a common request costs one string build and the two hashes. Other x-acs-* headers (a raw
// call's own, header parameters) are merged in sorted order. Differential tests hold it equal to
// the official signer, for both crypto backends.

import type { SignedHeaders } from '../shared/call.js';
import type { Credentials } from '../shared/credentials.js';
import { acsDate } from './acsDate.js';
import { ALGORITHM } from './authorization.js';
import { canonicalRequest, stringToSign } from './canonicalRequest.js';
import type { SigningCrypto } from './crypto.js';
import { EMPTY_PAYLOAD_HASH } from './crypto.js';
import { signatureNonce } from './signatureNonce.js';

export interface LeanRequest {
  method: string;
  /** The CanonicalURI: the percent-encoded path as sent, with no `+`, `*` or `%7E` left in it. */
  path: string;
  /** The CanonicalQueryString: sorted keys as they are, values percent-encoded strictly. */
  query: string;
  action: string;
  version: string;
  /** Set with a body: its content type, signed. */
  contentType?: string | undefined;
  /** Hex SHA-256 of the body; omit for no body. */
  payloadHash?: string | undefined;
  /** Further x-acs-* headers that are sent, lower-cased names; they are signed too. */
  extra?: ReadonlyArray<readonly [string, string]> | undefined;
}

export interface LeanSignerOptions {
  /** The host as sent, with its port when not the default. */
  host: string;
  crypto: SigningCrypto;
  nonce?: (() => string) | undefined;
}

export type { SignedHeaders };

/** The signed-header lists of the common requests, by [body][token]: in sorted order, built once. */
const LISTS = [false, true].map((withBody) =>
  [false, true].map((withToken) => {
    const names = [
      ...(withBody ? ['content-type'] : []),
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      ...(withToken ? ['x-acs-security-token'] : []),
      'x-acs-signature-nonce',
      'x-acs-version',
    ];
    return { names, joined: names.join(';') };
  }),
);

/** CanonicalHeaders and SignedHeaders of a request whose signer-written headers are `headers` (signRequest shares it). */
export function canonicalParts(
  request: Pick<LeanRequest, 'contentType' | 'extra'>,
  headers: SignedHeaders,
  host: string,
): [canonical: string, signed: string] {
  let canonical = '';
  if (request.extra?.length) {
    const all: (readonly [string, string])[] = Object.entries(headers);
    // A further header the signer writes itself (a caller's x-acs-date, say) is the signer's.
    all.push(['host', host], ...request.extra.filter(([name]) => name !== 'host' && !(name in headers)));
    // Stryker disable next-line EqualityOperator,ConditionalExpression: header names are unique here (a repeated one is dropped above), so no two compare equal.
    all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, value] of all) canonical += `${name}:${value.trim()}\n`;
    return [canonical, all.map(([name]) => name).join(';')];
  }
  // The common case, in sorted order without sorting.
  const list =
    LISTS[request.contentType === undefined ? 0 : 1]![headers['x-acs-security-token'] === undefined ? 0 : 1]!;
  for (const name of list.names) canonical += `${name}:${name === 'host' ? host : headers[name]!.trim()}\n`;
  return [canonical, list.joined];
}

/** Builds the signer of one client. `sign` is synchronous when the primitives are. */
export function createLeanSigner(options: LeanSignerOptions) {
  const { host, crypto } = options;
  const nonce = options.nonce ?? signatureNonce;

  /** Signs; the result holds `base` (headers sent unsigned) and every signed header, ready to send. */
  return function sign(
    request: LeanRequest,
    credentials: Credentials,
    nowMs: number,
    base?: Readonly<Record<string, string>>,
  ): SignedHeaders | Promise<SignedHeaders> {
    const payloadHash = request.payloadHash ?? EMPTY_PAYLOAD_HASH;
    const headers: SignedHeaders = {
      'x-acs-action': request.action,
      'x-acs-version': request.version,
      'x-acs-date': acsDate(nowMs),
      'x-acs-signature-nonce': nonce(),
      'x-acs-content-sha256': payloadHash,
    };
    if (credentials.securityToken !== undefined) headers['x-acs-security-token'] = credentials.securityToken;
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    const [canonicalHeaders, signedHeaders] = canonicalParts(request, headers, host);
    // What goes on the wire: the signed headers, the further x-acs-* ones, and the unsigned base.
    if (request.extra) for (const [name, value] of request.extra) if (!(name in headers)) headers[name] = value;
    if (base) for (const name in base) if (!(name in headers)) headers[name] = base[name]!;
    const canonical = canonicalRequest(
      request.method,
      request.path,
      request.query,
      canonicalHeaders,
      signedHeaders,
      payloadHash,
    );
    const finish = (signature: string): SignedHeaders => {
      headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
      return headers;
    };
    const hashed = crypto.sha256Hex(canonical);
    if (typeof hashed === 'string') {
      const signature = crypto.hmacSha256Hex(credentials.accessKeySecret, stringToSign(hashed));
      return typeof signature === 'string' ? finish(signature) : signature.then(finish);
    }
    return hashed.then(async (hash) =>
      finish(await crypto.hmacSha256Hex(credentials.accessKeySecret, stringToSign(hash))),
    );
  };
}
