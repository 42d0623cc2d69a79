// What the handlers know about the spec, read once per handler set with the repository's one
// OpenAPI reader: the operations, their run-time metadata, the resources they act on, the error
// codes, and a validator per operation (compiled on first use).
//
// Resources come from the shape of the paths, never from operation names:
// - a collection is a path P with a GET whose answer holds an item array (a list), or the parent of
//   an item path `P/{key}` whose answer holds the item in an object field (`result`);
// - its key is the item path's last parameter, or the parameter that follows P in a deeper path
//   (`/app-groups/{appGroupIdentity}/...`), or else a required `...name`/`...id` field of the item;
// - a collection under another collection's item (`.../instances/{instanceName}/tasks`) is nested:
//   that item must exist for its operations to answer 200;
// - the collection whose items other paths sit under first (the app groups) is the scope: the
//   other collections under it keep their items per app group; collections not under it are global;
// - a GET on the collection lists, POST creates, GET/PUT/PATCH/DELETE on the item path get, update
//   and delete; a GET beside a collection (`.../current-version` beside `.../versions`) whose answer
//   holds that collection's item answers the newest matching item;
// - a path that is no collection, with a GET answering one object and a write beside it, is a
//   singleton (one value per set of path values): a write merges into it, the GET answers it;
// - a non-GET on `.../actions/<verb>` is an action: it applies its declared `x-acs-effect` to the
//   item it sits under, or changes nothing;
// - a PUT on `<item path>/<segment>` with no GET beside it, where the item has a field the segment
//   names (`fetch-fields` → `fetchFields`), replaces that field with the body;
// - singletons, actions and field PUTs sit under the deepest collection item of their path, which must exist;
// - a list's query parameter filters the items when `x-acs-filter` says how, or when an item field
//   has its name (equality; an enum value `all` means no filter);
// - a collection of rows (the tags on resources): a POST with `x-acs-relation` turns its body into
//   rows (arrays expand, one row per combination) and puts them, replacing rows with the same key
//   fields; a DELETE on the collection removes the rows its query's filters match.
// Operations that fit no pattern answer their example, with the request's values filled in.
import {
  camelSchema,
  deref,
  type Json,
  listOperations,
  type OpenApiOperation,
  type OperationMetadata,
  operationMetadata,
} from '@acs-opensearch/openapi-reader';
import { type ChecksSpec, checksOf, type MergeSpec, mergeOf } from './derived.js';
import { type ErrorCodeInfo, readErrorCodes } from './errorResponses.js';
import { isUnder, pathParams, samePath } from './paths.js';
import { createOperationValidators, type OperationValidator } from './specValidator.js';

type Behaviour =
  | 'list'
  | 'get'
  | 'create'
  | 'update'
  | 'delete'
  | 'current'
  | 'singleton-get'
  | 'singleton-put'
  | 'field-put'
  | 'relate'
  | 'unrelate'
  | 'action'
  | 'bulk'
  | 'computed'
  | 'merge'
  | 'checks'
  | 'example';

/** Where a path sits: the collection item it is under (`.../{key}/...`), and that item's key parameter. */
export interface Anchor {
  collection: Collection;
  param: string;
}

export interface Filter {
  /** The query parameter. */
  name: string;
  /** The item field it filters on, and how. */
  field: string;
  operator: '=' | '>=' | '<=' | 'contains' | 'in';
  /** For `in` over a list of objects: the property of each element to compare (`key` of `{key, value}`). */
  from?: string;
  /** The parameter's enum has `all`, which means "no filter". */
  all: boolean;
  /** Coded values (`isActive=1` for `active: true`): what each request value stands for; `null` means no filter. */
  values?: Record<string, unknown>;
  default: unknown;
}

