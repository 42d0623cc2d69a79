// CanonicalQueryString: built from the decoded values of the query actually sent, then
// re-encoded strictly. openapi-fetch leaves ! ' ( ) * literal, so the raw string is never signed.
import { ValidationError } from '../errors/errors.js';
import { percentEncode } from './percentEncode.js';

function decodeComponent(part: string, search: string): string {
  try {
    // Not URLSearchParams: it would turn '+' into a space, which the server does not.
    return decodeURIComponent(part);
  } catch {
    throw new ValidationError(
      'query',
      `Cannot sign the query string "${search}": "${part}" is not valid percent-encoding`,
    );
  }
}

/**
 * Builds the CanonicalQueryString from a URL's `search` (with or without the leading `?`).
 * Keys are sorted by UTF-16 code units, as JavaScript's default sort does; keys are not re-encoded.
 */
export function canonicalQuery(search: string): string {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq === -1 ? part : part.slice(0, eq), search);
    const value = eq === -1 ? '' : decodeComponent(part.slice(eq + 1), search);
    pairs.push([key, value]);
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${percentEncode(value)}`).join('&');
}
