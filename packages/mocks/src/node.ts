// Node-only entry: serves the same MSW handlers over real HTTP, for CLIs, curl, other languages,
// end-to-end tests in a browser (CORS), and benchmarks. Browser bundles never import this file.
// Malformed requests get a 4xx in the API's shape, never a 500: a bad %-escape or Host is 400, a
// method the spec lacks is 404 InvalidAction.NotFound, a body over maxBodyBytes is 413 before it
// is buffered.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import {
  createOpenSearchHandlers,
  DEFAULT_MAX_BODY_BYTES,
  type OpenSearchHandlersOptions,
  type OpenSearchMockController,
  registerServedBase,
} from './createOpenSearchHandlers.js';
import { openApiDocument } from './generated/openapi-document.js';
import type { OpenSearchMockHelpers } from './http/overrides.js';
import { type DirectAnswer, directAnswerOf } from './http/router.js';
import { buildSpecModel } from './model/specModel.js';
import { SEARCH_LIMITS } from './search/limits.js';

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

/** What one server shares between requests. */
interface ServerState {
  handlers: HttpHandler[];
  /** The router's direct path, used while no override is installed. */
  direct: DirectAnswer | undefined;
  extra: HttpHandler[];
  methods: Set<string>;
  maxBody: number;
  cors: boolean | string[];
  boundHost: () => string;
}

/** The CORS headers for a request's origin, when the server allows it. */
function corsHeadersFor(state: ServerState, origin: string | undefined): Record<string, string> {
  const cors = state.cors;
  if (!cors || !origin || (cors !== true && !cors.includes(origin))) return {};
  return {
    'access-control-allow-origin': origin,
    // Every header the client reads.
    'access-control-expose-headers': 'x-acs-request-id, date, retry-after, x-acs-retry-after',
    vary: 'Origin',
  };
}

/** A CORS preflight: 204 with what it asked for, or 403 from an origin the server does not allow. */
function preflight(state: ServerState, req: IncomingMessage, res: ServerResponse, cors: Record<string, string>) {
  if (!cors['access-control-allow-origin'])
    return apiError(
      res,
      403,
      'Forbidden.CORS',
      'Cross-origin requests are not allowed by this mock server (cors option).',
    );
  res.writeHead(204, {
    ...cors,
    'access-control-allow-methods': [...state.methods].join(', '),
    'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'),
    'access-control-max-age': '600',
  });
  res.end();
}

/**
 * The URL a request names, or a refusal: a repeated signed header (the signer and the server would
 * read different copies), a Host with a space or user:password@, a bad %-escape. Without a Host
 * (HTTP/1.0), the server's bound address.
 */
function requestUrl(state: ServerState, req: IncomingMessage): URL | string {
  const repeated = repeatedSignedHeader(req);
  if (repeated) return `The header ${repeated} is sent more than once; a signed header must appear once.`;
  const hostHeader = req.headers.host ?? state.boundHost();
  try {
    if (/[\s@]/.test(hostHeader)) throw new Error('bad host');
    const url = new URL(`http://${hostHeader}${req.url ?? '/'}`);
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return 'The request line or Host header is malformed (bad %-escape, or a Host with spaces or user info).';
  }
}

/** The body under the cap, or a refusal; a GET or HEAD carries none (never a 500, never a body the signature's hash does not cover). */
async function requestBody(
  state: ServerState,
  req: IncomingMessage,
): Promise<Buffer | undefined | { status: number; code: string; message: string }> {
  // A push of the application API (v3) may carry up to its own limit (2 MiB by the spec).
  const max = req.url?.startsWith('/v3/')
    ? Math.max(state.maxBody, SEARCH_LIMITS.maxRequestBytes + 1024)
    : state.maxBody;
  const body = await readBody(req, max);
  if (body === 'too-large')
    return { status: 413, code: 'RequestEntityTooLarge', message: `The request body is over ${max} bytes.` };
  if ((req.method === 'GET' || req.method === 'HEAD') && body !== undefined && body.length > 0)
    return {
      status: 400,
      code: 'InvalidParameter',
      message: `A ${req.method} request carries no body; this one has ${body.length} bytes.`,
    };
  return body;
}

