// CanonicalURI: the path exactly as it goes on the wire, with the three substitutions
// the official SDK applies after it has percent-encoded each path parameter.

const NEEDS_REWRITE = /[+*]|%7E/;

/** Turns the path as sent (already percent-encoded) into the CanonicalURI. */
export function canonicalUri(pathAsSent: string): string {
  const path = pathAsSent === '' ? '/' : pathAsSent;
  return NEEDS_REWRITE.test(path) ? path.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~') : path;
}
