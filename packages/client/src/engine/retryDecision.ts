// Whether a failed attempt is tried again, and after how long: the retry budget, the safety of
// repeating the call, backoff, and what the server asks for.

import type { OpenSearchError } from '../errors/errors.js';
import type { AnswerHeaders } from '../shared/transport.js';
import { backoffDelay, retryAfterMs } from './backoff.js';
import { isThrottling } from './errorResponse.js';
import type { ResolvedRetry } from './retryPolicy.js';

/** After a transport failure (timeout, network): the backoff, or undefined to give up. */
export function transportRetryDelay(error: OpenSearchError, attempt: number, retry: ResolvedRetry): number | undefined {
  return error.retryable && attempt < retry.maxAttempts ? backoffDelay(attempt, retry) : undefined;
}

/**
 * After an HTTP error answer: throttling is always retried, a 5xx when repeating is safe; the wait
 * is what the server asks for, or the backoff. A server asking for more than maxRetryAfterMs ends
 * the retries.
 */
export function answerRetryDelay(
  answer: { status: number; headers: AnswerHeaders },
  code: string | undefined,
  safeToRepeat: boolean,
  attempt: number,
  retry: ResolvedRetry,
  nowMs: number,
): number | undefined {
  const retryable = isThrottling(answer.status, code) || (safeToRepeat && answer.status >= 500);
  if (!retryable || attempt >= retry.maxAttempts) return undefined;
  const asked = retryAfterMs(answer.headers, nowMs);
  if (asked === undefined) return backoffDelay(attempt, retry);
  return asked <= retry.maxRetryAfterMs ? asked : undefined;
}
