// A 2xx answer becomes the operation's camelCase body here: parsed once, normalized when it came
// in PascalCase (by the failure path's module, loaded on the first such answer), and checked
// against the top level of the spec's schema. Anything the client
// cannot use is one error: ServerError MalformedResponse, with the raw text and the real URL.
import type { Answer } from '../engine/createEngine.js';
import { failures } from '../engine/lazyFailures.js';
import { isPascalCaseBody } from '../engine/pascalCase.js';
import type { OperationMeta } from '../shared/operationMeta.js';
import { shapeProblem } from './validateParameters.js';

const NOT_BLANK = /\S/;

/** A body the client cannot use: a ServerError MalformedResponse, built by the failure path (loaded now). */
const malformed = (answer: Answer, method: string, why: string, cause?: unknown): Promise<never> =>
  failures({ method, url: answer.url }).then((f) => {
    throw f.malformedResponse(answer, method, why, cause);
  });

/** A parsed 2xx body, checked against the top level of the spec's schema. */
function checked(op: OperationMeta, answer: Answer, method: string, data: unknown): unknown {
  if (data === undefined && (!op.success || op.success.required.length === 0)) return undefined;
  const problem = shapeProblem(op, data);
  return problem ? malformed(answer, method, problem) : data;
}

/**
 * Parses, normalizes and checks a 2xx body: the body, or a promise of it when it came in PascalCase
 * (the conversion loads with the failure path), or a promise that rejects with MalformedResponse.
 */
export function successBody(op: OperationMeta, answer: Answer, method: string): unknown {
  if (answer.status === 204 || !NOT_BLANK.test(answer.text)) return checked(op, answer, method, undefined);
  let data: unknown;
  try {
    data = JSON.parse(answer.text);
  } catch (cause) {
    return malformed(answer, method, 'not JSON (truncated, or a proxy page?)', cause);
  }
  if (!isPascalCaseBody(data)) return checked(op, answer, method, data);
  return failures({ method, url: answer.url }).then((f) => {
    let camel: unknown;
    try {
      camel = f.normalizeCasing(data);
    } catch (cause) {
      return malformed(answer, method, (cause as Error).message, cause);
    }
    return checked(op, answer, method, camel);
  });
}
