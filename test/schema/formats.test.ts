/**
 * src/schema/formats.ts accepts exactly what ajv-formats' `date` and `date-time` accept (the
 * formats 1EdTech's schemas are checked with), on RFC 3339 examples, edge cases and generated
 * strings shaped like dates and times.
 */

import { fullFormats as ajvFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullFormats } from '../../src/schema/formats.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 2000);

type Oracle = { validate: (s: string) => boolean } | ((s: string) => boolean) | RegExp;
function oracle(name: 'date' | 'date-time'): (s: string) => boolean {
  const f = ajvFormats[name] as Oracle;
  if (typeof f === 'function') return f;
  if (f instanceof RegExp) return (s) => f.test(s);
  return (s) => f.validate(s);
}

const EXAMPLES = [
  '2024-01-01',
  '2024-02-29',
  '2023-02-29',
  '1900-02-29',
  '2000-02-29',
  '2024-13-01',
  '2024-00-10',
  '2024-04-31',
  '2024-1-01',
  '02024-01-01',
  '2024-01-01T00:00:00Z',
  '2024-01-01t00:00:00z',
  '2024-01-01 00:00:00Z',
  '2024-01-01\t00:00:00+01:00',
  '2024-01-01T00:00:00',
  '2024-01-01T24:00:00Z',
  '2024-01-01T23:60:00Z',
  '2016-12-31T23:59:60Z',
  '2016-12-31T23:59:60.5Z',
  '2016-12-31T23:59:61Z',
  '2016-12-31T15:59:60-08:00',
  '2017-01-01T00:59:60+01:00',
  '2016-12-31T22:59:60Z',
  '2024-01-01T10:00:00.123456789+05:30',
  '2024-01-01T10:00:00+0530',
  '2024-01-01T10:00:00+05',
  '2024-01-01T10:00:00+24:00',
  '2024-01-01T10:00:00+05:60',
  '2024-01-01T10:00:00ZT',
  '2024-01-01TT10:00:00Z',
  '',
  'T',
  '2024-01-01T10:00:00.Z',
  '２０２４-01-01',
];

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const dateLike = fc.oneof(
  fc
    .tuple(digits(4), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.stringMatching(/^[0-9-]{8,11}$/),
);
const timeLike = fc
  .tuple(
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 62 }),
    fc.constantFrom('', '.5', '.000001'),
    fc.oneof(
      fc.constantFrom('', 'Z', 'z', 'x'),
      fc
        .tuple(
          fc.constantFrom('+', '-'),
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 61 }),
          fc.constantFrom(':', ''),
        )
        .map(
          ([s, h, m, c]) => `${s}${String(h).padStart(2, '0')}${c}${String(m).padStart(2, '0')}`,
        ),
    ),
  )
  .map(
    ([h, m, s, frac, tz]) =>
      `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${frac}${tz}`,
  );
const dateTimeLike = fc.oneof(
  fc
    .tuple(dateLike, fc.constantFrom('T', 't', ' ', '\t', '\n', 'TT', '_', ''), timeLike)
    .map(([d, sep, t]) => `${d}${sep}${t}`),
  fc.string({ unit: fc.constantFrom(...'0123456789-:+.TZtz \t'.split('')), maxLength: 30 }),
);

describe('date and date-time formats', () => {
  for (const name of ['date', 'date-time'] as const) {
    it(`${name}: the examples, as ajv-formats decides them`, () => {
      const ajv = oracle(name);
      const decided = EXAMPLES.map((s) => [s, fullFormats[name].validate(s)]);
      expect(decided).toEqual(EXAMPLES.map((s) => [s, ajv(s)]));
      // Both decisions occur among the examples (the comparison is not vacuous).
      expect(new Set(decided.map(([, ok]) => ok))).toEqual(new Set([true, false]));
    });
  }

  it('date: generated strings, as ajv-formats decides them', () => {
    const ajv = oracle('date');
    fc.assert(
      fc.property(dateLike, (s) => fullFormats.date.validate(s) === ajv(s)),
      { numRuns: RUNS },
    );
  });

  it('date-time: generated strings, as ajv-formats decides them', () => {
    const ajv = oracle('date-time');
    let accepted = 0;
    fc.assert(
      fc.property(dateTimeLike, (s) => {
        const ours = fullFormats['date-time'].validate(s);
        if (ours) accepted++;
        return ours === ajv(s);
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
