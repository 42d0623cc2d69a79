// setupOpenSearchMocks starts MSW where the test runs (here Node: setupServer), with the unhandled-
// request check for msw 2 and 3, one reset and a close.
import { afterAll, describe, expect, it } from 'vitest';
import { setupOpenSearchMocks } from '../src/index.js';

const mocks = await setupOpenSearchMocks({ baseUrl: 'https://setup.example' });
afterAll(() => mocks.close());
const LIST = 'https://setup.example/v4/openapi/app-groups/shop/functions/ctr/instances';

describe('setupOpenSearchMocks', () => {
  it('runs setupServer in Node and answers every operation', async () => {
    expect(mocks.runtime).toBe('node');
    expect((await fetch(LIST)).status).toBe(200);
  });

  it('use() adds overrides in front; reset() clears them and the data', async () => {
    mocks.controller.seed('shop', []);
    mocks.use(mocks.mock.error('ServiceUnavailable'));
    expect((await fetch(LIST)).status).toBe(503);
    mocks.reset();
    const page = await (await fetch(LIST)).json();
    expect(page.totalCount).toBeGreaterThan(0);
  });

  it('an unmatched OpenSearch request fails naming the expected baseUrl', async () => {
    // msw 2 answers the thrown error as a 500 carrying its message (msw 3 makes fetch reject with it).
    const answer = await fetch('https://elsewhere.example/v4/openapi/app-groups/a/functions/b/instances').then(
      async (r) => `${r.status} ${await r.text()}`,
      (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
    );
    expect(answer).toContain('The handlers expect https://setup.example');
  });
});
