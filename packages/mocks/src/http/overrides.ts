// Per-test overrides the MSW way: each helper returns an ordinary MSW handler for
// `server.use(...)` or `worker.use(...)`, so `server.resetHandlers()` removes it, as with any
// handler a test adds. Bodies are typed by the spec (operation, status) and error codes are the
// spec's codes. The path patterns are exported for hand-written `http.get(...)` handlers too.
import type { ErrorCode } from '@acs-opensearch/client';
import { type HttpHandler, HttpResponse, http, delay as mswDelay } from 'msw';
import type { Reply } from '../behaviour/behaviours.js';
import type { OperationId, ResponseBody, ResponseStatus } from '../data/types.js';
import type { SpecModel } from '../model/specModel.js';
import { anyOperation, pathUnder, perSpecAndBase, resolveRoute } from './router.js';

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

/** The MSW path pattern of each operation under the baseUrl, built once per spec and baseUrl. */
const pathsOf = perSpecAndBase(
  (spec, base) =>
    Object.freeze(
      Object.fromEntries(spec.operations.map((m) => [m.op.operationId, `${base ?? '*'}${m.op.mswPath}`])),
    ) as Record<OperationId, string>,
);

type Resolver = (request: Request) => Response | Promise<Response | undefined>;

/** Records a request an override answered: its status (undefined for a network error) and error code. */
export type RecordOverride = (request: Request, status: number | undefined, code: string | undefined) => void;

/** A resolver whose answers are recorded as the override's (one that lets the request through records nothing). */
const recorded =
  (record: RecordOverride, resolver: Resolver, code: string | undefined): Resolver =>
  async (request) => {
    const response = await resolver(request);
    if (response) record(request, response.type === 'error' ? undefined : response.status, code);
    return response;
  };

/** One override handler: for one operation (its method and pattern), or for every operation's path. */
function overrideHandler(
  spec: SpecModel,
  base: string | undefined,
  options: OverrideOptions | undefined,
  resolver: Resolver,
) {
  const once = { once: options?.once ?? false };
  if (options?.operationId === undefined) {
    const relative = pathUnder(base);
    // Only a request one of the spec's operations answers: another path under the same heads falls through.
    return http.all(
      anyOperation(spec, base),
      ({ request }) => (resolveRoute(spec, request.method, relative(request.url)) ? resolver(request) : undefined),
      once,
    );
  }
  const paths = pathsOf(spec, base);
  const model = spec.operations.find((m) => m.op.operationId === options.operationId);
  if (!model)
    throw new TypeError(
      `Unknown operationId ${JSON.stringify(options.operationId)}: expected one of ${Object.keys(paths).join(', ')}`,
    );
  const method = model.op.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch' | 'head' | 'options';
  return http[method](paths[options.operationId], ({ request }) => resolver(request), once);
}

/** The default message of a mocked error; Forbidden.RAM names the RAM action of the request's operation. */
function defaultMessage(spec: SpecModel, base: string | undefined, request: Request, code: string): string {
  if (code !== 'Forbidden.RAM') return `Mocked ${code}.`;
  const resolved = resolveRoute(spec, request.method, pathUnder(base)(request.url));
  const action = resolved?.model.ramAction;
  return action
    ? `User not authorized to operate on the specified resource: ${action} is not allowed (${resolved.model.meta.action}).`
    : 'User not authorized to operate on the specified resource.';
}

/** A code the spec documents, or a TypeError that lists them. */
function knownCode(spec: SpecModel, code: string): void {
  if (!spec.errorCodes.has(code))
    throw new TypeError(
      `Unknown error code ${JSON.stringify(code)}: the spec documents ${[...spec.errorCodes.keys()].join(', ')}`,
    );
}

/** The error code of an answer a test gives: its body's `code` or `Code` for an error status, as the client reads it. */
function errorCodeOf(status: number, body: unknown): string | undefined {
  if (status < 400) return undefined;
  const answered = body as { code?: unknown; Code?: unknown } | undefined;
  return String(answered?.code ?? answered?.Code ?? '') || undefined;
}

export function createMockHelpers(
  spec: SpecModel,
  base: string | undefined,
  requestIdFor: (request: Request) => string,
  replyFor: (request: Request) => Reply,
  record: RecordOverride = () => {},
): OpenSearchMockHelpers {
  /** An override handler whose answers the request log records, with `code` as their error code. */
  const handler = (options: OverrideOptions | undefined, resolver: Resolver, code?: string) =>
    overrideHandler(spec, base, options, recorded(record, resolver, code));
  /** Answers an error the spec documents, the way the handlers answer it (shape, status, request id). */
  const errorHandler = (
    options: OverrideOptions,
    code: string,
    message: (request: Request) => string,
    headers: Record<string, string> = {},
  ) => {
    knownCode(spec, code);
    return handler(options, (request) => replyFor(request).error(code, message(request), undefined, headers), code);
  };
  return {
    /** Built when first read: making handlers does not pay for a table of every operation. */
    get paths() {
      return pathsOf(spec, base);
    },
    respond(operationId, status, body, init = {}) {
      return handler(
        { operationId, once: init.once ?? false },
        (request) =>
          HttpResponse.json(body as never, {
            status: Number(status),
            headers: { 'x-acs-request-id': requestIdFor(request), date: new Date().toUTCString(), ...init.headers },
          }),
        errorCodeOf(Number(status), body),
      );
    },
    error(code, options = {}) {
      const message = (request: Request) => options.message ?? defaultMessage(spec, base, request, code);
      return errorHandler(options, code, message, options.headers);
    },
    throttle(options = {}) {
      const headers = { 'retry-after': String(options.retryAfterSeconds ?? 1) };
      return errorHandler(options, 'Throttling.User', () => 'Request was denied due to user flow control.', headers);
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
