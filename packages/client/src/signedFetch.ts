// The per-attempt engine behind the client: signs every attempt afresh (new date, nonce and
// signature), applies the timeout, retries what is retryable, corrects clock skew, and reads
// the body so that PascalCase answers reach callers in camelCase. openapi-fetch calls it as its
// `fetch`, because its middleware runs once per call and a retry must sign again.
import { sleep } from './abortSignals.js';
import { errorFromResponse, isRetryableStatus, readErrorFields } from './errorResponse.js';
import { NetworkError, OpenSearchError, ServerError, TimeoutError } from './errors.js';
import { normalizeCasing, isPascalCaseBody } from './normalizeCasing.js';
import { backoffDelay, retryAfterMs, type ResolvedRetry } from './retryPolicy.js';
import { signRequest, type Credentials, type SigningCrypto } from './signing/index.js';

/** The clock correction learned from the server, shared by every call of one client. */
export interface ClockState {
  offsetMs: number;
}

export interface SignedFetchOptions {
  credentials: () => Promise<Credentials>;
  action: string;
  version: string;
  /** A fixed fetch; without it `globalThis.fetch` is looked up at every attempt (so MSW installed later still intercepts). */
  fetch?: typeof fetch | undefined;
  timeoutMs: number;
  retry: ResolvedRetry;
  userAgent?: string | undefined;
  clock: ClockState;
  /** The local clock, for tests. */
  now?: () => number;
  nonce?: () => string;
  crypto?: SigningCrypto | undefined;
}

/** The typed error the engine decided on for an error response, for callers that throw. */
export const responseErrors = new WeakMap<Response, OpenSearchError>();

const CLOCK_SKEW = /InvalidTimeStamp|TimeTooSkewed|TimestampExpired|RequestExpired/i;

export function createSignedFetch(options: SignedFetchOptions): (request: Request) => Promise<Response> {
  const now = options.now ?? Date.now;
  return async function signedFetch(request: Request): Promise<Response> {
    const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
    const callerSignal = request.signal;
    const target = { method: request.method, url: request.url };
    let skewCorrected = false;

    for (let attempt = 1; ; attempt++) {
      callerSignal?.throwIfAborted();
      const credentials = await options.credentials();
      const headers = new Headers(request.headers);
      if (options.userAgent) headers.set('user-agent', options.userAgent);
      const signed = await signRequest(
        { method: request.method, url: request.url, headers, body },
        {
          credentials,
          action: options.action,
          version: options.version,
          now: () => now() + options.clock.offsetMs,
          ...(options.nonce ? { nonce: options.nonce } : {}),
          crypto: options.crypto,
        },
      );
      for (const [name, value] of Object.entries(signed.headers)) headers.set(name, value);

      let timedOut = false;
      // One controller per attempt, fed by the caller's signal and the timeout: cheaper than
      // AbortSignal.any on the hot path, and the listener is removed when the attempt ends.
      const attemptAbort = new AbortController();
      const onCallerAbort = () => attemptAbort.abort(callerSignal?.reason);
      callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
      const timer =
        options.timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              attemptAbort.abort(new DOMException(`timed out after ${options.timeoutMs} ms`, 'TimeoutError'));
            }, options.timeoutMs)
          : undefined;
      const fetchImpl = options.fetch ?? globalThis.fetch;

      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(request.url, {
          method: request.method,
          headers,
          body: body as BodyInit | undefined,
          signal: attemptAbort.signal,
          redirect: request.redirect,
        });
        text = await response.text();
      } catch (cause) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        const error = timedOut
          ? new TimeoutError({
              kind: 'timeout',
              message: `${target.method} ${target.url} timed out after ${options.timeoutMs} ms (attempt ${attempt} of ${options.retry.maxAttempts})`,
              retryable: true,
              ...target,
              cause,
            })
          : new NetworkError({
              kind: 'network',
              message: `${target.method} ${target.url} failed before any response (attempt ${attempt} of ${options.retry.maxAttempts}): ${cause instanceof Error ? cause.message : String(cause)}`,
              retryable: true,
              ...target,
              cause,
            });
        if (attempt < options.retry.maxAttempts) {
          await sleep(backoffDelay(attempt, options.retry), callerSignal);
          continue;
        }
        throw error;
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener('abort', onCallerAbort);
      }

      if (response.ok) return readSuccess(response, text, target);

      const fields = readErrorFields(text, response.headers);
      const serverDate = response.headers.get('date');
      if (!skewCorrected && fields.code && CLOCK_SKEW.test(fields.code) && serverDate && !Number.isNaN(Date.parse(serverDate))) {
        // One corrected retry, outside the retry budget: the request was fine, our clock was not.
        options.clock.offsetMs = Date.parse(serverDate) - now();
        skewCorrected = true;
        attempt--;
        continue;
      }
      if (isRetryableStatus(response.status, fields.code) && attempt < options.retry.maxAttempts) {
        const asked = retryAfterMs(response.headers, now());
        if (asked === undefined || asked <= options.retry.maxRetryAfterMs) {
          await sleep(asked ?? backoffDelay(attempt, options.retry), callerSignal);
          continue;
        }
      }
      const rebuilt = rebuild(response, text);
      responseErrors.set(rebuilt, errorFromResponse(response, fields, target));
      return rebuilt;
    }
  };
}

/** A 2xx body that is not JSON (a truncated body, an HTML page from a proxy). */
export function malformedResponse(
  status: number,
  requestId: string | undefined,
  text: string,
  target: { method: string; url: string },
  cause?: unknown,
): ServerError {
  return new ServerError({
    kind: 'server',
    code: 'MalformedResponse',
    message: `${target.method} ${decodeURI(new URL(target.url).pathname)} answered HTTP ${status} with a body that is not valid JSON (truncated, or an HTML page from a proxy?): ${JSON.stringify(text.slice(0, 80))}`,
    status,
    requestId,
    body: text,
    retryable: false,
    ...target,
    cause,
  });
}

/**
 * Rejects a 2xx body that cannot be JSON and rewrites a PascalCase body in camelCase. A camelCase
 * body is not parsed here: openapi-fetch parses it once (and a SyntaxError there becomes a
 * MalformedResponse in the client's methods).
 */
function readSuccess(response: Response, text: string, target: { method: string; url: string }): Response {
  const trimmed = text.trim();
  if (trimmed === '') return rebuild(response, text);
  const requestId = response.headers.get('x-acs-request-id') ?? undefined;
  const balanced = (trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'));
  if (!balanced) throw malformedResponse(response.status, requestId, text, target);
  if (!text.includes('"RequestId"') && !text.includes('"Result"')) return rebuild(response, text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw malformedResponse(response.status, requestId, text, target, cause);
  }
  return rebuild(response, isPascalCaseBody(parsed) ? JSON.stringify(normalizeCasing(parsed)) : text);
}

/** A fresh Response around a body that has already been read. */
function rebuild(response: Response, text: string): Response {
  const headers = new Headers(response.headers);
  // The text is decoded, and may have been rewritten: the original length and encoding no longer apply.
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(response.status === 204 || response.status === 304 ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