export interface Collection {
  /** The collection's path template. */
  path: string;
  /** The path parameter naming the app group the items live in; undefined for a global collection. */
  scope: string | undefined;
  /** The collection's other path parameters: they partition the items (`functionName`, `instanceName`). */
  parents: string[];
  /** The parents that are item fields: every item carries them (`functionName`). */
  carried: string[];
  /** The item's key field (`instanceName`), when the spec says which. */
  key: string | undefined;
  /** The path parameter that names an item (`instanceName` in `.../instances/{instanceName}`). */
  keyParam: string | undefined;
  /** The body field of the list answer that holds the items, and the item schema. */
  itemsField: string | undefined;
  itemSchema: Json;
  /** Query parameters of the list that filter the items. */
  filters: Filter[];
  /** The list operation, when the spec has one. */
  list: OpenApiOperation | undefined;
  /** The collection whose item this one is nested under, and the path parameter naming that item. */
  owner: { collection: Collection; param: string } | undefined;
  /** Whether the items are the app groups themselves. */
  isScope: boolean;
  /** Example items of the spec (list and item answers), camelCase. */
  examples: unknown[];
}

/** `x-acs-effect`: what an operation does to the item (or singleton) it acts on. */
export interface Effect {
  /** The fields it sets. */
  set: Record<string, unknown>;
  /** The values fields must have before (any of a list); otherwise the operation answers `error`. */
  requires: Record<string, unknown[]> | undefined;
  /** The error code of a refused operation (a code the spec documents, with its status). */
  error: string | undefined;
  /** Whether it acts on the item its collection sits under (a file save marks its script), not on its own item. */
  owner: boolean;
}

/** `x-acs-bulk`: a list of commands applied to the collection the action sits on. */
interface Bulk {
  /** The body field that holds the commands; undefined when the body is the list. */
  items: string | undefined;
  /** The field of each command that names it (`cmd`). */
  command: string;
  /** The commands that put an item (add or replace) and those that remove one. */
  put: string[];
  remove: string[];
  /** The collection the commands apply to. */
  collection: Collection;
}

/** `x-acs-computed`: a read answered from what the store holds in other collections. */
interface Computed {
  /** The collections read (their items, under the request's path values). */
  from: Collection[];
  /** Only items whose `match` field occurs in the request's `within` parameter. */
  within: string | undefined;
  match: string | undefined;
  /** Answer field to item field, where the names differ (`token` ← `word`). */
  fields: Record<string, string>;
  /** The answer's list field, and its item schema. */
  itemsField: string;
  itemSchema: Json;
}

export interface ModelOperation {
  op: OpenApiOperation;
  meta: OperationMetadata;
  behaviour: Behaviour;
  /** The collection a resource behaviour acts on; undefined for 'example'. */
  collection: Collection | undefined;
  /** For get, update, create and current: the answer's property that holds the item. */
  itemField: string | undefined;
  /** The query parameters that filter the items a list or current answers (the collection's fields). */
  filters: Filter[];
  validator: OperationValidator;
  /** The first 2xx status and its camelCase schema and example. */
  success: { status: number; schema: Json; example: unknown } | undefined;
  /** Whether the spec describes a PascalCase twin of the 2xx body (what `casing: 'pascal'` answers). */
  pascalTwin: boolean;
  /** The code of "not found" for this operation: its own 404 example's, else the spec's first. */
  notFoundCode: string;
  /** The RAM action the operation needs (`x-acs-ram.action`), for Forbidden messages. */
  ramAction: string | undefined;
  /** The query parameter that selects an output level (`x-acs-output-levels`), and each level's fields. */
  output: { name: string; levels: Record<string, string[]> } | undefined;
  /** The query parameter that asks for a dry run (`x-acs-dry-run: true`): validate, write nothing. */
  dryRun: string | undefined;
  /** For singletons and actions: the collection item the path sits under (it must exist). */
  anchor: Anchor | undefined;
  /** The effect the operation declares (`x-acs-effect`): the fields it sets, and the values they must have first. */
  effect: Effect | undefined;
  /** For an action under a singleton's path (`.../slow-query/actions/enable`): that singleton's path. */
  target: string | undefined;
  /** For a bulk action (`x-acs-bulk`): where its commands are, their command field, and which commands put or remove. */
  bulk: Bulk | undefined;
  /** For a computed read (`x-acs-computed`): the collections it reads, how it picks their items and names their fields. */
  computed: Computed | undefined;
  /** For a merge (`x-acs-merge`): where the tables are in the body, and where the wide table goes. */
  merge: MergeSpec | undefined;
  /** For checks (`x-acs-checks`): the rules the body must pass, and how outcomes are answered. */
  checks: ChecksSpec | undefined;
  /** For a PUT on an item path with `x-acs-upsert`: it creates the item when it does not exist. */
  upsert: boolean;
  /** For a field PUT (`.../{key}/fetch-fields`): the field of the item the body replaces. */
  field: string | undefined;
  /** For a relate (`x-acs-relation`): the row fields and where in the body each comes from, and the fields that identify a row. */
  relation: { rows: Record<string, string>; key: string[] } | undefined;
  /** The request body's canonical (camelCase) schema, to read a body sent in another casing. */
  bodySchema: Json | undefined;
}

