// Builds MSW handlers from an OpenAPI document: one per operation, each running the request
// pipeline (pipeline.ts) and its operation's behaviour (behaviours.ts) on a stateful store
// (store.ts). Per-test overrides are ordinary MSW handlers (overrides.ts); the controller is for
// data: what the store holds and what the handlers saw.
//
// The reset rule, in one sentence: `server.resetHandlers()` removes every override a test added
// (they are MSW handlers), and `controller.reset()` restores the data, the recorded requests, the
// request-id sequence and the seen nonces.

import { normalizeCasing } from '@acs-opensearch/client';
import type { SigningCrypto } from '@acs-opensearch/client/signing';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { activeFilters, type BehaviourContext, type Reply } from './behaviour/behaviours.js';
import { makeFunctionInstances } from './data/factories.js';
import { deterministicRequestId } from './data/prng.js';
import type { FunctionInstance } from './data/types.js';
import { openApiDocument } from './generated/openapi-document.js';
import { casingFor } from './http/casingFor.js';
import { createMockHelpers, type OpenSearchMockHelpers } from './http/overrides.js';
import { createPipeline } from './http/pipeline.js';
import { RequestLog, unreadEntry } from './http/requestLog.js';
import { createRouter, pathUnder, resolveRoute } from './http/router.js';
import { errorBody, hostIdOf } from './model/errorResponses.js';
import { buildSpecModel, type ModelOperation, type SpecModel } from './model/specModel.js';
import type { OpenApiDocument, RecordedRequest } from './publicTypes.js';
import { SEARCH_LIMITS } from './search/limits.js';
import { createSearchHandler, type MockSearchEngine, SearchEngine } from './search/searchHandler.js';
import { searchSource } from './search/source.js';
import { NonceStore } from './signature/nonceStore.js';
import { KeyRing, MAX_CLOCK_SKEW_MS, type SignatureKey } from './signature/verifySignature.js';
import { deepFreeze, type Item, ResourceStore } from './store/store.js';

/** The largest request body read by default: 1 MiB (the handlers and the mock server). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface OpenSearchHandlersOptions {
  /** Only match requests to this origin (and path prefix), such as `https://opensearch.cn-hangzhou.aliyuncs.com`. Default: any origin. */
  baseUrl?: string;
  /** When given, only these app groups exist; each instance is listed under its own functionName. Default: every app group and function get the default dataset. */
  appGroups?: Record<string, FunctionInstance[]>;
  /** A request to an app group that `appGroups` lacks: answer 404 ('respond', default), also console.warn ('warn'), or throw ('throw'). */
  onUnknownAppGroup?: 'respond' | 'warn' | 'throw';
  /** Seed of the generated part of the default dataset and of request ids. Default 1. */
  seed?: number;
  /**
   * Check ACS3-HMAC-SHA256 signatures with this key pair, or any of these pairs (each with an
   * optional STS `securityToken` the request must carry). An unknown AccessKeyId is
   * InvalidAccessKeyId.NotFound; a token that is not its key's is InvalidSecurityToken.* (a pair without a token checks none). Default false.
   */
  verifySignature?: SignatureKey | readonly SignatureKey[] | false;
  /** Hash primitives for signature checks, where the runtime lacks the default (Web Crypto in jsdom). */
  signingCrypto?: SigningCrypto;
  /** Answer in camelCase (the canonical wire form) or PascalCase: 'pascal' follows each operation's spec, PascalCase where it describes a PascalCase twin of the answer, camelCase elsewhere (as the official SDK reads them). Default 'camel'. */
  casing?: 'camel' | 'pascal';
  /** Delay every response by this many ms (also reported as `latency`). Default 0. */
  latencyMs?: number;
  /**
   * Report an answer's `latency` as the time the mock took (wall time), as the service does. Default
   * false: `latency` is `latencyMs`, so the same seed and requests give byte-identical answers.
   */
  measureLatency?: boolean;
  /** On a request that breaks the spec: answer 400 InvalidParameter ('respond', default) or throw a MockViolationError ('throw'). */
  onViolation?: 'respond' | 'throw';
  /** The largest request body read, in bytes; a larger one gets 413 before it is buffered. Default 1 MiB. */
  maxBodyBytes?: number;
  /** How many requests `controller.requests` keeps (the newest). Default 1000. */
  maxRecordedRequests?: number;
  /** Build from another OpenAPI document instead of the bundled spec (the mocks follow any spec). */
  document?: OpenApiDocument;
  /** How many generated instances to add to the spec's examples in the default dataset. Default 22. */
  generatedInstances?: number;
}

