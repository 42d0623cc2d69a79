// Node-only entry: serves the same MSW handlers over real HTTP on loopback, for CLIs, curl, other
// languages, end-to-end tests and benchmarks. Browser bundles never import this file.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import {
  createOpenSearchHandlers,
  type OpenSearchHandlersOptions,
  type OpenSearchMockController,
} from './createOpenSearchHandlers.js';

export * from './index.js';

export interface MockServerOptions extends Omit<OpenSearchHandlersOptions, 'baseUrl'> {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
}

export interface MockServer {
  /** The base URL to give the client as `endpoint`, such as http://127.0.0.1:43123. */
  url: string;
  port: number;
  host: string;
  controller: OpenSearchMockController;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? Buffer.concat(chunks) : undefined;
}

/** Starts an HTTP server answering with the OpenSearch handlers. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', ...handlerOptions } = options;
  const { handlers, controller } = createOpenSearchHandlers(handlerOptions);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = `http://${req.headers.host ?? `${host}:${port}`}${req.url ?? '/'}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const body = await readBody(req);
    const request = new Request(url, { method: req.method, headers, body: body as BodyInit | undefined });
    let response: Response | undefined;
    try {
      response = await getResponse(handlers, request);
    } catch (error) {
      response = Response.json({ Code: 'MockError', Message: (error as Error).message }, { status: 500 });
    }
    if (!response) {
      response = Response.json({ Code: 'NotFound', Message: `No mock for ${req.method} ${req.url}` }, { status: 404 });
    }
    if (response.type === 'error') {
      // MSW's network error: drop the connection, as a failing network would.
      req.socket.destroy();
      return;
    }
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Code: 'MockError', Message: (error as Error).message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    host: address.address,
    controller,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