export interface SpecModel {
  document: Json;
  operations: ModelOperation[];
  collections: Collection[];
  errorCodes: Map<string, ErrorCodeInfo>;
  /** The code of "not found" (the first documented 404 code), for a missing item or app group. */
  notFoundCode: string;
}

export { pathParams } from './paths.js';

const ITEM_PATH = /^(.*)\/\{([^{}/]+)\}$/;
const successOf = (op: OpenApiOperation) =>
  op.responses.filter((r) => /^2\d\d$/.test(r.status)).sort((a, b) => a.status.localeCompare(b.status))[0];

/** The object field of an answer that holds one item (`result`), and its schema. */
function itemFieldOf(document: Json, op: OpenApiOperation | undefined) {
  return answerField(document, op, (schema) => schema?.type === 'object' && Boolean(schema.properties));
}

/** The first field of an operation's 2xx answer (camelCase) whose schema passes `test`, and that schema. */
function answerField(document: Json, op: OpenApiOperation | undefined, test: (schema: Json) => boolean) {
  const success = op && successOf(op);
  const body = success?.schema ? camelSchema(document, success.schema) : undefined;
  for (const [name, raw] of Object.entries<Json>(body?.properties ?? {})) {
    const schema = deref(document, raw);
    if (test(schema)) return { name, schema };
  }
  return undefined;
}

const isObjectSchema = (schema: Json) => schema?.type === 'object' || Boolean(schema?.properties);

/** The field of a singleton's answer that holds its value: an object, else a list of values. */
function singletonFieldOf(document: Json, op: OpenApiOperation | undefined) {
  return itemFieldOf(document, op) ?? answerField(document, op, (schema) => schema?.type === 'array');
}

/** The array field of a list answer (x-acs-pagination's items, else the one array), and its item schema. */
function itemsFieldOf(document: Json, op: OpenApiOperation | undefined, meta: OperationMetadata | undefined) {
  const success = op && successOf(op);
  const body = success?.schema ? camelSchema(document, success.schema) : undefined;
  const properties = body?.properties ?? {};
  const name =
    meta?.pagination?.items ?? Object.keys(properties).find((k) => deref(document, properties[k])?.type === 'array');
  if (!name || !properties[name]) return undefined;
  return { name, schema: deref(document, deref(document, properties[name])?.items) };
}

function filtersOf(document: Json, list: OpenApiOperation | undefined, fields: Set<string>): Filter[] {
  const out: Filter[] = [];
  for (const p of list?.parameters ?? []) {
    if (p.in !== 'query') continue;
    const declared = p.filter;
    if (!declared && !fields.has(p.name)) continue;
    const schema = deref(document, p.schema) ?? {};
    out.push({
      name: p.name,
      field: declared?.field ?? p.name,
      operator: declared?.operator ?? '=',
      ...(declared?.from ? { from: declared.from } : {}),
      ...(declared?.values ? { values: declared.values } : {}),
      all: Array.isArray(schema.enum) && schema.enum.includes('all'),
      default: schema.default,
    });
  }
  return out;
}

