/** The token bucket: burst, refill at the rate, one bucket per client, bounded memory. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/serve/index.js';

describe('RateLimiter', () => {
  it('allows a burst, then one request per 1/rate seconds, per client', () => {
    let t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 3, now: () => t });
    expect([1, 2, 3, 4].map(() => limiter.take('a').allowed)).toEqual([true, true, true, false]);
    expect(limiter.take('a').retryAfterSeconds).toBe(1);
    expect(limiter.take('b').allowed).toBe(true);
    t += 500;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    t += 10_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a').allowed)).toEqual([true, true, true, false]);
  });

  it('forgets the least recently seen client beyond maxClients', () => {
    const t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1, maxClients: 2, now: () => t });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(true); // 'a' is forgotten
    expect(limiter.take('a').allowed).toBe(true); // a fresh bucket; 'b' is forgotten
    expect(limiter.take('c').allowed).toBe(false);
  });

  it('never allows more than burst + rate x elapsed requests (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 200 }),
        (rate, burst, gaps) => {
          let t = 0;
          const limiter = new RateLimiter({ ratePerSecond: rate, burst, now: () => t });
          let allowed = 0;
          for (const g of gaps) {
            t += g;
            if (limiter.take('x').allowed) allowed++;
          }
          return allowed <= burst + (rate * t) / 1000 + 1e-9;
        },
      ),
      { numRuns: Number(process.env.OB3KIT_FUZZ_RUNS ?? 100) },
    );
  });

  it('refuses bad options (TypeError)', () => {
    expect(() => new RateLimiter({ ratePerSecond: 0 })).toThrow(TypeError);
    expect(() => new RateLimiter({ ratePerSecond: 1, burst: 0.5 })).toThrow(TypeError);
    expect(() => new RateLimiter({ ratePerSecond: 1, maxClients: 0 })).toThrow(TypeError);
  });
});
