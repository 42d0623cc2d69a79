import { describe, expect, it } from 'vitest';
import { formatAuthorization, parseAuthorization } from './authorization.js';

const SIG = 'a'.repeat(64);

describe('Authorization header', () => {
  it('round-trips', () => {
    const value = formatAuthorization('AK', ['host', 'x-acs-date'], SIG);
    expect(value).toBe(`ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=${SIG}`);
    expect(parseAuthorization(value)).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'AK',
      signedHeaders: ['host', 'x-acs-date'],
      signature: SIG,
    });
  });
  it.each([
    undefined,
    '',
    'Bearer x',
    'ACS3-HMAC-SHA256 Credential=AK',
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=xyz`,
  ])('returns null for malformed %j', (value) => expect(parseAuthorization(value)).toBeNull());
});
