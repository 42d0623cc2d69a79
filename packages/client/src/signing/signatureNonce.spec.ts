import { describe, expect, it } from 'vitest';
import { signatureNonce } from './signatureNonce.js';

describe('signatureNonce', () => {
  it('is unique across many calls', () =>
    expect(new Set(Array.from({ length: 1000 }, signatureNonce)).size).toBe(1000));
});
