// The application API (v3) client: search, scroll, push and suggest against one application, on
// the same engine as the management client (credentials, retries, time limits, hooks, typed errors
// holding no secret), signed with the v3 signature (signV3.ts). Parameters are checked against the
// spec's rules (search/generated/metadata.ts) before anything is sent.
import { resolveOptions } from '../client/options.js';
import { type Answer, type CallSettings, createEngine, type OutgoingCall } from '../engine/createEngine.js';
import { errorFromResponse, readErrorFields } from '../engine/errorResponse.js';
import { ValidationError } from '../errors/errors.js';
import type { SecretSet } from '../errors/secretSet.js';
import { prepareFlat } from '../operations/validateParameters.js';
import {
  pushDocumentsOperation,
  type SearchOperationMeta,
  searchOperation,
  suggestOperation,
} from './generated/metadata.js';
import { planBatches, pushBatches, resolvePushLimits } from './push.js';
import { buildSearchQuery } from './query.js';
import { signV3, v3Date, v3Nonce, v3QueryString } from './signV3.js';
import type {
  PushCommand,
  PushOptions,
  PushReport,
  PushResponse,
  ScrollParams,
  SearchCallOptions,
  SearchClient,
  SearchClientOptions,
  SearchParams,
  SearchResponse,
  SearchResult,
  SuggestParams,
  SuggestResponse,
} from './types.js';

const APP_NAME = /^[A-Za-z][A-Za-z0-9_]{0,29}$/;

/** A call's own settings, only those it gave. */
function settingsOf(options: SearchCallOptions | undefined): Partial<CallSettings> | undefined {
  if (!options) return undefined;
  const out: Partial<CallSettings> = {};
  if (options.signal !== undefined) out.signal = options.signal;
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  if (options.deadlineMs !== undefined) out.deadlineMs = options.deadlineMs;
  if (options.context !== undefined) out.context = options.context;
  return out;
}

/** The 2xx body, or the typed error of a `status: FAIL` answer (with the API's code). */
function reader(target: { method: string; url: string }, secrets: SecretSet) {
  return (answer: Answer): unknown => {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      throw errorFromResponse(answer, readErrorFields(answer.text, answer.headers), target, false, secrets);
    }
    if (body && typeof body === 'object' && (body as { status?: unknown }).status === 'FAIL')
      throw errorFromResponse(answer, readErrorFields(answer.text, answer.headers), target, false, secrets);
    return body;
  };
}

/** A search's parameters as sent: the query as text, `fetch_fields` joined by `;`. */
function searchParamsOf(appName: string, params: SearchParams): Record<string, unknown> {
  if (!params || typeof params !== 'object') throw new ValidationError('params', 'params must be an object');
  const { query, fetch_fields, ...others } = params;
  return {
    ...others,
    app_name: appName,
    query: typeof query === 'string' ? query : buildSearchQuery(query),
    ...(fetch_fields === undefined
      ? {}
      : { fetch_fields: Array.isArray(fetch_fields) ? fetch_fields.join(';') : fetch_fields }),
  };
}

function checkOptions(options: SearchClientOptions): void {
  if (!options || typeof options !== 'object') throw new ValidationError('options', 'options must be an object');
  if (typeof options.endpoint !== 'string' || options.endpoint === '')
    throw new ValidationError('endpoint', "endpoint is required: the application's API domain");
  if (typeof options.appName !== 'string' || !APP_NAME.test(options.appName))
    throw new ValidationError('appName', 'appName must be an application name (a letter, then letters, digits or _)');
}

