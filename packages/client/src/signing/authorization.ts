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

/** Reads an Authorization header written by `formatAuthorization`; returns null when it is malformed. */
export function parseAuthorization(value: string | null | undefined): ParsedAuthorization | null {
  if (!value) return null;
  const match = /^(\S+) (.*)$/.exec(value.trim());
  if (!match) return null;
  const [, algorithm, rest] = match as unknown as [string, string, string];
  const fields = new Map<string, string>();
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return null;
  return { algorithm, accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}
