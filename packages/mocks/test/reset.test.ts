// One call resets everything a test changed, and msw 3's onUnhandledFrame fails an unmatched
// OpenSearch request the way msw 2's onUnhandledRequest does.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpenSearchHandlers, makeFunctionInstance } from '../src/index.js';

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
