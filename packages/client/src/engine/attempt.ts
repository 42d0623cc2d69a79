// One attempt of a call: fetch under the attempt's timer, refuse a redirect, read the body under
// the cap. Any HTTP status comes back as an Answer; a transport failure is thrown typed, and the
// caller's abort is thrown as its own reason.
import type { Answer } from '../shared/call.js';
import type { TransportResponse } from '../shared/transport.js';
import type { AttemptInput, AttemptSettings } from './flight.js';
import { failures } from './lazyFailures.js';
import { readBody } from './readBody.js';
import { startAttemptTimer } from './timeout.js';

/** Whether an answer is a redirect: opaque (browsers), followed (a fetch that ignores `manual`), or 3xx. */
const isRedirect = (response: TransportResponse): boolean =>
  response.type === 'opaqueredirect' || response.redirected || (response.status >= 300 && response.status < 400);

export async function runAttempt(settings: AttemptSettings, input: AttemptInput): Promise<Answer> {
  const { target } = input;
  // Without a time limit the caller's signal (if any) goes to fetch as it is: no controller, no
  // timer; a transport that keeps time (node:http) is given the attempt's time instead.
  const { transport } = settings;
  const timer = Number.isFinite(input.ms) && !transport.timed ? startAttemptTimer(input.ms, input.signal) : undefined;
  let response: TransportResponse | undefined;
  try {
    response = await transport(target.url, {
      method: target.method,
      headers: input.headers,
      body: input.call.body,
      signal: timer ? timer.controller.signal : input.signal,
      ms: input.ms,
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
    throw (await failures(target)).attemptFailure(cause, settings, input, response, timer?.timedOut);
  } finally {
    timer?.clear();
  }
}
