// The state of an engine and of one call on its way, as types: what createEngine.ts, attempt.ts and
// the failure path (decide.ts, classify.ts) share. Only types live here, so every engine module
// can import it, and none of them imports another to learn a shape.
import type { OpenSearchError } from '../errors/errors.js';
import type { SecretSet } from '../errors/secretSet.js';
import type { CallSettings, ClockState, OutgoingCall, SignedHeaders, Target } from '../shared/call.js';
import type { Credentials } from '../shared/credentials.js';
import type { ResolvedRetry } from '../shared/retryOptions.js';
import type { Transport } from '../shared/transport.js';
import type { CallHooks, CallObserver } from './hooks.js';
import type { RetryBudget } from './retryBudget.js';
import type { CallProgress } from './story.js';

export interface EngineOptions {
  /** The credentials lookup of one attempt, given the attempt's time (credentials.ts). */
  credentials: (withinMs: number) => Credentials | Promise<Credentials>;
  /** What sends each attempt (transport.ts). */
  transport: Transport;
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

/** What every call of one engine shares. */
export interface EngineState {
  options: EngineOptions;
  now: () => number;
  /** The test's wait between attempts; without it, the failure path's abortable sleep. */
  pause: ((ms: number, signal?: AbortSignal | null) => Promise<void>) | undefined;
  /** The hooks' observer, loaded only for a client that has hooks. */
  observing: Promise<typeof import('./hooks.js')> | undefined;
  settings: AttemptSettings;
  defaults: CallSettings;
  /** Whether the failure path has been asked for (on the first call). */
  prefetched: boolean;
}

/** One call on its way: what the retry decision needs between attempts. */
export interface Flight extends CallProgress {
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

export interface AttemptSettings {
  /** What sends the request: fetch, or node:http in Node (transport.ts). */
  transport: Transport;
  maxResponseBytes: number;
  /** The client's secrets, removed from transport failures. */
  secrets: SecretSet | undefined;
}

export interface AttemptInput {
  call: OutgoingCall;
  target: Target;
  headers: SignedHeaders;
  /** The attempt's budget: the per-attempt timeout, cut to what is left of the deadline. */
  ms: number;
  signal: AbortSignal | null | undefined;
  attempt: number;
  /** The attempts this call can really make: 1 when it may not be repeated. */
  maxAttempts: number;
  safeToRepeat: boolean;
}
