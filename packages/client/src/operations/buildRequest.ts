// A validated call as the engine sends it (an OutgoingCall): the URL as sent, the canonical parts
// the signer needs, the unsigned headers, and the payload hash, computed once per call (each
// attempt then signs afresh). Generated methods build from their validated values here; raw calls
// hand `outgoing` the parts of the Request openapi-fetch built (raw/rawAdapter.ts).
import type { OutgoingCall } from '../shared/call.js';
import type { OperationMeta } from '../shared/operationMeta.js';
import { canonicalUri } from '../signing/canonicalUri.js';
import type { SigningCrypto } from '../signing/crypto.js';
import { createLeanSigner, type LeanRequest } from '../signing/leanSigner.js';
import { percentEncode } from '../signing/percentEncode.js';
import { encodePath } from './encodePath.js';
import type { PreparedCall } from './validateParameters.js';

type Pairs = [string, string][];
export type Parts = Omit<LeanRequest, 'action' | 'version' | 'payloadHash'>;

/** The wire query (already canonical: sorted, values strictly encoded) and its canonical form, which keeps keys unencoded as the official signer does. */
function queryStrings(query: Record<string, unknown>): [wire: string, canonical: string] {
  let wire = '';
  let canonical = '';
  for (const key of Object.keys(query).sort()) {
    const value = percentEncode(String(query[key]));
    const sep = wire ? '&' : '';
    wire += `${sep}${percentEncode(key)}=${value}`;
    canonical += `${sep}${key}=${value}`;
  }
  return [wire, canonical];
}

/** Header parameters: an x-acs-* one is signed like the engine's own; others are sent unsigned beside `unsigned`. */
function headerParameters(header: Record<string, unknown>, unsigned: Record<string, string>) {
  let headers = unsigned;
  let extra: Pairs | undefined;
  for (const name of Object.keys(header)) {
    const lower = name.toLowerCase();
    const value = String(header[name]);
    if (!lower.startsWith('x-acs-')) headers = { ...headers, [lower]: value };
    else if (extra) extra.push([lower, value]);
    else extra = [[lower, value]];
  }
  return { headers, extra };
}

export interface RequestBuilderOptions {
  baseUrl: string;
  /** Headers every request sends unsigned (accept, user-agent). */
  unsigned: Record<string, string>;
  crypto: SigningCrypto;
}

/** The builder of one client: its host and base path are read once. */
export function createRequestBuilder({ baseUrl, unsigned, crypto }: RequestBuilderOptions) {
  const base = new URL(baseUrl);
  const canonicalBase = base.pathname === '/' ? '' : canonicalUri(base.pathname);
  const leanSign = createLeanSigner({ host: base.host, crypto });

  /** The call, once the body's hash is known (asynchronously only with async primitives). */
  function outgoing(
    op: OperationMeta,
    url: string,
    parts: Parts,
    headers: Record<string, string>,
    body?: string | Uint8Array,
  ) {
    const make = (payloadHash: string | undefined): OutgoingCall => {
      const lean: LeanRequest = { ...parts, action: op.action, version: op.version, payloadHash };
      return { op, url, body, sign: (credentials, nowMs) => leanSign(lean, credentials, nowMs, headers) };
    };
    const hashed = body === undefined ? undefined : crypto.sha256Hex(body);
    return typeof hashed === 'object' ? hashed.then(make) : make(hashed);
  }

  /** A generated method's call, built once as a URL string and plain headers; `own` are the call's own headers (checked). */
  function fromPrepared(
    op: OperationMeta,
    prepared: PreparedCall,
    own?: Record<string, string>,
  ): OutgoingCall | Promise<OutgoingCall> {
    const path = encodePath(op.path, prepared.path);
    const [query, canonicalQs] = queryStrings(prepared.query);
    // The operation's header parameters win over a call header of the same name.
    const { headers, extra } = headerParameters(own ? { ...own, ...prepared.header } : prepared.header, unsigned);
    const body = prepared.body === undefined ? undefined : JSON.stringify(prepared.body);
    const contentType = body === undefined ? undefined : 'application/json';
    const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;
    const parts = { method: op.method, path: canonicalBase + path, query: canonicalQs, contentType, extra };
    return outgoing(op, url, parts, headers, body);
  }

  return { fromPrepared, outgoing };
}
