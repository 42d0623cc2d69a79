// @acs-opensearch/client/search without a server: the query builder's quoting, escaping and checks,
// push's batching within the limits, and the client on a scripted fetch (the URL and signature it
// sends, a `status: FAIL` answer as a typed error with the API's code, a throttled push retried,
// refused input sending nothing).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSearchQuery, createSearchClient, planBatches, quoteTerm } from '../src/search/index.js';
import { fakeFetch, json } from './fakeFetch.js';

const credentials = { accessKeyId: 'id', accessKeySecret: 'secret_value_123' };

describe('buildSearchQuery', () => {
  it('writes every clause as the reference does, joined by &&', () => {
    expect(
      buildSearchQuery({
        config: { start: 20, hit: 10, format: 'fulljson' },
        query: {
          and: [
            { index: 'title', term: 'cloud' },
            {
              or: [
                { index: 'type', term: '1' },
                { index: 'type', term: '2' },
              ],
            },
          ],
        },
        filter: {
          and: [
            { field: 'price', op: '>', value: 100 },
            { in: 'tag', values: ['a', 'b'] },
          ],
        },
        sort: [{ field: 'price' }, { field: 'RANK', order: 'asc' }],
        aggregate: { groupKey: 'type', aggFun: ['count()', 'sum(price)'] },
        distinct: { distKey: 'shop', distCount: 1, distTimes: 1, reserved: false },
        kvpairs: { city: 'hz' },
      }),
    ).toBe(
      "config=start:20,hit:10,format:fulljson&&query=(title:'cloud' AND (type:'1' OR type:'2'))&&filter=(price>100 AND in(tag, \"a|b\"))&&sort=-price;+RANK&&aggregate=group_key:type,agg_fun:count()#sum(price)&&distinct=dist_key:shop,dist_times:1,dist_count:1,reserved:false&&kvpairs=city:hz",
    );
  });

  it('escapes quotes and backslashes: a stray apostrophe is never a parse error', () => {
    expect(quoteTerm("it's")).toBe("'it\\'s'");
    expect(quoteTerm('a\\')).toBe("'a\\\\'");
    expect(buildSearchQuery({ query: { index: 'default', term: "O'Brien \\ co" } })).toBe(
      "query=default:'O\\'Brien \\\\ co'",
    );
    expect(buildSearchQuery({ query: "default:'as written'", filter: 'price>1' })).toBe(
      "query=default:'as written'&&filter=price>1",
    );
    expect(buildSearchQuery({ query: { index: 'title', phrase: 'say "hi"' } })).toBe('query=title:"say \\"hi\\""');
    expect(buildSearchQuery({ query: { index: 'price', range: { gte: 1, lt: 5 } } })).toBe('query=price:[1,5)');
    expect(buildSearchQuery({ query: 'x', filter: { field: 'name', op: '=', value: 'a"b' } })).toBe(
      'query=x&&filter=name="a\\"b"',
    );
  });

  it('refuses what the service could not parse, naming the clause', () => {
    const bad = (clauses: Parameters<typeof buildSearchQuery>[0]) => {
      try {
        buildSearchQuery(clauses);
        return 'built';
      } catch (error) {
        return `${(error as Error).name} ${(error as { parameter: string }).parameter}`;
      }
    };
    expect(bad({ query: { index: 'bad index', term: 'x' } })).toBe('ValidationError query.index');
    expect(bad({ query: { and: [] } })).toBe('ValidationError query');
    expect(bad({ query: 'x', config: { hit: 501 } })).toBe('ValidationError config.hit');
    expect(bad({ query: 'x', config: { start: -1 } })).toBe('ValidationError config.start');
    expect(bad({ query: 'x', filter: { in: 'tag', values: ['a|b'] } })).toBe('ValidationError filter.in');
    expect(bad({ query: 'x', filter: { field: 'p', op: '=', value: Number.NaN } })).toBe('ValidationError filter.p');
    expect(bad({ query: 'x', aggregate: { groupKey: 'g', aggFun: ['sum(price'] } })).toBe(
      'ValidationError aggregate.aggFun',
    );
    expect(bad({ query: 'x', kvpairs: { k: 'a,b' } })).toBe('ValidationError kvpairs.k');
    expect(bad({ query: { index: 'p', range: { gt: 1, gte: 2 } } })).toBe('ValidationError query.p');
  });
});

