// What sends requests in Node (dist/node swaps defaultTransport.ts for this file). The Node
// transport: node:http(s) on a keep-alive agent, with no fetch in between (about twice
// fetch's rate on one connection: bench/transport.mjs). MSW's and nock's interceptors see it, as they
// see fetch. What fetch does for the client, it does too: no redirect followed (a 3xx is an answer),
// the body read at most to the cap counted on decoded bytes (gzip, deflate and brotli decoded as
// fetch decodes them), the attempt's signal ends the request and the reading, and a UTF-8 BOM is
// dropped as fetch's text() drops it.
import http from 'node:http';
import https from 'node:https';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ValidationError } from '../errors/errors.js';
import type { AnswerHeaders, Transport, TransportRequest, TransportResponse } from '../shared/transport.js';
import type { TransportOptions } from './defaultTransport.js';
import { BodyTooLarge } from './readBody.js';
import { fetchTransport } from './transport.js';

/** The fetch this module found when it loaded: a different one later means a test (MSW, a stub) replaced it. */
const loadedFetch = globalThis.fetch;

/** Node's answer headers (lower-case names) as the engine reads them. */
class NodeHeaders implements AnswerHeaders {
  constructor(readonly raw: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name)!];
  }
}

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: () => createGunzip({ finishFlush: constants.Z_SYNC_FLUSH }),
  'x-gzip': () => createGunzip({ finishFlush: constants.Z_SYNC_FLUSH }),
  deflate: () => createInflate({ finishFlush: constants.Z_SYNC_FLUSH }),
  br: () => createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH }),
};

/** The body, decoded, at most `maxBytes`: a stream destroyed past the cap (a compression bomb stops there). */
/** The attempt's timer of one request, and the error it ended the request with. */
interface AttemptClock {
  timer: ReturnType<typeof setTimeout> | undefined;
  timedOut: DOMException | undefined;
  /** What the timer ends: the wait for the answer, then the reading of its body (set by readCapped). */
  end: (error: unknown) => void;
}

function readCapped(res: http.IncomingMessage, maxBytes: number, clock: AttemptClock): Promise<string> {
  const declared = Number(res.headers['content-length']);
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  const decode = encoding ? DECODERS[encoding] : undefined;
  if (!decode && declared > maxBytes) {
    clearTimeout(clock.timer);
    res.destroy();
    return Promise.reject(new BodyTooLarge(maxBytes));
  }
  const stream: NodeJS.ReadableStream = decode ? res.pipe(decode()) : res;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(clock.timer);
      // The attempt's timer cut the body off: a timeout, not a network failure.
      reject(clock.timedOut ?? error);
      res.destroy();
    };
    // The timer ends the reading itself: an interceptor (MSW, nock) may not pass a destroy on.
    clock.end = fail;
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) return fail(new BodyTooLarge(maxBytes));
      chunks.push(chunk);
    });
    stream.on('error', fail);
    // An answer cut off (the server or the signal closed it) is an error, as fetch reports it.
    res.on('aborted', () => fail(new Error('the response was cut off before its end')));
    res.on('error', fail);
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(clock.timer);
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
  });
}

function toResponse(res: http.IncomingMessage, clock: AttemptClock): TransportResponse {
  return {
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? '',
    headers: new NodeHeaders(res.headers),
    redirected: false,
    body: {
      cancel: async () => {
        clearTimeout(clock.timer);
        res.destroy();
      },
    },
    read: (maxBytes) => readCapped(res, maxBytes, clock),
  };
}

/** One keep-alive agent per protocol and client: connections are reused across calls. */
const keepAlive = () => ({ keepAlive: true, scheduling: 'lifo' as const });

/** The agent of each protocol: the one given, or a keep-alive agent made on first use. */
function agentsFrom(agent: object | undefined): (secure: boolean) => http.Agent {
  const agents = { http: agent as http.Agent | undefined, https: agent as https.Agent | undefined };
  return (secure) => {
    if (secure) {
      if (!agents.https) agents.https = new https.Agent(keepAlive());
      return agents.https;
    }
    if (!agents.http) agents.http = new http.Agent(keepAlive());
    return agents.http;
  };
}

interface Destination {
  secure: boolean;
  hostname: string;
  port: string;
  /** The Host header: the host the signature signed. */
  host: string;
  path: string;
}

