// Deterministic randomness: a seeded generator and a string hash, so that the same seed and the
// same request always give the same data, whatever order tests run in.

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: turns a string into a seed. */
function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A request id shaped like the API's (8-4-4-4-12 upper-case hex), derived from a seed and a key. */
export function deterministicRequestId(seed: number, key: string): string {
  const random = createRandom(hashString(key, seed));
  const hex = Array.from({ length: 32 }, () =>
    Math.floor(random() * 16)
      .toString(16)
      .toUpperCase(),
  ).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
