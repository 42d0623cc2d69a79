// The per-attempt timer (ky's timeout module in spirit): one AbortController per attempt, aborted
// by the caller's signal or by the timer, whichever comes first; `timedOut` says which it was.

export interface AttemptTimer {
  readonly controller: AbortController;
  /** Whether the timer (not the caller) ended the attempt. */
  timedOut: boolean;
  /** Stops the timer and unhooks the caller's signal; called once the attempt is over. */
  clear(): void;
}

/** A timer of `ms` (finite: without one, attempt.ts makes no timer) over the caller's signal, if any. */
export function startAttemptTimer(ms: number, caller: AbortSignal | null | undefined): AttemptTimer {
  const controller = new AbortController();
  const onAbort = () => controller.abort(caller?.reason);
  const handle = setTimeout(() => {
    timer.timedOut = true;
    controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
  }, ms);
  const timer: AttemptTimer = {
    controller,
    timedOut: false,
    clear: () => {
      clearTimeout(handle);
      caller?.removeEventListener('abort', onAbort);
    },
  };
  // A caller that aborted already (while credentials or signing were awaited) aborts the attempt now.
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return timer;
}
