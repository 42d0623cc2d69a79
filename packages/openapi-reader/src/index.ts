// The one OpenAPI reader of the repository. scripts/generate.mjs reads the spec with it, the spec
// tests validate examples with it, and @acs-opensearch/mocks bundles it to read any document at
// run time. Local `$ref`s only (the spec is bundled first), JSON-pointer escapes (`~0`, `~1`,
// percent-encoding) decoded, reference cycles named instead of looping.
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** An OpenAPI document or a part of one: plain JSON. */
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are untyped JSON.
export type Json = any;

export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** The parameter's schema (or its `content`'s JSON schema), local $refs kept (validators resolve them against the document). */
  schema: Json;
  /** Described by `content: application/json`: the value travels as JSON text (one query value). */
  json?: true;
  /** `x-acs-filter`: which item field a list's query parameter filters on, and how. */
  filter?: {
    field: string;
    operator: '=' | '>=' | '<=' | 'contains' | 'in';
    from?: string;
    /** Coded values: what each request value stands for in the field (`null`: no filter). */
    values?: Record<string, unknown>;
  };
  /** The parameter's other `x-` extensions, when it has any (`x-acs-output-levels`, `x-acs-dry-run` ...). */
  extensions?: Record<string, unknown>;
}

export interface OperationResponse {
  status: string;
  schema: Json | undefined;
  examples: unknown[];
  headers: string[];
}

export interface OpenApiOperation {
  operationId: string;
  method: string;
  /** The OpenAPI path template, such as `/items/{id}`. */
  path: string;
  /** The same path as an MSW pattern, such as `/items/:id`. */
  mswPath: string;
  summary: string | undefined;
  parameters: OperationParameter[];
  requestBody: { required: boolean; schema: Json } | undefined;
  responses: OperationResponse[];
  extensions: Record<string, unknown>;
}

export interface ValueRule {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  required?: true;
  enum?: readonly (string | number | boolean)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** The rule of each item of an array. */
  items?: ValueRule;
  /** The rules of an object's fields (`required` marks the required ones). */
  fields?: Record<string, ValueRule>;
  /** `additionalProperties: false`: a field the schema does not name is refused. */
  closed?: true;
  /** The fewest items of an array. */
  minItems?: number;
  /** A value in one of several forms: the rule of each. */
  anyOf?: ValueRule[];
}

export interface ParameterRule extends ValueRule {
  name: string;
  in: 'path' | 'query' | 'header';
  /** Sent as JSON text (`content: application/json` in the spec). */
  json?: true;
}

export interface BodyRule {
  required: boolean;
  mediaType: string;
  fields: Record<string, ValueRule>;
  closed: boolean;
  /** A body in one of several forms (camelCase or PascalCase): the rule of each form. */
  anyOf?: ValueRule[];
  /** A body that is no object (a list of values): the rule of the whole body. */
  value?: ValueRule;
}

export interface PaginationRule {
  pageNumber: string;
  pageSize: string;
  totalCount: string;
  items: string;
}

export interface OperationMetadata {
  operationId: string;
  method: string;
  path: string;
  /** x-acs-action; undefined only with `requireAction: false`. */
  action: string;
  version: string;
  parameters: ParameterRule[];
  body: BodyRule | null;
  /** Safe to repeat: `x-acs-idempotent`, else a read or an idempotent method. */
  idempotent: boolean;
  /** Changes nothing: `x-acs-read`, else GET/HEAD/OPTIONS, else a RAM access level of read, get or list. */
  read: boolean;
  pagination: PaginationRule | null;
  paginator: string | null;
  success: { required: string[]; types: Record<string, string> } | null;
}

export interface SpecValidator {
  compile(schemaOrPointer: Json): ValidateFunction;
  validate(schemaOrPointer: Json, value: unknown): string[];
}

