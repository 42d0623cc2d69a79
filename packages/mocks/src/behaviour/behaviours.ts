// A behaviour per kind of operation: list (pages and filters), get, create, update, delete,
// current (the newest item of a collection beside it), and example (operations that fit no
// resource pattern: the spec's example with the request's own values filled in). Every answer goes
// through `reply`, which applies the operation's casing and puts the same request id in the body
// and the x-acs-request-id header.

import { normalizeCasing } from '@acs-opensearch/client';
import { mergeTables, runChecks } from '../model/derived.js';
import { alignParams } from '../model/paths.js';
import { sampleFromSchema } from '../model/sampleFromSchema.js';
import type { Anchor, Collection, Effect, Filter, ModelOperation, SpecModel } from '../model/specModel.js';
import type { ActiveFilter, Item, Parents, ResourceStore } from '../store/store.js';
import { projectOutput } from './outputLevels.js';

/** One validated request, ready for its behaviour. */
export interface Exchange {
  model: ModelOperation;
  /** Path, query and header parameters after validation, defaults applied. */
  values: Record<string, unknown>;
  body: unknown;
}

export interface Reply {
  /** A 2xx (or any) JSON answer: casing applied, requestId set in the body when the schema has one. */
  json(status: number, body: Record<string, unknown> | undefined): Response;
  /** An error in the API's shape, with the status the spec gives the code. */
  error(code: string, message: string, status?: number, headers?: Record<string, string>): Response;
}

export interface BehaviourContext {
  spec: SpecModel;
  store: ResourceStore;
  latencyMs: number;
}

const copy = <T>(value: T): T => structuredClone(value);

/** The body of an answer: the spec's example (camelCase, a copy) cut to the success schema's fields, with `fields` set. */
function envelope(model: ModelOperation, fields: Record<string, unknown>): Record<string, unknown> {
  const schema = model.success?.schema;
  const example = model.success?.example;
  const base: Record<string, unknown> =
    example && typeof example === 'object' ? copy(normalizeCasing<Record<string, unknown>>(example)) : {};
  const properties = schema?.properties ? Object.keys(schema.properties) : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) if (!properties || properties.includes(key)) out[key] = value;
  for (const [key, value] of Object.entries(fields)) if (!properties || properties.includes(key)) out[key] = value;
  // The reply writes the real latency wherever the answer has the field.
  if (properties?.includes('latency')) out.latency = 0;
  return out;
}

/** Where a request's items live: its scope (app group, '' for a global collection) and partition values. */
function placeOf(values: Record<string, unknown>, collection: Collection) {
  const scope = collection.scope ? String(values[collection.scope]) : '';
  const parents: Parents = {};
  for (const name of collection.parents) parents[name] = values[name];
  return { scope, parents };
}

/** The item at the output level the request asks for, as the operation's spec lists its fields. */
function output(model: ModelOperation, collection: Collection, item: Item, values: Record<string, unknown>): Item {
  const declared = model.output;
  if (!declared) return item;
  const fields = declared.levels[String(values[declared.name])];
  return fields ? projectOutput(item, fields, collection.itemSchema?.required ?? []) : item;
}

