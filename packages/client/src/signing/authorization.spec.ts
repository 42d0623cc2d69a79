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
    // Trailing characters, a longer or upper-case signature, anything before or after.
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=${SIG}x`,
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=${SIG}0`,
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=${SIG.toUpperCase()}`,
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=${SIG} `,
    ` ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=${SIG}`,
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=${SIG},Extra=1`,
    // A valid signature but no (or an empty) SignedHeaders: null, never a TypeError.
    `ACS3-HMAC-SHA256 Credential=AK,Signature=${SIG}`,
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=,Signature=${SIG}`,
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;;x-acs-date,Signature=${SIG}`,
    `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=Host,Signature=${SIG}`,
    // Fields out of order, twice, or empty.
    `ACS3-HMAC-SHA256 SignedHeaders=host,Credential=AK,Signature=${SIG}`,
    `ACS3-HMAC-SHA256 Credential=AK,Credential=BK,SignedHeaders=host,Signature=${SIG}`,
    `ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=${SIG}`,
  ])('returns null for malformed %j', (value) => expect(parseAuthorization(value)).toBeNull());

  it('accepts a space after each comma, as some writers put it', () => {
    expect(parseAuthorization(`ACS3-HMAC-SHA256 Credential=AK, SignedHeaders=host, Signature=${SIG}`)).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'AK',
      signedHeaders: ['host'],
      signature: SIG,
    });
  });
});
