// The core client: options resolved (options.ts), one engine (engine/), and the member the
// per-operation functions call through (operations/invoke.ts). It holds no operation: a page that
// imports `describeAppGroup` from '@acs-opensearch/client/operations' loads this, that function and
// its own metadata, nothing more. createOpenSearchClient builds on it.
import { type Answer, createEngine } from '../engine/createEngine.js';
import { createRequestBuilder } from '../operations/buildRequest.js';
import { CALL, type OperationInvoker } from '../operations/invoke.js';
import {
  callOptions,
  NO_CALL_OPTIONS,
  prefetchCallOptions,
  type ResolvedCallOptions,
} from '../operations/lazyCallOptions.js';
import { successBody } from '../operations/successBody.js';
import { prepareFlat } from '../operations/validateParameters.js';
import type { OperationMeta } from '../shared/operationMeta.js';
import type { CallOptions } from '../shared/operationTypes.js';
import { type OpenSearchClientConfig, type OpenSearchClientOptions, resolveOptions } from './options.js';

/** A client with no operation inside: pass it to the functions of '@acs-opensearch/client/operations'. */
export interface OpenSearchCore extends OperationInvoker {
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

/** The options resolved, and what sends a request: the engine, and the builder with the headers sent unsigned. */
function transportOf(options: OpenSearchClientOptions) {
  const { config, retry, budget, secrets, credentials, hooks, crypto, transport } = resolveOptions(options);
  const { baseUrl, timeoutMs, deadlineMs, maxResponseBytes } = config;
  const engine = createEngine({
    credentials,
    transport,
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
  return { config, retry, baseUrl, engine, builder, unsigned };
}

type Transport = ReturnType<typeof transportOf>;

/**
 * How one client calls an operation. Not async: a call without options adds no promise hop. A call
 * with options waits for their checks (callOptions.ts, a chunk of its own, fetched in the background
 * when the client is made). A call refused before it is built (bad parameters or call options) is
 * observed by onError, then rejected.
 */
function createCaller({ engine, builder, baseUrl, retry }: Transport) {
  const refuse = (op: OperationMeta, error: unknown, call?: CallOptions) =>
    engine.refuse(op, `${baseUrl}${op.path}`, error, call?.context);

  /** A call with its options resolved: parameters validated, the request built and sent. */
  function send(op: OperationMeta, params: unknown, own: ResolvedCallOptions, call: CallOptions | undefined) {
    try {
      const built = builder.fromPrepared(op, prepareFlat(op, params), own.headers);
      const read = readerOf(op);
      return 'then' in built
        ? built.then((b) => engine.send(b, own.settings, read))
        : engine.send(built, own.settings, read);
    } catch (error) {
      return refuse(op, error, call);
    }
  }

  function callOperation(op: OperationMeta, params: unknown, call?: CallOptions): Promise<unknown> {
    if (call === undefined) return send(op, params, NO_CALL_OPTIONS, call);
    return callOptions().then(
      ({ resolveCallOptions }) => {
        let own: ResolvedCallOptions;
        try {
          own = resolveCallOptions(call, retry);
        } catch (error) {
          return refuse(op, error, call);
        }
        return send(op, params, own, call);
      },
      (error: unknown) => refuse(op, error, call),
    );
  }
  callOperation.refuse = refuse;
  return callOperation;
}

/** What createOpenSearchClient adds its raw methods on top of: the core, and the transport it calls through. */
export function createCoreParts(options: OpenSearchClientOptions) {
  const transport = transportOf(options);
  const { config, baseUrl } = transport;
  prefetchCallOptions();
  const core: OpenSearchCore & Record<PropertyKey, unknown> = {
    config,
    [CALL]: createCaller(transport),
    toJSON: () => ({ ...config }),
    toString: () => `OpenSearchClient(${baseUrl})`,
    [INSPECT]: () => `OpenSearchClient ${JSON.stringify(config)}`,
  };
  return { core, transport };
}

/**
 * Creates the core client for the OpenSearch API (2017-12-25): the same options, engine, signing,
 * retries, hooks and errors as createOpenSearchClient, with no operation inside. Call operations
 * with the functions of '@acs-opensearch/client/operations'. Every bad option is a ValidationError naming it.
 */
export function createOpenSearchCore(options: OpenSearchClientOptions = {}): OpenSearchCore {
  return createCoreParts(options).core;
}
