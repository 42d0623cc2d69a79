// What happened to a call, as fields of its error: the attempts it made and the time it waited
// between them. Set once, where the call's failure is decided, before any hook sees the error.
import { OpenSearchError } from '../errors/errors.js';

/** The part of a call in flight that its story is read from. */
export interface CallProgress {
  /** The attempt under way, from 1 (a clock-skew retry does not count here: see `skews`). */
  attempt: number;
  /** The clock-skew retries made (at most one), set by the failure path. */
  skews?: number;
  /** The time spent waiting between attempts, in ms, added to by the failure path's retry decision. */
  waitedMs?: number;
}

/** The attempts a call made, a clock-skew retry included. */
const attemptsOf = (progress: CallProgress): number => progress.attempt + (progress.skews ?? 0);

/** `error` with the call's attempts and total wait, when it is the client's; returned as it is. */
export function withStory<E>(error: E, progress: CallProgress): E {
  if (error instanceof OpenSearchError)
    Object.assign(error, { attempts: attemptsOf(progress), totalRetryDelayMs: progress.waitedMs ?? 0 });
  return error;
}
