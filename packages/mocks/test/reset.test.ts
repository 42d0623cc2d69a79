// One call resets everything a test changed, and msw 3's onUnhandledFrame fails an unmatched
// OpenSearch request the way msw 2's onUnhandledRequest does.
import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpenSearchHandlers, makeFunctionInstance, makeFunctionInstances } from '../src/index.js';

const mocks = createOpenSearchHandlers({ baseUrl: 'https://reset.example', appGroups: { shop: [] } });
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: mocks.onUnhandledRequest }));
afterAll(() => server.close());
const LIST = 'https://reset.example/v4/openapi/app-groups/shop/functions/ctr/instances';

describe('reset(server)', () => {
  it('removes overrides and restores data, recorded requests and request ids in one call', async () => {
    const first = (await fetch(LIST)).headers.get('x-acs-request-id');
    mocks.controller.add('shop', makeFunctionInstance({ instanceName: 'added', functionName: 'ctr', source: 'user' }));
    server.use(mocks.mock.error('ServiceUnavailable'));
    expect((await fetch(LIST)).status).toBe(503);
    mocks.reset(server);
    expect(mocks.controller.requests).toEqual([]);
    const after = await fetch(LIST);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-acs-request-id')).toBe(first);
    expect((await after.json()).result).toEqual([]);
  });
});

describe('onUnhandledFrame (msw 3)', () => {
  const defaults = () => ({ warn: vi.fn(), error: vi.fn() });

  it('fails an unmatched OpenSearch HTTP frame with the error naming the expected baseUrl', () => {
    const request = new Request(
      'https://opensearch.cn-shanghai.aliyuncs.com/v4/openapi/app-groups/a/functions/b/instances',
    );
    expect(() =>
      mocks.onUnhandledFrame({ frame: { protocol: 'http', data: { request } }, defaults: defaults() }),
    ).toThrow(/^\[acs-opensearch mocks\] The handlers expect https:\/\/reset\.example:/);
  });

  it("leaves other requests and other protocols to msw's warning", () => {
    const d = defaults();
    mocks.onUnhandledFrame({
      frame: { protocol: 'http', data: { request: new Request('https://cdn.example/app.js') } },
      defaults: d,
    });
    mocks.onUnhandledFrame({ frame: { protocol: 'ws', data: { connection: {} } }, defaults: d });
    expect(d.warn).toHaveBeenCalledTimes(2);
    expect(d.error).not.toHaveBeenCalled();
  });
});

describe('data per test', () => {
  const data = createOpenSearchHandlers({ baseUrl: 'https://data.example' });
  const list = async (app: string, fn = 'ctr', query = 'source=all&pageSize=100') =>
    (
      await (await getResponse(
        data.handlers,
        new Request(`https://data.example/v4/openapi/app-groups/${app}/functions/${fn}/instances?${query}`),
      ))!.json()
    ).result.map((i: { instanceName: string }) => i.instanceName);
  afterEach(() => data.reset());

  it('seed makes an app group hold exactly the given instances, or none', async () => {
    expect((await list('shop')).length).toBeGreaterThan(3);
    data.controller.seed('shop', makeFunctionInstances(3, { functionName: 'ctr' }));
    expect(await list('shop')).toEqual(['ctr_instance_001', 'ctr_instance_002', 'ctr_instance_003']);
    expect(await list('shop', 'other')).toEqual([]);
    data.controller.seed('shop', []);
    expect(await list('shop')).toEqual([]);
    expect((await list('elsewhere')).length).toBeGreaterThan(3);
  });

  it('seed with a functionName replaces that function only', async () => {
    const before = await list('shop', 'other');
    data.controller.seed('shop', [makeFunctionInstance({ instanceName: 'only' })], { functionName: 'ctr' });
    expect(await list('shop')).toEqual(['only']);
    expect(await list('shop', 'other')).toEqual(before);
  });

  it('factories make instances the default list shows (source user)', async () => {
    data.controller.seed('shop', makeFunctionInstances(5, { functionName: 'ctr' }));
    expect(await list('shop', 'ctr', 'pageSize=100')).toHaveLength(5);
    expect(makeFunctionInstances(50).every((i) => i.source === 'user')).toBe(true);
    expect(new Set(makeFunctionInstances(50, {}, { mixedSources: true }).map((i) => i.source))).toEqual(
      new Set(['user', 'builtin']),
    );
  });

  it('remove gives the same result whatever happened before', async () => {
    expect(data.controller.remove('fresh')).toBeGreaterThan(0);
    expect(await list('fresh')).toEqual([]);
    data.reset();
    data.controller.add('other', makeFunctionInstance({ instanceName: 'x' }));
    data.controller.remove('fresh');
    expect(await list('fresh')).toEqual([]);
    expect(data.controller.remove('fresh')).toBe(0);
  });
});
