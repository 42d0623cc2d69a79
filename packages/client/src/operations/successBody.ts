// A 2xx answer becomes the operation's camelCase body here: parsed once, normalized when it came
// in PascalCase, and checked against the top level of the spec's schema. Anything the client
// cannot use is one error: ServerError MalformedResponse, with the raw text and the real URL.
import type { Answer } from '../engine/createEngine.js';
import { failures } from '../engine/lazyFailures.js';
import { normalizeCasing } from './normalizeCasing.js';
import type { OperationMeta } from './operationMeta.js';
import { shapeProblem } from './validateParameters.js';

const NOT_BLANK = /\S/;

/** A body the client cannot use: a ServerError MalformedResponse, built by the failure path (loaded now). */
const malformed = (answer: Answer, method: string, why: string, cause?: unknown): Promise<never> =>
  failures({ method, url: answer.url }).then((f) => {
    throw f.malformedResponse(answer, method, why, cause);
  });

/**
 * Parses, normalizes and checks a 2xx body: the body, or (when it cannot be used) a promise that
 * rejects with MalformedResponse.
 */
export function successBody(op: OperationMeta, answer: Answer, method: string): unknown {
  let data: unknown;
  if (answer.status !== 204 && NOT_BLANK.test(answer.text)) {
    try {
      data = normalizeCasing(JSON.parse(answer.text));
    } catch (cause) {
      const why = cause instanceof SyntaxError ? 'not JSON (truncated, or a proxy page?)' : (cause as Error).message;
      return malformed(answer, method, why, cause);
    }
  }
  if (data === undefined && (!op.success || op.success.required.length === 0)) return undefined;
  const problem = shapeProblem(op, data);
  if (problem) return malformed(answer, method, problem);
  return data;
}
