// @acs-opensearch/client/search: the application API (v3) of one OpenSearch application: search
// (with a typed builder of the `query` clauses), scroll, push and suggest, on the client's engine,
// signed with the v3 signature.
export { createSearchClient } from './createSearchClient.js';
export {
  pushDocumentsOperation,
  SEARCH_API_VERSION,
  SEARCH_ERROR_CODES,
  SEARCH_OPERATIONS,
  type SearchOperationId,
  type SearchOperationMeta,
  searchOperation,
  suggestOperation,
} from './generated/metadata.js';
export type { components as SearchComponents, paths as SearchPaths } from './generated/openapi.js';
export { md5Hex } from './md5.js';
export { type Batch, planBatches } from './push.js';
export {
  type AggregateClause,
  buildSearchQuery,
  type ConfigClause,
  type DistinctClause,
  type FilterNode,
  type FilterOperator,
  type FilterValue,
  filterText,
  type QueryNode,
  queryText,
  quoteString,
  quoteTerm,
  type RangeBounds,
  type SearchClauses,
  type SortKey,
} from './query.js';
export {
  hmacSha1Base64,
  parseV3Authorization,
  signV3,
  type V3Request,
  type V3Stamp,
  v3CanonicalHeaders,
  v3CanonicalResource,
  v3Date,
  v3Nonce,
  v3QueryString,
  v3StringToSign,
} from './signV3.js';
export type {
  PushBatchReport,
  PushCommand,
  PushLimits,
  PushOptions,
  PushReport,
  PushResponse,
  ScrollParams,
  SearchCallOptions,
  SearchClient,
  SearchClientOptions,
  SearchParams,
  SearchResponse,
  SearchResult,
  SuggestParams,
  SuggestResponse,
} from './types.js';
