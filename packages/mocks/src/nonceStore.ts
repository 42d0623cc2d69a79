// Seen signature nonces, bounded: a nonce only matters while its x-acs-date is inside the
// gateway's window (15 minutes each way), so each one expires with that window and is forgotten.

export class NonceStore {
  readonly #expiries = new Map<string, number>();
  readonly #windowMs: number;

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  /** Records a nonce signed at `signedAt`; false when it was seen already (and has not expired). */
  use(nonce: string, signedAt: number, now: number): boolean {
    this.#forgetExpired(now);
    if (this.#expiries.has(nonce)) return false;
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
