import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateJsonKey } from '../../src/internal/json-duplicates.js';

/** Independent oracle: a recursive-descent reader that records every object's member names. */
function oracleHasDuplicate(text: string): boolean {
  let i = 0;
  let dup = false;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const k = str();
        if (seen.has(k)) dup = true;
        seen.add(k);
        ws();
        i++; // :
        value();
        ws();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') {
      str();
      return;
    }
    while (i < text.length && !',]} \t\n\r'.includes(text[i] as string)) i++;
  };
  value();
  return dup;
}

/** JSON text of an object built from [name, value] pairs, keeping repeated names. */
function objectText(pairs: Array<[string, string]>): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const jsonText: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 0 }).map((v) => JSON.stringify(v)),
    tie('object'),
    fc.array(tie('value'), { maxLength: 4 }).map((a) => `[${(a as string[]).join(',')}]`),
  ),
  object: fc
    .array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'a\u0000', 'é', '"q"', 'name'), tie('value')), {
      maxLength: 5,
    })
    .map((pairs) => objectText(pairs as Array<[string, string]>)),
})).object as fc.Arbitrary<string>;

describe('findDuplicateJsonKey', () => {
  it('finds a repeated member name, including an escaped spelling and in nested objects', () => {
    expect(findDuplicateJsonKey('{"a":1,"b":{"c":2,"c":3}}')).toEqual({ key: 'c', offset: 18 });
    expect(findDuplicateJsonKey('{"name":"x","\\u006eame":"y"}')?.key).toBe('name');
    expect(findDuplicateJsonKey('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBeUndefined();
    expect(findDuplicateJsonKey('{"a":"\\"a\\"","b":"a"}')).toBeUndefined();
  });

  it('agrees with an independent reader on generated JSON text', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        JSON.parse(text); // the scanner's precondition
        expect(findDuplicateJsonKey(text) !== undefined).toBe(oracleHasDuplicate(text));
      }),
      { numRuns: 500 },
    );
  });
});
