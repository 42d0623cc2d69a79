// The hooks of a call: onAttempt before each request is sent, onResponse for each HTTP answer,
// onError for each failure (an error answer, a transport failure, a credentials failure, or a 2xx
// body the client cannot use), each with whether a retry follows. Events carry the operation, the
// method, the URL and what came back; never a header, so never a credential, token or signature.
// Without hooks nothing here runs. A hook that throws is ignored: observing never changes a call.
import { OpenSearchError, type OpenSearchErrorKind } from '../errors/errors.js';
import type { Answer, OutgoingCall } from './call.js';

/** What every event says about the call. */
export interface CallEvent {
  operationId: string;
  /** x-acs-action. */
  action: string;
  method: string;
  url: string;
  /** The request's number within the call, from 1 (a clock-skew retry counts too). */
  attempt: number;
}

export interface CallResponseEvent extends CallEvent {
  status: number;
  /** x-acs-request-id of the answer. */
  requestId: string | undefined;
  /** From sending to the body read, in ms. */
  durationMs: number;
  /** Whether the client tries again after this answer. */
  retrying: boolean;
}

export interface CallErrorEvent extends CallEvent {
  kind: OpenSearchErrorKind | 'aborted';
  code: string;
  status: number | undefined;
  requestId: string | undefined;
  /** From sending (or from the attempt's start, when nothing was sent) to the failure, in ms. */
  durationMs: number;
  /** Whether the client tries again after this failure. */
  retrying: boolean;
  /** The typed error, or the caller's abort reason. */
  error: unknown;
}

export interface CallHooks {
  onAttempt?: (event: CallEvent) => void;
  onResponse?: (event: CallResponseEvent) => void;
  onError?: (event: CallErrorEvent) => void;
}

function safely<E>(hook: ((event: E) => void) | undefined, event: () => E): void {
  if (!hook) return;
  try {
    hook(event());
  } catch {
    // Observing never changes a call.
  }
}

/** One call's events; made only when the client has hooks. */
export class CallObserver {
  #attempt = 0;
  #started = 0;
  constructor(
    readonly hooks: CallHooks,
    readonly call: OutgoingCall,
  ) {}

  #base(): CallEvent {
    const { op, url } = this.call;
    return { operationId: op.operationId, action: op.action, method: op.method, url, attempt: this.#attempt };
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

  answered(answer: Answer, retrying: boolean): void {
    const durationMs = performance.now() - this.#started;
    const requestId = answer.headers.get('x-acs-request-id') ?? undefined;
    safely(this.hooks.onResponse, () => ({ ...this.#base(), status: answer.status, requestId, durationMs, retrying }));
  }

  failed(error: unknown, retrying: boolean): void {
    const typed = error instanceof OpenSearchError ? error : undefined;
    safely(
      this.hooks.onError,
      (): CallErrorEvent => ({
        ...this.#base(),
        kind: typed?.kind ?? 'aborted',
        code: typed?.code ?? 'Aborted',
        status: typed?.status,
        requestId: typed?.requestId,
        durationMs: performance.now() - this.#started,
        retrying,
        error,
      }),
    );
  }
}
