// The client: one generated method per operation of the spec (and a paginator per paged one), on
// a direct path through the signed engine, plus openapi-fetch's raw methods, typed by the
// generated `paths`. Every request, whichever way it comes, is matched to its operation by method
// and path template, validated from the generated rules, and signed with that operation's action.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { assertHeaderValue, checkNumber, MAX_TIMER_MS } from './checks.js';
import { type CredentialsOption, createCredentialsSource, describeCredentials } from './credentials.js';
import { encodePath } from './encodePath.js';
import { resolveEndpoint } from './endpoint.js';
import { type Answer, type ClockState, createEngine, errorAnswers, type OutgoingCall } from './engine.js';
import { ValidationError } from './errors.js';
import type { RegionId } from './generated/metadata.js';
import type { OperationMethods, OperationPaginators } from './generated/operations.js';
import type { OperationMeta } from './operationMeta.js';
import type { CallOptions, NormalizedPaths, PaginateOptions } from './operationTypes.js';
import { OPERATION_LIST, resolveOperation } from './resolveOperation.js';
import { type RetryOptions, resolveRetry } from './retryPolicy.js';
import { canonicalQuery } from './signing/canonicalQuery.js';
import { canonicalUri } from './signing/canonicalUri.js';
import type { SigningCrypto } from './signing/crypto.js';
import { DEFAULT_CRYPTO_NAME, defaultCrypto } from './signing/defaultCrypto.js';
import { createLeanSigner, type LeanRequest } from './signing/leanSigner.js';
import { percentEncode } from './signing/percentEncode.js';
import { successBody } from './successBody.js';
import { type PreparedCall, prepareCall, prepareFlat } from './validateParameters.js';

export interface OpenSearchClientOptions {
  /** The region whose public endpoint to call. Default `cn-hangzhou`. Ignored when `endpoint` is set. */
  regionId?: RegionId;
  /** A full base URL that overrides the region: proxies, VPC endpoints, a local mock (`http://127.0.0.1:PORT`). */
  endpoint?: string;
  /** Static credentials, or a provider called for every attempt. Default: the ALIBABA_CLOUD_* environment variables. */
  credentials?: CredentialsOption;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at every request. */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms, covering the response body too; 0 disables it. Default 10000. */
  timeoutMs?: number;
  /** Bound on a whole call in ms: every attempt and every wait between them; 0 disables it. Default 60000. */
  deadlineMs?: number;
  /** The largest response body the client reads, in bytes, counted after decompression. Default 10 MiB. */
  maxResponseBytes?: number;
  /** Retry policy, or `false` for a single attempt. Default: 3 attempts, full-jitter backoff. */
  retry?: RetryOptions | false;
  /** The User-Agent to send (runtimes that forbid it, such as browsers, ignore it). */
  userAgent?: string;
  /** Hash primitives for signing. Default: node:crypto in Node, Web Crypto elsewhere (chosen by the package's export conditions). */
  signingCrypto?: SigningCrypto;
}

export interface OpenSearchClientConfig {
  baseUrl: string;
  regionId: RegionId | undefined;
  timeoutMs: number;
  deadlineMs: number;
  maxResponseBytes: number;
  maxAttempts: number;
  credentials: string;
  userAgent: string | undefined;
  signingCrypto: 'web-crypto' | 'node:crypto' | 'custom';
}

/** openapi-fetch's raw methods (typed by the spec, 2xx bodies in camelCase), the generated methods and paginators. */
export interface OpenSearchClient extends Client<NormalizedPaths>, OperationMethods, OperationPaginators {
  /** The resolved configuration, without credentials. */
  readonly config: OpenSearchClientConfig;
}

