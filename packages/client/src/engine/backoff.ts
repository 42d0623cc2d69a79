// How long to wait before the next attempt: full-jitter backoff, and what a response asks for.
// Only a failed attempt needs these (they load with the failure path, failures.ts).

import type { AnswerHeaders } from '../shared/transport.js';
import type { ResolvedRetry } from './retryPolicy.js';

/** Full-jitter backoff before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(attempt: number, retry: ResolvedRetry): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(retry.random() * ceiling);
}

/** The delay a response asks for, in ms: `x-acs-retry-after` (seconds) or `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: AnswerHeaders, now = Date.now()): number | undefined {
  for (const name of ['x-acs-retry-after', 'retry-after']) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    if (/^\d{1,12}(\.\d{1,6})?$/.test(value)) return Math.round(Number(value) * 1000);
    // An HTTP date names its day or month ("Thu, 01 Jan 2026 00:00:10 GMT"); a bare "-1" or "2026"
    // is malformed, even though Date.parse reads it as a year.
    const date = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return undefined;
}
