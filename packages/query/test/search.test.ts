// The search options of @acs-opensearch/query against the mocks' search engine: a search, an infinite
// search that pages by start/hit through every hit once, suggestions, and a push refreshing every
// search of the application through its key prefix.
import { createOpenSearchClient } from '@acs-opensearch/client';
import { createSearchClient } from '@acs-opensearch/client/search';
import { createOpenSearchHandlers } from '@acs-opensearch/mocks';
import { QueryClient } from '@tanstack/query-core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAppKey, searchInfiniteOptions, searchOptions, suggestOptions, withPage } from '../src/index.js';

const BASE = 'https://query-search.example';
const credentials = { accessKeyId: 'a', accessKeySecret: 'b' };
const mocks = createOpenSearchHandlers({ baseUrl: BASE });
const server = setupServer(...mocks.handlers);
const client = createSearchClient({ endpoint: BASE, appName: 'books', credentials, retry: false });
const titles = Array.from({ length: 47 }, (_, i) => ({
  id: `b${String(i).padStart(2, '0')}`,
  title: i % 2 ? 'cloud notes' : 'cloud atlas',
  year: 1990 + i,
}));

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  const management = createOpenSearchClient({ endpoint: BASE, credentials });
  await management.createAppGroup({
    body: {
      name: 'books',
      type: 'enhanced',
      quota: { docSize: 1, computeResource: 20, spec: 'opensearch.share.common' },
    },
  });
  const schema = {
    tables: {
      main: {
        name: 'main',
        primaryTable: true,
        fields: {
          id: { name: 'id', type: 'LITERAL' as const, primaryKey: true },
          title: { name: 'title', type: 'TEXT' as const },
          year: { name: 'year', type: 'INT' as const },
        },
      },
    },
    indexes: {
      searchFields: { default: { fields: ['title'], analyzer: 'chn_standard' } },
      filterFields: ['id', 'year'],
    },
  };
  await management.createApp({ appGroupIdentity: 'books', body: { schema } });
  await client.push(
    'main',
    titles.map((fields) => ({ cmd: 'add' as const, fields })),
  );
});
afterAll(() => server.close());

describe('search options', () => {
  it('a search, keyed by its text whether written or built', async () => {
    const queryClient = new QueryClient();
    const built = searchOptions(client, {
      query: { query: { index: 'default', term: 'atlas' }, sort: [{ field: 'year' }] },
    });
    const written = searchOptions(client, { query: "query=default:'atlas'&&sort=-year" });
    expect(built.queryKey).toEqual(written.queryKey);
    const answer = await queryClient.fetchQuery(built);
    expect(answer.result.total).toBe(24);
    expect(answer.result.items[0]?.fields.id).toBe('b46');
  });

  it('an infinite search pages by start/hit through every hit once, then stops', async () => {
    const queryClient = new QueryClient();
    const options = searchInfiniteOptions(
      client,
      { query: "query=default:'cloud'&&sort=+year&&config=format:fulljson" },
      { hit: 10 },
    );
    let data = await queryClient.fetchInfiniteQuery(options);
    for (let guard = 0; guard < 10; guard += 1) {
      const last = data.pages.at(-1)!;
      const next = options.getNextPageParam(last, data.pages, data.pageParams.at(-1)!);
      if (next === undefined) break;
      data = await queryClient.fetchInfiniteQuery({ ...options, pages: data.pages.length + 1 });
    }
    const ids = data.pages.flatMap((p) => p.result.items.map((i) => i.fields.id));
    expect(ids).toEqual(titles.map((t) => t.id));
    expect(data.pageParams).toEqual([0, 10, 20, 30, 40]);
    expect(data.pages[0]?.result.items[0]?.fields.year).toBe(1990);
  });

  it('withPage sets start and hit in the config clause, keeping its other settings and quoted && intact', () => {
    expect(withPage("query=title:'a&&b'&&config=format:json,hit:5", 20, 10)).toBe(
      "query=title:'a&&b'&&config=start:20,hit:10,format:json",
    );
    expect(withPage("query=title:'x'", 0, 10)).toBe("config=start:0,hit:10&&query=title:'x'");
  });

  it('suggestions, and a push that refreshes every search of the app through its key prefix', async () => {
    const queryClient = new QueryClient();
    const suggestions = await queryClient.fetchQuery(suggestOptions(client, 'titles', { query: 'clo' }));
    expect(suggestions.suggestions.map((s) => s.suggestion)).toContain('cloud');
    const options = searchOptions(client, { query: "query=default:'moon'" });
    expect((await queryClient.fetchQuery(options)).result.total).toBe(0);
    await client.push('main', [{ cmd: 'add', fields: { id: 'm1', title: 'moon', year: 2000 } }]);
    await queryClient.invalidateQueries({ queryKey: searchAppKey(client) });
    expect((await queryClient.fetchQuery(options)).result.total).toBe(1);
  });
});
