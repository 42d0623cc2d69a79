// What happened to a call that succeeded, beside its body: the status, the request id, the attempts
// made and the time waited between them (metadataStore.ts keeps them, keyed by the body).
import { recorded } from './metadataStore.js';

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

/**
 * The metadata of the call that resolved to `body` (the object a method, an operation function or a
 * paginator gave you, or a raw call's `response`): status, request id, attempts and total retry
 * delay. Undefined for anything else, and for a call that answered no body.
 */
export function responseMetadata(body: unknown): ResponseMetadata | undefined {
  const record = typeof body === 'object' && body !== null ? recorded.get(body) : undefined;
  if (!record) return undefined;
  const [status, headers, attempts, totalRetryDelayMs] = record;
  const own = (body as { requestId?: unknown }).requestId;
  const requestId = typeof own === 'string' ? own : (headers.get('x-acs-request-id') ?? undefined);
  return { status, requestId, attempts, totalRetryDelayMs };
}
