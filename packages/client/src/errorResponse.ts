// Reads an error response in whatever shape a gateway sends: the service's camelCase JSON,
// the gateway's PascalCase JSON, or an HTML, empty or truncated body.
import { ClientError, OpenSearchError, ServerError, ThrottlingError } from './errors.js';
import { retryAfterMs } from './retryPolicy.js';

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
export function readErrorFields(text: string, headers: Headers): ErrorFields {
  let body: unknown = text;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      // HTML from a gateway, or a truncated body: keep the text.
    }
  }
  return {
    code: field(body, 'code', 'Code'),
    message: field(body, 'message', 'Message'),
    requestId: field(body, 'requestId', 'RequestId') ?? headers.get('x-acs-request-id') ?? undefined,
    body,
  };
}

/** Throttling is HTTP 429 or any code containing "Throttling", whatever the status. */
export function isThrottling(status: number, code: string | undefined): boolean {
  return status === 429 || (code !== undefined && code.includes('Throttling'));
}

/** Whether the client retries this answer: throttling and 5xx, never another 4xx. */
export function isRetryableStatus(status: number, code: string | undefined): boolean {
  if (isThrottling(status, code)) return true;
  if (status >= 500) return true;
  return false;
}

/** Builds the typed error for an HTTP error answer. */
export function errorFromResponse(
  response: { status: number; statusText?: string; headers: Headers },
  fields: ErrorFields,
  request: { method: string; url: string },
): OpenSearchError {
  const { status } = response;
  const code = fields.code ?? `HTTP${status}`;
  const snippet =
    typeof fields.body === 'string' && fields.body.trim() !== ''
      ? ` (non-JSON body: ${JSON.stringify(fields.body.slice(0, 80))}${fields.body.length > 80 ? '…' : ''})`
      : fields.body === '' || fields.body === undefined
        ? ' (empty body)'
        : '';
  const message = `${request.method} ${new URL(request.url).pathname} failed with HTTP ${status} ${code}: ${fields.message ?? response.statusText ?? 'no message'}${snippet}${fields.requestId ? ` [requestId ${fields.requestId}]` : ''}`;
  const init = {
    message,
    code,
    status,
    requestId: fields.requestId,
    body: fields.body,
    method: request.method,
    url: request.url,
  };
  if (isThrottling(status, fields.code)) {
    return new ThrottlingError({ ...init, kind: 'throttling', retryable: true, retryAfterMs: retryAfterMs(response.headers) });
  }
  if (status >= 500) return new ServerError({ ...init, kind: 'server', retryable: true });
  return new ClientError({ ...init, kind: 'client', retryable: false });
}
