// ESM consumer: the client against the mocks through msw/node, as an app's test would.
import { createOpenSearchClient, OpenSearchError } from '@acs-opensearch/client';
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
const overHttp = createOpenSearchClient({ endpoint: mock.url, credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
const viaHttp = await overHttp.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 2 });
await mock.close();
console.log(`esm over HTTP: ${viaHttp.result.map((i) => i.instanceName).join(', ')}`);
