// A call's own options (the second argument of a generated method or paginator; a raw call's init):
// signal, timeoutMs, deadlineMs, retry, headers and context, each checked like the client's option
// of the same name, an unknown one refused by name. They override the client's for that call only.

import { type ResolvedRetry, resolveRetry } from '../engine/retryPolicy.js';
import { assertHeaderValue, checkNumber, MAX_TIMER_MS } from '../errors/checks.js';
import { ValidationError } from '../errors/errors.js';
import type { CallSettings } from '../shared/call.js';
import { NO_CALL_OPTIONS, type ResolvedCallOptions } from '../shared/call.js';
import type { CallOptions } from '../shared/operationTypes.js';

export type { ResolvedCallOptions } from '../shared/call.js';

/** Headers the signer writes itself (or the transport owns): a call may not set them. */
const RESERVED_HEADERS = new Set([
  'host',
  'authorization',
  'content-type',
  'content-length',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
  'x-acs-security-token',
]);

const CALL_OPTION_KEYS = new Set(['signal', 'timeoutMs', 'deadlineMs', 'retry', 'headers', 'context']);

/** A call's own headers, lower-cased and checked: none of the signer's, values without control characters. */
function checkCallHeaders(headers: unknown, field = 'headers'): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (headers === null || typeof headers !== 'object')
    throw new ValidationError(
      field,
      `${field} must be a record of header names to values, Headers or [name, value] pairs`,
    );
  const entries: [string, unknown][] =
    headers instanceof Headers ? [...headers.entries()] : Array.isArray(headers) ? headers : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const [name, value] = Array.isArray(entry) ? entry : [];
    const lower = String(name).toLowerCase();
    const label = `${field}[${JSON.stringify(String(name)).slice(0, 60)}]`;
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(lower))
      throw new ValidationError(label, `${label} is not a valid header name`);
    if (RESERVED_HEADERS.has(lower))
      throw new ValidationError(label, `${label} is set by the client when it signs; a call cannot set it`);
    if (value === undefined || value === null) continue;
    assertHeaderValue(label, String(value));
    out[lower] = String(value);
  }
  return out;
}

/** A call's options (the second argument of a generated method or paginator, a raw call's init), checked like the client's. */
export function resolveCallOptions(given: unknown, base: ResolvedRetry): ResolvedCallOptions {
  if (given === undefined) return NO_CALL_OPTIONS;
  if (given === null || typeof given !== 'object')
    throw new ValidationError(
      'callOptions',
      'call options must be { signal?, timeoutMs?, deadlineMs?, retry?, headers?, context? }',
    );
  const call = given as CallOptions;
  for (const key of Object.keys(call))
    if (!CALL_OPTION_KEYS.has(key))
      throw new ValidationError(
        `callOptions.${key.slice(0, 40)}`,
        `call options have no ${JSON.stringify(key.slice(0, 40))}; they are signal, timeoutMs, deadlineMs, retry, headers and context`,
      );
  const settings: Partial<CallSettings> = {};
  if (call.signal !== undefined) {
    const signal = call.signal as AbortSignal | null;
    if (signal === null || typeof signal !== 'object' || typeof signal.addEventListener !== 'function')
      throw new ValidationError('signal', 'signal must be an AbortSignal');
    settings.signal = signal;
  }
  if (call.timeoutMs !== undefined) settings.timeoutMs = checkNumber('timeoutMs', call.timeoutMs, 0, MAX_TIMER_MS);
  if (call.deadlineMs !== undefined) settings.deadlineMs = checkNumber('deadlineMs', call.deadlineMs, 0, MAX_TIMER_MS);
  if (call.retry !== undefined) settings.retry = resolveRetry(call.retry, base);
  if (call.context !== undefined) settings.context = call.context;
  return { settings, headers: checkCallHeaders(call.headers), context: call.context };
}
