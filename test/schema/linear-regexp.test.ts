/**
 * The linear-time matcher of run-time schema patterns against its oracle, the engine's own
 * RegExp (`u` flag, as Ajv compiles patterns): generated patterns from a grammar over a small
 * alphabet (so that matches happen) and generated strings short enough for native backtracking,
 * plus hand-picked corners of the syntax. Long adversarial strings are in
 * test/hostile/attack13-schema.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  linearRegExp,
  MAX_GROUP_DEPTH,
  MAX_PROGRAM_SIZE,
  PatternRefusedError,
} from '../../src/schema/linear-regexp.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 200);

/**
 * The oracle: the engine's RegExp, compiled as Ajv compiles a schema's pattern, tried (sticky) at
 * every code-point boundary as the specification's `u`-flag search does. The engine's own search
 * also tries the middle of a surrogate pair for an empty match (V8: `/\\B/u.test('a😀a')` is true,
 * the match at index 2, between the halves of 😀); the specification never starts a match there.
 * `test()` is asserted equal to this search except for exactly that.
 */
function native(pattern: string, s: string): boolean {
  const sticky = new RegExp(pattern, 'uy');
  let found = false;
  for (let k = 0; k <= s.length && !found; k += (s.codePointAt(k) ?? 0) > 0xffff ? 2 : 1) {
    sticky.lastIndex = k;
    found = sticky.test(s);
  }
  const m = new RegExp(pattern, 'u').exec(s);
  const midPair =
    m !== null &&
    m[0] === '' &&
    /[\uD800-\uDBFF]/.test(s[m.index - 1] ?? '') &&
    /[\uDC00-\uDFFF]/.test(s[m.index] ?? '');
  if (!midPair) expect([pattern, s, m !== null]).toEqual([pattern, s, found]);
  return found;
}

/** Assert that both engines agree on every string. */
function agree(pattern: string, strings: readonly string[]): void {
  const mine = linearRegExp(pattern);
  for (const s of strings) {
    expect([pattern, s, mine.test(s)]).toEqual([pattern, s, native(pattern, s)]);
  }
}

const UNITS = [
  'a',
  'b',
  'x',
  '1',
  ' ',
  '_',
  '-',
  '\n',
  '\r',
  '\u2028',
  'é',
  '😀',
  '\uD83D',
  '\uDE00',
];
const str = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 8 });

const ATOMS = [
  'a',
  'b',
  'x',
  '.',
  '[ab]',
  '[^a]',
  '[]',
  '[^]',
  '[a-]',
  '[-b]',
  '[\\s\\S]',
  '\\w',
  '\\W',
  '\\d',
  '\\D',
  '\\s',
  '\\S',
  '\\n',
  '\\u2028',
  '\\u{1F600}',
  '😀',
  '\\uD83D',
  '\\uDE00',
  '\\uD83D\\uDE00',
  '\\p{L}',
  '\\P{L}',
  '[\\-a]',
  '\\.',
];
const ASSERTIONS = ['^', '$', '\\b', '\\B'];
const QUANTIFIERS = [
  '',
  '',
  '*',
  '+',
  '?',
  '{0}',
  '{1}',
  '{2}',
  '{0,2}',
  '{1,3}',
  '{2,}',
  '*?',
  '+?',
  '??',
  '{1,2}?',
];

const patterns = fc.letrec<{ alt: string; seq: string; term: string }>((tie) => ({
  alt: fc
    .array(tie('seq') as fc.Arbitrary<string>, { minLength: 1, maxLength: 2 })
    .map((xs) => xs.join('|')),
  seq: fc.array(tie('term') as fc.Arbitrary<string>, { maxLength: 3 }).map((xs) => xs.join('')),
  term: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'group', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS)).map(([a, q]) => a + q),
    fc.constantFrom(...ASSERTIONS),
    fc
      .tuple(
        fc.constantFrom('(', '(?:'),
        tie('alt') as fc.Arbitrary<string>,
        fc.constantFrom(...QUANTIFIERS),
      )
      .map(([open, body, q]) => `${open}${body})${q}`),
  ),
})).alt;