export const HTTP_METHODS = Object.freeze([
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const);

/** Methods whose repetition has no further effect (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
/** Methods that only read. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** RAM access levels of operations that change nothing (the reference's read, get and list). */
const READ_ACCESS_LEVELS = new Set(['read', 'get', 'list']);

/**
 * Whether an operation only reads: `x-acs-read` when the spec says, else a reading method, else a
 * RAM access level of read, get or list (a POST that computes an answer and writes nothing).
 */
function isReadOperation(op: OpenApiOperation): boolean {
  const declared = op.extensions['x-acs-read'];
  if (typeof declared === 'boolean') return declared;
  if (READ_METHODS.has(op.method)) return true;
  const level = (op.extensions['x-acs-ram'] as { accessLevel?: unknown } | undefined)?.accessLevel;
  return typeof level === 'string' && READ_ACCESS_LEVELS.has(level.toLowerCase());
}

/** Resolves a local JSON pointer (`#/components/schemas/A~1B`) in `document`. */
export function resolvePointer(document: Json, ref: string): Json {
  if (typeof ref !== 'string' || !ref.startsWith('#')) {
    throw new Error(`Only local $refs are supported (bundle the spec first), got ${JSON.stringify(ref)}`);
  }
  if (ref === '#' || ref === '#/') return document;
  if (!ref.startsWith('#/')) throw new Error(`Cannot resolve $ref ${ref}: not a JSON pointer`);
  let node = document;
  for (const raw of ref.slice(2).split('/')) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      throw new Error(`Cannot resolve $ref ${ref}: bad percent-encoding in "${raw}"`);
    }
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) {
      throw new Error(`Cannot resolve $ref ${ref}: nothing at "${key}"`);
    }
    node = node[key];
  }
  return node;
}

/** Follows a chain of local `$ref`s to the node it ends at; a cycle is an error that names it. */
export function deref(document: Json, node: Json): Json {
  let current = node;
  const seen: string[] = [];
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    if (seen.includes(current.$ref)) throw new Error(`$ref cycle: ${[...seen, current.$ref].join(' -> ')}`);
    seen.push(current.$ref);
    current = resolvePointer(document, current.$ref);
  }
  return current;
}

function jsonMedia(content: Json): Json {
  if (!content || typeof content !== 'object') return undefined;
  const type = Object.keys(content).find((t) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(t));
  return type ? { type, media: content[type] } : undefined;
}

/** Every operation of the document, with parameters (path-level first), JSON body, responses and examples. */
/** A parameter's other `x-` extensions (`x-acs-output-levels`, `x-acs-dry-run` ...), when it has any. */
function extensionsOf(param: Json): Record<string, unknown> | undefined {
  const entries = Object.entries(param).filter(([k]) => k.startsWith('x-') && k !== 'x-acs-filter');
  return entries.length > 0 ? { extensions: Object.fromEntries(entries) } : {};
}

