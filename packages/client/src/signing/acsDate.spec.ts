import { describe, expect, it } from 'vitest';
import { acsDate } from './acsDate.js';
import { percentEncode } from './percentEncode.js';
import { signatureNonce } from './signatureNonce.js';

describe('acsDate', () => {
  it('drops milliseconds and accepts epoch ms', () => {
    expect(acsDate(new Date('2024-02-29T23:59:59.123Z'))).toBe('2024-02-29T23:59:59Z');
    expect(acsDate(0)).toBe('1970-01-01T00:00:00Z');
  });
  it('rejects an invalid date', () => expect(() => acsDate(new Date('nope'))).toThrow(RangeError));
});

describe('percentEncode', () => {
  it("encodes what encodeURIComponent leaves: ! ' ( ) *", () =>
    expect(percentEncode("a!'()*~ é")).toBe('a%21%27%28%29%2A~%20%C3%A9'));
});

describe('signatureNonce', () => {
  it('is unique', () => expect(new Set(Array.from({ length: 1000 }, signatureNonce)).size).toBe(1000));
});
