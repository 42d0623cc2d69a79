// The application API (v3) client: search, scroll, push and suggest against one application, on
// the same engine as the management client (credentials, retries, time limits, hooks, typed errors
// holding no secret), signed with the v3 signature (signV3.ts). Parameters are checked against the
// spec's rules (search/generated/metadata.ts) before anything is sent.
import { type OpenSearchClientOptions, resolveOptions } from '../client/options.js';
import { type Answer, type CallSettings, createEngine, type OutgoingCall } from '../engine/createEngine.js';
import { errorFromResponse, readErrorFields } from '../engine/errorResponse.js';
import { ValidationError } from '../errors/errors.js';
import { prepareFlat } from '../operations/validateParameters.js';
import {
  pushDocumentsOperation,
  type SearchOperationMeta,
  searchOperation,
  suggestOperation,
} from './generated/metadata.js';
import type { components } from './generated/openapi.js';
import { buildSearchQuery, type SearchClauses } from './query.js';
import { signV3, v3Date, v3Nonce, v3QueryString } from './signV3.js';

type Schemas = components['schemas'];
export type SearchResponse<F = Record<string, unknown>> = Omit<Schemas['SearchResponse'], 'result'> & {
  result: Omit<Schemas['SearchResult'], 'items'> & { items: (Omit<Schemas['Hit'], 'fields'> & { fields: F })[] };
};
export type SearchResult<F = Record<string, unknown>> = SearchResponse<F>['result'];
export type SuggestResponse = Schemas['SuggestResponse'];
export type PushCommand = Schemas['PushCommand'];
export type PushResponse = Schemas['PushResponse'];

export interface SearchClientOptions extends Omit<OpenSearchClientOptions, 'regionId' | 'endpoint'> {
  /** The application's API domain, as its console page shows it: `http://opensearch-cn-hangzhou.aliyuncs.com`. */
  endpoint: string;
  /** The application (app group) to search and push to. */
  appName: string;
  /** How `push` splits commands into requests. Defaults: the limits of the spec (`x-acs-limits`). */
  push?: PushLimits;
}

export interface PushLimits {
  /** The largest request body, in bytes (UTF-8 JSON). */
  maxBatchBytes?: number;
  /** The most commands per request. */
  maxBatchDocuments?: number;
  /** At most this many requests a second (0: no pacing). Default 0. */
  batchesPerSecond?: number;
}

/** The search parameters: the API's own, with `query` as the reference writes it or as typed clauses. */
export interface SearchParams {
  query: string | SearchClauses;
  /** The fields each hit carries (a list, or `;`-separated). */
  fetch_fields?: string | string[];
  qp?: string;
  disable?: string;
  first_rank_name?: string;
  second_rank_name?: string;
  summary?: string;
  user_id?: string;
  raw_query?: string;
}

export interface ScrollParams extends SearchParams {
  /** How long the scroll stays open between calls. Default `1m`. */
  scroll?: string;
}

export interface SuggestParams {
  query: string;
  hit?: number;
  user_id?: string;
}

/** Per-call options: a signal, time limits and the context hooks see. */
export interface SearchCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  deadlineMs?: number;
  context?: unknown;
}

/** What happened to one request of a push. */
export interface PushBatchReport {
  /** Its position, from 0. */
  index: number;
  /** How many commands it carried, and its body's size. */
  commands: number;
  bytes: number;
  ok: boolean;
  requestId?: string | undefined;
  /** Why it failed (an OpenSearchError, with the API's code). */
  error?: unknown;
}

export interface PushReport {
  batches: PushBatchReport[];
  /** Commands accepted, and commands in failed requests. */
  pushed: number;
  failed: number;
}

export interface PushOptions extends SearchCallOptions {
  /** Stop at the first failed request (the rest are reported as not sent). Default false: push every batch. */
  stopOnError?: boolean;
}

export interface SearchClient {
  search<F = Record<string, unknown>>(params: SearchParams, options?: SearchCallOptions): Promise<SearchResponse<F>>;
  /** Every page a scroll search gives, in order, until the matches are exhausted. */
  scroll<F = Record<string, unknown>>(
    params: ScrollParams,
    options?: SearchCallOptions,
  ): AsyncIterableIterator<SearchResult<F>>;
  /** Pushes commands to a table, in as many requests as the limits need, and reports each request. */
  push(table: string, commands: readonly PushCommand[], options?: PushOptions): Promise<PushReport>;
  suggest(name: string, params: SuggestParams, options?: SearchCallOptions): Promise<SuggestResponse>;
  readonly config: { endpoint: string; appName: string; timeoutMs: number; maxAttempts: number };
}

const encoder = new TextEncoder();

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

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new ValidationError(name, `${name} must be a positive integer`);
  return v;
}

/** Splits commands into batches within the limits; a command that cannot fit alone is refused up front. */
export function planBatches(
  commands: readonly PushCommand[],
  maxBytes: number,
  maxDocuments: number,
): { commands: PushCommand[]; body: string; bytes: number }[] {
  const batches: { commands: PushCommand[]; body: string; bytes: number }[] = [];
  let current: PushCommand[] = [];
  let parts: string[] = [];
  let size = 2; // the brackets
  const close = () => {
    if (current.length === 0) return;
    const body = `[${parts.join(',')}]`;
    batches.push({ commands: current, body, bytes: encoder.encode(body).length });
    current = [];
    parts = [];
    size = 2;
  };
  commands.forEach((command, i) => {
    const text = JSON.stringify(command);
    const bytes = encoder.encode(text).length;
    if (bytes + 2 > maxBytes)
      throw new ValidationError(
        `commands[${i}]`,
        `command ${i} is ${bytes} bytes, over the ${maxBytes}-byte request limit`,
      );
    const extra = current.length === 0 ? bytes : bytes + 1;
    if (current.length >= maxDocuments || size + extra > maxBytes) close();
    size += current.length === 0 ? bytes : bytes + 1;
    current.push(command);
    parts.push(text);
  });
  close();
  return batches;
}