export function listOperations(document: Json): OpenApiOperation[] {
  const operations = [];
  for (const [path, rawItem] of Object.entries(document?.paths ?? {})) {
    const item = deref(document, rawItem) ?? {};
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const byKey = new Map();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const param = deref(document, p);
        // A parameter described by `content` (not `schema`) is serialized as that media type:
        // `application/json` means one query value holding the JSON text (ListAppGroups' tags).
        const content = param.schema ? undefined : jsonMedia(param.content);
        // An operation's parameter overrides the path item's of the same name and location.
        byKey.set(`${param.in}:${param.name}`, {
          name: param.name,
          in: param.in,
          required: param.in === 'path' || Boolean(param.required),
          schema: param.schema ?? content?.media?.schema ?? {},
          ...(content ? { json: true } : {}),
          ...(param['x-acs-filter'] ? { filter: param['x-acs-filter'] } : {}),
          ...extensionsOf(param),
        });
      }
      const body = op.requestBody ? deref(document, op.requestBody) : undefined;
      const json = jsonMedia(body?.content);
      const responses = Object.entries(op.responses ?? {}).map(([status, r]) => {
        const response = deref(document, r);
        const media = jsonMedia(response?.content)?.media;
        const examples = [
          ...(media && 'example' in media ? [media.example] : []),
          ...Object.values(media?.examples ?? {}).map((e) => deref(document, e)?.value),
        ];
        return { status, schema: media?.schema, examples, headers: Object.keys(response?.headers ?? {}) };
      });
      operations.push({
        operationId: op.operationId ?? `${method}${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
        method: method.toUpperCase(),
        path,
        mswPath: path.replace(/\{([^{}]+)\}/g, ':$1'),
        summary: op.summary,
        parameters: [...byKey.values()],
        requestBody: json ? { required: Boolean(body.required), schema: json.media?.schema ?? {} } : undefined,
        responses,
        extensions: Object.fromEntries(Object.entries(op).filter(([k]) => k.startsWith('x-'))),
      });
    }
  }
  return operations;
}

const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };

/**
 * A schema with its `allOf` members merged into one (properties and required fields together):
 * what the client checks of `allOf: [{ $ref: Thing }, { required: [name] }]`.
 */
function merged(document: Json, rawSchema: Json): Json {
  const schema = deref(document, rawSchema) ?? {};
  if (!Array.isArray(schema.allOf)) return schema;
  const out = { ...schema };
  delete out.allOf;
  for (const member of schema.allOf) {
    const part = merged(document, member);
    out.type ??= part.type;
    if (part.properties) out.properties = { ...out.properties, ...part.properties };
    if (part.required) out.required = [...new Set([...(out.required ?? []), ...part.required])];
    if (part.additionalProperties === false) out.additionalProperties = false;
  }
  return out;
}

/** The checks the client runs before the network, from one schema (its top level only). */
function valueRule(document: Json, rawSchema: Json, depth = 0): ValueRule {
  const schema = merged(document, rawSchema);
  // Alternatives (the PascalCase twin of a body, say): a value passes when it passes one of them.
  const members = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(members) && members.length > 0 && depth < MAX_RULE_DEPTH) {
    const alternatives = members.map((m) => valueRule(document, m, depth + 1));
    return { type: alternatives[0]!.type, anyOf: alternatives };
  }
  const types = Array.isArray(schema.type) ? schema.type.filter((t: string) => t !== 'null') : [schema.type];
  const type = types[0] ?? (schema.properties ? 'object' : schema.items ? 'array' : 'string');
  const rule: Json = { type };
  if (Array.isArray(schema.enum)) rule.enum = schema.enum;
  if (schema.default !== undefined) rule.default = schema.default;
  // An enum already names every value allowed: no range to add.
  const bounds: { minimum?: number; maximum?: number } =
    schema.format === 'int32' && !Array.isArray(schema.enum) ? INT32 : {};
  const minimum = schema.minimum ?? bounds.minimum;
  const maximum = schema.maximum ?? bounds.maximum;
  if (minimum !== undefined) rule.minimum = minimum;
  if (maximum !== undefined) rule.maximum = maximum;
  if (schema.exclusiveMinimum !== undefined)
    rule.minimum = Math.max(rule.minimum ?? -Infinity, schema.exclusiveMinimum + 1);
  if (schema.exclusiveMaximum !== undefined)
    rule.maximum = Math.min(rule.maximum ?? Infinity, schema.exclusiveMaximum - 1);
  if (schema.minLength !== undefined) rule.minLength = schema.minLength;
  if (schema.maxLength !== undefined) rule.maxLength = schema.maxLength;
  if (schema.pattern !== undefined) rule.pattern = schema.pattern;
  if (schema.minItems !== undefined) rule.minItems = schema.minItems;
  if (schema.maxItems !== undefined) rule.maxItems = schema.maxItems;
  // Nested values (array items, object fields), a few levels down, so that the client refuses what
  // the spec's validator would: `createParameters: [{ name: 5 }]` as much as `pageSize: '5'`.
  if (depth < MAX_RULE_DEPTH && type === 'array' && schema.items)
    rule.items = valueRule(document, schema.items, depth + 1);
  if (depth < MAX_RULE_DEPTH && type === 'object' && schema.properties) {
    const required = new Set(schema.required ?? []);
    rule.fields = Object.fromEntries(
      Object.entries(schema.properties).map(([name, child]) => [
        name,
        { ...(required.has(name) ? { required: true } : {}), ...valueRule(document, child, depth + 1) },
      ]),
    );
    if (schema.additionalProperties === false) rule.closed = true;
  }
  return rule;
}

/** How deep the client's rules follow nested arrays and objects. */
const MAX_RULE_DEPTH = 4;

/** `listFunctionInstances` -> `paginateFunctionInstances`; `searchThings` -> `paginateSearchThings`. */
export function paginatorName(operationId: string): string {
  const rest =
    operationId.startsWith('list') && /^[A-Z]/.test(operationId.slice(4)) ? operationId.slice(4) : operationId;
  return `paginate${rest[0]!.toUpperCase()}${rest.slice(1)}`;
}

/** The camelCase member of a 2xx schema (the spec describes PascalCase twins as `anyOf` members), resolved. */
export function camelSchema(document: Json, rawSchema: Json): Json {
  const schema = deref(document, rawSchema);
  if (!schema || typeof schema !== 'object') return undefined;
  const members = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(members)) return schema;
  const resolved = members.map((m) => deref(document, m)).filter((m) => m && typeof m === 'object');
  return (
    resolved.find((m) => Object.keys(m.properties ?? {}).every((k) => k[0] === k[0]!.toLowerCase())) ?? resolved[0]
  );
}

function paginationOf(document: Json, op: OpenApiOperation, success: Json): PaginationRule | null {
  const declared = op.extensions['x-acs-pagination'] as
    | Record<'pageNumber' | 'pageSize' | 'totalCount' | 'items', string>
    | undefined;
  if (declared) {
    for (const key of ['pageNumber', 'pageSize', 'totalCount', 'items'] as const) {
      if (typeof declared[key] !== 'string') {
        throw new Error(`openapi: x-acs-pagination of ${op.operationId} needs a string "${key}"`);
      }
    }
    return {
      pageNumber: declared.pageNumber,
      pageSize: declared.pageSize,
      totalCount: declared.totalCount,
      items: declared.items,
    };
  }
  // The convention: a GET with pageNumber and pageSize query parameters whose body has totalCount and one array.
  const query = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  if (op.method !== 'GET' || !query.has('pageNumber') || !query.has('pageSize') || !success) return null;
  const properties = success.properties ?? {};
  const arrays = Object.keys(properties).filter((k) => deref(document, properties[k])?.type === 'array');
  if (!('totalCount' in properties) || arrays.length !== 1) return null;
  return { pageNumber: 'pageNumber', pageSize: 'pageSize', totalCount: 'totalCount', items: arrays[0]! };
}

/** An operation's parameter rules (cookies are not the client's to send). */
function parameterRules(document: Json, op: OpenApiOperation): ParameterRule[] {
  return op.parameters
    .filter((p) => p.in !== 'cookie')
    .map(
      (p): ParameterRule => ({
        name: p.name,
        in: p.in as ParameterRule['in'],
        ...(p.required ? { required: true as const } : {}),
        ...(p.json ? { json: true } : {}),
        ...valueRule(document, p.schema),
      }),
    );
}

/** An operation's body rule, or null when it takes none. */
function bodyRule(document: Json, op: OpenApiOperation): BodyRule | null {
  if (!op.requestBody) return null;
  const schema = merged(document, op.requestBody.schema);
  const members = schema.anyOf ?? schema.oneOf;
  const required = new Set(schema.required ?? []);
  const fields: Record<string, ValueRule> = {};
  for (const [name, fieldSchema] of Object.entries(schema.properties ?? {})) {
    fields[name] = { ...(required.has(name) ? { required: true } : {}), ...valueRule(document, fieldSchema) };
  }
  return {
    required: op.requestBody.required,
    mediaType: 'application/json',
    fields,
    closed: schema.additionalProperties === false,
    // A body in one of several forms (camelCase or PascalCase): it must pass one of them.
    ...(Array.isArray(members) && members.length > 0 ? { anyOf: members.map((m) => valueRule(document, m)) } : {}),
    // A body that is no object (a list of values): the rule of the whole body.
    ...(schema.type === 'array' ? { value: valueRule(document, schema) } : {}),
  };
}

/** The camelCase schema of an operation's first 2xx answer, if it has one. */
function successSchema(document: Json, op: OpenApiOperation): Json {
  const response = op.responses
    .filter((r) => /^2\d\d$/.test(r.status))
    .sort((a, b) => a.status.localeCompare(b.status))[0];
  return response?.schema ? camelSchema(document, response.schema) : undefined;
}

/** The top level of a 2xx body the client checks: required fields and each field's type. */
function successShape(document: Json, success: Json): OperationMetadata['success'] {
  if (!success || (success.type !== 'object' && !success.properties)) return null;
  return {
    required: success.required ?? [],
    types: Object.fromEntries(
      Object.entries(success.properties ?? {}).map(([k, s]) => [k, valueRule(document, s, MAX_RULE_DEPTH).type]),
    ),
  };
}

/** One operation's run-time metadata. */
function metadataOf(document: Json, op: OpenApiOperation): OperationMetadata {
  const success = successSchema(document, op);
  const declaredIdempotent = op.extensions['x-acs-idempotent'];
  const read = isReadOperation(op);
  const pagination = paginationOf(document, op, success);
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    action: op.extensions['x-acs-action'] as string,
    version: op.extensions['x-acs-version'] ?? document.info?.version,
    parameters: parameterRules(document, op),
    body: bodyRule(document, op),
    // A read is safe to repeat whatever its method, unless the spec says otherwise.
    idempotent:
      typeof declaredIdempotent === 'boolean' ? declaredIdempotent : read || IDEMPOTENT_METHODS.has(op.method),
    read,
    pagination,
    paginator: pagination ? paginatorName(op.operationId) : null,
    success: successShape(document, success),
  };
}

/**
 * The run-time facts of every operation, for the client's engine and the mocks' behaviours. The
 * generator requires x-acs-action on every operation; the mocks pass `{ requireAction: false }` so
 * that they serve any OpenAPI document.
 */
export function operationMetadata(document: Json, options: { requireAction?: boolean } = {}): OperationMetadata[] {
  const seen = new Set();
  return listOperations(document).map((op) => {
    const where = `${op.method} ${op.path}`;
    if (!op.extensions['x-acs-action'] && options.requireAction !== false)
      throw new Error(`openapi: ${where} (${op.operationId}) has no x-acs-action`);
    if (seen.has(op.operationId)) throw new Error(`openapi: operationId ${op.operationId} is used twice`);
    seen.add(op.operationId);
    return metadataOf(document, op);
  });
}

/** Every `x-` key used anywhere in the document, declared to ajv so strict mode takes them as annotations. */
function vendorKeywords(node: Json, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) for (const n of node) vendorKeywords(n, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      vendorKeywords(value, found);
    }
  }
  return found;
}

const DOC_ID = 'https://acs-opensearch.invalid/openapi.json';

/** Points the local `#/...` refs of an inline schema at the registered document. */
function rebase(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) {
      out[key] =
        key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${DOC_ID}${value}` : rebase(value);
    }
    return out;
  }
  return schema;
}

/**
 * The one JSON Schema 2020-12 validator of the repository: ajv with the whole document registered,
 * so `#/components/...` refs resolve, and the OpenAPI formats int32 (range-checked) and int64.
 * With `coerce`, query and path strings become numbers and defaults are filled in (the mocks' requests).
 */
export function createSpecValidator(document: Json, options: { coerce?: boolean } = {}): SpecValidator {
  const ajv = new Ajv2020({
    strict: true,
    // Errors carry the value that failed, so a message can name it (an unknown command, say).
    verbose: true,
    allErrors: !options.coerce,
    ...(options.coerce ? { coerceTypes: true, useDefaults: true } : {}),
  });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n) => Number.isInteger(n) && n >= INT32.minimum && n <= INT32.maximum,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isSafeInteger(n) });
  ajv.addVocabulary(['example', 'components', ...vendorKeywords(document)]);
  ajv.addSchema({ $id: DOC_ID, components: document?.components ?? {} });
  const compile = (schemaOrPointer: Json) =>
    ajv.compile(
      typeof schemaOrPointer === 'string' ? { $ref: `${DOC_ID}${schemaOrPointer}` } : rebase(schemaOrPointer),
    );
  return {
    compile,
    validate(schemaOrPointer, value) {
      const check = compile(schemaOrPointer);
      return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    },
  };
}

/** ajv errors as `{ parameter, message }`, naming the field (`body.name`, `pageSize`). */
export function describeErrors(
  errors: ErrorObject[] | null | undefined,
  prefix: string,
): { parameter: string; message: string }[] {
  return (errors ?? []).map((e) => {
    const field = e.instancePath.split('/').filter(Boolean);
    const missing = e.keyword === 'required' ? e.params.missingProperty : undefined;
    const extra = e.keyword === 'additionalProperties' ? e.params.additionalProperty : undefined;
    const name = [...field, ...(missing ? [missing] : []), ...(extra ? [extra] : [])].join('.');
    const got = 'data' in e && (typeof e.data !== 'object' || e.data === null) ? `; got ${JSON.stringify(e.data)}` : '';
    const allowed = e.keyword === 'enum' ? `: ${e.params.allowedValues.join(', ')}${got}` : '';
    return { parameter: `${prefix}${name}`, message: `${prefix}${name || '(root)'} ${e.message}${allowed}` };
  });
}
