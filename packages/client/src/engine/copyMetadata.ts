// A copy of a body keeps its call's metadata: a page cut to maxItems, the Response a raw call hands
// to openapi-fetch (from the answer, or from the call's error). Apart from metadataStore.ts, so a
// page's first load does not carry it.
import type { OpenSearchError } from '../errors/errors.js';
import { recorded } from './metadataStore.js';

/** Gives `to` the metadata of `from`: a body (or an answer) with metadata, or a call's error. */
export function copyMetadata<T extends object>(to: T, from: object): T {
  const error = from as Partial<OpenSearchError>;
  const known =
    recorded.get(from) ??
    (typeof error.attempts === 'number'
      ? ([
          error.status ?? 0,
          new Headers(error.requestId ? { 'x-acs-request-id': error.requestId } : {}),
          error.attempts,
          error.totalRetryDelayMs ?? 0,
        ] as const)
      : undefined);
  if (known) recorded.set(to, known);
  return to;
}
