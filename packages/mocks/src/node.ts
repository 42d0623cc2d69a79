// Node-only entry: serves the same MSW handlers over real HTTP, for CLIs, curl, other languages,
// end-to-end tests in a browser (CORS), and benchmarks. Browser bundles never import this file.
// Malformed requests get a 4xx in the API's shape, never a 500: a bad %-escape or Host is 400, a
// method the spec lacks is 404 InvalidAction.NotFound, a body over maxBodyBytes is 413 before it
// is buffered.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listOperations } from '@acs-opensearch/openapi-reader';
import { getResponse } from 'msw';
import {
  createOpenSearchHandlers,
  DEFAULT_MAX_BODY_BYTES,
  type OpenSearchHandlersOptions,
  type OpenSearchMockController,
} from './createOpenSearchHandlers.js';
import { openApiDocument } from './generated/openapi-document.js';
import type { OpenSearchMockHelpers } from './overrides.js';

export * from './index.js';

export interface MockServerOptions extends Omit<OpenSearchHandlersOptions, 'baseUrl'> {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
  /**
   * Cross-origin access for browser apps: answers CORS preflights and adds Access-Control-Allow-Origin
   * (the request's Origin) and Access-Control-Expose-Headers: x-acs-request-id. Default: on when
   * `host` is loopback, off otherwise. `false` turns it off; an array allows only those origins.
   */
  cors?: boolean | string[];
}

export interface MockServer {
  /** The base URL to give the client as `endpoint`, such as http://127.0.0.1:43123. */
  url: string;
  port: number;
  host: string;
  controller: OpenSearchMockController;
  /** Override helpers; they act through the server: `server.use(mock.error(...))` is not needed. */
  use(...handlers: import('msw').HttpHandler[]): void;
  /** Removes the handlers added with `use`. */
  resetHandlers(): void;
  /** Resets everything a test changed: the handlers added with `use`, the data, the recorded requests, the request ids and the nonces. */
  reset(): void;
  mock: OpenSearchMockHelpers;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** What the gateway answers for a method and path no operation has: 404 InvalidAction.NotFound. */
function notFound(res: ServerResponse, method: string | undefined, pathname: string, extra: Record<string, string>) {
  apiError(
    res,
    404,
    'InvalidAction.NotFound',
    `Specified api is not found: no operation answers ${method} ${pathname}.`,
    extra,
  );
}

function apiError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify({ Code: code, Message: message, RequestId: 'mock-server' }));
}

/** Headers the signature covers (or the server reads as one value) that must not be repeated. */
const SINGLE = /^(?:host|content-type|content-length|authorization|x-acs-.*)$/;

