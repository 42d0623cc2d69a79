// The requests the handlers saw, newest last, bounded: the last `limit` are kept.

/** A request as the pipeline records it; `RecordedRequest` is its public, per-operation type. */
export interface LoggedRequest {
  /** The operation it was routed to; undefined when none answers its method and path. */
  operationId: string | undefined;
  method: string;
  url: string;
  /** The operation's path and query parameters after validation, defaults applied. */
  params: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
  /** The AccessKeyId the request was signed with (from its Authorization), if it was signed. */
  accessKeyId: string | undefined;
  /** Whether the request carried an STS security token (x-acs-security-token). */
  securityToken: boolean;
  /** The status it was answered with; undefined for a network error, or while it is being answered. */
  status: number | undefined;
  /** The error code it was answered with (`Throttling.User`); undefined for a success. */
  code: string | undefined;
  /** Whether an override (`mock.throttle()`, `mock.error()`, `mock.respond()`...) answered it, not the handlers. */
  overridden: boolean;
}

/** The signing facts of a request's headers, for its record: never the secret, which is never sent. */
export function signingOf(
  headers: Headers | Record<string, string>,
): Pick<LoggedRequest, 'accessKeyId' | 'securityToken'> {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? undefined;
  return {
    accessKeyId: /Credential=([^,\s]*)/.exec(get('authorization') ?? '')?.[1],
    securityToken: get('x-acs-security-token') !== undefined,
  };
}

/**
 * The record of a request answered before its parameters were read (by an override, as matching
 * no operation, or over the body cap): its headers and signing facts, and its answer.
 */
export function unreadEntry(
  request: Request,
  operationId: string | undefined,
  answer: Pick<LoggedRequest, 'status' | 'code' | 'overridden'>,
): LoggedRequest {
  return {
    operationId,
    method: request.method,
    url: request.url,
    params: {},
    headers: Object.fromEntries(request.headers),
    body: undefined,
    ...signingOf(request.headers),
    ...answer,
  };
}

export class RequestLog {
  readonly #entries: LoggedRequest[] = [];
  readonly #limit: number;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new TypeError(`maxRecordedRequests must be an integer >= 0, got ${limit}`);
    this.#limit = limit;
  }

  /** Records a request; returns the entry, to complete with its answer (undefined when nothing is kept). */
  push(entry: LoggedRequest): LoggedRequest | undefined {
    if (this.#limit === 0) return undefined;
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
    return entry;
  }

  get entries(): readonly LoggedRequest[] {
    return this.#entries;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
