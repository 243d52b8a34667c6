/**
 * src/internal/datetime.ts: one reading of XML Schema dateTime values for every check that
 * compares a date with the clock. Its acceptance agrees with ajv-formats' RFC 3339 `date-time`
 * (the format 1EdTech's schemas are checked with) on strings of the shape both take, and the
 * instant it reads agrees with `Date.parse` wherever that engine reads a real date.
 */
import { fullFormats as ajvFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasEnded, hasNotBegun, parseDateTime } from '../../src/internal/datetime.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 300);
const ajvDateTime = (s: string): boolean => {
  const f = ajvFormats['date-time'] as unknown;
  if (typeof f === 'function') return (f as (s: string) => boolean)(s);
  if (f instanceof RegExp) return f.test(s);
  return (f as { validate: (s: string) => boolean }).validate(s);
};

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
/** Strings shaped like a dateTime with a zone, many of them impossible. */
const dateTimeLike = fc
  .tuple(
    fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    two(13),
    two(32),
    two(25),
    two(60),
    two(61),
    fc.option(fc.stringMatching(/^\.[0-9]{1,6}$/), { nil: '' }),
    fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), two(24), two(60)).map(([s, h, m]) => `${s}${h}:${m}`),
    ),
  )
  .map(([y, mo, d, h, mi, s, f, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}${z}`);

describe('parseDateTime', () => {
  it('refuses impossible dates and times that Date.parse (V8) reads as another day', () => {
    for (const v of [
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T23:60:00Z',
      '2024-01-01T12:00:60Z',
      '2024-01-01T12:00:00+24:00',
    ]) {
      expect(parseDateTime(v), v).toBeUndefined();
    }
    expect(Number.isNaN(Date.parse('2024-02-30T00:00:00Z'))).toBe(false); // why it matters
    expect(parseDateTime('2024-02-29T00:00:00Z')).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(parseDateTime('2000-02-29T00:00:00Z')).toBe(Date.parse('2000-02-29T00:00:00Z'));
  });

  it('reads a leap second at 23:59 UTC as the next second, and nowhere else', () => {
    expect(parseDateTime('2016-12-31T23:59:60Z')).toBe(Date.parse('2017-01-01T00:00:00Z'));
    expect(parseDateTime('2016-12-31T15:59:60-08:00')).toBe(Date.parse('2017-01-01T00:00:00Z'));
    expect(parseDateTime('2016-12-31T22:59:60Z')).toBeUndefined();
  });

  it('a value without a time zone: UTC, or refused with requireZone', () => {
    expect(parseDateTime('2024-01-01T00:00:00')).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(parseDateTime('2024-01-01T00:00:00', { requireZone: true })).toBeUndefined();
    expect(parseDateTime(20240101)).toBeUndefined();
    expect(parseDateTime('0099-01-01T00:00:00Z')).toBe(Date.parse('0099-01-01T00:00:00Z'));
  });

  it('accepts what the schema format accepts, and reads the instant Date.parse reads (to the next millisecond)', () => {
    fc.assert(
      fc.property(dateTimeLike, (v) => {
        const t = parseDateTime(v, { requireZone: true });
        expect(t !== undefined).toBe(ajvDateTime(v));
        if (t !== undefined && !/:60(\.|Z|[+-])/.test(v)) {
          // Date.parse truncates to the millisecond; a finer fraction rounds up (a period's
          // start is never read earlier than written).
          const finer = /\.\d{3}\d*[1-9]/.test(v) ? 1 : 0;
          expect(t).toBe(Date.parse(v) + finer);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('one rule for the ends of a period', () => {
  it('ended at its end instant, begun at its start instant', () => {
    const t = Date.parse('2025-01-01T00:00:00Z');
    expect(hasEnded(t, t)).toBe(true);
    expect(hasEnded(t, t - 1)).toBe(false);
    expect(hasNotBegun(t, t)).toBe(false);
    expect(hasNotBegun(t, t - 1)).toBe(true);
  });
});
