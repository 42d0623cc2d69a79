// The Authorization header of signature V3: how it is written and how a verifier reads it.

export const ALGORITHM = 'ACS3-HMAC-SHA256';

/** Writes `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>` (no spaces after commas). */
export function formatAuthorization(accessKeyId: string, signedHeaders: readonly string[], signature: string): string {
  return `${ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
}

export interface ParsedAuthorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/**
 * The whole header, strictly: the algorithm, then exactly Credential, SignedHeaders and Signature,
 * in that order, each once; signed-header names in lower case; a signature of exactly 64 hex
 * digits. Optional white space after a comma; nothing before or after.
 */
const AUTHORIZATION =
  /^(\S+) Credential=([^\s,;=]+), ?SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), ?Signature=([0-9a-f]{64})$/;

/** Reads an Authorization header written by `formatAuthorization`; returns null when it is malformed in any way. */
export function parseAuthorization(value: string | null | undefined): ParsedAuthorization | null {
  if (typeof value !== 'string') return null;
  const match = AUTHORIZATION.exec(value);
  if (!match) return null;
  const [, algorithm, accessKeyId, signedHeaders, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { algorithm, accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}
