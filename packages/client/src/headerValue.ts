// Header values are checked before anything is sent: a CR, LF or NUL (or any character Headers
// would refuse) never reaches Headers.set, whose TypeError would quote the value, a token maybe.
import { ValidationError } from './errors.js';

// Visible ASCII, space, tab and Latin-1 letters: what fetch accepts, minus the other control characters.
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

/** Throws a ValidationError naming `field`, never echoing the value, when `value` cannot be a header value. */
export function assertHeaderValue(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new ValidationError(field, `${field} must be a string`);
  if (UNSENDABLE.test(value)) {
    throw new ValidationError(
      field,
      `${field} contains a character that cannot be sent in an HTTP header (CR, LF, NUL, another control character, or one outside Latin-1); the value is not shown`,
    );
  }
}
