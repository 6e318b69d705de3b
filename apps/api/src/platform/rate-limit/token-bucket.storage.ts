import type { Clock } from '../clock.js';

interface Bucket {
  tokens: number;
  at: number;
}

export interface Taken {
  allowed: boolean;
  /** Whole tokens left after this request (RateLimit-Remaining). */
  remaining: number;
  /** Seconds until the bucket is full again (RateLimit-Reset). */
  resetSeconds: number;
  /** Seconds until one token is back, when refused (Retry-After). */
  retryAfterSeconds: number;
}

/**
 * A token bucket per key: `capacity` tokens at most (the burst), refilled at `capacity` tokens
 * per `windowMs`, so a steady client at the rate is never refused and a burst above it is, until
 * tokens come back. A refused request takes no token. Times come from the injected clock (tests
 * move it). In memory: the limit holds per process.
 */
export class TokenBucketStorage {
  private readonly buckets = new Map<string, Bucket>();
  private static readonly MAX_KEYS = 100_000;

  constructor(private readonly clock: Clock) {}

  take(key: string, capacity: number, windowMs: number): Taken {
    const now = this.clock.now().getTime();
    const perMs = capacity / windowMs;
    const known = this.buckets.get(key);
    const tokens = known ? Math.min(capacity, known.tokens + Math.max(0, now - known.at) * perMs) : capacity;
    const allowed = tokens >= 1;
    const left = allowed ? tokens - 1 : tokens;
    if (!known && this.buckets.size >= TokenBucketStorage.MAX_KEYS) this.buckets.clear();
    this.buckets.set(key, { tokens: left, at: now });
    const secondsUntil = (need: number) => Math.max(1, Math.ceil(need / perMs / 1000));
    return {
      allowed,
      remaining: Math.floor(left),
      resetSeconds: left >= capacity ? 0 : secondsUntil(capacity - left),
      retryAfterSeconds: allowed ? 0 : secondsUntil(1 - left),
    };
  }
}
