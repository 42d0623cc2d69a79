// The engine's signer: ACS3-HMAC-SHA256 for requests the engine builds itself, where every signed
// header is known in advance. What does not change per request (the host, the signed-header lists)
// is computed once per client; each request costs one string build and the two hashes. The path
// and query it is given are already in canonical form, and go on the wire exactly so.
// Differential tests hold it equal to signRequest and to the official signer.
import { acsDate } from './acsDate.js';
import { ALGORITHM } from './authorization.js';
import type { SigningCrypto } from './crypto.js';
import { EMPTY_PAYLOAD_HASH } from './crypto.js';
import type { Credentials } from './signRequest.js';
import { signatureNonce } from './signatureNonce.js';

export interface LeanRequest {
  method: string;
  /** The percent-encoded path as sent (also the CanonicalURI: no `+`, `*` or `%7E` in it). */
  path: string;
  /** The CanonicalQueryString: sorted keys as they are, values percent-encoded strictly. */
  query: string;
  action: string;
  version: string;
  /** Set with a body: its content type, signed. */
  contentType?: string | undefined;
  /** Hex SHA-256 of the body; omit for no body. */
  payloadHash?: string | undefined;
}

export interface LeanSignerOptions {
  /** The host as sent, with its port when not the default. */
  host: string;
  crypto: SigningCrypto;
  nonce?: (() => string) | undefined;
}

export type SignedHeaders = Record<string, string>;

const NAMES = ['content-type', 'host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date'];

/** Builds the signer of one client. `sign` is synchronous when the primitives are. */
export function createLeanSigner(options: LeanSignerOptions) {
  const { host, crypto } = options;
  const nonce = options.nonce ?? signatureNonce;
  // The four signed-header lists: with or without a body, with or without an STS token.
  const lists = new Map<number, string>();
  const signedHeaderList = (withBody: boolean, withToken: boolean): string => {
    const key = (withBody ? 1 : 0) | (withToken ? 2 : 0);
    let list = lists.get(key);
    if (list === undefined) {
      list = [
        ...NAMES.slice(withBody ? 0 : 1),
        ...(withToken ? ['x-acs-security-token'] : []),
        'x-acs-signature-nonce',
        'x-acs-version',
      ].join(';');
      lists.set(key, list);
    }
    return list;
  };

  return function sign(
    request: LeanRequest,
    credentials: Credentials,
    nowMs: number,
  ): SignedHeaders | Promise<SignedHeaders> {
    const payloadHash = request.payloadHash ?? EMPTY_PAYLOAD_HASH;
    const date = acsDate(nowMs);
    const nonceValue = nonce();
    const token = credentials.securityToken;
    const withBody = request.contentType !== undefined;
    const signedHeaders = signedHeaderList(withBody, token !== undefined);
    const canonicalRequest =
      `${request.method}\n${request.path}\n${request.query}\n` +
      (withBody ? `content-type:${request.contentType}\n` : '') +
      `host:${host}\nx-acs-action:${request.action}\nx-acs-content-sha256:${payloadHash}\nx-acs-date:${date}\n` +
      (token !== undefined ? `x-acs-security-token:${token.trim()}\n` : '') +
      `x-acs-signature-nonce:${nonceValue}\nx-acs-version:${request.version}\n\n${signedHeaders}\n${payloadHash}`;
    const headers: SignedHeaders = {
      'x-acs-action': request.action,
      'x-acs-version': request.version,
      'x-acs-date': date,
      'x-acs-signature-nonce': nonceValue,
      'x-acs-content-sha256': payloadHash,
    };
    if (token !== undefined) headers['x-acs-security-token'] = token;
    if (withBody) headers['content-type'] = request.contentType as string;
    const finish = (signature: string): SignedHeaders => {
      headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
      return headers;
    };
    const hashed = crypto.sha256Hex(canonicalRequest);
    if (typeof hashed === 'string') {
      const signature = crypto.hmacSha256Hex(credentials.accessKeySecret, `${ALGORITHM}\n${hashed}`);
      return typeof signature === 'string' ? finish(signature) : signature.then(finish);
    }
    return hashed.then(async (hash) => finish(await crypto.hmacSha256Hex(credentials.accessKeySecret, `${ALGORITHM}\n${hash}`)));
  };
}

export type LeanSigner = ReturnType<typeof createLeanSigner>;