type Bag = Record<string, unknown>;
type RawInit = {
  params?: { path?: unknown; query?: unknown; header?: unknown };
  body?: unknown;
  headers?: unknown;
  signal?: AbortSignal;
  [key: string]: unknown;
};

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_DEADLINE_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
/** Checks the caller's own headers of a raw call (a record or pairs; Headers are checked by Headers) without echoing a value. */
function checkHeaders(headers: unknown): void {
  if (!headers || typeof headers !== 'object' || headers instanceof Headers) return;
  for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) {
    if (value != null) assertHeaderValue(`headers[${JSON.stringify(String(name)).slice(0, 60)}]`, String(value));
  }
}

/** Creates a client for the OpenSearch API (2017-12-25). Every bad option is a ValidationError naming it. */
export function createOpenSearchClient(options: OpenSearchClientOptions = {}): OpenSearchClient {
  if (!options || typeof options !== 'object') throw new ValidationError('options', 'options must be an object');
  const { baseUrl, regionId } = resolveEndpoint(options);
  const timeoutMs = checkNumber('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 0, MAX_TIMER_MS);
  const deadlineMs = checkNumber('deadlineMs', options.deadlineMs ?? DEFAULT_DEADLINE_MS, 0, MAX_TIMER_MS);
  const maxResponseBytes = checkNumber(
    'maxResponseBytes',
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    1,
    2 ** 40,
    true,
  );
  const custom = options.signingCrypto;
  for (const [name, ok] of [
    ['fetch', options.fetch === undefined || typeof options.fetch === 'function'],
    [
      'signingCrypto',
      custom === undefined || (typeof custom?.sha256Hex === 'function' && typeof custom.hmacSha256Hex === 'function'),
    ],
  ] as const) {
    if (!ok)
      throw new ValidationError(
        name,
        `${name} must be ${name === 'fetch' ? 'a function' : '{ sha256Hex, hmacSha256Hex }'}`,
      );
  }
  if (options.userAgent !== undefined) assertHeaderValue('userAgent', options.userAgent);
  const crypto = custom ?? defaultCrypto;
  const retry = resolveRetry(options.retry);
  const credentials = createCredentialsSource(options.credentials);
  const clock: ClockState = { offsetMs: 0 };
  const engine = createEngine({
    credentials,
    fetch: options.fetch,
    timeoutMs,
    deadlineMs,
    retry,
    maxResponseBytes,
    clock,
  });

  const base = new URL(baseUrl);
  const basePath = base.pathname === '/' ? '' : base.pathname;
  const canonicalBase = basePath === '' ? '' : canonicalUri(basePath);
  const unsigned: Record<string, string> = { accept: 'application/json' };
  if (options.userAgent) unsigned['user-agent'] = options.userAgent;
  const leanSign = createLeanSigner({ host: base.host, crypto });

  /**
   * One signed call, for both paths: the payload hash is computed once (asynchronously only with
   * async primitives); each attempt then signs afresh with the lean signer.
   */
  function outgoing(
    op: OperationMeta,
    url: string,
    request: Omit<LeanRequest, 'action' | 'version' | 'payloadHash'>,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
  ): OutgoingCall | Promise<OutgoingCall> {
    const make = (payloadHash: string | undefined): OutgoingCall => {
      const lean: LeanRequest = { ...request, action: op.action, version: op.version, payloadHash };
      return { op, url, body, sign: (c, nowMs) => leanSign(lean, c, nowMs, headers) };
    };
    const hashed = body === undefined ? undefined : crypto.sha256Hex(body);
    return typeof hashed === 'object' ? hashed.then(make) : make(hashed);
  }

  /** The direct path of the generated methods: the request is built once, as a URL string and plain headers. */
  function buildCall(op: OperationMeta, prepared: PreparedCall): OutgoingCall | Promise<OutgoingCall> {
    const path = encodePath(op.path, prepared.path);
    const keys = Object.keys(prepared.query).sort();
    // The wire query is already canonical (sorted, values strictly encoded); the canonical form keeps
    // keys unencoded, as the official signer does, which only differs for a key outside [A-Za-z0-9_.~-].
    let query = '';
    let canonicalQs = '';
    for (const key of keys) {
      const value = percentEncode(String(prepared.query[key]));
      const sep = query ? '&' : '';
      query += `${sep}${percentEncode(key)}=${value}`;
      canonicalQs += `${sep}${key}=${value}`;
    }
    let headers = unsigned;
    let extra: [string, string][] | undefined;
    for (const name of Object.keys(prepared.header)) {
      const lower = name.toLowerCase();
      const value = String(prepared.header[name]);
      // A header parameter named x-acs-* is signed like the engine's own.
      if (lower.startsWith('x-acs-')) {
        extra = extra ?? [];
        extra.push([lower, value]);
      } else headers = { ...headers, [lower]: value };
    }
    const bodyText = prepared.body === undefined ? undefined : JSON.stringify(prepared.body);
    const contentType = bodyText === undefined ? undefined : 'application/json';
    const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;
    return outgoing(
      op,
      url,
      { method: op.method, path: canonicalBase + path, query: canonicalQs, contentType, extra },
      headers,
      bodyText,
    );
  }

  const readers = new WeakMap<OperationMeta, (answer: Answer) => unknown>();
  /** Not async: a synchronous failure becomes a rejection, and the common path adds no promise hop. */
  function callOperation(op: OperationMeta, params: unknown, call?: CallOptions): Promise<unknown> {
    try {
      const built = buildCall(op, prepareFlat(op, params));
      let read = readers.get(op);
      if (!read) {
        read = (answer: Answer) => successBody(op, answer, op.method);
        readers.set(op, read);
      }
      const reader = read;
      return 'then' in built
        ? built.then((b) => engine.send(b, call?.signal, reader))
        : engine.send(built, call?.signal, reader);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async function* paginate(op: OperationMeta, params: unknown, call?: CallOptions): AsyncGenerator<unknown> {
    const paging = op.pagination!;
    const { maxItems, maxPages, ...rest } = (params ?? {}) as Bag & PaginateOptions;
    if (maxItems !== undefined) checkNumber('maxItems', maxItems, 1, Number.MAX_SAFE_INTEGER, true);
    if (maxPages !== undefined) checkNumber('maxPages', maxPages, 1, Number.MAX_SAFE_INTEGER, true);
    let pageNumber = (rest[paging.pageNumber] as number | undefined) ?? 1;
    let seen = 0;
    let pages = 0;
    let previous: string | undefined;
    for (;;) {
      const page = (await callOperation(op, { ...rest, [paging.pageNumber]: pageNumber }, call)) as Bag;
      const all = (page[paging.items] as unknown[] | undefined) ?? [];
      // A server that ignores pageNumber answers the same page forever: stop at the first repeat.
      const fingerprint = JSON.stringify(all);
      if (all.length === 0 || fingerprint === previous) return;
      previous = fingerprint;
      const items = maxItems !== undefined && seen + all.length > maxItems ? all.slice(0, maxItems - seen) : all;
      seen += items.length;
      pages += 1;
      yield items === all ? page : { ...page, [paging.items]: items };
      const pageSize = (rest[paging.pageSize] as number | undefined) ?? all.length;
      const total = page[paging.totalCount];
      const reachedTotal = typeof total === 'number' && (pageNumber - 1) * pageSize + all.length >= total;
      if (reachedTotal || (maxItems !== undefined && seen >= maxItems) || (maxPages !== undefined && pages >= maxPages))
        return;
      pageNumber += 1;
    }
  }

  // Raw calls: openapi-fetch builds the request; the engine signs, sends and reads it.
  const inner = createClient<NormalizedPaths>({
    baseUrl,
    headers: unsigned,
    pathSerializer: (pathname, pathParams) => encodePath(pathname, pathParams),
  });

  function toResponse(answer: Answer, body: string | null): Response {
    const headers = new Headers(answer.headers);
    // The text is decoded and may be rewritten: the original length and encoding no longer apply.
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(answer.status === 204 || answer.status === 205 ? null : body, {
      status: answer.status,
      statusText: answer.statusText,
      headers,
    });
  }

  function rawCall(method: string, path: unknown, init: RawInit = {}): Promise<never> {
    const run = async () => {
      const op = resolveOperation(method, path);
      const given = init ?? {};
      checkHeaders(given.headers);
      const prepared = prepareCall(op, { ...given.params, body: given.body });
      const signal = given.signal;
      const rawFetch = async (request: Request): Promise<Response> => {
        const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
        const { href, pathname, search } = new URL(request.url);
        const headers: Record<string, string> = {};
        const extra: [string, string][] = [];
        let contentType: string | undefined;
        request.headers.forEach((value, name) => {
          // The engine sets host and authorization; the signer writes its own x-acs-* headers over a caller's.
          if (name === 'host' || name === 'authorization') return;
          if (name === 'content-type') contentType = value;
          else if (name.startsWith('x-acs-')) extra.push([name, value]);
          else headers[name] = value;
        });
        const built = outgoing(
          op,
          href,
          { method, path: canonicalUri(pathname), query: canonicalQuery(search), contentType, extra },
          headers,
          body,
        );
        const call = 'then' in built ? await built : built;
        let answer: Answer;
        try {
          answer = await engine.send(call, signal);
        } catch (error) {
          // An HTTP error answer goes back to openapi-fetch, which returns it as `{ error, response }`.
          const failed = errorAnswers.get(error as never);
          if (failed) return toResponse(failed, failed.text);
          throw error;
        }
        const data = successBody(op, answer, method);
        return toResponse(answer, data === undefined ? null : JSON.stringify(data));
      };
      return inner.request(
        method as never,
        path as never,
        {
          ...given,
          params: { path: prepared.path, query: prepared.query, header: prepared.header },
          ...(prepared.body === undefined ? {} : { body: prepared.body }),
          fetch: rawFetch,
        } as never,
      );
    };
    return run() as Promise<never>;
  }

  const config: OpenSearchClientConfig = Object.freeze({
    baseUrl,
    regionId,
    timeoutMs,
    deadlineMs,
    maxResponseBytes,
    maxAttempts: retry.maxAttempts,
    credentials: describeCredentials(options.credentials),
    userAgent: options.userAgent,
    signingCrypto: custom ? 'custom' : DEFAULT_CRYPTO_NAME,
  });

  // Composed explicitly, method by method, as openapi-fetch lists its own.
  const client = {
    request: (method: string, path: unknown, init?: RawInit) => rawCall(String(method).toUpperCase(), path, init),
    GET: (path: unknown, init?: RawInit) => rawCall('GET', path, init),
    PUT: (path: unknown, init?: RawInit) => rawCall('PUT', path, init),
    POST: (path: unknown, init?: RawInit) => rawCall('POST', path, init),
    DELETE: (path: unknown, init?: RawInit) => rawCall('DELETE', path, init),
    OPTIONS: (path: unknown, init?: RawInit) => rawCall('OPTIONS', path, init),
    HEAD: (path: unknown, init?: RawInit) => rawCall('HEAD', path, init),
    PATCH: (path: unknown, init?: RawInit) => rawCall('PATCH', path, init),
    TRACE: (path: unknown, init?: RawInit) => rawCall('TRACE', path, init),
    use: (...middleware: Middleware[]) => inner.use(...middleware),
    eject: (...middleware: Middleware[]) => inner.eject(...middleware),
    config,
    toJSON: () => ({ ...config }),
    toString: () => `OpenSearchClient(${baseUrl})`,
    [INSPECT]: () => `OpenSearchClient ${JSON.stringify(config)}`,
  } as Record<PropertyKey, unknown>;
  // The generated methods and paginators: one per operation of the spec, from OPERATIONS.
  for (const op of OPERATION_LIST) {
    client[op.operationId] = (params: unknown, call?: CallOptions) => callOperation(op, params, call);
    if (op.paginator) client[op.paginator] = (params: unknown, call?: CallOptions) => paginate(op, params, call);
  }
  return client as unknown as OpenSearchClient;
}