/** The handlers' answer to a Node request, as a Fetch Response (undefined when none matched). */
async function answer(state: ServerState, req: IncomingMessage, url: URL, body: Buffer | undefined) {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  try {
    const request = new Request(url, { method: req.method, headers, body: body as BodyInit | undefined });
    // Without overrides, the router answers directly: the same pipeline, none of MSW's per-request lifecycle.
    if (state.extra.length === 0 && state.direct) {
      const direct = await state.direct(request);
      // The application API (v3) and anything else the router does not answer: the other handlers.
      return direct ?? (await getResponse(state.handlers.slice(1), request));
    }
    return await getResponse([...state.extra, ...state.handlers], request);
  } catch (error) {
    return Response.json({ Code: 'MockError', Message: (error as Error).message }, { status: 500 });
  }
}

/** One request, from the socket to the answer. */
async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse) {
  const cors = corsHeadersFor(state, req.headers.origin);
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return preflight(state, req, res, cors);
  const url = requestUrl(state, req);
  if (typeof url === 'string') {
    req.resume();
    return apiError(res, 400, 'InvalidParameter', url, cors);
  }
  if (!state.methods.has(req.method ?? '')) {
    req.resume();
    return notFound(res, req.method, url.pathname, cors);
  }
  const body = await requestBody(state, req);
  if (body && !Buffer.isBuffer(body)) {
    if (body.status === 413) res.setHeader('connection', 'close');
    return apiError(res, body.status, body.code, body.message, cors);
  }
  const response = await answer(state, req, url, body);
  if (!response) return notFound(res, req.method, url.pathname, cors);
  // MSW's network error: drop the connection, as a failing network would.
  if (response.type === 'error') return void req.socket.destroy();
  const out: Record<string, string> = { ...cors };
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** The server, with answers for what never reaches `handle`: a malformed request line (400, 431 for headers over the limit) and CONNECT (405). */
function createHttpServer(state: ServerState) {
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Code: 'MockError', Message: (error as Error).message }));
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const overflow = error.code === 'HPE_HEADER_OVERFLOW';
    socket.end(
      overflow
        ? rawAnswer(
            431,
            'Request Header Fields Too Large',
            'RequestHeaderFieldsTooLarge',
            'The request headers are too large.',
          )
        : rawAnswer(400, 'Bad Request', 'InvalidParameter', 'Malformed HTTP request.'),
    );
  });
  server.on('connect', (_req, socket) => {
    socket.end(
      rawAnswer(405, 'Method Not Allowed', 'InvalidAction.NotFound', 'CONNECT is not an operation of the API.'),
    );
  });
  return server;
}

/** Starts an HTTP server answering with the OpenSearch handlers. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', cors: corsOption, ...handlerOptions } = options;
  // Not installed in MSW: its handlers answer this server only, and count as no set for any origin.
  const { handlers, controller, mock } = createOpenSearchHandlers(handlerOptions, { install: false });
  const state: ServerState = {
    handlers,
    // The router's own path; what it does not answer is the server's 404 (the handlers' fallback is for MSW).
    direct: directAnswerOf(handlers[0]),
    extra: [],
    // The spec model the handlers read (cached per document), not a second reading of the spec.
    methods: new Set(buildSpecModel(handlerOptions.document ?? openApiDocument).operations.map((m) => m.op.method)),
    maxBody: handlerOptions.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    cors: corsOption ?? LOOPBACK.test(host),
    boundHost: () => {
      const bound = server.address() as AddressInfo | null;
      if (!bound) return `${host}:${port}`;
      return `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
    },
  };
  const server = createHttpServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  // MSW handlers in the same process (a test with both) leave this server's requests to it.
  const unregister = registerServedBase(url);
  return {
    url,
    port: address.port,
    host: address.address,
    controller,
    mock,
    use: (...more) => {
      state.extra = [...more, ...state.extra];
    },
    resetHandlers: () => {
      state.extra = [];
    },
    reset: () => {
      state.extra = [];
      controller.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        unregister();
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
