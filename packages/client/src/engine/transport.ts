// How one attempt goes over the wire. The engine asks a Transport for one request and gets the
// answer's status and headers, then reads its body under the size cap. Two transports: fetch (the
// only one in browsers, workers and edge runtimes; `fetch` or `transport: 'fetch'` in Node), and, in
// Node, node:http(s) on a keep-alive agent (defaultTransport.node.ts). Both refuse redirects, read at
// most maxResponseBytes of the decoded body, and end at the attempt's signal.

import type { Transport } from '../shared/transport.js';

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
