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
 * Found: cached DFA steps cost nothing, so one pattern used many times on one long string was
 * unbounded (a schema's `allOf` of 2,000 copies of `{"pattern": "c"}` on 1 MB: 9 s, more with
 * more copies); a character read now costs a unit, and a pattern anchored at the start stops
 * reading once no match can start (it read the whole string).
 *
 * Found: ajv-formats' `url` format (run on the engine's RegExp) is quadratic in the string
 * (`\S+(?::\S*)?@` backtracks): 0.7 s on 40,000 characters, minutes on 1 MB; it now runs on the
 * linear-time matcher, its lookaheads written out, held to ajv-formats' RegExp below. The other
 * ajv-formats formats were timed on 20,000-character strings of 30 repeated units after 14
 * prefixes: none above 6 ms.
 *
 * Tried, found right: the NFA simulation taken once the DFA cache stops paying, against the
 * engine's RegExp (generated patterns on strings of over 1,000 distinct code points); a budget
 * stop is never a pass (`ok: false`, `pattern_budget_exceeded`, the verdict not valid).
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../src/schema/compile.js';
import {
  linearRegExp,
  PatternBudgetError,
  PatternRefusedError,
} from '../../src/schema/linear-regexp.js';

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

describe('format "url" of run-time schemas: linear in the string, same answers as ajv-formats', () => {
  const native = fullFormats.url as RegExp;

  it('a string that makes the RegExp quadratic: answered within the budget', async () => {
    // ajv-formats' RegExp took 0.7 s on 40,000 characters of this shape (quadratic: 1 MB would
    // take minutes, and a synchronous RegExp cannot be interrupted)
    const v = await createValidator({ type: 'string', format: 'url' });
    const s = `http://${':'.repeat(2_000)}\n`;
    expect(native.test(s)).toBe(false);
    expect(v.validate(s).ok).toBe(false);
    const long = `http://${':'.repeat(1_000_000)}\n`;
    expect(v.validate(long).issues.map((i) => i.code)).toEqual(['format']);
    const userinfo = `http://${'a:'.repeat(500_000)}@example.com/`;
    expect(v.validate(userinfo).ok).toBe(true);
    expect(native.test(`http://${'a:'.repeat(50)}@example.com/`)).toBe(true);
  });

  const octet = fc.constantFrom(
    '0',
    '00',
    '01',
    '1',
    '9',
    '10',
    '16',
    '31',
    '32',
    '100',
    '127',
    '160',
    '168',
    '169',
    '172',
    '192',
    '199',
    '200',
    '223',
    '224',
    '254',
    '255',
    '256',
    '1000',
    '016',
    '0254',
    '2',
    '20',
    '3',
  );
  const ip = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
  const label = fc.constantFrom('a', 'ex-ample', 'EXAMPLE', 'é', 'x1', '1', 'ſ', 'co', 'K');
  const host = fc.oneof(
    ip,
    fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.')),
    fc.constantFrom('localhost', 'example.com', '[::1]', '', '-a.com', 'a-.com'),
  );
  const url = fc
    .tuple(
      fc.constantFrom('http', 'https', 'ftp', 'HTTP', 'Https', 'ftps', 'httpſ', 'mailto', ''),
      fc.constantFrom('://', ':/', '//'),
      fc.constantFrom('', 'u@', 'u:p@', ':@', '@', 'a b@', 'u@h@', '10.0.0.1@'),
      host,
      fc.constantFrom('', ':80', ':8', ':123456', ':', ':8080'),
      fc.constantFrom('', '/', '/p?q#f', '/a b', '/@x', '\n', ' '),
    )
    .map((parts) => parts.join(''));

  it('generated URLs (private IPv4 hosts, case, user info, ports): the RegExp answers', async () => {
    const v = await createValidator({ type: 'string', format: 'url' });
    fc.assert(
      fc.property(url, (s) => {
        expect([s, v.validate(s).ok]).toEqual([s, native.test(s)]);
      }),
      { numRuns: RUNS * 20 },
    );
  });

  it('every IPv4 host whose first octet is 10, 127, 169, 172 or 192: the RegExp answers', async () => {
    const v = await createValidator({ type: 'string', format: 'url' });
    for (const first of ['10', '127', '169', '172', '192', '1', '128', '168', '173', '191']) {
      for (let second = 0; second <= 256; second++) {
        for (const s of [
          `http://${first}.${second}.1.1`,
          `http://${first}.0${second}.1.1/`,
          `http://${first}.${second}.1.254:80`,
        ]) {
          expect([s, v.validate(s).ok]).toEqual([s, native.test(s)]);
        }
      }
    }
  });
});

