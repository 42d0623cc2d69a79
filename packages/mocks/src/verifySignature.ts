// Checks a request's ACS3-HMAC-SHA256 signature the way the gateway does, with the client's own
// exported signing code, so that the client and the mocks cannot drift apart silently.
import {
  ALGORITHM,
  computeSignature,
  defaultCrypto,
  parseAuthorization,
  type SigningCrypto,
} from '@acs-opensearch/client/signing';

export interface SignatureKey {
  accessKeyId: string;
  accessKeySecret: string;
}

export type SignatureFailure = {
  code: 'IncompleteSignature' | 'SignatureDoesNotMatch' | 'InvalidTimeStamp.Expired' | 'SignatureNonceUsed';
  message: string;
};

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

/** Verifies one request; returns null when it is correctly signed. `seenNonces` is updated. */
export async function verifySignature(
  request: Request,
  key: SignatureKey,
  seenNonces: Set<string>,
  now = Date.now(),
  crypto: SigningCrypto = defaultCrypto,
): Promise<SignatureFailure | null> {
  const header = request.headers.get('authorization');
  if (!header) return { code: 'IncompleteSignature', message: 'The Authorization header is missing.' };
  const auth = parseAuthorization(header);
  if (!auth || auth.algorithm !== ALGORITHM) {
    return {
      code: 'IncompleteSignature',
      message: `The Authorization header is malformed; expected "${ALGORITHM} Credential=...,SignedHeaders=...,Signature=<64 hex>".`,
    };
  }
  const missing = REQUIRED_SIGNED.filter((name) => !auth.signedHeaders.includes(name));
  if (missing.length > 0)
    return { code: 'IncompleteSignature', message: `SignedHeaders must include: ${missing.join(', ')}.` };

  const date = request.headers.get('x-acs-date') ?? '';
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(date)) {
    return {
      code: 'IncompleteSignature',
      message: `x-acs-date must look like 2024-01-01T00:00:00Z, got ${JSON.stringify(date)}.`,
    };
  }
  if (Math.abs(Date.parse(date) - now) > MAX_CLOCK_SKEW_MS) {
    return {
      code: 'InvalidTimeStamp.Expired',
      message: `Specified time stamp or date value is expired: x-acs-date ${date} is more than 15 minutes from the server's clock.`,
    };
  }
  if (auth.accessKeyId !== key.accessKeyId) {
    return {
      code: 'SignatureDoesNotMatch',
      message: `Specified AccessKeyId ${JSON.stringify(auth.accessKeyId)} is not the mock's key.`,
    };
  }
  const body = new Uint8Array(await request.clone().arrayBuffer());
  const payloadHash = await crypto.sha256Hex(body);
  if (request.headers.get('x-acs-content-sha256') !== payloadHash) {
    return { code: 'SignatureDoesNotMatch', message: 'x-acs-content-sha256 does not match the SHA-256 of the body.' };
  }
  const url = new URL(request.url);
  const entries: Array<[string, string]> = [...request.headers.entries()];
  // Under MSW there is no host header: the URL's host is what the client signed.
  if (!request.headers.has('host')) entries.push(['host', url.host]);
  let expected: string;
  try {
    ({ signature: expected } = await computeSignature({
      method: request.method,
      url,
      headers: entries,
      payloadHash,
      accessKeySecret: key.accessKeySecret,
      signedHeaders: auth.signedHeaders,
      crypto,
    }));
  } catch (error) {
    return { code: 'IncompleteSignature', message: (error as Error).message };
  }
  if (expected !== auth.signature) {
    return { code: 'SignatureDoesNotMatch', message: 'Specified signature does not match our calculation.' };
  }
  const nonce = request.headers.get('x-acs-signature-nonce') ?? '';
  if (seenNonces.has(nonce))
    return {
      code: 'SignatureNonceUsed',
      message: `Specified signature nonce ${JSON.stringify(nonce)} was used already.`,
    };
  seenNonces.add(nonce);
  return null;
}
