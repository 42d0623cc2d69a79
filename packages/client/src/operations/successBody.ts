// A 2xx answer becomes the operation's camelCase body here: parsed once, normalized when it came
// in PascalCase, and checked against the top level of the spec's schema. Anything the client
// cannot use is one error: ServerError MalformedResponse, with the raw text and the real URL.
import type { Answer } from '../engine/createEngine.js';
import { ServerError, safeText } from '../errors/errors.js';
import { normalizeCasing } from './normalizeCasing.js';
import type { OperationMeta } from './operationMeta.js';
import { shapeProblem } from './validateParameters.js';

const NOT_BLANK = /\S/;

function malformedResponse(answer: Answer, method: string, why: string, cause?: unknown): ServerError {
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

/** Parses, normalizes and checks a 2xx body. */
export function successBody(op: OperationMeta, answer: Answer, method: string): unknown {
  let data: unknown;
  if (answer.status !== 204 && NOT_BLANK.test(answer.text)) {
    try {
      data = normalizeCasing(JSON.parse(answer.text));
    } catch (cause) {
      const why = cause instanceof SyntaxError ? 'not JSON (truncated, or a proxy page?)' : (cause as Error).message;
      throw malformedResponse(answer, method, why, cause);
    }
  }
  if (data === undefined && (!op.success || op.success.required.length === 0)) return undefined;
  const problem = shapeProblem(op, data);
  if (problem) throw malformedResponse(answer, method, problem);
  return data;
}
