// A behaviour per kind of operation: list (pages and filters), get, create, update, delete,
// current (the newest item of a collection beside it), and example (operations that fit no
// resource pattern: the spec's example with the request's own values filled in). Every answer goes
// through `reply`, which applies the operation's casing and puts the same request id in the body
// and the x-acs-request-id header.

import { normalizeCasing } from '@acs-opensearch/client';
import { type OutputLevel, selectOutput } from './outputLevels.js';
import { sampleFromSchema } from './sampleFromSchema.js';
import type { Collection, Filter, ModelOperation, SpecModel } from './specModel.js';
import type { ActiveFilter, Item, Parents, ResourceStore } from './store.js';
import type { FunctionInstance } from './types.js';

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
function envelope(
  ctx: BehaviourContext,
  model: ModelOperation,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const schema = model.success?.schema;
  const example = model.success?.example;
  const base: Record<string, unknown> =
    example && typeof example === 'object' ? copy(normalizeCasing<Record<string, unknown>>(example)) : {};
  const properties = schema?.properties ? Object.keys(schema.properties) : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) if (!properties || properties.includes(key)) out[key] = value;
  for (const [key, value] of Object.entries(fields)) if (!properties || properties.includes(key)) out[key] = value;
  if (properties?.includes('latency')) out.latency = ctx.latencyMs;
  return out;
}

/** Where a request's items live: its scope (app group, '' for a global collection) and partition values. */
function placeOf(values: Record<string, unknown>, collection: Collection) {
  const scope = collection.scope ? String(values[collection.scope]) : '';
  const parents: Parents = {};
  for (const name of collection.parents) parents[name] = values[name];
  return { scope, parents };
}

function output(item: Item, values: Record<string, unknown>): Item {
  const level = values.output as OutputLevel | undefined;
  return level === 'simple' || level === 'normal' || level === 'detail'
    ? (selectOutput(item as FunctionInstance, level) as Item)
    : item;
}

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
  const missing = missingOwner(ctx, values, owner.collection, reply);
  if (missing) return missing;
  const { scope, parents } = placeOf(values, owner.collection);
  if (ctx.store.get(owner.collection, scope, parents, values[owner.param])) return undefined;
  const code =
    ctx.spec.operations.find((m) => m.collection === owner.collection && m.behaviour === 'get')?.notFoundCode ??
    ctx.spec.notFoundCode;
  return reply.error(code, `The ${owner.param} ${JSON.stringify(values[owner.param])} does not exist.`, 404);
}

export function respond(ctx: BehaviourContext, exchange: Exchange, reply: Reply): Response {
  const { model, values } = exchange;
  const collection = model.collection;
  const missing = collection && missingOwner(ctx, values, collection, reply);
  if (missing) return missing;
  switch (model.behaviour) {
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
    const value = values[filter.name];
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
  const page = all.slice(start, start + pageSize).map((i) => output(copy(i), values));
  return reply.json(
    model.success?.status ?? 200,
    envelope(ctx, model, {
      [collection.itemsField!]: page,
      ...(paging ? { [paging.totalCount]: all.length } : { totalCount: all.length }),
    }),
  );
}

function item(
  ctx: BehaviourContext,
  { model, values, body }: Exchange,
  collection: Collection,
  reply: Reply,
): Response {
  const { scope, parents } = placeOf(values, collection);
  const key = values[collection.keyParam!];
  const store = ctx.store;
  const found =
    model.behaviour === 'get'
      ? store.get(collection, scope, parents, key)
      : model.behaviour === 'update'
        ? store.update(collection, scope, parents, key, (body ?? {}) as Item)
        : store.delete(collection, scope, parents, key)
          ? ({} as Item)
          : undefined;
  if (!found)
    return reply.error(model.notFoundCode, `The ${collection.keyParam} ${JSON.stringify(key)} does not exist.`, 404);
  const field = model.itemField;
  return reply.json(
    model.success?.status ?? 200,
    envelope(ctx, model, field ? { [field]: output(found, values) } : {}),
  );
}

function create(
  ctx: BehaviourContext,
  { model, values, body }: Exchange,
  collection: Collection,
  reply: Reply,
): Response {
  const { scope, parents } = placeOf(values, collection);
  const created: Item = { ...(body as Item) };
  // An item created through the API takes the list filters' defaults (an instance created by a
  // user is a `source: user` instance), so the default list shows it.
  for (const f of collection.filters)
    if (created[f.field] === undefined && f.default !== undefined && f.default !== 'all') created[f.field] = f.default;
  if (ctx.store.full)
    return reply.error('ServiceUnavailable', 'The mock store is full: it holds the most items it keeps.', 503);
  if (!ctx.store.create(collection, scope, parents, created)) {
    const conflict = [...ctx.spec.errorCodes.values()].find((c) => c.httpStatus === 409)?.code ?? 'Conflict';
    return reply.error(
      conflict,
      `The ${collection.key} ${JSON.stringify(created[collection.key!])} already exists.`,
      409,
    );
  }
  const field = model.itemField;
  const stored = ctx.store.get(collection, scope, parents, created[collection.key!]);
  return reply.json(model.success?.status ?? 200, envelope(ctx, model, field && stored ? { [field]: stored } : {}));
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
  return reply.json(model.success?.status ?? 200, envelope(ctx, model, { [model.itemField!]: copy(newest) }));
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
