// The hooks of a call: onAttempt before each request is sent, onResponse for each HTTP answer,
// onError for each failure (a call rejected before it was built, a credentials or signing failure,
// an error answer, a transport failure, the deadline, or a 2xx body the client cannot use), each
// with whether a retry follows and after how long. Every event carries the call's `callId` (shared
// by its attempts, unique per call) and the caller's `context` (trace context, say). Events carry the
// operation, the method, the URL and what came back; never a header, so never a credential, token
// or signature. Without hooks nothing here runs. A hook that throws is ignored: observing never
// changes a call.
import { OpenSearchError, type OpenSearchErrorKind } from '../errors/errors.js';
import { scrub } from '../errors/redact.js';
import type { SecretSet } from '../errors/secretSet.js';
import type { Answer } from '../shared/call.js';
import type { OperationMeta } from '../shared/operationMeta.js';
import { type CallProgress, withStory } from './story.js';

/** Where in a call a failure happened. */
export type CallStage =
  /** The parameters or the call options were refused: nothing was built or sent. */
  | 'validation'
  /** The credentials source failed or gave unusable credentials: nothing was sent. */
  | 'credentials'
  /** The request could not be signed: nothing was sent. */
  | 'signing'
  /** No usable HTTP answer: a timeout, a network failure, a refused redirect, a body over the cap. */
  | 'sending'
  /** An HTTP error answer, or a 2xx body the client cannot use. */
  | 'response'
  /** The call's deadline ended it, before or during an attempt, or instead of a wait. */
  | 'deadline';

/** Why a failure is not retried. */
export type NotRetriedReason = 'not-retryable' | 'max-attempts' | 'deadline' | 'budget' | 'aborted';

/** What every event says about the call. */
export interface CallEvent {
  /** Unique per call (every attempt of one call shares it): the key to match events by, under any concurrency. */
  callId: string;
  /** The `context` the call was given (per-call option), as it was: trace context to parent spans on. */
  context: unknown;
  operationId: string;
  /** x-acs-action. */
  action: string;
  method: string;
  /** The URL as sent; for a call refused before it was built, the operation's path template under the base URL. */
  url: string;
  /** The request's number within the call, from 1 (a clock-skew retry counts too); 0 for a call refused before its first attempt. */
  attempt: number;
}

/** What follows a failure or an error answer. */
interface RetryOutcome {
  /** Whether the client tries again after this answer or failure. */
  retrying: boolean;
  /** The delay planned before the next attempt, in ms, when `retrying`. */
  delayMs: number | undefined;
  /** Why there is no retry, when there is none after a failure. */
  notRetried: NotRetriedReason | undefined;
  /** The tokens left in the client's retry budget after this decision (undefined without a budget). */
  retryTokens: number | undefined;
}

export interface CallResponseEvent extends CallEvent, RetryOutcome {
  status: number;
  /** x-acs-request-id of the answer. */
  requestId: string | undefined;
  /** From sending to the body read, in ms. */
  durationMs: number;
}

export interface CallErrorEvent extends CallEvent, RetryOutcome {
  kind: OpenSearchErrorKind | 'aborted';
  code: string;
  /** Where the call failed. */
  stage: CallStage;
  status: number | undefined;
  requestId: string | undefined;
  /** From sending (or from the attempt's start, when nothing was sent) to the failure, in ms. */
  durationMs: number;
  /** The typed error, or the caller's abort reason. */
  error: unknown;
}

export interface CallHooks {
  onAttempt?: (event: CallEvent) => void;
  onResponse?: (event: CallResponseEvent) => void;
  onError?: (event: CallErrorEvent) => void;
}

/** The decision after a failure, as the engine made it. */
export interface Decision {
  retrying: boolean;
  delayMs?: number | undefined;
  notRetried?: NotRetriedReason | undefined;
  retryTokens?: number | undefined;
}

function safely<E>(hook: ((event: E) => void) | undefined, event: () => E): void {
  if (!hook) return;
  try {
    hook(event());
  } catch {
    // Observing never changes a call.
  }
}

