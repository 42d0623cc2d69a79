// openapi-fetch's raw methods (request, GET, POST, ..., use, eject), typed by the generated paths.
// Each raw call is matched to its operation and its values validated here, before anything loads;
// its own headers are checked by the adapter, before anything is sent. The rest of the raw path (rawAdapter.ts) and openapi-fetch itself load on the first raw call, so
// an app that calls only the generated methods never downloads them.
import type { Middleware } from 'openapi-fetch';
import type { ResolvedRetry } from '../engine/retryPolicy.js';
import { callOptions, type ResolvedCallOptions } from '../operations/lazyCallOptions.js';
import { resolveOperation } from '../operations/resolveOperation.js';
import { type PreparedCall, prepareCall } from '../operations/validateParameters.js';
import type { createRawAdapter, RawAdapterOptions } from './rawAdapter.js';

export type RawInit = {
  params?: { path?: unknown; query?: unknown; header?: unknown };
  body?: unknown;
  headers?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  deadlineMs?: number;
  retry?: unknown;
  context?: unknown;
  [key: string]: unknown;
};

/** The call options a raw init may carry beside openapi-fetch's own (headers are checked by the adapter). */
const RAW_CALL_KEYS = ['signal', 'timeoutMs', 'deadlineMs', 'retry', 'context'] as const;

function callOptionsOf(init: RawInit): Record<string, unknown> | undefined {
  const picked: Record<string, unknown> = {};
  let any = false;
  for (const key of RAW_CALL_KEYS) {
    if (init[key] === undefined) continue;
    picked[key] = init[key];
    any = true;
  }
  return any ? picked : undefined;
}

type Adapter = ReturnType<typeof createRawAdapter>;

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** openapi-fetch's middleware list, kept here until openapi-fetch is loaded, then in step with it. */
function middlewareList() {
  const list: Middleware[] = [];
  let loaded: Adapter | undefined;
  const use = (...middleware: Middleware[]) => {
    for (const m of middleware) {
      if (!m) continue;
      if (typeof m !== 'object' || !('onRequest' in m || 'onResponse' in m || 'onError' in m))
        throw new Error('Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`');
      list.push(m);
      loaded?.client.use(m);
    }
  };
  const eject = (...middleware: Middleware[]) => {
    for (const m of middleware) if (list.includes(m)) list.splice(list.indexOf(m), 1);
    loaded?.client.eject(...middleware);
  };
  const attach = (adapter: Adapter) => {
    loaded = adapter;
    adapter.client.use(...list);
    return adapter;
  };
  return { use, eject, attach };
}

/** The raw methods of one client; `retry` is the client's policy, which a raw call's own `retry` refines. */
export function createRawClient(options: RawAdapterOptions & { retry: ResolvedRetry }) {
  const middleware = middlewareList();
  let adapter: Promise<Adapter> | undefined;
  const load = () =>
    (adapter ??= import('./rawAdapter.js').then(({ createRawAdapter }) =>
      middleware.attach(createRawAdapter(options)),
    ));

  async function rawCall(method: string, path: unknown, init: RawInit = {}): Promise<never> {
    const op = resolveOperation(method, path);
    const given = init ?? {};
    let prepared: PreparedCall;
    let own: ResolvedCallOptions;
    try {
      own = (await callOptions()).resolveCallOptions(callOptionsOf(given), options.retry);
      prepared = prepareCall(op, { ...given.params, body: given.body });
    } catch (error) {
      return options.engine.refuse(op, `${options.baseUrl}${op.path}`, error, given.context);
    }
    return (await (await load()).run(op, path, given, prepared, own.settings)) as never;
  }

  const methods = Object.fromEntries(
    METHODS.map((method) => [method, (path: unknown, init?: RawInit) => rawCall(method, path, init)]),
  );
  return {
    request: (method: string, path: unknown, init?: RawInit) => rawCall(String(method).toUpperCase(), path, init),
    ...methods,
    use: middleware.use,
    eject: middleware.eject,
  };
}
