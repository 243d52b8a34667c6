/**
 * PNG baking (Open Badges 3.0 section "Baked Badge / PNG"): one uncompressed `iTXt` chunk with
 * keyword `openbadgecredential` whose text is the credential's JSON or its compact JWT. The
 * keyword is a parameter (`CarrierSpec`), so Open Badges 2.0 and CLR 2.0 images use the same code.
 *
 * Every chunk is CRC-checked, and every place where some reader could find a credential is
 * found (see `carriers.ts`): text chunks of any type spelling whose keyword, ignoring letter case,
 * whitespace and NULs around it, is a badge keyword, and badge keywords in bytes after `IEND`. An
 * image with more than one, or with one that is not in its standard form, is refused
 * (`ERR_BAKE_AMBIGUOUS`) before any text is read, so a second carrier never costs a decompression.
 */
import { BakeError } from '../errors.js';
import { concatBytes, fromUtf8, utf8 } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { inflateBounded } from '../internal/inflate.js';
import {
  ambiguousError,
  bakeConflictError,
  CARRIERS,
  type CarrierMention,
  type CarrierSpec,
  type FoundCarrier,
  OB3_CARRIER,
  withArticle,
} from './carriers.js';
import { crc32 } from './crc32.js';
import { toBakePayload } from './payload.js';
import { hasPngSignature } from './signatures.js';
import type { BakeOptions, ResolvedLimits } from './types.js';

const MAX_CHUNK_LENGTH = 0x7fffffff;

/** One chunk's location in the datastream. */
interface Chunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset just past the chunk's CRC. */
  end: number;
  dataStart: number;
  dataEnd: number;
}

interface ParsedPng {
  chunks: Chunk[];
  /** Offset just past the IEND chunk (bytes after it are kept as they are). */
  iendEnd: number;
}

function readU32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number)) >>>
    0
  );
}

function writeU32(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 24) & 0xff;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

function isLetter(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/** Walk the chunk list, checking lengths, chunk types, CRCs and the IHDR/IEND frame. */
function parsePng(bytes: Uint8Array): ParsedPng {
  if (!hasPngSignature(bytes)) {
    throw new BakeError('ERR_IMAGE_FORMAT', 'The image does not start with the PNG signature');
  }
  const chunks: Chunk[] = [];
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) {
      throw new BakeError(
        'ERR_PNG_TRUNCATED',
        `The PNG ends at byte ${bytes.length} without an IEND chunk (a chunk header was expected at byte ${at})`,
        { offset: at },
      );
    }
    const length = readU32(bytes, at);
    const t0 = bytes[at + 4] as number;
    const t1 = bytes[at + 5] as number;
    const t2 = bytes[at + 6] as number;
    const t3 = bytes[at + 7] as number;
    if (!(isLetter(t0) && isLetter(t1) && isLetter(t2) && isLetter(t3))) {
      throw new BakeError(
        'ERR_PNG_CHUNK',
        `The PNG chunk at byte ${at} has an invalid type (expected four ASCII letters)`,
        { offset: at },
      );
    }
    const type = String.fromCharCode(t0, t1, t2, t3);
    if (length > MAX_CHUNK_LENGTH) {
      throw new BakeError(
        'ERR_PNG_CHUNK',
        `The PNG chunk ${type} at byte ${at} declares length ${length}, more than 2^31-1`,
        { offset: at, type },
      );
    }
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    const end = dataEnd + 4;
    if (end > bytes.length) {
      throw new BakeError(
        'ERR_PNG_TRUNCATED',
        `The PNG chunk ${type} at byte ${at} declares ${length} data bytes, past the end of the file (${bytes.length} bytes)`,
        { offset: at, type },
      );
    }
    const expected = readU32(bytes, dataEnd);
    const actual = crc32(bytes, at + 4, dataEnd);
    if (expected !== actual) {
      throw new BakeError(
        'ERR_PNG_CRC',
        `The PNG chunk ${type} at byte ${at} has CRC 0x${expected.toString(16).padStart(8, '0')}, expected 0x${actual.toString(16).padStart(8, '0')}`,
        { offset: at, type },
      );
    }
    if (chunks.length === 0 && (type !== 'IHDR' || length !== 13)) {
      throw new BakeError(
        'ERR_PNG_STRUCTURE',
        `The first PNG chunk must be a 13-byte IHDR; found ${type} (${length} bytes)`,
        { type },
      );
    }
    chunks.push({ type, start: at, end, dataStart, dataEnd });
    at = end;
    if (type === 'IEND') {
      if (length !== 0) {
        throw new BakeError(
          'ERR_PNG_STRUCTURE',
          `The PNG IEND chunk must be empty; it has ${length} bytes`,
        );
      }
      return { chunks, iendEnd: end };
    }
  }
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/** The keyword of a tEXt/zTXt/iTXt chunk (bytes up to the first NUL), or undefined. */
function keywordOf(bytes: Uint8Array, chunk: Chunk): string | undefined {
  const limit = Math.min(chunk.dataEnd, chunk.dataStart + 80);
  for (let i = chunk.dataStart; i < limit; i++) {
    if (bytes[i] === 0) return latin1(bytes, chunk.dataStart, i);
  }
  // A keyword with nothing after it: recognised, so that reading it reports a malformed chunk.
  return chunk.dataEnd - chunk.dataStart < 80
    ? latin1(bytes, chunk.dataStart, chunk.dataEnd)
    : undefined;
}

