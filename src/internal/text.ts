/**
 * UTF-8 and UTF-16 text codecs that work on every runtime the core supports.
 *
 * The platform's `TextDecoder` is used when it does what the Encoding Standard says; otherwise a
 * pure-JS decoder with the same results takes over. That matters on React Native: Hermes had no
 * `TextDecoder` before React Native 0.85, and the common polyfills either refuse the `fatal`
 * option, ignore it (decoding invalid UTF-8 leniently) or know only UTF-8. Nothing is created
 * when the module loads: a decoder is probed on first use, then cached.
 *
 * @internal
 */

/** What a decode needs from the platform's decoder. */
interface Decoder {
  decode(input: Uint8Array): string;
}

const REPLACEMENT = 0xfffd;
const cache = new Map<string, Decoder | null>();
const UTF8_KEYS = ['utf-8', 'utf-8 fatal', 'utf-8 bom', 'utf-8 fatal bom'];

/**
 * The platform's decoder for `label` with `options`, when it exists and passes the probes
 * (`probes`: input bytes and the exact string expected, or `null` where it must throw).
 */
function platformDecoder(
  key: string,
  label: string,
  options: { fatal: boolean; ignoreBOM: boolean },
  probes: Array<[number[], string | null]>,
): Decoder | undefined {
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let found: Decoder | null = null;
  const Ctor = (globalThis as { TextDecoder?: new (l: string, o: object) => Decoder }).TextDecoder;
  if (typeof Ctor === 'function') {
    try {
      const decoder = new Ctor(label, options);
      const passes = probes.every(([bytes, expected]) => {
        try {
          const out = decoder.decode(new Uint8Array(bytes));
          return typeof out === 'string' && out === expected;
        } catch {
          return expected === null;
        }
      });
      if (passes) found = decoder;
    } catch {
      // No such label or option here: the pure-JS decoder serves.
    }
  }
  cache.set(key, found);
  return found ?? undefined;
}

/** Append UTF-16 code units to a string in slices (no argument-count limit is reached). */
function unitsToString(units: number[]): string {
  let out = '';
  for (let i = 0; i < units.length; i += 8192) {
    out += String.fromCharCode(...units.slice(i, i + 8192));
  }
  return out;
}

function pushCodePoint(units: number[], cp: number): void {
  if (cp < 0x10000) units.push(cp);
  else {
    const v = cp - 0x10000;
    units.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
  }
}

/**
 * The UTF-8 decoder of the Encoding Standard: each maximal ill-formed subsequence becomes one
 * U+FFFD, or, when `fatal`, the first one throws a `TypeError`.
 */
function decodeUtf8Js(bytes: Uint8Array, fatal: boolean): string {
  const units: number[] = [];
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  const error = () => {
    if (fatal) throw new TypeError('The encoded data was not valid UTF-8');
    units.push(REPLACEMENT);
  };
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (needed === 0) {
      if (byte <= 0x7f) units.push(byte);
      else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        cp = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
        cp = byte & 0x0f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        cp = byte & 0x07;
      } else error();
      continue;
    }
    if (byte < lower || byte > upper) {
      needed = 0;
      seen = 0;
      cp = 0;
      lower = 0x80;
      upper = 0xbf;
      error();
      i--; // the byte starts the next sequence
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (byte & 0x3f);
    seen++;
    if (seen === needed) {
      pushCodePoint(units, cp);
      needed = 0;
      seen = 0;
      cp = 0;
    }
  }
  if (needed !== 0) error();
  return unitsToString(units);
}

/** The UTF-16 decoder of the Encoding Standard (lone surrogates and an odd byte become U+FFFD). */
function decodeUtf16Js(bytes: Uint8Array, littleEndian: boolean): string {
  const units: number[] = [];
  let lead: number | undefined;
  const end = bytes.length - (bytes.length % 2);
  for (let i = 0; i < end; i += 2) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    const unit = littleEndian ? a | (b << 8) : (a << 8) | b;
    if (lead !== undefined) {
      if (unit >= 0xdc00 && unit <= 0xdfff) {
        units.push(lead, unit);
        lead = undefined;
        continue;
      }
      units.push(REPLACEMENT);
      lead = undefined;
    }
    if (unit >= 0xd800 && unit <= 0xdbff) lead = unit;
    else if (unit >= 0xdc00 && unit <= 0xdfff) units.push(REPLACEMENT);
    else units.push(unit);
  }
  if (lead !== undefined || end !== bytes.length) units.push(REPLACEMENT);
  return unitsToString(units);
}

