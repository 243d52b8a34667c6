/**
 * describeValue(): how every message shows a value it found (docs/architecture.md, "One way to
 * show a value"), and the rule held over src/: no message outside the command line shows a found
 * value another way (`String(x)`, `JSON.stringify(x)`, `typeof x`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/internal/describe.js';
import { filesUnder, SRC } from '../package/helpers.js';

describe('describeValue', () => {
  it('names each kind of value briefly', () => {
    const cases: Array<[unknown, string]> = [
      [undefined, 'undefined'],
      [null, 'null'],
      ['', 'an empty string'],
      ['Done', '"Done"'],
      ['x'.repeat(61), `"${'x'.repeat(57)}..."`],
      [42, 'number 42'],
      [Number.NaN, 'number NaN'],
      [true, 'boolean true'],
      [10n, 'bigint 10'],
      [[], 'an empty array'],
      [['a'], '["a"]'],
      [Array(12).fill('VerifiableCredential'), 'an array of 12 items'],
      [new Date(0), 'a Date'],
      [new Date(Number.NaN), 'an invalid Date'],
      [new Uint8Array(32), 'a Uint8Array of 32 bytes'],
      [() => 1, 'a function'],
      [Symbol('s'), 'a symbol'],
      [{ a: 'x'.repeat(10_000) }, 'an object'],
    ];
    for (const [value, shown] of cases) expect(describeValue(value), shown).toBe(shown);
    // An array JSON cannot write (a BigInt in it) is counted, not shown.
    expect(describeValue([1n])).toBe('an array of 1 item');
  });

  it('is how src/ shows a value it found (the command line aside)', () => {
    const other = /\b(?:got|found)[:;]? \$\{\s*(?:String\(|JSON\.stringify\(|typeof\s)/;
    const offenders: string[] = [];
    for (const file of filesUnder(SRC)) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      if (rel.startsWith('cli/')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (other.test(line)) offenders.push(`src/${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
    // The pattern finds what it is for: `found ${...}` with each way of showing a value.
    const message = (expr: string) => ['`found $', '{', expr, '}`'].join('');
    expect(other.test(message('String(v)'))).toBe(true);
    expect(other.test(message('JSON.stringify(v)'))).toBe(true);
    expect(other.test(message('typeof v'))).toBe(true);
    expect(other.test(message('describeValue(v)'))).toBe(false);
  });
});
