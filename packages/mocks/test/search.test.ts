// The application API (v3) end to end: an application created through the management API with a
// schema, 1,000 documents pushed through our search client, then a search with each clause, the
// scroll, suggestions, and the service's error codes; against MSW (signatures verified) and the
// mock server (through plain signed HTTP too).
import { createOpenSearchClient } from '@acs-opensearch/client';
import { createSearchClient, signV3, v3Date, v3Nonce, v3QueryString } from '@acs-opensearch/client/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { startMockServer } from '../src/node.js';
import { serveForFile } from './clientLifecycles.js';
import { type CatalogueDoc, createCatalogue, makeDocs } from './searchApp.js';

const key = { accessKeyId: 'ak_search', accessKeySecret: 'sk_search_secret' };
const BASE = 'https://search.example';
const mocks = createOpenSearchHandlers({ baseUrl: BASE, verifySignature: key });
serveForFile(...mocks.handlers);

const management = createOpenSearchClient({ endpoint: BASE, credentials: key, retry: false });
const app = createSearchClient({ endpoint: BASE, appName: 'catalogue', credentials: key, retry: false });
const docs = makeDocs(1000, 7);

beforeAll(async () => {
  await createCatalogue(management, 'catalogue');
  const report = await app.push(
    'main',
    docs.map((fields) => ({ cmd: 'add' as const, fields })),
  );
  expect(report.failed).toBe(0);
  expect(report.pushed).toBe(1000);
});

const ids = (items: { fields: Record<string, unknown> }[]) => items.map((i) => i.fields.id);

