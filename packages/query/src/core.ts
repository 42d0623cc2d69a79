// The run-time half of the generated query options (generated/queries.ts): query keys built from an
// operation's path, read options whose queryFn hands TanStack's signal to the client, infinite
// options paging by the spec's pageNumber/pageSize/totalCount, and mutations that invalidate what
// the spec's path nesting says the write changed. Nothing here names an operation: each generated
// export passes its operation's metadata and the invalidation plan the generator derived.
import {
  CALL,
  invoke,
  type OpenSearchCore,
  type OpenSearchError,
  type OperationInvoker,
  type OperationMeta,
} from '@acs-opensearch/client';
import {
  type DataTag,
  type InfiniteData,
  MutationCache,
  type MutationCacheConfig,
  type QueryFilters,
  type QueryKey,
} from '@tanstack/query-core';
import { type InvalidationPlan, type KeyPlan, QUERY_KEY_ROOT } from './plan.js';

export { type InvalidationPlan, type KeyPlan, QUERY_KEY_ROOT } from './plan.js';

// The option types name no class of query-core (QueryClient, Query, the function contexts): React
// Query and Vue Query may each bring their own copy of query-core, and a class of one copy is not
// assignable to the other's. What the options need is described by its shape instead.

/** What a mutation invalidates in: any QueryClient, of whichever copy of query-core. */
export interface QueryClientLike {
  invalidateQueries(filters: QueryFilters): Promise<unknown>;
}

/**
 * TanStack's retry for every option of this package: never. The client already retried what can
 * succeed when tried again (throttling, 5xx of idempotent calls, timeouts and network failures,
 * with backoff, Retry-After and a retry budget), and what it did not retry cannot succeed as it is
 * (a 4xx, a validation error, a spent deadline, a non-idempotent call that may have been applied).
 * A TanStack retry on top would multiply the attempts (3 client attempts × 4 tries = 12 requests
 * for one throttled call) and delay every error. To retry more, raise the client's `retry`.
 */
export function openSearchRetry(_failureCount: number, _error: OpenSearchError): boolean {
  return false;
}

/** A key's last element: the operation's query parameters that were given (none: `{}`), and the body of a read that has one. */
type QueryPart = Record<string, unknown>;

function queryPart(op: OperationMeta, params: Record<string, unknown>, drop?: string): QueryPart {
  const part: QueryPart = {};
  for (const p of op.parameters)
    if (p.in === 'query' && p.name !== drop && params[p.name] !== undefined) part[p.name] = params[p.name];
  // A read sent as a POST (a computation that changes nothing): its body is part of what it asks.
  if (op.body && params.body !== undefined) part.body = params.body;
  return part;
}

/** The path part of a key: each literal segment, and each path parameter's value as a string. */
function pathKey(plan: KeyPlan, params: Record<string, unknown>): unknown[] {
  return [QUERY_KEY_ROOT, ...plan.segments.map((s) => (s.startsWith('{') ? String(params[s.slice(1, -1)] ?? '') : s))];
}

/** A read's key: the path part, then the query part. A prefix of a key matches everything below it. */
export function queryKeyOf(op: OperationMeta, plan: KeyPlan, params: unknown): QueryKey {
  const given = (params ?? {}) as Record<string, unknown>;
  return [...pathKey(plan, given), queryPart(op, given)];
}

/** An infinite list's key: the list's key without the page number, marked `infinite` (its data is pages). */
export function infiniteKeyOf(op: OperationMeta, plan: KeyPlan, params: unknown): QueryKey {
  const given = (params ?? {}) as Record<string, unknown>;
  return [...pathKey(plan, given), queryPart(op, given, op.pagination?.pageNumber), 'infinite'];
}

/** A call's own options for the client, on top of what TanStack passes (its signal). */
export type QueryCallOptions = {
  timeoutMs?: number;
  deadlineMs?: number;
  headers?: Record<string, string>;
  context?: unknown;
};

type Method = (params: unknown, options?: Record<string, unknown>) => Promise<unknown>;
/** Calls `op` through any client (the core or the full one); anything else is refused when the options are made. */
const methodOf = (client: OpenSearchCore, op: OperationMeta): Method => {
  if (typeof (client as Partial<OperationInvoker> | null | undefined)?.[CALL] !== 'function')
    throw new TypeError(
      `@acs-opensearch/query: ${op.operationId} needs a client from createOpenSearchCore() or createOpenSearchClient()`,
    );
  return (params, options) => invoke(client, op, params, options);
};

/** Options for `useQuery`/`fetchQuery` and the other adapters: key, queryFn with the signal, retry. */
export interface OpenSearchQueryOptions<TData, TKey extends QueryKey = QueryKey> {
  queryKey: DataTag<TKey, TData, OpenSearchError>;
  queryFn: (context: { signal: AbortSignal }) => Promise<TData>;
  retry: (failureCount: number, error: OpenSearchError) => boolean;
}

