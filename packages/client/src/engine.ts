// The per-attempt engine behind every call: signs each attempt afresh (new date, nonce and
// signature), applies the attempt timeout and the call's deadline, never follows a redirect, caps
// the body, retries what is safe to retry for the operation, corrects clock skew from a sane Date,
// and turns every failure into a typed error. Generated methods and raw openapi-fetch calls both
// run through `send`.
import { sleep } from './abortSignals.js';
import { errorFromResponse, isThrottling, readErrorFields } from './errorResponse.js';
import { NetworkError, type OpenSearchError, ServerError, safeText, TimeoutError } from './errors.js';
import type { OperationMeta } from './operationMeta.js';
import { BodyTooLarge, readBody } from './readBody.js';
import { backoffDelay, type ResolvedRetry, retryAfterMs } from './retryPolicy.js';
import type { SignedHeaders } from './signing/leanSigner.js';
import type { Credentials } from './signing/signRequest.js';

/** The clock correction learned from the server, shared by every call of one client. */
export interface ClockState {
  offsetMs: number;
}

/** The largest clock correction the client accepts from a Date header (the API itself allows 15 minutes). */
const MAX_CLOCK_OFFSET_MS = 24 * 60 * 60 * 1000;

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
}

/** One call, ready to send: everything but the signature, which each attempt makes afresh. */
export interface OutgoingCall {
  /** The operation the request matched; its method is the request's. */
  op: OperationMeta;
  url: string;
  body?: string | Uint8Array | undefined;
  /** Every header to send for one attempt, signed afresh: the unsigned ones (accept, user-agent, the caller's) included. */
  sign: (credentials: Credentials, nowMs: number) => SignedHeaders | Promise<SignedHeaders>;
}

/** A 2xx answer, read. */
export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  url: string;
}

/** The HTTP answer behind an error, for raw calls, which hand error answers back as openapi-fetch does. */
export const errorAnswers = new WeakMap<OpenSearchError, Answer>();

const CLOCK_SKEW = /InvalidTimeStamp|TimeTooSkewed|TimestampExpired|RequestExpired/i;

function locationOrigin(location: string | null, base: string): string {
  if (!location) return 'no Location';
  try {
    return new URL(location, base).origin;
  } catch {
    return 'an invalid Location';
  }
}

