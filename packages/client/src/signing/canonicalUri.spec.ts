import { describe, expect, it } from 'vitest';
import { canonicalUri } from './canonicalUri.js';

describe('canonicalUri', () => {
  it('applies the three substitutions of the official SDK', () => {
    expect(canonicalUri('/a+b/c*d/e%7Ef')).toBe('/a%20b/c%2Ad/e~f');
  });
  it('keeps an encoded path as it is, and turns an empty path into /', () => {
    expect(canonicalUri('/v4/openapi/app-groups/%C3%A9/functions/x/instances')).toBe(
      '/v4/openapi/app-groups/%C3%A9/functions/x/instances',
    );
    expect(canonicalUri('')).toBe('/');
  });
});
