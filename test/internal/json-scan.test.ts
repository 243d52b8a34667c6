import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeJsonTextProblem,
  jsonTextReportCode,
  parseJsonText,
  scanJsonText,
} from '../../src/internal/json-scan.js';
import { measureJson } from '../../src/internal/limits.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 200);
const HUGE = Number.MAX_SAFE_INTEGER;
const UNBOUNDED = { maxJsonDepth: HUGE, maxJsonValues: HUGE, maxArrayLength: HUGE };

/** JSON text of a value, compact or indented (whitespace must not change anything). */
const textOf = fc
  .tuple(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(undefined, 1, 2, '\t'))
  .map(([v, indent]) => ({ value: v, text: JSON.stringify(v, null, indent) }));

describe('scanJsonText agrees with measureJson on the parsed value (the oracle)', () => {
  it('depth, values and longest array: refused exactly past each limit', () => {
    fc.assert(
      fc.property(textOf, fc.nat(8), fc.nat(60), fc.nat(6), ({ value, text }, d, n, a) => {
        const shape = measureJson(value, UNBOUNDED);
        expect(scanJsonText(text, UNBOUNDED)).toBeUndefined();
        expect(scanJsonText(text, { ...UNBOUNDED, maxJsonDepth: d })?.kind).toBe(
          shape.depth > d ? 'maxJsonDepth' : undefined,
        );
        expect(scanJsonText(text, { ...UNBOUNDED, maxJsonValues: n })?.kind).toBe(
          shape.values > n ? 'maxJsonValues' : undefined,
        );
        expect(scanJsonText(text, { ...UNBOUNDED, maxArrayLength: a })?.kind).toBe(
          shape.longestArray > a ? 'maxArrayLength' : undefined,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('strings holding brackets, quotes, escapes and colons do not count', () => {
    const text = JSON.stringify({ a: '[[{{"\\":,]]}}', 'b[': ['x"[', '\\\\'], 'c\\u0022': 1e-7 });
    expect(scanJsonText(text, { maxJsonDepth: 2, maxJsonValues: 6, maxArrayLength: 2 })).toBe(
      undefined,
    );
    expect(scanJsonText(text, { maxJsonValues: 5 })?.kind).toBe('maxJsonValues');
  });
});

describe('duplicate member names', () => {
  it('found in nested objects, compared after unescaping', () => {
    expect(scanJsonText('{"a":1,"b":{"c":2,"c":3}}')).toEqual({
      kind: 'duplicate',
      key: 'c',
      offset: 18,
    });
    expect(scanJsonText('{"name":"x","\\u006eame":"y"}')).toMatchObject({ key: 'name' });
    expect(scanJsonText('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBeUndefined();
    expect(scanJsonText('{"a":"\\"a\\"","b":"a"}')).toBeUndefined();
    // Sibling objects do not share names; a name reappearing after a nested object does count.
    expect(scanJsonText('[{"a":1},{"a":1}]')).toBeUndefined();
    expect(scanJsonText('{"a":{"b":{}},"a":2}')).toMatchObject({ key: 'a' });
  });
});

describe('parseJsonText', () => {
  it('parses what passes, refuses the rest without throwing', () => {
    expect(parseJsonText('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    const bad = parseJsonText('{"a":');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(jsonTextReportCode(bad.problem)).toBe('json_invalid');
    const deep = parseJsonText(`${'['.repeat(100)}${']'.repeat(100)}`);
    expect(deep.ok).toBe(false);
    if (!deep.ok) {
      expect(jsonTextReportCode(deep.problem)).toBe('input_too_deep');
      expect(describeJsonTextProblem(deep.problem)).toContain('deeper than 64');
    }
    const wide = parseJsonText(`[${Array(5000).fill('0').join(',')}]`);
    expect(!wide.ok && jsonTextReportCode(wide.problem)).toBe('input_too_large');
  });

  it('never throws on arbitrary text, and agrees with JSON.parse on what it accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          textOf.map((t) => t.text),
        ),
        (text) => {
          const parsed = parseJsonText(text, UNBOUNDED);
          let reference: { ok: boolean; value?: unknown };
          try {
            reference = { ok: true, value: JSON.parse(text) };
          } catch {
            reference = { ok: false };
          }
          if (parsed.ok) expect(parsed.value).toEqual(reference.value);
          else if (parsed.problem.kind === 'syntax') expect(reference.ok).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses deep text without building it (7,000,000 levels within maxInputBytes)', () => {
    const levels = 7_000_000;
    const text = `{"a":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    expect(scanJsonText(text)).toEqual({ kind: 'maxJsonDepth', max: 64, offset: 68 });
  });
});
