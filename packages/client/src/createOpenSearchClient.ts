// The client: openapi-fetch typed by the generated `paths`, running on the signed, retrying
// fetch engine, plus listFunctionInstances and paginateFunctionInstances.
import createClient, { type Client } from 'openapi-fetch';
import { createCredentialsSource, describeCredentials, type CredentialsOption } from './credentials.js';
import { encodePath } from './encodePath.js';
import { resolveEndpoint } from './endpoint.js';
import { OpenSearchError, ValidationError } from './errors.js';
import { errorFromResponse, readErrorFields } from './errorResponse.js';
import { API_VERSION, OPERATIONS, type RegionId } from './generated/metadata.js';
import type { components, operations, paths } from './generated/openapi.js';
import { resolveRetry, type RetryOptions } from './retryPolicy.js';
import { createSignedFetch, malformedResponse, responseErrors, type ClockState } from './signedFetch.js';
import type { SigningCrypto } from './signing/index.js';
import { parameterNames, validateParameters } from './validateParameters.js';

/** One algorithm instance, camelCase, as the client returns it. */
export type FunctionInstance = components['schemas']['FunctionInstance'];
/** The 200 body of ListFunctionInstances, camelCase (PascalCase answers are normalized to this). */
export type ListFunctionInstancesResponse = components['schemas']['ListFunctionInstancesResponse'];
/** The parameters of ListFunctionInstances, flat: path and query together. */
export type ListFunctionInstancesParams = operations['listFunctionInstances']['parameters']['path'] &
  NonNullable<operations['listFunctionInstances']['parameters']['query']>;
export type PaginateFunctionInstancesParams = ListFunctionInstancesParams & {
  /** Stop after this many instances in total (the last page is trimmed). Default: no cap. */
  maxItems?: number;
};

export interface CallOptions {
  /** Aborts the call, including any wait between retries. */
  signal?: AbortSignal;
}

export interface OpenSearchClientOptions {
  /** The region whose public endpoint to call. Default `cn-hangzhou`. Ignored when `endpoint` is set. */
  regionId?: RegionId;
  /** A full base URL that overrides the region: proxies, VPC endpoints, a local mock (`http://127.0.0.1:PORT`). */
  endpoint?: string;
  /** Static credentials, or a provider called for every attempt. Default: the ALIBABA_CLOUD_* environment variables. */
  credentials?: CredentialsOption;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at every request. */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms; 0 disables it. Default 10000. */
  timeoutMs?: number;
  /** Retry policy, or `false` for a single attempt. Default: 3 attempts, full-jitter backoff. */
  retry?: RetryOptions | false;
  /** The User-Agent to send (runtimes that forbid it, such as browsers, ignore it). */
  userAgent?: string;
  /** Hash primitives for signing. Default: Web Crypto. A server may pass node:crypto-based ones to save latency (see README). */
  signingCrypto?: SigningCrypto;
}

type LIST_PATH = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';
type ListOperation = paths[LIST_PATH]['get'];

/** `paths`, with the 200 body of ListFunctionInstances narrowed to camelCase, which is what the client hands out. */
export type NormalizedPaths = {
  [P in keyof paths]: P extends LIST_PATH
    ? Omit<paths[P], 'get'> & {
        get: Omit<ListOperation, 'responses'> & {
          responses: Omit<ListOperation['responses'], 200> & {
            200: Omit<ListOperation['responses'][200], 'content'> & {
              content: { 'application/json': ListFunctionInstancesResponse };
            };
          };
        };
      }
    : paths[P];
};

export interface OpenSearchClient extends Client<NormalizedPaths> {
  /** Lists one page of instances. Resolves to the camelCase body; throws OpenSearchError on any failure. */
  listFunctionInstances(params: ListFunctionInstancesParams, options?: CallOptions): Promise<ListFunctionInstancesResponse>;
  /** Iterates page bodies from `pageNumber` (default 1) until totalCount is reached, a page is empty, or `maxItems`. */
  paginateFunctionInstances(params: PaginateFunctionInstancesParams, options?: CallOptions): AsyncIterable<ListFunctionInstancesResponse>;
  /** The resolved configuration, without credentials. */
  readonly config: OpenSearchClientConfig;
}

export interface OpenSearchClientConfig {
  baseUrl: string;
  regionId: RegionId | undefined;
  timeoutMs: number;
  maxAttempts: number;
  credentials: string;
  userAgent: string | undefined;
  signingCrypto: 'web-crypto' | 'custom';
}

