// Clock skew: when the gateway refuses a request for its time, the client corrects its clock from
// the answer's Date, once per call, and only by a sane amount.

import type { ClockState } from '../shared/call.js';
import type { AnswerHeaders } from '../shared/transport.js';

/** The largest clock correction the client accepts from a Date header (the API itself allows 15 minutes). */
const MAX_CLOCK_OFFSET_MS = 24 * 60 * 60 * 1000;
const CLOCK_SKEW = /InvalidTimeStamp|TimeTooSkewed|TimestampExpired|RequestExpired/i;

/** Whether an error code says the request's time was refused. */
export const isClockSkew = (code: string | undefined): boolean => code !== undefined && CLOCK_SKEW.test(code);

/** Sets the clock's offset from the server's Date; false when there is no sane Date to learn from. */
export function correctClock(clock: ClockState, headers: AnswerHeaders, nowMs: number): boolean {
  const offset = Date.parse(headers.get('date') ?? '') - nowMs;
  if (!Number.isFinite(offset) || Math.abs(offset) > MAX_CLOCK_OFFSET_MS) return false;
  clock.offsetMs = offset;
  return true;
}
