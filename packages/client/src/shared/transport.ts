// What a transport (engine/transport.ts: fetch; engine/defaultTransport.node.ts: node:http) is given
// and gives back, as every layer speaks of it.

/** An answer's headers: what the engine reads of them (a fetch `Headers` is one). */
export interface AnswerHeaders {
  get(name: string): string | null;
  has(name: string): boolean;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

/** One request, signed. */
export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** Ends the request (and the reading of its body): the attempt's timer, or the caller's signal. */
  signal: AbortSignal | null | undefined;
  /**
   * For a transport that is `timed`: the attempt's time in ms (not finite: none), which ends the
   * request and the reading of its body with a DOMException `TimeoutError`; `signal` is then the
   * caller's alone.
   */
  ms?: number | undefined;
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

export interface Transport {
  (url: string, request: TransportRequest): Promise<TransportResponse>;
  /** Whether it times the attempt itself (`timeoutMs`), so the engine makes no timer and no signal. */
  timed?: boolean;
}
