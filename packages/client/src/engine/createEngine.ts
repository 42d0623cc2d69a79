// The per-attempt engine behind every call, generated and raw: each attempt is signed afresh (new
// date, nonce and signature) and run (attempt.ts); a failure is retried when the decision allows
// (retryDecision.ts) and the client's retry budget can pay (retryBudget.ts), the clock is corrected
// once from a sane Date (clock.ts), and the call's deadline bounds every attempt and every wait: when
// it ends one, the call fails as DeadlineExceeded. Every failure is a typed error holding no secret.

import { OpenSearchError } from '../errors/errors.js';
import type { SecretSet } from '../errors/redact.js';
import type { OperationMeta } from '../operations/operationMeta.js';
import type { Credentials } from '../signing/signRequest.js';
import { type AttemptSettings, runAttempt } from './attempt.js';
import type { Answer, CallSettings, ClockState, OutgoingCall, Target } from './call.js';
import { deadlineError } from './classify.js';
import { correctClock, isClockSkew } from './clock.js';
import { errorFromResponse, readErrorFields } from './errorResponse.js';
import type { CallHooks, CallObserver, CallStage, Decision } from './hooks.js';
import type { RetryBudget } from './retryBudget.js';
import { answerRetryDelay, transportRetryDelay } from './retryDecision.js';
import type { ResolvedRetry } from './retryPolicy.js';
import { sleep } from './sleep.js';

export type { Answer, CallSettings, OutgoingCall } from './call.js';

