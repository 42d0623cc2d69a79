// The query options against the mocks, with TanStack's own QueryClient, QueryObserver and
// MutationObserver (query-core: what React, Vue, Solid, Svelte and Angular Query all run on). The
// collection is picked by shape (a paged list with a create beside it that names the item in its
// body, and a delete and a get below it), never by name, so this holds for whatever the spec holds.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createOpenSearchClient, type OperationMeta } from '@acs-opensearch/client';
import { createOpenSearchCore } from '@acs-opensearch/client/operations';
import { createOpenSearchHandlers } from '@acs-opensearch/mocks';
import { operationMetadata } from '@acs-opensearch/openapi-reader';
import { isCancelledError, MutationObserver, QueryClient, QueryObserver } from '@tanstack/query-core';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryKeyOf } from '../src/core.js';
import * as queries from '../src/index.js';
import { QUERY_KEY_ROOT } from '../src/index.js';
import * as searchExports from '../src/search.js';

import {
  create,
  createParams,
  get,
  itemName,
  itemParams,
  list,
  ops,
  paging,
  remove,
  scope,
  valueFor,
} from './collection.js';

const BASE = 'https://opensearch.cn-hangzhou.aliyuncs.com';
// Every string the test derives is `a<n>`: the scope (the app group) the collection lives in is `a1`.
const mocks = createOpenSearchHandlers({ baseUrl: BASE, appGroups: { a1: [] } });
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mocks.reset(server);
  sent.length = 0;
});
afterAll(() => server.close());

const sent: string[] = [];
const countingFetch: typeof fetch = (input, init) => {
  sent.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
  return fetch(input, init);
};
const client = createOpenSearchClient({
  credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
  fetch: countingFetch,
  retry: { maxAttempts: 3, baseDelayMs: 0 },
});
type Fn = (...args: unknown[]) => never;
const q = queries as unknown as Record<string, Fn>;
const fresh = () => new QueryClient();

async function seed(count: number) {
  const qc = fresh();
  for (let n = 1; n <= count; n++)
    await new MutationObserver(qc, q[`${create.operationId}Mutation`]!(client)).mutate(createParams(n) as never);
}

describe('query keys', () => {
  it('are built from the path, stable whatever the order of the params, and prefix-ordered', () => {
    const key = q[`${list.operationId}QueryKey`]!({ ...scope }) as unknown[];
    expect(key[0]).toBe(QUERY_KEY_ROOT);
    expect(key.at(-1)).toEqual({});
    expect(key.slice(1, -1).join('/')).toBe(
      list.path
        .replace(/\{([^}]+)\}/g, (_m, name: string) => String(scope[name]))
        .split('/')
        .slice(3)
        .join('/'),
    );
    const reversed = Object.fromEntries(Object.entries({ ...scope, [paging.pageSize]: 5 }).reverse());
    expect(q[`${list.operationId}QueryKey`]!(reversed)).toEqual(
      q[`${list.operationId}QueryKey`]!({ ...scope, [paging.pageSize]: 5 }),
    );
    if (get) {
      const item = q[`${get.operationId}QueryKey`]!(itemParams(1)) as unknown[];
      // The item's key starts with its list's path part: invalidating the list's path reaches it.
      expect(item.slice(0, key.length - 1)).toEqual(key.slice(0, -1));
      expect(item[key.length - 1]).toBe(itemName(1));
    }
    expect(q[`${list.operationId}InfiniteQueryKey`]!({ ...scope, [paging.pageNumber]: 3 })).toEqual([
      ...key.slice(0, -1),
      {},
      'infinite',
    ]);
  });
});