function examplesOf(document: Json, list: OpenApiOperation | undefined, items: OpenApiOperation[], field: string) {
  const out: unknown[] = [];
  for (const example of (list && successOf(list)?.examples) ?? []) {
    const value = (example as Record<string, unknown> | undefined)?.[field];
    if (Array.isArray(value)) out.push(...value);
  }
  for (const op of items) {
    const f = itemFieldOf(document, op)?.name;
    for (const example of successOf(op)?.examples ?? []) {
      const value = f ? (example as Record<string, unknown> | undefined)?.[f] : undefined;
      if (value && typeof value === 'object') out.push(value);
    }
  }
  return out;
}

/** The collections of the document (see the file's comment), keyed by path. */
function findCollections(document: Json, ops: OpenApiOperation[], metas: Map<string, OperationMetadata>) {
  const paths = [...new Set(ops.map((o) => o.path))];
  const byRoute = new Map(ops.map((op) => [`${op.method} ${op.path}`, op]));
  const candidates = new Set<string>();
  for (const op of ops) {
    const item = ITEM_PATH.exec(op.path);
    if (item) candidates.add(item[1]!);
    if (op.method === 'GET') candidates.add(op.path);
  }
  const found = new Map<string, Collection>();
  for (const path of candidates) {
    const list = byRoute.get(`GET ${path}`);
    const items = itemsFieldOf(document, list, list && metas.get(list.operationId));
    const itemOps = ops.filter((o) => ITEM_PATH.exec(o.path)?.[1] === path);
    const fromItem = itemOps.map((o) => itemFieldOf(document, o)).find(Boolean);
    const itemSchema = items?.schema ?? fromItem?.schema;
    // A list of plain values (strings, say) is no collection of items: its path may be a singleton.
    if (!itemSchema || (!items && itemOps.length === 0) || !isObjectSchema(itemSchema)) continue;
    const fields = new Set(Object.keys(itemSchema.properties ?? {}));
    const required: string[] = itemSchema.required ?? [];
    const params = pathParams(path);
    const keyParam =
      itemOps.map((o) => ITEM_PATH.exec(o.path)![2]!)[0] ??
      paths
        .map((p) => p.startsWith(`${path}/{`) && /^\{([^{}/]+)\}/.exec(p.slice(path.length + 1))?.[1])
        .find(Boolean) ??
      undefined;
    // The key: the item path's parameter when the item has that field, else the field the item schema
    // names (`x-acs-key`: a dictionary's entries are keyed by `word`), else a required `...name`/`...id`.
    const declaredKey = itemSchema['x-acs-key'] as string | undefined;
    const key =
      keyParam && fields.has(keyParam)
        ? keyParam
        : declaredKey && fields.has(declaredKey)
          ? declaredKey
          : required.find((f) => !params.includes(f) && /(name|id)$/i.test(f));
    found.set(path, {
      path,
      scope: undefined,
      parents: params,
      carried: params.filter((p) => fields.has(p)),
      key,
      keyParam: keyParam || undefined,
      itemsField: items?.name,
      itemSchema,
      filters: filtersOf(document, list, fields),
      list: items ? list : undefined,
      owner: undefined,
      isScope: false,
      examples: examplesOf(document, list, itemOps, items?.name ?? ''),
    });
  }
  return found;
}

/** Links each collection to the item it is nested under, and picks the scope (app group) collection. */
function relate(collections: Map<string, Collection>): void {
  const under = (c: Collection, o: Collection) =>
    o !== c && o.keyParam !== undefined && isUnder(c.path, `${o.path}/{${o.keyParam}}`);
  for (const c of collections.values()) {
    const owners = [...collections.values()].filter((o) => under(c, o)).sort((a, b) => b.path.length - a.path.length);
    // The owner's item is named by the parameter at its key's place in this path (`appVersionId` for `appId`).
    if (owners[0]) c.owner = { collection: owners[0], param: itemParamIn(c.path, owners[0])! };
  }
  // The scope: a root collection that others sit under. Without one, the first path parameter is the scope (as before).
  const scope = [...collections.values()].find((o) => !o.owner && [...collections.values()].some((c) => under(c, o)));
  for (const c of collections.values()) {
    if (scope) {
      c.isScope = c === scope;
      c.scope = isUnder(c.path, `${scope.path}/{${scope.keyParam}}`) ? itemParamIn(c.path, scope) : undefined;
    } else c.scope = c.parents[0];
    c.parents = c.parents.filter((p) => p !== c.scope);
    c.carried = c.carried.filter((p) => p !== c.scope);
    // The scope collection's own existence check is the scope itself, not an owner item.
    if (c.owner?.collection === scope) c.owner = undefined;
  }
}

