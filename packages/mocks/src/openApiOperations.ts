// Reads an OpenAPI 3.1 document into the operation list the handlers are built from: paths,
// methods, parameters, request bodies, responses and examples, with local $refs followed.

// biome-ignore lint: OpenAPI documents are untyped JSON here.
export type Json = any;

export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Json;
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
  parameters: OperationParameter[];
  requestBody: { required: boolean; schema: Json } | undefined;
  responses: OperationResponse[];
  extensions: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Follows a chain of local `$ref`s. */
export function deref(document: Json, node: Json): Json {
  let current = node;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) throw new Error(`Cannot resolve $ref ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((acc: Json, key) => acc?.[key], document);
  }
  return current;
}

/** Lists every operation of the document. */
export function listOperations(document: Json): OpenApiOperation[] {
  const operations: OpenApiOperation[] = [];
  for (const [path, rawItem] of Object.entries<Json>(document.paths ?? {})) {
    const item = deref(document, rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => {
        const param = deref(document, p);
        return { name: param.name, in: param.in, required: Boolean(param.required), schema: param.schema ?? {} };
      });
      const body = op.requestBody ? deref(document, op.requestBody) : undefined;
      const jsonBody = body?.content?.['application/json'];
      const responses = Object.entries<Json>(op.responses ?? {}).map(([status, r]) => {
        const response = deref(document, r);
        const media = response.content?.['application/json'];
        const examples = [
          ...(media && 'example' in media ? [media.example] : []),
          ...Object.values<Json>(media?.examples ?? {}).map((e) => deref(document, e).value),
        ];
        return { status, schema: media?.schema, examples, headers: Object.keys(response.headers ?? {}) };
      });
      operations.push({
        operationId: op.operationId ?? `${method}${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
        method: method.toUpperCase(),
        path,
        mswPath: path.replace(/\{([^{}]+)\}/g, ':$1'),
        parameters,
        requestBody: jsonBody ? { required: Boolean(body.required), schema: jsonBody.schema } : undefined,
        responses,
        extensions: Object.fromEntries(Object.entries(op).filter(([k]) => k.startsWith('x-'))),
      });
    }
  }
  return operations;
}