describe('reads', () => {
  it('the infinite query pages by the spec and stops after the last page', async () => {
    await seed(3);
    sent.length = 0;
    const qc = fresh();
    const options = q[`${list.operationId}InfiniteOptions`]!(client, { ...scope, [paging.pageSize]: 2 }) as {
      getNextPageParam: (...a: unknown[]) => unknown;
    };
    const observer = new QueryObserver(qc, options as never);
    const data = (await qc.fetchInfiniteQuery(options as never)) as { pages: Record<string, unknown[]>[] };
    expect(data.pages.map((p) => (p[paging.items] ?? []).length)).toEqual([2]);
    const more = (await qc.fetchInfiniteQuery({ ...(options as object), pages: 5 } as never)) as {
      pages: Record<string, unknown[]>[];
      pageParams: number[];
    };
    expect(more.pages.map((p) => p[paging.items]!.length)).toEqual([2, 1]);
    expect(more.pageParams).toEqual([1, 2]);
    expect(options.getNextPageParam(more.pages[1], more.pages, 2)).toBeUndefined();
    expect(sent.filter((s) => s.startsWith('GET'))).toHaveLength(3); // page 1, then pages 1 and 2: no page 3
    observer.destroy();
  });

  it('aborting a query aborts its request', async () => {
    let aborted!: () => void;
    const requestAborted = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const pattern = `${BASE}${list.path.replace(/\{([^}]+)\}/g, ':$1')}`;
    server.use(
      http.get(pattern, ({ request }) => {
        started();
        request.signal.addEventListener('abort', () => aborted());
        return new Promise(() => {});
      }),
    );
    const qc = fresh();
    const options = q[`${list.operationId}Options`]!(client, { ...scope }) as { queryKey: unknown[] };
    const pending = qc.fetchQuery(options as never).catch((e: unknown) => e);
    await requestStarted;
    await qc.cancelQueries({ queryKey: options.queryKey });
    await requestAborted;
    expect(isCancelledError(await pending)).toBe(true);
  });

  it('a throttled call makes the client’s attempts and no TanStack retry on top; the error is the OpenSearchError', async () => {
    server.use(mocks.mock.throttle({ retryAfterSeconds: 0 }));
    const qc = fresh();
    const observer = new QueryObserver(qc, q[`${list.operationId}Options`]!(client, { ...scope }) as never);
    const settled = new Promise<{ error: unknown; failureCount: number }>((resolve) => {
      observer.subscribe((result) => {
        if (result.status === 'error') resolve({ error: result.error, failureCount: result.failureCount });
      });
    });
    const { error, failureCount } = await settled;
    expect(error).toMatchObject({ name: 'ThrottlingError', code: 'Throttling.User' });
    expect(failureCount).toBe(1);
    expect(sent).toHaveLength(3); // the client's 3 attempts; TanStack's default would have made 12
    observer.destroy();
  });
});

describe('mutations invalidate what the path nesting says they changed', () => {
  const other = ops.find(
    (op) => op.method === 'GET' && !op.path.startsWith(list.path) && op.parameters.every((p) => !p.required),
  );

  /** Caches a list, two items and an unrelated read; returns which of them a mutation marked stale. */
  async function staleAfter(run: (qc: QueryClient) => Promise<unknown>) {
    mocks.reset(server);
    await seed(2);
    const qc = fresh();
    const keys: Record<string, unknown[]> = {
      list: q[`${list.operationId}QueryKey`]!({ ...scope }),
      infinite: q[`${list.operationId}InfiniteQueryKey`]!({ ...scope }),
    };
    qc.setQueryData(keys.list as never, { cached: true } as never);
    qc.setQueryData(keys.infinite as never, { pages: [], pageParams: [] } as never);
    if (get) {
      keys.item1 = q[`${get.operationId}QueryKey`]!(itemParams(1));
      keys.item2 = q[`${get.operationId}QueryKey`]!(itemParams(2));
      qc.setQueryData(keys.item1 as never, { cached: 1 } as never);
      qc.setQueryData(keys.item2 as never, { cached: 2 } as never);
    }
    if (other) {
      keys.other = q[`${other.operationId}QueryKey`]!({});
      qc.setQueryData(keys.other as never, { cached: 'other' } as never);
    }
    await run(qc);
    return Object.entries(keys)
      .filter(([, key]) => qc.getQueryState(key as never)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  }

  it('a delete refreshes its item and the lists of its collection, and nothing else', async () => {
    const stale = await staleAfter((qc) =>
      new MutationObserver(qc, q[`${remove.operationId}Mutation`]!(client)).mutate(itemParams(1) as never),
    );
    expect(stale).toEqual(get ? ['infinite', 'item1', 'list'] : ['infinite', 'list']);
  });

  it('a create refreshes the lists and items under the collection, and nothing else', async () => {
    const stale = await staleAfter((qc) =>
      new MutationObserver(qc, q[`${create.operationId}Mutation`]!(client)).mutate(createParams(9) as never),
    );
    expect(stale).toEqual(get ? ['infinite', 'item1', 'item2', 'list'] : ['infinite', 'list']);
  });

  it('uses the QueryClient given, and callers add to or replace the invalidations', async () => {
    const given = fresh();
    given.setQueryData(['mine'], 1);
    const stale = await staleAfter((qc) =>
      new MutationObserver(
        qc,
        q[`${remove.operationId}Mutation`]!(client, {
          queryClient: given,
          invalidate: (derived: unknown[]) => [...derived, { queryKey: ['mine'] }],
        }),
      ).mutate(itemParams(1) as never),
    );
    expect(stale).toEqual([]); // the running client was not the one invalidated
    expect(given.getQueryState(['mine'])?.isInvalidated).toBe(true);
    const replaced = await staleAfter((qc) =>
      new MutationObserver(qc, q[`${remove.operationId}Mutation`]!(client, { invalidate: () => [] })).mutate(
        itemParams(2) as never,
      ),
    );
    expect(replaced).toEqual([]);
  });

  it('a failed write invalidates nothing and is not retried by TanStack', async () => {
    const stale = await staleAfter(async (qc) => {
      const error = await new MutationObserver(qc, q[`${remove.operationId}Mutation`]!(client))
        .mutate(itemParams(7) as never)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'client', status: 404 });
    });
    expect(stale).toEqual([]);
    expect(sent.filter((s) => s.startsWith('DELETE'))).toHaveLength(1);
  });
});

