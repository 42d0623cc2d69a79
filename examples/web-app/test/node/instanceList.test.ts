// The app's logic in Node, against @acs-opensearch/mocks through msw/node.
import { createOpenSearchClient } from '@acs-opensearch/client';
import { createOpenSearchHandlers } from '@acs-opensearch/mocks';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceListModel } from '../../src/instanceListModel.js';

const mock = createOpenSearchHandlers({ seed: 1 });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: mock.onUnhandledRequest }));
// One reset: the overrides (MSW handlers), the data, the recorded requests, the request ids.
afterEach(() => mock.reset(server));
afterAll(() => server.close());

const client = createOpenSearchClient({
  credentials: { accessKeyId: 'test', accessKeySecret: 'test' },
  retry: { baseDelayMs: 1 },
});
const model = () => createInstanceListModel(client, { appGroupIdentity: 'shop', functionName: 'ctr', pageSize: 5 });

describe('instance list (Node + msw/node)', () => {
  it('loads the first page', async () => {
    const m = model();
    await m.load();
    expect(m.state.status).toBe('ready');
    expect(m.state.instances.map((i) => i.instanceName).slice(0, 3)).toEqual(['instance_1', 'instance_2', 'ctr_test']);
    expect(m.state.totalCount).toBe(mock.controller.instances('shop', 'ctr', { source: 'user' }).length);
  });

  it('pages forward and back', async () => {
    const m = model();
    await m.load();
    await m.next();
    expect(m.state.pageNumber).toBe(2);
    expect(m.state.instances[0]!.instanceName).toBe(
      mock.controller.instances('shop', 'ctr', { source: 'user' })[5]!.instanceName,
    );
    await m.previous();
    expect(m.state.pageNumber).toBe(1);
    expect(mock.controller.requestsOf('listFunctionInstances').map((r) => r.params.pageNumber)).toEqual([1, 2, 1]);
  });

  it('filters by source and starts again at page 1', async () => {
    const m = model();
    await m.load();
    await m.next();
    await m.setSource('builtin');
    expect(m.state.pageNumber).toBe(1);
    expect(m.state.instances.length).toBeGreaterThan(0);
    expect(m.state.instances.every((i) => i.source === 'builtin')).toBe(true);
  });

  it('shows an API error with its code and request id', async () => {
    server.use(mock.mock.error('Forbidden.RAM', { message: 'not allowed to DescribeFunction' }));
    const m = model();
    await m.load();
    expect(m.state.status).toBe('error');
    expect(m.state.error).toMatchObject({ code: 'Forbidden.RAM', kind: 'client' });
    expect(m.state.error!.message).toContain('not allowed to DescribeFunction');
    expect(m.state.error!.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('rides out throttling: the client retries after Retry-After', async () => {
    server.use(mock.mock.throttle({ retryAfterSeconds: 0, once: true }));
    const m = model();
    await m.load();
    expect(m.state.status).toBe('ready');
    // Both attempts are recorded: the throttled one (answered by the override), then the retry.
    expect(mock.controller.requests.map((r) => [r.status, r.code, r.overridden])).toEqual([
      [429, 'Throttling.User', true],
      [200, undefined, false],
    ]);
  });
});
