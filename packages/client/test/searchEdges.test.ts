// The edges of @acs-opensearch/client/search that its mutation run showed untested: every clause
// form the builder writes (exact text), its refusals (parameter and message), the client's option
// checks, per-call options, FAIL detection, scroll's stop rules, the push limits' defaults and
// boundaries.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../src/index.js';
import {
  buildSearchQuery,
  createSearchClient,
  filterText,
  planBatches,
  queryText,
  quoteString,
  type SearchClauses,
} from '../src/search/index.js';
import { fakeFetch, json } from './fakeFetch.js';

const credentials = { accessKeyId: 'id', accessKeySecret: 'secret' };
const refusal = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return `${(error as { parameter?: string }).parameter}: ${(error as Error).message}`;
  }
};

describe('the builder, clause by clause', () => {
  it.each([
    [
      {
        andNot: [
          { index: 'a', term: 'x' },
          { index: 'b', term: 'y' },
        ],
      },
      "(a:'x' ANDNOT b:'y')",
    ],
    [
      {
        rank: [
          { index: 'a', term: 'x' },
          { index: 'b', term: 'y' },
        ],
      },
      "(a:'x' RANK b:'y')",
    ],
    [{ and: [{ index: 'a', term: 'x' }] }, "a:'x'"],
    [{ or: [{ index: 'a', term: 'x' }] }, "a:'x'"],
    [{ index: 'a', phrase: 'c:\\d' }, 'a:"c:\\\\d"'],
    [{ index: 'p', range: { gt: 1, lte: 5 } }, 'p:(1,5]'],
    [{ index: 'p', range: { lt: 5 } }, 'p:(,5)'],
    [{ index: 'p', range: { gte: 1 } }, 'p:[1,)'],
    [{ index: 'p', range: { gte: 1, lte: 2 } }, 'p:[1,2]'],
    ["as written: a:'x'", "as written: a:'x'"],
  ] as const)('query %j → %s', (node, text) => {
    expect(queryText(node)).toBe(text);
  });

  it.each([
    [{ and: [{ field: 'a', op: '=', value: 1 }] }, 'a=1'],
    [
      {
        or: [
          { field: 'a', op: '=', value: 1 },
          { field: 'b', op: '!=', value: 'x' },
        ],
      },
      '(a=1 OR b!="x")',
    ],
    [{ notin: 't', values: [1, 'b'] }, 'notin(t, "1|b")'],
    [{ in: 't', values: [2] }, 'in(t, "2")'],
    [{ field: 'a', op: '>=', value: 2 }, 'a>=2'],
    [{ field: 'a', op: '<', value: -1.5 }, 'a<-1.5'],
    [{ field: 'a', op: '<=', value: 0 }, 'a<=0'],
    [{ field: 'a', op: '>', value: 0 }, 'a>0'],
    [{ field: 'a', op: '!=', value: 0 }, 'a!=0'],
    [{ field: 's', op: '=', value: 'a\\"b' }, 's="a\\\\\\"b"'],
  ] as const)('filter %j → %s', (node, text) => {
    expect(filterText(node)).toBe(text);
  });

  it('quoteString escapes backslashes before quotes', () => {
    expect(quoteString('\\')).toBe('"\\\\"');
    expect(quoteString('a"b')).toBe('"a\\"b"');
  });

  it.each([
    [
      { query: 'q', sort: ['+price', { field: 'RANK', order: 'asc' }, { field: 'id', order: 'desc' }] },
      'query=q&&sort=+price;+RANK;-id',
    ],
    [{ query: 'q', sort: [] }, 'query=q'],
    [{ query: 'q', config: {} }, 'query=q'],
    [{ query: 'q', config: { start: 5000 } }, 'config=start:5000&&query=q'],
    [{ query: 'q', config: { hit: 500, format: 'json' } }, 'config=hit:500,format:json&&query=q'],
    [{ query: 'q', config: { format: 'xml', rerank_size: 200 } }, 'config=format:xml,rerank_size:200&&query=q'],
    [{ query: 'q', aggregate: [] }, 'query=q'],
    [
      {
        query: 'q',
        aggregate: [
          {
            groupKey: 'p',
            aggFun: ['count()'],
            range: [10, 50],
            aggFilter: { field: 'p', op: '>', value: 1 },
            maxGroup: 3,
          },
          { groupKey: 'b', aggFun: ['max(p)', 'min(p)'] },
        ],
      },
      'query=q&&aggregate=group_key:p,agg_fun:count(),range:10~50,agg_filter:p>1,max_group:3;group_key:b,agg_fun:max(p)#min(p)',
    ],
    [{ query: 'q', distinct: { distKey: 'd' } }, 'query=q&&distinct=dist_key:d'],
    [{ query: 'q', distinct: { distKey: 'd', reserved: true } }, 'query=q&&distinct=dist_key:d,reserved:true'],
    [{ query: 'q', kvpairs: {} }, 'query=q'],
    [{ query: 'q', kvpairs: { a: 1, b: 'x' } }, 'query=q&&kvpairs=a:1,b:x'],
  ] as [SearchClauses, string][])('%j → %s', (clauses, text) => {
    expect(buildSearchQuery(clauses)).toBe(text);
  });

  it('refuses, naming the parameter and the rule', () => {
    expect(refusal(() => queryText({ andNot: [] as never }))).toBe('query: ANDNOT needs at least one operand');
    expect(refusal(() => filterText({ or: [] }))).toBe('filter: AND and OR need at least one operand');
    expect(refusal(() => filterText({ notin: 't', values: [] }))).toBe(
      'filter.notin: notin() needs at least one value',
    );
    expect(refusal(() => filterText({ in: 'bad name', values: [1] }))).toMatch(/^filter.in: filter.in must be a name/);
    expect(refusal(() => filterText({ in: 't', values: ['a"b'] }))).toBe(
      'filter.in: a value of in() cannot hold |, " or \\',
    );
    expect(refusal(() => filterText({ in: 't', values: [Number.POSITIVE_INFINITY] }))).toBe(
      'filter.t: filter.t must be a finite number',
    );
    expect(refusal(() => filterText({ field: 'a', op: '==' as never, value: 1 }))).toBe(
      'filter.op: unknown operator "=="',
    );
    expect(refusal(() => filterText({ field: '1a', op: '=', value: 1 }))).toMatch(/^filter.field: /);
    expect(refusal(() => queryText({ index: 'p', range: { lt: 1, lte: 2 } }))).toBe(
      'query.p: a range takes one lower bound (gt or gte) and one upper bound (lt or lte)',
    );
    expect(refusal(() => queryText({ index: 'p', range: { gte: Number.NaN } }))).toBe(
      'query.p: query.p must be a finite number',
    );
    expect(refusal(() => queryText({ index: 'p', range: { lte: Number.NaN } }))).toBe(
      'query.p: query.p must be a finite number',
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', sort: [{ field: 'a b' }] }))).toMatch(/^sort.field: /);
    expect(refusal(() => buildSearchQuery({ query: 'q', config: { start: 5001 } }))).toBe(
      'config.start: config.start must be an integer from 0 to 5000',
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', config: { hit: 1.5 } }))).toBe(
      'config.hit: config.hit must be an integer from 0 to 500',
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', config: { format: 'csv' as never } }))).toBe(
      'config.format: config.format is json, fulljson or xml',
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', config: { rerank_size: 2001 } }))).toMatch(
      /^config.rerank_size: /,
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', aggregate: { groupKey: 'g', aggFun: [] } }))).toBe(
      'aggregate.aggFun: an aggregate needs a function',
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', aggregate: { groupKey: 'g', aggFun: ['x sum(p)'] } }))).toBe(
      'aggregate.aggFun: not a function call: "x sum(p)"',
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', aggregate: { groupKey: 'g', aggFun: ['sum(p) x'] } }))).toBe(
      'aggregate.aggFun: not a function call: "sum(p) x"',
    );
    expect(
      refusal(() => buildSearchQuery({ query: 'q', aggregate: { groupKey: 'g g', aggFun: ['count()'] } })),
    ).toMatch(/^aggregate.groupKey: /);
    expect(
      refusal(() =>
        buildSearchQuery({ query: 'q', aggregate: { groupKey: 'g', aggFun: ['count()'], range: [Number.NaN] } }),
      ),
    ).toMatch(/^aggregate.range: /);
    expect(
      refusal(() => buildSearchQuery({ query: 'q', aggregate: { groupKey: 'g', aggFun: ['count()'], maxGroup: 0 } })),
    ).toMatch(/^aggregate.maxGroup: /);
    expect(refusal(() => buildSearchQuery({ query: 'q', distinct: { distKey: 'd d' } }))).toMatch(
      /^distinct.distKey: /,
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', distinct: { distKey: 'd', distTimes: 0 } }))).toMatch(
      /^distinct.distTimes: /,
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', distinct: { distKey: 'd', distCount: 1001 } }))).toMatch(
      /^distinct.distCount: /,
    );
    expect(refusal(() => buildSearchQuery({ query: 'q', kvpairs: { 'a b': 'x' } }))).toMatch(/^kvpairs: /);
    expect(refusal(() => buildSearchQuery({ query: 'q', kvpairs: { k: 'a:b' } }))).toBe(
      'kvpairs.k: a kvpairs value cannot hold , : or &',
    );
  });
});

describe('createSearchClient edges', () => {
  const okSearch = () =>
    json({
      status: 'OK',
      request_id: 'r',
      result: { searchtime: 0, total: 0, num: 0, viewtotal: 0, items: [] },
      errors: [],
    });

  it('checks its options: the object, the endpoint and the whole app name', () => {
    expect(refusal(() => createSearchClient(undefined as never))).toBe('options: options must be an object');
    expect(refusal(() => createSearchClient({ endpoint: '', appName: 'a', credentials }))).toBe(
      "endpoint: endpoint is required: the application's API domain",
    );
    expect(refusal(() => createSearchClient({ endpoint: 5 as never, appName: 'a', credentials }))).toMatch(
      /^endpoint: /,
    );
    expect(refusal(() => createSearchClient({ endpoint: 'http://x', appName: 5 as never, credentials }))).toMatch(
      /^appName: /,
    );
    expect(refusal(() => createSearchClient({ endpoint: 'http://x', appName: 'ab-c', credentials }))).toMatch(
      /^appName: /,
    );
    expect(
      refusal(() => createSearchClient({ endpoint: 'http://x', appName: `a${'b'.repeat(30)}`, credentials })),
    ).toMatch(/^appName: /);
    expect(
      refusal(() => createSearchClient({ endpoint: 'http://x', appName: `a${'b'.repeat(29)}`, credentials })),
    ).toBe('accepted');
    const client = createSearchClient({ endpoint: 'http://x', appName: 'app', credentials, timeoutMs: 1234 });
    expect(client.config).toEqual({ endpoint: 'http://x', appName: 'app', timeoutMs: 1234, maxAttempts: 3 });
    expect(Object.isFrozen(client.config)).toBe(true);
  });

  it('sends accept and user-agent unsigned beside the signed headers; fetch_fields only when given', async () => {
    const { fetch, sent } = fakeFetch(okSearch);
    const client = createSearchClient({
      endpoint: 'http://x',
      appName: 'app',
      credentials,
      fetch,
      userAgent: 'shop/1.0',
    });
    await client.search({ query: 'query=q' });
    await client.search({ query: 'query=q', fetch_fields: 'a;b' });
    expect(sent[0]?.headers.get('accept')).toBe('application/json');
    expect(sent[0]?.headers.get('user-agent')).toBe('shop/1.0');
    expect(sent[0]?.url.searchParams.has('fetch_fields')).toBe(false);
    expect(sent[1]?.url.searchParams.get('fetch_fields')).toBe('a;b');
  });

  it('refuses bad params before sending, with the operation path as the error URL, and onError sees it', async () => {
    const seen: CallEvent[] = [];
    const { fetch, sent } = fakeFetch(okSearch);
    const client = createSearchClient({
      endpoint: 'http://x',
      appName: 'app',
      credentials,
      fetch,
      hooks: { onError: (e) => seen.push(e) },
    });
    const error = (await client.search(null as never).catch((e) => e)) as { parameter: string };
    expect(error.parameter).toBe('params');
    expect(seen[0]?.url).toBe('http://x/v3/openapi/apps/{app_name}/search');
    expect(seen[0]?.action).toBe('Search');
    const bad = (await client.search({ query: '' }).catch((e) => e)) as { parameter: string };
    expect(bad.parameter).toBe('query');
    await expect(client.push('main', 'x' as never)).rejects.toMatchObject({ parameter: 'commands' });
    expect(sent).toHaveLength(0);
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it('per-call options reach the engine: signal, time limit, deadline and context', async () => {
    const contexts: unknown[] = [];
    const hang = fakeFetch(
      (_s, signal) =>
        new Promise((_r, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
    );
    const client = createSearchClient({
      endpoint: 'http://x',
      appName: 'app',
      credentials,
      fetch: hang.fetch,
      retry: false,
      hooks: { onAttempt: (e) => contexts.push(e.context) },
    });
    const controller = new AbortController();
    const aborted = client.search({ query: 'query=q' }, { signal: controller.signal, context: 'ctx-1' });
    controller.abort(new Error('user left'));
    await expect(aborted).rejects.toThrow('user left');
    await expect(client.search({ query: 'query=q' }, { timeoutMs: 30, context: 'ctx-2' })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    await expect(client.search({ query: 'query=q' }, { deadlineMs: 30, context: 'ctx-3' })).rejects.toMatchObject({
      code: 'DeadlineExceeded',
    });
    expect(contexts).toContain('ctx-2');
    expect(contexts).not.toContain(undefined);
  });

  it('a 2xx body is a FAIL only when it is an object with status FAIL; a 5xx FAIL is not retried', async () => {
    for (const body of [null, [1], 'text', { status: 'OK' }]) {
      const { fetch } = fakeFetch(() => json(body));
      const client = createSearchClient({ endpoint: 'http://x', appName: 'app', credentials, fetch, retry: false });
      expect(await client.search({ query: 'query=q' })).toEqual(body);
    }
    const { fetch, sent } = fakeFetch(() =>
      json({ status: 'FAIL', request_id: 'f', errors: [{ code: 1000, message: 'timeout' }] }, { status: 500 }),
    );
    const client = createSearchClient({
      endpoint: 'http://x',
      appName: 'app',
      credentials,
      fetch,
      retry: { maxAttempts: 3, baseDelayMs: 1 },
    });
    await expect(client.search({ query: 'query=q' })).rejects.toMatchObject({ code: '1000', status: 500 });
    const two = fakeFetch(() =>
      json({ status: 'FAIL', request_id: 'f', errors: [{ code: 1000, message: 'timeout' }] }),
    );
    const once = createSearchClient({
      endpoint: 'http://x',
      appName: 'app',
      credentials,
      fetch: two.fetch,
      retry: { maxAttempts: 3, baseDelayMs: 1 },
    });
    await expect(once.search({ query: 'query=q' })).rejects.toMatchObject({ code: '1000', retryable: false });
    expect(two.sent).toHaveLength(1);
    expect(sent.length).toBeGreaterThanOrEqual(1);
  });

  it('scroll: a scan first (no hits), then pages by scroll_id until an empty page; without an id it stops', async () => {
    const pages = [
      { items: [], scroll_id: 's1', total: 3 },
      { items: [{ fields: { id: 1 } }, { fields: { id: 2 } }], scroll_id: 's1' },
      { items: [{ fields: { id: 3 } }], scroll_id: 's1' },
      { items: [], scroll_id: 's1' },
    ];
    const { fetch, sent } = fakeFetch(
      ...pages.map((result) => () => json({ status: 'OK', request_id: 'r', result, errors: [] })),
    );
    const client = createSearchClient({ endpoint: 'http://x', appName: 'app', credentials, fetch });
    const seen: unknown[] = [];
    for await (const page of client.scroll({ query: 'query=q', scroll: '2m' }))
      seen.push(...page.items.map((i) => i.fields.id));
    expect(seen).toEqual([1, 2, 3]);
    expect(
      sent.map((s) => [
        s.url.searchParams.get('search_type'),
        s.url.searchParams.get('scroll_id'),
        s.url.searchParams.get('scroll'),
      ]),
    ).toEqual([
      ['scan', null, '2m'],
      [null, 's1', '2m'],
      [null, 's1', '2m'],
      [null, 's1', '2m'],
    ]);
    const single = fakeFetch(() =>
      json({ status: 'OK', request_id: 'r', result: { items: [{ fields: { id: 9 } }] }, errors: [] }),
    );
    const once = createSearchClient({ endpoint: 'http://x', appName: 'app', credentials, fetch: single.fetch });
    const got: unknown[] = [];
    for await (const page of once.scroll({ query: 'query=q' })) got.push(page.items.length);
    expect(got).toEqual([1]);
    expect(single.sent).toHaveLength(1);
    expect(single.sent[0]?.url.searchParams.get('scroll')).toBe('1m');
  });

  it("push: the spec's limits by default (1,000 commands a request), a bad table refused before sending", async () => {
    const { fetch, sent } = fakeFetch(() => json({ status: 'OK', request_id: 'p', result: true, errors: [] }));
    const client = createSearchClient({ endpoint: 'http://x', appName: 'app', credentials, fetch });
    const report = await client.push(
      'main',
      Array.from({ length: 1001 }, (_, id) => ({ cmd: 'add' as const, fields: { id } })),
    );
    expect(report.batches.map((b) => [b.commands, b.ok, b.requestId])).toEqual([
      [1000, true, 'p'],
      [1, true, 'p'],
    ]);
    await expect(client.push('bad table', [{ cmd: 'add', fields: { id: 1 } }])).rejects.toMatchObject({
      parameter: 'table_name',
    });
    expect(sent).toHaveLength(2);
  });

  it('planBatches: a request may be exactly the byte limit, never more; commas are counted', () => {
    const c = (n: number) => ({ cmd: 'add' as const, fields: { t: 'x'.repeat(n) } });
    const one = JSON.stringify(c(10)).length; // 35
    const exact = planBatches([c(10), c(10)], 2 + one * 2 + 1, 10);
    expect(exact.map((b) => b.commands.length)).toEqual([2]);
    expect(exact[0]?.bytes).toBe(2 + one * 2 + 1);
    const short = planBatches([c(10), c(10)], 2 + one * 2, 10);
    expect(short.map((b) => b.commands.length)).toEqual([1, 1]);
    expect(planBatches([c(10)], one + 2, 10).map((b) => b.bytes)).toEqual([one + 2]);
    expect(refusal(() => planBatches([c(10)], one + 1, 10))).toBe(
      `commands[0]: command 0 is ${one} bytes, over the ${one + 1}-byte request limit`,
    );
    expect(planBatches([c(1), c(1), c(1)], 10_000, 1).map((b) => b.commands.length)).toEqual([1, 1, 1]);
  });
});
