// When and how long to wait between attempts: exponential backoff with full jitter, overridden by
// what the server asks for (Retry-After, x-acs-retry-after). Which answers are retried depends on
// the operation: see `isRetryable`.
import { checkNumber, MAX_TIMER_MS } from '../errors/checks.js';
import { ValidationError } from '../errors/errors.js';
import type { ResolvedRetry, RetryOptions } from '../shared/retryOptions.js';

export type { ResolvedRetry, RetryOptions };

export const DEFAULT_RETRY: Readonly<Required<Omit<RetryOptions, 'methods'>>> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
});

/**
 * Merges user options (or `false`, which disables retries) over the defaults, or over `base` (a
 * client's resolved policy, which a call's own `retry` refines), checking each.
 */
export function resolveRetry(
  options: RetryOptions | false | undefined,
  base?: ResolvedRetry,
  name = 'retry',
): ResolvedRetry {
  if (options !== undefined && options !== false && (options === null || typeof options !== 'object')) {
    throw new ValidationError(name, `${name} must be an object of retry options, or false`);
  }
  if (base && options === undefined) return base;
  const start = base ? { ...base, methods: [...base.methods] } : DEFAULT_RETRY;
  const merged = { ...start, ...(options || { maxAttempts: options === false ? 1 : start.maxAttempts }) };
  checkNumber(`${name}.maxAttempts`, merged.maxAttempts, 1, 100, true);
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const)
    checkNumber(`${name}.${key}`, merged[key], 0, MAX_TIMER_MS);
  const methods = merged.methods ?? [];
  if (typeof merged.random !== 'function' || !Array.isArray(methods)) {
    throw new ValidationError(name, `${name}.random must be a function and ${name}.methods an array of method names`);
  }
  return { ...merged, methods: new Set(methods.map((m) => String(m).toUpperCase())) };
}
