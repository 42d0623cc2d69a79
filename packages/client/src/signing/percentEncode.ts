// RFC 3986 encoding as Alibaba Cloud signs it: encodeURIComponent plus the five
// characters it leaves literal (! ' ( ) *).

const EXTRA = /[!'()*]/g;

/** Encodes a decoded value the way the canonical query string needs it. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(EXTRA, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
