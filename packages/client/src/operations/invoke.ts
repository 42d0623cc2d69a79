// How a per-operation function (generated/functions.ts) reaches a client: through the symbol-keyed
// member every core and full client carries. A function holds only its own operation's metadata
// and calls through the client it is given, so a bundler keeps only the operations a page imports.
// Nothing else lives here: the checks, the engine and the paging all run in the client's own module.
import type { OperationMeta } from '../shared/operationMeta.js';
import type { CallOptions, OperationCaller } from '../shared/operationTypes.js';

export type { OperationCaller };

/** The member a client calls an operation through. `Symbol.for`, so two copies of the package agree. */
export const CALL: unique symbol = Symbol.for('@acs-opensearch/client.call') as never;

/** What every client from createOpenSearchCore or createOpenSearchClient can do with any operation's metadata. */
export interface OperationInvoker {
  /** Calls `op` with flat parameters: validated, signed, sent, retried, its 2xx body read. */
  readonly [CALL]: OperationCaller;
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

/**
 * Pages `op` through `client`, one call per page (pagination/paginate.ts, loaded on the first page,
 * so a page that never pages never downloads it). Anything that is not a client throws a TypeError
 * on the first `next()`, and nothing is sent.
 */
export async function* invokePages(
  client: unknown,
  op: OperationMeta,
  params: unknown,
  options?: CallOptions,
): AsyncGenerator<unknown> {
  const call = invokerOf(client)?.[CALL];
  if (typeof call !== 'function') throw notAClient(op, client);
  const { paginate } = await import('../pagination/paginate.js');
  yield* paginate(call, op, params, options);
}
