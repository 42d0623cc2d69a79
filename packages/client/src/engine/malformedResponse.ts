// A 2xx answer whose body the client cannot use (not JSON, or without what the spec requires):
// ServerError MalformedResponse, with the start of the raw text and the real URL. Part of the
// failure path (engine/failures.ts).

import { ServerError, safeText } from '../errors/errors.js';
import type { Answer } from '../shared/call.js';

const NOT_BLANK = /\S/;

export function malformedResponse(answer: Answer, method: string, why: string, cause?: unknown): ServerError {
  return new ServerError({
    kind: 'server',
    code: 'MalformedResponse',
    message: `${method} ${new URL(answer.url).pathname} answered HTTP ${answer.status} with a body the client cannot use: ${why}${
      NOT_BLANK.test(answer.text) ? ` (body starts ${safeText(answer.text, 80)})` : ''
    }`,
    status: answer.status,
    requestId: answer.headers.get('x-acs-request-id') ?? undefined,
    body: answer.text,
    retryable: false,
    method,
    url: answer.url,
    cause,
  });
}
