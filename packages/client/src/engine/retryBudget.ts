// The client's retry budget (AWS SDK v3's standard-mode retry quota): a token bucket shared by every
// call of one client. Each retry spends tokens (a timeout more than other failures); a call that
// succeeds after retries gives back what its last retry spent, and one that succeeds at once adds a
// token. When the bucket cannot pay for a retry, the failure is not retried: under a storm of
// throttling or 5xx answers, a client adds at most capacity / retryCost requests beyond one per call,
// until successes refill it. A clock-skew correction costs nothing.
import { checkNumber } from '../errors/checks.js';
import { ValidationError } from '../errors/errors.js';

export interface RetryBudgetOptions {
  /** Tokens in a full bucket; the bucket starts full. Default 500. */
  capacity?: number;
  /** Tokens a retry costs. Default 5. */
  retryCost?: number;
  /** Tokens a retry after a timeout costs. Default 10. */
  timeoutCost?: number;
  /** Tokens a call that succeeds at its first attempt adds back (up to capacity). Default 1. */
  successIncrement?: number;
}

export const DEFAULT_RETRY_BUDGET: Readonly<Required<RetryBudgetOptions>> = Object.freeze({
  capacity: 500,
  retryCost: 5,
  timeoutCost: 10,
  successIncrement: 1,
});

/**
 * A client's bucket: its settings and the tokens in it now. Plain state: the first load only adds a
 * token back after a success (`refill`); paying for a retry is the failure path's (retrySpending.ts).
 */
export interface RetryBudget extends Readonly<Required<RetryBudgetOptions>> {
  tokens: number;
}

/** A call succeeded: what its last retry spent comes back, or the success increment when it made none. */
export function refill(budget: RetryBudget, lastCost: number | undefined): void {
  budget.tokens = Math.min(budget.capacity, budget.tokens + (lastCost ?? budget.successIncrement));
}

/** The budget a client's `retryBudget` option asks for: defaults, `false` for none; each value checked. */
export function createRetryBudget(options: RetryBudgetOptions | false | undefined): RetryBudget | undefined {
  if (options === false) return undefined;
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw new ValidationError(
      'retryBudget',
      'retryBudget must be { capacity?, retryCost?, timeoutCost?, successIncrement? }, or false',
    );
  const merged = { ...DEFAULT_RETRY_BUDGET, ...options };
  for (const key of ['capacity', 'retryCost', 'timeoutCost', 'successIncrement'] as const)
    checkNumber(`retryBudget.${key}`, merged[key], 0, 1_000_000, true);
  return { ...merged, tokens: merged.capacity };
}
