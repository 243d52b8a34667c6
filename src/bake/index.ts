/**
 * Baked badges: put an Open Badges 3.0 credential into a PNG or SVG image and take it out again
 * (Open Badges 3.0 section "Baked Badge"), and tell formats apart.
 *
 * @example
 * ```ts
 * import { bakeBadge, unbakeBadge } from 'ob3kit/bake';
 * const baked = bakeBadge(pngBytes, signedCredential);
 * console.log(unbakeBadge(baked).credential);
 * ```
 *
 * @packageDocumentation
 */
export {
  type BakeBadgeOptions,
  bakeBadge,
  type UnbakeBadgeOptions,
  unbakeBadge,
} from './bake.js';
export { crc32 } from './crc32.js';
export { encodeChunk as encodePngChunk } from './png.js';
export { PNG_SIGNATURE } from './signatures.js';
export { type SniffedFormat, sniffFormat } from './sniff.js';
export {
  type BakeableCredential,
  type BakeLimits,
  type BakeOptions,
  CLR_PNG_KEYWORD,
  CLR_SVG_NAMESPACE,
  DEFAULT_MAX_CREDENTIAL_BYTES,
  DEFAULT_MAX_IMAGE_BYTES,
  OB2_PNG_KEYWORD,
  OB2_SVG_NAMESPACE,
  OB3_PNG_KEYWORD,
  OB3_SVG_NAMESPACE,
  type UnbakeOptions,
  type UnbakeResult,
} from './types.js';
export type { SvgScanOptions } from './xml-scanner.js';
