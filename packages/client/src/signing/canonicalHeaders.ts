// CanonicalHeaders and SignedHeaders: host, content-type and every x-acs-* header that is sent.

/** Headers as a plain list of name/value pairs; `Headers`, arrays and records all reduce to this. */
export type HeaderEntries = Iterable<readonly [string, string]>;

/** Whether a header (by lower-cased name) takes part in the V3 signature. */
export function isSignedHeaderName(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-type' || lowerName.startsWith('x-acs-');
}

export interface CanonicalHeaders {
  /** `name:value\n` for each signed header, sorted by name. */
  canonical: string;
  /** The signed header names, sorted, as they go into `SignedHeaders=` (joined by `;`). */
  signedHeaders: string[];
}

/**
 * Canonicalizes the signable headers among `entries`. With `only`, exactly those names are used
 * (a verifier recomputes what the client said it signed); a listed header that is absent is an error.
 */
export function canonicalHeaders(entries: HeaderEntries, only?: readonly string[]): CanonicalHeaders {
  const picked: [string, string][] = [];
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (only ? only.includes(lower) : isSignedHeaderName(lower)) picked.push([lower, String(value).trim()]);
  }
  // By name, then by value: a repeated header's values are joined sorted.
  picked.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const signedHeaders: string[] = [];
  let canonical = '';
  for (const [name, value] of picked) {
    if (signedHeaders[signedHeaders.length - 1] === name) canonical = `${canonical.slice(0, -1)},${value}\n`;
    else {
      signedHeaders.push(name);
      canonical += `${name}:${value}\n`;
    }
  }
  if (only) {
    const missing = only.filter((name) => !signedHeaders.includes(name));
    if (missing.length > 0) throw new TypeError(`Signed header(s) not present in the request: ${missing.join(', ')}`);
  }
  return { canonical, signedHeaders };
}
