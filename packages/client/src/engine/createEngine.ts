// The per-attempt engine behind every call, generated and raw: each attempt is signed afresh (new
// date, nonce and signature) and run (attempt.ts); a failure is retried when the decision allows
// (retryDecision.ts), the clock is corrected once from a sane Date (clock.ts), and the call's
// deadline bounds every attempt and every wait. Every failure is a typed error.

import { OpenSearchError } from '../errors/errors.js';
import type { Credentials } from '../signing/signRequest.js';
import { type AttemptSettings, runAttempt } from './attempt.js';
import type { Answer, ClockState, OutgoingCall, Target } from './call.js';
import { deadlineError } from './classify.js';
import { correctClock, isClockSkew } from './clock.js';
import { errorFromResponse, readErrorFields } from './errorResponse.js';
import type { CallHooks, CallObserver } from './hooks.js';
import { answerRetryDelay, transportRetryDelay } from './retryDecision.js';
import type { ResolvedRetry } from './retryPolicy.js';
import { sleep } from './sleep.js';

export type { Answer, OutgoingCall } from './call.js';

export interface EngineOptions {
  credentials: () => Credentials | Promise<Credentials>;
  /** A fixed fetch; without it `globalThis.fetch` is looked up at every attempt (so MSW installed later still intercepts). */
  fetch?: typeof fetch | undefined;
  timeoutMs: number;
  deadlineMs: number;
  retry: ResolvedRetry;
  maxResponseBytes: number;
  clock: ClockState;
  /** The local clock, for tests. */
  now?: (() => number) | undefined;
  /** The wait between attempts, for tests. Default: an abortable setTimeout. */
  sleep?: ((ms: number, signal?: AbortSignal | null) => Promise<void>) | undefined;
  /** Called on every attempt of every call (hooks.ts); nothing runs without them. */
  hooks?: CallHooks | undefined;
}

/** The HTTP answer behind an error, for raw calls, which hand error answers back as openapi-fetch does. */
export const errorAnswers = new WeakMap<OpenSearchError, Answer>();

/** An attempt's headers: credentials looked up and the request signed, with no promise hop when both are synchronous. */
function signAttempt(options: EngineOptions, call: OutgoingCall, nowMs: number) {
  const provided = options.credentials();
  if ('then' in provided) return provided.then((credentials) => call.sign(credentials, nowMs));
  return call.sign(provided, nowMs);
}

/** A 2xx answer read into the result; with hooks, the answer and a body the client cannot use are observed. */
function finish<T>(answer: Answer, read: ((a: Answer) => T) | undefined, observer: CallObserver | undefined): T {
  if (!observer) return read ? read(answer) : (answer as T);
  observer.answered(answer, false);
  try {
    return read ? read(answer) : (answer as T);
  } catch (error) {
    observer.failed(error, false);
    throw error;
  }
}

/** What every call of one engine shares. */
interface EngineState {
  options: EngineOptions;
  now: () => number;
  pause: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  /** The hooks' observer, loaded only for a client that has hooks. */
  observing: Promise<typeof import('./hooks.js')> | undefined;
  settings: AttemptSettings;
}

/**
 * Sends a call until it succeeds or fails for good; `read` turns the 2xx answer into the result.
 * `again(error, wait, answer?)` says whether to try again after `wait` ms (undefined: never), and
 * observes the answer (if any) and the failure with that same decision.
 */
async function send<T = Answer>(
  engine: EngineState,
  call: OutgoingCall,
  signal?: AbortSignal | null,
  read?: (a: Answer) => T,
): Promise<T> {
  const { options, now, pause, observing, settings } = engine;
  const { retry, clock } = options;
  const target: Target = { method: call.op.method, url: call.url };
  const safeToRepeat = call.op.idempotent || retry.methods.has(target.method);
  const deadline = options.deadlineMs > 0 ? now() + options.deadlineMs : Number.POSITIVE_INFINITY;
  const observer = observing ? new (await observing).CallObserver(options.hooks!, call) : undefined;
  const again = (error: unknown, wait: number | undefined, answer?: Answer) => {
    const retrying = wait !== undefined && now() + wait < deadline;
    if (answer) observer?.answered(answer, retrying);
    observer?.failed(error, retrying);
    return retrying;
  };
  let skewCorrected = false;
  let lastError: OpenSearchError | undefined;
  for (let attempt = 1; ; attempt++) {
    observer?.start();
    signal?.throwIfAborted();
    const remaining = deadline - now();
    if (remaining <= 0) {
      const error = deadlineError(target, options.deadlineMs, lastError);
      again(error, undefined);
      throw error;
    }
    const ms = options.timeoutMs > 0 ? Math.min(options.timeoutMs, remaining) : remaining;
    let answer: Answer;
    try {
      const signed = signAttempt(options, call, now() + clock.offsetMs);
      const headers = 'then' in signed ? await signed : signed;
      signal?.throwIfAborted(); // the caller may have given up while credentials or signing were awaited
      observer?.sending();
      answer = await runAttempt(settings, { call, target, headers, ms, signal, attempt, safeToRepeat });
    } catch (error) {
      const retryable = !signal?.aborted && error instanceof OpenSearchError; // an abort is not
      const wait = retryable ? transportRetryDelay(error, attempt, retry) : undefined;
      if (!again(error, wait)) throw error;
      lastError = error as OpenSearchError;
      await pause(wait as number, signal);
      continue;
    }
    if (answer.status >= 200 && answer.status < 300) return finish(answer, read, observer);
    const fields = readErrorFields(answer.text, answer.headers);
    const error = errorFromResponse(answer, fields, target, safeToRepeat);
    errorAnswers.set(error, answer);
    // One corrected retry after a clock-skew refusal, outside the retry budget: the request was fine, our clock was not.
    const skew = !skewCorrected && isClockSkew(fields.code) && correctClock(clock, answer.headers, now());
    const wait = skew ? 0 : answerRetryDelay(answer, fields.code, safeToRepeat, attempt, retry, now());
    if (!again(error, wait, answer)) throw error;
    lastError = error;
    if (skew) {
      skewCorrected = true;
      attempt--;
    } else await pause(wait!, signal);
  }
}

export function createEngine(options: EngineOptions) {
  const engine: EngineState = {
    options,
    now: options.now ?? Date.now,
    pause: options.sleep ?? sleep,
    observing: options.hooks ? import('./hooks.js') : undefined,
    settings: {
      fetch: options.fetch,
      maxResponseBytes: options.maxResponseBytes,
      maxAttempts: options.retry.maxAttempts,
    },
  };
  return {
    send: <T = Answer>(call: OutgoingCall, signal?: AbortSignal | null, read?: (a: Answer) => T) =>
      send(engine, call, signal, read),
  };
}
