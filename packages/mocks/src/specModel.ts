// What the handlers know about the spec, read once per handler set with the repository's one
// OpenAPI reader: the operations, their run-time metadata, the resources they act on, the error
// codes, and a validator per operation.
//
// Resources are inferred from the paths: a path P with a GET that pages (or lists) is a
// collection, and `P/{name}` is its item path, `name` the item's key field. A GET on the item path
// gets, a POST on the collection creates, PUT/PATCH on the item update, DELETE on the item deletes.
// The collection's first path parameter is its scope (the app group); the other path parameters
// are fields of the items (`functionName`). Operations that fit no pattern answer their example.
import {
  camelSchema,
  deref,
  type Json,
  listOperations,
  type OpenApiOperation,
  type OperationMetadata,
  operationMetadata,
} from '@acs-opensearch/openapi-reader';
import { type ErrorCodeInfo, readErrorCodes } from './errorResponses.js';
import { createOperationValidators, type OperationValidator } from './specValidator.js';

type Behaviour = 'list' | 'get' | 'create' | 'update' | 'delete' | 'example';

export interface Collection {
  /** The collection's path template. */
  path: string;
  /** The first path parameter: the scope the items live in (the app group). */
  scope: string;
  /** The collection's other path parameters that are item fields: every item carries them. */
  parents: string[];
  /** The item's key field (`instanceName`), when the spec says which. */
  key: string | undefined;
  /** The body field of the list answer that holds the items, and the item schema. */
  itemsField: string | undefined;
  itemSchema: Json;
  /** Query parameters of the list that filter on an item field of the same name. */
  filters: { name: string; all: boolean; default: unknown }[];
  /** The list operation, when the spec has one. */
  list: OpenApiOperation | undefined;
}

export interface ModelOperation {
  op: OpenApiOperation;
  meta: OperationMetadata;
  behaviour: Behaviour;
  /** The collection a resource behaviour acts on; undefined for 'example'. */
  collection: Collection | undefined;
  /** For get, update and create: the answer's property that holds the item. */
  itemField: string | undefined;
  validator: OperationValidator;
  /** The first 2xx status and its camelCase schema and example. */
  success: { status: number; schema: Json; example: unknown } | undefined;
}

export interface SpecModel {
  document: Json;
  operations: ModelOperation[];
  collections: Collection[];
  errorCodes: Map<string, ErrorCodeInfo>;
  /** The code of "not found" (the first documented 404 code), for a missing item or app group. */
  notFoundCode: string;
}

const pathParams = (path: string): string[] => [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);

export function buildSpecModel(document: Json): SpecModel {
  const ops = listOperations(document);
  const metas = new Map(operationMetadata(document, { requireAction: false }).map((m) => [m.operationId, m]));
  const validators = createOperationValidators(document);
  const byRoute = new Map(ops.map((op) => [`${op.method} ${op.path}`, op]));

  const collections = new Map<string, Collection>();
  const collectionOf = (path: string): Collection | undefined => {
    const existing = collections.get(path);
    if (existing) return existing;
    const list = byRoute.get(`GET ${path}`);
    const meta = list ? metas.get(list.operationId) : undefined;
    const params = pathParams(path);
    if (params.length === 0) return undefined;
    const itemPath = [...byRoute.keys()]
      .map((k) => k.slice(k.indexOf(' ') + 1))
      .find((p) => new RegExp(`^${escapeRegExp(path)}/\\{[^{}/]+\\}$`).test(p));
    const success = list?.responses.find((r) => /^2/.test(r.status));
    const body = success?.schema ? camelSchema(document, success.schema) : undefined;
    const itemsField =
      meta?.pagination?.items ??
      Object.keys(body?.properties ?? {}).find((k) => deref(document, body.properties[k])?.type === 'array');
    const itemSchema = itemsField ? deref(document, deref(document, body.properties[itemsField])?.items) : undefined;
    if (!list && !itemPath) return undefined;
    const required: string[] = itemSchema?.required ?? [];
    const key = itemPath ? pathParams(itemPath).at(-1) : required.find((f) => !params.includes(f) && /name$/i.test(f));
    const fields = new Set(Object.keys(itemSchema?.properties ?? {}));
    const filters = (list?.parameters ?? [])
      .filter((p) => p.in === 'query' && fields.has(p.name))
      .map((p) => {
        const schema = deref(document, p.schema) ?? {};
        return {
          name: p.name,
          all: Array.isArray(schema.enum) && schema.enum.includes('all'),
          default: schema.default,
        };
      });
    // Parents: the collection's other path parameters that are item fields (`functionName`).
    const parents = params.slice(1).filter((p) => fields.has(p));
    const collection: Collection = { path, scope: params[0]!, parents, key, itemsField, itemSchema, filters, list };
    collections.set(path, collection);
    return collection;
  };

  const operations: ModelOperation[] = ops.map((op) => {
    const meta = metas.get(op.operationId)!;
    const parent = op.path.replace(/\/\{[^{}/]+\}$/, '');
    const isItem = parent !== op.path && (byRoute.has(`GET ${parent}`) || byRoute.has(`POST ${parent}`));
    const ITEM: Record<string, Behaviour> = { GET: 'get', PUT: 'update', PATCH: 'update', DELETE: 'delete' };
    const itemCollection = isItem ? collectionOf(parent) : undefined;
    const ownCollection = itemCollection ? undefined : collectionOf(op.path);
    let behaviour: Behaviour = 'example';
    if (itemCollection) behaviour = ITEM[op.method] ?? 'example';
    else if (ownCollection?.itemsField && op.method === 'GET') behaviour = 'list';
    else if (ownCollection?.key && op.method === 'POST') behaviour = 'create';
    const collection = behaviour === 'example' ? undefined : (itemCollection ?? ownCollection);
    const response = op.responses
      .filter((r) => /^2\d\d$/.test(r.status))
      .sort((a, b) => a.status.localeCompare(b.status))[0];
    const schema = response?.schema ? camelSchema(document, response.schema) : undefined;
    // The answer's property that holds one item: the item schema itself, or an object named result.
    const properties = schema?.properties ?? {};
    const itemField =
      collection && behaviour !== 'list' && behaviour !== 'delete'
        ? Object.keys(properties).find((name) => {
            const property = deref(document, properties[name]);
            return property === collection.itemSchema || (property?.type === 'object' && name === 'result');
          })
        : undefined;
    return {
      op,
      meta,
      behaviour,
      collection,
      itemField,
      validator: validators.forOperation(op),
      success: response && { status: Number(response.status), schema, example: response.examples[0] },
    };
  });

  const errorCodes = readErrorCodes(document, ops);
  // The code of the spec's own 404 example (Instance.NotExist), else the first documented 404 code.
  const notFound = [...errorCodes.values()].filter((c) => c.httpStatus === 404);
  const notFoundCode = (notFound.find((c) => c.example) ?? notFound[0])?.code ?? 'NotFound';
  return { document, operations, collections: [...collections.values()], errorCodes, notFoundCode };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
