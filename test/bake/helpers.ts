/**
 * Test helpers for baking: an independent PNG writer and chunk reader built on node:zlib
 * (deflate and crc32), and the fixture images.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/images');

/** A fixture image as bytes. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

/** A fixture file as UTF-8 text. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export interface RawChunk {
  type: string;
  data: Uint8Array;
  /** The whole chunk: length, type, data, CRC. */
  raw: Uint8Array;
}

/** Serialize one chunk (CRC from node:zlib). */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return new Uint8Array(out);
}

/**
 * A small valid PNG (8-bit RGBA) with the given ancillary chunks placed after IHDR (`before`)
 * and after IDAT (`after`).
 */
export function makePng(options: {
  width?: number;
  height?: number;
  seed?: number;
  before?: Array<{ type: string; data: Uint8Array }>;
  after?: Array<{ type: string; data: Uint8Array }>;
}): Uint8Array {
  const width = options.width ?? 3;
  const height = options.height ?? 2;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 4));
  let s = options.seed ?? 7;
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0;
    for (let x = 0; x < width * 4; x++) {
      s = (s * 1103515245 + 12345) >>> 0;
      raw[y * (1 + width * 4) + 1 + x] = s >>> 24;
    }
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    encodeChunk('IHDR', ihdr),
    ...(options.before ?? []).map((c) => encodeChunk(c.type, c.data)),
    encodeChunk('IDAT', new Uint8Array(deflateSync(raw))),
    ...(options.after ?? []).map((c) => encodeChunk(c.type, c.data)),
    encodeChunk('IEND', new Uint8Array(0)),
  ];
  return new Uint8Array(Buffer.concat(parts));
}

/** Read every chunk up to IEND, checking each CRC with node:zlib (throws when one is wrong). */
export function readChunks(bytes: Uint8Array): { chunks: RawChunk[]; rest: Uint8Array } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error('no PNG signature');
  }
  const chunks: RawChunk[] = [];
  let at = 8;
  for (;;) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const data = new Uint8Array(b.subarray(at + 8, at + 8 + length));
    const crc = b.readUInt32BE(at + 8 + length);
    if (crc !== crc32(b.subarray(at + 4, at + 8 + length))) throw new Error(`bad CRC in ${type}`);
    chunks.push({ type, data, raw: new Uint8Array(b.subarray(at, at + 12 + length)) });
    at += 12 + length;
    if (type === 'IEND') return { chunks, rest: new Uint8Array(b.subarray(at)) };
  }
}

/** Split an iTXt chunk's data into its fields (PNG spec 11.3.4.5). */
export function splitItxt(data: Uint8Array): {
  keyword: string;
  flag: number;
  method: number;
  language: string;
  translated: string;
  text: Uint8Array;
} {
  const b = Buffer.from(data);
  const k = b.indexOf(0);
  const l = b.indexOf(0, k + 3);
  const t = b.indexOf(0, l + 1);
  return {
    keyword: b.toString('latin1', 0, k),
    flag: b[k + 1] as number,
    method: b[k + 2] as number,
    language: b.toString('latin1', k + 3, l),
    translated: b.toString('utf8', l + 1, t),
    text: new Uint8Array(b.subarray(t + 1)),
  };
}

/** iTXt chunk data (uncompressed) for a keyword and text. */
export function itxtData(keyword: string, text: string): Uint8Array {
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(keyword, 'latin1'),
      Buffer.from([0, 0, 0, 0, 0]),
      Buffer.from(text, 'utf8'),
    ]),
  );
}

/**
 * Read an SVG with @xmldom/xmldom (namespace aware) and return the credential elements' (by
 * default Open Badges 3.0's) `verify` attributes and text contents. Throws when the SVG is not
 * well-formed.
 */
export function readSvgWithXmldom(
  svg: string,
  namespace = 'https://purl.imsglobal.org/ob/v3p0',
  local = 'credential',
): Array<{ verify: string | null; text: string }> {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== 'warning') errors.push(msg);
    },
  }).parseFromString(svg, 'image/svg+xml');
  if (errors.length > 0) throw new Error(`xmldom: ${errors.join('; ')}`);
  const root = doc.documentElement;
  if (root?.localName !== 'svg') throw new Error('xmldom: root is not svg');
  const found = doc.getElementsByTagNameNS(namespace, local);
  const out: Array<{ verify: string | null; text: string }> = [];
  for (let i = 0; i < found.length; i++) {
    const el = found.item(i);
    if (el) out.push({ verify: el.getAttribute('verify'), text: el.textContent ?? '' });
  }
  return out;
}
