/**
 * src/internal/text.ts decodes and encodes exactly as the platform's TextDecoder/TextEncoder do
 * (Node's, an independent implementation of the Encoding Standard, is the oracle), with or
 * without a usable platform codec: none at all (Hermes before React Native 0.85), a polyfill
 * that refuses `fatal`, one that ignores it, one that knows only UTF-8, one whose decode returns
 * no string.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pureJs } from '../../src/internal/text.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 500);
const NativeDecoder = globalThis.TextDecoder;
const NativeEncoder = globalThis.TextEncoder;

/** Bytes likely to hit every branch of a UTF-8 or UTF-16 decoder. */
const interesting = fc.constantFrom(
  0x00,
  0x41,
  0x7f,
  0x80,
  0xbf,
  0xc0,
  0xc1,
  0xc2,
  0xdf,
  0xe0,
  0xed,
  0xef,
  0xf0,
  0xf4,
  0xf5,
  0xff,
  0x9f,
  0xa0,
  0x8f,
  0x90,
  0xbb,
  0xd8,
  0xdb,
  0xdc,
  0xdf,
  0xfe,
);
const byteArrays = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.array(interesting, { maxLength: 40 }).map((a) => Uint8Array.from(a)),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => new NativeEncoder().encode(s)),
  fc
    .tuple(
      fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
      fc.array(interesting, { maxLength: 20 }),
    )
    .map(([bom, rest]) => Uint8Array.from([...bom, ...rest])),
);
const strings = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 30,
  }),
);

function native(label: string, fatal: boolean, ignoreBOM = false) {
  const d = new NativeDecoder(label, { fatal, ignoreBOM });
  return (b: Uint8Array): string | 'THROWS' => {
    try {
      return d.decode(b);
    } catch {
      return 'THROWS';
    }
  };
}
function caught(fn: () => string): string | 'THROWS' {
  try {
    return fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return 'THROWS';
  }
}

describe('pure-JS codecs against the platform', () => {
  it('UTF-8, lenient and fatal (BOM kept)', () => {
    const lenient = native('utf-8', false, true);
    const fatal = native('utf-8', true, true);
    fc.assert(
      fc.property(byteArrays, (b) => {
        expect(pureJs.decodeUtf8Js(b, false)).toBe(lenient(b));
        expect(caught(() => pureJs.decodeUtf8Js(b, true))).toBe(fatal(b));
      }),
      { numRuns: RUNS },
    );
  });

  it('UTF-16LE and UTF-16BE (BOM kept)', () => {
    const le = native('utf-16le', false, true);
    const be = native('utf-16be', false, true);
    fc.assert(
      fc.property(byteArrays, (b) => {
        expect(pureJs.decodeUtf16Js(b, true)).toBe(le(b));
        expect(pureJs.decodeUtf16Js(b, false)).toBe(be(b));
      }),
      { numRuns: RUNS },
    );
  });
});

/** Platform codecs a React Native app may have instead of the standard ones. */
const PLATFORMS: Record<string, { TextDecoder?: unknown; TextEncoder?: unknown }> = {
  'no TextDecoder, no TextEncoder (Hermes before React Native 0.74)': {},
  'a polyfill that refuses the fatal option and knows only UTF-8': {
    TextDecoder: class {
      constructor(label = 'utf-8', options: { fatal?: boolean } = {}) {
        if (!/^utf-?8$/i.test(label)) throw new RangeError(`unsupported encoding ${label}`);
        if (options.fatal) throw new RangeError("the 'fatal' option is unsupported");
      }
      decode(b: Uint8Array) {
        return new NativeDecoder('utf-8').decode(b);
      }
    },
  },
  'a polyfill that ignores the fatal and ignoreBOM options': {
    TextDecoder: class {
      decode(b: Uint8Array) {
        return new NativeDecoder('utf-8').decode(b);
      }
    },
    TextEncoder: class {
      encode(s: string) {
        // drops lone surrogates instead of writing U+FFFD
        return new NativeEncoder().encode(s.replace(/[\ud800-\udfff]/g, ''));
      }
    },
  },
  'a decoder whose decode returns an object': {
    TextDecoder: class {
      decode(b: Uint8Array) {
        return new String(new NativeDecoder('utf-8').decode(b));
      }
    },
  },
  "the platform's own": { TextDecoder: NativeDecoder, TextEncoder: NativeEncoder },
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('decodeUtf8, decodeUtf16 and encodeUtf8 on each platform', () => {
  for (const [name, platform] of Object.entries(PLATFORMS)) {
    it(name, async () => {
      vi.stubGlobal('TextDecoder', platform.TextDecoder);
      vi.stubGlobal('TextEncoder', platform.TextEncoder);
      vi.resetModules();
      const text = await import('../../src/internal/text.js');
      // Nothing is constructed at load: the module imported with these globals in place.
      const oracle = {
        lenient: native('utf-8', false),
        fatal: native('utf-8', true),
        fatalKeepBom: native('utf-8', true, true),
        le: native('utf-16le', false),
        be: native('utf-16be', false),
      };
      fc.assert(
        fc.property(byteArrays, strings, (b, s) => {
          expect(text.decodeUtf8(b)).toBe(oracle.lenient(b));
          expect(caught(() => text.decodeUtf8(b, { fatal: true }))).toBe(oracle.fatal(b));
          expect(caught(() => text.decodeUtf8(b, { fatal: true, ignoreBOM: true }))).toBe(
            oracle.fatalKeepBom(b),
          );
          expect(text.decodeUtf16(b, true)).toBe(oracle.le(b));
          expect(text.decodeUtf16(b, false)).toBe(oracle.be(b));
          expect(text.encodeUtf8(s)).toEqual(new NativeEncoder().encode(s));
        }),
        { numRuns: Math.ceil(RUNS / 4) },
      );
      // The cases the probes are built on, spelled out.
      expect(() => text.decodeUtf8(Uint8Array.from([0xc0, 0x80]), { fatal: true })).toThrow(
        TypeError,
      );
      expect(text.decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
      expect(text.encodeUtf8('\ud800')).toEqual(Uint8Array.from([0xef, 0xbf, 0xbd]));
      for (const bytes of [
        [0xed, 0xa0, 0x80], // a surrogate, encoded
        [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
        [0xe0, 0x80, 0x80], // overlong
        [0xf0, 0x9f, 0x98], // truncated
        [0x41, 0xff, 0x42],
      ]) {
        const b = Uint8Array.from(bytes);
        expect(text.decodeUtf8(b)).toBe(oracle.lenient(b));
        expect(text.decodeUtf8(b)).toContain('\ufffd');
        expect(() => text.decodeUtf8(b, { fatal: true })).toThrow(TypeError);
      }
      expect(text.decodeUtf16(Uint8Array.from([0x41, 0x00, 0x42]), true)).toBe('A\ufffd');
      expect(text.decodeUtf16(Uint8Array.from([0x00, 0xd8, 0x41, 0x00]), true)).toBe('\ufffdA');
    });
  }
});
