// What a failed attempt was, as a typed error: a redirect (never followed), a body over the cap, a
// timeout or a network failure. HTTP error answers are classified in errors/errorResponse.ts.
import { TimeoutError } from '../errors/answerErrors.js';
import { NetworkError, type OpenSearchError, ServerError, safeText } from '../errors/errors.js';
import { needsRedaction, redactError } from '../errors/redact.js';
import type { SecretSet } from '../errors/secretSet.js';
import type { Target } from '../shared/call.js';
import type { TransportResponse } from '../shared/transport.js';
import type { AttemptInput, AttemptSettings } from './flight.js';
import { BodyTooLarge } from './readBody.js';

/** Where a redirect pointed: its origin only, never its path or query. */
function locationOrigin(location: string | null, base: string): string {
  if (!location) return 'no Location';
  try {
    return new URL(location, base).origin;
  } catch {
    return 'an invalid Location';
  }
}

export function redirectError(response: TransportResponse, target: Target): ServerError {
  const to = locationOrigin(response.headers.get('location'), target.url);
  return new ServerError({
    kind: 'server',
    code: 'UnexpectedRedirect',
    message: `${target.method} ${target.url} answered a redirect (HTTP ${response.status || 'opaque'} to ${to}), which the client never follows`,
    status: response.status || undefined,
    retryable: false,
    ...target,
  });
}

function tooLargeError(response: TransportResponse, target: Target, maxBytes: number): ServerError {
  return new ServerError({
    kind: 'server',
    code: 'ResponseTooLarge',
    message: `${target.method} ${target.url} answered HTTP ${response.status} with a body over maxResponseBytes (${maxBytes})`,
    status: response.status,
    requestId: response.headers.get('x-acs-request-id') ?? undefined,
    retryable: false,
    ...target,
  });
}

/** How far an attempt got when it failed, for the message. */
interface TransportFailure {
  cause: unknown;
  timedOut: boolean;
  attemptMs: number;
  response: TransportResponse | undefined;
  attempt: number;
  maxAttempts: number;
  /** Whether the call may be sent again (the operation is idempotent, or the caller opted in). */
  safeToRepeat: boolean;
}

/** A timeout or a network failure, before or while reading the answer; retryable when repeating is safe. */
function transportError(failure: TransportFailure, target: Target, secrets?: SecretSet): OpenSearchError {
  const { response } = failure;
  // A custom fetch's error may quote what it was given: a cause that shows a secret is replaced by a safe copy.
  const cause = secrets && needsRedaction(failure.cause, secrets) ? redactError(failure.cause, secrets) : failure.cause;
  const stage = response ? 'while reading the response' : 'before any response';
  const counted = `(attempt ${failure.attempt} of ${failure.maxAttempts})`;
  const init = { retryable: failure.safeToRepeat, status: response?.status, ...target, cause };
  if (failure.timedOut)
    return new TimeoutError({
      ...init,
      kind: 'timeout',
      message: `${target.method} ${target.url} timed out after ${failure.attemptMs} ms ${stage} ${counted}`,
    });
  const why = safeText(cause instanceof Error ? cause.message : String(cause), 200);
  return new NetworkError({
    ...init,
    kind: 'network',
    message: `${target.method} ${target.url} failed ${stage} ${counted}: ${why}`,
  });
}

/**
 * The call's deadline ended it: before an attempt could start, during an attempt, or instead of a
 * wait before the next one. Never retryable: the call's time is spent. `cause` is the last failure.
 */
export function deadlineError(
  target: Target,
  deadlineMs: number,
  lastError: OpenSearchError | undefined,
  attempts: number,
): TimeoutError {
  const made = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  return new TimeoutError({
    kind: 'timeout',
    code: 'DeadlineExceeded',
    message: `${target.method} ${target.url} did not complete within deadlineMs (${deadlineMs} ms) after ${made}`,
    retryable: false,
    ...target,
    cause: lastError,
  });
}

/**
 * What a failed attempt throws (attempt.ts): the caller's abort reason; a typed error as it is (a
 * refused redirect, a custom fetch's own); ResponseTooLarge for a body over the cap; else a timeout
 * or a network failure.
 */
export function attemptFailure(
  cause: unknown,
  settings: AttemptSettings,
  input: AttemptInput,
  response: TransportResponse | undefined,
  /** Whether the engine's timer ended the attempt; undefined when the transport kept the time (its TimeoutError says so). */
  timedOut: boolean | undefined,
): unknown {
  const { target } = input;
  if (input.signal?.aborted) return input.signal.reason;
  if (cause instanceof ServerError) return cause;
  if (cause instanceof BodyTooLarge) return tooLargeError(response!, target, settings.maxResponseBytes);
  return transportError(
    {
      cause,
      timedOut: timedOut ?? (cause as Error | undefined)?.name === 'TimeoutError',
      attemptMs: input.ms,
      response,
      attempt: input.attempt,
      maxAttempts: input.maxAttempts,
      safeToRepeat: input.safeToRepeat,
    },
    target,
    settings.secrets,
  );
}
