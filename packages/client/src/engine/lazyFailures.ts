// The one way into failures.ts: a dynamic import, so that bundlers split the failure path into its
// own chunk. It is fetched in the background with the first call of the process (prefetchFailures),
// so it is there when a failure comes, and a page's first load does not wait for it. Should it still
// fail to load (a browser gone offline before the first failure), the failure is a NetworkError
// that says so, not a bare import error.
import { NetworkError, safeText } from '../errors/errors.js';
import type { Target } from './call.js';

type Failures = typeof import('./failures.js');
let loading: Promise<Failures> | undefined;

const load = () => {
  loading ??= import('./failures.js').catch((cause: unknown) => {
    loading = undefined; // the next failure tries again
    throw cause;
  });
  return loading;
};

/** The failure path (loaded once per process), or a NetworkError for `target` when it cannot load. */
export const failures = (target?: Target): Promise<Failures> =>
  load().catch((cause: unknown) => {
    throw new NetworkError({
      kind: 'network',
      message: `${target ? `${target.method} ${target.url} failed; ` : ''}the client's failure module could not load: ${safeText(String((cause as Error)?.message ?? cause), 200)}`,
      retryable: false,
      ...target,
    });
  });

/** Starts loading the failure path without waiting for it (the engine does this on its first call). */
export function prefetchFailures(): void {
  load().catch(() => {});
}
