// Checks a request's ACS3-HMAC-SHA256 signature the way the gateway does, with the client's own
// signing code ('@acs-opensearch/client/signing'), so that the client and the mocks cannot drift
// apart silently. Beyond the signature, the signed x-acs-action and x-acs-version must be those
// of the operation the request matched.
import {
  ALGORITHM,
  computeSignature,
  defaultCrypto,
  parseAuthorization,
  type SigningCrypto,
} from '@acs-opensearch/client/signing';
import { NonceStore } from './nonceStore.js';

export interface SignatureKey {
  accessKeyId: string;
  accessKeySecret: string;
  /**
   * An STS key's security token: a request signed with this key must carry exactly this
   * x-acs-security-token (signed). Without it, the token is not checked (any or none is accepted).
   */
  securityToken?: string | undefined;
}

export type SignatureFailureCode =
  | 'IncompleteSignature'
  | 'SignatureDoesNotMatch'
  | 'InvalidTimeStamp.Expired'
  | 'InvalidTimeStamp.Format'
  | 'SignatureNonceUsed'
  | 'InvalidAction.NotFound'
  | 'InvalidVersion'
  | 'InvalidAccessKeyId.NotFound'
  | 'InvalidSecurityToken.Malformed'
  | 'InvalidSecurityToken.MismatchWithAccessKey';

export interface SignatureFailure {
  code: SignatureFailureCode;
  message: string;
}

export interface VerifyOptions {
  /** The key pair (or pairs, each with an optional STS token) requests may be signed with. */
  key: SignatureKey | readonly SignatureKey[] | KeyRing;
  /** The body's bytes, when the caller has read them already: the request is then not cloned to hash it. */
  body?: Uint8Array | undefined;
  /** Seen nonces; a replay within the window fails. Default: a store of this call alone. */
  nonces?: NonceStore;
  /** The expected x-acs-action and x-acs-version: the matched operation's. Unchecked when absent. */
  action?: string | undefined;
  version?: string | undefined;
  /** The server's clock, in ms. Default Date.now(). */
  now?: number;
  /** Hash primitives, where the runtime lacks the default (Web Crypto in a jsdom test, say). */
  crypto?: SigningCrypto | undefined;
}

const REQUIRED_SIGNED = [
  'host',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
  'x-acs-action',
  'x-acs-version',
];
/** The gateway's window for x-acs-date, each way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$/;

/** A real instant in the exact form the gateway accepts, or NaN (so 2024-99-99T99:99:99Z is refused). */
function parseAcsDate(value: string): number {
  const m = ISO.exec(value);
  if (!m) return Number.NaN;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19) ? time : Number.NaN;
}

/** Key pairs by AccessKeyId, built once per handler set. */
export class KeyRing {
  readonly #keys = new Map<string, SignatureKey>();
  constructor(keys: SignatureKey | readonly SignatureKey[]) {
    for (const key of Array.isArray(keys) ? keys : [keys as SignatureKey]) {
      if (
        !key ||
        typeof key.accessKeyId !== 'string' ||
        key.accessKeyId === '' ||
        typeof key.accessKeySecret !== 'string'
      )
        throw new TypeError('verifySignature keys must be { accessKeyId, accessKeySecret, securityToken? }');
      this.#keys.set(key.accessKeyId, key);
    }
  }
  get(accessKeyId: string): SignatureKey | undefined {
    return this.#keys.get(accessKeyId);
  }
  get size(): number {
    return this.#keys.size;
  }
}

const ringOf = (key: VerifyOptions['key']): KeyRing => (key instanceof KeyRing ? key : new KeyRing(key));

type Auth = NonNullable<ReturnType<typeof parseAuthorization>>;
type Check<T> = { failure: SignatureFailure } | { ok: T };

/** The Authorization header: present, well formed, and signing every header the gateway requires. */
function checkAuthorization(request: Request): Check<Auth> {
  const header = request.headers.get('authorization');
  if (!header) return { failure: { code: 'IncompleteSignature', message: 'The Authorization header is missing.' } };
  const auth = parseAuthorization(header);
  if (!auth || auth.algorithm !== ALGORITHM) {
    const message = `The Authorization header is malformed; expected "${ALGORITHM} Credential=...,SignedHeaders=...,Signature=<64 hex>".`;
    return { failure: { code: 'IncompleteSignature', message } };
  }
  const missing = REQUIRED_SIGNED.filter((name) => !auth.signedHeaders.includes(name));
  if (missing.length > 0)
    return { failure: { code: 'IncompleteSignature', message: `SignedHeaders must include: ${missing.join(', ')}.` } };
  return { ok: auth };
}