describe('planBatches', () => {
  const command = (id: number, size = 10) => ({
    cmd: 'add' as const,
    fields: { id: String(id), text: 'x'.repeat(size) },
  });
  it('keeps each request within the byte and command limits, in order, losing nothing', () => {
    const commands = Array.from({ length: 250 }, (_, i) => command(i, i % 7 === 0 ? 900 : 50));
    const batches = planBatches(commands, 4000, 40);
    expect(batches.flatMap((b) => b.commands)).toEqual(commands);
    for (const b of batches) {
      expect(b.commands.length).toBeLessThanOrEqual(40);
      expect(b.bytes).toBeLessThanOrEqual(4000);
      expect(JSON.parse(b.body)).toEqual(b.commands);
      expect(b.bytes).toBe(new TextEncoder().encode(b.body).length);
    }
  });

  it('refuses a command too large for any request, before anything is sent', () => {
    expect(() => planBatches([command(1), command(2, 5000)], 1000, 10)).toThrow(/commands\[1\]|command 1/);
  });
});

describe('createSearchClient on a scripted fetch', () => {
  it('sends a signed GET to the app search path, the query encoded as signed', async () => {
    const { fetch, sent } = fakeFetch(() =>
      json({
        status: 'OK',
        request_id: 'r1',
        result: { searchtime: 0, total: 0, num: 0, viewtotal: 0, items: [] },
        errors: [],
      }),
    );
    const client = createSearchClient({
      endpoint: 'http://opensearch.example',
      appName: 'my_app',
      credentials,
      fetch,
      retry: false,
    });
    const answer = await client.search({
      query: { query: { index: 'default', term: "it's" } },
      fetch_fields: ['id', 'title'],
    });
    expect(answer.request_id).toBe('r1');
    const request = sent[0]!;
    expect(request.url.pathname).toBe('/v3/openapi/apps/my_app/search');
    expect(request.url.searchParams.get('query')).toBe("query=default:'it\\'s'");
    expect(request.url.searchParams.get('fetch_fields')).toBe('id;title');
    const auth = request.headers.get('authorization')!;
    const resource = `${request.url.pathname}?${request.url.search.slice(1)}`;
    const toSign = `GET\n\napplication/json\n${request.headers.get('date')}\nx-opensearch-nonce:${request.headers.get('x-opensearch-nonce')}\n${resource}`;
    expect(auth).toBe(
      `OPENSEARCH id:${createHmac('sha1', credentials.accessKeySecret).update(toSign).digest('base64')}`,
    );
  });

  it('a status FAIL answer is a typed error with the API code, message and request id, and no secret', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          status: 'FAIL',
          request_id: 'r2',
          errors: [{ code: 6301, message: `bad query near ${credentials.accessKeySecret}` }],
        },
        { status: 400 },
      ),
    );
    const client = createSearchClient({
      endpoint: 'http://opensearch.example',
      appName: 'my_app',
      credentials,
      fetch,
      retry: false,
    });
    const error = (await client.search({ query: "query=default:'x" }).catch((e) => e)) as Record<string, unknown>;
    expect(error.name).toBe('ClientError');
    expect(error.code).toBe('6301');
    expect(error.requestId).toBe('r2');
    expect(error.attempts).toBe(1);
    expect(JSON.stringify(error)).not.toContain(credentials.accessKeySecret);
    const ok200 = fakeFetch(() =>
      json({ status: 'FAIL', request_id: 'r3', errors: [{ code: 2001, message: 'no app' }] }),
    );
    const again = createSearchClient({
      endpoint: 'http://opensearch.example',
      appName: 'my_app',
      credentials,
      fetch: ok200.fetch,
      retry: false,
    });
    expect(((await again.search({ query: 'x' }).catch((e) => e)) as { code: string }).code).toBe('2001');
  });

  it('a throttled push (429, 3007) is retried, and the report says each batch', async () => {
    let calls = 0;
    const { fetch, sent } = fakeFetch(() => {
      calls += 1;
      if (calls === 1)
        return json(
          { status: 'FAIL', request_id: 't', errors: [{ code: 3007, message: 'too fast' }] },
          { status: 429 },
        );
      return json({ status: 'OK', request_id: `p${calls}`, result: true, errors: [] });
    });
    const client = createSearchClient({
      endpoint: 'http://opensearch.example',
      appName: 'my_app',
      credentials,
      fetch,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      push: { maxBatchDocuments: 2 },
    });
    const report = await client.push(
      'main',
      [1, 2, 3].map((id) => ({ cmd: 'add' as const, fields: { id } })),
    );
    expect(report).toMatchObject({ pushed: 3, failed: 0 });
    expect(report.batches.map((b) => [b.commands, b.ok])).toEqual([
      [2, true],
      [1, true],
    ]);
    expect(sent.map((s) => s.url.pathname)).toEqual(Array(3).fill('/v3/openapi/apps/my_app/main/actions/bulk'));
    expect(sent[0]!.headers.get('content-md5')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('stopOnError: the requests after a failed one are not sent, and reported so; without it every batch goes', async () => {
    const failing = () =>
      fakeFetch(
        () => json({ status: 'FAIL', request_id: 'f', errors: [{ code: 4007, message: 'bad' }] }, { status: 400 }),
        () => json({ status: 'OK', request_id: 'ok', result: true, errors: [] }),
      );
    const commands = [1, 2, 3].map((id) => ({ cmd: 'add' as const, fields: { id } }));
    const stop = failing();
    const stopping = createSearchClient({
      endpoint: 'http://x',
      appName: 'a',
      credentials,
      fetch: stop.fetch,
      retry: false,
      push: { maxBatchDocuments: 1 },
    });
    const stopped = await stopping.push('main', commands, { stopOnError: true });
    expect(stopped).toMatchObject({ pushed: 0, failed: 3 });
    expect(stopped.batches.map((b) => [b.ok, b.requestId ?? null])).toEqual([
      [false, 'f'],
      [false, null],
      [false, null],
    ]);
    expect((stopped.batches[0]?.error as { code: string } | undefined)?.code).toBe('4007');
    expect(stop.sent).toHaveLength(1);
    const go = failing();
    const going = createSearchClient({
      endpoint: 'http://x',
      appName: 'a',
      credentials,
      fetch: go.fetch,
      retry: false,
      push: { maxBatchDocuments: 1 },
    });
    expect(await going.push('main', commands)).toMatchObject({ pushed: 2, failed: 1 });
    expect(go.sent).toHaveLength(3);
  });

  it('batchesPerSecond paces the requests of a push', async () => {
    const at: number[] = [];
    const { fetch } = fakeFetch(() => {
      at.push(performance.now());
      return json({ status: 'OK', request_id: 'p', result: true, errors: [] });
    });
    const client = createSearchClient({
      endpoint: 'http://x',
      appName: 'a',
      credentials,
      fetch,
      push: { maxBatchDocuments: 1, batchesPerSecond: 20 },
    });
    await client.push(
      'main',
      [1, 2, 3, 4].map((id) => ({ cmd: 'add' as const, fields: { id } })),
    );
    expect(at).toHaveLength(4);
    // Pacing spaces the starts of the requests (50 ms apart); the first call's one-time set-up (the
    // signing key, the credentials) delays its fetch, so the span from the second is checked.
    expect(at[3]! - at[1]!).toBeGreaterThanOrEqual(85);
    expect(() =>
      createSearchClient({ endpoint: 'http://x', appName: 'a', credentials, push: { batchesPerSecond: -1 } }),
    ).toThrow(/batchesPerSecond/);
    expect(() =>
      createSearchClient({ endpoint: 'http://x', appName: 'a', credentials, push: { maxBatchBytes: 0 } }),
    ).toThrow(/maxBatchBytes/);
  });

  it('refused input sends nothing: a bad app name, an empty push, an unknown parameter', async () => {
    const { fetch, sent } = fakeFetch(() => json({}));
    expect(() => createSearchClient({ endpoint: 'http://x', appName: '1bad', credentials, fetch })).toThrow(/appName/);
    const client = createSearchClient({ endpoint: 'http://x', appName: 'ok', credentials, fetch });
    await expect(client.push('main', [])).rejects.toThrow(/commands/);
    await expect(client.search({ query: 'x', nope: 1 } as never)).rejects.toThrow(/nope/);
    await expect(client.suggest('bad name', { query: 'x' })).rejects.toThrow(/suggest_name/);
    expect(sent).toHaveLength(0);
  });
});
