// @vitest-environment jsdom
// The documented setup in the two most used adapters, React Query and Vue Query, against the
// mocks: `new QueryClient({ mutationCache: createOpenSearchMutationCache() })`, then the options
// spread and extended with the app's own callbacks, as TanStack's docs show. Every way refreshes
// exactly the planned queries, once. The collection is picked by shape (test/collection.ts).
import { createOpenSearchClient } from '@acs-opensearch/client';
import { createOpenSearchCore } from '@acs-opensearch/client/operations';
import { createOpenSearchHandlers } from '@acs-opensearch/mocks';
import type { QueryFilters } from '@tanstack/query-core';
import {
  QueryClientProvider,
  QueryClient as ReactQueryClient,
  useMutation as useReactMutation,
  useQuery as useReactQuery,
} from '@tanstack/react-query';
import {
  useMutation as useVueMutation,
  useQuery as useVueQuery,
  MutationCache as VueMutationCache,
  QueryClient as VueQueryClient,
} from '@tanstack/vue-query';
import { act, configure, renderHook, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { createElement, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { createOpenSearchMutationCache, createOpenSearchQueries, refreshOpenSearchQueries } from '../src/index.js';
import { create, createParams, itemName, itemParam, list, scope } from './collection.js';

// Testing Library's waitFor gives up after 1 s by default; a first call on a loaded CI machine (two
// suites on 2 cores) can take longer. It still resolves as soon as the condition holds.
configure({ asyncUtilTimeout: 10_000 });

const BASE = 'https://opensearch.cn-hangzhou.aliyuncs.com';
const mocks = createOpenSearchHandlers({ baseUrl: BASE, appGroups: { a1: [] } });
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mocks.reset(server));
afterAll(() => server.close());

const credentials = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const full = createOpenSearchQueries(createOpenSearchClient({ credentials, retry: false }));
const lean = createOpenSearchQueries(createOpenSearchCore({ credentials, retry: false }));
type Bound = Record<string, (...args: unknown[]) => Record<string, unknown>>;

/** The names the list answer holds, and the planned invalidations of one create, as counted. */
const names = (data: unknown) =>
  (
    (data as Record<string, unknown> | undefined)?.[list.pagination!.items] as
      | Array<Record<string, unknown>>
      | undefined
  )?.map((i) => i[itemParam]) ?? [];

/** A create's options with a counter of its plan's filters (the `invalidate` hook sees them once per refresh). */
function counted(q: Bound) {
  const plans: QueryFilters[][] = [];
  const options = q[`${create.operationId}Mutation`]!({
    invalidate: (derived: QueryFilters[]) => {
      plans.push(derived);
      return derived;
    },
  });
  return { options, plans };
}

const spy = (qc: { invalidateQueries: (...a: never[]) => Promise<unknown> }) => vi.spyOn(qc, 'invalidateQueries');

describe.each([
  ['the full client', full as unknown as Bound],
  ['the lean core', lean as unknown as Bound],
])('React Query, with %s', (_name, q) => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['onSuccess', { onSuccess: vi.fn() }],
    ['onSettled', { onSettled: vi.fn() }],
    ['onError', { onError: vi.fn() }],
    ['no callback', {}],
  ];
  it.each(cases)(
    'options spread and extended with %s of the app’s own refresh the planned queries once',
    async (_c, own) => {
      const qc = new ReactQueryClient({ mutationCache: createOpenSearchMutationCache() });
      const invalidations = spy(qc);
      const wrapper = ({ children }: { children: ReactNode }) =>
        createElement(QueryClientProvider, { client: qc }, children);
      const { options, plans } = counted(q);
      const { result } = renderHook(
        () => ({
          list: useReactQuery(
            q[`${list.operationId}Options`]!({ ...scope, [list.pagination!.pageSize]: 100 }) as never,
          ),
          create: useReactMutation({ ...options, ...own } as never),
        }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
      expect(names(result.current.list.data)).not.toContain(itemName(1));
      await act(() =>
        (result.current.create as { mutateAsync: (v: unknown) => Promise<unknown> }).mutateAsync(createParams(1)),
      );
      // The list shows the new item: the refresh ran, whatever the app added.
      await waitFor(() => expect(names(result.current.list.data)).toContain(itemName(1)));
      expect(plans).toHaveLength(1);
      expect(invalidations).toHaveBeenCalledTimes(plans[0]!.length);
      for (const fn of Object.values(own)) expect(fn).toHaveBeenCalledTimes(fn === own.onError ? 0 : 1);
    },
  );

  it('without the cache, the options refresh on their own; an app’s onSuccess then replaces that (the documented reason for the cache)', async () => {
    const qc = new ReactQueryClient();
    const invalidations = spy(qc);
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(QueryClientProvider, { client: qc }, children);
    const plain = counted(q);
    const replaced = counted(q);
    const { result } = renderHook(
      () => ({
        plain: useReactMutation(plain.options as never),
        replaced: useReactMutation({ ...replaced.options, onSuccess: () => {} } as never),
      }),
      { wrapper },
    );
    type Mutate = { mutateAsync: (v: unknown) => Promise<unknown> };
    await act(() => (result.current.plain as Mutate).mutateAsync(createParams(1)));
    await act(() => (result.current.replaced as Mutate).mutateAsync(createParams(2)));
    expect(plain.plans).toHaveLength(1);
    expect(replaced.plans).toHaveLength(0);
    expect(invalidations).toHaveBeenCalledTimes(plain.plans[0]!.length);
  });
});

describe('Vue Query', () => {
  it('options spread and extended with the app’s own onSuccess refresh the planned queries once', async () => {
    const qc = new VueQueryClient({ mutationCache: createOpenSearchMutationCache() as never });
    const invalidations = spy(qc);
    const q = full as unknown as Bound;
    const { options, plans } = counted(q);
    const own = vi.fn();
    const scopeOf = effectScope();
    const state = scopeOf.run(() => ({
      list: useVueQuery(q[`${list.operationId}Options`]!({ ...scope, [list.pagination!.pageSize]: 100 }) as never, qc),
      create: useVueMutation({ ...options, onSuccess: own } as never, qc),
    }))!;
    const listed = () => names(state.list.data.value);
    await vi.waitFor(() => expect(state.list.isSuccess.value).toBe(true));
    await (state.create as unknown as { mutateAsync: (v: unknown) => Promise<unknown> }).mutateAsync(createParams(1));
    // The list (a reactive query) shows the new item: the refresh ran.
    await vi.waitFor(() => expect(listed()).toContain(itemName(1)));
    expect(own).toHaveBeenCalledTimes(1);
    expect(plans).toHaveLength(1);
    expect(invalidations).toHaveBeenCalledTimes(plans[0]!.length);
    scopeOf.stop();
  });

  it('an app with its own MutationCache calls refreshOpenSearchQueries from its callback', async () => {
    const seen: unknown[] = [];
    const qc = new VueQueryClient({
      mutationCache: new VueMutationCache({
        onSuccess: async (...args) => {
          seen.push(args[0]);
          await refreshOpenSearchQueries(...args);
        },
      }),
    });
    const invalidations = spy(qc);
    const { options, plans } = counted(full as unknown as Bound);
    const scopeOf = effectScope();
    const m = scopeOf.run(() => useVueMutation({ ...options, onSuccess: vi.fn() } as never, qc))!;
    await (m as unknown as { mutateAsync: (v: unknown) => Promise<unknown> }).mutateAsync(createParams(1));
    expect(seen).toHaveLength(1);
    expect(plans).toHaveLength(1);
    expect(invalidations).toHaveBeenCalledTimes(plans[0]!.length);
    scopeOf.stop();
  });
});