/** Probes every UTF-8 decoder must pass: a BOM, an overlong form, a surrogate, a truncation. */
function utf8Probes(fatal: boolean, ignoreBOM: boolean): Array<[number[], string | null]> {
  const bad = (lenient: string): string | null => (fatal ? null : lenient);
  return [
    [[0xef, 0xbb, 0xbf, 0x41], ignoreBOM ? '\ufeffA' : 'A'],
    [[0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9], '\ud83d\ude00\u00e9'],
    [[0x41, 0xc0, 0x80, 0x42], bad('A\ufffd\ufffdB')],
    [[0xed, 0xa0, 0x80], bad('\ufffd\ufffd\ufffd')],
    [[0xe2, 0x82], bad('\ufffd')],
    [[0xf4, 0x90, 0x80, 0x80], bad('\ufffd\ufffd\ufffd\ufffd')],
  ];
}

/**
 * Decode UTF-8 as `new TextDecoder('utf-8', { fatal, ignoreBOM }).decode(bytes)` does: a
 * leading byte order mark is dropped unless `ignoreBOM`; invalid sequences become U+FFFD, or
 * throw a `TypeError` when `fatal`.
 *
 * @internal
 */
export function decodeUtf8(
  bytes: Uint8Array,
  options: { fatal?: boolean; ignoreBOM?: boolean } = {},
): string {
  const fatal = options.fatal === true;
  const ignoreBOM = options.ignoreBOM === true;
  const native = platformDecoder(
    UTF8_KEYS[(fatal ? 1 : 0) + (ignoreBOM ? 2 : 0)] as string,
    'utf-8',
    { fatal, ignoreBOM },
    utf8Probes(fatal, ignoreBOM),
  );
  if (native) return native.decode(bytes);
  const text = decodeUtf8Js(bytes, fatal);
  return !ignoreBOM && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Decode UTF-16 (little- or big-endian) as `new TextDecoder('utf-16le' | 'utf-16be')` does: a
 * leading byte order mark is dropped; lone surrogates and a final odd byte become U+FFFD.
 *
 * @internal
 */
export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const label = littleEndian ? 'utf-16le' : 'utf-16be';
  const unit = (u: number): number[] => (littleEndian ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]);
  const native = platformDecoder(label, label, { fatal: false, ignoreBOM: false }, [
    [[...unit(0xfeff), ...unit(0x41)], 'A'],
    [[...unit(0xd83d), ...unit(0xde00)], '\ud83d\ude00'],
    [[...unit(0x41), ...unit(0xd800), ...unit(0x42)], 'A\ufffdB'],
    [[...unit(0x41), 0x42], 'A\ufffd'],
  ]);
  if (native) return native.decode(bytes);
  const text = decodeUtf16Js(bytes, littleEndian);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

let encoder: { encode(text: string): Uint8Array } | null | undefined;

/**
 * True when `text` holds an unpaired UTF-16 surrogate: such text is not Unicode, has no UTF-8
 * form, and UTF-8 encoding replaces it with U+FFFD, so different strings would hash the same.
 *
 * @internal
 */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return true;
  }
  return false;
}

/**
 * Encode a string as UTF-8, as `new TextEncoder().encode(text)` does (a lone surrogate becomes
 * U+FFFD).
 *
 * @internal
 */
export function encodeUtf8(text: string): Uint8Array {
  if (encoder === undefined) {
    encoder = null;
    const Ctor = (globalThis as { TextEncoder?: new () => { encode(t: string): Uint8Array } })
      .TextEncoder;
    if (typeof Ctor === 'function') {
      try {
        const e = new Ctor();
        // A lone surrogate (0xd800) in the middle; built from code units, as some parsers refuse it as an escape.
        const probe = e.encode(String.fromCharCode(0x41, 0xe9, 0xd800, 0xd83d, 0xde00));
        const want = [0x41, 0xc3, 0xa9, 0xef, 0xbf, 0xbd, 0xf0, 0x9f, 0x98, 0x80];
        if (probe instanceof Uint8Array && want.every((b, i) => probe[i] === b)) encoder = e;
      } catch {
        // the pure-JS encoder serves
      }
    }
  }
  if (encoder) return encoder.encode(text);
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else cp = REPLACEMENT;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) cp = REPLACEMENT;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) {
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
    }
  }
  return new Uint8Array(out);
}

/** The pure-JS codecs, for tests that hold them to the platform's. @internal */
export const pureJs = { decodeUtf8Js, decodeUtf16Js };
