// The shapes one call takes through the engine: what goes in (OutgoingCall), what a 2xx gives back
// (Answer), and the clock correction every call of a client shares.

import type { Credentials } from './credentials.js';
import type { OperationMeta } from './operationMeta.js';
import type { ResolvedRetry } from './retryOptions.js';
import type { AnswerHeaders } from './transport.js';

/** The headers of one signed attempt, ready to send. */
export type SignedHeaders = Record<string, string>;

/** One call, ready to send: everything but the signature, which each attempt makes afresh. */
export interface OutgoingCall {
  /** The operation the request matched; its method is the request's. */
  op: OperationMeta;
  url: string;
  body?: string | Uint8Array | undefined;
  /** Every header to send for one attempt, signed afresh: the unsigned ones (accept, user-agent, the caller's) included. */
  sign: (credentials: Credentials, nowMs: number) => SignedHeaders | Promise<SignedHeaders>;
}

/** An HTTP answer, its body read. */
export interface Answer {
  status: number;
  statusText: string;
  headers: AnswerHeaders;
  text: string;
  url: string;
}

/** The clock correction learned from the server, shared by every call of one client. */
export interface ClockState {
  offsetMs: number;
}

/** The method and URL of a call: what its errors may say about it (never its headers). */
export interface Target {
  method: string;
  url: string;
}

/** What one call runs under: the client's settings, or the call's own where it gave them. */
export interface CallSettings {
  /** Aborts the call, including any wait between retries. */
  signal: AbortSignal | null | undefined;
  /** Per-attempt limit in ms; 0: none. */
  timeoutMs: number;
  /** Bound on the whole call in ms; 0: none. */
  deadlineMs: number;
  retry: ResolvedRetry;
  /** Handed back, as it is, in every hook event of the call. */
  context: unknown;
}

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
