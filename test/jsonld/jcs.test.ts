/**
 * JSON Canonicalization Scheme (RFC 8785): the RFC's own published examples (section 3.2.2
 * serialization, section 3.2.3 sorting, Appendix B numbers), the W3C JCS test vectors, and a
 * property test against an independent implementation (the `canonicalize` package, written by
 * one of the RFC's authors).
 */
import fs from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeJcs } from '../../src/jsonld/index.js';

const runs = Number(process.env.OB3KIT_FUZZ_RUNS ?? 200);
const VECTORS = path.resolve(__dirname, '../../fixtures/vectors');

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('RFC 8785 published examples', () => {
  it('section 3.2.2: numbers, string escapes and literals', () => {
    // The RFC's input, written as the JSON text it gives.
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(canonicalizeJcs(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('section 3.2.3: members sorted by UTF-16 code units', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const values = Object.values(JSON.parse(canonicalizeJcs(input)));
    // A JS object lists "1" first whatever the order; the canonical text is what matters.
    const text = canonicalizeJcs(input);
    const order = [...text.matchAll(/":"([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    expect(values).toHaveLength(7);
  });

  // Appendix B: IEEE 754 binary64 value (hex) and its canonical text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('Appendix B: %s is %s', (bits, expected) => {
    expect(canonicalizeJcs(fromBits(bits))).toBe(expected);
    expect(canonicalizeJcs([fromBits(bits)])).toBe(`[${expected}]`);
  });

  it('Appendix B: NaN and Infinity have no canonical form (refused, never written as null)', () => {
    for (const bits of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
      expect(() => canonicalizeJcs({ n: fromBits(bits) })).toThrow(
        expect.objectContaining({ code: 'ERR_JCS_INVALID_VALUE' }),
      );
    }
  });
});

describe('W3C JCS test vectors', () => {
  it.each([
    ['vc-di-eddsa/eddsa-jcs-2022', 'signedJCS.json', 'canonDocJCS.txt'],
    ['vc-di-ecdsa/ecdsa-jcs-2019-p256', 'signedJCSECDSAP256.json', 'canonDocJCSECDSAP256.txt'],
  ])('%s: the canonical document', (dir, signed, canon) => {
    const { proof: _p, ...doc } = JSON.parse(
      fs.readFileSync(path.join(VECTORS, dir, signed), 'utf8'),
    );
    expect(canonicalizeJcs(doc)).toBe(fs.readFileSync(path.join(VECTORS, dir, canon), 'utf8'));
  });
});

describe('agreement with an independent implementation (canonicalize)', () => {
  it('gives the same text for any JSON value (full Unicode strings, any doubles)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 6 }), (value) => {
        expect(canonicalizeJcs(value)).toBe(canonicalize(value));
      }),
      { numRuns: runs },
    );
  });

  it('gives the same text for any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(canonicalizeJcs({ n })).toBe(canonicalize({ n }));
      }),
      { numRuns: runs * 5 },
    );
  });

  it('is stable: canonicalizing the parsed canonical text gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 6 }), (value) => {
        const once = canonicalizeJcs(value);
        expect(canonicalizeJcs(JSON.parse(once))).toBe(once);
      }),
      { numRuns: runs },
    );
  });
});

describe('refusals and bounds', () => {
  it('refuses unpaired surrogates in values and member names (no UTF-8 form)', () => {
    for (const bad of [{ a: '\ud800' }, { a: 'x\udc00y' }, { '\udbff': 1 }, ['\ud83d']]) {
      expect(() => canonicalizeJcs(bad)).toThrow(
        expect.objectContaining({ code: 'ERR_JSONLD_INVALID_STRING' }),
      );
    }
    // A well-formed pair is fine.
    expect(canonicalizeJcs({ a: '\ud83d\ude00' })).toBe('{"a":"😀"}');
  });

  it('refuses values JSON cannot hold instead of dropping or converting them', () => {
    const bad: unknown[] = [
      { a: undefined },
      [undefined],
      { f: () => 1 },
      { b: 1n },
      { d: new Date(0) },
      { m: new Map() },
      // biome-ignore lint/suspicious/noSparseArray: the case under test
      [1, , 3],
      undefined,
      Symbol('s'),
    ];
    for (const value of bad) {
      expect(() => canonicalizeJcs(value), String(value)).toThrow(
        expect.objectContaining({ code: 'ERR_JCS_INVALID_VALUE' }),
      );
    }
  });

  it('bounds depth, values and length before or while working, with a LimitError', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => canonicalizeJcs(deep)).toThrow(
      expect.objectContaining({ code: 'ERR_CANONIZE_LIMIT' }),
    );
    expect(() => canonicalizeJcs([[[1]]], { maxDepth: 2 })).toThrow(
      expect.objectContaining({ code: 'ERR_CANONIZE_LIMIT' }),
    );
    expect(canonicalizeJcs([[[1]]], { maxDepth: 3 })).toBe('[[[1]]]');
    expect(() => canonicalizeJcs(new Array(11).fill(0), { maxValues: 11 })).toThrow(
      expect.objectContaining({ code: 'ERR_CANONIZE_LIMIT' }),
    );
    expect(() => canonicalizeJcs({ s: 'x'.repeat(100) }, { maxLength: 100 })).toThrow(
      expect.objectContaining({ code: 'ERR_CANONIZE_LIMIT' }),
    );
    expect(() => canonicalizeJcs({}, { maxLength: -1 })).toThrow(TypeError);
  });

  it('reads an own "__proto__" member as data, like any other name', () => {
    const value = JSON.parse('{"b":1,"__proto__":{"x":2}}');
    expect(canonicalizeJcs(value)).toBe('{"__proto__":{"x":2},"b":1}');
  });
});
