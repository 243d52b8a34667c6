/**
 * PNG baking (Open Badges 3.0 section "Baked Badge / PNG"): one uncompressed `iTXt` chunk with
 * keyword `openbadgecredential` whose text is the credential's JSON or its compact JWT.
 */
import { BakeError } from '../errors.js';
import { concatBytes, fromUtf8, utf8 } from '../internal/bytes.js';
import { inflateBounded } from '../internal/inflate.js';
import { crc32 } from './crc32.js';
import { legacyKind, readOb3Payload, toBakePayload } from './payload.js';
import {
  type BakeOptions,
  type CarrierKind,
  CLR_PNG_KEYWORD,
  OB2_PNG_KEYWORD,
  OB3_PNG_KEYWORD,
  type ResolvedLimits,
  type UnbakeResult,
} from './types.js';

/** The PNG keyword of each carrier kind. */
const KEYWORDS: Record<CarrierKind, string> = { ob3: OB3_PNG_KEYWORD, clr: CLR_PNG_KEYWORD };

/** The eight bytes every PNG datastream starts with. */
export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

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

/** True when `bytes` starts with the PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return false;
  return true;
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

function credentialChunks(bytes: Uint8Array, png: ParsedPng, kind: CarrierKind = 'ob3'): Chunk[] {
  const keyword = KEYWORDS[kind];
  const found = png.chunks.filter((c) => c.type === 'iTXt' && keywordOf(bytes, c) === keyword);
  if (found.length > 1) {
    throw new BakeError(
      'ERR_PNG_DUPLICATE_CREDENTIAL',
      `The PNG has ${found.length} iTXt chunks with keyword '${keyword}' (at bytes ${found.map((c) => c.start).join(', ')}); the spec allows one`,
    );
  }
  return found;
}

/** An image holds one credential: an Open Badges 3.0 chunk and a CLR 2.0 chunk is ambiguous. */
function ambiguous(ob3: Chunk, clr: Chunk, what: string): BakeError {
  return new BakeError(
    'ERR_BAKE_AMBIGUOUS',
    `${what}: the PNG has an iTXt chunk '${OB3_PNG_KEYWORD}' (at byte ${ob3.start}) and an iTXt chunk '${CLR_PNG_KEYWORD}' (at byte ${clr.start}); an image carries one credential, since readers differ in which one they show`,
  );
}

/** Build an uncompressed iTXt chunk: keyword, flag 0, method 0, empty language and translation. */
function makeItxtChunk(keyword: string, text: Uint8Array): Uint8Array {
  const header = utf8(keyword); // ASCII
  const dataLength = header.length + 5 + text.length;
  const out = new Uint8Array(12 + dataLength);
  writeU32(out, 0, dataLength);
  out.set([0x69, 0x54, 0x58, 0x74], 4); // 'iTXt'
  out.set(header, 8);
  // NUL after the keyword, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL.
  out.set([0, 0, 0, 0, 0], 8 + header.length);
  out.set(text, 8 + header.length + 5);
  writeU32(out, 8 + dataLength, crc32(out, 4, 8 + dataLength));
  return out;
}

/**
 * Bake a credential into PNG bytes. Every other chunk, and any bytes after IEND, are copied
 * unchanged; an existing chunk of the same kind (`openbadgecredential`, or `clrcredential` for
 * a CLR) is replaced where it stands; a chunk of the other kind is refused (one credential an
 * image).
 */
export function bakePng(
  bytes: Uint8Array,
  credential: unknown,
  limits: ResolvedLimits,
  options: BakeOptions | undefined,
  fn: string,
  kind: CarrierKind = 'ob3',
): Uint8Array {
  checkImageSize(bytes, limits);
  const payload = toBakePayload(credential, limits, fn);
  const png = parsePng(bytes);
  const existing = credentialChunks(bytes, png, kind)[0];
  const other = credentialChunks(bytes, png, kind === 'ob3' ? 'clr' : 'ob3')[0];
  if (other) {
    throw new BakeError(
      'ERR_BAKE_AMBIGUOUS',
      `${fn}: the PNG already carries ${kind === 'ob3' ? 'a CLR 2.0 record' : 'an Open Badges 3.0 credential'} (iTXt chunk '${KEYWORDS[kind === 'ob3' ? 'clr' : 'ob3']}' at byte ${other.start}); an image carries one credential, so remove it first`,
    );
  }
  const chunk = makeItxtChunk(KEYWORDS[kind], payload.bytes);
  const position = options?.pngPosition ?? 'after-ihdr';
  if (position !== 'after-ihdr' && position !== 'before-iend') {
    throw new TypeError(
      `${fn}: options.pngPosition must be 'after-ihdr' or 'before-iend', got ${String(position)}`,
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

/** Read the credential baked into PNG bytes. */
export function unbakePng(bytes: Uint8Array, limits: ResolvedLimits): UnbakeResult {
  checkImageSize(bytes, limits);
  const png = parsePng(bytes);
  const ob3 = credentialChunks(bytes, png, 'ob3')[0];
  const clr = credentialChunks(bytes, png, 'clr')[0];
  if (ob3 && clr) throw ambiguous(ob3, clr, 'unbakeBadge');
  const chunk = ob3 ?? clr;
  if (chunk) {
    const { text, compressed } = readItxt(bytes, chunk, limits);
    const keyword = chunk === ob3 ? OB3_PNG_KEYWORD : CLR_PNG_KEYWORD;
    const payload = readOb3Payload(text, `the PNG iTXt chunk '${keyword}'`);
    return {
      format: 'png',
      version: chunk === ob3 ? 'ob3' : 'clr',
      text,
      ...payload,
      ...(compressed ? { compressed: true } : {}),
    };
  }
  // Open Badges 2.0: an iTXt (or, before 2.0, tEXt) chunk with keyword 'openbadges'.
  for (const c of png.chunks) {
    if ((c.type === 'iTXt' || c.type === 'tEXt') && keywordOf(bytes, c) === OB2_PNG_KEYWORD) {
      let text: string;
      let compressed = false;
      if (c.type === 'iTXt') ({ text, compressed } = readItxt(bytes, c, limits));
      else {
        const start = c.dataStart + OB2_PNG_KEYWORD.length + 1;
        if (c.dataEnd - start > limits.maxCredentialBytes) {
          throw new BakeError(
            'ERR_BAKE_TOO_LARGE',
            `The text of the tEXt chunk at byte ${c.start} is more than maxCredentialBytes (${limits.maxCredentialBytes})`,
          );
        }
        text = latin1(bytes, start, c.dataEnd);
      }
      return {
        format: 'png',
        version: 'ob2',
        kind: legacyKind(text),
        text,
        ...(compressed ? { compressed: true } : {}),
      };
    }
  }
  throw new BakeError(
    'ERR_BAKE_NO_CREDENTIAL',
    `The PNG has no iTXt chunk with keyword '${OB3_PNG_KEYWORD}' or '${CLR_PNG_KEYWORD}' (nor an Open Badges 2.0 '${OB2_PNG_KEYWORD}' chunk)`,
  );
}
