// When and how long to wait between attempts: exponential backoff with full jitter,
// overridden by what the server asks for (Retry-After, x-acs-retry-after).

export interface RetryOptions {
  /** Total attempts, the first included. Default 3. */
  maxAttempts?: number;
  /** The backoff base, in ms: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. Default 200. */
  baseDelayMs?: number;
  /** The cap of one backoff delay, in ms. Default 5000. */
  maxDelayMs?: number;
  /** The longest server-requested delay the client will honour, in ms; longer ones end the retries. Default 60000. */
  maxRetryAfterMs?: number;
  /** The random source of the jitter, for tests. Default Math.random. */
  random?: () => number;
}

export type ResolvedRetry = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetry = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

/** Merges user options (or `false`, which disables retries) over the defaults. */
export function resolveRetry(options: RetryOptions | false | undefined): ResolvedRetry {
  if (options === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
  const merged = { ...DEFAULT_RETRY, ...options };
  if (!Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1) {
    throw new TypeError(`retry.maxAttempts must be a positive integer, got ${String(options?.maxAttempts)}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!(merged[key] >= 0)) throw new TypeError(`retry.${key} must be a number >= 0, got ${String(merged[key])}`);
  }
  return merged;
}

/** Full-jitter backoff before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(attempt: number, retry: ResolvedRetry): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(retry.random() * ceiling);
}

/** The delay a response asks for, in ms: `x-acs-retry-after` (seconds) or `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  for (const name of ['x-acs-retry-after', 'retry-after']) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return undefined;
}
