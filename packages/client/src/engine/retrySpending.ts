// Paying for a retry out of the client's retry budget (retryBudget.ts): part of the failure path,
// loaded with the first failure.
import type { RetryBudget } from './retryBudget.js';

/** Pays for one retry: the cost spent, or undefined when the bucket cannot pay (no retry then). */
export function acquire(budget: RetryBudget, afterTimeout: boolean): number | undefined {
  const cost = afterTimeout ? budget.timeoutCost : budget.retryCost;
  if (cost > budget.tokens) return undefined;
  budget.tokens -= cost;
  return cost;
}
