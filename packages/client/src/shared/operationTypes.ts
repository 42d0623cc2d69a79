// Type-level helpers behind the generated method types (generated/operations.ts) and the raw
// openapi-fetch methods: flat parameters, camelCase 2xx bodies.

import type { paths } from '../generated/openapi.js';
import type { OperationMeta } from './operationMeta.js';
import type { RetryOptions } from './retryOptions.js';

/** One call's own options; each overrides the client's for this call only, and is checked like it. */
export interface CallOptions {
  /** Aborts the call, including any wait between retries. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms for this call; 0 disables it. Default: the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Bound on this call in ms, every attempt and wait included; 0 disables it. Default: the client's `deadlineMs`. */
  deadlineMs?: number | undefined;
  /** This call's retry policy, over the client's (`{ maxAttempts: 1 }`, say), or `false` for one attempt. */
  retry?: RetryOptions | false | undefined;
  /**
   * Extra headers for this call's requests. Names the client signs (host, authorization,
   * content-type, x-acs-action, -version, -date, -signature-nonce, -content-sha256,
   * -security-token) are refused; other x-acs-* headers are signed, the rest sent as they are.
   */
  headers?: Record<string, string> | Headers | [string, string][] | undefined;
  /** Any value, handed back as `context` in every hook event of this call: trace context to parent spans on. */
  context?: unknown;
}

export interface PaginateOptions {
  /** Stop after this many items in total (the last page is trimmed). Default: no cap. */
  maxItems?: number;
  /** Stop after this many pages. Default: no cap. */
  maxPages?: number;
}

/** The empty object type (`{}`), for the parts an operation lacks. */
type Empty = Record<never, never>;
type Flatten<T> = { [K in keyof T]: T[K] };
type Defined<T> = [NonNullable<T>] extends [never] ? Empty : NonNullable<T>;
type PathOf<Op> = Op extends { parameters: { path?: infer P } } ? Defined<P> : Empty;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? Defined<Q> : Empty;
type RequestBodyOf<Op> = Op extends { requestBody?: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type BodyOf<Op> = [NonNullable<RequestBodyOf<Op>>] extends [never]
  ? Empty
  : Op extends { requestBody: unknown }
    ? { body: JsonOf<NonNullable<RequestBodyOf<Op>>> }
    : { body?: JsonOf<NonNullable<RequestBodyOf<Op>>> };

/** An operation's parameters, flat: path and query together, the JSON body as `body`. */
export type FlatParams<Op> = Flatten<PathOf<Op> & QueryOf<Op> & BodyOf<Op>>;

type IsPascalKey<K> = K extends string ? (K extends Uncapitalize<K> ? false : true) : false;
type HasPascalKey<T> = true extends (T extends object ? IsPascalKey<keyof T> : false) ? true : false;
type CamelMembers<T> = T extends unknown ? (HasPascalKey<T> extends true ? never : T) : never;
/** The camelCase members of a union of body types (the spec describes PascalCase twins with anyOf). */
export type CamelOnly<T> = [CamelMembers<T>] extends [never] ? T : CamelMembers<T>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type ContentOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
/** The 2xx body of an operation, camelCase. */
export type SuccessBody<Op> = Op extends { responses: infer R }
  ? CamelOnly<{ [S in keyof R & SuccessStatus]: ContentOf<R[S]> }[keyof R & SuccessStatus]>
  : unknown;

/** Every JSON body in camelCase, 2xx and error answers alike: what the client hands out. */
type NarrowResponses<R> = {
  [S in keyof R]: R[S] extends { content: { 'application/json': infer B } }
    ? Omit<R[S], 'content'> & { content: { 'application/json': CamelOnly<B> } }
    : R[S];
};
type NarrowOperation<Op> = Op extends { responses: infer R }
  ? Omit<Op, 'responses'> & { responses: NarrowResponses<R> }
  : Op;

/** `paths`, with every operation's JSON bodies (2xx and error) narrowed to camelCase, which is what the client hands out. */
export type NormalizedPaths = { [P in keyof paths]: { [M in keyof paths[P]]: NarrowOperation<paths[P][M]> } };

/** Calls `op` with flat parameters: validated, signed, sent, retried, its 2xx body read. */
export interface OperationCaller {
  (op: OperationMeta, params: unknown, options?: CallOptions): Promise<unknown>;
  /** Rejects with `error`, a call of `op` refused before it was built (a paginator's limits), after onError saw it. */
  refuse?: (op: OperationMeta, error: unknown, options?: CallOptions) => Promise<never>;
}
