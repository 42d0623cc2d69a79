// Entry of '@acs-opensearch/client/operations': a function per operation of the spec and a
// paginator per paged one, each called with a client first (`describeAppGroup(client, params)`),
// each operation's metadata as its own export (`describeAppGroupOperation`), and the core client
// to call them with. A bundler keeps only the operations a page imports; the core holds the
// engine, credentials, hooks and options.
export { createOpenSearchCore, type OpenSearchCore } from './client/createOpenSearchCore.js';
export * from './generated/functions.js';
export * from './generated/metadata.js';
export type * from './generated/operations.js';
export type { CallOptions, PaginateOptions } from './operations/operationTypes.js';
