// How long the judge waits before retrying a request: exponential backoff, stretched to the server's Retry-After.

/** The retry settings of a judge, in milliseconds. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1: never retry). */
  maxAttempts: number;
  /** The wait after the first failed attempt; it doubles after each further one. */
  backoffBaseMs: number;
  /** No wait is longer than this, whatever the backoff or the server's Retry-After say. */
  maxRetryDelayMs: number;
}

/**
 * The wait after failed attempt `attempt` (1-based): `backoffBaseMs · 2^(attempt − 1)`, or the server's
 * Retry-After when that is longer, and never more than `maxRetryDelayMs`. No jitter: one worker sends
 * one request at a time, and a deterministic schedule keeps the audit record reproducible.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, policy: RetryPolicy): number {
  const backoff = policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(policy.maxRetryDelayMs, Math.max(backoff, retryAfterMs ?? 0));
}
