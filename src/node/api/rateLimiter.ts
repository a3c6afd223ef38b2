// Token buckets in memory, one per key (an IP, an address): how the API limits requests per client.

/** A bucket holds up to `capacity` requests and refills at `refillPerSecond`; both above zero. */
export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
}

/** Most keys kept; past it, full buckets (clients that would be allowed anyway) are forgotten first. */
const DEFAULT_MAX_KEYS = 100_000;

/**
 * Token buckets by key. A key starts full; each request takes a token; tokens come back at the refill
 * rate up to the capacity. Memory stays bounded: past `maxKeys` keys, the least recently used are
 * dropped (a dropped key starts full again, which only ever lets a client through sooner).
 */
export class RateLimiter {
  readonly options: TokenBucketOptions;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  /**
   * @param now the clock, in milliseconds
   * @throws RangeError when the capacity or refill rate is not a positive finite number
   */
  constructor(options: TokenBucketOptions, now: () => number = Date.now, maxKeys = DEFAULT_MAX_KEYS) {
    for (const [name, value] of Object.entries(options)) {
      if (!Number.isFinite(value) || value <= 0)
        throw new RangeError(`${name} must be above zero, got ${value}`);
    }
    this.options = { ...options };
    this.now = now;
    this.maxKeys = maxKeys;
  }

  /** Takes a token for `key`: 0 when taken, else the whole seconds until one is there (none taken). */
  take(key: string): number {
    const nowMs = this.now();
    const tokens = this.tokensAt(key, nowMs);
    if (tokens < 1) return this.secondsUntilOne(tokens);
    this.store(key, tokens - 1, nowMs);
    return 0;
  }

  /** Like `take`, without taking: 0 when a request of `key` would pass now. */
  wait(key: string): number {
    const tokens = this.tokensAt(key, this.now());
    return tokens < 1 ? this.secondsUntilOne(tokens) : 0;
  }

  /** Keys tracked now (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private tokensAt(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return this.options.capacity;
    const refilled = ((nowMs - bucket.atMs) / 1000) * this.options.refillPerSecond;
    return Math.min(this.options.capacity, bucket.tokens + Math.max(0, refilled));
  }

  private secondsUntilOne(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.options.refillPerSecond));
  }

  private store(key: string, tokens: number, atMs: number): void {
    // Re-inserted so that the map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens, atMs });
    if (this.buckets.size <= this.maxKeys) return;
    for (const [other] of this.buckets) {
      if (this.buckets.size <= this.maxKeys) break;
      if (this.tokensAt(other, atMs) >= this.options.capacity) this.buckets.delete(other);
    }
    for (const [other] of this.buckets) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(other);
    }
  }
}
