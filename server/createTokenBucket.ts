/** Options of {@link createTokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the largest burst let through at once. */
  burst: number;
  /** Clock in milliseconds. @default Date.now */
  now?: () => number;
}

/** The answer of {@link TokenBucket.take}. */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A rate limiter for the whole process. */
export interface TokenBucket {
  /** Takes one token if there is one; otherwise says when there will be. */
  take(): TakeResult;
}

/**
 * A per-process token bucket: it limits the rate of reports without knowing who sends them, so no
 * IP address or other identifier is kept to rate-limit.
 * @param options - rate, burst and clock.
 * @returns the bucket, full.
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { ratePerSecond, burst, now = Date.now } = options;
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / ratePerSecond)) };
    },
  };
}
