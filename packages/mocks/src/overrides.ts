// Per-test overrides the MSW way: each helper returns an ordinary MSW handler for
// `server.use(...)` or `worker.use(...)`, so `server.resetHandlers()` removes it, as with any
// handler a test adds. Bodies are typed by the spec (operation, status) and error codes are the
// spec's codes. The path patterns are exported for hand-written `http.get(...)` handlers too.
import type { ErrorCode } from '@acs-opensearch/client';
import { type HttpHandler, HttpResponse, http, delay as mswDelay } from 'msw';
import type { Reply } from './behaviours.js';
import { anyOperation, resolveRoute } from './router.js';
import type { SpecModel } from './specModel.js';
import type { OperationId, ResponseBody, ResponseStatus } from './types.js';

export interface OverrideOptions {
  /** Only this operation. Default: every operation of the spec. */
  operationId?: OperationId;
  /** Answer once, then fall back to the handlers behind (MSW's `once`). Default false. */
  once?: boolean;
}

export interface OpenSearchMockHelpers {
  /** The MSW path pattern of each operation (baseUrl included), for your own `http.get(pattern, ...)`. */
  readonly paths: Readonly<Record<OperationId, string>>;
  /** Answers `operationId` with this status and body; the body is type-checked against the spec for that status. */
  respond<Op extends OperationId, S extends ResponseStatus<Op>>(
    operationId: Op,
    status: S,
    body: ResponseBody<Op, S>,
    init?: { headers?: Record<string, string>; once?: boolean },
  ): HttpHandler;
  /** Answers with the error `code` (one the spec documents), with its status and shape. */
  error(
    code: ErrorCode,
    options?: OverrideOptions & { message?: string; headers?: Record<string, string> },
  ): HttpHandler;
  /** Answers 429 Throttling.User with Retry-After. */
  throttle(options?: OverrideOptions & { retryAfterSeconds?: number }): HttpHandler;
  /** Fails the request at the network level: fetch rejects, as on a dropped connection. */
  networkError(options?: OverrideOptions): HttpHandler;
  /** Delays the request by `ms`, then lets the handlers behind answer it. */
  delay(ms: number, options?: OverrideOptions): HttpHandler;
}

const pathsBySpec = new WeakMap<SpecModel, Map<string, Record<OperationId, string>>>();
/** The MSW path pattern of each operation under the baseUrl, built once per spec and baseUrl. */
function pathsOf(spec: SpecModel, base: string | undefined): Record<OperationId, string> {
  let byBase = pathsBySpec.get(spec);
  if (!byBase) {
    byBase = new Map();
    pathsBySpec.set(spec, byBase);
  }
  let paths = byBase.get(base ?? '');
  if (!paths) {
    const prefix = base ?? '*';
    paths = Object.freeze(
      Object.fromEntries(spec.operations.map((m) => [m.op.operationId, `${prefix}${m.op.mswPath}`])),
    ) as Record<OperationId, string>;
    byBase.set(base ?? '', paths);
  }
  return paths;
}

export function createMockHelpers(
  spec: SpecModel,
  base: string | undefined,
  requestIdFor: (request: Request) => string,
  replyFor: (request: Request) => Reply,
): OpenSearchMockHelpers {
  const paths = pathsOf(spec, base);
  const anyPath = anyOperation(spec, base);

  /** One handler: for one operation (its method and pattern), or for every operation's path. */
  function handler(
    options: OverrideOptions | undefined,
    resolver: (request: Request) => Response | Promise<Response | undefined>,
  ) {
    const once = { once: options?.once ?? false };
    if (options?.operationId === undefined) return http.all(anyPath, ({ request }) => resolver(request), once);
    const model = spec.operations.find((m) => m.op.operationId === options.operationId);
    if (!model)
      throw new TypeError(
        `Unknown operationId ${JSON.stringify(options.operationId)}: expected one of ${Object.keys(paths).join(', ')}`,
      );
    const method = model.op.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch' | 'head' | 'options';
    return http[method](paths[options.operationId], ({ request }) => resolver(request), once);
  }

  /** An error the spec documents, answered the way the handlers answer it (shape, status, request id). */
  function errorResponse(request: Request, code: string, message: string, headers: Record<string, string> = {}) {
    return replyFor(request).error(code, message, undefined, headers);
  }
  const basePath = base ? new URL(base).pathname.replace(/\/+$/, '') : '';
  /** The default message of a mocked error; Forbidden.RAM names the RAM action of the request's operation. */
  const defaultMessage = (request: Request, code: string) => {
    if (code !== 'Forbidden.RAM') return `Mocked ${code}.`;
    const resolved = resolveRoute(spec, request.method, new URL(request.url).pathname.slice(basePath.length));
    const action = resolved?.model.ramAction;
    return action
      ? `User not authorized to operate on the specified resource: ${action} is not allowed (${resolved.model.meta.action}).`
      : 'User not authorized to operate on the specified resource.';
  };
  const knownCode = (code: string) => {
    if (!spec.errorCodes.has(code)) {
      throw new TypeError(
        `Unknown error code ${JSON.stringify(code)}: the spec documents ${[...spec.errorCodes.keys()].join(', ')}`,
      );
    }
  };

  return {
    paths,
    respond(operationId, status, body, init = {}) {
      return handler({ operationId, once: init.once ?? false }, (request) =>
        HttpResponse.json(body as never, {
          status: Number(status),
          headers: { 'x-acs-request-id': requestIdFor(request), date: new Date().toUTCString(), ...init.headers },
        }),
      );
    },
    error(code, options = {}) {
      knownCode(code);
      return handler(options, (request) =>
        errorResponse(request, code, options.message ?? defaultMessage(request, code), options.headers),
      );
    },
    throttle(options = {}) {
      knownCode('Throttling.User');
      const seconds = options.retryAfterSeconds ?? 1;
      return handler(options, (request) =>
        errorResponse(request, 'Throttling.User', 'Request was denied due to user flow control.', {
          'retry-after': String(seconds),
        }),
      );
    },
    networkError(options = {}) {
      return handler(options, () => HttpResponse.error());
    },
    delay(ms, options = {}) {
      if (!(ms >= 0)) throw new TypeError(`delay must be >= 0 ms, got ${ms}`);
      return handler(options, async () => {
        await mswDelay(ms);
        return undefined;
      });
    },
  };
}
