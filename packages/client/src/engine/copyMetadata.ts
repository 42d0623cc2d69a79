// A copy of a body keeps its call's metadata: a page cut to maxItems, the Response a raw call hands
// to openapi-fetch. Apart from responseMetadata.ts, so a page's first load does not carry it.
import { byBody, type ResponseMetadata } from './responseMetadata.js';

/** Gives `to` the metadata of `from` (a body with metadata, or a call's error): a copied page, a raw Response. */
export function copyMetadata<T extends object>(to: T, from: object): T {
  const known =
    byBody.get(from) ??
    ('attempts' in from && typeof from.attempts === 'number'
      ? (({ status, requestId, attempts, totalRetryDelayMs }) => ({ status, requestId, attempts, totalRetryDelayMs }))(
          from as ResponseMetadata,
        )
      : undefined);
  if (known) byBody.set(to, known);
  return to;
}
