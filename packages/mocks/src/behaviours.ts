// A behaviour per kind of operation: list (pages and filters), get, create, update, delete, and
// example (operations that fit no resource pattern). Every answer goes through `reply`, which
// applies the casing and puts the same request id in the body and the x-acs-request-id header.

import { normalizeCasing } from '@acs-opensearch/client';
import { type OutputLevel, selectOutput } from './outputLevels.js';
import { sampleFromSchema } from './sampleFromSchema.js';
import type { Collection, ModelOperation, SpecModel } from './specModel.js';
import type { Item, ResourceStore } from './store.js';
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

function scopeAndParents(values: Record<string, unknown>, collection: Collection) {
  const scope = String(values[collection.scope]);
  const parents: Record<string, unknown> = {};
  for (const name of collection.parents) parents[name] = values[name];
  return { scope, parents };
}

function output(item: Item, values: Record<string, unknown>): Item {
  const level = values.output as OutputLevel | undefined;
  return level === 'simple' || level === 'normal' || level === 'detail'
    ? (selectOutput(item as FunctionInstance, level) as Item)
    : item;
}

export function respond(ctx: BehaviourContext, exchange: Exchange, reply: Reply): Response {
  const { model, values } = exchange;
  const collection = model.collection;
  if (collection && !ctx.store.hasScope(String(values[collection.scope]))) {
    return reply.error(
      ctx.spec.notFoundCode,
      `The ${collection.scope} ${JSON.stringify(values[collection.scope])} does not exist.`,
      404,
    );
  }
  switch (model.behaviour) {
    case 'list':
      return list(ctx, exchange, collection!, reply);
    case 'get':
    case 'update':
    case 'delete':
      return item(ctx, exchange, collection!, reply);
    case 'create':
      return create(ctx, exchange, collection!, reply);
    default:
      return example(ctx, exchange, reply);
  }
}

function list(ctx: BehaviourContext, { model, values }: Exchange, collection: Collection, reply: Reply): Response {
  const { scope, parents } = scopeAndParents(values, collection);
  const filters: Record<string, unknown> = {};
  for (const f of collection.filters) {
    const value = values[f.name];
    if (value !== undefined && !(f.all && value === 'all')) filters[f.name] = value;
  }
  const all = ctx.store.list(collection, scope, parents, filters);
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
  const { scope, parents } = scopeAndParents(values, collection);
  const key = values[collection.key!];
  const found =
    model.behaviour === 'get'
      ? ctx.store.get(collection, scope, parents, key)
      : model.behaviour === 'update'
        ? ctx.store.update(collection, scope, parents, key, (body ?? {}) as Item)
        : ctx.store.delete(collection, scope, parents, key)
          ? ({} as Item)
          : undefined;
  if (!found)
    return reply.error(ctx.spec.notFoundCode, `The ${collection.key} ${JSON.stringify(key)} does not exist.`, 404);
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
  const { scope, parents } = scopeAndParents(values, collection);
  const created: Item = { ...(body as Item) };
  // An item created through the API takes the list filters' defaults (an instance created by a
  // user is a `source: user` instance), so the default list shows it.
  for (const f of collection.filters)
    if (created[f.name] === undefined && f.default !== undefined && f.default !== 'all') created[f.name] = f.default;
  if (!ctx.store.create(collection, scope, parents, created)) {
    const conflict =
      [...ctx.spec.errorCodes.values()].find((c) => c.httpStatus === 409)?.code ?? 'Instance.AlreadyExist';
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

function example(ctx: BehaviourContext, { model }: Exchange, reply: Reply): Response {
  const success = model.success;
  if (!success) return new Response(null, { status: 204 });
  if (success.status === 204 || (!success.schema && success.example === undefined))
    return new Response(null, { status: success.status });
  const body =
    success.example !== undefined ? copy(success.example) : sampleFromSchema(ctx.spec.document, success.schema);
  return reply.json(
    success.status,
    body && typeof body === 'object' && !Array.isArray(body) ? normalizeCasing(body) : (body as never),
  );
}
