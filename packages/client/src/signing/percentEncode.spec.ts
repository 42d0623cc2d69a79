import { describe, expect, it } from 'vitest';
import { percentEncode } from './percentEncode.js';

describe('percentEncode', () => {
  it("encodes what encodeURIComponent leaves: ! ' ( ) *", () =>
    expect(percentEncode("a!'()*~ é")).toBe('a%21%27%28%29%2A~%20%C3%A9'));
});
