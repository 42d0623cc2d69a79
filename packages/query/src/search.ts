// TanStack Query options for the application API (v3), over a client from createSearchClient:
// a search, an infinite search that pages by the config clause's start/hit, and suggestions. Keys
// sit under the package's root: ['opensearch', 'apps', appName, 'search' | 'suggest', …], so
// invalidating ['opensearch', 'apps', appName] refreshes every search of an application (after a push).
import type { OpenSearchError } from '@acs-opensearch/client';
import {
  buildSearchQuery,
  type SearchClient,
  type SearchParams,
  type SearchResponse,
  type SuggestParams,
  type SuggestResponse,
} from '@acs-opensearch/client/search';
import type { DataTag, InfiniteData, QueryKey } from '@tanstack/query-core';
import { type OpenSearchInfiniteOptions, type OpenSearchQueryOptions, openSearchRetry } from './core.js';
import { QUERY_KEY_ROOT } from './plan.js';

/** The most hits a search can page to (`start + hit` stays within it). */
const MAX_VIEW = 5000;

/** A search's parameters with the query as text: the key compares equal searches as equal. */
function textOf(params: SearchParams): Record<string, unknown> {
  const { query, fetch_fields, ...rest } = params;
  return {
    ...rest,
    query: typeof query === 'string' ? query : buildSearchQuery(query),
    ...(fetch_fields === undefined
      ? {}
      : { fetch_fields: Array.isArray(fetch_fields) ? fetch_fields.join(';') : fetch_fields }),
  };
}

/** The key prefix of everything of one application: invalidate it after a push. */
export const searchAppKey = (client: SearchClient): QueryKey => [QUERY_KEY_ROOT, 'apps', client.config.appName];

/** The key of a search. */
export const searchQueryKey = <F = Record<string, unknown>>(client: SearchClient, params: SearchParams) =>
  [...searchAppKey(client), 'search', textOf(params)] as unknown as DataTag<
    QueryKey,
    SearchResponse<F>,
    OpenSearchError
  >;

/** Options for `useQuery`: one search. */
export function searchOptions<F = Record<string, unknown>>(
  client: SearchClient,
  params: SearchParams,
): OpenSearchQueryOptions<SearchResponse<F>> {
  return {
    queryKey: searchQueryKey<F>(client, params),
    queryFn: ({ signal }) => client.search<F>(params, { signal }),
    retry: openSearchRetry,
  };
}

/** Splits a query text into clauses at `&&` outside quotes. */
function clausesOf(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quote) {
      current += c;
      if (c === '\\') {
        current += text[i + 1] ?? '';
        i += 1;
      } else if (c === quote) quote = undefined;
    } else if (c === '&' && text[i + 1] === '&') {
      parts.push(current);
      current = '';
      i += 1;
    } else {
      if (c === "'" || c === '"') quote = c;
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** The query text with the config clause's start and hit set (its other settings kept). */
export function withPage(text: string, start: number, hit: number): string {
  const clauses = clausesOf(text);
  const at = clauses.findIndex((c) => c.trimStart().startsWith('config='));
  const kept =
    at < 0
      ? []
      : (clauses[at] as string)
          .trimStart()
          .slice('config='.length)
          .split(',')
          .filter((p) => !/^\s*(start|hit)\s*:/.test(p));
  const config = `config=${[`start:${start}`, `hit:${hit}`, ...kept].join(',')}`;
  if (at < 0) return [config, ...clauses].join('&&');
  clauses[at] = config;
  return clauses.join('&&');
}

/** Options for `useInfiniteQuery`: pages of `hit` hits by the config clause's start, until the last. */
export function searchInfiniteOptions<F = Record<string, unknown>>(
  client: SearchClient,
  params: SearchParams,
  { hit = 10 }: { hit?: number } = {},
): OpenSearchInfiniteOptions<SearchResponse<F>> {
  const text = textOf(params) as unknown as SearchParams & { query: string };
  return {
    queryKey: [...searchAppKey(client), 'search', text, 'infinite', hit] as unknown as DataTag<
      QueryKey,
      InfiniteData<SearchResponse<F>, number>,
      OpenSearchError
    >,
    queryFn: ({ pageParam, signal }) =>
      client.search<F>({ ...text, query: withPage(text.query, pageParam, hit) }, { signal }),
    initialPageParam: 0,
    getNextPageParam: (last, _all, lastStart) => {
      const next = lastStart + hit;
      const reachable = Math.min(last.result.viewtotal ?? last.result.total, MAX_VIEW);
      return last.result.items.length < hit || next >= reachable || next + hit > MAX_VIEW ? undefined : next;
    },
    retry: openSearchRetry,
  };
}

/** Options for `useQuery`: the suggestions for what was typed. */
export function suggestOptions(
  client: SearchClient,
  name: string,
  params: SuggestParams,
): OpenSearchQueryOptions<SuggestResponse> {
  return {
    queryKey: [...searchAppKey(client), 'suggest', name, { ...params }] as unknown as DataTag<
      QueryKey,
      SuggestResponse,
      OpenSearchError
    >,
    queryFn: ({ signal }) => client.suggest(name, params, { signal }),
    retry: openSearchRetry,
  };
}