const LIST = OPERATIONS.listFunctionInstances;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Creates a client for the OpenSearch API (2017-12-25). */
export function createOpenSearchClient(options: OpenSearchClientOptions = {}): OpenSearchClient {
  const { baseUrl, regionId } = resolveEndpoint(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs >= 0) || !Number.isFinite(timeoutMs)) {
    throw new ValidationError('timeoutMs', `timeoutMs must be a finite number >= 0, got ${String(options.timeoutMs)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new ValidationError('fetch', 'fetch must be a function');
  }
  const retry = resolveRetry(options.retry);
  const clock: ClockState = { offsetMs: 0 };
  const signedFetch = createSignedFetch({
    credentials: createCredentialsSource(options.credentials),
    action: LIST.action,
    version: LIST.version ?? API_VERSION,
    fetch: options.fetch,
    timeoutMs,
    retry,
    userAgent: options.userAgent,
    clock,
    crypto: options.signingCrypto,
  });
  const inner = createClient<NormalizedPaths>({
    baseUrl,
    fetch: signedFetch,
    headers: { accept: 'application/json' },
    pathSerializer: (pathname, pathParams) => encodePath(pathname, pathParams),
  });

  const config: OpenSearchClientConfig = Object.freeze({
    baseUrl,
    regionId,
    timeoutMs,
    maxAttempts: retry.maxAttempts,
    credentials: describeCredentials(options.credentials),
    userAgent: options.userAgent,
    signingCrypto: options.signingCrypto ? 'custom' : 'web-crypto',
  });

  const pathNames = parameterNames('listFunctionInstances', 'path');

  async function listFunctionInstances(params: ListFunctionInstancesParams, call: CallOptions = {}) {
    if (!params || typeof params !== 'object') {
      throw new ValidationError('params', 'listFunctionInstances: params must be an object with appGroupIdentity and functionName');
    }
    validateParameters('listFunctionInstances', params as unknown as Record<string, unknown>);
    const path: Record<string, string> = {};
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      if (pathNames.includes(key)) path[key] = value as string;
      else query[key] = value;
    }
    const { data, error, response } = await (client as unknown as OpenSearchClient).GET(LIST.path, {
      params: { path: path as ListOperation['parameters']['path'], query },
      ...(call.signal ? { signal: call.signal } : {}),
    });
    if (error !== undefined || !response.ok) {
      throw (
        responseErrors.get(response) ??
        errorFromResponse(response, readErrorFields(typeof error === 'string' ? error : JSON.stringify(error ?? ''), response.headers), {
          method: 'GET',
          url: response.url || baseUrl,
        })
      );
    }
    if (!data || typeof data !== 'object' || !Array.isArray((data as ListFunctionInstancesResponse).result)) {
      throw new OpenSearchError({
        kind: 'server',
        code: 'MalformedResponse',
        message: `ListFunctionInstances answered HTTP ${response.status} without a result list`,
        status: response.status,
        requestId: response.headers.get('x-acs-request-id') ?? undefined,
        body: data,
      });
    }
    return data as ListFunctionInstancesResponse;
  }

  async function* paginateFunctionInstances(params: PaginateFunctionInstancesParams, call: CallOptions = {}) {
    const { maxItems, ...rest } = params ?? ({} as PaginateFunctionInstancesParams);
    if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 1)) {
      throw new ValidationError('maxItems', `paginateFunctionInstances: maxItems must be a positive integer, got ${JSON.stringify(maxItems)}`);
    }
    let pageNumber = rest.pageNumber ?? 1;
    let seen = 0;
    for (;;) {
      const page = await listFunctionInstances({ ...rest, pageNumber }, call);
      let result = page.result;
      if (maxItems !== undefined && seen + result.length > maxItems) result = result.slice(0, maxItems - seen);
      seen += result.length;
      if (result.length === 0) return;
      yield result === page.result ? page : { ...page, result };
      const pageSize = rest.pageSize ?? page.result.length;
      const reachedTotal = page.totalCount !== undefined && (pageNumber - 1) * pageSize + page.result.length >= page.totalCount;
      if (reachedTotal || (maxItems !== undefined && seen >= maxItems)) return;
      pageNumber += 1;
    }
  }

  const client = Object.create(null) as Record<PropertyKey, unknown>;
  for (const [key, value] of Object.entries(inner)) {
    // openapi-fetch parses 2xx JSON itself; a body that only looked like JSON surfaces as a typed error.
    client[key] =
      typeof value === 'function' && key !== 'use' && key !== 'eject'
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
            } catch (error) {
              if (error instanceof SyntaxError) {
                const [method, path] = key === 'request' ? [String(args[0]).toUpperCase(), args[1]] : [key, args[0]];
                throw malformedResponse(200, undefined, error.message, { method, url: `${baseUrl}${String(path)}` }, error);
              }
              throw error;
            }
          }
        : value;
  }
  Object.assign(client, {
    listFunctionInstances,
    paginateFunctionInstances,
    config,
    toJSON: () => ({ ...config }),
    toString: () => `OpenSearchClient(${baseUrl})`,
    [INSPECT]: () => `OpenSearchClient ${JSON.stringify(config)}`,
  });
  return client as unknown as OpenSearchClient;
}
