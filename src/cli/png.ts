/** A tiny PNG encoder (8-bit RGBA, no interlace) for the badge art. */
import { deflateSync } from 'node:zlib';
import { encodePngChunk as encodeChunk, PNG_SIGNATURE } from '../bake/index.js';

/**
 * Encode RGBA pixels (row-major, 4 bytes a pixel) as a PNG file.
 *
 * @example
 * ```ts
 * const png = encodePng(1, 1, new Uint8Array([255, 0, 0, 255]));
 * ```
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (rgba.length !== width * height * 4) {
    throw new TypeError(
      `encodePng: expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`,
    );
  }
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    PNG_SIGNATURE,
    encodeChunk('IHDR', ihdr),
    encodeChunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))),
    encodeChunk('IEND', new Uint8Array(0)),
  ]);
}