/** x-acs-date: a real UTC time, within the gateway's window of the server's clock. */
function checkTime(request: Request, now: number): Check<number> {
  const date = request.headers.get('x-acs-date') ?? '';
  const signedAt = parseAcsDate(date);
  if (Number.isNaN(signedAt)) {
    const message = `x-acs-date must be a real UTC time like 2024-01-01T00:00:00Z, got ${JSON.stringify(date.slice(0, 40))}.`;
    return { failure: { code: 'InvalidTimeStamp.Format', message } };
  }
  if (Math.abs(signedAt - now) > MAX_CLOCK_SKEW_MS) {
    const message = `Specified time stamp or date value is expired: x-acs-date ${date} is more than 15 minutes from the server's clock.`;
    return { failure: { code: 'InvalidTimeStamp.Expired', message } };
  }
  return { ok: signedAt };
}

/** The signed action and version are the matched operation's. */
function checkOperation(request: Request, options: VerifyOptions): SignatureFailure | undefined {
  const action = request.headers.get('x-acs-action');
  if (options.action !== undefined && action !== options.action) {
    const where = `${request.method} ${new URL(request.url).pathname}`;
    const message = `Specified api is not found: x-acs-action ${JSON.stringify(action)} is not ${options.action}, the operation of ${where}.`;
    return { code: 'InvalidAction.NotFound', message };
  }
  const version = request.headers.get('x-acs-version');
  if (options.version !== undefined && version !== options.version) {
    const message = `Specified parameter Version is not valid: x-acs-version ${JSON.stringify(version)} is not ${options.version}.`;
    return { code: 'InvalidVersion', message };
  }
  return undefined;
}

/** The AccessKeyId is one of the mock's keys and, for a key given with a token, the request carries exactly that token (signed). */
function checkKey(request: Request, ring: KeyRing, auth: Auth): Check<SignatureKey> {
  const key = ring.get(auth.accessKeyId);
  const id = JSON.stringify(auth.accessKeyId.slice(0, 64));
  if (!key)
    return { failure: { code: 'InvalidAccessKeyId.NotFound', message: `Specified access key ${id} is not found.` } };
  const token = request.headers.get('x-acs-security-token');
  if (token !== null && !auth.signedHeaders.includes('x-acs-security-token'))
    return {
      failure: {
        code: 'IncompleteSignature',
        message: 'SignedHeaders must include x-acs-security-token when it is sent.',
      },
    };
  if (key.securityToken !== undefined && token === null)
    return {
      failure: {
        code: 'InvalidSecurityToken.Malformed',
        message: `The access key ${id} is an STS key: the request must carry its x-acs-security-token.`,
      },
    };
  // A pair given without a token leaves the token unchecked (any or none), as before tokens were checked.
  if (key.securityToken !== undefined && token !== key.securityToken) {
    const message = `Specified SecurityToken mismatch with the access key ${id}.`;
    return { failure: { code: 'InvalidSecurityToken.MismatchWithAccessKey', message } };
  }
  return { ok: key };
}

/** The body's hash, then the signature itself, computed as the client computes it. */
async function checkSignature(
  request: Request,
  options: VerifyOptions,
  auth: Auth,
  key: SignatureKey,
): Promise<SignatureFailure | undefined> {
  const crypto = options.crypto ?? defaultCrypto;
  const body = options.body ?? new Uint8Array(await request.clone().arrayBuffer());
  const payloadHash = await crypto.sha256Hex(body);
  if (request.headers.get('x-acs-content-sha256') !== payloadHash)
    return { code: 'SignatureDoesNotMatch', message: 'x-acs-content-sha256 does not match the SHA-256 of the body.' };
  const url = new URL(request.url);
  const headers: Array<[string, string]> = [...request.headers.entries()];
  // Under MSW there is no host header: the URL's host is what the client signed.
  if (!request.headers.has('host')) headers.push(['host', url.host]);
  const input = { method: request.method, url, headers, payloadHash, signedHeaders: auth.signedHeaders, crypto };
  let expected: string;
  try {
    ({ signature: expected } = await computeSignature({ ...input, accessKeySecret: key.accessKeySecret }));
  } catch (error) {
    return { code: 'IncompleteSignature', message: (error as Error).message };
  }
  if (expected !== auth.signature)
    return { code: 'SignatureDoesNotMatch', message: 'Specified signature does not match our calculation.' };
  return undefined;
}

/** Verifies one request; resolves to null when it is correctly signed (and records its nonce). */
export async function verifySignature(request: Request, options: VerifyOptions): Promise<SignatureFailure | null> {
  const now = options.now ?? Date.now();
  const auth = checkAuthorization(request);
  if ('failure' in auth) return auth.failure;
  const time = checkTime(request, now);
  if ('failure' in time) return time.failure;
  const operation = checkOperation(request, options);
  if (operation) return operation;
  const key = checkKey(request, ringOf(options.key), auth.ok);
  if ('failure' in key) return key.failure;
  const failure = await checkSignature(request, options, auth.ok, key.ok);
  if (failure) return failure;
  const nonce = request.headers.get('x-acs-signature-nonce') ?? '';
  if (!(options.nonces ?? new NonceStore(MAX_CLOCK_SKEW_MS)).use(nonce, time.ok, now)) {
    const message = `Specified signature nonce ${JSON.stringify(nonce.slice(0, 64))} was used already.`;
    return { code: 'SignatureNonceUsed', message };
  }
  return null;
}