export function readOptions<TData>(
  client: OpenSearchCore,
  op: OperationMeta,
  plan: KeyPlan,
  params: unknown,
  options?: QueryCallOptions,
): OpenSearchQueryOptions<TData> {
  const method = methodOf(client, op);
  return {
    queryKey: queryKeyOf(op, plan, params) as DataTag<QueryKey, TData, OpenSearchError>,
    queryFn: ({ signal }) => method(params, { ...options, signal }) as Promise<TData>,
    retry: openSearchRetry,
  };
}

/** Options for `useInfiniteQuery`/`fetchInfiniteQuery`: one page per call, paged by the spec. */
export interface OpenSearchInfiniteOptions<TPage, TKey extends QueryKey = QueryKey> {
  queryKey: DataTag<TKey, InfiniteData<TPage, number>, OpenSearchError>;
  queryFn: (context: { pageParam: number; signal: AbortSignal }) => Promise<TPage>;
  initialPageParam: number;
  getNextPageParam: (lastPage: TPage, allPages: TPage[], lastPageParam: number) => number | undefined;
  retry: (failureCount: number, error: OpenSearchError) => boolean;
}

/**
 * The next page after `lastPage`, or undefined once the last page has come: an empty page, a short
 * page (fewer items than the page size), or the total reached.
 */
export function nextPageParam(
  op: OperationMeta,
  params: Record<string, unknown>,
  lastPage: unknown,
  lastPageParam: number,
  firstPageParam: number,
): number | undefined {
  const paging = op.pagination!;
  const page = (lastPage ?? {}) as Record<string, unknown>;
  const items = Array.isArray(page[paging.items]) ? (page[paging.items] as unknown[]) : [];
  if (items.length === 0) return undefined;
  const sizeRule = op.parameters.find((p) => p.name === paging.pageSize);
  const pageSize = (params[paging.pageSize] as number | undefined) ?? (sizeRule?.default as number | undefined);
  if (pageSize !== undefined && items.length < pageSize) return undefined;
  const total = page[paging.totalCount];
  if (typeof total === 'number') {
    const seen = (lastPageParam - firstPageParam) * (pageSize ?? items.length) + items.length;
    if (seen >= total) return undefined;
  }
  return lastPageParam + 1;
}

export function infiniteOptions<TPage>(
  client: OpenSearchCore,
  op: OperationMeta,
  plan: KeyPlan,
  params: unknown,
  options?: QueryCallOptions,
): OpenSearchInfiniteOptions<TPage> {
  const method = methodOf(client, op);
  const given = (params ?? {}) as Record<string, unknown>;
  const paging = op.pagination!;
  const first = (given[paging.pageNumber] as number | undefined) ?? 1;
  return {
    queryKey: infiniteKeyOf(op, plan, given) as DataTag<QueryKey, InfiniteData<TPage, number>, OpenSearchError>,
    queryFn: ({ pageParam, signal }) =>
      method({ ...given, [paging.pageNumber]: pageParam }, { ...options, signal }) as Promise<TPage>,
    initialPageParam: first,
    getNextPageParam: (lastPage, _all, lastPageParam) => nextPageParam(op, given, lastPage, lastPageParam, first),
    retry: openSearchRetry,
  };
}

/** The filters a write's success refreshes: everything under the resource, and the lists of its collection. */
export function invalidationsOf(plan: InvalidationPlan, params: unknown): QueryFilters[] {
  const given = (params ?? {}) as Record<string, unknown>;
  const filters: QueryFilters[] = [{ queryKey: pathKey(plan.resource, given) }];
  if (plan.collection) {
    const prefix = pathKey(plan.collection, given);
    filters.push({
      queryKey: prefix,
      // A list of the collection: its path, then only the query part (and `infinite`), never an item's id.
      predicate: (query) => {
        const next = query.queryKey[prefix.length];
        return typeof next === 'object' && next !== null;
      },
    });
  }
  return filters;
}

/** A mutation's own options: where to invalidate, and how to change what is invalidated. */
export interface OpenSearchMutationConfig<TData, TVariables> extends QueryCallOptions {
  /** The QueryClient to invalidate in. Default: the one that runs the mutation (TanStack 5's mutation context). */
  queryClient?: QueryClientLike;
  /**
   * Changes the invalidations: gets the ones derived from the spec and returns the ones to run.
   * Return `[...derived, more]` to add, `[]` or your own list to replace.
   */
  invalidate?: (derived: QueryFilters[], variables: TVariables, data: TData) => QueryFilters[];
}

/** Where a mutation's refresh plan travels: `meta.opensearch` of its options. */
export const MUTATION_META_KEY = 'opensearch';

