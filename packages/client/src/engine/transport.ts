// How one attempt goes over the wire. The engine asks a Transport for one request and gets the
// answer's status and headers, then reads its body under the size cap. Two transports: fetch (the
// only one in browsers, workers and edge runtimes; `fetch` or `transport: 'fetch'` in Node), and, in
// Node, node:http(s) on a keep-alive agent (nodeTransport.node.ts). Both refuse redirects, read at
// most maxResponseBytes of the decoded body, and end at the attempt's signal.

/** An answer's headers: what the engine reads of them (a fetch `Headers` is one). */
export interface AnswerHeaders {
  get(name: string): string | null;
  has(name: string): boolean;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

/** One request, signed. */
interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** Ends the request (and the reading of its body): the attempt's timer, or the caller's signal. */
  signal: AbortSignal | null | undefined;
}

/**
 * An answer whose body is not read yet: a fetch `Response` is one as it is (no wrapper on the hot
 * path); the node transport's carries `read`, its own capped reader (readBody.ts calls it).
 */
export interface TransportResponse {
  /** 0 for a redirect a browser hides (`type: 'opaqueredirect'`). */
  status: number;
  statusText: string;
  headers: AnswerHeaders;
  /** Whether a fetch that ignores `redirect: 'manual'` followed a redirect. */
  redirected: boolean;
  type?: string;
  /** What drops the body unread. */
  body: { cancel(): Promise<void> } | null;
  /** A fetch Response's own reader, used when it has no `read`. */
  text?(): Promise<string>;
  /** The body as text, at most `maxBytes` of it (decoded); rejects with BodyTooLarge past it. */
  read?(maxBytes: number): Promise<string>;
}

export type Transport = (url: string, request: TransportRequest) => Promise<TransportResponse>;

/** The fetch transport: `given` (a fixed fetch), or `globalThis.fetch` looked up at every request (so MSW installed later still intercepts). */
export const fetchTransport =
  (given?: typeof fetch): Transport =>
  (url, request) =>
    (given ?? globalThis.fetch)(url, {
      method: request.method,
      headers: request.headers,
      body: request.body as BodyInit | undefined,
      signal: request.signal,
      redirect: 'manual',
    });