function indexOfZero(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (bytes[i] === 0) return i;
  return -1;
}

/** Inflate zlib data, stopping with `ERR_BAKE_TOO_LARGE` as soon as the output passes `max`. */
function inflateLimited(data: Uint8Array, max: number, where: string): Uint8Array {
  const out = inflateBounded(data, max, 'zlib');
  switch (out.status) {
    case 'ok':
      return out.bytes;
    case 'corrupt':
      throw new BakeError(
        'ERR_PNG_ITXT',
        `The compressed text of ${where} is not valid zlib data: ${out.message}`,
      );
    case 'too_large':
      throw new BakeError(
        'ERR_BAKE_TOO_LARGE',
        `The compressed text of ${where} expands past maxCredentialBytes (${max})`,
        { limit: max },
      );
    case 'truncated':
      throw new BakeError('ERR_PNG_ITXT', `The compressed text of ${where} is truncated`);
  }
}

interface ItxtText {
  text: string;
  compressed: boolean;
}

/** Decode an iTXt chunk's text (PNG spec 11.3.4.5), inflating it when compressed. */
function readItxt(bytes: Uint8Array, chunk: Chunk, limits: ResolvedLimits): ItxtText {
  const where = `the iTXt chunk at byte ${chunk.start}`;
  const malformed = (what: string) =>
    new BakeError('ERR_PNG_ITXT', `${where} is malformed: ${what}`);
  const k = indexOfZero(bytes, chunk.dataStart, chunk.dataEnd);
  if (k < 0) throw malformed('no keyword terminator');
  if (k + 3 > chunk.dataEnd) throw malformed('it ends before the compression fields');
  const flag = bytes[k + 1] as number;
  const method = bytes[k + 2] as number;
  const lang = indexOfZero(bytes, k + 3, chunk.dataEnd);
  if (lang < 0) throw malformed('no language tag terminator');
  const translated = indexOfZero(bytes, lang + 1, chunk.dataEnd);
  if (translated < 0) throw malformed('no translated keyword terminator');
  let textBytes = bytes.subarray(translated + 1, chunk.dataEnd);
  if (flag !== 0 && flag !== 1) throw malformed(`compression flag ${flag} (expected 0 or 1)`);
  const compressed = flag === 1;
  if (compressed) {
    if (method !== 0) throw malformed(`compression method ${method} (only 0, zlib, exists)`);
    textBytes = inflateLimited(textBytes, limits.maxCredentialBytes, where);
  }
  if (textBytes.length > limits.maxCredentialBytes) {
    throw new BakeError(
      'ERR_BAKE_TOO_LARGE',
      `The text of ${where} is ${textBytes.length} bytes, more than maxCredentialBytes (${limits.maxCredentialBytes})`,
      { size: textBytes.length, limit: limits.maxCredentialBytes },
    );
  }
  let text: string;
  try {
    text = fromUtf8(textBytes);
  } catch {
    throw malformed('its text is not valid UTF-8');
  }
  return { text, compressed };
}