export interface OpenSearchMockController {
  /**
   * Makes an app group hold exactly these instances (copies; `[]` for none): its default data and
   * its writes go. With `{ functionName }`, only that function of the app group is replaced, and
   * every instance is filed under it. The quickest way to give one test its own data.
   */
  seed(appGroup: string, instances: FunctionInstance[], options?: { functionName?: string }): void;
  /**
   * Adds instances to an app group (created if needed), after what it already shows (the default
   * data, unless `appGroups` or `seed` replaced it); each goes under its functionName. Copies them.
   */
  add(appGroup: string, instances: FunctionInstance | FunctionInstance[]): void;
  /**
   * Removes one instance by name (under every function), or everything the app group holds,
   * default data included, whatever happened before. Returns how many instances went.
   */
  remove(appGroup: string, instanceName?: string): number;
  /** What a list would hold, before paging and output levels: copies. */
  instances(
    appGroup: string,
    functionName: string,
    filters?: { source?: 'builtin' | 'user' | 'all'; modelType?: string; functionType?: string },
  ): FunctionInstance[];
  /** Restores the initial data and clears recorded requests, the request-id sequence and seen nonces. */
  reset(): void;
  /** The requests the handlers saw, oldest first (the newest `maxRecordedRequests`); narrow on `operationId`. */
  readonly requests: readonly RecordedRequest[];
  /** The recorded requests of one operation, typed: `requestsOf('listFunctionInstances').at(-1)?.params.pageSize`. */
  requestsOf<Op extends RecordedRequest['operationId']>(
    operationId: Op,
  ): Array<Extract<RecordedRequest, { operationId: Op }>>;
  clearRequests(): void;
}

export interface OpenSearchHandlers {
  handlers: HttpHandler[];
  controller: OpenSearchMockController;
  /**
   * The application API (v3) engine: every application the management API created with a schema is
   * searchable; `search.documents(appName)` lists what was pushed.
   */
  search: MockSearchEngine;
  /** Per-test overrides as MSW handlers, and the path patterns: `server.use(mock.error('Throttling.User'))`. */
  mock: OpenSearchMockHelpers;
  /**
   * For `server.listen({ onUnhandledRequest })`: an unhandled request to an OpenSearch path fails
   * with an error naming the baseUrl and the paths the handlers answer; others are left to MSW's warning.
   */
  onUnhandledRequest(request: Request, print: { warning(): void; error(): void }): void;
  /**
   * The same for msw 3, whose option is `onUnhandledFrame` (it ignores `onUnhandledRequest`):
   * `server.listen({ onUnhandledFrame: mocks.onUnhandledFrame })`. An HTTP frame to an OpenSearch
   * path fails with the error naming the baseUrl, and never reaches the network; other frames get
   * msw's warning.
   */
  onUnhandledFrame(args: UnhandledFrameArgs): void;
  /**
   * One call resets everything a test changed: the overrides added to `target` (its
   * `resetHandlers()`: a `setupServer` server, a `setupWorker` worker, or the mock server), the
   * data, the recorded requests, the request-id sequence and the seen nonces.
   */
  reset(target?: { resetHandlers(): void }): void;
}

/** What msw 3 passes to `onUnhandledFrame` (a structural subset, so that msw 2 users compile too). */
export interface UnhandledFrameArgs {
  frame: { protocol: string; data: unknown };
  defaults: { warn(): void; error(): void };
}

