import { describe, expect, it } from 'vitest';
import { canonicalQuery } from './canonicalQuery.js';

describe('canonicalQuery', () => {
  it('sorts by key (UTF-16 order) and re-encodes values strictly', () => {
    expect(canonicalQuery("?b=2&a=x(y)!*'&Z=1")).toBe('Z=1&a=x%28y%29%21%2A%27&b=2');
  });
  it('keeps + as a literal plus (not a space)', () => {
    expect(canonicalQuery('?a=1+2&b=1%202')).toBe('a=1%2B2&b=1%202');
  });
  it('writes key= for empty values and for keys without =', () => {
    expect(canonicalQuery('?a=&b')).toBe('a=&b=');
  });
  it('decodes then re-encodes non-ASCII, and handles an empty query', () => {
    expect(canonicalQuery('?q=%C3%A9~')).toBe('q=%C3%A9~');
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('?')).toBe('');
  });
  it('names malformed percent-encoding', () => {
    expect(() => canonicalQuery('?a=%E0%A4%A')).toThrow(/not valid percent-encoding/);
  });
});