describe('the `i` flag (used by the url format): the engine answers', () => {
  it('case folding per code point, and \\b around the two code points that fold into \\w', () => {
    const strings = [
      '',
      'a',
      'A',
      'ſ',
      'K',
      'k',
      'S',
      's',
      'ß',
      'ẞ',
      'é',
      'É',
      'a ſ',
      'ſa',
      ' K ',
      'İ',
      'ı',
    ];
    for (const pattern of [
      '^s$',
      '^[a-z]+$',
      '^[^a-z]$',
      '\\bs\\b',
      '\\b',
      '\\B',
      '^\\w+$',
      '^\\W$',
      '^k\\b',
      '\\Bſ',
      '^[\\u00e0-\\u00ff]$',
      '^\\p{Lu}$',
      '^ß$',
      '^i$',
    ]) {
      const mine = linearRegExp(pattern, 'iu');
      for (const s of strings) {
        expect([pattern, s, mine.test(s)]).toEqual([pattern, s, new RegExp(pattern, 'iu').test(s)]);
      }
    }
    expect(String(linearRegExp('a', 'iu'))).toBe(String(/a/iu));
    expect(() => linearRegExp('a', 'i')).toThrow(PatternRefusedError);
  });
});

describe('the budget bounds a pattern used many times on a long string', () => {
  it("a schema's allOf of 2,000 copies of one pattern on 1 MB: not validated, not 9 s", async () => {
    const v = await createValidator({
      type: 'string',
      allOf: Array.from({ length: 2_000 }, () => ({ pattern: 'c' })),
    });
    const r = v.validate('b'.repeat(1_000_000));
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['pattern_budget_exceeded']);
    expect(v.validate('b'.repeat(1_000)).issues.map((i) => i.code)).toContain('pattern');
    expect(v.validate('c'.repeat(1_000)).ok).toBe(true);
  });

  it('a pattern anchored at the start stops reading once no match can start', () => {
    // 1 MB read would cost 1 M units: a budget of 100 is enough for what is needed
    for (const pattern of ['^abc', '^(?:a|b)+c$', '(?:^a|^b)x', '^$']) {
      const budget = { remaining: 100 };
      const s = `x${'a'.repeat(1_000_000)}`;
      expect([pattern, linearRegExp(pattern, 'u', budget).test(s)]).toEqual([
        pattern,
        new RegExp(pattern, 'u').test(s),
      ]);
    }
    // not anchored (a branch without ^): read to the end, within its units
    expect(() => linearRegExp('^a|c', 'u', { remaining: 100 }).test('b'.repeat(1_000_000))).toThrow(
      PatternBudgetError,
    );
  });
});

describe('more atoms, with and without `i`: the engine answers (spec search)', () => {
  /** The specification's search: a sticky match tried at every code-point boundary. */
  function search(pattern: string, flags: string, s: string): boolean {
    const sticky = new RegExp(pattern, `${flags}y`);
    for (let k = 0; k <= s.length; k += (s.codePointAt(k) ?? 0) > 0xffff ? 2 : 1) {
      sticky.lastIndex = k;
      if (sticky.test(s)) return true;
    }
    return false;
  }
  const ATOMS = [
    'a',
    'A',
    '.',
    '[^\\D]',
    '[^\\W]',
    '\\cJ',
    '\\x61',
    '\\0',
    '[\\b]',
    '[\\w-]',
    '[^\\s\\S]',
    '[😀-😂]',
    '[\\u{1F600}-\\u{1F64F}]',
    '\\u2029',
    '\\W',
    '[^\\P{Ll}]',
    '\\p{Lu}',
    '[\\uD83D]',
    '[\\uDE00-\\uDFFF]',
    '[ab-]',
    '[-]',
    '[\\x00-\\x1f]',
    'ſ',
    'k',
    '\\u{212A}',
    '[^]',
    '[]',
  ];
  const UNITS = [
    'a',
    'A',
    'b',
    '\n',
    '\u2029',
    '\0',
    '\b',
    '-',
    '😀',
    '😂',
    '\uD83D',
    '\uDE00',
    'K',
    'ſ',
    'k',
    's',
    ' ',
    '1',
    '_',
    'é',
  ];
  const Q = ['', '', '*', '+', '?', '{0}', '{0,0}', '{2,}', '{0,2}', '*?', '{2,}?'];
  const patterns = fc.letrec<{ alt: string; seq: string; term: string }>((tie) => ({
    alt: fc
      .array(tie('seq') as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 })
      .map((xs) => xs.join('|')),
    seq: fc.array(tie('term') as fc.Arbitrary<string>, { maxLength: 3 }).map((xs) => xs.join('')),
    term: fc.oneof(
      { maxDepth: 2, depthIdentifier: 'group', withCrossShrink: true },
      fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...Q)).map(([a, q]) => a + q),
      fc.constantFrom('^', '$', '\\b', '\\B'),
      fc
        .tuple(
          fc.constantFrom('(', '(?:'),
          tie('alt') as fc.Arbitrary<string>,
          fc.constantFrom(...Q),
        )
        .map(([open, body, q]) => `${open}${body})${q}`),
    ),
  })).alt;
  const strings = fc.array(fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 6 }), {
    minLength: 1,
    maxLength: 6,
  });

  it('generated patterns and strings', () => {
    fc.assert(
      fc.property(patterns, strings, fc.constantFrom('u', 'iu'), (pattern, ss, flags) => {
        const mine = linearRegExp(pattern, flags);
        for (const s of ss) {
          expect([pattern, flags, s, mine.test(s)]).toEqual([
            pattern,
            flags,
            s,
            search(pattern, flags, s),
          ]);
        }
      }),
      { numRuns: RUNS * 10 },
    );
  });
});