/** A GET beside a collection whose answer holds that collection's item: it answers the newest one. */
function currentOf(document: Json, op: OpenApiOperation, collections: Collection[]) {
  if (op.method !== 'GET') return undefined;
  const field = itemFieldOf(document, op);
  if (!field) return undefined;
  const params = new Set(pathParams(op.path));
  const collection = collections.find(
    (c) =>
      c.itemSchema === field.schema &&
      c.parents.every((p) => params.has(p)) &&
      (!c.scope || params.has(c.scope)) &&
      op.path.startsWith(c.path.slice(0, c.path.lastIndexOf('/'))),
  );
  return collection && { collection, itemField: field.name };
}

/**
 * The behaviours that touch no collection of the store: a read computed from the store
 * (`x-acs-computed`), answers computed from the request alone (`x-acs-merge`, `x-acs-checks`), and
 * any other read sent with another method than GET (its RAM access level, or `x-acs-read`, says it
 * changes nothing): it answers its example and never writes.
 */
function computedBehaviour(op: OpenApiOperation, meta: OperationMetadata | undefined): Behaviour | undefined {
  if (op.method === 'GET' && op.extensions['x-acs-computed']) return 'computed';
  if (op.extensions['x-acs-merge']) return 'merge';
  if (op.extensions['x-acs-checks']) return 'checks';
  if (meta?.read && op.method !== 'GET') return 'example';
  return undefined;
}

function classify(
  document: Json,
  op: OpenApiOperation,
  meta: OperationMetadata | undefined,
  collections: Map<string, Collection>,
  singletons: Set<string>,
) {
  const computed = computedBehaviour(op, meta);
  if (computed) return { behaviour: computed, collection: undefined, itemField: undefined };
  // A list of commands for the collection the action sits on (`.../entries/actions/bulk`).
  const bulkOn = op.extensions['x-acs-bulk'] ? collections.get(actionParent(op.path) ?? '') : undefined;
  if (bulkOn?.key && op.method !== 'GET')
    return { behaviour: 'bulk' as const, collection: bulkOn, itemField: undefined };
  const item = ITEM_PATH.exec(op.path);
  const parent = item ? collections.get(item[1]!) : undefined;
  const ITEM: Record<string, Behaviour> = { GET: 'get', PUT: 'update', PATCH: 'update', DELETE: 'delete' };
  if (parent && ITEM[op.method] && parent.keyParam === item![2]) {
    const behaviour = ITEM[op.method]!;
    const itemField = behaviour === 'delete' ? undefined : itemFieldOf(document, op)?.name;
    return { behaviour, collection: parent, itemField };
  }
  const own = collections.get(op.path);
  if (own?.list && op.method === 'GET') return { behaviour: 'list' as const, collection: own, itemField: undefined };
  // A collection of rows (the tags on resources): a POST that declares how its body becomes rows, and a DELETE of the rows its filters match.
  if (own?.list && op.method === 'POST' && op.extensions['x-acs-relation'])
    return { behaviour: 'relate' as const, collection: own, itemField: undefined };
  if (own?.list && op.method === 'DELETE')
    return { behaviour: 'unrelate' as const, collection: own, itemField: undefined };
  if (own?.key && op.method === 'POST')
    return { behaviour: 'create' as const, collection: own, itemField: itemFieldOf(document, op)?.name };
  const current = currentOf(document, op, [...collections.values()]);
  if (current) return { behaviour: 'current' as const, ...current };
  if (ACTION_PATH.test(op.path) && op.method !== 'GET') {
    // An action whose answer carries the item it acts on answers that item, as it is after the action.
    const answer = itemFieldOf(document, op);
    const anchor = anchorOf(op.path, collections.values());
    const itemField = answer && anchor && answer.schema === anchor.collection.itemSchema ? answer.name : undefined;
    return { behaviour: 'action' as const, collection: undefined, itemField };
  }
  const field = fieldOf(op, collections);
  if (field)
    return {
      behaviour: 'field-put' as const,
      collection: undefined,
      itemField: itemFieldOf(document, op)?.name,
      field,
    };
  if (singletons.has(op.path)) {
    const behaviour = op.method === 'GET' ? ('singleton-get' as const) : ('singleton-put' as const);
    const itemField = behaviour === 'singleton-get' ? singletonFieldOf(document, op)?.name : undefined;
    return { behaviour, collection: undefined, itemField };
  }
  return { behaviour: 'example' as const, collection: undefined, itemField: undefined };
}

