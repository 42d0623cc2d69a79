// A retry policy as a caller gives it (RetryOptions) and as the engine runs it (ResolvedRetry,
// engine/retryPolicy.ts resolves one into the other).

export interface RetryOptions {
  /** Total attempts, the first included. Default 3. */
  maxAttempts?: number;
  /** The backoff base, in ms: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. Default 200. */
  baseDelayMs?: number;
  /** The cap of one backoff delay, in ms. Default 5000. */
  maxDelayMs?: number;
  /** The longest server-requested delay the client will honour, in ms; longer ones end the retries. Default 60000. */
  maxRetryAfterMs?: number;
  /**
   * Methods retried on every retryable failure (5xx, timeouts, network errors), for any operation.
   * Default: none beyond the idempotent ones. POST and PATCH are otherwise retried only when
   * throttled, unless the spec marks the operation idempotent.
   */
  methods?: readonly string[];
  /** The random source of the jitter, for tests. Default Math.random. */
  random?: () => number;
}

export interface ResolvedRetry {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  methods: ReadonlySet<string>;
  random: () => number;
}