export function createEngine(options: EngineOptions) {
  const now = options.now ?? Date.now;
  const { retry, clock } = options;

  /** Sends a call until it succeeds or fails for good; `read` turns the 2xx answer into the result. */
  async function send<T = Answer>(
    call: OutgoingCall,
    signal?: AbortSignal | null,
    read?: (answer: Answer) => T,
  ): Promise<T> {
    const { url } = call;
    const { method } = call.op;
    const target = { method, url };
    const safeToRepeat = call.op.idempotent || retry.methods.has(method);
    const deadline = options.deadlineMs > 0 ? now() + options.deadlineMs : Number.POSITIVE_INFINITY;
    let skewCorrected = false;
    let lastError: OpenSearchError | undefined;

    /** Waits before the next attempt, or gives up when the wait would cross the deadline. */
    const waitOrGiveUp = async (ms: number, error: OpenSearchError): Promise<void> => {
      if (now() + ms >= deadline) throw error;
      await sleep(ms, signal);
    };

    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const remaining = deadline - now();
      if (remaining <= 0) {
        throw new TimeoutError({
          kind: 'timeout',
          code: 'DeadlineExceeded',
          message: `${method} ${url} did not complete within deadlineMs (${options.deadlineMs} ms)`,
          retryable: false,
          ...target,
          cause: lastError,
        });
      }
      const provided = options.credentials();
      const credentials = 'then' in provided ? await provided : provided;
      const signed = call.sign(credentials, now() + clock.offsetMs);
      const headers = 'then' in signed ? await signed : signed;

      const attemptMs = options.timeoutMs > 0 ? Math.min(options.timeoutMs, remaining) : remaining;
      const abort = new AbortController();
      let timedOut = false;
      const onCallerAbort = () => abort.abort(signal?.reason);
      signal?.addEventListener('abort', onCallerAbort, { once: true });
      const timer = Number.isFinite(attemptMs)
        ? setTimeout(() => {
            timedOut = true;
            abort.abort(new DOMException(`timed out after ${attemptMs} ms`, 'TimeoutError'));
          }, attemptMs)
        : undefined;
      const fetchImpl = options.fetch ?? globalThis.fetch;

      let response: Response | undefined;
      let text: string;
      try {
        response = await fetchImpl(url, {
          method,
          headers,
          body: call.body as BodyInit | undefined,
          signal: abort.signal,
          redirect: 'manual',
        });
        if (
          response.type === 'opaqueredirect' ||
          response.redirected ||
          (response.status >= 300 && response.status < 400)
        ) {
          const location = response.headers.get('location');
          await response.body?.cancel().catch(() => {});
          throw new ServerError({
            kind: 'server',
            code: 'UnexpectedRedirect',
            message: `${method} ${url} answered a redirect (HTTP ${response.status || 'opaque'} to ${locationOrigin(location, url)}), which the client never follows`,
            status: response.status || undefined,
            retryable: false,
            ...target,
          });
        }
        text = await readBody(response, options.maxResponseBytes);
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if ((cause as OpenSearchError)?.code === 'UnexpectedRedirect') throw cause;
        if (cause instanceof BodyTooLarge) {
          throw new ServerError({
            kind: 'server',
            code: 'ResponseTooLarge',
            message: `${method} ${url} answered HTTP ${response?.status} with a body over maxResponseBytes (${options.maxResponseBytes})`,
            status: response?.status,
            requestId: response?.headers.get('x-acs-request-id') ?? undefined,
            retryable: false,
            ...target,
          });
        }
        const stage = response ? 'while reading the response' : 'before any response';
        const counted = `(attempt ${attempt} of ${retry.maxAttempts})`;
        const error = timedOut
          ? new TimeoutError({
              kind: 'timeout',
              message: `${method} ${url} timed out after ${attemptMs} ms ${stage} ${counted}`,
              retryable: safeToRepeat,
              status: response?.status,
              ...target,
              cause,
            })
          : new NetworkError({
              kind: 'network',
              message: `${method} ${url} failed ${stage} ${counted}: ${safeText(cause instanceof Error ? cause.message : String(cause), 200)}`,
              retryable: safeToRepeat,
              status: response?.status,
              ...target,
              cause,
            });
        if (safeToRepeat && attempt < retry.maxAttempts) {
          lastError = error;
          await waitOrGiveUp(backoffDelay(attempt, retry), error);
          continue;
        }
        throw error;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onCallerAbort);
      }

      const answer: Answer = {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        text,
        url,
      };
      if (response.ok) return read ? read(answer) : (answer as T);

      const fields = readErrorFields(text, response.headers);
      const error = errorFromResponse(response, fields, target, safeToRepeat);
      errorAnswers.set(error, answer);
      if (!skewCorrected && fields.code && CLOCK_SKEW.test(fields.code)) {
        const serverTime = Date.parse(response.headers.get('date') ?? '');
        const offset = serverTime - now();
        if (Number.isFinite(offset) && Math.abs(offset) <= MAX_CLOCK_OFFSET_MS) {
          // One corrected retry, outside the retry budget: the request was fine, our clock was not.
          clock.offsetMs = offset;
          skewCorrected = true;
          attempt--;
          continue;
        }
      }
      const retryable = isThrottling(response.status, fields.code) || (safeToRepeat && response.status >= 500);
      if (retryable && attempt < retry.maxAttempts) {
        const asked = retryAfterMs(response.headers, now());
        if (asked === undefined || asked <= retry.maxRetryAfterMs) {
          lastError = error;
          await waitOrGiveUp(asked ?? backoffDelay(attempt, retry), error);
          continue;
        }
      }
      throw error;
    }
  }

  return { send };
}
