// The requests the handlers saw, newest last, bounded: the last `limit` are kept.

/** A request as the pipeline records it; `RecordedRequest` is its public, per-operation type. */
export interface LoggedRequest {
  operationId: string;
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
}

export class RequestLog {
  readonly #entries: LoggedRequest[] = [];
  readonly #limit: number;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new TypeError(`maxRecordedRequests must be an integer >= 0, got ${limit}`);
    this.#limit = limit;
  }

  push(entry: LoggedRequest): void {
    if (this.#limit === 0) return;
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
  }

  get entries(): readonly LoggedRequest[] {
    return this.#entries;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
