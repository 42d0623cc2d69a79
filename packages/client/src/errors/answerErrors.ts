// The errors only a failed call makes (an HTTP error answer, a timeout, a credentials source that
// failed), in a module of their own: they load with the failure path (or the credentials cache), not
// with a page's first load. Each is an OpenSearchError.
import { OpenSearchError, type OpenSearchErrorInit } from './errors.js';

/** A 4xx answer other than throttling: fix the request, don't retry it. */
export class ClientError extends OpenSearchError {
  static override readonly errorClass: string = 'ClientError';
  override name = 'ClientError';
}
/** HTTP 429, or an error code containing `Throttling`. Retryable after a delay. */
export class ThrottlingError extends OpenSearchError {
  static override readonly errorClass: string = 'ThrottlingError';
  override name = 'ThrottlingError';
  /** The delay the server asked for (Retry-After / x-acs-retry-after), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(init: OpenSearchErrorInit & { retryAfterMs?: number | undefined }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}
/** No answer within `timeoutMs`. Retryable. */
export class TimeoutError extends OpenSearchError {
  static override readonly errorClass: string = 'TimeoutError';
  override name = 'TimeoutError';
}
/**
 * The credentials source failed: a provider threw or returned something unusable, or a refresh failed
 * after the cached credentials expired. Nothing was sent. The message and cause never hold a secret
 * (secret-looking values in the source's own message are redacted). Retryable: the source may
 * recover (a metadata service that was restarting, say).
 */
export class CredentialsError extends OpenSearchError {
  static override readonly errorClass: string = 'CredentialsError';
  override name = 'CredentialsError';
  /** `code`: CredentialsUnavailable (the source failed), or CredentialsTimeout (it did not answer within the attempt's time). */
  constructor(message: string, cause?: unknown, code = 'CredentialsUnavailable') {
    super({ kind: 'credentials', code, message, cause, retryable: true });
  }
}
