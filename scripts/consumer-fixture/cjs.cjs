// CJS consumer: the same through require().
const { createOpenSearchClient, OpenSearchError } = require('@acs-opensearch/client');
const { createOpenSearchCore, getFunctionInstance } = require('@acs-opensearch/client/operations');
const { DEFAULT_CRYPTO_NAME, parseAuthorization } = require('@acs-opensearch/client/signing');
const { handlers, makeFunctionInstance } = require('@acs-opensearch/mocks');
const { startMockServer } = require('@acs-opensearch/mocks/node');
const { setupServer } = require('msw/node');
const { buildSearchQuery, createSearchClient, signV3 } = require('@acs-opensearch/client/search');

(async () => {
  const client = createOpenSearchClient({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const page = await client.listFunctionInstances({
    appGroupIdentity: 'my_app',
    functionName: 'ctr',
    pageSize: 3,
    source: 'all',
  });
  // The operations entry, required: its errors are instances of the main entry's classes.
  const core = createOpenSearchCore({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
  const missing = await getFunctionInstance(core, {
    appGroupIdentity: 'my_app',
    functionName: 'ctr',
    instanceName: 'nope',
  }).catch((e) => e);
  if (!(missing instanceof OpenSearchError) || missing.status !== 404) throw new Error(`operations entry: ${missing}`);
  server.close();
  if (page.result.length !== 3) throw new Error('unexpected page');
  if (makeFunctionInstance({}, { seed: 1 }).instanceName !== 'ctr_instance_001') throw new Error('factory');
  if (typeof startMockServer !== 'function') throw new Error('startMockServer missing');
  if (DEFAULT_CRYPTO_NAME !== 'node:crypto' || typeof parseAuthorization !== 'function')
    throw new Error('signing subpath');
  console.log(`cjs: ${page.result.map((i) => i.instanceName).join(', ')} (totalCount ${page.totalCount})`);
  const headers = await signV3(
    { method: 'GET', path: '/v3/openapi/apps/a/search', query: { query: "query=default:'x'" } },
    { accessKeyId: 'ak', accessKeySecret: 'sk' },
    { date: '2026-01-01T00:00:00Z', nonce: '1' },
  );
  if (!/^OPENSEARCH ak:/.test(headers.Authorization) || typeof createSearchClient !== 'function')
    throw new Error('search subpath');
  console.log(`cjs: @acs-opensearch/client/search ${buildSearchQuery({ query: { index: 'default', term: 'x' } })}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
