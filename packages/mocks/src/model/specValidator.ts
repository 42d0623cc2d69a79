// Request and response validation for each operation, on the spec's own schemas, with the
// repository's one validator (createSpecValidator of the OpenAPI reader). Validators are compiled
// once per operation, on first use, never per request.
import { createSpecValidator, describeErrors, type OpenApiOperation } from '@acs-opensearch/openapi-reader';
import type { OpenApiDocument, OpenApiOperation as PublicOperation } from '../publicTypes.js';

export interface Violation {
  /** Where: `pageSize`, `appGroupIdentity`, `body.name`... */
  parameter: string;
  message: string;
}

export interface OperationValidator {
  /** Validates (and coerces, for query/path/header strings) the request's parameters. */
  validateParameters(input: {
    path: Record<string, string>;
    query: Record<string, string>;
    header: Record<string, string>;
  }): { values: Record<string, unknown>; violations: Violation[] };
  validateBody(body: unknown): Violation[];
  /** Validates a response body against the schema of its status; no schema means nothing to check. */
  validateResponse(status: number, body: unknown): Violation[];
}

type SpecValidator = ReturnType<typeof createSpecValidator>;
type Check = ReturnType<SpecValidator['compile']>;

/** A check compiled on its first call, then kept. */
function lazyCheck(compile: () => Check): () => Check {
  let check: Check | undefined;
  return () => (check ??= compile());
}

/** The parameters of one location as one object schema (header names lower-cased). */
function locationSchema(operation: OpenApiOperation, location: 'path' | 'query' | 'header') {
  const params = operation.parameters.filter((p) => p.in === location);
  const key = (name: string) => (location === 'header' ? name.toLowerCase() : name);
  const schema = {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema])),
    required: params.filter((p) => p.required).map((p) => key(p.name)),
  };
  return { location, params, schema };
}

/** A `content: application/json` parameter holds JSON text: it is parsed before it is validated. */
function parseJsonParameters(
  params: OpenApiOperation['parameters'],
  data: Record<string, unknown>,
  violations: Violation[],
) {
  for (const p of params) {
    if (!p.json || typeof data[p.name] !== 'string') continue;
    try {
      data[p.name] = JSON.parse(data[p.name] as string);
    } catch {
      violations.push({ parameter: p.name, message: `${p.name} must be JSON text` });
      delete data[p.name];
    }
  }
}

/** Path, query and header parameters: coerced from strings, defaults filled in. */
function parameterValidator(
  operation: OpenApiOperation,
  requests: () => SpecValidator,
): OperationValidator['validateParameters'] {
  const groups = (['path', 'query', 'header'] as const)
    .map((location) => locationSchema(operation, location))
    .filter((g) => g.params.length > 0)
    .map((g) => ({ ...g, check: lazyCheck(() => requests().compile(g.schema)) }));
  return (input) => {
    const values: Record<string, unknown> = {};
    const violations: Violation[] = [];
    for (const { location, params, check } of groups) {
      const data: Record<string, unknown> = { ...input[location] };
      parseJsonParameters(params, data, violations);
      const validate = check();
      if (!validate(data)) violations.push(...describeErrors(validate.errors, ''));
      Object.assign(values, data);
    }
    return { values, violations };
  };
}

/** The JSON body, exactly as sent: no coercion, no defaults. */
function bodyValidator(operation: OpenApiOperation, strict: () => SpecValidator): OperationValidator['validateBody'] {
  const body = operation.requestBody;
  if (!body) return () => [];
  const check = lazyCheck(() => strict().compile(body.schema));
  return (value) => {
    if (value === undefined) return body.required ? [{ parameter: 'body', message: 'body is required' }] : [];
    const validate = check();
    return validate(value) ? [] : describeErrors(validate.errors, 'body.');
  };
}

/** A response body against the schema of its status (or its `2XX` range, or `default`). */
function responseValidator(
  operation: OpenApiOperation,
  strict: () => SpecValidator,
): OperationValidator['validateResponse'] {
  const checks = new Map(
    operation.responses.filter((r) => r.schema).map((r) => [r.status, lazyCheck(() => strict().compile(r.schema))]),
  );
  return (status, value) => {
    const check = checks.get(String(status)) ?? checks.get(`${String(status)[0]}XX`) ?? checks.get('default');
    if (!check) return [];
    const validate = check();
    return validate(value) ? [] : describeErrors(validate.errors, 'response.');
  };
}

/** Builds the validators of the operations of one document. Nothing is compiled before first use. */
export function createOperationValidators(document: OpenApiDocument): {
  forOperation(operation: PublicOperation): OperationValidator;
} {
  // Query and path strings coerced to their types, defaults filled in; built on first use.
  let coercing: SpecValidator | undefined;
  // Bodies and responses are checked exactly as they are: no coercion, no defaults.
  let exact: SpecValidator | undefined;
  const requests = () => (coercing ??= createSpecValidator(document, { coerce: true }));
  const strict = () => (exact ??= createSpecValidator(document));
  return {
    forOperation(publicOperation) {
      const operation = publicOperation as OpenApiOperation;
      return {
        validateParameters: parameterValidator(operation, requests),
        validateBody: bodyValidator(operation, strict),
        validateResponse: responseValidator(operation, strict),
      };
    },
  };
}