/** Only the fields the item schema declares (a body may carry others; the store keeps none of them). */
function declaredOnly(collection: Collection | undefined, body: unknown, schema?: unknown): Item {
  const properties = ((schema ?? collection?.itemSchema) as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  const out: Item = {};
  for (const [key, value] of Object.entries((body ?? {}) as Item))
    if (!properties || Object.hasOwn(properties, key)) out[key] = value;
  return out;
}

/** Whether the request asks for a dry run: validated, answered, and nothing written. */
const isDryRun = (model: ModelOperation, values: Record<string, unknown>) =>
  model.dryRun !== undefined && values[model.dryRun] === true;

/** The 404 for a request whose app group, or the item its collection is nested under, does not exist. */
function missingOwner(
  ctx: BehaviourContext,
  values: Record<string, unknown>,
  collection: Collection,
  reply: Reply,
): Response | undefined {
  if (collection.scope && !ctx.store.hasScope(String(values[collection.scope]))) {
    return reply.error(
      ctx.spec.notFoundCode,
      `The ${collection.scope} ${JSON.stringify(values[collection.scope])} does not exist.`,
      404,
    );
  }
  const owner = collection.owner;
  if (!owner) return undefined;
  // The owner's path may call its parameters otherwise (`appId` where this one says `appVersionId`).
  const ownerValues = alignParams(values, collection.path, owner.collection.path);
  const missing = missingOwner(ctx, ownerValues, owner.collection, reply);
  if (missing) return missing;
  const { scope, parents } = placeOf(ownerValues, owner.collection);
  if (ctx.store.get(owner.collection, scope, parents, values[owner.param])) return undefined;
  return reply.error(
    notFoundOf(ctx, owner.collection),
    `The ${owner.param} ${JSON.stringify(values[owner.param])} does not exist.`,
    404,
  );
}

/** The 404 for a singleton or an action whose item (or app group) does not exist. */
function missingAnchor(
  ctx: BehaviourContext,
  values: Record<string, unknown>,
  anchor: Anchor,
  reply: Reply,
): Response | undefined {
  const { collection, param } = anchor;
  if (collection.isScope) {
    if (ctx.store.hasScope(String(values[param]))) return undefined;
    return reply.error(ctx.spec.notFoundCode, `The ${param} ${JSON.stringify(values[param])} does not exist.`, 404);
  }
  const missing = missingOwner(ctx, values, collection, reply);
  if (missing) return missing;
  const { scope, parents } = placeOf(values, collection);
  if (ctx.store.get(collection, scope, parents, values[param])) return undefined;
  return reply.error(notFoundOf(ctx, collection), `The ${param} ${JSON.stringify(values[param])} does not exist.`, 404);
}

/** The code of "not found" for a collection's items: its get operation's, else the spec's. */
function notFoundOf(ctx: BehaviourContext, collection: Collection): string {
  return (
    ctx.spec.operations.find((m) => m.collection === collection && m.behaviour === 'get')?.notFoundCode ??
    ctx.spec.notFoundCode
  );
}

export function respond(ctx: BehaviourContext, exchange: Exchange, reply: Reply): Response {
  const { model, values } = exchange;
  const collection = model.collection;
  const missing = collection
    ? missingOwner(ctx, values, collection, reply)
    : model.anchor &&
      missingAnchor(ctx, alignParams(values, model.op.path, model.anchor.collection.path), model.anchor, reply);
  if (missing) return missing;
  switch (model.behaviour) {
    case 'singleton-get':
    case 'singleton-put':
      return singleton(ctx, exchange, reply);
    case 'action':
      return action(ctx, exchange, reply);
    case 'bulk':
      return bulk(ctx, exchange, collection!, reply);
    case 'computed':
      return computed(ctx, exchange, reply);
    case 'merge':
    case 'checks':
      return derived(exchange, reply);
    case 'field-put':
      return fieldPut(ctx, exchange, reply);
    case 'relate':
      return relate(ctx, exchange, collection!, reply);
    case 'unrelate':
      return unrelate(ctx, exchange, collection!, reply);
    case 'list':
      return list(ctx, exchange, collection!, reply);
    case 'get':
    case 'update':
    case 'delete':
      return item(ctx, exchange, collection!, reply);
    case 'create':
      return create(ctx, exchange, collection!, reply);
    case 'current':
      return current(ctx, exchange, collection!, reply);
    default:
      return example(ctx, exchange, reply);
  }
}

/** The filters a request sets (a value `all` of an enum with `all` sets none). */
export function activeFilters(filters: readonly Filter[], values: Record<string, unknown>): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const filter of filters) {
    let value = values[filter.name];
    // A coded value stands for a field value (`isActive=1` for `active: true`), or for no filter.
    if (value !== undefined && filter.values && Object.hasOwn(filter.values, String(value)))
      value = filter.values[String(value)] ?? undefined;
    if (value !== undefined && !(filter.all && value === 'all')) out.push({ filter, value });
  }
  return out;
}

function list(ctx: BehaviourContext, { model, values }: Exchange, collection: Collection, reply: Reply): Response {
  const { scope, parents } = placeOf(values, collection);
  const all = ctx.store.list(collection, scope, parents, activeFilters(model.filters, values));
  const paging = model.meta.pagination;
  const pageNumber = Number(paging ? (values[paging.pageNumber] ?? 1) : 1);
  const pageSize = Number(paging ? (values[paging.pageSize] ?? all.length) : all.length);
  const start = (pageNumber - 1) * pageSize;
  const page = all.slice(start, start + pageSize).map((i) => output(model, collection, copy(i), values));
  return reply.json(
    model.success?.status ?? 200,
    envelope(model, {
      [collection.itemsField!]: page,
      ...(paging ? { [paging.totalCount]: all.length } : { totalCount: all.length }),
    }),
  );
}