/** Splits a URL into where it goes; a client calls one origin, so the last origin's parse is reused. */
function destinations(): (url: string) => Destination {
  let origin = '';
  let parts = { secure: false, hostname: '', port: '', host: '' };
  return (url) => {
    const cut = url.indexOf('/', url.indexOf('//') + 2);
    const head = cut < 0 ? url : url.slice(0, cut);
    if (head !== origin) {
      const parsed = new URL(head);
      origin = head;
      parts = {
        secure: parsed.protocol === 'https:',
        hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
        port: parsed.port,
        host: parsed.host,
      };
    }
    return { ...parts, path: cut < 0 ? '/' : url.slice(cut) };
  };
}

/** The headers as raw pairs, Host first: Node writes them as they are, without the bookkeeping of an object. */
function rawHeaders(host: string, request: TransportRequest): string[] {
  const headers: string[] = ['host', host];
  for (const name in request.headers) headers.push(name, request.headers[name]!);
  const { body } = request;
  if (body !== undefined)
    headers.push('content-length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength));
  return headers;
}

/**
 * The attempt's time, kept by the transport (no AbortController, no signal listener per attempt):
 * it ends the request and the reading of its body with a TimeoutError.
 */
function startClock(req: http.ClientRequest, ms: number | undefined, reject: (error: unknown) => void): AttemptClock {
  const clock: AttemptClock = { timer: undefined, timedOut: undefined, end: reject };
  if (ms !== undefined && Number.isFinite(ms))
    clock.timer = setTimeout(() => {
      clock.timedOut = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
      req.destroy(clock.timedOut);
      // Ended here too, not only through the request's error: an interceptor (MSW, nock) may
      // answer a request it was told to destroy.
      clock.end(clock.timedOut);
    }, ms);
  return clock;
}

/** One request on node:http(s), up to its answer (its body is read by the answer's `read`). */
function sendOnce(to: Destination, agent: http.Agent, request: TransportRequest): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const req = (to.secure ? https : http).request({
      hostname: to.hostname,
      port: to.port,
      path: to.path,
      method: request.method,
      headers: rawHeaders(to.host, request),
      agent,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const clock = startClock(req, request.ms, reject);
    req.once('response', (res) => resolve(toResponse(res, clock)));
    req.once('error', (error) => {
      clearTimeout(clock.timer);
      reject(clock.timedOut ?? error);
    });
    req.end(request.body);
  });
}

/** One fetch transport (globalThis.fetch, looked up per request) for every client that sends by fetch. */
const globalFetch = fetchTransport();

/**
 * The node:http(s) transport on `agent` (an http.Agent or https.Agent, a proxy agent; default: a
 * keep-alive agent of the transport's own). `auto`: while `globalThis.fetch` is not the fetch found
 * at load (MSW or a test replaced it), requests go through that fetch instead.
 */
function createNodeTransport(agent: object | undefined, auto: boolean): Transport {
  const agentFor = agentsFrom(agent);
  const destinationOf = destinations();
  const throughFetch = () => auto && globalThis.fetch !== loadedFetch;
  const send: Transport = (url, request) => {
    if (throughFetch()) return globalFetch(url, request);
    const to = destinationOf(url);
    return sendOnce(to, agentFor(to.secure), request);
  };
  // The engine gives this transport the attempt's time instead of a signal of its own, except while
  // requests go through a replaced fetch (which knows only signals): read at each attempt.
  Object.defineProperty(send, 'timed', { get: () => !throughFetch() });
  return send;
}

/**
 * The transport the options ask for, and its name for `config.transport`: the `fetch` given; fetch
 * (`transport: 'fetch'`); else node:http(s) on `agent` or a keep-alive agent of the client's own.
 */
export function pickTransport(options: TransportOptions): [Transport, 'node:http' | 'fetch' | 'custom fetch'] {
  const { transport, agent } = options;
  if (transport !== undefined && transport !== 'auto' && transport !== 'fetch' && transport !== 'node')
    throw new ValidationError('transport', "transport must be 'auto', 'node' or 'fetch'");
  if (agent !== undefined && (agent === null || typeof agent !== 'object'))
    throw new ValidationError('agent', 'agent must be an http.Agent or https.Agent');
  if (options.fetch) return [fetchTransport(options.fetch), 'custom fetch'];
  if (transport === 'fetch') return [globalFetch, 'fetch'];
  return [createNodeTransport(agent, transport !== 'node'), 'node:http'];
}
