import { describe, expect, it } from 'vitest';
import { NonceStore } from './nonceStore.js';

describe('NonceStore', () => {
  it('refuses a nonce seen within the window, and forgets it once the window has passed', () => {
    const nonces = new NonceStore(1000);
    expect(nonces.use('a', 0, 0)).toBe(true);
    expect(nonces.use('a', 0, 500)).toBe(false);
    expect(nonces.use('b', 2000, 2000)).toBe(true);
    expect(nonces.size).toBe(1);
    expect(nonces.use('a', 2000, 2000)).toBe(true);
  });

  it('stays bounded under a stream of fresh nonces', () => {
    const nonces = new NonceStore(100);
    for (let t = 0; t < 10_000; t++) nonces.use(`n${t}`, t, t);
    expect(nonces.size).toBeLessThanOrEqual(101);
  });
});

describe('NonceStore size cap', () => {
  it('keeps at most maxSize nonces inside one window, forgetting the oldest first', () => {
    const nonces = new NonceStore(60_000, 3);
    for (const n of ['a', 'b', 'c', 'd']) expect(nonces.use(n, 0, 0)).toBe(true);
    expect(nonces.size).toBe(3);
    expect(nonces.use('d', 0, 1)).toBe(false);
    expect(nonces.use('a', 0, 1)).toBe(true);
  });
});

describe('NonceStore window edge', () => {
  it('a nonce is forgotten exactly when its window ends, not a moment later', () => {
    const nonces = new NonceStore(1000);
    expect(nonces.use('n', 0, 0)).toBe(true);
    expect(nonces.use('n', 0, 999)).toBe(false);
    expect(nonces.use('n', 1000, 1000)).toBe(true);
  });
});

describe('NonceStore clear', () => {
  it('forgets every nonce', () => {
    const nonces = new NonceStore(60_000);
    nonces.use('a', 0, 0);
    nonces.clear();
    expect(nonces.size).toBe(0);
    expect(nonces.use('a', 0, 1)).toBe(true);
  });
});