describe('search through the client, against MSW', () => {
  it('pushed 1,000 documents in batches within the limits, each reported', async () => {
    expect(mocks.search.documents('catalogue')).toHaveLength(1000);
    const report = await createSearchClient({
      endpoint: BASE,
      appName: 'catalogue',
      credentials: key,
      push: { maxBatchDocuments: 300 },
    }).push(
      'main',
      docs.slice(0, 700).map((fields) => ({ cmd: 'add' as const, fields })),
    );
    expect(report.batches.map((b) => b.commands)).toEqual([300, 300, 100]);
    expect(report.batches.every((b) => b.ok && b.requestId)).toBe(true);
  });

  it('query + filter + sort + config: the right hits, in order, paged', async () => {
    const answer = await app.search<CatalogueDoc>({
      query: {
        query: {
          and: [
            { index: 'default', term: 'cloud' },
            {
              or: [
                { index: 'brand', term: 'acme' },
                { index: 'brand', term: 'globex' },
              ],
            },
          ],
        },
        filter: {
          and: [
            { field: 'price', op: '>=', value: 100 },
            { in: 'type', values: [1, 2] },
          ],
        },
        sort: [
          { field: 'price', order: 'desc' },
          { field: 'id', order: 'asc' },
        ],
        config: { start: 0, hit: 20, format: 'fulljson' },
      },
      fetch_fields: ['id', 'title', 'price', 'brand', 'type'],
    });
    const expected = docs
      .filter((d) => /cloud/.test(`${d.title} ${d.body}`) && ['acme', 'globex'].includes(d.brand))
      .filter((d) => d.price >= 100 && [1, 2].includes(d.type))
      .sort((a, b) => b.price - a.price || (a.id < b.id ? -1 : 1));
    expect(answer.status).toBe('OK');
    expect(answer.result.total).toBe(expected.length);
    expect(ids(answer.result.items)).toEqual(expected.slice(0, 20).map((d) => d.id));
    expect(answer.result.items[0]?.fields.price).toBe(expected[0]?.price);
  });

  it('aggregate: count, sum, max and min per group', async () => {
    const answer = await app.search({
      query: {
        query: { index: 'default', term: 'phone' },
        aggregate: { groupKey: 'brand', aggFun: ['count()', 'sum(price)', 'max(price)', 'min(price)'] },
      },
    });
    const matched = docs.filter((d) => /phone/.test(`${d.title} ${d.body}`));
    const facet = answer.result.facet?.[0];
    expect(facet?.key).toBe('brand');
    for (const group of facet?.items ?? []) {
      const inGroup = matched.filter((d) => d.brand === group.value);
      expect(group).toEqual({
        value: group.value,
        count: inGroup.length,
        sum: inGroup.reduce((s, d) => s + d.price, 0),
        max: Math.max(...inGroup.map((d) => d.price)),
        min: Math.min(...inGroup.map((d) => d.price)),
      });
    }
    expect(facet?.items.reduce((s, g) => s + (g.count ?? 0), 0)).toBe(matched.length);
  });

  it('distinct: at most dist_count hits per key', async () => {
    const answer = await app.search({
      query: {
        query: { index: 'default', term: 'search' },
        sort: [{ field: 'price' }],
        distinct: { distKey: 'brand', distCount: 1, reserved: false },
        config: { hit: 50 },
      },
    });
    const brands = answer.result.items.map((i) => i.fields.brand);
    expect(new Set(brands).size).toBe(brands.length);
    expect(answer.result.total).toBe(brands.length);
  });

  it('phrase, range, ANDNOT, RANK and parentheses, and Chinese words', async () => {
    const phrase = await app.search({
      query: { query: { index: 'title', phrase: 'cloud search' }, config: { hit: 500 } },
    });
    for (const item of phrase.result.items) expect(String(item.fields.title).toLowerCase()).toContain('cloud search');
    const range = await app.search({
      query: { query: { index: 'price', range: { gte: 100, lt: 200 } }, config: { hit: 500 } },
      fetch_fields: 'id;price',
    });
    expect(range.result.total).toBe(docs.filter((d) => d.price >= 100 && d.price < 200).length);
    const not = await app.search({
      query: "config=hit:500&&query=default:'fast' ANDNOT brand:'acme'",
      fetch_fields: 'id;brand',
    });
    expect(not.result.items.every((i) => i.fields.brand !== 'acme')).toBe(true);
    const chinese = await app.search({ query: { query: { index: 'default', term: '手机' }, config: { hit: 500 } } });
    expect(chinese.result.total).toBe(docs.filter((d) => `${d.title}${d.body}`.includes('手机')).length);
    const ranked = await app.search({
      query: "query=(default:'cloud' OR default:'phone') RANK default:'fast'&&config=hit:5",
    });
    expect(ranked.result.items).toHaveLength(5);
  });

  it('scroll: every match, once, in pages', async () => {
    const pages: number[] = [];
    const seen: unknown[] = [];
    for await (const page of app.scroll({
      query: { query: { index: 'default', term: 'laptop' }, config: { hit: 100 } },
      fetch_fields: ['id'],
    })) {
      pages.push(page.items.length);
      seen.push(...ids(page.items));
    }
    const expected = docs.filter((d) => /laptop/.test(`${d.title} ${d.body}`));
    expect(new Set(seen).size).toBe(expected.length);
    expect(seen).toHaveLength(expected.length);
    expect(pages.every((n) => n <= 100)).toBe(true);
  });

  it('suggest: completions of what was typed', async () => {
    const answer = await app.suggest('title_suggest', { query: 'cl', hit: 3 });
    expect(answer.suggestions.length).toBeGreaterThan(0);
    for (const s of answer.suggestions) expect(s.suggestion.startsWith('cl')).toBe(true);
  });

  it('update and delete change what is found', async () => {
    await app.push('main', [
      { cmd: 'update', fields: { id: 'd000001', brand: 'newbrand' } },
      { cmd: 'delete', fields: { id: 'd000002' } },
    ]);
    const updated = await app.search({ query: "query=brand:'newbrand'", fetch_fields: 'id;title' });
    expect(ids(updated.result.items)).toEqual(['d000001']);
    expect(updated.result.items[0]?.fields.title).toBe(docs[1]?.title);
    const deleted = await app.search({ query: "query=id:'d000002'" });
    expect(deleted.result.total).toBe(0);
  });

  it("malformed queries, unknown indexes and fields, and unknown apps get the service's codes", async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string; status?: number }) => `${e.status} ${e.code}`,
      );
    expect(await codeOf(app.search({ query: "query=default:'unclosed" }))).toBe('400 6301');
    expect(await codeOf(app.search({ query: 'query=default:noquotes' }))).toBe('400 6301');
    expect(await codeOf(app.search({ query: "query=nosuchindex:'x'" }))).toBe('400 6302');
    expect(await codeOf(app.search({ query: "query=default:'x'&&filter=title>1" }))).toBe('400 6303');
    expect(await codeOf(app.search({ query: "query=default:'x'&&sort=-body" }))).toBe('400 6303');
    const missing = createSearchClient({ endpoint: BASE, appName: 'no_such_app', credentials: key, retry: false });
    expect(await codeOf(missing.search({ query: "query=default:'x'" }))).toBe('404 2001');
    const report = await app.push('no_table', [{ cmd: 'add', fields: { id: 'x' } }]);
    expect(report.failed).toBe(1);
    expect((report.batches[0]?.error as { code?: string } | undefined)?.code).toBe('2001');
  });

  it('controller.requests records every application API request: its operation, params, body, answer and signer', async () => {
    mocks.controller.clearRequests();
    await app.search({ query: "query=default:'cloud'&&config=hit:1" });
    await app.push('main', [{ cmd: 'update', fields: { id: 'd000003', brand: 'x' } }]);
    await app.search({ query: "query=nosuch:'x'" }).catch(() => undefined);
    await app.suggest('titles', { query: 'cl' });
    const records = mocks.controller.requests.map((r) => [r.operationId, r.status, r.code, r.accessKeyId]);
    expect(records).toEqual([
      ['search', 200, undefined, key.accessKeyId],
      ['pushDocuments', 200, undefined, key.accessKeyId],
      ['search', 400, '6302', key.accessKeyId],
      ['suggest', 200, undefined, key.accessKeyId],
    ]);
    const push = mocks.controller.requestsOf('pushDocuments')[0];
    expect(push?.params).toMatchObject({ app_name: 'catalogue', table_name: 'main' });
    expect(push?.body).toEqual([{ cmd: 'update', fields: { id: 'd000003', brand: 'x' } }]);
    expect(mocks.controller.requestsOf('search')[0]?.params.query).toBe("query=default:'cloud'&&config=hit:1");
    // A push sent as a GET is the service's 4007, recorded too.
    const now = Date.now();
    const path = '/v3/openapi/apps/catalogue/main/actions/bulk';
    const headers = await signV3({ method: 'GET', path }, key, { date: v3Date(now), nonce: v3Nonce(now) });
    const wrong = await fetch(`${BASE}${path}`, { headers });
    expect(wrong.status).toBe(400);
    expect(mocks.controller.requests.at(-1)).toMatchObject({ operationId: 'pushDocuments', status: 400, code: '4007' });
  });

  it('a wrong signature, an unknown key and a replayed request are refused; no secret in the error', async () => {
    const wrong = createSearchClient({
      endpoint: BASE,
      appName: 'catalogue',
      credentials: { ...key, accessKeySecret: 'not_it' },
      retry: false,
    });
    const failure = (await wrong.search({ query: "query=default:'x'" }).catch((e) => e)) as Error & { code: string };
    expect(failure.code).toBe('4003');
    expect(JSON.stringify(failure)).not.toContain('not_it');
    expect(String(failure.stack)).not.toContain('not_it');
    const unknown = createSearchClient({
      endpoint: BASE,
      appName: 'catalogue',
      credentials: { accessKeyId: 'who', accessKeySecret: 'x' },
      retry: false,
    });
    expect(((await unknown.search({ query: "query=default:'x'" }).catch((e) => e)) as { code: string }).code).toBe(
      '5001',
    );
    // The same signed request twice: the second is a replay.
    const path = '/v3/openapi/apps/catalogue/search';
    const query = { query: "query=default:'cloud'" };
    const now = Date.now();
    const headers = await signV3({ method: 'GET', path, query }, key, { date: v3Date(now), nonce: v3Nonce(now) });
    const url = `${BASE}${path}?${v3QueryString(query)}`;
    expect((await fetch(url, { headers })).status).toBe(200);
    const replay = await fetch(url, { headers });
    expect(replay.status).toBe(403);
    expect(((await replay.json()) as { errors: { code: number }[] }).errors[0]?.code).toBe(4003);
  });
});

