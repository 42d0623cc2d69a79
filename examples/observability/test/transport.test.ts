// The README's proxy and keep-alive recipe (src/transport.ts): signed calls through a local CONNECT
// proxy to the mock server (signatures checked), one tunnel reused by sequential calls, and the
// same pool without a proxy.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createOpenSearchClient } from '@acs-opensearch/client';
import { startMockServer } from '@acs-opensearch/mocks/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transportFetch } from '../src/transport.js';

const key = { accessKeyId: 'proxy-ak', accessKeySecret: 'proxy-secret-never-logged' };
let mock: Awaited<ReturnType<typeof startMockServer>>;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  mock = await startMockServer({ verifySignature: key, appGroups: { shop: [] } });
  // A forward proxy that only tunnels (CONNECT), as corporate proxies do for HTTPS.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(String(req.url));
    const [host, port] = String(req.url).split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => proxy.close(() => r()));
  await mock.close();
});

describe('the transport recipe', () => {
  it('sends signed calls through the proxy, over one kept-alive tunnel', async () => {
    const transport = transportFetch({ proxy: proxyUrl, keepAliveMs: 10_000 });
    const client = createOpenSearchClient({ endpoint: mock.url, credentials: key, fetch: transport.fetch });
    for (let i = 0; i < 6; i++) {
      const page = await client.listFunctionInstances({ appGroupIdentity: 'shop', functionName: 'ctr' });
      expect(page.result).toEqual([]);
    }
    // Six calls, at most two tunnels (undici may open a second connection while the first is released).
    expect(tunnels.length).toBeLessThanOrEqual(2);
    expect(new Set(tunnels)).toEqual(new Set([new URL(mock.url).host]));
    expect(mock.controller.requests).toHaveLength(6); // each verified by the mock's signature check
    await transport.close();
  });

  it('without a proxy, keeps connections alive between calls', async () => {
    const seen = new Set<string>();
    const target = createServer((req, res) => {
      seen.add(`${req.socket.remotePort}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"requestId":"r","totalCount":0,"result":[]}');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const transport = transportFetch({ keepAliveMs: 10_000 });
    const endpoint = `http://127.0.0.1:${(target.address() as { port: number }).port}`;
    const client = createOpenSearchClient({ endpoint, credentials: key, fetch: transport.fetch });
    for (let i = 0; i < 6; i++) await client.listFunctionInstances({ appGroupIdentity: 'shop', functionName: 'ctr' });
    expect(seen.size).toBeLessThanOrEqual(2); // six calls over at most two kept-alive sockets
    await transport.close();
    await new Promise<void>((r) => target.close(() => r()));
  });

  it('is the README’s code, as written', () => {
    const readme = readFileSync(new URL('../../../packages/client/README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../src/transport.ts', import.meta.url), 'utf8').trim());
  });
});
