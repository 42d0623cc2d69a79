// Request and response validation with ajv (JSON Schema 2020-12) on the spec's own schemas.
// Validators are compiled once per operation, never per request.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Json, OpenApiOperation } from './openApiOperations.js';

const DOC_ID = 'https://acs-opensearch.invalid/openapi.json';

/** Every `x-` key in the document, declared to ajv as annotations so strict mode accepts the spec as is. */
function vendorKeywords(node: Json, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) vendorKeywords(n, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      vendorKeywords(value, found);
    }
  }
  return found;
}

function rebase(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === 'object') {
    const out: Json = {};
    for (const [key, value] of Object.entries(schema)) {
      out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${DOC_ID}${value}` : rebase(value);
    }
    return out;
  }
  return schema;
}

export interface Violation {
  /** Where: `query.pageSize`, `path.appGroupIdentity`, `body/name`... */
  parameter: string;
  message: string;
}

export interface OperationValidator {
  /** Validates (and coerces, for query/path/header strings) the request's parameters. */
  validateParameters(input: { path: Record<string, string>; query: Record<string, string>; header: Record<string, string> }): {
    values: Record<string, unknown>;
    violations: Violation[];
  };
  validateBody(body: unknown): Violation[];
  /** Validates a response body against the schema of its status; no schema means nothing to check. */
  validateResponse(status: number, body: unknown): Violation[];
}

function describe(errors: ErrorObject[] | null | undefined, prefix: string): Violation[] {
  return (errors ?? []).map((e) => {
    const field = e.instancePath.split('/').filter(Boolean);
    const missing = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : undefined;
    const name = [...field, ...(missing ? [missing] : [])].join('.');
    const allowed = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
    return { parameter: `${prefix}${name}`, message: `${prefix}${name || '(root)'} ${e.message}${allowed}` };
  });
}

/** Builds validators for the operations of one document. */
export function createSpecValidator(document: Json) {
  const ajv = new Ajv2020({ strict: true, allErrors: false, coerceTypes: true, useDefaults: true });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addVocabulary(['example', 'components', ...vendorKeywords(document)]);
  ajv.addSchema({ $id: DOC_ID, components: document.components ?? {} });
  // Responses are checked exactly as they are: no coercion, no defaults.
  const strictAjv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(strictAjv);
  strictAjv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  strictAjv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  strictAjv.addVocabulary(['example', 'components', ...vendorKeywords(document)]);
  strictAjv.addSchema({ $id: DOC_ID, components: document.components ?? {} });

  return {
    forOperation(operation: OpenApiOperation): OperationValidator {
      const groups = (['path', 'query', 'header'] as const).map((location) => {
        const params = operation.parameters.filter((p) => p.in === location);
        const schema = {
          type: 'object',
          properties: Object.fromEntries(params.map((p) => [location === 'header' ? p.name.toLowerCase() : p.name, rebase(p.schema)])),
          required: params.filter((p) => p.required).map((p) => (location === 'header' ? p.name.toLowerCase() : p.name)),
        };
        return { location, validate: params.length > 0 ? ajv.compile(schema) : undefined };
      });
      const body: ValidateFunction | undefined = operation.requestBody ? ajv.compile(rebase(operation.requestBody.schema)) : undefined;
      const responses = new Map<string, ValidateFunction>();
      for (const r of operation.responses) if (r.schema) responses.set(r.status, strictAjv.compile(rebase(r.schema)));
      return {
        validateParameters(input) {
          const values: Record<string, unknown> = {};
          const violations: Violation[] = [];
          for (const { location, validate } of groups) {
            if (!validate) continue;
            const data: Record<string, unknown> = { ...input[location] };
            if (!validate(data)) violations.push(...describe(validate.errors, ''));
            Object.assign(values, data);
          }
          return { values, violations };
        },
        validateBody(value) {
          if (!body) return [];
          if (value === undefined) return operation.requestBody?.required ? [{ parameter: 'body', message: 'body is required' }] : [];
          return body(value) ? [] : describe(body.errors, 'body.');
        },
        validateResponse(status, value) {
          const validate = responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get('default');
          if (!validate) return [];
          return validate(value) ? [] : describe(validate.errors, 'response.');
        },
      };
    },
  };
}