describe('the mock server, through plain signed HTTP and through our client', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ verifySignature: key });
  });
  afterAll(() => server.close());

  it('creates the app, pushes 1,000 documents and answers a search with every clause', async () => {
    const mgmt = createOpenSearchClient({ endpoint: server.url, credentials: key, retry: false });
    await createCatalogue(mgmt, 'catalogue');
    const send = async (method: string, path: string, query: Record<string, string>, body?: string) => {
      const now = Date.now();
      const headers = await signV3({ method, path, query, body }, key, { date: v3Date(now), nonce: v3Nonce(now) });
      const qs = v3QueryString(query);
      const response = await fetch(`${server.url}${path}${qs ? `?${qs}` : ''}`, { method, headers, body });
      // biome-ignore lint/suspicious/noExplicitAny: the answers' shapes are what the test checks
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    for (let i = 0; i < docs.length; i += 250) {
      const body = JSON.stringify(docs.slice(i, i + 250).map((fields) => ({ cmd: 'add', fields })));
      expect((await send('POST', '/v3/openapi/apps/catalogue/main/actions/bulk', {}, body)).body.status).toBe('OK');
    }
    const query =
      "config=start:0,hit:10,format:json&&query=default:'cloud' AND brand:'acme'&&filter=price>100&&sort=-price;+id&&aggregate=group_key:type,agg_fun:count()&&distinct=dist_key:type,dist_count:5&&kvpairs=k:v";
    const answer = await send('GET', '/v3/openapi/apps/catalogue/search', { query, fetch_fields: 'id;price;type' });
    expect(answer.status).toBe(200);
    const expected = docs
      .filter((d) => /cloud/.test(`${d.title} ${d.body}`) && d.brand === 'acme' && d.price > 100)
      .sort((a, b) => b.price - a.price || (a.id < b.id ? -1 : 1));
    const kept: CatalogueDoc[] = [];
    const perType = new Map<number, number>();
    for (const d of expected) {
      const n = perType.get(d.type) ?? 0;
      if (n < 5) kept.push(d);
      perType.set(d.type, n + 1);
    }
    const moved = expected.filter((d) => !kept.includes(d));
    expect(answer.body.result.items.map((i: { fields: { id: string } }) => i.fields.id)).toEqual(
      [...kept, ...moved].slice(0, 10).map((d) => d.id),
    );
    // format:json: values as strings.
    expect(typeof answer.body.result.items[0].fields.price).toBe('string');
    expect(answer.body.result.facet[0].key).toBe('type');
    // Our client against the same server: the typed clauses, a scroll through every match, the codes.
    const shop = createSearchClient({ endpoint: server.url, appName: 'catalogue', credentials: key, retry: false });
    const typed = await shop.search({
      query: {
        query: {
          and: [
            { index: 'default', term: 'cloud' },
            { index: 'brand', term: 'acme' },
          ],
        },
        filter: { field: 'price', op: '>', value: 100 },
        sort: [{ field: 'price' }, { field: 'id', order: 'asc' }],
        config: { hit: 10 },
      },
      fetch_fields: ['id'],
    });
    expect(ids(typed.result.items)).toEqual(expected.slice(0, 10).map((d) => d.id));
    let scrolled = 0;
    for await (const page of shop.scroll({
      query: { query: { index: 'default', term: 'cloud' }, config: { hit: 200 } },
    }))
      scrolled += page.items.length;
    expect(scrolled).toBe(docs.filter((d) => /cloud/.test(`${d.title} ${d.body}`)).length);
    expect(((await shop.search({ query: 'query=default:x' }).catch((e) => e)) as { code: string }).code).toBe('6301');
    const bad = await send('GET', '/v3/openapi/apps/catalogue/search', { query: "query=default:'x'&&sort=-title" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].code).toBe(6303);
  });
});