/**
 * Creates a client of one application's API (v3). Credentials, retries, time limits, hooks and the
 * transport take the same options as createOpenSearchClient; every bad option is a ValidationError.
 */
export function createSearchClient(options: SearchClientOptions): SearchClient {
  if (!options || typeof options !== 'object') throw new ValidationError('options', 'options must be an object');
  const { appName, push: pushLimits, ...rest } = options;
  if (typeof options.endpoint !== 'string' || options.endpoint === '')
    throw new ValidationError('endpoint', "endpoint is required: the application's API domain");
  if (typeof appName !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,29}$/.test(appName))
    throw new ValidationError('appName', 'appName must be an application name (a letter, then letters, digits or _)');
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
  const limits = pushDocumentsOperation.limits ?? {};
  const maxBatchBytes = positive(
    'push.maxBatchBytes',
    pushLimits?.maxBatchBytes,
    limits.maxRequestBytes ?? 2 * 1024 * 1024,
  );
  const maxBatchDocuments = positive(
    'push.maxBatchDocuments',
    pushLimits?.maxBatchDocuments,
    limits.maxDocumentsPerRequest ?? 1000,
  );
  const batchesPerSecond = pushLimits?.batchesPerSecond ?? 0;
  if (!(batchesPerSecond >= 0))
    throw new ValidationError('push.batchesPerSecond', 'push.batchesPerSecond must be 0 or more');

  /** The 2xx body, or the typed error of a `status: FAIL` answer (with the API's code). */
  function read(target: { method: string; url: string }) {
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

  /** Validates the parameters by the operation's rules, builds the URL and sends, signed afresh per attempt. */
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
    return engine.send(outgoing, settingsOf(call), read({ method: op.method, url }));
  }

  const searchParams = (params: SearchParams) => {
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
  };

  function search(params: SearchParams, call?: SearchCallOptions) {
    let flat: Record<string, unknown>;
    try {
      flat = searchParams(params);
    } catch (error) {
      return engine.refuse(searchOperation, `${baseUrl}${searchOperation.path}`, error, call?.context);
    }
    return send(searchOperation, flat, call);
  }

  async function* scroll(params: ScrollParams, call?: SearchCallOptions) {
    const { scroll: ttl = '1m', ...rest } = params;
    const first = (await send(
      searchOperation,
      { ...searchParams(rest), scroll: ttl, search_type: 'scan' },
      call,
    )) as SearchResponse;
    let result = first.result;
    for (let call_ = 0; ; call_ += 1) {
      if (result.items.length > 0) yield result;
      const id = result.scroll_id;
      // Done: no scroll_id, or an empty page after the first (the first, a scan, may hold none).
      if (!id || (result.items.length === 0 && call_ > 0)) return;
      const next = (await send(
        searchOperation,
        { ...searchParams(rest), scroll: ttl, scroll_id: id },
        call,
      )) as SearchResponse;
      result = next.result;
    }
  }

  async function push(table: string, commands: readonly PushCommand[], call?: PushOptions): Promise<PushReport> {
    if (!Array.isArray(commands) || commands.length === 0)
      throw new ValidationError('commands', 'commands must be a non-empty array of { cmd, fields }');
    const batches = planBatches(commands, maxBatchBytes, maxBatchDocuments);
    const report: PushReport = { batches: [], pushed: 0, failed: 0 };
    const gapMs = batchesPerSecond > 0 ? 1000 / batchesPerSecond : 0;
    let last = Number.NEGATIVE_INFINITY;
    let stopped = false;
    for (const [index, batch] of batches.entries()) {
      if (stopped) {
        report.batches.push({
          index,
          commands: batch.commands.length,
          bytes: batch.bytes,
          ok: false,
          error: 'not sent',
        });
        report.failed += batch.commands.length;
        continue;
      }
      const wait = last + gapMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      last = Date.now();
      try {
        const answer = (await send(
          pushDocumentsOperation,
          { app_name: appName, table_name: table },
          call,
          batch.body,
        )) as PushResponse;
        report.batches.push({
          index,
          commands: batch.commands.length,
          bytes: batch.bytes,
          ok: true,
          requestId: answer.request_id,
        });
        report.pushed += batch.commands.length;
      } catch (error) {
        if (error instanceof ValidationError && index === 0) throw error; // the call itself is wrong: nothing was sent
        report.batches.push({
          index,
          commands: batch.commands.length,
          bytes: batch.bytes,
          ok: false,
          requestId: (error as { requestId?: string }).requestId,
          error,
        });
        report.failed += batch.commands.length;
        if (call?.stopOnError) stopped = true;
      }
    }
    return report;
  }

  function suggest(name: string, params: SuggestParams, call?: SearchCallOptions) {
    return send(
      suggestOperation,
      { ...params, app_name: appName, suggest_name: name },
      call,
    ) as Promise<SuggestResponse>;
  }

  return {
    search: search as SearchClient['search'],
    scroll: scroll as SearchClient['scroll'],
    push,
    suggest,
    config: Object.freeze({ endpoint: baseUrl, appName, timeoutMs, maxAttempts: retry.maxAttempts }),
  };
}