function checkImageSize(bytes: Uint8Array, limits: ResolvedLimits): void {
  if (bytes.length > limits.maxImageBytes) {
    throw new BakeError(
      'ERR_IMAGE_TOO_LARGE',
      `The image is ${bytes.length} bytes, more than maxImageBytes (${limits.maxImageBytes})`,
      { size: bytes.length, limit: limits.maxImageBytes },
    );
  }
}

/** `iTXt`, `tEXt` or `zTXt` in any letter case (chunk types are four letters, checked). */
function isTextChunkType(type: string): boolean {
  const c0 = type.charCodeAt(0) | 0x20;
  const c1 = type.charCodeAt(1) | 0x20;
  if ((type.charCodeAt(2) | 0x20) !== 0x78 || (type.charCodeAt(3) | 0x20) !== 0x74) return false; // xt
  return (
    (c0 === 0x69 && c1 === 0x74) || (c0 === 0x74 && c1 === 0x65) || (c0 === 0x7a && c1 === 0x74) // it, te, zt
  );
}

/** How long a keyword is looked at, after any leading whitespace and NULs (the PNG limit is 79). */
const KEYWORD_WINDOW = 64;

function isSpaceOrNul(b: number | undefined): boolean {
  return b === 0 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** The kind whose PNG keyword `bytes[a, b)` is, ignoring ASCII letter case (no string built). */
function keywordSpec(bytes: Uint8Array, a: number, b: number): CarrierSpec | undefined {
  for (const spec of CARRIERS) {
    const kw = spec.pngKeyword;
    if (kw.length !== b - a) continue;
    let k = 0;
    // Keywords are lower-case letters: `| 0x20` matches a letter in either case and nothing else.
    while (k < kw.length && ((bytes[a + k] as number) | 0x20) === kw.charCodeAt(k)) k++;
    if (k === kw.length) return spec;
  }
  return undefined;
}

/**
 * The badge kind a lenient reader takes a text chunk's keyword for: NULs and whitespace around
 * the keyword dropped, letter case ignored. `rawStart` and `rawEnd` delimit it as written.
 */
function looseKeyword(
  bytes: Uint8Array,
  chunk: Chunk,
): { spec: CarrierSpec; rawStart: number; rawEnd: number } | undefined {
  let a = chunk.dataStart;
  while (a < chunk.dataEnd && isSpaceOrNul(bytes[a])) a++;
  const limit = Math.min(chunk.dataEnd, a + KEYWORD_WINDOW);
  let b = a;
  while (b < limit && bytes[b] !== 0) b++;
  const rawEnd = b;
  while (b > a && isSpaceOrNul(bytes[b - 1])) b--;
  const spec = keywordSpec(bytes, a, b);
  return spec && { spec, rawStart: a, rawEnd };
}

/** Case-insensitive search of `word` (lower-case ASCII) in `bytes[from, to)`. */
function indexOfWord(bytes: Uint8Array, word: string, from: number, to: number): number {
  const first = word.charCodeAt(0);
  outer: for (let i = from; i + word.length <= to; i++) {
    if (((bytes[i] as number) | 0x20) !== first) continue;
    for (let k = 1; k < word.length; k++) {
      if (((bytes[i + k] as number) | 0x20) !== word.charCodeAt(k)) continue outer;
    }
    return i;
  }
  return -1;
}

/** A place in the PNG where a reader could find a credential. */
interface PngMention extends CarrierMention {
  chunk?: Chunk;
  /** Set when this is the standard carrier of its kind (chunk type and keyword exact). */
  standard?: CarrierSpec;
  /** Why it is not (for a lone mention). */
  why?: string;
}

/** Every place in the PNG where some reader could find a credential. */
function pngMentions(bytes: Uint8Array, png: ParsedPng): PngMention[] {
  const mentions: PngMention[] = [];
  for (const c of png.chunks) {
    if (!isTextChunkType(c.type)) continue;
    const loose = looseKeyword(bytes, c);
    if (!loose) continue;
    const spec = loose.spec;
    const standard = keywordOf(bytes, c) === spec.pngKeyword && spec.pngTypes.includes(c.type);
    // As written, with at most 4 of the bytes before it (a long run of NULs is summarised).
    const skipped = loose.rawStart - c.dataStart;
    const shown =
      JSON.stringify(latin1(bytes, Math.max(c.dataStart, loose.rawStart - 4), loose.rawEnd)) +
      (skipped > 4 ? ` (after ${skipped} NUL or whitespace bytes)` : '');
    mentions.push({
      chunk: c,
      ...(standard ? { standard: spec } : {}),
      why: `${withArticle(spec.label)} goes in an ${spec.pngTypes.join(' or ')} chunk with the keyword '${spec.pngKeyword}' exactly, but some readers take this chunk for one`,
      describe: () =>
        `the ${c.type} chunk ${shown} at byte ${c.start}${standard ? ` (${spec.label})` : ''}`,
    });
  }
  const after = png.iendEnd;
  if (after < bytes.length) {
    // A chunk after IEND, or a second PNG appended: keywords are never compressed, so a search
    // of the bytes for the badge keywords finds every text chunk any reader could read there.
    let at = -1;
    for (const word of ['openbadge', 'clrcredential']) {
      const i = indexOfWord(bytes, word, after, bytes.length);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at >= 0) {
      let end = at;
      while (end < bytes.length && end - at < 24 && isLetter(bytes[end] as number)) end++;
      const shown = JSON.stringify(latin1(bytes, at, end));
      mentions.push({
        why: 'readers that go on past IEND, or read a second image appended to the first, find a credential there',
        describe: () =>
          `the bytes after the IEND chunk (which ends at byte ${after}) hold the keyword ${shown} at byte ${at}`,
      });
    }
  }
  return mentions;
}

/**
 * Serialize one PNG chunk: length, four-letter type, data and the CRC-32 of type and data.
 *
 * @example
 * ```ts
 * encodeChunk('IEND', new Uint8Array(0)); // 00 00 00 00 49 45 4e 44 ae 42 60 82
 * ```
 */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  if (!/^[A-Za-z]{4}$/.test(type)) throw new TypeError(`encodeChunk: invalid chunk type ${type}`);
  const out = new Uint8Array(12 + data.length);
  writeU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeU32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** Build an uncompressed iTXt chunk: keyword, flag 0, method 0, empty language and translation. */
function makeItxtChunk(keyword: string, text: Uint8Array): Uint8Array {
  // NUL after the keyword, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL.
  return encodeChunk('iTXt', concatBytes(utf8(keyword), new Uint8Array(5), text));
}

/**
 * Bake a credential into PNG bytes. Every other chunk, and any bytes after IEND, are copied
 * unchanged; an existing standard chunk of the same kind (`spec`, by default Open Badges 3.0's
 * `openbadgecredential`) is replaced where it stands. Any other carrier in the image is refused.
 */
export function bakePng(
  bytes: Uint8Array,
  credential: unknown,
  limits: ResolvedLimits,
  options: BakeOptions | undefined,
  fn: string,
  spec: CarrierSpec = OB3_CARRIER,
): Uint8Array {
  checkImageSize(bytes, limits);
  const payload = toBakePayload(credential, limits, fn);
  const png = parsePng(bytes);
  const mentions = pngMentions(bytes, png);
  const only = mentions.length === 1 ? mentions[0] : undefined;
  if (mentions.length > 0 && only?.standard !== spec) {
    throw bakeConflictError(fn, 'png', mentions, spec);
  }
  const existing = only?.chunk;
  const chunk = makeItxtChunk(spec.pngKeyword, payload.bytes);
  const position = options?.pngPosition ?? 'after-ihdr';
  if (position !== 'after-ihdr' && position !== 'before-iend') {
    throw new TypeError(
      `${fn}: options.pngPosition must be 'after-ihdr' or 'before-iend', found ${describeValue(position)}`,
    );
  }
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const c of png.chunks) {
    if (c === existing) {
      parts.push(chunk);
      continue;
    }
    if (!existing && position === 'before-iend' && c.type === 'IEND') parts.push(chunk);
    parts.push(bytes.subarray(c.start, c.end));
    if (!existing && position === 'after-ihdr' && c.type === 'IHDR') parts.push(chunk);
  }
  parts.push(bytes.subarray(png.iendEnd));
  return concatBytes(...parts);
}