/** The engine, and what sends one operation's request through it: validated, built, signed per attempt. */
function createSender(rest: Omit<SearchClientOptions, 'appName' | 'push'>) {
  const { config, retry, budget, secrets, credentials, hooks, transport } = resolveOptions(rest);
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

  function send(op: SearchOperationMeta, params: Record<string, unknown>, call?: SearchCallOptions, body?: string) {
    let url: string;
    let path: string;
    let query: Record<string, string>;
    try {
      const prepared = prepareFlat(op, body === undefined ? params : { ...params, body: JSON.parse(body) });
      path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(prepared.path[name])));
      query = Object.fromEntries(Object.entries(prepared.query).map(([k, v]) => [k, String(v)]));
      const qs = v3QueryString(query);
      url = `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
    } catch (error) {
      return engine.refuse(op, `${baseUrl}${op.path}`, error, call?.context);
    }
    const outgoing: OutgoingCall = {
      op,
      url,
      body,
      sign: (creds, nowMs) =>
        signV3(
          { method: op.method, path, query, body },
          creds,
          { date: v3Date(nowMs), nonce: v3Nonce(nowMs) },
          unsigned,
        ),
    };
    return engine.send(outgoing, settingsOf(call), reader({ method: op.method, url }, secrets));
  }

  /** A request refused before it was built: observed by onError, then rejected. */
  const refuse = (op: SearchOperationMeta, error: unknown, call?: SearchCallOptions) =>
    engine.refuse(op, `${baseUrl}${op.path}`, error, call?.context);

  return { send, refuse, baseUrl, timeoutMs, maxAttempts: retry.maxAttempts };
}

/**
 * Creates a client of one application's API (v3). Credentials, retries, time limits, hooks and the
 * transport take the same options as createOpenSearchClient; every bad option is a ValidationError.
 */
export function createSearchClient(options: SearchClientOptions): SearchClient {
  checkOptions(options);
  const { appName, push: pushLimits, ...rest } = options;
  const { send, refuse, baseUrl, timeoutMs, maxAttempts } = createSender(rest);
  const limits = resolvePushLimits(pushLimits, pushDocumentsOperation.limits ?? {});

  function search(params: SearchParams, call?: SearchCallOptions) {
    let flat: Record<string, unknown>;
    try {
      flat = searchParamsOf(appName, params);
    } catch (error) {
      return refuse(searchOperation, error, call);
    }
    return send(searchOperation, flat, call);
  }

  async function* scroll(params: ScrollParams, call?: SearchCallOptions): AsyncIterableIterator<SearchResult> {
    const { scroll: ttl = '1m', ...rest } = params;
    const flat = searchParamsOf(appName, rest);
    let { result } = (await send(
      searchOperation,
      { ...flat, scroll: ttl, search_type: 'scan' },
      call,
    )) as SearchResponse;
    for (let calls = 1; ; calls += 1) {
      if (result.items.length > 0) yield result;
      // Done: no scroll_id, or an empty page after the first (the first, a scan, may hold none).
      if (!result.scroll_id || (result.items.length === 0 && calls > 1)) return;
      ({ result } = (await send(
        searchOperation,
        { ...flat, scroll: ttl, scroll_id: result.scroll_id },
        call,
      )) as SearchResponse);
    }
  }

  async function push(table: string, commands: readonly PushCommand[], call?: PushOptions): Promise<PushReport> {
    if (!Array.isArray(commands) || commands.length === 0)
      throw new ValidationError('commands', 'commands must be a non-empty array of { cmd, fields }');
    const batches = planBatches(commands, limits.maxBatchBytes, limits.maxBatchDocuments);
    const sendOne = (body: string) =>
      send(pushDocumentsOperation, { app_name: appName, table_name: table }, call, body) as Promise<PushResponse>;
    return pushBatches(batches, sendOne, limits.batchesPerSecond, call);
  }

  const suggest = (name: string, params: SuggestParams, call?: SearchCallOptions) =>
    send(suggestOperation, { ...params, app_name: appName, suggest_name: name }, call) as Promise<SuggestResponse>;

  return {
    search: search as SearchClient['search'],
    scroll: scroll as SearchClient['scroll'],
    push,
    suggest,
    config: Object.freeze({ endpoint: baseUrl, appName, timeoutMs, maxAttempts }),
  };
}
