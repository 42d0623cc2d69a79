// A client created at module load, before server.listen(), is still intercepted: the client looks
// up globalThis.fetch per request, and MSW patches it in listen().

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { handlers } from '../src/index.js';
import { appClient } from './appModule.js';

const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('intercepts a client created before listen()', async () => {
  const page = await appClient.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr' });
  expect(page.totalCount).toBeGreaterThan(0);
  expect(page.result[0]!.instanceName).toBe('instance_1');
});