describe('linearRegExp agrees with the engine (fast-check differential)', () => {
  it('generated patterns on generated strings', () => {
    fc.assert(
      fc.property(patterns, fc.array(str, { minLength: 1, maxLength: 8 }), (pattern, strings) => {
        agree(pattern, strings);
      }),
      { numRuns: RUNS },
    );
  });

  it('generated patterns on strings drawn from what they may match', () => {
    // strings made of the pattern's own characters, so that more of them match
    fc.assert(
      fc.property(patterns, fc.array(fc.nat(), { maxLength: 6 }), (pattern, picks) => {
        const chars = [...pattern.replace(/[\\[\](){}|^$*+?.]/g, '')];
        const s = chars.length === 0 ? '' : picks.map((k) => chars[k % chars.length]).join('');
        agree(pattern, [s, `x${s}`, `${s}x`]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('linearRegExp: hand-picked corners', () => {
  const strings = ['', 'a', 'b', 'aa', 'ab', 'ba', 'aab', 'abab', 'a b', 'a\nb', 'x', 'aaaa'];
  const cases: readonly string[] = [
    '',
    '|',
    'a|',
    '|a',
    '^(|a)+$',
    '^(a*)*$',
    '^(a*)*b$',
    '^(?:a|)*b$',
    '^((a?)+)+$',
    '^(a|b)*$',
    '^(\\w+\\.)*\\w+$',
    '^a{0}$',
    '^a{2,}$',
    '^(ab){1,2}$',
    '^(?:a{2})*$',
    '^a*?b',
    '^(a+?)+?$',
    '()',
    '^()*$',
    '(?<name>a)b',
    '^[]$',
    '[]|a',
    '^[^]$',
    '^[^]*$',
    '^.$',
    '^.*$',
    '\\b',
    '\\B',
    '^\\b$',
    '\\ba',
    'a\\b',
    '\\Ba\\B',
    '(?:\\b)+a',
    '^$',
    '$^',
    'a$|^b',
    '(^a|b$)',
    '[a-]',
    '[-a]',
    '[\\-a]',
    '[a\\-z]',
    '[\\]]',
    '[\\\\]',
    '\\/',
    '\\cJ',
    '\\x61',
    '\\u0061+',
    '\\0',
  ];
  for (const pattern of cases) {
    it(`/${pattern}/u`, () => agree(pattern, strings));
  }

  it('surrogate pairs and lone surrogates, read by code points', () => {
    const surrogates = [
      '😀',
      '\uD83D',
      '\uDE00',
      '\uDE00\uD83D',
      '😀😀',
      'a😀',
      '\uD83Da',
      '😀\uDE00',
    ];
    for (const pattern of [
      '^.$',
      '^..$',
      '\\uD83D',
      '\\uDE00',
      '^\\uD83D\\uDE00$',
      '^\\u{1F600}+$',
      '^😀{2}$',
      '^[😀]$',
      '^[^a]$',
      '^[\\uD83D]',
      '\\uDE00$',
      '^\\S$',
      '\\P{L}',
      '^\\p{Emoji_Presentation}$',
      '\\b',
      '^[\\uD800-\\uDFFF]$',
    ]) {
      agree(pattern, surrogates);
    }
  });

  it('an empty match is never tried between the halves of a surrogate pair (the engine does)', () => {
    // (V8's own search finds `\B` at index 2 of 'a😀a', against the specification)
    expect(linearRegExp('\\B').test('a😀a')).toBe(false);
    expect(linearRegExp('\\B').test('a😀😀')).toBe(true);
    agree('\\B', ['a😀a', '😀', 'a😀', '😀a', 'ab', 'a b']);
  });

  it('`.` against line terminators, `\\s` against Unicode spaces', () => {
    const s = ['\n', '\r', '\u2028', '\u2029', '\u0085', '\u00a0', '\ufeff', '\u3000', '\t', '\v'];
    for (const pattern of ['^.$', '^\\s$', '^\\S$', '^[^\\n]$', '^[.]$']) agree(pattern, s);
  });

  it('\\p{..} and \\w decided by the engine', () => {
    const s = ['é', 'É', 'ſ', 'K', 'ß', '١', '_', 'Ω', 'ω', '中'];
    for (const pattern of ['^\\p{L}$', '^\\p{Lu}$', '^\\P{Ll}$', '^\\w$', '^\\d$', '^[\\p{N}_]$']) {
      agree(pattern, s);
    }
  });

  it('patterns as schemas write them', () => {
    const cases: Array<[string, string[]]> = [
      [
        '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
        [
          '2024-01-01T00:00:00Z',
          '2024-01-01T00:00:00.5+01:00',
          '2024-01-01',
          '2024-1-01T00:00:00Z',
        ],
      ],
      ['^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', ['en', 'en-US', 'zh-Hant-TW', 'english', 'e', 'en-']],
      [
        '^urn:uuid:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$',
        ['urn:uuid:0f0c4b4e-7d0a-4a55-8e4f-6f2d9c1b3a21', 'urn:uuid:0f0c4b4e-7d0a-4a55-8e4f'],
      ],
      ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', ['a@b.c', 'a@b', 'a @b.c', 'ä@ö.ü']],
    ];
    for (const [pattern, s] of cases) agree(pattern, s);
  });

  it('the same compiled pattern answers many strings (its state cache reused)', () => {
    const mine = linearRegExp('^(a|b)*a(a|b){6}$');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 40 }), (s) => {
        expect(mine.test(s)).toBe(native('^(a|b)*a(a|b){6}$', s));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('linearRegExp: refusals', () => {
  const refused: Array<[string, RegExp]> = [
    ['^(a*)\\1$', /backreference/],
    ['^(?<x>a)\\k<x>$', /backreference/],
    ['a(?=b)', /lookahead/],
    ['a(?!b)', /lookahead/],
    ['(?<=a)b', /lookbehind/],
    ['(?<!a)b', /lookbehind/],
    ['(?:a{1000}){1000}', /too large/],
    ['(?:a{100}){100}', /too large/],
    ['(?:(?:a{1000}){1000}){1000}', /too large/],
    ['(?:(?:a{10000}){10000})', /too large/],
    ['(?:(?:a{10000}){1})', /too large/],
    ['(?:(?:a{10000}){0})', /too large/],
    ['(?:(?:a{10000}){2,2})', /too large/],
    [`a{${MAX_PROGRAM_SIZE + 1}}`, /too large/],
    ['a{99999999999999999999999999}', /too large/],
    ['a{1,99999999999999999999999999999999999999999999999999999999999999999999999}', /too large/],
    ['(){100000}', /too large/],
    [`${'('.repeat(MAX_GROUP_DEPTH + 1)}a${')'.repeat(MAX_GROUP_DEPTH + 1)}`, /deeper/],
  ];
  for (const [pattern, reason] of refused) {
    it(`${pattern.length > 40 ? `${pattern.slice(0, 40)}…` : pattern}: refused`, () => {
      expect(() => linearRegExp(pattern)).toThrow(PatternRefusedError);
      expect(() => linearRegExp(pattern)).toThrow(reason);
    });
  }
  it('property: nested counted repetitions are refused or compile within the limit', () => {
    const count = fc.oneof(fc.nat(12), fc.nat(3000));
    const quantifier = fc
      .tuple(count, fc.option(count, { nil: undefined }), fc.boolean())
      .map(([a, b, open]) =>
        open ? `{${a},}` : b === undefined ? `{${a}}` : `{${Math.min(a, b)},${Math.max(a, b)}}`,
      );
    const nested = fc
      .array(fc.tuple(fc.constantFrom('a', 'ab', 'a|b', '', '\\b'), quantifier), {
        minLength: 1,
        maxLength: 4,
      })
      .map((levels) => levels.reduce((inner, [extra, q]) => `(?:${inner}${extra})${q}`, 'x'));
    fc.assert(
      fc.property(nested, (pattern) => {
        let compiled: ReturnType<typeof linearRegExp> | undefined;
        try {
          compiled = linearRegExp(pattern);
        } catch (e) {
          expect(e).toBeInstanceOf(PatternRefusedError);
          return;
        }
        expect(compiled.size).toBeLessThanOrEqual(MAX_PROGRAM_SIZE);
      }),
      { numRuns: RUNS },
    );
  });
  it('an invalid pattern: the engine SyntaxError', () => {
    for (const pattern of ['(', 'a{2,1}', '\\-', 'a**', '{', '\\p{Nope}', '[b-a]']) {
      expect(() => linearRegExp(pattern)).toThrow(SyntaxError);
    }
  });
  it('flags other than u: refused', () => {
    expect(() => linearRegExp('a', '')).toThrow(PatternRefusedError);
  });
  it('just under the limits: compiles and matches', () => {
    agree(`^a{${MAX_PROGRAM_SIZE - 10}}$`, ['a'.repeat(MAX_PROGRAM_SIZE - 10), 'a'.repeat(20)]);
    const deep = `^${'(?:'.repeat(MAX_GROUP_DEPTH)}a${')'.repeat(MAX_GROUP_DEPTH)}$`;
    agree(deep, ['a', 'aa', '']);
  });
  it('toString is the RegExp form (Ajv keys compiled patterns by it)', () => {
    expect(String(linearRegExp('^a+$'))).toBe(String(/^a+$/u));
  });
});
