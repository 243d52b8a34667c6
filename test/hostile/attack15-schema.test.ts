/**
 * Attack: run-time schema patterns that hide an exponential group from the pattern-safety scan.
 *
 * Found and closed: the scan read a `]` right after `[` or `[^` as a literal `]` (POSIX), so it
 * took `[^](a+)+$` as one character class running to the end and saw no group; ECMAScript closes
 * the class there (`[]` matches nothing, `[^]` any character), and `^[^](a+)+$` backtracked
 * exponentially (native RegExp, node 22: ~40 ms at 22 characters, doubling per character).
 * The oracle for the class syntax is the engine's own RegExp.
 *
 * Tried and found closed: a class holding an escaped `]` (`[\]](a+)+`), a named group and
 * lookbehind before the group, `\u{..}` / `\p{..}` escapes before it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../src/schema/compile.js';
import { unsafePatternReason } from '../../src/schema/pattern-safety.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 50);

/** Exponential bodies (each refused on its own). */
const BODIES = ['(a+)+$', '(a|a)*$', '(?:a*)*b$', '(a|aa)+$'];
/** Prefixes a forger may put before one; each ends a character class or group before the body. */
const PREFIXES = ['[^]', '(?:[]|)', '[\\]]?', '(?<n>x)?', '(?<=^)', '\\u{61}?', '\\p{L}?', '[a-]?'];

describe('pattern-safety reads character classes as ECMAScript does', () => {
  it('the engine closes a class at a `]` right after `[` or `[^` (oracle)', () => {
    // Patterns as a schema holds them (strings), compiled with the flag ajv uses.
    const engine = (pattern: string, s: string) => new RegExp(pattern, 'u').test(s);
    expect(engine('^[^]$', 'x')).toBe(true);
    expect(engine('^[]$', '')).toBe(false);
    expect(engine('^(?:[]|)a$', 'a')).toBe(true);
  });

  for (const prefix of PREFIXES) {
    for (const body of BODIES) {
      const pattern = `^${prefix}${body}`;
      it(`${pattern}: refused`, () => {
        new RegExp(pattern, 'u'); // a valid ECMAScript pattern
        expect(unsafePatternReason(pattern)).toContain('repeated group');
      });
    }
  }

  it('property: any run of classes and literals before an exponential body hides nothing', () => {
    const atom = fc.constantFrom('[^]', '[]', '[a]', '[^a]', '[\\]]', 'x', '\\]', '(?:[]|)', '.');
    fc.assert(
      fc.property(fc.array(atom, { maxLength: 6 }), fc.constantFrom(...BODIES), (atoms, body) => {
        const pattern = `^${atoms.join('')}${body}`;
        new RegExp(pattern, 'u');
        expect(unsafePatternReason(pattern)).toBeDefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('a run-time schema with ^[^](a+)+$ does not compile', async () => {
    await expect(
      createValidator({
        $id: 'https://schemas.example/attack15-class',
        type: 'string',
        pattern: '^[^](a+)+$',
      }),
    ).rejects.toThrow(/exponentially/);
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
