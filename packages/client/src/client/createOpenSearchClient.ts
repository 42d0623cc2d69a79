// The full client: the core (createOpenSearchCore.ts), a method per operation of the spec and a
// paginator per paged one (made on first use, from OPERATIONS), and openapi-fetch's raw methods
// (raw/). Every request, whichever way it comes, is matched to its operation, validated from the
// generated rules, and signed with that operation's action.
import type { Client } from 'openapi-fetch';
import type { OperationMethods, OperationPaginators } from '../generated/operations.js';
import { CALL, invokePages, type OperationInvoker } from '../operations/invoke.js';
import { operationList } from '../operations/resolveOperation.js';
import { createRawClient } from '../raw/rawClient.js';
import type { CallOptions, NormalizedPaths } from '../shared/operationTypes.js';
import { createCoreParts, type OpenSearchCore } from './createOpenSearchCore.js';
import type { OpenSearchClientOptions } from './options.js';

export {
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type OpenSearchClientConfig,
  type OpenSearchClientOptions,
} from './options.js';

/** openapi-fetch's raw methods (typed by the spec, 2xx bodies in camelCase), the generated methods and paginators. */
export interface OpenSearchClient
  extends OpenSearchCore,
    Client<NormalizedPaths>,
    OperationMethods,
    OperationPaginators {}

/** Defines `name` on `target` as a getter that makes the method for the client it is read on, once. */
function lazyMethod(target: object, name: string, make: (client: OperationInvoker) => unknown): void {
  Object.defineProperty(target, name, {
    configurable: true,
    get(this: OperationInvoker) {
      const method = make(this);
      Object.defineProperty(this, name, { value: method, configurable: true, writable: true });
      return method;
    },
  });
}

let methods: object | undefined;
/** The prototype of every full client: a lazy getter per operation and paginator, built once per process. */
function methodsPrototype(): object {
  if (methods) return methods;
  const proto = {};
  for (const op of operationList()) {
    lazyMethod(
      proto,
      op.operationId,
      (client) => (params: unknown, call?: CallOptions) => client[CALL](op, params, call),
    );
    if (op.paginator)
      lazyMethod(
        proto,
        op.paginator,
        (client) => (params: unknown, call?: CallOptions) => invokePages(client, op, params, call),
      );
  }
  methods = proto;
  return proto;
}

/** Creates a client for the OpenSearch API (2017-12-25). Every bad option is a ValidationError naming it. */
export function createOpenSearchClient(options: OpenSearchClientOptions = {}): OpenSearchClient {
  const { core, transport } = createCoreParts(options);
  const client = Object.create(methodsPrototype()) as Record<PropertyKey, unknown>;
  Object.assign(client, createRawClient(transport), core);
  return client as unknown as OpenSearchClient;
}
