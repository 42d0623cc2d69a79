// One attempt of a call: fetch under the attempt's timer, refuse a redirect, read the body under
// the cap. Any HTTP status comes back as an Answer; a transport failure is thrown typed, and the
// caller's abort is thrown as its own reason.
import { ServerError } from '../errors/errors.js';
import type { SecretSet } from '../errors/secretSet.js';
import type { SignedHeaders } from '../signing/leanSigner.js';
import type { Answer, OutgoingCall, Target } from './call.js';
import { failures } from './lazyFailures.js';
import { BodyTooLarge, readBody } from './readBody.js';
import { AttemptTimer } from './timeout.js';

export interface AttemptSettings {
  /** A fixed fetch; without it `globalThis.fetch` is looked up at every attempt (so MSW installed later still intercepts). */
  fetch: typeof fetch | undefined;
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

/** Whether an answer is a redirect: opaque (browsers), followed (a fetch that ignores `manual`), or 3xx. */
const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' || response.redirected || (response.status >= 300 && response.status < 400);

export async function runAttempt(settings: AttemptSettings, input: AttemptInput): Promise<Answer> {
  const { target } = input;
  // Without a time limit the caller's signal (if any) goes to fetch as it is: no controller, no timer.
  const timer = Number.isFinite(input.ms) ? new AttemptTimer(input.ms, input.signal) : undefined;
  let response: Response | undefined;
  try {
    response = await (settings.fetch ?? globalThis.fetch)(target.url, {
      method: target.method,
      headers: input.headers,
      body: input.call.body as BodyInit | undefined,
      signal: timer ? timer.controller.signal : input.signal,
      redirect: 'manual',
    });
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => {});
      throw (await failures(target)).redirectError(response, target);
    }
    const text = await readBody(response, settings.maxResponseBytes);
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text,
      url: target.url,
    };
  } catch (cause) {
    if (input.signal?.aborted) throw input.signal.reason;
    // A redirect refused above (or a typed error from a custom fetch) goes out as it is.
    if (cause instanceof ServerError) throw cause;
    const { tooLargeError, transportError } = await failures(target);
    if (input.signal?.aborted) throw input.signal.reason;
    if (cause instanceof BodyTooLarge) throw tooLargeError(response!, target, settings.maxResponseBytes);
    const failure = {
      cause,
      timedOut: timer?.timedOut === true,
      attemptMs: input.ms,
      response,
      attempt: input.attempt,
    };
    throw transportError(
      { ...failure, maxAttempts: input.maxAttempts, safeToRepeat: input.safeToRepeat },
      target,
      settings.secrets,
    );
  } finally {
    timer?.clear();
  }
}
