// A component-style test in jsdom: the client renders a list from the mocks, and the mocks verify
// the client's signatures. Plain CommonJS: no transform needed.
const { createOpenSearchClient } = require('@acs-opensearch/client');
const { createOpenSearchHandlers } = require('@acs-opensearch/mocks');
const { setupServer } = require('msw/node');

const key = { accessKeyId: 'jest-ak', accessKeySecret: 'jest-secret' };
const mock = createOpenSearchHandlers({ seed: 1, verifySignature: key });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: mock.onUnhandledRequest }));
afterEach(() => mock.reset(server));
afterAll(() => server.close());

const client = createOpenSearchClient({ credentials: key, retry: { baseDelayMs: 1 } });

async function renderList(root) {
  const page = await client.listFunctionInstances({ appGroupIdentity: 'shop', functionName: 'ctr', pageSize: 3 });
  root.innerHTML = `<ul>${page.result.map((i) => `<li>${i.instanceName}</li>`).join('')}</ul>`;
  return page;
}

test('runs in jsdom', () => {
  expect(typeof window).toBe('object');
  expect(document.createElement('div').tagName).toBe('DIV');
});

test('renders instances from the mocks, with the signature verified', async () => {
  const root = document.createElement('div');
  await renderList(root);
  expect([...root.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
    'instance_1',
    'instance_2',
    'ctr_test',
  ]);
  expect(mock.controller.requests).toHaveLength(1);
  expect(client.config.signingCrypto).toBe('node:crypto');
});

test('a per-test override is an MSW handler, gone after resetHandlers', async () => {
  server.use(mock.mock.error('Forbidden.RAM', { message: 'not allowed' }));
  await expect(renderList(document.createElement('div'))).rejects.toMatchObject({ code: 'Forbidden.RAM', status: 403 });
});

test('after the reset, the default data answers again', async () => {
  const page = await renderList(document.createElement('div'));
  expect(page.result).toHaveLength(3);
});
