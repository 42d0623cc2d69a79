// Entry of '@acs-opensearch/client/operations': a function per operation of the spec and a
// paginator per paged one, each called with a client first (`describeAppGroup(client, params)`),
// each operation's metadata as its own export (`describeAppGroupOperation`), and the core client
// to call them with, and the error classes. A bundler keeps only what a page imports; the core
// holds the engine, credentials, hooks and options.
export { createOpenSearchCore, type OpenSearchCore } from './client/createOpenSearchCore.js';
export { type ResponseMetadata, responseMetadata } from './engine/responseMetadata.js';
// The base error classes, here too, at no cost (the core holds them): a page that imports them
// from this entry loads nothing else. Tell the others apart by `error.kind` ('throttling',
// 'client', 'timeout', 'credentials'), or import their classes from the main entry.
export {
  NetworkError,
  OpenSearchError,
  type OpenSearchErrorInit,
  type OpenSearchErrorKind,
  ServerError,
  ValidationError,
} from './errors/errors.js';
export * from './generated/metadata.js';
export type * from './generated/operations.js';
export * from './operations/functions.js';
export { CALL, invoke, invokePages, type OperationCaller, type OperationInvoker } from './operations/invoke.js';
export type { CallOptions, PaginateOptions } from './shared/operationTypes.js';
