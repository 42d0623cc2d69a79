// instances.rtl.test.ts: one file, run in jsdom and in a real browser (Vitest projects).
import { createOpenSearchClient } from '@acs-opensearch/client';
import { makeFunctionInstances, setupOpenSearchMocks } from '@acs-opensearch/mocks';
import { listFunctionInstancesOptions } from '@acs-opensearch/query';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { createElement as h, type ReactNode } from 'react';
import { afterAll, afterEach, expect, it } from 'vitest';

// setupServer in jsdom, setupWorker in the browser; unmatched OpenSearch requests fail (msw 2 and 3).
const mocks = await setupOpenSearchMocks();
afterEach(() => {
  cleanup();
  mocks.reset(); // overrides, data, recorded requests, request ids
});
afterAll(() => mocks.close());

// No retries in tests, in the client and in the query library: errors show at once.
const client = createOpenSearchClient({ credentials: { accessKeyId: 'test', accessKeySecret: 'test' }, retry: false });
const wrapper = ({ children }: { children: ReactNode }) =>
  h(QueryClientProvider, { client: new QueryClient({ defaultOptions: { queries: { retry: false } } }) }, children);

function Instances({ appGroup }: { appGroup: string }) {
  // The key, the call and the abort signal come from @acs-opensearch/query: nothing hand-written.
  const query = useQuery(listFunctionInstancesOptions(client, { appGroupIdentity: appGroup, functionName: 'ctr' }));
  if (query.error) return h('p', { role: 'alert' }, query.error.code);
  if (!query.data) return h('p', null, 'Loading');
  return h('ul', null, ...query.data.result.map((i) => h('li', { key: i.instanceName }, i.instanceName)));
}

it('lists exactly the instances the test gives', async () => {
  mocks.controller.seed('shop', makeFunctionInstances(2, { functionName: 'ctr' }));
  render(h(Instances, { appGroup: 'shop' }), { wrapper });
  expect(await screen.findByText('ctr_instance_002')).toBeTruthy();
  expect(screen.getAllByRole('listitem')).toHaveLength(2);
});

it('shows throttling at once', async () => {
  mocks.use(mocks.mock.throttle());
  render(h(Instances, { appGroup: 'shop' }), { wrapper });
  expect((await screen.findByRole('alert')).textContent).toBe('Throttling.User');
});
