/** A token-bucket rate limiter per client (runtime-agnostic). */

/**
 * Options of {@link RateLimiter}.
 *
 * @example
 * ```ts
 * const options: RateLimitOptions = { ratePerSecond: 20, burst: 40 };
 * ```
 */
export interface RateLimitOptions {
  /** Requests a client may make per second, on average. */
  ratePerSecond: number;
  /** Requests a client may make at once (the bucket's size). Default: twice the rate, at least 1. */
  burst?: number;
  /** Most clients remembered; the least recently seen are forgotten first. Default 10,000. */
  maxClients?: number;
  /** Clock in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * A token bucket per client key (for example the client's address): each request takes a token;
 * tokens come back at `ratePerSecond` up to `burst`. Memory is bounded by `maxClients`.
 *
 * @example
 * ```ts
 * import { RateLimiter } from 'ob3kit/serve';
 * const limiter = new RateLimiter({ ratePerSecond: 10 });
 * const { allowed, retryAfterSeconds } = limiter.take('203.0.113.7');
 * if (!allowed) console.log(`429, retry in ${retryAfterSeconds} s`);
 * ```
 */
export class RateLimiter {
  private readonly rate: number;
  private readonly burst: number;
  private readonly maxClients: number;
  private readonly now: () => number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: RateLimitOptions) {
    const fn = 'new RateLimiter(options)';
    if (!(typeof options?.ratePerSecond === 'number' && options.ratePerSecond > 0)) {
      throw new TypeError(`${fn}: options.ratePerSecond must be a positive number`);
    }
    this.rate = options.ratePerSecond;
    this.burst = options.burst ?? Math.max(1, Math.ceil(this.rate * 2));
    if (!(Number.isFinite(this.burst) && this.burst >= 1)) {
      throw new TypeError(`${fn}: options.burst must be at least 1`);
    }
    this.maxClients = options.maxClients ?? 10_000;
    if (!(Number.isInteger(this.maxClients) && this.maxClients >= 1)) {
      throw new TypeError(`${fn}: options.maxClients must be a positive integer`);
    }
    this.now = options.now ?? Date.now;
  }

  /**
   * Take a token for `client`: `allowed` when one was left; otherwise how long until one is.
   *
   * @example
   * ```ts
   * new RateLimiter({ ratePerSecond: 1, burst: 1 }).take('a').allowed; // true
   * ```
   */
  take(client: string): { allowed: boolean; retryAfterSeconds: number } {
    const t = this.now();
    let b = this.buckets.get(client);
    if (b) {
      this.buckets.delete(client);
      b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.rate);
      b.at = t;
    } else {
      b = { tokens: this.burst, at: t };
      if (this.buckets.size >= this.maxClients) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    // Re-inserted: the map's order is least recently seen first.
    this.buckets.set(client, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.rate)),
    };
  }
}
