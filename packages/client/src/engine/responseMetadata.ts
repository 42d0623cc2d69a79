// What happened to a call that succeeded, beside its body: the status, the request id, the attempts
// made and the time waited between them. Kept in a WeakMap keyed by the body the call resolved to,
// so bodies stay plain data (equal, serializable, spreadable) and nothing outlives them.
import type { Answer } from './call.js';
import type { CallProgress } from './story.js';

/** A successful call's metadata: the same fields an `OpenSearchError` carries for a failed one. */
export interface ResponseMetadata {
  /** The HTTP status of the answer. */
  status: number;
  /** The body's requestId, or the x-acs-request-id header. */
  requestId: string | undefined;
  /** The attempts the call made, the successful one included (a clock-skew retry counts). */
  attempts: number;
  /** The time the call waited between its attempts, in ms (0 without a retry). */
  totalRetryDelayMs: number;
}

/** Each body's metadata (copyMetadata.ts adds to it for a copied page or a raw Response). */
export const byBody = new WeakMap<object, ResponseMetadata>();

/** Records `answer`'s metadata for `result` (an object body; a call that answered no body has none). */
export function recordMetadata<T>(result: T, answer: Answer, progress: CallProgress): T {
  if (typeof result === 'object' && result !== null)
    byBody.set(result, {
      status: answer.status,
      requestId: (result as { requestId?: string }).requestId ?? answer.headers.get('x-acs-request-id') ?? undefined,
      attempts: progress.attempt + (progress.skews ?? 0),
      totalRetryDelayMs: progress.waitedMs ?? 0,
    });
  return result;
}

/**
 * The metadata of the call that resolved to `body` (the object a method, an operation function or a
 * paginator gave you): status, request id, attempts and total retry delay. Undefined for anything
 * else, and for a call that answered no body.
 */
export function responseMetadata(body: unknown): ResponseMetadata | undefined {
  return typeof body === 'object' && body !== null ? byBody.get(body) : undefined;
}
