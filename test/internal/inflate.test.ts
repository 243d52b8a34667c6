/**
 * `inflateBounded` compares the checksums fflate does not: the Adler-32 that ends a zlib stream
 * (RFC 1950; baked PNG compressed text) and each GZIP member's CRC-32 and length (RFC 1952;
 * status lists). node:zlib makes the streams and is the oracle of what they hold.
 */
import { deflateSync, gzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflateBounded } from '../../src/internal/inflate.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 100);
const MAX = 1 << 20;
const arbData = fc.uint8Array({ maxLength: 20_000 });

describe('inflateBounded, zlib', () => {
  it('reads what node:zlib wrote, at any size (several Adler-32 blocks included)', () => {
    fc.assert(
      fc.property(arbData, (data) => {
        const r = inflateBounded(deflateSync(data), MAX, 'zlib');
        expect(r).toEqual({ status: 'ok', bytes: new Uint8Array(inflateSync(deflateSync(data))) });
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a stream whose Adler-32 does not match its data, as node:zlib does', () => {
    fc.assert(
      fc.property(
        arbData,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 255 }),
        (data, back, flip) => {
          const z = new Uint8Array(deflateSync(data));
          z[z.length - back] = (z[z.length - back] as number) ^ flip;
          expect(() => inflateSync(z)).toThrow();
          expect(inflateBounded(z, MAX, 'zlib').status).toBe('corrupt');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses bytes after the stream (its end would be ambiguous)', () => {
    const z = new Uint8Array([...deflateSync(new TextEncoder().encode('{"a":1}')), 0]);
    expect(inflateBounded(z, MAX, 'zlib').status).toBe('corrupt');
  });
});

describe('inflateBounded, gzip', () => {
  it('reads what node:zlib wrote, and refuses a trailer that does not match', () => {
    fc.assert(
      fc.property(
        arbData,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 255 }),
        (data, back, flip) => {
          const g = new Uint8Array(gzipSync(data));
          expect(inflateBounded(g, MAX, 'gzip')).toEqual({ status: 'ok', bytes: data });
          g[g.length - back] = (g[g.length - back] as number) ^ flip;
          expect(inflateBounded(g, MAX, 'gzip').status).not.toBe('ok');
        },
      ),
      { numRuns: RUNS },
    );
  });
});
