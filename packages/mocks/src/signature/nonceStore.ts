// Seen signature nonces, bounded in time and in size: a nonce only matters while its x-acs-date is
// inside the gateway's window (15 minutes each way), so each one expires with that window and is
// forgotten; and at most `maxSize` are kept (the oldest go first), so a flood of signed requests
// within one window cannot grow the store without bound.

/** The most nonces a store keeps by default. */
const DEFAULT_MAX_NONCES = 100_000;

export class NonceStore {
  readonly #expiries = new Map<string, number>();
  readonly #windowMs: number;
  readonly #maxSize: number;

  constructor(windowMs: number, maxSize = DEFAULT_MAX_NONCES) {
    this.#windowMs = windowMs;
    this.#maxSize = maxSize;
  }

  /** Records a nonce signed at `signedAt`; false when it was seen already (and has not expired). */
  use(nonce: string, signedAt: number, now: number): boolean {
    this.#forgetExpired(now);
    if (this.#expiries.has(nonce)) return false;
    if (this.#expiries.size >= this.#maxSize) this.#expiries.delete(this.#expiries.keys().next().value as string);
    this.#expiries.set(nonce, signedAt + this.#windowMs);
    return true;
  }

  get size(): number {
    return this.#expiries.size;
  }

  clear(): void {
    this.#expiries.clear();
  }

  #forgetExpired(now: number): void {
    // Insertion order is roughly expiry order: stop at the first live entry.
    for (const [nonce, expires] of this.#expiries) {
      if (expires > now) break;
      this.#expiries.delete(nonce);
    }
  }
}
