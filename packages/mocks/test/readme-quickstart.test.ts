// The README's quick start, as written: this file is its code block (test/readme-text.test.ts
// fails when the two differ), with package imports, explicit vitest imports and no globals.
import { createOpenSearchClient } from '@acs-opensearch/client';
import { controller, handlers, makeFunctionInstances, mock, onUnhandledRequest, reset } from '@acs-opensearch/mocks';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest }));
afterEach(() => reset(server));
afterAll(() => server.close());

// In tests, no retries: an error arrives at once, not after the client's backoff.
const client = createOpenSearchClient({ credentials: { accessKeyId: 'test', accessKeySecret: 'test' }, retry: false });

it('lists instances', async () => {
  const page = await client.listFunctionInstances({ appGroupIdentity: 'any_app', functionName: 'ctr' });
  expect(page.result[0]?.instanceName).toBe('instance_1');
});

it('lists exactly the instances a test gives', async () => {
  controller.seed('shop', makeFunctionInstances(3, { functionName: 'ctr' }));
  const page = await client.listFunctionInstances({ appGroupIdentity: 'shop', functionName: 'ctr' });
  expect(page.totalCount).toBe(3);
  const sent = controller.requests.at(-1);
  if (sent?.operationId === 'listFunctionInstances') expect(sent.params.appGroupIdentity).toBe('shop');
});

it('shows an error', async () => {
  server.use(mock.error('Forbidden.RAM'));
  await expect(
    client.listFunctionInstances({ appGroupIdentity: 'any_app', functionName: 'ctr' }),
  ).rejects.toMatchObject({ status: 403 });
});
