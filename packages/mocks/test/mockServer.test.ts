// startMockServer serves the same handlers over real HTTP on loopback, signature checks included.
import { createOpenSearchClient } from '@acs-opensearch/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/node.js';

const key = { accessKeyId: 'demo-ak', accessKeySecret: 'demo-secret' };
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, host: '127.0.0.1', verifySignature: key });
});
afterAll(() => server.close());

describe('startMockServer', () => {
  it('listens on loopback and serves signed client calls over HTTP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = createOpenSearchClient({ endpoint: server.url, credentials: key });
    const page = await client.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 2 });
    expect(page.result).toHaveLength(2);
    expect(server.controller.requests.at(-1)?.params).toMatchObject({ pageSize: 2 });
  });

  it('rejects unsigned requests, and answers 404 for unknown paths', async () => {
    const unsigned = await fetch(`${server.url}/v4/openapi/app-groups/a/functions/b/instances`);
    expect(unsigned.status).toBe(400);
    expect((await unsigned.json()).Code).toBe('IncompleteSignature');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('turns a networkError override into a dropped connection', async () => {
    server.use(server.mock.networkError({ once: true }));
    const client = createOpenSearchClient({ endpoint: server.url, credentials: key, retry: false });
    await expect(client.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' })).rejects.toMatchObject({
      kind: 'network',
    });
  });
});
