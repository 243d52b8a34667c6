/**
 * Attacks on the linear-time matcher of run-time schema patterns (src/schema/linear-regexp.ts)
 * and its per-validation work budget.
 *
 * Found: the budget charged a closure by its pending threads and the atoms it reached, not by
 * the instructions it visited, and nothing when the closure reached a match. A pattern made of
 * a long chain of empty moves (`(?:){0,1990}` before an atom: 1,991 instructions visited at
 * every position, about 3 charged) on a string that first pushes the matcher off its DFA cache
 * (1,100 distinct code points) ran 1 MB in 15 s on 3 M of the 20 M units (16 MB allowed); every
 * instruction visited is now charged, and such a run ends in `pattern_budget_exceeded`.
 *
 * Tried, found right: the NFA simulation taken once the DFA cache stops paying, against the
 * engine's RegExp (generated patterns on strings of over 1,000 distinct code points); a budget
 * stop is never a pass (`ok: false`, `pattern_budget_exceeded`, the verdict not valid).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../src/schema/compile.js';
import { linearRegExp, PatternBudgetError } from '../../src/schema/linear-regexp.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 60);

/** `n` distinct CJK ideographs: each a new DFA transition, so the matcher leaves its cache. */
function distinct(n: number, from = 0x4e00): string {
  let s = '';
  for (let k = 0; k < n; k++) s += String.fromCodePoint(from + k);
  return s;
}

/** 1,991 instructions of empty moves before one atom (the program limit is 2,000). */
const EMPTY_CHAIN = '(?:){0,1990}\\u{10FFFF}';

describe('the work budget counts every instruction visited', () => {
  it('a chain of empty moves on a long string that misses the DFA cache: the budget ends it', () => {
    // 11,100 positions, each visiting the whole chain (1,991 instructions): over 22 M units of
    // work, ten times the 2 M given
    const s = distinct(1_100) + 'b'.repeat(10_000);
    expect(new RegExp(EMPTY_CHAIN, 'u').test(s)).toBe(false);
    const budget = { remaining: 2_000_000 };
    expect(() => linearRegExp(EMPTY_CHAIN, 'u', budget).test(s)).toThrow(PatternBudgetError);
    // with work enough, the engine's answer
    expect(linearRegExp(EMPTY_CHAIN, 'u', { remaining: 1e9 }).test(s)).toBe(false);
    expect(linearRegExp(EMPTY_CHAIN, 'u', { remaining: 1e9 }).test(`${s}\u{10FFFF}`)).toBe(true);
  });

  it('closures that end in a match are charged too', () => {
    // each one-character string is a new DFA transition whose closure visits the whole chain
    // before reaching the match: 3,000 of them are about 6 M units, over the 2 M given
    const pattern = '(?:){0,1995}';
    const budget = { remaining: 2_000_000 };
    const re = linearRegExp(pattern, 'u', budget);
    const strings = [...distinct(3_000)];
    expect(strings.every((s) => new RegExp(pattern, 'u').test(s))).toBe(true);
    expect(() => {
      for (const s of strings) re.test(s);
    }).toThrow(PatternBudgetError);
  });

  it('through a compiled schema: not validated (pattern_budget_exceeded), never a pass', async () => {
    const v = await createValidator({
      type: 'object',
      properties: { name: { type: 'string', pattern: EMPTY_CHAIN } },
    });
    const r = v.validate({ name: distinct(1_100) + 'b'.repeat(100_000) });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['pattern_budget_exceeded', '$']]);
    // the budget is per validation: a short string right after is answered
    expect(v.validate({ name: 'b\u{10FFFF}' }).ok).toBe(true);
    expect(v.validate({ name: 'b' }).issues.map((i) => i.code)).toEqual(['pattern']);
  });
});

describe('the NFA simulation (past the DFA cache) agrees with the engine', () => {
  const atom = fc.constantFrom('a', 'b', '.', '[^a]', '\\p{Script=Han}', '\\P{L}', '[a\\u4e00]');
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{0,3}', '*?');
  const term = fc.oneof(
    fc.tuple(atom, quantifier).map(([a, q]) => a + q),
    fc
      .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '?', '{2}'))
      .map(([xs, q]) => `(?:${xs.join('|')})${q}`),
  );
  const pattern = fc
    .tuple(
      fc.constantFrom('', '^'),
      fc.array(term, { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', '$'),
    )
    .map(([a, ts, z]) => a + ts.join('') + z);
  const tail = fc.string({ unit: fc.constantFrom('a', 'b', '\u4e00', '\n', '😀'), maxLength: 12 });

  it('generated patterns on strings of over 1,000 distinct code points', () => {
    const prefix = distinct(1_050);
    fc.assert(
      fc.property(pattern, tail, tail, (p, head, end) => {
        const mine = linearRegExp(p);
        for (const s of [prefix + end, head + prefix + end, `${head}${prefix}`]) {
          expect([p, s.slice(-16), mine.test(s)]).toEqual([
            p,
            s.slice(-16),
            new RegExp(p, 'u').test(s),
          ]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