function item(ctx: BehaviourContext, exchange: Exchange, collection: Collection, reply: Reply): Response {
  const { model, values, body } = exchange;
  const { scope, parents } = placeOf(values, collection);
  const key = values[collection.keyParam!];
  const store = ctx.store;
  const existing = store.get(collection, scope, parents, key);
  const dry = isDryRun(model, values);
  // A write whose effect is on the item it is inside may need that item in a state first (no file
  // is saved into a released script).
  if (model.behaviour === 'update') {
    const refused = ownerRefusal(ctx, model, collection, values, reply);
    if (refused) return refused;
  }
  // A PUT that may create (`x-acs-upsert`: a script's file) creates the item it names when there is none.
  if (!existing && model.upsert) return upsertItem(ctx, exchange, collection, reply);
  const found =
    !existing || model.behaviour === 'get' || dry
      ? existing && (model.behaviour === 'update' ? { ...existing, ...declaredOnly(collection, body) } : existing)
      : model.behaviour === 'update'
        ? updateItem(ctx, model, collection, values, declaredOnly(collection, body))
        : removeItem(ctx, collection, scope, parents, key, values);
  if (!found)
    return reply.error(model.notFoundCode, `The ${collection.keyParam} ${JSON.stringify(key)} does not exist.`, 404);
  const field = model.itemField;
  return reply.json(
    model.success?.status ?? 200,
    envelope(model, field && model.behaviour !== 'delete' ? { [field]: output(model, collection, found, values) } : {}),
  );
}

/** Updates an item (and applies an effect the operation declares on its owner). */
function updateItem(
  ctx: BehaviourContext,
  model: ModelOperation,
  collection: Collection,
  values: Record<string, unknown>,
  changes: Item,
): Item | undefined {
  const { scope, parents } = placeOf(values, collection);
  const updated = ctx.store.update(collection, scope, parents, values[collection.keyParam!], changes);
  if (updated) applyOwnerEffect(ctx, model, collection, values);
  return updated;
}

/** The answer when the store holds the most items it keeps. */
const storeFull = (reply: Reply) =>
  reply.error('ServiceUnavailable', 'The mock store is full: it holds the most items it keeps.', 503);

/** An item a write puts: the declared fields of `body`, the item schema's defaults, the parents it carries. */
const newItem = (collection: Collection, body: unknown, values: Record<string, unknown>): Item => ({
  ...withDefaults(collection, declaredOnly(collection, body)),
  ...pickValues(values, collection.carried),
});

/** Creates the item an upsert names: the body's declared fields, its key and parents from the path. */
function upsertItem(ctx: BehaviourContext, exchange: Exchange, collection: Collection, reply: Reply): Response {
  const { model, values, body } = exchange;
  const { scope, parents } = placeOf(values, collection);
  const created: Item = { ...newItem(collection, body, values), [collection.key!]: values[collection.keyParam!] };
  if (!isDryRun(model, values)) {
    if (ctx.store.full) return storeFull(reply);
    ctx.store.create(collection, scope, parents, created);
    applyOwnerEffect(ctx, model, collection, values);
  }
  const field = model.itemField;
  return reply.json(model.success?.status ?? 200, envelope(model, field ? { [field]: created } : {}));
}

/** The item a collection's items are inside, where the operation's effect is on it (`owner: true`). */
function ownerOf(
  ctx: BehaviourContext,
  model: ModelOperation,
  collection: Collection,
  values: Record<string, unknown>,
) {
  const owner = collection.owner;
  if (!model.effect?.owner || !owner) return undefined;
  const ownerValues = alignParams(values, collection.path, owner.collection.path);
  const { scope, parents } = placeOf(ownerValues, owner.collection);
  const key = values[owner.param];
  return { owner, scope, parents, key, item: ctx.store.get(owner.collection, scope, parents, key) };
}