export interface EngineOptions {
  credentials: () => Credentials | Promise<Credentials>;
  /** A fixed fetch; without it `globalThis.fetch` is looked up at every attempt (so MSW installed later still intercepts). */
  fetch?: typeof fetch | undefined;
  timeoutMs: number;
  deadlineMs: number;
  retry: ResolvedRetry;
  /** The retry budget every call of the client shares; none: retries are bounded by maxAttempts alone. */
  budget?: RetryBudget | undefined;
  maxResponseBytes: number;
  clock: ClockState;
  /** The secrets the client knows, removed from every error and event. */
  secrets?: SecretSet | undefined;
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
function signAttempt(options: EngineOptions, call: OutgoingCall, nowMs: number, stage: { at: CallStage }) {
  stage.at = 'credentials';
  const provided = options.credentials();
  if ('then' in provided)
    return provided.then((credentials) => {
      stage.at = 'signing';
      return call.sign(credentials, nowMs);
    });
  stage.at = 'signing';
  return call.sign(provided, nowMs);
}

/** A 2xx answer read into the result; with hooks, the answer and a body the client cannot use are observed. */
function finish<T>(answer: Answer, read: ((a: Answer) => T) | undefined, observer: CallObserver | undefined): T {
  if (!observer) return read ? read(answer) : (answer as T);
  observer.answered(answer, { retrying: false });
  try {
    return read ? read(answer) : (answer as T);
  } catch (error) {
    observer.failed(error, 'response', { retrying: false, notRetried: 'not-retryable' });
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
  defaults: CallSettings;
}

/** One call on its way: what the retry decision needs between attempts. */
interface Flight {
  engine: EngineState;
  call: OutgoingCall;
  settings: CallSettings;
  target: Target;
  deadline: number;
  observer: CallObserver | undefined;
  attempt: number;
  /** Whether the call may be sent again: the operation is idempotent, or its method is in the retry policy's. */
  safeToRepeat: boolean;
  /** What the last retry cost the budget. */
  spent: number | undefined;
  lastError: OpenSearchError | undefined;
}

/**
 * Whether to try again after `error` (and after how long): `wait` is what the retry policy allows
 * (undefined: never). The deadline and the budget have the last word. Observes the answer (if any)
 * and the failure with that decision, and returns the error to throw when there is no retry.
 */
function decide(
  flight: Flight,
  error: unknown,
  stage: CallStage,
  wait: number | undefined,
  answer?: Answer,
  free = false,
): { retry: true; wait: number } | { retry: false; error: unknown } {
  const { engine, observer, settings } = flight;
  const budget = engine.options.budget;
  let decision: Decision;
  let thrown = error;
  if (wait === undefined) {
    const exhausted =
      error instanceof OpenSearchError && error.retryable && flight.attempt >= settings.retry.maxAttempts;
    decision = { retrying: false, notRetried: exhausted ? 'max-attempts' : 'not-retryable' };
  } else if (engine.now() + wait >= flight.deadline) {
    // The deadline ends the wait: the call is over, and says so (the failure is its cause).
    thrown = deadlineError(flight.target, settings.deadlineMs, error as OpenSearchError, flight.attempt);
    decision = { retrying: false, notRetried: 'deadline' };
  } else {
    const cost = budget && !free ? budget.acquire((error as OpenSearchError).kind === 'timeout') : 0;
    decision = cost === undefined ? { retrying: false, notRetried: 'budget' } : { retrying: true, delayMs: wait };
    if (cost) flight.spent = cost;
  }
  decision.retryTokens = budget?.tokens;
  if (answer) observer?.answered(answer, decision);
  observer?.failed(thrown, thrown === error ? stage : 'deadline', decision);
  return decision.retrying ? { retry: true, wait: wait as number } : { retry: false, error: thrown };
}

/** One attempt, up to its answer; a failure before an answer is decided here (the result then says whether to go on). */
async function attemptOnce(flight: Flight): Promise<Answer | { retry: true; wait: number }> {
  const { engine, call, settings, target, observer } = flight;
  const { options, now, settings: attemptSettings } = engine;
  const { retry } = settings;
  const signal = settings.signal;
  observer?.start();
  signal?.throwIfAborted();
  const remaining = flight.deadline - now();
  if (remaining <= 0) {
    const error = deadlineError(target, settings.deadlineMs, flight.lastError, flight.attempt - 1);
    observer?.failed(error, 'deadline', {
      retrying: false,
      notRetried: 'deadline',
      retryTokens: options.budget?.tokens,
    });
    throw error;
  }
  // The attempt's own limit, or what is left of the deadline when that is shorter: then the deadline ends it.
  const cutByDeadline = settings.timeoutMs <= 0 || remaining < settings.timeoutMs;
  const ms = cutByDeadline ? remaining : settings.timeoutMs;
  const { safeToRepeat } = flight;
  const stage: { at: CallStage } = { at: 'credentials' };
  try {
    const signed = signAttempt(options, call, now() + options.clock.offsetMs, stage);
    const headers = 'then' in signed ? await signed : signed;
    signal?.throwIfAborted(); // the caller may have given up while credentials or signing were awaited
    stage.at = 'sending';
    observer?.sending();
    const attempts = safeToRepeat ? retry.maxAttempts : 1;
    return await runAttempt(attemptSettings, {
      call,
      target,
      headers,
      ms,
      signal,
      attempt: flight.attempt,
      maxAttempts: attempts,
      safeToRepeat,
    });
  } catch (caught) {
    let error = caught;
    const aborted = signal?.aborted === true;
    if (!aborted && cutByDeadline && Number.isFinite(flight.deadline) && isTimeout(error))
      error = deadlineError(target, settings.deadlineMs, error as OpenSearchError, flight.attempt);
    if (aborted || error !== caught) {
      const notRetried = aborted ? 'aborted' : 'deadline';
      observer?.failed(error, aborted ? stage.at : 'deadline', {
        retrying: false,
        notRetried,
        retryTokens: options.budget?.tokens,
      });
      throw error;
    }
    const wait = error instanceof OpenSearchError ? transportRetryDelay(error, flight.attempt, retry) : undefined;
    const next = decide(flight, error, stage.at, wait);
    if (!next.retry) throw next.error;
    flight.lastError = error as OpenSearchError;
    return next;
  }
}

const isTimeout = (error: unknown): boolean => error instanceof OpenSearchError && error.code === 'Timeout';

/**
 * Sends a call until it succeeds or fails for good; `read` turns the 2xx answer into the result.
 * The call's settings (signal, time limits, retry policy, context) are the client's unless given.
 */
async function send<T = Answer>(
  engine: EngineState,
  call: OutgoingCall,
  given: Partial<CallSettings> | undefined,
  read?: (a: Answer) => T,
): Promise<T> {
  const { options, now, pause, observing } = engine;
  const settings = given ? { ...engine.defaults, ...given } : engine.defaults;
  const { clock } = options;
  const flight: Flight = {
    engine,
    call,
    settings,
    target: { method: call.op.method, url: call.url },
    deadline: settings.deadlineMs > 0 ? now() + settings.deadlineMs : Number.POSITIVE_INFINITY,
    observer: observing
      ? new (await observing).CallObserver(options.hooks!, call.op, call.url, settings.context, options.secrets)
      : undefined,
    attempt: 0,
    safeToRepeat: call.op.idempotent || settings.retry.methods.has(call.op.method),
    spent: undefined,
    lastError: undefined,
  };
  let skewCorrected = false;
  for (;;) {
    flight.attempt += 1;
    const answer = await attemptOnce(flight);
    if ('retry' in answer) {
      await pause(answer.wait, settings.signal);
      continue;
    }
    if (answer.status >= 200 && answer.status < 300) {
      options.budget?.succeeded(flight.spent);
      return finish(answer, read, flight.observer);
    }
    const { safeToRepeat } = flight;
    const fields = readErrorFields(answer.text, answer.headers);
    const error = errorFromResponse(answer, fields, flight.target, safeToRepeat, options.secrets);
    errorAnswers.set(error, answer);
    // One corrected retry after a clock-skew refusal, outside the retry policy and the budget: the request was fine, our clock was not.
    const skew = !skewCorrected && isClockSkew(fields.code) && correctClock(clock, answer.headers, now());
    const wait = skew ? 0 : answerRetryDelay(answer, fields.code, safeToRepeat, flight.attempt, settings.retry, now());
    const next = decide(flight, error, 'response', wait, answer, skew);
    if (!next.retry) throw next.error;
    flight.lastError = error;
    if (skew) {
      skewCorrected = true;
      flight.attempt -= 1;
    } else await pause(next.wait, settings.signal);
  }
}

/** A call refused before it was built (bad parameters or call options): observed by onError, then thrown. */
async function refuse(
  engine: EngineState,
  op: OperationMeta,
  url: string,
  error: unknown,
  context: unknown,
): Promise<never> {
  if (engine.observing) {
    const observer = new (await engine.observing).CallObserver(
      engine.options.hooks!,
      op,
      url,
      context,
      engine.options.secrets,
    );
    const stage: CallStage =
      error instanceof OpenSearchError && error.kind === 'credentials' ? 'credentials' : 'validation';
    observer.failed(error, stage, {
      retrying: false,
      notRetried: 'not-retryable',
      retryTokens: engine.options.budget?.tokens,
    });
  }
  throw error;
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
      secrets: options.secrets,
    },
    defaults: Object.freeze({
      signal: undefined,
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
      retry: options.retry,
      context: undefined,
    }),
  };
  return {
    send: <T = Answer>(call: OutgoingCall, settings?: Partial<CallSettings>, read?: (a: Answer) => T) =>
      send(engine, call, settings, read),
    refuse: (op: OperationMeta, url: string, error: unknown, context?: unknown) =>
      refuse(engine, op, url, error, context),
  };
}
