// The retry decision after a failed attempt: whether to try again and after how long, with the
// retry policy's wait, the call's deadline and the client's retry budget; the hooks observe it.
// Part of the failure path (failures.ts), loaded with the first failure.
import { OpenSearchError } from '../errors/errors.js';
import type { Answer } from '../shared/call.js';
import { deadlineError } from './classify.js';
import { correctClock, isClockSkew } from './clock.js';
import { errorAnswers } from './errorAnswers.js';
import { errorFromResponse, readErrorFields } from './errorResponse.js';
import type { Flight } from './flight.js';
import type { CallStage, Decision } from './hooks.js';
import { answerRetryDelay, transportRetryDelay } from './retryDecision.js';
import { acquire } from './retrySpending.js';
import { withStory } from './story.js';

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
    const cost = budget && !free ? acquire(budget, (error as OpenSearchError).kind === 'timeout') : 0;
    decision = cost === undefined ? { retrying: false, notRetried: 'budget' } : { retrying: true, delayMs: wait };
    if (cost) flight.spent = cost;
  }
  decision.retryTokens = budget?.tokens;
  if (decision.retrying) flight.waitedMs = (flight.waitedMs ?? 0) + (wait as number);
  else withStory(thrown, flight);
  if (answer) observer?.answered(answer, decision);
  observer?.failed(thrown, thrown === error ? stage : 'deadline', decision);
  return decision.retrying ? { retry: true, wait: wait as number } : { retry: false, error: thrown };
}

/** The deadline ended the call before an attempt could start: observed, and the error to throw. */
export function deadlineBeforeAttempt(flight: Flight): OpenSearchError {
  const { settings, target, observer, engine } = flight;
  const error = deadlineError(target, settings.deadlineMs, flight.lastError, flight.attempt - 1);
  withStory(error, { ...flight, attempt: flight.attempt - 1 });
  observer?.failed(error, 'deadline', {
    retrying: false,
    notRetried: 'deadline',
    retryTokens: engine.options.budget?.tokens,
  });
  return error;
}

const isTimeout = (error: unknown): boolean => error instanceof OpenSearchError && error.code === 'Timeout';

/**
 * An attempt that got no answer (a transport failure, an abort, the deadline): the wait before the
 * next attempt, or the error thrown. The deadline's error replaces a timeout the deadline caused.
 */
export function afterTransportFailure(
  flight: Flight,
  caught: unknown,
  stage: CallStage,
  cutByDeadline: boolean,
): { retry: true; wait: number } {
  const { settings, target, observer, engine } = flight;
  let error = caught;
  const aborted = settings.signal?.aborted === true;
  if (!aborted && cutByDeadline && Number.isFinite(flight.deadline) && isTimeout(error))
    error = deadlineError(target, settings.deadlineMs, error as OpenSearchError, flight.attempt);
  if (aborted || error !== caught) {
    withStory(error, flight);
    const notRetried = aborted ? 'aborted' : 'deadline';
    observer?.failed(error, aborted ? stage : 'deadline', {
      retrying: false,
      notRetried,
      retryTokens: engine.options.budget?.tokens,
    });
    throw error;
  }
  const wait =
    error instanceof OpenSearchError ? transportRetryDelay(error, flight.attempt, settings.retry) : undefined;
  const next = decide(flight, error, stage, wait);
  if (!next.retry) throw next.error;
  flight.lastError = error as OpenSearchError;
  return next;
}

/**
 * An HTTP error answer: its typed error, and whether to try again. One corrected retry follows a
 * clock-skew refusal, outside the retry policy and the budget: the request was fine, our clock was not.
 */
export function afterErrorAnswer(
  flight: Flight,
  answer: Answer,
  skewCorrected: boolean,
): { retry: true; wait: number; skew: boolean } | { retry: false; error: unknown } {
  const { engine, settings, safeToRepeat } = flight;
  const { options, now } = engine;
  const fields = readErrorFields(answer.text, answer.headers);
  const error = errorFromResponse(answer, fields, flight.target, safeToRepeat, options.secrets);
  errorAnswers.set(error, answer);
  const skew = !skewCorrected && isClockSkew(fields.code) && correctClock(options.clock, answer.headers, now());
  const wait = skew ? 0 : answerRetryDelay(answer, fields.code, safeToRepeat, flight.attempt, settings.retry, now());
  if (skew) flight.skews = 1;
  const next = decide(flight, error, 'response', wait, answer, skew);
  if (!next.retry) return next;
  flight.lastError = error;
  return { ...next, skew };
}