/** The error of a write whose effect needs the item it is inside in a state that item is not in. */
function ownerRefusal(
  ctx: BehaviourContext,
  model: ModelOperation,
  collection: Collection,
  values: Record<string, unknown>,
  reply: Reply,
): Response | undefined {
  const found = ownerOf(ctx, model, collection, values);
  if (!found?.item || !model.effect?.requires) return undefined;
  return refusal(ctx, model, model.effect, found.item, `the ${found.owner.param} ${JSON.stringify(found.key)}`, reply);
}

/** An effect on the item an operation's collection sits under (a saved file marks its script). */
function applyOwnerEffect(
  ctx: BehaviourContext,
  model: ModelOperation,
  collection: Collection,
  values: Record<string, unknown>,
) {
  const found = ownerOf(ctx, model, collection, values);
  if (found)
    ctx.store.update(found.owner.collection, found.scope, found.parents, found.key, copy(model.effect!.set) as Item);
}

/**
 * The values a new item starts with for the fields it leaves out: the item schema's `default` (a
 * new script is `configurable`), else its `x-acs-initial` (a task just started is `running`).
 */
function withDefaults(collection: Collection, item: Item): Item {
  const out = { ...item };
  for (const [name, schema] of Object.entries<{ default?: unknown; 'x-acs-initial'?: unknown }>(
    collection.itemSchema?.properties ?? {},
  )) {
    const start = schema?.default !== undefined ? schema.default : schema?.['x-acs-initial'];
    if (out[name] === undefined && start !== undefined) out[name] = copy(start);
  }
  return out;
}

/** The fields of an item schema the server assigns (`x-acs-assigned: <prefix>`): the prefix and the new item's number. */
function assignedFields(collection: Collection): Array<[string, string]> {
  return Object.entries<{ 'x-acs-assigned'?: unknown }>(collection.itemSchema?.properties ?? {})
    .filter(([, schema]) => schema?.['x-acs-assigned'] !== undefined)
    .map(([name, schema]) => [name, typeof schema['x-acs-assigned'] === 'string' ? schema['x-acs-assigned'] : '']);
}

/** Deletes an item and everything under it (nested items, singletons; for an app group, all it holds). */
function removeItem(
  ctx: BehaviourContext,
  collection: Collection,
  scope: string,
  parents: Parents,
  key: unknown,
  values: Record<string, unknown>,
): Item | undefined {
  if (!ctx.store.delete(collection, scope, parents, key)) return undefined;
  const under = { ...values, [collection.keyParam!]: key };
  ctx.store.removeUnder(`${collection.path}/{${collection.keyParam}}`, under);
  if (collection.isScope) ctx.store.dropScope(String(key));
  return {};
}

function create(
  ctx: BehaviourContext,
  { model, values, body }: Exchange,
  collection: Collection,
  reply: Reply,
): Response {
  const { scope, parents } = placeOf(values, collection);
  const created: Item = withDefaults(collection, declaredOnly(collection, body));
  const key = collection.key!;
  // An item that names its app group (a field called like the scope parameter) names the one it is in.
  if (
    collection.scope &&
    collection.itemSchema?.properties?.[collection.scope] &&
    created[collection.scope] === undefined
  )
    created[collection.scope] = values[collection.scope];
  // An id the request does not give is the server's to assign: the next one, never reused. Fields
  // the server assigns (`x-acs-assigned`) take the same number, after their prefix.
  let id: number | undefined;
  const next = () => {
    id ??= ctx.store.nextId(collection);
    return id;
  };
  for (const [name, prefix] of assignedFields(collection))
    if (created[name] === undefined && name !== key) created[name] = `${prefix}${next()}`;
  // A field the item schema requires and the request does not give gets a value of its schema.
  for (const name of (collection.itemSchema?.required ?? []) as string[])
    if (created[name] === undefined && name !== key && !collection.carried.includes(name))
      created[name] = sampleFromSchema(ctx.spec.document, collection.itemSchema.properties?.[name]);
  if (created[key] === undefined) {
    const n = next();
    created[key] =
      (collection.itemSchema?.properties?.[key] as { type?: string } | undefined)?.type === 'string' ? String(n) : n;
  }
  // An item created through the API takes the list filters' defaults (an instance created by a
  // user is a `source: user` instance), so the default list shows it.
  for (const f of collection.filters)
    if (created[f.field] === undefined && f.default !== undefined && f.default !== 'all') created[f.field] = f.default;
  if (ctx.store.full) return storeFull(reply);
  const exists = ctx.store.get(collection, scope, parents, created[key]) !== undefined;
  const dry = isDryRun(model, values);
  if (exists || (!dry && !ctx.store.create(collection, scope, parents, created))) {
    const conflict = [...ctx.spec.errorCodes.values()].find((c) => c.httpStatus === 409)?.code ?? 'Conflict';
    return reply.error(
      conflict,
      `The ${collection.key} ${JSON.stringify(created[collection.key!])} already exists.`,
      409,
    );
  }
  if (!dry && collection.isScope) ctx.store.openScope(String(created[key]));
  const field = model.itemField;
  const stored = dry
    ? { ...created, ...pickValues(values, collection.carried) }
    : ctx.store.get(collection, scope, parents, created[key]);
  return reply.json(model.success?.status ?? 200, envelope(model, field && stored ? { [field]: stored } : {}));
}

