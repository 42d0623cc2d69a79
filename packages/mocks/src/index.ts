// Public entry of @acs-opensearch/mocks: MSW handlers built from the spec, for Node and the browser.
// Nothing here imports a Node module; the HTTP server lives in '@acs-opensearch/mocks/node'.
import { createOpenSearchHandlers } from './createOpenSearchHandlers.js';

export { NORMAL_FIELDS, type OutputLevel, SIMPLE_FIELDS, selectOutput } from './behaviour/outputLevels.js';
export {
  createOpenSearchHandlers,
  type OpenSearchHandlers,
  type OpenSearchHandlersOptions,
  type OpenSearchMockController,
  type UnhandledFrameArgs,
} from './createOpenSearchHandlers.js';
export {
  type FactoryOptions,
  makeFunctionInstance,
  makeFunctionInstances,
  makeListResponse,
} from './data/factories.js';
export type {
  ErrorCode,
  FunctionInstance,
  ListFunctionInstancesResponse,
  OperationId,
  ResponseBody,
  ResponseStatus,
} from './data/types.js';
export { openApiDocument } from './generated/openapi-document.js';
export type { OpenSearchMockHelpers, OverrideOptions } from './http/overrides.js';
export { MockViolationError } from './model/errorResponses.js';
export { createOperationValidators, type OperationValidator, type Violation } from './model/specValidator.js';
export {
  listOperations,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiResponse,
  type RecordedAnswer,
  type RecordedBody,
  type RecordedParams,
  type RecordedRequest,
} from './publicTypes.js';
export type { Doc, SearchSchema } from './search/appIndex.js';
export { SearchQueryError } from './search/parse.js';
export type { MockSearchEngine } from './search/searchHandler.js';
export { type OpenSearchMocks, type SetupOpenSearchMocksOptions, setupOpenSearchMocks } from './setup.js';
export { NonceStore } from './signature/nonceStore.js';
export {
  KeyRing,
  MAX_CLOCK_SKEW_MS,
  type SignatureFailure,
  type SignatureFailureCode,
  type SignatureKey,
  type VerifyOptions,
  verifySignature,
} from './signature/verifySignature.js';

const defaults = /* @__PURE__ */ createOpenSearchHandlers({}, { register: false });
/** Ready-made handlers for every operation of the spec, any origin, default dataset. */
export const handlers = defaults.handlers;
/** The data and recorded requests behind `handlers`: seed an app group, read what the app sent. */
export const controller = defaults.controller;
/** For msw 2: `server.listen({ onUnhandledRequest })`; an unmatched OpenSearch request fails, naming the expected origin. */
export const onUnhandledRequest = defaults.onUnhandledRequest;
/** For msw 3: `server.listen({ onUnhandledFrame })`; the same, under msw 3's name for the option. */
export const onUnhandledFrame = defaults.onUnhandledFrame;
/** Resets everything a test changed through `handlers`: `afterEach(() => reset(server))`. */
export const reset = defaults.reset;
/** Override helpers for `handlers` (any origin): `server.use(mock.error('Throttling.User'))`. */
export const mock = defaults.mock;
/** The application API (v3) engine of the top-level `handlers`. */
export const search = defaults.search;
/** The MSW path pattern of each operation, any origin, for hand-written `http.get(paths.listFunctionInstances, ...)`. */
export const paths = defaults.mock.paths;
