// Public entry of @acs-opensearch/client: the client, its errors, the generated operation types
// and metadata. The signature V3 building blocks live in '@acs-opensearch/client/signing'.
export {
  createOpenSearchClient,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type OpenSearchClient,
  type OpenSearchClientConfig,
  type OpenSearchClientOptions,
} from './client/createOpenSearchClient.js';
export { createOpenSearchCore, type OpenSearchCore } from './client/createOpenSearchCore.js';
export type {
  CredentialsCacheOptions,
  CredentialsClient,
  CredentialsOption,
  CredentialsProvider,
  ExpiringCredentials,
} from './credentials/credentials.js';
export type {
  CallErrorEvent,
  CallEvent,
  CallHooks,
  CallResponseEvent,
  CallStage,
  NotRetriedReason,
} from './engine/hooks.js';
export { normalizeCasing } from './engine/normalizeCasing.js';
export { type ResponseMetadata, responseMetadata } from './engine/responseMetadata.js';
export { DEFAULT_RETRY_BUDGET, type RetryBudgetOptions } from './engine/retryBudget.js';
export { DEFAULT_RETRY, type RetryOptions } from './engine/retryPolicy.js';
export { ClientError, CredentialsError, ThrottlingError, TimeoutError } from './errors/answerErrors.js';
export {
  NetworkError,
  OpenSearchError,
  type OpenSearchErrorInit,
  type OpenSearchErrorKind,
  ServerError,
  ValidationError,
} from './errors/errors.js';
export {
  API_VERSION,
  DEFAULT_REGION_ID,
  ERROR_CODES,
  type ErrorCode,
  OPERATIONS,
  type OperationId,
  REGIONS,
  type RegionId,
} from './generated/metadata.js';
export type { components, operations, paths } from './generated/openapi.js';
export type * from './generated/operations.js';
export { CALL, invoke, invokePages, type OperationCaller, type OperationInvoker } from './operations/invoke.js';
export { createSigningMiddleware, type SigningMiddlewareOptions } from './raw/createSigningMiddleware.js';
export type { BodyRule, OperationMeta, PaginationRule, ParameterRule, ValueRule } from './shared/operationMeta.js';
export type {
  CallOptions,
  CamelOnly,
  FlatParams,
  NormalizedPaths,
  PaginateOptions,
  SuccessBody,
} from './shared/operationTypes.js';
export type { Credentials, SigningCrypto } from './signing/index.js';