/** The first signed header the request repeats, if any. */
function repeatedSignedHeader(req: IncomingMessage): string | undefined {
  const raw = req.rawHeaders;
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!SINGLE.test(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** A whole HTTP/1.1 answer with an API error body, for sockets that never reached `handle`. */
function rawAnswer(status: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify({ Code: code, Message: message, RequestId: 'mock-server' });
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\ndate: ${new Date().toUTCString()}\r\nconnection: close\r\n\r\n${body}`;
}

/** Reads the body, refusing past `max` bytes before buffering more; undefined when it was too large. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined | 'too-large'> {
  if (Number(req.headers['content-length'] ?? 0) > max) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return chunks.length > 0 ? Buffer.concat(chunks) : undefined;
}

/** Starts an HTTP server answering with the OpenSearch handlers. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', cors: corsOption, ...handlerOptions } = options;
  const maxBody = handlerOptions.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { handlers, controller, mock } = createOpenSearchHandlers(handlerOptions);
  const cors = corsOption ?? LOOPBACK.test(host);
  let extra: import('msw').HttpHandler[] = [];
  const methods = new Set(listOperations(handlerOptions.document ?? openApiDocument).map((op) => op.method));

  function allowOrigin(origin: string | undefined): string | undefined {
    if (!cors || !origin) return undefined;
    return cors === true || cors.includes(origin) ? origin : undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const origin = allowOrigin(req.headers.origin);
    const corsHeaders: Record<string, string> = origin
      ? {
          'access-control-allow-origin': origin,
          'access-control-expose-headers': 'x-acs-request-id, date, retry-after, x-acs-retry-after',
          vary: 'Origin',
        }
      : {};
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (!origin)
        return apiError(
          res,
          403,
          'Forbidden.CORS',
          'Cross-origin requests are not allowed by this mock server (cors option).',
        );
      res.writeHead(204, {
        ...corsHeaders,
        'access-control-allow-methods': [...methods].join(', '),
        'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'),
        'access-control-max-age': '600',
      });
      return res.end();
    }
    // A header the signature covers must come once: the signer and the server would read different copies.
    const repeated = repeatedSignedHeader(req);
    if (repeated) {
      req.resume();
      return apiError(
        res,
        400,
        'InvalidParameter',
        `The header ${repeated} is sent more than once; a signed header must appear once.`,
        corsHeaders,
      );
    }
    // The URL the request names: a Host with a space or with user:password@ is refused, as is a bad %-escape.
    // Without a Host (HTTP/1.0), the server's bound address.
    const hostHeader = req.headers.host ?? boundHost();
    let url: URL;
    try {
      if (/[\s@]/.test(hostHeader)) throw new Error('bad host');
      url = new URL(`http://${hostHeader}${req.url ?? '/'}`);
      decodeURIComponent(url.pathname);
    } catch {
      return apiError(
        res,
        400,
        'InvalidParameter',
        'The request line or Host header is malformed (bad %-escape, or a Host with spaces or user info).',
        corsHeaders,
      );
    }
    if (!methods.has(req.method ?? '')) {
      req.resume();
      return notFound(res, req.method, url.pathname, corsHeaders);
    }
    const body = await readBody(req, maxBody);
    if (body === 'too-large') {
      res.setHeader('connection', 'close');
      return apiError(res, 413, 'RequestEntityTooLarge', `The request body is over ${maxBody} bytes.`, corsHeaders);
    }
    // A GET or HEAD carries no body (the Fetch API cannot even build one): a clear 400, never a 500,
    // and never a body that the signature's content hash does not cover.
    if ((req.method === 'GET' || req.method === 'HEAD') && body !== undefined && body.length > 0) {
      return apiError(
        res,
        400,
        'InvalidParameter',
        `A ${req.method} request carries no body; this one has ${body.length} bytes.`,
        corsHeaders,
      );
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    let response: Response | undefined;
    try {
      const request = new Request(url, { method: req.method, headers, body: body as BodyInit | undefined });
      response = await getResponse([...extra, ...handlers], request);
    } catch (error) {
      response = Response.json({ Code: 'MockError', Message: (error as Error).message }, { status: 500 });
    }
    if (!response) {
      return notFound(res, req.method, url.pathname, corsHeaders);
    }
    if (response.type === 'error') {
      // MSW's network error: drop the connection, as a failing network would.
      req.socket.destroy();
      return;
    }
    const out: Record<string, string> = { ...corsHeaders };
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
  // A malformed request line never reaches `handle`: answer it 400 (431 for headers over the limit)
  // rather than dropping it.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    socket.end(
      error.code === 'HPE_HEADER_OVERFLOW'
        ? rawAnswer(
            431,
            'Request Header Fields Too Large',
            'RequestHeaderFieldsTooLarge',
            'The request headers are too large.',
          )
        : rawAnswer(400, 'Bad Request', 'InvalidParameter', 'Malformed HTTP request.'),
    );
  });
  // CONNECT never reaches `handle` either: no operation tunnels, so it is answered 405.
  server.on('connect', (_req, socket) => {
    socket.end(
      rawAnswer(405, 'Method Not Allowed', 'InvalidAction.NotFound', 'CONNECT is not an operation of the API.'),
    );
  });
  const boundHost = () => {
    const bound = server.address() as AddressInfo | null;
    if (!bound) return `${host}:${port}`;
    return `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
  };
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
    mock,
    use(...more) {
      extra = [...more, ...extra];
    },
    resetHandlers() {
      extra = [];
    },
    reset() {
      extra = [];
      controller.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
