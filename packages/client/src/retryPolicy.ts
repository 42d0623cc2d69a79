// When and how long to wait between attempts: exponential backoff with full jitter, overridden by
// what the server asks for (Retry-After, x-acs-retry-after). Which answers are retried depends on
// the operation: see `isRetryable`.
import { ValidationError } from './errors.js';

export interface RetryOptions {
  /** Total attempts, the first included. Default 3. */
  maxAttempts?: number;
  /** The backoff base, in ms: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. Default 200. */
  baseDelayMs?: number;
  /** The cap of one backoff delay, in ms. Default 5000. */
  maxDelayMs?: number;
  /** The longest server-requested delay the client will honour, in ms; longer ones end the retries. Default 60000. */
  maxRetryAfterMs?: number;
  /**
   * Methods retried on every retryable failure (5xx, timeouts, network errors), for any operation.
   * Default: none beyond the idempotent ones. POST and PATCH are otherwise retried only when
   * throttled, unless the spec marks the operation idempotent.
   */
  methods?: readonly string[];
  /** The random source of the jitter, for tests. Default Math.random. */
  random?: () => number;
}

export interface ResolvedRetry {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  methods: ReadonlySet<string>;
  random: () => number;
}

/** The longest delay setTimeout honours; beyond it, Node and browsers fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const DEFAULT_RETRY: Readonly<Required<Omit<RetryOptions, 'methods'>>> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
});

/** Checks a duration option: a number of ms in [0, 2^31 - 1]. */
export function checkDuration(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
    throw new ValidationError(name, `${name} must be a number of milliseconds from 0 to ${MAX_TIMER_MS}, got ${typeof value === 'number' ? value : typeof value}`);
  }
  return value;
}

/** Merges user options (or `false`, which disables retries) over the defaults, checking each. */
export function resolveRetry(options: RetryOptions | false | undefined): ResolvedRetry {
  if (options !== undefined && options !== false && (typeof options !== 'object' || options === null)) {
    throw new ValidationError('retry', 'retry must be an object of retry options, or false');
  }
  const given = options || {};
  const merged = { ...DEFAULT_RETRY, ...given };
  if (options === false) merged.maxAttempts = 1;
  if (typeof merged.maxAttempts !== 'number' || !Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1 || merged.maxAttempts > 100) {
    throw new ValidationError('retry.maxAttempts', `retry.maxAttempts must be an integer from 1 to 100, got ${String(given.maxAttempts)}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) checkDuration(`retry.${key}`, merged[key]);
  if (typeof merged.random !== 'function') throw new ValidationError('retry.random', 'retry.random must be a function');
  const methods = given.methods ?? [];
  if (!Array.isArray(methods) || methods.some((m) => typeof m !== 'string')) {
    throw new ValidationError('retry.methods', 'retry.methods must be an array of HTTP method names');
  }
  return { ...merged, methods: new Set(methods.map((m) => m.toUpperCase())) };
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
    if (/^\d{1,12}(\.\d{1,6})?$/.test(value)) return Math.round(Number(value) * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return undefined;
}
