// Request and response validation for each operation, on the spec's own schemas, with the
// repository's one validator (createSpecValidator of the OpenAPI reader). Validators are compiled
// once per operation, on first use, never per request.
import { createSpecValidator, describeErrors, type Json, type OpenApiOperation } from '@acs-opensearch/openapi-reader';
import type { OpenApiDocument, OpenApiOperation as PublicOperation } from './publicTypes.js';

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

/** Builds the validators of the operations of one document. Nothing is compiled before first use. */
export function createOperationValidators(document: OpenApiDocument): {
  forOperation(operation: PublicOperation): OperationValidator;
} {
  // Query and path strings coerced to their types, defaults filled in. Built on first use.
  let coercing: ReturnType<typeof createSpecValidator> | undefined;
  // Bodies and responses are checked exactly as they are: no coercion, no defaults.
  let exact: ReturnType<typeof createSpecValidator> | undefined;
  const requests = () => (coercing ??= createSpecValidator(document, { coerce: true }));
  const strict = () => (exact ??= createSpecValidator(document));
  type Check = ReturnType<ReturnType<typeof createSpecValidator>['compile']>;

  return {
    forOperation(publicOperation: PublicOperation): OperationValidator {
      const operation = publicOperation as OpenApiOperation;
      let bodyCheck: Check | undefined;
      const body = operation.requestBody
        ? (value: unknown) => {
            bodyCheck ??= strict().compile(operation.requestBody!.schema);
            return bodyCheck(value) ? [] : describeErrors(bodyCheck.errors, 'body.');
          }
        : undefined;
      const responses = new Map<string, Check>();
      const responseCheck = (status: string) => {
        const r = operation.responses.find((x) => x.status === status && x.schema);
        if (!r) return undefined;
        let check = responses.get(status);
        if (!check) {
          check = strict().compile(r.schema);
          responses.set(status, check);
        }
        return check;
      };
      const compiled = new Map<string, Check>();
      const groupCheck = (location: string, schema: Json) => {
        let check = compiled.get(location);
        if (!check) {
          check = requests().compile(schema);
          compiled.set(location, check);
        }
        return check;
      };
      const schemas = (['path', 'query', 'header'] as const).map((location) => {
        const params = operation.parameters.filter((p) => p.in === location);
        const key = (name: string) => (location === 'header' ? name.toLowerCase() : name);
        return {
          location,
          params,
          schema: {
            type: 'object',
            properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema])),
            required: params.filter((p) => p.required).map((p) => key(p.name)),
          },
        };
      });
      return {
        validateParameters(input) {
          const values: Record<string, unknown> = {};
          const violations: Violation[] = [];
          for (const { location, params, schema } of schemas) {
            if (params.length === 0) continue;
            const validate = groupCheck(location, schema);
            const data: Record<string, unknown> = { ...input[location] };
            // A `content: application/json` parameter holds JSON text: it is parsed, then validated.
            for (const p of params) {
              if (!p.json || typeof data[p.name] !== 'string') continue;
              try {
                data[p.name] = JSON.parse(data[p.name] as string);
              } catch {
                violations.push({ parameter: p.name, message: `${p.name} must be JSON text` });
                delete data[p.name];
              }
            }
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
          return body(value);
        },
        validateResponse(status, value) {
          const validate =
            responseCheck(String(status)) ?? responseCheck(`${String(status)[0]}XX`) ?? responseCheck('default');
          if (!validate) return [];
          return validate(value) ? [] : describeErrors(validate.errors, 'response.');
        },
      };
    },
  };
}