// Which operations only read, as the one OpenAPI reader tells it from the spec the client ships:
// a GET, or any operation whose RAM access level is read, get or list (a POST that computes).
const shipped = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@acs-opensearch/client/openapi.json'), 'utf8'),
);
const reads = new Set(
  operationMetadata(shipped)
    .filter((m) => m.read)
    .map((m) => m.operationId),
);

describe('every operation of the spec has its options', () => {
  it.each(ops.map((op) => [op.operationId, op] as const))('%s', (_id, op) => {
    if (reads.has(op.operationId)) {
      expect(typeof q[`${op.operationId}QueryKey`]).toBe('function');
      expect(typeof q[`${op.operationId}Options`]).toBe('function');
      expect(typeof q[`${op.operationId}InfiniteOptions`]).toBe(op.pagination ? 'function' : 'undefined');
      // A read never becomes a mutation, whatever its method.
      expect(q[`${op.operationId}Mutation`]).toBeUndefined();
    } else {
      expect(typeof q[`${op.operationId}Mutation`]).toBe('function');
      expect(q[`${op.operationId}Options`]).toBeUndefined();
    }
  });

  it('createOpenSearchQueries(client) binds every one of them, to the full client and to the lean core alike', () => {
    // Every operation's options (the application API's search options take a search client, apart).
    const standalone = Object.keys(q).filter(
      (name) => /(Options|InfiniteOptions|Mutation)$/.test(name) && !(name in searchExports),
    );
    for (const bound of [
      queries.createOpenSearchQueries(client),
      queries.createOpenSearchQueries(
        createOpenSearchCore({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } }),
      ),
    ]) {
      const b = bound as unknown as Record<string, Fn>;
      expect(Object.keys(b).sort()).toEqual(standalone.sort());
      for (const op of ops.filter((o) => reads.has(o.operationId))) {
        const params = Object.fromEntries(op.parameters.filter((p) => p.required).map((p) => [p.name, valueFor(p)]));
        expect((b[`${op.operationId}Options`]!(params) as { queryKey: unknown }).queryKey).toEqual(
          (q[`${op.operationId}Options`]!(client, params) as { queryKey: unknown }).queryKey,
        );
      }
    }
  });

  it('a read sent as a POST keys on its body as well as its path and query', () => {
    const meta = {
      operationId: 'probeThings',
      method: 'POST',
      path: '/v4/openapi/probe/{zone}/actions/estimate',
      action: 'ProbeThings',
      version: '2017-12-25',
      parameters: [
        { name: 'zone', in: 'path', required: true, type: 'string' },
        { name: 'spec', in: 'query', type: 'string' },
      ],
      body: { required: true, mediaType: 'application/json', fields: {}, closed: false },
      idempotent: true,
      pagination: null,
      paginator: null,
      success: null,
    } as unknown as OperationMeta;
    const plan = { segments: ['probe', '{zone}', 'actions', 'estimate'] };
    const a = queryKeyOf(meta, plan, { zone: 'z', spec: 's', body: { n: 1 } });
    const b = queryKeyOf(meta, plan, { zone: 'z', spec: 's', body: { n: 2 } });
    expect(a).toEqual([QUERY_KEY_ROOT, 'probe', 'z', 'actions', 'estimate', { spec: 's', body: { n: 1 } }]);
    expect(a).not.toEqual(b);
    // A GET (no body rule) never keys on a stray `body`.
    expect(queryKeyOf({ ...meta, body: null } as OperationMeta, plan, { zone: 'z', body: { n: 1 } }).at(-1)).toEqual(
      {},
    );
  });
});
