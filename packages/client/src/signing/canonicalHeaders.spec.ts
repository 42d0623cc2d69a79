import { describe, expect, it } from 'vitest';
import { canonicalHeaders } from './canonicalHeaders.js';

describe('canonicalHeaders', () => {
  it('keeps host, content-type and x-acs-*, lower-cased, trimmed and sorted', () => {
    const result = canonicalHeaders([
      ['X-Acs-Date', ' 2024-01-01T00:00:00Z '],
      ['Accept', 'application/json'],
      ['Host', 'h:81'],
      ['Content-Type', 'application/json'],
      ['user-agent', 'ua'],
    ]);
    expect(result.signedHeaders).toEqual(['content-type', 'host', 'x-acs-date']);
    expect(result.canonical).toBe('content-type:application/json\nhost:h:81\nx-acs-date:2024-01-01T00:00:00Z\n');
  });
  it('sorts and joins the values of a repeated header', () => {
    expect(
      canonicalHeaders([
        ['x-acs-a', 'b'],
        ['x-acs-a', 'a'],
      ]).canonical,
    ).toBe('x-acs-a:a,b\n');
  });
  it('with an explicit list, uses exactly those names and names a missing one', () => {
    expect(
      canonicalHeaders(
        [
          ['host', 'h'],
          ['x-acs-a', '1'],
          ['accept', 'x'],
        ],
        ['host', 'accept'],
      ).signedHeaders,
    ).toEqual(['accept', 'host']);
    expect(() => canonicalHeaders([['host', 'h']], ['host', 'x-acs-date'])).toThrow('x-acs-date');
  });
});
