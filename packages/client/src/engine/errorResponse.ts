// Reads an error response in whatever shape a gateway sends: the service's camelCase JSON,
// the gateway's PascalCase JSON, or an HTML, empty or truncated body. Every HTTP error answer
// becomes its typed error here, and only here.

import { ClientError, ThrottlingError } from '../errors/answerErrors.js';
import { type OpenSearchError, ServerError, safeText } from '../errors/errors.js';
import { REDACTED, safeOrUndefined, scrubValue } from '../errors/redact.js';
import { SecretSet } from '../errors/secretSet.js';
import type { AnswerHeaders } from '../shared/transport.js';
import { retryAfterMs } from './backoff.js';

export interface ErrorFields {
  code: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
  body: unknown;
}

function field(body: unknown, ...names: string[]): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** Parses an error body leniently: JSON when it is JSON, the text otherwise. */
export function readErrorFields(text: string, headers: AnswerHeaders): ErrorFields {
  let body: unknown = text;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      // HTML from a gateway, a truncated body, or JSON too deep to parse: keep the text.
    }
  }
  // The application API (v3) answers `{ status: 'FAIL', errors: [{ code: 2001, message }], request_id }`.
  const errors = body && typeof body === 'object' ? (body as { errors?: unknown }).errors : undefined;
  const first = Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined) : undefined;
  const firstCode = typeof first?.code === 'number' || typeof first?.code === 'string' ? String(first.code) : undefined;
  return {
    code: field(body, 'code', 'Code') ?? firstCode,
    message: field(body, 'message', 'Message') ?? field(first, 'message'),
    requestId: field(body, 'requestId', 'RequestId', 'request_id') ?? headers.get('x-acs-request-id') ?? undefined,
    body,
  };
}

/** Throttling is HTTP 429 or any code containing "Throttling", whatever the status. */
export function isThrottling(status: number, code: string | undefined): boolean {
  return status === 429 || code?.includes('Throttling') === true;
}

/** Secret-looking pairs only, for a client that knows no secret yet. */
const NO_SECRETS = new SecretSet();

const safeField = (text: string | undefined, secrets: SecretSet) =>
  text === undefined ? undefined : (safeOrUndefined(text, secrets) ?? REDACTED);

/** The fields with every known secret and secret-looking value removed: a server may echo what it was sent. */
function scrubFields(fields: ErrorFields, secrets: SecretSet): ErrorFields {
  return {
    code: safeField(fields.code, secrets),
    message: safeField(fields.message, secrets),
    requestId: safeField(fields.requestId, secrets),
    body: scrubValue(fields.body, secrets),
  };
}

/** Builds the typed error for an HTTP error answer. Server text is cut, escaped and freed of secrets in the message and body. */
export function errorFromResponse(
  response: { status: number; statusText?: string; headers: AnswerHeaders },
  given: ErrorFields,
  request: { method: string; url: string },
  /** Whether repeating the call is safe (the operation is idempotent, or the caller opted in): a 5xx is retryable only then. */
  safeToRepeat = true,
  secrets: SecretSet = NO_SECRETS,
): OpenSearchError {
  const fields = scrubFields(given, secrets);
  const { status } = response;
  const code = safeText(fields.code ?? `HTTP${status}`, 128);
  const snippet =
    typeof fields.body === 'string' && fields.body.trim() !== ''
      ? ` (non-JSON body: ${safeText(fields.body, 80)})`
      : fields.body === '' || fields.body === undefined
        ? ' (empty body)'
        : '';
  const text = safeText(fields.message ?? (safeField(response.statusText, secrets) || 'no message'));
  const requestId = fields.requestId === undefined ? undefined : safeText(fields.requestId, 128);
  const message = `${request.method} ${new URL(request.url).pathname} failed with HTTP ${status} ${code}: ${text}${snippet}${requestId ? ` [requestId ${requestId}]` : ''}`;
  const init = {
    message,
    code,
    // The API's own sentence, as a UI shows it: no method, URL, status or request id.
    detail: text,
    status,
    requestId,
    body: fields.body,
    method: request.method,
    url: request.url,
  };
  if (isThrottling(status, fields.code)) {
    return new ThrottlingError({
      ...init,
      kind: 'throttling',
      retryable: true,
      retryAfterMs: retryAfterMs(response.headers),
    });
  }
  if (status >= 500) return new ServerError({ ...init, kind: 'server', retryable: safeToRepeat });
  return new ClientError({ ...init, kind: 'client', retryable: false });
}