/** An action endpoint: a non-GET on `.../actions/<verb>`. */
const ACTION_PATH = /\/actions\/[^/{}]+$/;
/** The path an action sits on (`.../slow-query` of `.../slow-query/actions/enable`). */
const actionParent = (path: string) => (ACTION_PATH.test(path) ? path.replace(ACTION_PATH, '') : undefined);

/**
 * The singletons: a path that is no collection, with a GET whose answer holds one object (or one
 * list of values) and a PUT, PATCH or POST beside it (the default instance of a function, the
 * quota of an app group, the fixed-flow dividers of an experiment).
 */
function findSingletons(document: Json, ops: OpenApiOperation[], collections: Map<string, Collection>): Set<string> {
  const out = new Set<string>();
  for (const op of ops) {
    if (op.method !== 'GET' || collections.has(op.path) || ITEM_PATH.test(op.path) || ACTION_PATH.test(op.path))
      continue;
    if (!singletonFieldOf(document, op)) continue;
    const written = ops.some((w) => w.path === op.path && ['PUT', 'PATCH', 'POST'].includes(w.method));
    // Actions under the path that declare an effect write it too (`.../slow-query/actions/enable`).
    const acted = ops.some(
      (w) => w.method !== 'GET' && w.extensions['x-acs-effect'] && actionParent(w.path) === op.path,
    );
    if (written || acted) out.add(op.path);
  }
  return out;
}

/** `fetch-fields` → `fetchFields`: the item field a path segment names. */
const camelSegment = (segment: string) => segment.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A field PUT: a PUT or PATCH on `<item path>/<segment>` with no GET beside it, where the item's
 * schema has a field the segment names (`.../apps/{appId}/fetch-fields` sets the app's
 * `fetchFields`, `.../quota` its `quota`). The body replaces that field; the item's GET shows it.
 */
function fieldOf(op: OpenApiOperation, collections: Map<string, Collection>): string | undefined {
  if (op.method !== 'PUT' && op.method !== 'PATCH') return undefined;
  const at = op.path.lastIndexOf('/');
  const segment = op.path.slice(at + 1);
  if (segment.includes('{')) return undefined;
  const anchor = anchorOf(op.path, collections.values());
  if (!anchor || !samePath(op.path.slice(0, at), `${anchor.collection.path}/{${anchor.param}}`)) return undefined;
  const name = camelSegment(segment);
  return anchor.collection.itemSchema?.properties?.[name] ? name : undefined;
}

/** The parameter of `path` at the place of a collection's item key, when `path` lies under that item. */
function itemParamIn(path: string, collection: Collection): string | undefined {
  if (!collection.keyParam || !isUnder(path, `${collection.path}/{${collection.keyParam}}`)) return undefined;
  return pathParams(path)[pathParams(collection.path).length];
}

