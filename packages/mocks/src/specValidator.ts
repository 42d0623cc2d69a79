// Request and response validation for each operation, on the spec's own schemas, with the
// repository's one validator (createSpecValidator of the OpenAPI reader). Validators are compiled
// once per operation, never per request.
import { createSpecValidator, describeErrors, type Json, type OpenApiOperation } from '@acs-opensearch/openapi-reader';

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

/** Builds the validators of the operations of one document. */
export function createOperationValidators(document: Json) {
  // Requests: query and path strings coerced to their types, defaults filled in.
  const requests = createSpecValidator(document, { coerce: true });
  // Responses are checked exactly as they are: no coercion, no defaults.
  const responsesValidator = createSpecValidator(document);

  return {
    forOperation(operation: OpenApiOperation): OperationValidator {
      const groups = (['path', 'query', 'header'] as const).map((location) => {
        const params = operation.parameters.filter((p) => p.in === location);
        const key = (name: string) => (location === 'header' ? name.toLowerCase() : name);
        const schema = {
          type: 'object',
          properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema])),
          required: params.filter((p) => p.required).map((p) => key(p.name)),
        };
        return { location, validate: params.length > 0 ? requests.compile(schema) : undefined };
      });
      const body = operation.requestBody ? requests.compile(operation.requestBody.schema) : undefined;
      const responses = new Map<string, ReturnType<typeof responsesValidator.compile>>();
      for (const r of operation.responses) if (r.schema) responses.set(r.status, responsesValidator.compile(r.schema));
      return {
        validateParameters(input) {
          const values: Record<string, unknown> = {};
          const violations: Violation[] = [];
          for (const { location, validate } of groups) {
            if (!validate) continue;
            const data: Record<string, unknown> = { ...input[location] };
            if (!validate(data)) violations.push(...describeErrors(validate.errors, ''));
            Object.assign(values, data);
          }
          return { values, violations };
        },
        validateBody(value) {
          if (!body) return [];
          if (value === undefined) {
            return operation.requestBody?.required ? [{ parameter: 'body', message: 'body is required' }] : [];
          }
          return body(value) ? [] : describeErrors(body.errors, 'body.');
        },
        validateResponse(status, value) {
          const validate =
            responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get('default');
          if (!validate) return [];
          return validate(value) ? [] : describeErrors(validate.errors, 'response.');
        },
      };
    },
  };
}
