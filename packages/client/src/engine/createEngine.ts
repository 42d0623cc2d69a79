// The per-attempt engine behind every call, generated and raw: each attempt is signed afresh (new
// date, nonce and signature) and run (attempt.ts); a failure is retried when the decision allows
// (retryDecision.ts) and the client's retry budget can pay (retryBudget.ts), the clock is corrected
// once from a sane Date (clock.ts), and the call's deadline bounds every attempt and every wait: when
// it ends one, the call fails as DeadlineExceeded. Every failure is a typed error holding no secret.

import type { Answer, CallSettings, OutgoingCall } from '../shared/call.js';
import type { OperationMeta } from '../shared/operationMeta.js';
import { runAttempt } from './attempt.js';
import type { EngineOptions, EngineState, Flight } from './flight.js';
import type { CallStage } from './hooks.js';
import { failures, prefetchFailures } from './lazyFailures.js';
import { recordMetadata } from './metadataStore.js';
import { refill } from './retryBudget.js';

export type { Answer, CallSettings, OutgoingCall } from '../shared/call.js';
export type { EngineOptions } from './flight.js';

/** An attempt's headers: credentials looked up and the request signed, with no promise hop when both are synchronous. */
function signAttempt(options: EngineOptions, call: OutgoingCall, nowMs: number, ms: number, stage: { at: CallStage }) {
  stage.at = 'credentials';
  const provided = options.credentials(ms);
  if ('then' in provided)
    return provided.then((credentials) => {
      stage.at = 'signing';
      return call.sign(credentials, nowMs);
    });
  stage.at = 'signing';
  return call.sign(provided, nowMs);
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
  if (remaining <= 0) throw (await failures(target)).deadlineBeforeAttempt(flight);
  // The attempt's own limit, or what is left of the deadline when that is shorter: then the deadline ends it.
  const cutByDeadline = settings.timeoutMs <= 0 || remaining < settings.timeoutMs;
  const ms = cutByDeadline ? remaining : settings.timeoutMs;
  const { safeToRepeat } = flight;
  const stage: { at: CallStage } = { at: 'credentials' };
  try {
    const signed = signAttempt(options, call, now() + options.clock.offsetMs, ms, stage);
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
    return (await failures(target)).afterTransportFailure(flight, caught, stage.at, cutByDeadline);
  }
}

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
  const { options, now, observing } = engine;
  if (!engine.prefetched) {
    engine.prefetched = true;
    prefetchFailures();
  }
  const settings = given ? { ...engine.defaults, ...given } : engine.defaults;
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
      await pauseOf(engine).then((pause) => pause(answer.wait, settings.signal));
      continue;
    }
    if (answer.status >= 200 && answer.status < 300) {
      if (options.budget) refill(options.budget, flight.spent);
      const { observer } = flight;
      const result = observer ? observer.finish(answer, read, flight) : read ? read(answer) : (answer as T);
      // A body the client cannot use is a rejected promise: its error gets the call's story too.
      return result instanceof Promise
        ? (result.then(
            (body) => recordMetadata(body, answer, flight),
            (error) =>
              failures().then((f) => {
                throw f.withStory(error, flight);
              }),
          ) as T)
        : recordMetadata(result, answer, flight);
    }
    const next = (await failures(flight.target)).afterErrorAnswer(flight, answer, skewCorrected);
    if (!next.retry) throw next.error;
    if (next.skew) {
      skewCorrected = true;
      flight.attempt -= 1;
    } else await pauseOf(engine).then((pause) => pause(next.wait, settings.signal));
  }
}

/** The wait between attempts: the test's, or the failure path's sleep (loaded by then: a retry follows a failure). */
const pauseOf = (engine: EngineState) =>
  engine.pause ? Promise.resolve(engine.pause) : failures().then((f) => f.sleep);

/** A call refused before it was built (bad parameters or call options): observed by onError, then thrown. */
async function refuse(
  engine: EngineState,
  op: OperationMeta,
  url: string,
  error: unknown,
  context: unknown,
): Promise<never> {
  if (engine.observing) (await engine.observing).observeRefusal(engine.options, op, url, error, context);
  throw error;
}

export function createEngine(options: EngineOptions) {
  const engine: EngineState = {
    options,
    now: options.now ?? Date.now,
    pause: options.sleep,
    observing: options.hooks ? import('./hooks.js') : undefined,
    prefetched: false,
    settings: {
      transport: options.transport,
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
