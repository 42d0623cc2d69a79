// Keep-alive and an HTTP(S) proxy for the client, through a custom `fetch` on undici's agents:
// one pool of connections reused across calls, and through a proxy a CONNECT tunnel per connection.
import { Agent, type Dispatcher, ProxyAgent, fetch as undiciFetch } from 'undici';

export interface TransportOptions {
  /** The proxy's URL, such as process.env.HTTPS_PROXY; none: connect directly. */
  proxy?: string | undefined;
  /** How long an idle connection is kept for the next call, in ms. */
  keepAliveMs?: number;
  /** The most connections per origin. */
  connections?: number;
}

export function transportFetch({ proxy, keepAliveMs = 30_000, connections = 64 }: TransportOptions = {}) {
  const dispatcher: Dispatcher = proxy
    ? new ProxyAgent({ uri: proxy, keepAliveTimeout: keepAliveMs, connections })
    : new Agent({ keepAliveTimeout: keepAliveMs, connections });
  const fetch = (input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher });
  return { fetch: fetch as unknown as typeof globalThis.fetch, close: () => dispatcher.close() };
}
