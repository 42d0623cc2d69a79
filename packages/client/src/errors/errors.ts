// Typed errors: every failure of a call becomes an OpenSearchError carrying what is known,
// never a bare SyntaxError, and never a credential.

/** What went wrong, coarsely: decides retries and how a caller reacts. */
export type OpenSearchErrorKind =
  | 'client'
  | 'server'
  | 'throttling'
  | 'network'
  | 'timeout'
  | 'validation'
  | 'credentials';

export interface OpenSearchErrorInit {
  kind: OpenSearchErrorKind;
  message: string;
  code?: string | undefined;
  /** The sentence a UI shows (default: `message`). */
  detail?: string | undefined;
  /** The parameter at fault, for a validation error. */
  parameter?: string | undefined;
  status?: number | undefined;
  requestId?: string | undefined;
  retryable?: boolean | undefined;
  body?: unknown;
  /** The HTTP method and URL of the call (never its headers: they carry the security token). */
  method?: string | undefined;
  url?: string | undefined;
  cause?: unknown;
}

/** Server text as it may appear in a message: control characters escaped, at most `max` characters. */
export function safeText(text: string, max = 512): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return cut.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Every error of the client carries its class's name under this key. `Symbol.for`: the same in
 * every copy of the package an app loads (its ESM and CJS builds, the CJS build's entries, two
 * versions in one tree), so `instanceof` holds across copies (see `Symbol.hasInstance` below).
 */
const CLASS = Symbol.for('@acs-opensearch/client.errorClass');

/** The base class of every error the client throws. */
export class OpenSearchError extends Error {
  /** The name every instance of this class (and of no subclass) carries; each subclass has its own. */
  static readonly errorClass: string = 'OpenSearchError';

  /**
   * `error instanceof OpenSearchError` (or a subclass): true for an error of this class from any
   * copy of the package, matched by the class name the error carries; a subclass matches only its own.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore-start lint/complexity/noThisInStatic: `this` is the class instanceof asks about (a subclass too).
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const carried = typeof value === 'object' && value !== null ? (value as { [CLASS]?: unknown })[CLASS] : undefined;
    if (typeof carried !== 'string') return false;
    const own = (this as { errorClass?: string }).errorClass;
    return own === OpenSearchError.errorClass || own === carried;
    // biome-ignore-end lint/complexity/noThisInStatic: -
  }

  override name = 'OpenSearchError';
  // `declare`: assigned in the constructor, with no class field emitted for them (first-load bytes).
  declare readonly kind: OpenSearchErrorKind;
  /** The API error code, such as `Throttling.User`, or a client-side code such as `NetworkError`. */
  declare readonly code: string;
  /**
   * What went wrong, in one sentence a UI can show: the API's own message for an error answer
   * (without the method, URL, status or request id that `message` adds), the failed check for a
   * validation error, the cause for a network or timeout error. Free of secrets, like `message`.
   */
  declare readonly detail: string;
  /** The parameter at fault (`body.name`, `pageSize`), for a validation error. */
  declare readonly parameter: string | undefined;
  /** The HTTP status, when a response arrived. */
  declare readonly status: number | undefined;
  /** From the body's requestId/RequestId, or the x-acs-request-id header. */
  declare readonly requestId: string | undefined;
  /**
   * The attempts the call made, the failed one included, counting every retry (a clock-skew retry
   * too); 0 for a call refused before its first attempt (a bad parameter or call option). Undefined
   * only on an error built outside a call.
   */
  declare readonly attempts: number | undefined;
  /** The time the call spent waiting between its attempts, in ms (0 without a retry). Undefined like `attempts`. */
  declare readonly totalRetryDelayMs: number | undefined;
  /** Whether the client considers the call safe to retry. */
  declare readonly retryable: boolean;
  /** The raw response body: the parsed JSON, or the text when it was not JSON. */
  declare readonly body: unknown;
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;

  constructor(init: OpenSearchErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    const self = this as unknown as Record<string, unknown>;
    for (const key of GIVEN) self[key] = init[key];
    self.code = init.code ?? DEFAULT_CODES[init.kind] ?? 'Unknown';
    self.detail = init.detail ?? init.message;
    self.retryable = init.retryable ?? false;
    Object.defineProperty(this, CLASS, { value: (new.target as { errorClass?: string }).errorClass });
  }

  /** The error as data, for a log line: every field above but `body` and `cause`. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(SERIALIZED.map((key) => [key, (this as unknown as Record<string, unknown>)[key]]));
  }
}

const NOTHING_SENT = { attempts: 0, totalRetryDelayMs: 0 };

/** The fields an error takes from its init as they are. */
const GIVEN = ['kind', 'parameter', 'status', 'requestId', 'body', 'method', 'url'] as const;
/** What `toJSON` gives, in this order. */
const SERIALIZED =
  'name kind code message detail parameter status requestId attempts totalRetryDelayMs retryable method url'.split(' ');

const DEFAULT_CODES: Partial<Record<OpenSearchErrorKind, string>> = {
  network: 'NetworkError',
  timeout: 'Timeout',
  validation: 'InvalidParameter',
  credentials: 'CredentialsUnavailable',
};

/** A 5xx answer (retryable), or an answer the client cannot use: MalformedResponse, UnexpectedRedirect, ResponseTooLarge (not retryable). */
export class ServerError extends OpenSearchError {
  static override readonly errorClass: string = 'ServerError';
  override name = 'ServerError';
}
/** The request never got an HTTP answer (DNS, connection refused, reset, CORS...). Retryable. */
export class NetworkError extends OpenSearchError {
  static override readonly errorClass: string = 'NetworkError';
  override name = 'NetworkError';
}
/** The call was rejected before anything was sent: a parameter or an option is invalid. */
export class ValidationError extends OpenSearchError {
  static override readonly errorClass: string = 'ValidationError';
  override name = 'ValidationError';
  /** The parameter or option at fault. */
  declare readonly parameter: string;
  constructor(parameter: string, message: string, cause?: unknown) {
    super({ kind: 'validation', code: 'InvalidParameter', message, parameter, cause });
    // Nothing was sent: a call refused before its first attempt (a later attempt's check sets its own).
    Object.assign(this, NOTHING_SENT);
  }
}
