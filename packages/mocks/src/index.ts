// Public entry of @acs-opensearch/mocks: MSW handlers built from the spec, for Node and the browser.
// Nothing here imports a Node module; the HTTP server lives in '@acs-opensearch/mocks/node'.
import { createOpenSearchHandlers } from './createOpenSearchHandlers.js';

export { listOperations, type OpenApiOperation } from '@acs-opensearch/openapi-reader';
export {
  createOpenSearchHandlers,
  type OpenSearchHandlers,
  type OpenSearchHandlersOptions,
  type OpenSearchMockController,
  type OverrideInit,
  type RecordedRequest,
  type ScenarioOptions,
} from './createOpenSearchHandlers.js';
export { MockViolationError } from './errorResponses.js';
export { type FactoryOptions, makeFunctionInstance, makeFunctionInstances, makeListResponse } from './factories.js';
export { openApiDocument } from './generated/openapi-document.js';
export { NORMAL_FIELDS, type OutputLevel, SIMPLE_FIELDS, selectOutput } from './outputLevels.js';
export { createOperationValidators, type OperationValidator, type Violation } from './specValidator.js';
export type {
  FunctionInstance,
  ListFunctionInstancesResponse,
  OperationId,
  ResponseBody,
  ResponseStatus,
} from './types.js';
export { MAX_CLOCK_SKEW_MS, type SignatureFailure, type SignatureKey, verifySignature } from './verifySignature.js';

/** Ready-made handlers for every operation of the spec, any origin, default dataset. */
export const handlers = /* @__PURE__ */ createOpenSearchHandlers().handlers;