function checkOptions(options: OpenSearchHandlersOptions): string | undefined {
  const oneOf = (name: keyof OpenSearchHandlersOptions, allowed: string[]) => {
    const value = options[name];
    if (value !== undefined && !allowed.includes(value as string)) {
      throw new TypeError(
        `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`,
      );
    }
  };
  oneOf('casing', ['camel', 'pascal']);
  oneOf('onViolation', ['respond', 'throw']);
  oneOf('onUnknownAppGroup', ['respond', 'warn', 'throw']);
  if (options.measureLatency !== undefined && typeof options.measureLatency !== 'boolean')
    throw new TypeError(`measureLatency must be a boolean, got ${String(options.measureLatency)}`);
  for (const name of ['seed', 'latencyMs', 'maxBodyBytes', 'maxRecordedRequests', 'generatedInstances'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0))
      throw new TypeError(`${name} must be an integer >= 0, got ${String(value)}`);
  }
  if (options.baseUrl === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(options.baseUrl);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) {
    throw new TypeError(
      `baseUrl must be an absolute http(s) URL such as https://opensearch.cn-hangzhou.aliyuncs.com, got ${JSON.stringify(options.baseUrl)}`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

const datasets = new WeakMap<SpecModel, Map<string, Map<string, Item[]>>>();

/** The default dataset of a spec, seed and size, built once: the store copies it at every reset. */
function defaults(spec: SpecModel, seed: number, generated: number): Map<string, Item[]> {
  let bySettings = datasets.get(spec);
  if (!bySettings) {
    bySettings = new Map();
    datasets.set(spec, bySettings);
  }
  const key = `${seed}:${generated}`;
  let dataset = bySettings.get(key);
  if (!dataset) {
    dataset = deepFreeze(buildDataset(spec, seed, generated));
    bySettings.set(key, dataset);
  }
  return dataset;
}

/** The default dataset: the spec's example items of each collection, then, for instances, deterministic generated ones. */
function buildDataset(spec: SpecModel, seed: number, generated: number): Map<string, Item[]> {
  const out = new Map<string, Item[]>();
  for (const collection of spec.collections) {
    const items: Item[] = [];
    const seen = new Set<string>();
    for (const example of collection.examples) {
      const item = normalizeCasing<Item>(structuredClone(example));
      const key = collection.key ? String(item[collection.key]) : JSON.stringify(item);
      if (!seen.has(key)) items.push(item);
      seen.add(key);
    }
    if (collection.key === 'instanceName' && collection.carried.includes('functionName')) {
      const builtin = makeFunctionInstances(Math.min(3, generated), { source: 'builtin' }, { seed: seed + 1 });
      items.push(...makeFunctionInstances(Math.max(0, generated - builtin.length), {}, { seed, mixedSources: true }));
      items.push(...builtin.map((b, i) => ({ ...b, instanceName: `builtin_instance_${i + 1}` })));
    }
    out.set(collection.path, items);
  }
  return out;
}

/** Request ids: the seed, the request (without its origin, so any port gives the same ids) and its position. */
function createRequestIds(seed: number) {
  let sequence = 0;
  let ids = new WeakMap<Request, string>();
  return {
    idFor(request: Request): string {
      let id = ids.get(request);
      if (!id) {
        const url = new URL(request.url);
        id = deterministicRequestId(seed, `${request.method} ${url.pathname}${url.search} #${sequence++}`);
        ids.set(request, id);
      }
      return id;
    },
    reset() {
      sequence = 0;
      ids = new WeakMap();
    },
  };
}

/**
 * How every answer is written: the same request id in the header and the body, a Date, errors in
 * the spec's shape; `casing: 'pascal'` answers PascalCase where the operation's spec has a
 * PascalCase twin, camelCase elsewhere.
 */
function createReplies(
  spec: SpecModel,
  idFor: (request: Request) => string,
  casing: 'camel' | 'pascal',
  latency: { ms: number; measure: boolean },
) {
  const toWire = casingFor(casing);
  const asIs = casingFor('camel');
  return (request: Request, model?: ModelOperation): Reply => {
    // A reply is made when the request arrives: a measured `latency` is the time since then.
    const arrived = latency.measure ? performance.now() : 0;
    return {
      json(status, body) {
        const requestId = idFor(request);
        const out = body && 'requestId' in body ? { ...body, requestId } : body;
        if (out && 'latency' in out)
          out.latency = latency.measure ? Math.round(performance.now() - arrived) : latency.ms;
        const wire = model && !model.pascalTwin ? asIs : toWire;
        return HttpResponse.json(out === undefined ? null : (wire(out) as never), {
          status,
          headers: { 'x-acs-request-id': requestId, date: new Date().toUTCString() },
        });
      },
      error(code, message, status, headers = {}) {
        const requestId = idFor(request);
        const info = spec.errorCodes.get(code);
        return HttpResponse.json(
          errorBody(info, code, message, requestId, hostIdOf(spec.document, new URL(request.url).host)),
          {
            status: status ?? info?.httpStatus ?? 400,
            headers: { 'x-acs-request-id': requestId, date: new Date().toUTCString(), ...headers },
          },
        );
      },
    };
  };
}

/** The controller: the data of the function instances and the recorded requests. */
function createController(store: ResourceStore, log: RequestLog, onReset: () => void): OpenSearchMockController {
  const main = () => {
    if (!store.main) throw new TypeError('This spec has no collection to hold data');
    return store.main;
  };
  const items = (instances: FunctionInstance | FunctionInstance[]) =>
    (Array.isArray(instances) ? instances : [instances]) as unknown as Item[];
  return {
    seed(appGroup, instances, options = {}) {
      if (!Array.isArray(instances)) throw new TypeError('seed(appGroup, instances): instances must be an array');
      const fn = options.functionName;
      store.seed(main(), appGroup, items(instances), fn === undefined ? undefined : { functionName: fn });
    },
    add: (appGroup, instances) => store.add(main(), appGroup, items(instances)),
    remove: (appGroup, instanceName) => store.remove(main(), appGroup, instanceName),
    instances(appGroup, functionName, filters = {}) {
      const collection = main();
      if (!store.hasScope(appGroup)) return [];
      const active = activeFilters(collection.filters, filters as Record<string, unknown>);
      const found = store.list(collection, appGroup, { functionName }, active);
      return structuredClone(found) as unknown as FunctionInstance[];
    },
    reset() {
      store.reset();
      log.clear();
      onReset();
    },
    get requests() {
      return log.entries as readonly RecordedRequest[];
    },
    requestsOf: (operationId) => log.entries.filter((r) => r.operationId === operationId) as never,
    clearRequests: () => log.clear(),
  };
}

/** Whether a request is meant for this API: it names an action, or its path starts like an operation's. */
function looksLikeOurs(spec: SpecModel, request: Request): boolean {
  const { pathname } = new URL(request.url);
  return (
    request.headers.has('x-acs-action') || spec.operations.some((m) => pathname.startsWith(m.op.path.split('{')[0]!))
  );
}

/** Why a request meant for this API matched no operation; the baseUrl first (it is what is most often wrong). */
function unmatchedMessage(spec: SpecModel, base: string | undefined, request: Request): string {
  const url = new URL(request.url);
  const patterns = spec.operations.map((m) => `${m.op.method} ${m.op.path}`);
  return `[acs-opensearch mocks] The handlers expect ${base ?? 'any origin'}: ${request.method} ${url.origin}${url.pathname} matched no handler. Check the client's endpoint or region, and the handlers' baseUrl. They answer ${patterns.join(', ')}.`;
}

/** The base URLs of every handler set made in this process (`*`: one without a baseUrl, any origin). */
const registeredBases = new Set<string>();
/** When the handler sets made for one origin were last installed (spread), by base URL. */
const setBases = new Map<string, number>();
/** A sequence of events: when each set for one origin was made, and when a set for any origin was last installed. */
let sequence = 0;
let anyInstalledAt = 0;
/** Counts a real server's URL (the mock server's) as answered: other sets' fallbacks leave its requests alone. Returns the undo. */
export function registerServedBase(base: string): () => void {
  registeredBases.add(base);
  return () => registeredBases.delete(base);
}
const under = (url: string, base: string) => url === base || url.startsWith(base.endsWith('/') ? base : `${base}/`);
/** Whether a URL belongs to a handler set for its origin installed after `installedAt`: a set for any origin leaves it alone. */
const claimedByAnother = (url: string, installedAt: number) =>
  [...setBases].some(([b, at]) => at > installedAt && under(url.split('?')[0]!, b));

/**
 * The handler after the router: a request meant for this API that no operation answers gets the
 * gateway's 404 InvalidAction.NotFound, a client error the client does not retry, with the reason
 * in its message (a wrong endpoint fails at once, not after three tries). A request for another
 * origin is left to the handler sets made for that origin or for any origin, when there are some
 * (several sets may share a server, in any order): only one of them answers "no operation", the
 * one for its origin. Other requests fall through to MSW's onUnhandledRequest / onUnhandledFrame.
 */
function createFallback(
  spec: SpecModel,
  base: string | undefined,
  replyFor: (request: Request) => Reply,
  register: boolean,
  record: (request: Request, response: Response) => void,
  installed: { at: number },
) {
  // A set for one origin counts from its creation; a set for any origin once a server runs it, and
  // once installed (spread, see `installable`) for the sets for one origin made before.
  if (register && base !== undefined) {
    registeredBases.add(base);
  }
  const madeAt = ++sequence;
  return http.all(/.*/, ({ request }) => {
    if (register && base === undefined) registeredBases.add('*');
    if (!looksLikeOurs(spec, request)) return undefined;
    const url = request.url.split('?')[0]!;
    // A set for any origin leaves a request to the set made for its origin.
    if (base === undefined && claimedByAnother(url, installed.at)) return undefined;
    const ours = base === undefined || under(url, base);
    // Another origin is left to the handlers after this set when a set for any origin was installed
    // after this one was made (`setupServer(...forOneOrigin.handlers, ...handlers)`), or has answered.
    const later = anyInstalledAt > madeAt;
    if (!ours && (later || registeredBases.has('*') || [...registeredBases].some((b) => b !== '*' && under(url, b))))
      return undefined;
    const response = replyFor(request).error('InvalidAction.NotFound', unmatchedMessage(spec, base, request), 404);
    record(request, response);
    return response;
  });
}

/**
 * The handler list of a set, which counts a set for any origin as installed when it is spread
 * (`setupServer(...handlers)`): the sets for one origin made before leave other origins' requests to
 * the handlers after them. (A set for one origin used alone still answers the 404 itself.)
 */
function installable(handlers: HttpHandler[], base: string | undefined, installed: { at: number }): HttpHandler[] {
  const iterate = handlers[Symbol.iterator].bind(handlers);
  Object.defineProperty(handlers, Symbol.iterator, {
    value: () => {
      installed.at = ++sequence;
      if (base === undefined) anyInstalledAt = installed.at;
      else setBases.set(base, installed.at);
      return iterate();
    },
  });
  return handlers;
}

/** What msw 2 (`onUnhandledRequest`) and msw 3 (`onUnhandledFrame`) call for a request no handler matched. */
function createUnhandled(spec: SpecModel, base: string | undefined) {
  function onUnhandledRequest(request: Request, print: { warning(): void; error(): void }) {
    if (!looksLikeOurs(spec, request)) return print.warning();
    // Reached only without the handlers' fallback (handlers of another set, say).
    throw new Error(unmatchedMessage(spec, base, request));
  }
  function onUnhandledFrame({ frame, defaults }: UnhandledFrameArgs) {
    const request = (frame.data as { request?: unknown } | undefined)?.request;
    if (frame.protocol !== 'http' || !(request instanceof Request)) return defaults.warn();
    onUnhandledRequest(request, { warning: defaults.warn, error: defaults.error });
  }
  return { onUnhandledRequest, onUnhandledFrame };
}

/** The pipeline's options, from the set's, with their defaults. */
const pipelineOptionsOf = (options: OpenSearchHandlersOptions) => ({
  verify: options.verifySignature ? new KeyRing(options.verifySignature) : (false as const),
  crypto: options.signingCrypto,
  onViolation: options.onViolation ?? 'respond',
  onUnknownAppGroup: options.onUnknownAppGroup ?? 'respond',
  maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
});

/** One handler for every operation (router.ts): as cheap to build with 9 operations as with 1. */
function createOperationRouter(
  spec: SpecModel,
  base: string | undefined,
  handle: ReturnType<typeof createPipeline>,
  replyFor: (request: Request, model?: ModelOperation) => Reply,
  installed: { at: number },
) {
  return createRouter(spec, base, (resolved, request) => {
    // A set for any origin leaves a request for another set's origin to that set, in either order.
    if (base === undefined && claimedByAnother(request.url, installed.at)) return undefined;
    if (!('badEscape' in resolved)) return handle(resolved.model, request, resolved.params);
    const message = `The path has a bad %-escape in ${JSON.stringify(resolved.badEscape.slice(0, 40))}.`;
    return replyFor(request, resolved.model).error('InvalidParameter', message, 400);
  });
}

/** Records the requests answered outside the pipeline (by an override, or as matching no operation). */
function createUnreadRecorder(spec: SpecModel, base: string | undefined, log: RequestLog) {
  const relative = pathUnder(base);
  return (request: Request, status: number | undefined, code: string | undefined, overridden: boolean) => {
    const operationId = resolveRoute(spec, request.method, relative(request.url))?.model.op.operationId;
    log.push(unreadEntry(request, operationId, { status, code, overridden }));
  };
}

/**
 * Creates the handlers, their controller and the override helpers. (`internal.register: false` is for
 * the package's own default set, made at import: it must not count as a set some server answers for.)
 */
export function createOpenSearchHandlers(
  options: OpenSearchHandlersOptions = {},
  internal: { register?: boolean; install?: boolean } = {},
): OpenSearchHandlers {
  const base = checkOptions(options);
  const seed = options.seed ?? 1;
  const spec = buildSpecModel(options.document ?? openApiDocument);
  const dataset = defaults(spec, seed, options.generatedInstances ?? 22);
  const explicit = options.appGroups ? new Map(Object.entries(options.appGroups) as [string, Item[]][]) : undefined;
  const store = new ResourceStore(spec.collections, () => ({ explicit, defaults: dataset }));
  const log = new RequestLog(options.maxRecordedRequests ?? 1000);
  const nonces = new NonceStore(MAX_CLOCK_SKEW_MS);
  const ids = createRequestIds(seed);
  const replyFor = createReplies(spec, ids.idFor, options.casing ?? 'camel', {
    ms: options.latencyMs ?? 0,
    measure: options.measureLatency === true,
  });
  const ctx: BehaviourContext = { spec, store, latencyMs: options.latencyMs ?? 0 };
  const handle = createPipeline(ctx, pipelineOptionsOf(options), log, nonces, replyFor);
  // When this set was last installed (spread into a server or worker): a set for any origin leaves
  // the origins of the sets for one origin installed after it to them.
  const installed = { at: 0 };
  const router = createOperationRouter(spec, base, handle, replyFor, installed);
  const searchEngine = new SearchEngine({
    store,
    source: searchSource(spec),
    base,
    verify: options.verifySignature ? new KeyRing(options.verifySignature) : false,
    nonces,
    limits: SEARCH_LIMITS,
    seed,
  });
  const controller = createController(store, log, () => {
    nonces.clear();
    ids.reset();
    searchEngine.reset();
  });
  const reset = (target?: { resetHandlers(): void }) => {
    target?.resetHandlers();
    controller.reset();
  };
  const recordOther = createUnreadRecorder(spec, base, log);
  const mock = createMockHelpers(spec, base, ids.idFor, replyFor, (request, status, code) =>
    recordOther(request, status, code, true),
  );
  const fallback = createFallback(
    spec,
    base,
    (request) => replyFor(request),
    internal.register !== false,
    (request, response) => recordOther(request, response.status, 'InvalidAction.NotFound', false),
    installed,
  );
  const search = createSearchHandler(searchEngine, base, log);
  const handlers =
    internal.install === false ? [router, search, fallback] : installable([router, search, fallback], base, installed);
  return { handlers, controller, mock, search: searchEngine, ...createUnhandled(spec, base), reset };
}
