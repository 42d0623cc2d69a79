// What sends requests outside Node (browsers, workers, edge runtimes): fetch, always. The Node
// build (dist/node) swaps this file for defaultTransport.node.ts, which adds node:http(s).
import { ValidationError } from '../errors/errors.js';
import type { Transport } from '../shared/transport.js';
import { fetchTransport } from './transport.js';

/** The client's options that choose the transport. */
export interface TransportOptions {
  fetch?: typeof fetch | undefined;
  transport?: 'auto' | 'node' | 'fetch' | undefined;
  agent?: object | undefined;
}

/** The transport the options ask for (fetch: the one given, or globalThis.fetch), and its name for `config.transport`. `agent` is Node's only. */
export function pickTransport(options: TransportOptions): [Transport, 'fetch' | 'custom fetch'] {
  if (!/^(auto|fetch)?$/.test(options.transport ?? ''))
    throw new ValidationError('transport', "transport must be 'auto' or 'fetch'");
  return [fetchTransport(options.fetch), options.fetch ? 'custom fetch' : 'fetch'];
}
