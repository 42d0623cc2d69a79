// Public entry of @acs-opensearch/client: the client, its errors, the signer, and the generated types.
export {
  createOpenSearchClient,
  DEFAULT_TIMEOUT_MS,
  type CallOptions,
  type FunctionInstance,
  type ListFunctionInstancesParams,
  type ListFunctionInstancesResponse,
  type NormalizedPaths,
  type OpenSearchClient,
  type OpenSearchClientConfig,
  type OpenSearchClientOptions,
  type PaginateFunctionInstancesParams,
} from './createOpenSearchClient.js';
export { createSigningMiddleware, type SigningMiddlewareOptions } from './createSigningMiddleware.js';
export type { CredentialsOption, CredentialsProvider } from './credentials.js';
export {
  ClientError,
  NetworkError,
  OpenSearchError,
  ServerError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
  type OpenSearchErrorInit,
  type OpenSearchErrorKind,
} from './errors.js';
export { normalizeCasing } from './normalizeCasing.js';
export { DEFAULT_RETRY, type RetryOptions } from './retryPolicy.js';
export { API_VERSION, DEFAULT_REGION_ID, ERROR_CODES, OPERATIONS, REGIONS, type RegionId } from './generated/metadata.js';
export type { components, operations, paths } from './generated/openapi.js';
export * from './signing/index.js';