function pickValues(values: Record<string, unknown>, names: readonly string[]): Item {
  const out: Item = {};
  for (const name of names) if (values[name] !== undefined) out[name] = values[name];
  return out;
}

/** The path values of an operation (they name a singleton's place); of the part of its path `within` when given. */
function pathValues(model: ModelOperation, values: Record<string, unknown>, within?: string): Parents {
  const out: Parents = {};
  for (const p of model.op.parameters)
    if (p.in === 'path' && (!within || within.includes(`{${p.name}}`))) out[p.name] = values[p.name];
  return out;
}

/** The GET of a singleton's path: its answer's field and example give the singleton's first value. */
function singletonReader(ctx: BehaviourContext, model: ModelOperation): ModelOperation | undefined {
  return model.behaviour === 'singleton-get'
    ? model
    : ctx.spec.operations.find((m) => m.op.path === model.op.path && m.behaviour === 'singleton-get');
}

/** What a singleton holds before any write: the spec's example (or a sample), with the request's values. */
function initialSingleton(ctx: BehaviourContext, reader: ModelOperation, values: Record<string, unknown>): Item {
  // The spec may say what the singleton holds before any write (`x-acs-initial-value`: "none set").
  const declared = reader.op.extensions['x-acs-initial-value'];
  if (declared && typeof declared === 'object') return copy(declared as Item);
  const field = reader.itemField!;
  const example = reader.success?.example as Record<string, unknown> | undefined;
  const fromExample = example ? normalizeCasing<Record<string, unknown>>(copy(example))[field] : undefined;
  const schema = reader.success?.schema?.properties?.[field];
  const value =
    fromExample && typeof fromExample === 'object'
      ? (fromExample as Item)
      : ((sampleFromSchema(ctx.spec.document, schema) as Item | undefined) ?? {});
  return fillIn({ ...value }, values);
}

/** A singleton: a GET answers its value, a write merges the body into it (none on a dry run). */
function singleton(ctx: BehaviourContext, { model, values, body }: Exchange, reply: Reply): Response {
  const reader = singletonReader(ctx, model);
  const place = pathValues(model, values);
  const schema = reader?.success?.schema?.properties?.[reader.itemField ?? ''];
  const current =
    ctx.store.singleton(model.op.path, place) ?? (reader ? initialSingleton(ctx, reader, values) : ({} as Item));
  let value = current;
  if (model.behaviour === 'singleton-put') {
    // A list is replaced by the list sent; an object takes the body's declared fields.
    value = Array.isArray(body)
      ? (copy(body) as unknown as Item)
      : { ...current, ...declaredOnly(undefined, body, schema) };
    if (!isDryRun(model, values)) ctx.store.setSingleton(model.op.path, place, value);
  }
  const field =
    model.itemField ?? (model.success?.schema?.properties?.[reader?.itemField ?? ''] ? reader?.itemField : undefined);
  const answer = fillIn(envelope(model, field ? { [field]: copy(value) } : {}), values);
  // An answer that repeats the singleton's fields next to it (`instanceName` beside `result`) repeats its value.
  if (field) for (const [key, v] of Object.entries(value)) if (key !== field && key in answer) answer[key] = copy(v);
  return reply.json(model.success?.status ?? 200, answer);
}

