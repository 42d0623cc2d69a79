// How a request finds its operation: by HTTP method and path template, from the generated
// metadata. Used by the client (generated and raw calls) and by createSigningMiddleware.
import { ValidationError } from '../errors/errors.js';
import { OPERATIONS } from '../generated/metadata.js';
import type { OperationMeta } from './operationMeta.js';

export const OPERATION_LIST = Object.values(OPERATIONS) as readonly OperationMeta[];
const BY_ROUTE = new Map(OPERATION_LIST.map((op) => [`${op.method} ${op.path}`, op]));

/** The operation of a method and path template, or a ValidationError naming both: nothing is signed with a guessed action. */
export function resolveOperation(method: string, path: unknown): OperationMeta {
  const op = BY_ROUTE.get(`${method} ${String(path)}`);
  if (!op) {
    throw new ValidationError(
      'path',
      `No operation in the spec is ${method} ${String(path).slice(0, 200)} (pass a path template)`,
    );
  }
  return op;
}
