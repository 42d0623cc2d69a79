// The client, composed: options resolved (options.ts), one engine (engine/), a generated method per
// operation of the spec and a paginator per paged one on the direct path (operations/,
// pagination/), and openapi-fetch's raw methods (raw/). Every request, whichever way it comes, is
// matched to its operation, validated from the generated rules, and signed with that operation's action.
import type { Client } from 'openapi-fetch';
import { type Answer, createEngine } from '../engine/createEngine.js';
import type { OperationMethods, OperationPaginators } from '../generated/operations.js';
import { createRequestBuilder } from '../operations/buildRequest.js';
import { resolveCallOptions } from '../operations/callOptions.js';
import type { OperationMeta } from '../operations/operationMeta.js';
import type { CallOptions, NormalizedPaths } from '../operations/operationTypes.js';
import { OPERATION_LIST } from '../operations/resolveOperation.js';
import { successBody } from '../operations/successBody.js';
import { prepareFlat } from '../operations/validateParameters.js';
import { createRawClient } from '../raw/rawClient.js';
import { type OpenSearchClientConfig, type OpenSearchClientOptions, resolveOptions } from './options.js';

export {
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type OpenSearchClientConfig,
  type OpenSearchClientOptions,
} from './options.js';

/** openapi-fetch's raw methods (typed by the spec, 2xx bodies in camelCase), the generated methods and paginators. */
export interface OpenSearchClient extends Client<NormalizedPaths>, OperationMethods, OperationPaginators {
  /** The resolved configuration, without credentials. */
  readonly config: OpenSearchClientConfig;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Each operation's reader of a 2xx answer, made once. */
const readers = new WeakMap<OperationMeta, (answer: Answer) => unknown>();
function readerOf(op: OperationMeta): (answer: Answer) => unknown {
  let read = readers.get(op);
  // Stryker disable next-line ConditionalExpression: a cache; a reader built again is the same function of op.
  if (!read) {
    read = (answer: Answer) => successBody(op, answer, op.method);
    readers.set(op, read);
  }
  return read;
}

/** A paginator: the paging module loads on first use, so an app that never pages never downloads it. */
async function* paginateLazily(
  callOperation: (op: OperationMeta, params: unknown, call?: CallOptions) => Promise<unknown>,
  op: OperationMeta,
  params: unknown,
  call?: CallOptions,
): AsyncGenerator<unknown> {
  const { paginate } = await import('../pagination/paginate.js');
  yield* paginate(callOperation, op, params, call);
}

/** Creates a client for the OpenSearch API (2017-12-25). Every bad option is a ValidationError naming it. */
export function createOpenSearchClient(options: OpenSearchClientOptions = {}): OpenSearchClient {
  const { config, retry, budget, secrets, credentials, hooks, crypto, fetch } = resolveOptions(options);
  const { baseUrl, timeoutMs, deadlineMs, maxResponseBytes } = config;
  const engine = createEngine({
    credentials,
    fetch,
    timeoutMs,
    deadlineMs,
    retry,
    budget,
    secrets,
    maxResponseBytes,
    clock: { offsetMs: 0 },
    hooks,
  });
  const unsigned: Record<string, string> = { accept: 'application/json' };
  if (config.userAgent) unsigned['user-agent'] = config.userAgent;
  const builder = createRequestBuilder({ baseUrl, unsigned, crypto });

  /**
   * Not async: the common path adds no promise hop. A call refused before it is built (bad
   * parameters or call options) is observed by onError, then rejected.
   */
  function callOperation(op: OperationMeta, params: unknown, call?: CallOptions): Promise<unknown> {
    try {
      const own = resolveCallOptions(call, retry);
      const built = builder.fromPrepared(op, prepareFlat(op, params), own.headers);
      const read = readerOf(op);
      return 'then' in built
        ? built.then((b) => engine.send(b, own.settings, read))
        : engine.send(built, own.settings, read);
    } catch (error) {
      return engine.refuse(op, `${baseUrl}${op.path}`, error, (call as CallOptions | undefined)?.context);
    }
  }

  const client: Record<PropertyKey, unknown> = {
    ...createRawClient({ baseUrl, unsigned, engine, builder, retry }),
    config,
    toJSON: () => ({ ...config }),
    toString: () => `OpenSearchClient(${baseUrl})`,
    [INSPECT]: () => `OpenSearchClient ${JSON.stringify(config)}`,
  };
  // The generated methods and paginators: one per operation of the spec, from OPERATIONS.
  for (const op of OPERATION_LIST) {
    client[op.operationId] = (params: unknown, call?: CallOptions) => callOperation(op, params, call);
    if (op.paginator)
      client[op.paginator] = (params: unknown, call?: CallOptions) => paginateLazily(callOperation, op, params, call);
  }
  return client as unknown as OpenSearchClient;
}
