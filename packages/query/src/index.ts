// Public entry of @acs-opensearch/query: per operation of the spec, generated query keys and
// options (generated/queries.ts), and the helpers they are built from (core.ts).
export {
  createOpenSearchMutationCache,
  type InvalidationPlan,
  invalidationsOf,
  type KeyPlan,
  MUTATION_META_KEY,
  nextPageParam,
  type OpenSearchInfiniteOptions,
  type OpenSearchMutationConfig,
  type OpenSearchMutationMeta,
  type OpenSearchMutationOptions,
  type OpenSearchQueryOptions,
  openSearchRetry,
  QUERY_KEY_ROOT,
  type QueryCallOptions,
  type QueryClientLike,
  refreshOpenSearchQueries,
} from './core.js';
export * from './generated/queries.js';
export {
  searchAppKey,
  searchInfiniteOptions,
  searchOptions,
  searchQueryKey,
  suggestOptions,
  withPage,
} from './search.js';