/** What `meta.opensearch` holds: the refresh of the queries a successful write changed. */
export interface OpenSearchMutationMeta {
  /** Refreshes the queries the write changed, in `queryClient` (or the one `config.queryClient` names). */
  refresh(queryClient: QueryClientLike | undefined, data: unknown, variables: unknown): Promise<void>;
}

/** Options for `useMutation`/`MutationObserver`: the call, the refresh plan in `meta`, and the refresh on success. */
export interface OpenSearchMutationOptions<TData, TVariables> {
  mutationKey: QueryKey;
  mutationFn: (variables: TVariables) => Promise<TData>;
  /**
   * The refresh plan (`meta.opensearch`), which `createOpenSearchMutationCache()` runs for every
   * mutation, whatever callbacks the app adds. Spread it if you replace `meta`.
   */
  meta: { [MUTATION_META_KEY]: OpenSearchMutationMeta };
  /**
   * Runs the refresh plan, for apps without the mutation cache. An app's own `onSuccess` replaces
   * it when spread after it: then only the cache runs the plan. With both, it runs once.
   */
  onSuccess: (data: TData, variables: TVariables, onMutateResult: unknown, context: unknown) => Promise<void>;
  retry: (failureCount: number, error: OpenSearchError) => boolean;
}

/** The runs of a plan already made, by TanStack's per-run mutation context: a plan runs once per success. */
const refreshed = new WeakSet<object>();

/** The QueryClient a run belongs to: TanStack 5's mutation context carries it. */
const clientOf = (context: unknown) => (context as { client?: QueryClientLike } | undefined)?.client;

/** Runs a plan once per run of a mutation (the cache and the options' own onSuccess may both ask). */
async function refreshOnce(meta: OpenSearchMutationMeta, data: unknown, variables: unknown, context: unknown) {
  if (context && typeof context === 'object') {
    if (refreshed.has(context)) return;
    refreshed.add(context);
  }
  await meta.refresh(clientOf(context), data, variables);
}

/** The refresh plan of a mutation's options, when they are this package's. */
function metaOf(options: { meta?: Record<string, unknown> } | undefined): OpenSearchMutationMeta | undefined {
  const meta = options?.meta?.[MUTATION_META_KEY] as OpenSearchMutationMeta | undefined;
  return meta && typeof meta.refresh === 'function' ? meta : undefined;
}

/**
 * Refreshes what a successful mutation of this package changed; does nothing for other mutations.
 * Its arguments are those of `MutationCache`'s `onSuccess`, so an app with its own cache calls it
 * from there: `new MutationCache({ onSuccess: (...args) => { refreshOpenSearchQueries(...args); ... } })`.
 */
export async function refreshOpenSearchQueries(
  data: unknown,
  variables: unknown,
  _onMutateResult: unknown,
  mutation: { options?: { meta?: Record<string, unknown> } },
  context?: unknown,
): Promise<void> {
  const meta = metaOf(mutation?.options);
  if (meta) await refreshOnce(meta, data, variables, context);
}

/**
 * A MutationCache that refreshes, for every mutation of this package, the queries its write
 * changed, whatever `onSuccess`, `onError` or `onSettled` the app adds to the options:
 * `new QueryClient({ mutationCache: createOpenSearchMutationCache() })`. `config` is the cache's
 * own (your `onSuccess` runs after the refresh).
 */
export function createOpenSearchMutationCache(config: MutationCacheConfig = {}): MutationCache {
  return new MutationCache({
    ...config,
    onSuccess: async (data, variables, onMutateResult, mutation, context) => {
      await refreshOpenSearchQueries(data, variables, onMutateResult, mutation, context);
      return config.onSuccess?.(data, variables, onMutateResult, mutation, context);
    },
  });
}

export function mutationOptions<TData, TVariables>(
  client: OpenSearchCore,
  op: OperationMeta,
  plan: InvalidationPlan,
  config: OpenSearchMutationConfig<TData, TVariables> = {},
): OpenSearchMutationOptions<TData, TVariables> {
  const method = methodOf(client, op);
  const { queryClient, invalidate, ...callOptions } = config;
  const meta: OpenSearchMutationMeta = {
    refresh: async (running, data, variables) => {
      const target = queryClient ?? running;
      if (!target) return;
      const derived = invalidationsOf(plan, variables);
      const filters = invalidate ? invalidate(derived, variables as TVariables, data as TData) : derived;
      await Promise.all(filters.map((filter) => target.invalidateQueries(filter)));
    },
  };
  return {
    mutationKey: [QUERY_KEY_ROOT, op.operationId],
    mutationFn: (variables) => method(variables, callOptions) as Promise<TData>,
    meta: { [MUTATION_META_KEY]: meta },
    onSuccess: (data, variables, _onMutateResult, context) => refreshOnce(meta, data, variables, context),
    retry: openSearchRetry,
  };
}
