// Where a successful call's metadata waits for responseMetadata() (responseMetadata.ts): a WeakMap
// keyed by the body the call resolved to, so bodies stay plain data and nothing outlives them. The
// success path stores a bare tuple (the first load carries only this); the reader builds the object.
import type { Answer } from '../shared/call.js';
import type { AnswerHeaders } from '../shared/transport.js';
import type { CallProgress } from './story.js';

/** What the success path records: status, headers, attempts, total retry delay. */
export type Recorded = readonly [status: number, headers: AnswerHeaders, attempts: number, waitedMs: number];

/** Each body's record; copyMetadata.ts adds a copied page's or a raw Response's. */
export const recorded = new WeakMap<object, Recorded>();

/** Records `answer`'s metadata for `result` (an object body; a call that answered no body has none). */
export function recordMetadata<T>(result: T, answer: Answer, progress: CallProgress): T {
  if (typeof result === 'object' && result !== null)
    recorded.set(result, [
      answer.status,
      answer.headers,
      progress.attempt + (progress.skews ?? 0),
      progress.waitedMs ?? 0,
    ]);
  return result;
}
