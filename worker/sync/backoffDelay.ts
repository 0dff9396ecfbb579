/** Backoff of sync's retries (tests shorten it). */
export interface Backoff {
  /** The first retry waits up to this long; each further failure doubles it. @default 2000 */
  baseDelayMs?: number;
  /** @default 5 minutes */
  maxDelayMs?: number;
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(max, base · 2^failures)).
 * @param failures - failures so far, less one (0 for the first retry).
 * @param backoff - base and cap.
 * @param uniform - uniform in [0, 1).
 * @returns the wait in ms.
 */
export function backoffDelay(failures: number, backoff: Backoff, uniform: () => number): number {
  const { baseDelayMs = 2_000, maxDelayMs = 300_000 } = backoff;
  return Math.min(maxDelayMs, baseDelayMs * 2 ** failures) * uniform();
}