const PREFIX = Math.floor(Math.random() * 36 ** 6)
  .toString(36)
  .padStart(6, '0');
let sequence = 0;
/** A call id: unique in this process (a random prefix, then a counter), cheap, and safe to log. */
const nextCallId = (): string => `${PREFIX}-${(++sequence).toString(36)}`;

function outcome(decision: Decision): RetryOutcome {
  return {
    retrying: decision.retrying,
    delayMs: decision.retrying ? decision.delayMs : undefined,
    notRetried: decision.retrying ? undefined : decision.notRetried,
    retryTokens: decision.retryTokens,
  };
}

/** One call's events; made only when the client has hooks. */
export class CallObserver {
  readonly callId = nextCallId();
  #attempt = 0;
  #started = performance.now();
  constructor(
    readonly hooks: CallHooks,
    readonly op: OperationMeta,
    readonly url: string,
    readonly context: unknown,
    readonly secrets: SecretSet | undefined,
  ) {}

  #base(): CallEvent {
    const { op } = this;
    return {
      callId: this.callId,
      context: this.context,
      operationId: op.operationId,
      action: op.action,
      method: op.method,
      url: this.url,
      attempt: this.#attempt,
    };
  }

  /** A new attempt starts (before credentials and signing). */
  start(): void {
    this.#attempt += 1;
    this.#started = performance.now();
  }

  /** The request is about to be sent. */
  sending(): void {
    this.#started = performance.now();
    safely(this.hooks.onAttempt, () => this.#base());
  }

  #requestId(value: string | null | undefined): string | undefined {
    if (value === null || value === undefined) return undefined;
    return this.secrets && this.secrets.size > 0 ? scrub(this.secrets, value) : value;
  }

  answered(answer: Answer, decision: Decision): void {
    const durationMs = performance.now() - this.#started;
    const requestId = this.#requestId(answer.headers.get('x-acs-request-id'));
    safely(this.hooks.onResponse, () => ({
      ...this.#base(),
      status: answer.status,
      requestId,
      durationMs,
      ...outcome(decision),
    }));
  }

  /**
   * A 2xx answer read into the call's result (`read`), observed: the answer, and a body the client
   * cannot use (a failure at the response stage, `told` the call's story first).
   */
  finish<T>(answer: Answer, read: ((a: Answer) => T) | undefined, progress: CallProgress): T {
    this.answered(answer, { retrying: false });
    const fail = (error: unknown): never => {
      this.failed(withStory(error, progress), 'response', { retrying: false, notRetried: 'not-retryable' });
      throw error;
    };
    try {
      const result = read ? read(answer) : (answer as T);
      // A body the client cannot use comes back as a rejected promise (its error is built by the failure path).
      return result instanceof Promise ? (result.catch(fail) as T) : result;
    } catch (error) {
      return fail(error);
    }
  }

  failed(error: unknown, stage: CallStage, decision: Decision): void {
    const typed = error instanceof OpenSearchError ? error : undefined;
    safely(
      this.hooks.onError,
      (): CallErrorEvent => ({
        ...this.#base(),
        kind: typed?.kind ?? 'aborted',
        code: typed?.code ?? 'Aborted',
        stage,
        status: typed?.status,
        requestId: typed?.requestId,
        durationMs: performance.now() - this.#started,
        ...outcome(decision),
        error,
      }),
    );
  }
}

/** A call refused before it was built (bad parameters or call options, or credentials): onError sees it. */
export function observeRefusal(
  options: { hooks?: CallHooks | undefined; secrets?: SecretSet | undefined; budget?: { tokens: number } | undefined },
  op: OperationMeta,
  url: string,
  error: unknown,
  context: unknown,
): void {
  const observer = new CallObserver(options.hooks!, op, url, context, options.secrets);
  const stage: CallStage =
    error instanceof OpenSearchError && error.kind === 'credentials' ? 'credentials' : 'validation';
  observer.failed(error, stage, { retrying: false, notRetried: 'not-retryable', retryTokens: options.budget?.tokens });
}