/** The values at a dotted path of a body (`tag.key`): arrays on the way give one value per element. */
function valuesAt(body: unknown, path: string): { group: string; values: unknown[] } {
  const [head, ...rest] = path.split('.');
  let values: unknown[] = [(body as Item | undefined)?.[head!]];
  if (Array.isArray(values[0])) values = values[0] as unknown[];
  for (const step of rest) values = values.map((v) => (v && typeof v === 'object' ? (v as Item)[step] : undefined));
  return { group: head!, values };
}

/** The rows a body stands for: fields from the same body field go together, and different ones combine. */
function expandRows(body: unknown, rows: Record<string, string>): Item[] {
  const groups = new Map<string, Array<[string, unknown[]]>>();
  for (const [field, path] of Object.entries(rows)) {
    const { group, values } = valuesAt(body, path);
    groups.set(group, [...(groups.get(group) ?? []), [field, values]]);
  }
  let out: Item[] = [{}];
  for (const fields of groups.values()) {
    const count = Math.max(...fields.map(([, values]) => values.length));
    const next: Item[] = [];
    for (const row of out)
      for (let i = 0; i < count; i++) {
        const added: Item = { ...row };
        for (const [field, values] of fields) if (values[i] !== undefined) added[field] = values[i];
        next.push(added);
      }
    out = next;
  }
  return out;
}

/** A relate: the body becomes rows, which replace the rows with the same key (none on a dry run). */
function relate(ctx: BehaviourContext, exchange: Exchange, collection: Collection, reply: Reply): Response {
  const { model, values, body } = exchange;
  const { scope } = placeOf(values, collection);
  const rows = expandRows(body, model.relation!.rows);
  if (!isDryRun(model, values)) ctx.store.putRows(collection, scope, rows, model.relation!.key);
  return example(ctx, exchange, reply);
}

/** An unrelate: removes the rows every filter of the query matches (none on a dry run). */
function unrelate(ctx: BehaviourContext, exchange: Exchange, collection: Collection, reply: Reply): Response {
  const { model, values } = exchange;
  const { scope } = placeOf(values, collection);
  if (!isDryRun(model, values)) ctx.store.removeRows(collection, scope, activeFilters(model.filters, values));
  return example(ctx, exchange, reply);
}

/** Where an anchored operation's item lives in the store (its path may name the parameters otherwise). */
function placeOfAnchor(model: ModelOperation, values: Record<string, unknown>, anchor: Anchor) {
  return anchor.collection.isScope
    ? { scope: '', parents: {} }
    : placeOf(alignParams(values, model.op.path, anchor.collection.path), anchor.collection);
}

/** A field PUT: the body replaces one field of the item the path sits under (none on a dry run). */
function fieldPut(ctx: BehaviourContext, exchange: Exchange, reply: Reply): Response {
  const { model, values, body } = exchange;
  const { collection, param } = model.anchor!;
  const { scope, parents } = placeOfAnchor(model, values, model.anchor!);
  const current = ctx.store.get(collection, scope, parents, values[param]);
  if (!current)
    return reply.error(
      notFoundOf(ctx, collection),
      `The ${param} ${JSON.stringify(values[param])} does not exist.`,
      404,
    );
  const was = current[model.field!];
  // An object body merges into an object field (a quota keeps what the body leaves out); anything else replaces it.
  const merged =
    body && typeof body === 'object' && !Array.isArray(body) && was && typeof was === 'object' && !Array.isArray(was)
      ? { ...(was as Item), ...(body as Item) }
      : body;
  const updated = isDryRun(model, values)
    ? { ...current, [model.field!]: merged }
    : ctx.store.update(collection, scope, parents, values[param], { [model.field!]: copy(merged) })!;
  // An answer that carries the item (ModifyAppGroupQuota's) carries it changed; others answer like the example.
  if (model.itemField) return reply.json(model.success?.status ?? 200, envelope(model, { [model.itemField]: updated }));
  return example(ctx, exchange, reply);
}