/** The deepest collection item a path sits under (`.../gadgets/{gadgetName}/settings` is under a gadget). */
function anchorOf(path: string, collections: Iterable<Collection>): Anchor | undefined {
  let best: Anchor | undefined;
  for (const c of collections) {
    const param = itemParamIn(path, c);
    if (!param) continue;
    if (!best || c.path.length > best.collection.path.length) best = { collection: c, param };
  }
  return best;
}

/** The parameter of an operation that carries an extension, and the extension's value. */
function extensionParam(op: OpenApiOperation, name: string): { name: string; value: unknown } | undefined {
  for (const p of op.parameters) {
    const value = p.extensions?.[name];
    if (value !== undefined) return { name: p.name, value };
  }
  return undefined;
}

/** `x-acs-output-levels` of an operation's parameter: each level's list of fields. */
function outputOf(op: OpenApiOperation): ModelOperation['output'] {
  const found = extensionParam(op, 'x-acs-output-levels');
  if (!found?.value || typeof found.value !== 'object') return undefined;
  const levels: Record<string, string[]> = {};
  for (const [level, fields] of Object.entries(found.value as Record<string, unknown>))
    if (Array.isArray(fields)) levels[level] = fields.map(String);
  return { name: found.name, levels };
}

/** Whether a 2xx schema is an anyOf/oneOf with a PascalCase member. */
function hasPascalTwin(document: Json, raw: Json): boolean {
  const schema = deref(document, raw);
  const members: Json[] = schema?.anyOf ?? schema?.oneOf ?? [];
  return members.some((m) => {
    const keys = Object.keys(deref(document, m)?.properties ?? {});
    return keys.length > 0 && keys.every((k) => k[0] !== k[0]!.toLowerCase());
  });
}

/** `x-acs-effect` of an operation. */
function effectOf(op: OpenApiOperation): Effect | undefined {
  const raw = op.extensions['x-acs-effect'] as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== 'object') return undefined;
  const requires: Record<string, unknown[]> = {};
  for (const [field, allowed] of Object.entries((raw.requires ?? {}) as Record<string, unknown>))
    requires[field] = Array.isArray(allowed) ? allowed : [allowed];
  return {
    set: (raw.set && typeof raw.set === 'object' ? raw.set : {}) as Record<string, unknown>,
    requires: Object.keys(requires).length > 0 ? requires : undefined,
    error: typeof raw.error === 'string' ? raw.error : undefined,
    owner: raw.owner === true,
  };
}

/** `x-acs-bulk` of an operation on a collection. */
function bulkOf(op: OpenApiOperation, collection: Collection): Bulk {
  const raw = op.extensions['x-acs-bulk'] as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
  return {
    items: typeof raw.items === 'string' ? raw.items : undefined,
    command: typeof raw.command === 'string' ? raw.command : 'cmd',
    put: list(raw.put),
    remove: list(raw.remove),
    collection,
  };
}

/** `x-acs-computed` of a read: the collections named by `from` (path templates), and the answer's list. */
function computedOf(document: Json, op: OpenApiOperation, collections: Map<string, Collection>): Computed | undefined {
  const raw = op.extensions['x-acs-computed'] as Record<string, unknown>;
  const paths = Array.isArray(raw.from) ? raw.from.map(String) : [];
  const from = [...collections.values()].filter((c) => paths.some((p) => samePath(p, c.path)));
  const answer = itemsFieldOf(document, op, undefined);
  if (!answer || from.length === 0) return undefined;
  return {
    from,
    within: typeof raw.within === 'string' ? raw.within : undefined,
    match: typeof raw.match === 'string' ? raw.match : undefined,
    fields: (raw.fields && typeof raw.fields === 'object' ? raw.fields : {}) as Record<string, string>,
    itemsField: answer.name,
    itemSchema: answer.schema,
  };
}

/** What readSpecModel has read of the whole document, for each operation's model. */
interface DocumentReading {
  document: Json;
  metas: Map<string, OperationMetadata>;
  validators: ReturnType<typeof createOperationValidators>;
  collections: Map<string, Collection>;
  singletons: Set<string>;
  notFoundCode: string;
}