/** Read a legacy `tEXt` chunk's text (Latin-1), within `maxCredentialBytes`. */
function readText(bytes: Uint8Array, chunk: Chunk, limits: ResolvedLimits): string {
  const k = indexOfZero(bytes, chunk.dataStart, chunk.dataEnd);
  const start = k < 0 ? chunk.dataEnd : k + 1;
  if (chunk.dataEnd - start > limits.maxCredentialBytes) {
    throw new BakeError(
      'ERR_BAKE_TOO_LARGE',
      `The text of the tEXt chunk at byte ${chunk.start} is more than maxCredentialBytes (${limits.maxCredentialBytes})`,
      { size: chunk.dataEnd - start, limit: limits.maxCredentialBytes },
    );
  }
  for (let i = start; i < chunk.dataEnd; i++) {
    if ((bytes[i] as number) >= 0x80) {
      throw ambiguousError(
        'png',
        [
          {
            describe: () =>
              `the tEXt chunk at byte ${chunk.start} has a byte above 0x7F at byte ${i}`,
          },
        ],
        'tEXt text is Latin-1, but many readers decode it as UTF-8, and the two give different text',
      );
    }
  }
  return latin1(bytes, start, chunk.dataEnd);
}

/**
 * Find and read the one credential carrier of PNG bytes: `undefined` when there is none,
 * `ERR_BAKE_AMBIGUOUS` when a reader could find more than one or the only one is not in its
 * standard form. Only that one chunk's text is read (inflated at most to `maxCredentialBytes`).
 */
export function findPngCarrier(
  bytes: Uint8Array,
  limits: ResolvedLimits,
): FoundCarrier | undefined {
  checkImageSize(bytes, limits);
  const png = parsePng(bytes);
  const mentions = pngMentions(bytes, png);
  if (mentions.length === 0) return undefined;
  const only = mentions[0] as PngMention;
  if (mentions.length > 1 || !only.standard || !only.chunk) {
    throw ambiguousError('png', mentions, only.why);
  }
  const spec = only.standard;
  const chunk = only.chunk;
  const location = {
    format: 'png' as const,
    chunkType: chunk.type,
    keyword: spec.pngKeyword,
    offset: chunk.start,
  };
  const where = `the PNG ${chunk.type} chunk '${spec.pngKeyword}'`;
  if (chunk.type === 'iTXt') {
    const { text, compressed } = readItxt(bytes, chunk, limits);
    return { spec, format: 'png', text, ...(compressed ? { compressed } : {}), where, location };
  }
  return { spec, format: 'png', text: readText(bytes, chunk, limits), where, location };
}
