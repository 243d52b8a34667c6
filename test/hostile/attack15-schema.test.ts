/**
 * Attack: run-time schema patterns that hid an exponential group from the former shape-based scan.
 *
 * Found and closed: the scan read a `]` right after `[` or `[^` as a literal `]` (POSIX), so it
 * took `[^](a+)+$` as one character class running to the end and saw no group; ECMAScript closes
 * the class there (`[]` matches nothing, `[^]` any character), and `^[^](a+)+$` backtracked
 * exponentially (native RegExp, node 22: ~40 ms at 22 characters, doubling per character).
 * The oracle for the class syntax is the engine's own RegExp.
 *
 * Tried and found closed: a class holding an escaped `]` (`[\]](a+)+`), a named group and
 * lookbehind before the group, `\u{..}` / `\p{..}` escapes before it.
 *
 * Run-time patterns now run on a matcher linear in the string, which reads the class syntax the
 * same way: these patterns compile (but for the lookbehind, refused), and answer as the engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../src/schema/compile.js';
import { linearRegExp } from '../../src/schema/linear-regexp.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 50);

/** Exponential bodies (each refused on its own). */
const BODIES = ['(a+)+$', '(a|a)*$', '(?:a*)*b$', '(a|aa)+$'];
/** Prefixes a forger may put before one; each ends a character class or group before the body. */
const PREFIXES = ['[^]', '(?:[]|)', '[\\]]?', '(?<n>x)?', '(?<=^)', '\\u{61}?', '\\p{L}?', '[a-]?'];

describe('run-time patterns read character classes as ECMAScript does', () => {
  it('the engine closes a class at a `]` right after `[` or `[^` (oracle)', () => {
    // Patterns as a schema holds them (strings), compiled with the flag ajv uses.
    const engine = (pattern: string, s: string) => new RegExp(pattern, 'u').test(s);
    expect(engine('^[^]$', 'x')).toBe(true);
    expect(engine('^[]$', '')).toBe(false);
    expect(engine('^(?:[]|)a$', 'a')).toBe(true);
  });

  const strings = ['', 'a', 'xa', 'xaa', 'xaab', ']a', 'ab', 'xb', `x${'a'.repeat(14)}`];
  for (const prefix of PREFIXES) {
    for (const body of BODIES) {
      const pattern = `^${prefix}${body}`;
      it(`${pattern}: answers as the engine, and fast on a long string`, () => {
        if (prefix === '(?<=^)') {
          expect(() => linearRegExp(pattern)).toThrow(/lookbehind/);
          return;
        }
        const mine = linearRegExp(pattern);
        for (const s of strings) {
          expect([s, mine.test(s)]).toEqual([s, new RegExp(pattern, 'u').test(s)]);
        }
        // ends in `c`: no body matches it (each ends at `$` after `a`s or at `b`)
        expect(mine.test(`x${'a'.repeat(100_000)}c`)).toBe(false);
      });
    }
  }

  it('property: any run of classes and literals before an exponential body reads as the engine does', () => {
    const atom = fc.constantFrom('[^]', '[]', '[a]', '[^a]', '[\\]]', 'x', '\\]', '(?:[]|)', '.');
    const str = fc.string({ unit: fc.constantFrom('a', 'b', 'x', ']', '\n'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(atom, { maxLength: 6 }),
        fc.constantFrom(...BODIES),
        str,
        (atoms, body, s) => {
          const pattern = `^${atoms.join('')}${body}`;
          expect(linearRegExp(pattern).test(s)).toBe(new RegExp(pattern, 'u').test(s));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a run-time schema with ^[^](a+)+$ compiles and answers on a long string', async () => {
    const v = await createValidator({
      $id: 'https://schemas.example/attack15-class',
      type: 'string',
      pattern: '^[^](a+)+$',
    });
    expect(v.validate(`x${'a'.repeat(100_000)}`).ok).toBe(true);
    expect(v.validate(`x${'a'.repeat(100_000)}b`).ok).toBe(false);
  });

  it('linear patterns with such classes still compile and match as the engine does', async () => {
    const pattern = '^[^][a-z]+$';
    const v = await createValidator({
      $id: 'https://schemas.example/attack15-linear',
      type: 'string',
      pattern,
    });
    for (const s of ['xabc', 'x', 'xA']) {
      expect(v.validate(s).ok).toBe(new RegExp(pattern, 'u').test(s));
    }
  });
});
