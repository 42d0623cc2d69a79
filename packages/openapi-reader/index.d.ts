// Types of index.js, the one OpenAPI reader of the repository.
import type { ErrorObject, ValidateFunction } from 'ajv';

/** An OpenAPI document or a part of one: plain JSON. */
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are untyped JSON.
export type Json = any;

export declare const HTTP_METHODS: readonly ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export declare function resolvePointer(document: Json, ref: string): Json;
export declare function deref(document: Json, node: Json): Json;

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

export declare function listOperations(document: Json): OpenApiOperation[];

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

export declare function operationMetadata(document: Json, options?: { requireAction?: boolean }): OperationMetadata[];
export declare function paginatorName(operationId: string): string;
export declare function camelSchema(document: Json, schema: Json): Json;

export interface SpecValidator {
  compile(schemaOrPointer: Json): ValidateFunction;
  validate(schemaOrPointer: Json, value: unknown): string[];
}

export declare function createSpecValidator(document: Json, options?: { coerce?: boolean }): SpecValidator;
export declare function describeErrors(
  errors: ErrorObject[] | null | undefined,
  prefix: string,
): { parameter: string; message: string }[];