/** An action: checks and applies its declared effect to the item (or singleton) it sits on, then answers like the example. */
function action(ctx: BehaviourContext, exchange: Exchange, reply: Reply): Response {
  const { model, values } = exchange;
  const anchor = model.anchor;
  const effect = model.effect;
  if (effect && model.target) {
    // An action on a singleton's path (`.../slow-query/actions/enable`) acts on that singleton's value.
    const reader = ctx.spec.operations.find((m) => m.op.path === model.target && m.behaviour === 'singleton-get');
    const place = pathValues(model, values, model.target);
    const value = ctx.store.singleton(model.target, place) ?? (reader ? initialSingleton(ctx, reader, values) : {});
    const refused = refusal(ctx, model, effect, value, `the ${model.target.split('/').pop()} settings`, reply);
    if (refused) return refused;
    if (!isDryRun(model, values)) ctx.store.setSingleton(model.target, place, { ...value, ...copy(effect.set) });
  } else if (effect && anchor) {
    const { scope, parents } = placeOfAnchor(model, values, anchor);
    const item = ctx.store.get(anchor.collection, scope, parents, values[anchor.param]);
    const what = `the ${anchor.param} ${JSON.stringify(values[anchor.param])}`;
    const refused = item && refusal(ctx, model, effect, item, what, reply);
    if (refused) return refused;
    if (!isDryRun(model, values))
      ctx.store.update(anchor.collection, scope, parents, values[anchor.param], copy(effect.set) as Item);
  }
  if (model.itemField && anchor) {
    const { scope, parents } = placeOfAnchor(model, values, anchor);
    const item = ctx.store.get(anchor.collection, scope, parents, values[anchor.param]);
    if (item) return reply.json(model.success?.status ?? 200, envelope(model, { [model.itemField]: item }));
  }
  return example(ctx, exchange, reply);
}

/** The error of an action whose item does not have the values its effect requires (a release of an uncompiled script). */
function refusal(
  ctx: BehaviourContext,
  model: ModelOperation,
  effect: Effect,
  item: Item,
  what: string,
  reply: Reply,
): Response | undefined {
  for (const [field, allowed] of Object.entries(effect.requires ?? {})) {
    if (allowed.some((v) => v === item[field])) continue;
    const code = effect.error ?? 'InvalidParameter';
    const status = ctx.spec.errorCodes.get(code)?.httpStatus ?? 400;
    return reply.error(
      code,
      `${model.meta.action ?? model.op.operationId} needs ${what} to have ${field} ${allowed
        .map((v) => JSON.stringify(v))
        .join(' or ')}; it is ${JSON.stringify(item[field] ?? null)}.`,
      status,
    );
  }
  return undefined;
}

/** The newest item of the collection beside the operation that passes the query's field filters. */
function current(ctx: BehaviourContext, { model, values }: Exchange, collection: Collection, reply: Reply): Response {
  const { scope, parents } = placeOf(values, collection);
  const all = ctx.store.list(collection, scope, parents, activeFilters(model.filters, values));
  const key = collection.key;
  const newest = key
    ? [...all]
        .sort((a, b) => (Number(a[key]) || 0) - (Number(b[key]) || 0) || String(a[key]).localeCompare(String(b[key])))
        .at(-1)
    : all.at(-1);
  if (!newest) {
    const where = collection.parents.map((p) => `${p} ${JSON.stringify(values[p])}`).join(', ');
    return reply.error(model.notFoundCode, `No ${key ?? 'item'} matches${where ? ` for ${where}` : ''}.`, 404);
  }
  return reply.json(model.success?.status ?? 200, envelope(model, { [model.itemField!]: copy(newest) }));
}

/**
 * A bulk action: every command of the body puts (adds or replaces) or removes an item of the
 * collection it sits on, in order. A command the spec does not declare refuses the whole request
 * before anything is written; a dry run checks them and writes nothing.
 */
