// The checks of a call's own options (callOptions.ts) live in a chunk of their own: a call without
// options never needs them. The core client starts fetching the chunk when it is made, in the
// background, so the first call with options (every TanStack query passes a signal) rarely waits.
// A chunk that cannot load is a ValidationError of the call, never a bare import error (lazyChunk.ts).
import { ValidationError } from '../errors/errors.js';

export { NO_CALL_OPTIONS, type ResolvedCallOptions } from '../shared/call.js';

import { lazyChunk, prefetch } from '../lazyChunk.js';

const load = lazyChunk(() => import('./callOptions.js'));

/** The call-options checks, loaded once per process. */
export const callOptions = () =>
  load().catch((cause: unknown) => {
    throw new ValidationError(
      'callOptions',
      `call options could not be checked (${String((cause as Error)?.message ?? cause).slice(0, 200)})`,
    );
  });

/** Starts loading the checks without waiting for them. */
export const prefetchCallOptions = (): void => prefetch(load);