/** One operation's model: its behaviour, the collection it acts on, and what its extensions declare. */
function modelOperation(op: OpenApiOperation, reading: DocumentReading): ModelOperation {
  const { document, metas, validators, collections, singletons, notFoundCode } = reading;
  const classified = classify(document, op, metas.get(op.operationId), collections, singletons);
  const { behaviour, collection, itemField } = classified;
  const target = behaviour === 'action' ? actionParent(op.path) : undefined;
  const fields = new Set(Object.keys(collection?.itemSchema?.properties ?? {}));
  const filters =
    behaviour === 'list' || behaviour === 'current' || behaviour === 'unrelate' ? filtersOf(document, op, fields) : [];
  const relation = op.extensions['x-acs-relation'] as { rows?: Record<string, string>; key?: string[] } | undefined;
  const response = successOf(op);
  const own404 = op.responses.find((r) => r.status === '404')?.examples as Array<Record<string, unknown>> | undefined;
  const ram = op.extensions['x-acs-ram'] as { action?: string } | undefined;
  return {
    op,
    meta: metas.get(op.operationId)!,
    behaviour,
    collection,
    itemField,
    filters,
    validator: validators.forOperation(op),
    success: response && {
      status: Number(response.status),
      schema: response.schema ? camelSchema(document, response.schema) : undefined,
      example: response.examples[0],
    },
    pascalTwin: response?.schema ? hasPascalTwin(document, response.schema) : false,
    notFoundCode: ((own404?.[0]?.code ?? own404?.[0]?.Code) as string | undefined) ?? notFoundCode,
    ramAction: ram?.action,
    output: outputOf(op),
    dryRun: extensionParam(op, 'x-acs-dry-run')?.name,
    anchor: collection ? undefined : anchorOf(op.path, collections.values()),
    effect: effectOf(op),
    target: target && singletons.has(target) ? target : undefined,
    bulk: behaviour === 'bulk' ? bulkOf(op, collection!) : undefined,
    computed: behaviour === 'computed' ? computedOf(document, op, collections) : undefined,
    merge: behaviour === 'merge' ? mergeOf(op.extensions['x-acs-merge']) : undefined,
    checks: behaviour === 'checks' ? checksOf(op.extensions['x-acs-checks']) : undefined,
    upsert: op.extensions['x-acs-upsert'] === true && behaviour === 'update',
    field: 'field' in classified ? classified.field : undefined,
    relation:
      behaviour === 'relate' && relation?.rows
        ? { rows: relation.rows, key: relation.key ?? Object.keys(relation.rows) }
        : undefined,
    bodySchema: op.requestBody ? camelSchema(document, op.requestBody.schema) : undefined,
  };
}

/** Models already read, per document object: a spec is read once, however many handler sets use it. */
const models = new WeakMap<object, SpecModel>();

/** The model of a document, read once per document object (treat documents as read-only). */
export function buildSpecModel(document: Json): SpecModel {
  if (document && typeof document === 'object') {
    const known = models.get(document);
    if (known) return known;
  }
  const model = readSpecModel(document);
  if (document && typeof document === 'object') models.set(document, model);
  return model;
}

function readSpecModel(document: Json): SpecModel {
  const ops = listOperations(document);
  const metas = new Map(operationMetadata(document, { requireAction: false }).map((m) => [m.operationId, m]));
  const validators = createOperationValidators(document);
  const collections = findCollections(document, ops, metas);
  relate(collections);
  const errorCodes = readErrorCodes(document, ops);
  // The code of the spec's own 404 example (Instance.NotExist), else the first documented 404 code.
  const notFound = [...errorCodes.values()].filter((c) => c.httpStatus === 404);
  const notFoundCode = (notFound.find((c) => c.example) ?? notFound[0])?.code ?? 'NotFound';

  const singletons = findSingletons(document, ops, collections);
  const reading = { document, metas, validators, collections, singletons, notFoundCode };
  const operations: ModelOperation[] = ops.map((op) => modelOperation(op, reading));
  return { document, operations, collections: [...collections.values()], errorCodes, notFoundCode };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
