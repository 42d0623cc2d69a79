// The checks that run before anything is sent: header values, credentials and numeric options.
// A failure is a ValidationError naming the field; a value that may be secret is never echoed.
import type { Credentials } from '../shared/credentials.js';
import { ValidationError } from './errors.js';

export type { Credentials };

// Visible ASCII, space, tab and Latin-1 letters: what fetch accepts, minus the other control
// characters. A CR, LF or NUL never reaches Headers.set, whose TypeError would quote the value.
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

/** Throws when `value` cannot be an HTTP header value. */
export function assertHeaderValue(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || UNSENDABLE.test(value)) {
    throw new ValidationError(
      field,
      `${field} must be a string without CR, LF, NUL, other control or non-Latin-1 characters (value not shown)`,
    );
  }
}

/** Checks credentials without ever echoing the secret or the token. */
export function assertCredentials(credentials: unknown): asserts credentials is Credentials {
  const c = credentials as Partial<Credentials> | null;
  if (!c || typeof c !== 'object')
    throw new ValidationError('credentials', 'credentials must be { accessKeyId, accessKeySecret, securityToken? }');
  for (const key of ['accessKeyId', 'accessKeySecret', 'securityToken'] as const) {
    const value = c[key];
    if (value === undefined && key === 'securityToken') continue;
    const field = `credentials.${key}`;
    if (typeof value !== 'string' || (key === 'accessKeySecret' ? value : value.trim()) === '') {
      throw new ValidationError(field, `${field} is missing or empty`);
    }
    if (key !== 'accessKeySecret') assertHeaderValue(field, value);
  }
}

/** The longest delay setTimeout honours; beyond it, Node and browsers fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Checks a numeric option: a number in [min, max], an integer when `integer`. */
export function checkNumber(name: string, value: unknown, min: number, max: number, integer = false): number {
  if (typeof value !== 'number' || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    throw new ValidationError(name, `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

/**
 * Checks an options object of optional known keys: undefined passes; a non-object is
 * `${name} must be { a?, b? }`; each key present is checked by `check` under its own name.
 */
export function checkOptionsObject<T>(
  name: string,
  value: T,
  keys: readonly string[],
  check: (field: string, value: unknown) => void,
): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object')
    throw new ValidationError(name, `${name} must be { ${keys.join('?, ')}? }`);
  for (const key of keys) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) check(`${name}.${key}`, field);
  }
}
