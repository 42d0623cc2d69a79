// The shape of the generated operation metadata (generated/metadata.ts): what the engine, the
// validation and the mocks need to know about an operation at run time.

/** The checks of one value: a parameter, or a field of a JSON body. */
export interface ValueRule {
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  readonly required?: true;
  readonly enum?: readonly (string | number | boolean)[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** How many items an array may hold. */
  readonly minItems?: number;
  readonly maxItems?: number;
  /** The rule of each item of an array. */
  readonly items?: ValueRule;
  /** The rules of an object's fields (`required` marks the required ones). */
  readonly fields?: Readonly<Record<string, ValueRule>>;
  /** `additionalProperties: false`: a field the schema does not name is refused. */
  readonly closed?: true;
  /** `anyOf` / `oneOf`: the value must pass one of these rules (the first is the one errors speak of). */
  readonly anyOf?: readonly ValueRule[];
}

export interface ParameterRule extends ValueRule {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  /** Sent as JSON text in one value (`content: application/json` in the spec), as the official SDK sends `tags`. */
  readonly json?: true;
}

export interface BodyRule {
  readonly required: boolean;
  readonly mediaType: string;
  /** The top-level fields of the JSON body. */
  readonly fields: Readonly<Record<string, ValueRule>>;
  /** `additionalProperties: false`: a field the spec does not name is refused. */
  readonly closed: boolean;
  /** A body in one of several forms (camelCase or PascalCase): it must pass one of these rules. */
  readonly anyOf?: readonly ValueRule[];
  /** A body that is no object (a list of values): the rule of the whole body. */
  readonly value?: ValueRule;
}

/** How a paged operation pages: the names of its page parameters and of the body's total and items. */
export interface PaginationRule {
  readonly pageNumber: string;
  readonly pageSize: string;
  readonly totalCount: string;
  readonly items: string;
}

export interface OperationMeta {
  readonly operationId: string;
  readonly method: string;
  /** The OpenAPI path template. */
  readonly path: string;
  /** x-acs-action, signed into every request of this operation. */
  readonly action: string;
  /** x-acs-version. */
  readonly version: string;
  readonly parameters: readonly ParameterRule[];
  readonly body: BodyRule | null;
  /** `x-acs-idempotent`, or else the HTTP method's own semantics (POST and PATCH are not). */
  readonly idempotent: boolean;
  readonly pagination: PaginationRule | null;
  /** The paginator's method name, such as `paginateFunctionInstances`. */
  readonly paginator: string | null;
  /** The top level of the camelCase 2xx body: required fields and each field's JSON type. */
  readonly success: { readonly required: readonly string[]; readonly types: Readonly<Record<string, string>> } | null;
}
