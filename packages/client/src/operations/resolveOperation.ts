// How a request finds its operation: by HTTP method and path template, from the generated
// metadata. Used by the client (generated and raw calls) and by createSigningMiddleware.
import { ValidationError } from '../errors/errors.js';
import { OPERATIONS } from '../generated/metadata.js';
import type { OperationMeta } from '../shared/operationMeta.js';

// Both built on first use, not at import: a module that imports this one (the main entry does) keeps
// no statement that reads every operation, so a bundler can leave OPERATIONS out of a page that
// imports only, say, an error class from the main entry.
let list: readonly OperationMeta[] | undefined;
let byRoute: Map<string, OperationMeta> | undefined;

/** Every operation of the spec. */
export const operationList = (): readonly OperationMeta[] => (list ??= Object.values(OPERATIONS));

/** The operation of a method and path template, or a ValidationError naming both: nothing is signed with a guessed action. */
export function resolveOperation(method: string, path: unknown): OperationMeta {
  byRoute ??= new Map(operationList().map((op) => [`${op.method} ${op.path}`, op]));
  const op = byRoute.get(`${method} ${String(path)}`);
  if (!op) {
    throw new ValidationError(
      'path',
      `No operation in the spec is ${method} ${String(path).slice(0, 200)} (pass a path template)`,
    );
  }
  return op;
}
