// The checks of a call's own options (callOptions.ts) live in a chunk of their own: a call without
// options never needs them. The core client starts fetching the chunk when it is made, in the
// background, so the first call with options (every TanStack query passes a signal) rarely waits.
// A chunk that cannot load is a ValidationError of the call, never a bare import error (lazyChunk.ts).
import type { CallSettings } from '../engine/call.js';
import { ValidationError } from '../errors/errors.js';
import { lazyChunk, prefetch } from '../lazyChunk.js';

/** What a call's own options resolve to: settings for the engine and headers for the request. */
export interface ResolvedCallOptions {
  settings: Partial<CallSettings> | undefined;
  headers: Record<string, string> | undefined;
  context: unknown;
}

/** A call without options: the client's settings, no headers of its own. */
export const NO_CALL_OPTIONS: ResolvedCallOptions = Object.freeze({
  settings: undefined,
  headers: undefined,
  context: undefined,
});

const load = lazyChunk(() => import('./callOptions.js'));

/** The call-options checks, loaded once per process. */
export const callOptions = () =>
  load().catch((cause: unknown) => {
    throw new ValidationError(
      'callOptions',
      `call options: their checks could not load (${String((cause as Error)?.message ?? cause).slice(0, 200)})`,
    );
  });

/** Starts loading the checks without waiting for them. */
export const prefetchCallOptions = (): void => prefetch(load);
