// The types of the application API (v3) client: its options, parameters, answers and reports. The
// answers' shapes come from the application API's spec (generated/openapi.ts).
import type { OpenSearchClientOptions } from '../client/options.js';
import type { components } from './generated/openapi.js';
import type { SearchClauses } from './query.js';

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
