// ESM consumer: the client against the mocks through msw/node, as an app's test would.
import { createOpenSearchClient, OpenSearchError } from '@acs-opensearch/client';
import { createOpenSearchCore, getFunctionInstance, listFunctionInstances } from '@acs-opensearch/client/operations';
import { DEFAULT_CRYPTO_NAME, signRequest } from '@acs-opensearch/client/signing';
import { handlers } from '@acs-opensearch/mocks';
import { startMockServer } from '@acs-opensearch/mocks/node';
import { setupServer } from 'msw/node';

const client = createOpenSearchClient({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const page = await client.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 3 });
// The per-operation form: the same call through '@acs-opensearch/client/operations' and the core client.
const core = createOpenSearchCore({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
const same = await listFunctionInstances(core, { appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 3 });
if (JSON.stringify(same.result) !== JSON.stringify(page.result)) throw new Error('the operations entry differs');
const missing = await getFunctionInstance(core, {
  appGroupIdentity: 'my_app',
  functionName: 'ctr',
  instanceName: 'nope',
}).catch((e) => e);
if (!(missing instanceof OpenSearchError) || missing.status !== 404) throw new Error(`operations entry: ${missing}`);
server.close();
if (page.result.length !== 3 || typeof page.totalCount !== 'number') throw new Error('unexpected page');
if (typeof OpenSearchError !== 'function') throw new Error('OpenSearchError missing');
console.log(`esm: ${page.result.map((i) => i.instanceName).join(', ')} (totalCount ${page.totalCount})`);

const mock = await startMockServer({ verifySignature: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
const overHttp = createOpenSearchClient({
  endpoint: mock.url,
  credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
});
const viaHttp = await overHttp.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 2 });
await mock.close();
console.log(`esm over HTTP: ${viaHttp.result.map((i) => i.instanceName).join(', ')}`);

// The package's `node` export condition gives the Node build: synchronous node:crypto, no option set.
if (DEFAULT_CRYPTO_NAME !== 'node:crypto' || client.config.signingCrypto !== 'node:crypto')
  throw new Error(`signing with ${client.config.signingCrypto}`);
const signed = await signRequest(
  { method: 'GET', url: 'https://h.example/p' },
  { credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' }, action: 'ListFunctionInstances', version: '2017-12-25' },
);
if (!/^ACS3-HMAC-SHA256 Credential=ak,/.test(signed.authorization)) throw new Error('signing subpath');
console.log(`esm: @acs-opensearch/client/signing signs with ${DEFAULT_CRYPTO_NAME}`);

// An unmatched OpenSearch request (the client aims at another origin than the handlers expect)
// fails with the mocks' error naming the expected baseUrl, and never reaches the network: msw 2
// reads `onUnhandledRequest`, msw 3 `onUnhandledFrame` (and ignores the old name).
{
  const { createServer } = await import('node:http');
  const { createRequire } = await import('node:module');
  const { createOpenSearchHandlers } = await import('@acs-opensearch/mocks');
  const mswMajor = Number(createRequire(import.meta.url)('msw/package.json').version.split('.')[0]);
  let reachedNetwork = 0;
  const network = createServer((_req, res) => {
    reachedNetwork += 1;
    res.end('{}');
  });
  await new Promise((r) => network.listen(0, '127.0.0.1', r));
  const mocks = createOpenSearchHandlers({ baseUrl: 'https://opensearch.cn-hangzhou.aliyuncs.com' });
  const strict = setupServer(...mocks.handlers);
  strict.listen(
    mswMajor >= 3 ? { onUnhandledFrame: mocks.onUnhandledFrame } : { onUnhandledRequest: mocks.onUnhandledRequest },
  );
  const wrong = createOpenSearchClient({
    endpoint: `http://127.0.0.1:${network.address().port}`,
    credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
    retry: false,
  });
  const error = await wrong.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' }).catch((e) => e);
  strict.close();
  network.close();
  if (reachedNetwork !== 0) throw new Error(`msw ${mswMajor}: the unmatched request reached the network`);
  // One reset clears an override and the data, under either major.
  const {
    controller,
    mock: topMock,
    reset,
    onUnhandledFrame,
    onUnhandledRequest,
  } = await import('@acs-opensearch/mocks');
  const again = setupServer(...handlers);
  again.listen(mswMajor >= 3 ? { onUnhandledFrame } : { onUnhandledRequest });
  controller.seed('reset_app', []);
  again.use(topMock.error('ServiceUnavailable'));
  const failed = await client
    .listFunctionInstances({ appGroupIdentity: 'reset_app', functionName: 'ctr' })
    .catch((e) => e);
  reset(again);
  const restored = await client.listFunctionInstances({ appGroupIdentity: 'reset_app', functionName: 'ctr' });
  again.close();
  if (failed?.status !== 503 || restored.totalCount === 0)
    throw new Error(`msw ${mswMajor}: reset(server) did not clear the override and the data`);
  if (!String(error?.message).includes('The handlers expect https://opensearch.cn-hangzhou.aliyuncs.com'))
    throw new Error(`msw ${mswMajor}: expected the mocks' error naming the baseUrl, got ${error?.message}`);
  console.log(
    `esm: msw ${mswMajor}: an unmatched request fails naming the expected baseUrl, and never reaches the network`,
  );
}

// Handler sets compose under either major: the default set (any origin) and a set for one origin,
// in one server, in either order; each answers its own requests.
{
  const { createRequire } = await import('node:module');
  const { createOpenSearchHandlers } = await import('@acs-opensearch/mocks');
  const mswMajor = Number(createRequire(import.meta.url)('msw/package.json').version.split('.')[0]);
  const key = { accessKeyId: 'compose-ak', accessKeySecret: 'compose-sk' };
  const verifying = createOpenSearchHandlers({ baseUrl: 'https://verify.example', verifySignature: key });
  const path = '/v4/openapi/app-groups/my_app/functions/ctr/instances';
  // Each server is set up as an app does it, spreading the sets in its order right there.
  for (const [order, setup] of [
    ['the default set first', () => setupServer(...handlers, ...verifying.handlers)],
    ['the baseUrl set first', () => setupServer(...verifying.handlers, ...handlers)],
  ]) {
    const both = setup();
    both.listen(mswMajor >= 3 ? { onUnhandledFrame: 'error' } : { onUnhandledRequest: 'error' });
    const any = await fetch(`https://any.example${path}`);
    const unsigned = await fetch(`https://verify.example${path}`);
    const signedClient = createOpenSearchClient({ endpoint: 'https://verify.example', credentials: key, retry: false });
    const signedPage = await signedClient.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr' });
    both.close();
    if (any.status !== 200 || unsigned.status < 400 || !Array.isArray(signedPage.result))
      throw new Error(`msw ${mswMajor}, ${order}: ${any.status} ${unsigned.status}`);
  }
  console.log(`esm: msw ${mswMajor}: the default set and a baseUrl set compose in either order`);
}

// The application API (v3) through '@acs-opensearch/client/search', against the mocks' search engine:
// an app with a schema created through the management API, a push, a built search.
{
  const { createSearchClient, buildSearchQuery } = await import('@acs-opensearch/client/search');
  const { createOpenSearchHandlers } = await import('@acs-opensearch/mocks');
  const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
  const set = createOpenSearchHandlers({ baseUrl: 'https://search.consumer', verifySignature: key });
  const searchServer = setupServer(...set.handlers);
  searchServer.listen({ onUnhandledRequest: 'error' });
  const admin = createOpenSearchClient({ endpoint: 'https://search.consumer', credentials: key });
  await admin.createAppGroup({
    body: {
      name: 'shop',
      type: 'enhanced',
      quota: { docSize: 1, computeResource: 20, spec: 'opensearch.share.common' },
    },
  });
  const schema = {
    tables: {
      main: {
        name: 'main',
        primaryTable: true,
        fields: { id: { name: 'id', type: 'LITERAL', primaryKey: true }, title: { name: 'title', type: 'TEXT' } },
      },
    },
    indexes: { searchFields: { default: { fields: ['title'] } }, filterFields: ['id'] },
  };
  await admin.createApp({ appGroupIdentity: 'shop', body: { schema } });
  const shop = createSearchClient({ endpoint: 'https://search.consumer', appName: 'shop', credentials: key });
  await shop.push('main', [{ cmd: 'add', fields: { id: '1', title: "it's a cloud" } }]);
  const found = await shop.search({ query: { query: { index: 'default', term: "it's" } } });
  searchServer.close();
  if (found.result.total !== 1 || buildSearchQuery({ query: { index: 'default', term: 'x' } }) !== "query=default:'x'")
    throw new Error(`search entry: ${JSON.stringify(found)}`);
  console.log(`esm: @acs-opensearch/client/search found ${found.result.items[0].fields.title}`);
}
