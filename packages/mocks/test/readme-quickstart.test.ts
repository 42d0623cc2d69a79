// The README's quick start, as written (package imports, explicit vitest imports, no globals).
import { createOpenSearchClient } from '@acs-opensearch/client';
import { handlers, mock } from '@acs-opensearch/mocks';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createOpenSearchClient({ credentials: { accessKeyId: 'test', accessKeySecret: 'test' } });

it('lists instances', async () => {
  const page = await client.listFunctionInstances({ appGroupIdentity: 'any_app', functionName: 'ctr' });
  expect(page.result[0]?.instanceName).toBe('instance_1');
});

it('shows an error', async () => {
  server.use(mock.error('Forbidden.RAM'));
  await expect(
    client.listFunctionInstances({ appGroupIdentity: 'any_app', functionName: 'ctr' }),
  ).rejects.toMatchObject({ status: 403 });
});
