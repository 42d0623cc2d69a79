// ESM consumer: the client against the mocks through msw/node, as an app's test would.
import { createOpenSearchClient, OpenSearchError } from '@acs-opensearch/client';
import { DEFAULT_CRYPTO_NAME, signRequest } from '@acs-opensearch/client/signing';
import { handlers } from '@acs-opensearch/mocks';
import { startMockServer } from '@acs-opensearch/mocks/node';
import { setupServer } from 'msw/node';

const client = createOpenSearchClient({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const page = await client.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 3 });
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
