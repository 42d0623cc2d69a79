// The per-attempt timer (ky's timeout module in spirit): one AbortController per attempt, aborted
// by the caller's signal or by the timer, whichever comes first; `timedOut` says which it was.
// No closure per attempt: the controller object is the caller signal's listener, and the timer
// gets it as its argument.

function onTimeout(timer: AttemptTimer): void {
  timer.timedOut = true;
  timer.controller.abort(new DOMException(`timed out after ${timer.ms} ms`, 'TimeoutError'));
}

export class AttemptTimer {
  readonly controller = new AbortController();
  timedOut = false;
  readonly #handle: ReturnType<typeof setTimeout>;

  /** `ms` is the attempt's budget (finite: without one, attempt.ts makes no timer). */
  constructor(
    readonly ms: number,
    readonly caller: AbortSignal | null | undefined,
  ) {
    this.#handle = setTimeout(onTimeout, ms, this);
    // A caller that aborted already (while credentials or signing were awaited) aborts the attempt now.
    if (caller?.aborted) this.controller.abort(caller.reason);
    else caller?.addEventListener('abort', this, { once: true });
  }

  /** The caller aborted: the attempt aborts with the caller's reason. */
  handleEvent(): void {
    this.controller.abort(this.caller?.reason);
  }

  /** Stops the timer and unhooks the caller's signal; called once the attempt is over. */
  clear(): void {
    clearTimeout(this.#handle);
    this.caller?.removeEventListener('abort', this);
  }
}
