/** Detect what a string or byte input holds. */
import { decodeUtf8 } from '../internal/text.js';
import { COMPACT_JWT } from './payload.js';
import { hasPngSignature } from './signatures.js';
import { looksLikeSvg } from './xml-scanner.js';

/**
 * What {@link sniffFormat} can tell apart.
 *
 * @example
 * ```ts
 * const kind: SniffedFormat = sniffFormat(input); // 'png' | 'svg' | 'jwt' | 'json' | 'unknown'
 * ```
 */
export type SniffedFormat = 'png' | 'svg' | 'jwt' | 'json' | 'unknown';

/**
 * Detect what an input holds, without parsing it fully: a PNG (by its signature), an SVG
 * document (root element `<svg>` after any XML declaration, comments and DOCTYPE), a compact
 * JWT, JSON text starting with `{`, or `'unknown'`. Leading whitespace and a UTF-8 byte order
 * mark are ignored. Bytes are read as UTF-8 unless they are a PNG.
 *
 * @param input Bytes (`Uint8Array`) or text.
 * @returns The detected format.
 * @example
 * ```ts
 * import { sniffFormat } from 'ob3kit/bake';
 * sniffFormat('{"@context": []}'); // 'json'
 * sniffFormat('eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln'); // 'jwt'
 * sniffFormat('<svg xmlns="http://www.w3.org/2000/svg"></svg>'); // 'svg'
 * sniffFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // 'png'
 * ```
 */
export function sniffFormat(input: Uint8Array | string): SniffedFormat {
  let text: string;
  if (input instanceof Uint8Array) {
    if (hasPngSignature(input)) return 'png';
    text = decodeUtf8(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    throw new TypeError('sniffFormat(input): input must be a Uint8Array or a string');
  }
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.startsWith('{')) return 'json';
  if (t.startsWith('<')) return looksLikeSvg(t) ? 'svg' : 'unknown';
  if (COMPACT_JWT.test(t)) return 'jwt';
  return 'unknown';
}
