// A node-environment test: the mock server over real HTTP, and verifySignature with injected
// primitives (as a runtime without Web Crypto would pass them).
const { createHash, createHmac } = require('node:crypto');
const { createOpenSearchClient } = require('@acs-opensearch/client');
const { signRequest } = require('@acs-opensearch/client/signing');
const { verifySignature } = require('@acs-opensearch/mocks');
const { startMockServer } = require('@acs-opensearch/mocks/node');

const key = { accessKeyId: 'jest-ak', accessKeySecret: 'jest-secret' };
let mockServer;
beforeAll(async () => {
  mockServer = await startMockServer({ verifySignature: key });
});
afterAll(() => mockServer.close());

test('the client against the mock server over HTTP', async () => {
  const client = createOpenSearchClient({ endpoint: mockServer.url, credentials: key });
  const page = await client.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'ctr', pageSize: 2 });
  expect(page.result).toHaveLength(2);
});

test('verifySignature with injected node:crypto primitives', async () => {
  const crypto = {
    sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
    hmacSha256Hex: (secret, message) => createHmac('sha256', secret).update(message).digest('hex'),
  };
  const url = 'https://h.example/v4/openapi/app-groups/a/functions/b/instances';
  const signed = await signRequest(
    { method: 'GET', url },
    { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25', crypto },
  );
  const request = new Request(url, { headers: signed.headers });
  await expect(verifySignature(request, { key, crypto, action: 'ListFunctionInstances' })).resolves.toBeNull();
});
