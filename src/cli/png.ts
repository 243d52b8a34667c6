/** A tiny PNG encoder (8-bit RGBA, no interlace) and the built-in badge images. */
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

/**
 * The built-in demo badge as a PNG: a 128×128 medal (blue disc, gold ring, white star).
 *
 * @example
 * ```ts
 * writeFileSync('badge.png', createDemoBadgePng());
 * ```
 */
export function createDemoBadgePng(size = 128): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const c = (size - 1) / 2;
  const rOuter = size * 0.48;
  const rRing = size * 0.42;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x - c;
      const dy = y - c;
      const d = Math.hypot(dx, dy);
      let rgba: [number, number, number, number] = [0, 0, 0, 0];
      if (d <= rOuter) rgba = [232, 178, 44, 255];
      if (d <= rRing) rgba = [30, 78, 156, 255];
      if (d <= rRing && inStar(dx / (size * 0.3), dy / (size * 0.3))) rgba = [255, 255, 255, 255];
      px.set(rgba, (y * size + x) * 4);
    }
  }
  return encodePng(size, size, px);
}

/** Point-in-five-pointed-star test on coordinates scaled to the star's outer radius. */
function inStar(x: number, y: number): boolean {
  const pts: Array<[number, number]> = [];
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? 1 : 0.42;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    pts.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i] as [number, number];
    const [xj, yj] = pts[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The built-in demo badge as an SVG document (same medal as the PNG).
 *
 * @example
 * ```ts
 * writeFileSync('badge.svg', createDemoBadgeSvg('Demo Badge'));
 * ```
 */
export function createDemoBadgeSvg(title = 'ob3kit demo badge'): string {
  const pts: string[] = [];
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? 38 : 16;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    pts.push(`${(64 + r * Math.cos(a)).toFixed(2)},${(64 + r * Math.sin(a)).toFixed(2)}`);
  }
  const safe = title.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">',
    `  <title>${safe}</title>`,
    '  <circle cx="64" cy="64" r="61" fill="#e8b22c"/>',
    '  <circle cx="64" cy="64" r="54" fill="#1e4e9c"/>',
    `  <polygon points="${pts.join(' ')}" fill="#ffffff"/>`,
    '</svg>',
    '',
  ].join('\n');
}