function bulk(ctx: BehaviourContext, exchange: Exchange, collection: Collection, reply: Reply): Response {
  const { model, values, body } = exchange;
  const spec = model.bulk!;
  const raw = spec.items ? (body as Item | undefined)?.[spec.items] : body;
  const commands = (Array.isArray(raw) ? raw : []) as Item[];
  const where = (i: number) => `${spec.items ? `${spec.items}[${i}]` : `[${i}]`}.${spec.command}`;
  const key = collection.key!;
  for (const [i, command] of commands.entries()) {
    const name = command?.[spec.command];
    if (!spec.put.includes(String(name)) && !spec.remove.includes(String(name)))
      return reply.error(
        'InvalidParameter',
        `Unknown command ${JSON.stringify(name)} at ${where(i)}: expected one of ${[...spec.put, ...spec.remove].join(', ')}.`,
        400,
      );
    if (command[key] === undefined || command[key] === null || command[key] === '')
      return reply.error('InvalidParameter', `The command at ${where(i)} names no ${key}.`, 400);
  }
  if (!isDryRun(model, values)) {
    const { scope, parents } = placeOf(values, collection);
    if (ctx.store.full) return storeFull(reply);
    for (const command of commands) {
      const id = command[key];
      ctx.store.delete(collection, scope, parents, id);
      if (spec.put.includes(String(command[spec.command])))
        ctx.store.create(collection, scope, parents, newItem(collection, command, values));
    }
  }
  return example(ctx, exchange, reply);
}

/**
 * A computed read: the items of the collections it names (under the request's path values), kept
 * when their `match` field occurs in the request's `within` value, and shown with the answer's
 * fields (taken from the item, under the name `fields` gives, else from the spec's example item).
 */
function computed(ctx: BehaviourContext, exchange: Exchange, reply: Reply): Response {
  const { model, values } = exchange;
  const spec = model.computed;
  if (!spec) return example(ctx, exchange, reply);
  const text = spec.within !== undefined ? String(values[spec.within] ?? '') : undefined;
  const items: Item[] = [];
  for (const collection of spec.from) {
    const aligned = alignParams(values, model.op.path, collection.path);
    const { scope, parents } = placeOf(aligned, collection);
    for (const item of ctx.store.list(collection, scope, parents, []))
      if (
        text === undefined ||
        !spec.match ||
        (item[spec.match] !== undefined && text.includes(String(item[spec.match])))
      )
        items.push(item);
  }
  const sample = ((model.success?.example as Item | undefined)?.[spec.itemsField] as Item[] | undefined)?.[0] ?? {};
  const shown = items.map((item) => {
    const out: Item = {};
    for (const name of Object.keys(spec.itemSchema?.properties ?? {})) {
      const value = item[spec.fields[name] ?? name];
      out[name] = copy(value !== undefined ? value : sample[name]);
      if (out[name] === undefined) delete out[name];
    }
    return out;
  });
  const schema = model.success?.schema?.properties ?? {};
  return reply.json(
    model.success?.status ?? 200,
    envelope(model, { [spec.itemsField]: shown, ...('totalCount' in schema ? { totalCount: shown.length } : {}) }),
  );
}

/** An answer computed from the request alone: the wide table of a join (or a 400 saying why not), the outcomes of checks. */
function derived({ model, body }: Exchange, reply: Reply): Response {
  const status = model.success?.status ?? 200;
  if (model.checks) {
    const outcomes = runChecks(model.checks, body);
    return reply.json(status, envelope(model, { [model.checks.answer]: outcomes }));
  }
  const merged = mergeTables(model.merge!, body);
  if (!merged.ok) return reply.error('InvalidParameter', merged.message, 400);
  return reply.json(status, envelope(model, { [model.merge!.answer]: merged.answer }));
}

/** Sets, in an answer and in its object fields, every field named like a request value. */
function fillIn(body: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const set = (target: Record<string, unknown>) => {
    for (const name of Object.keys(target))
      if (values[name] !== undefined && typeof values[name] !== 'object' && name !== 'requestId') {
        const was = target[name];
        target[name] =
          typeof was === 'number' && Number.isFinite(Number(values[name])) ? Number(values[name]) : values[name];
      }
  };
  set(body);
  for (const child of Object.values(body))
    if (child && typeof child === 'object' && !Array.isArray(child)) set(child as Record<string, unknown>);
  return body;
}

function example(ctx: BehaviourContext, { model, values }: Exchange, reply: Reply): Response {
  const success = model.success;
  if (!success) return new Response(null, { status: 204 });
  if (success.status === 204 || (!success.schema && success.example === undefined))
    return new Response(null, { status: success.status });
  const body =
    success.example !== undefined ? copy(success.example) : sampleFromSchema(ctx.spec.document, success.schema);
  return reply.json(
    success.status,
    body && typeof body === 'object' && !Array.isArray(body)
      ? fillIn(normalizeCasing<Record<string, unknown>>(body), values)
      : (body as never),
  );
}
