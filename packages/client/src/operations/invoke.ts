// How a per-operation function (generated/functions.ts) reaches a client: through two symbol-keyed
// members every core and full client carries. A function holds only its own operation's metadata
// and calls through the client it is given, so a bundler keeps only the operations a page imports.
// Nothing else lives here: the checks, the engine and the paging all run in the client's own module.
import type { OperationMeta } from './operationMeta.js';
import type { CallOptions } from './operationTypes.js';

/** The member a client calls an operation through. `Symbol.for`, so two copies of the package agree. */
export const CALL: unique symbol = Symbol.for('@acs-opensearch/client.call') as never;
/** The member a client pages an operation through. */
export const PAGINATE: unique symbol = Symbol.for('@acs-opensearch/client.paginate') as never;

/** What every client from createOpenSearchCore or createOpenSearchClient can do with any operation's metadata. */
export interface OperationInvoker {
  /** Calls `op` with flat parameters: validated, signed, sent, retried, its 2xx body read. */
  readonly [CALL]: (op: OperationMeta, params: unknown, options?: CallOptions) => Promise<unknown>;
  /** Iterates the pages of a paged `op`. */
  readonly [PAGINATE]: (op: OperationMeta, params: unknown, options?: CallOptions) => AsyncIterableIterator<unknown>;
}

function notAClient(op: OperationMeta, client: unknown): TypeError {
  const given = client === null ? 'null' : typeof client;
  return new TypeError(
    `${op.operationId}: the first argument must be a client from createOpenSearchCore() or createOpenSearchClient(), not ${given}`,
  );
}

const invokerOf = (client: unknown) =>
  typeof client === 'object' && client !== null ? (client as Partial<OperationInvoker>) : undefined;

/** Calls `op` through `client`; anything that is not a client is a rejected TypeError, and nothing is sent. */
export function invoke(client: unknown, op: OperationMeta, params: unknown, options?: CallOptions): Promise<unknown> {
  const call = invokerOf(client)?.[CALL];
  if (typeof call !== 'function') return Promise.reject(notAClient(op, client));
  return call(op, params, options);
}

/** Pages `op` through `client`; anything that is not a client throws a TypeError on the first `next()`. */
export function invokePages(
  client: unknown,
  op: OperationMeta,
  params: unknown,
  options?: CallOptions,
): AsyncIterableIterator<unknown> {
  const pages = invokerOf(client)?.[PAGINATE];
  if (typeof pages === 'function') return pages(op, params, options);
  return (async function* refused(): AsyncGenerator<unknown> {
    yield* [];
    throw notAClient(op, client);
  })();
}
