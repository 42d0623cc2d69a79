// The failure path (failures.ts) as a lazy chunk (lazyChunk.ts): fetched in the background with the
// first call of the process, so it is there when a failure comes, and a page's first load does not
// wait for it. Should it still fail to load, the failure is a NetworkError that says so.
import { NetworkError, safeText } from '../errors/errors.js';
import { lazyChunk, prefetch } from '../lazyChunk.js';
import type { Target } from '../shared/call.js';

const load = lazyChunk(() => import('./failures.js'));

/** The failure path (loaded once per process), or a NetworkError for `target` when it cannot load. */
export const failures = (target?: Target) =>
  load().catch((cause: unknown) => {
    throw new NetworkError({
      kind: 'network',
      message: `${target ? `${target.method} ${target.url} failed; ` : ''}the client's failure module could not load: ${safeText(String((cause as Error)?.message ?? cause), 200)}`,
      retryable: false,
      ...target,
    });
  });

/** Starts loading the failure path without waiting for it (the engine does this on its first call). */
export const prefetchFailures = (): void => prefetch(load);
