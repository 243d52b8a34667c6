/**
 * Reading a badge image (internal): the one credential carrier of a PNG or SVG, and what
 * `unbakeBadge` returns for it. `verify()` loads this code only for an image.
 *
 * @internal
 */
import { BakeError } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import type { JsonTextLimits } from '../internal/json-scan.js';
import { decodeUtf8, decodeUtf16 } from '../internal/text.js';
import type { UnbakeBadgeOptions } from './bake.js';
import type { FoundCarrier } from './carriers.js';
import { legacyKind, readOb3Payload } from './payload.js';
import { findPngCarrier } from './png.js';
import { hasPngSignature } from './signatures.js';
import { findSvgCarrier } from './svg.js';
import { resolveLimits, type UnbakeResult } from './types.js';
import { looksLikeSvg, type SvgScanOptions } from './xml-scanner.js';

export { looksLikeSvg };

/** The text of SVG bytes (UTF-8 only). @internal */
export function svgTextOf(bytes: Uint8Array): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new BakeError(
      'ERR_SVG_ENCODING',
      'The SVG is UTF-16; only UTF-8 SVG is read and written',
    );
  }
  try {
    return decodeUtf8(bytes, { fatal: true, ignoreBOM: true });
  } catch {
    throw new BakeError('ERR_SVG_ENCODING', 'The SVG bytes are not valid UTF-8');
  }
}

/** Whether image bytes are a PNG or an SVG document. @internal */
export function kindOfBytes(bytes: Uint8Array, fn: string): 'png' | 'svg' {
  if (hasPngSignature(bytes)) return 'png';
  // Only the start is needed to recognise an SVG; decode a bounded prefix leniently.
  const head = decodeUtf8(bytes.subarray(0, 65536));
  if (looksLikeSvg(head)) return 'svg';
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (le || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const wide = decodeUtf16(bytes.subarray(0, 65536), le);
    if (looksLikeSvg(wide)) {
      throw new BakeError(
        'ERR_SVG_ENCODING',
        `${fn}: the SVG is UTF-16; only UTF-8 SVG is read and written`,
      );
    }
  }
  throw new BakeError(
    'ERR_IMAGE_FORMAT',
    `${fn}: the image is neither a PNG (no PNG signature) nor an SVG document (no <svg> root element)`,
  );
}

/** The SVG scanning options, checked. @internal */
export function svgOptions(options: SvgScanOptions | undefined, fn: string): SvgScanOptions {
  const v = options?.rejectDoctype;
  if (v !== undefined && typeof v !== 'boolean') {
    throw new TypeError(`${fn}: options.rejectDoctype must be a boolean`);
  }
  return { rejectDoctype: v === true };
}

/**
 * `unbakeBadge` (see there for the rules and errors), with the JSON text bounds of the caller
 * (`verify()` passes its run's `maxJsonDepth`): the baked JSON is measured before it is parsed.
 *
 * @internal
 */
export function readBadge(
  image: Uint8Array | string,
  options?: UnbakeBadgeOptions,
  jsonLimits?: Partial<JsonTextLimits>,
): UnbakeResult {
  const fn = 'unbakeBadge(image, options)';
  const found = locateCarrier(image, options, fn);
  if (!found) {
    throw new BakeError(
      'ERR_BAKE_NO_CREDENTIAL',
      isPngImage(image)
        ? "The PNG has no iTXt chunk with keyword 'openbadgecredential' (nor an Open Badges 2.0 'openbadges' or CLR 'clrcredential' chunk)"
        : 'The SVG has no <openbadges:credential> element (nor an Open Badges 2.0 <openbadges:assertion> or a CLR credential element)',
    );
  }
  const { format, text } = found;
  const compressed = found.compressed ? { compressed: true } : {};
  const version = found.spec.version;
  if (version === 'ob2') {
    return { format, version, kind: legacyKind(text), text, ...compressed };
  }
  if (format === 'svg' && text.trim().length === 0) {
    throw new BakeError('ERR_BAKE_PAYLOAD', `${found.where} is empty`);
  }
  return { format, version, text, ...readOb3Payload(text, found.where, jsonLimits), ...compressed };
}

function isPngImage(image: Uint8Array | string): boolean {
  return typeof image !== 'string' && hasPngSignature(image);
}

/**
 * The one credential carrier of an image, read but not interpreted (internal: `unbakeBadge` and
 * the Open Badges 2.0 reader build on it): `undefined` when the image carries none. Checks the
 * arguments and limits as `unbakeBadge` does, and throws what it throws.
 */
export function locateCarrier(
  image: Uint8Array | string,
  options: UnbakeBadgeOptions | undefined,
  fn: string,
): FoundCarrier | undefined {
  const limits = resolveLimits(options, fn);
  const svg = svgOptions(options, fn);
  const input = imageInput(image, limits.maxImageBytes, fn);
  return input.kind === 'png'
    ? findPngCarrier(input.bytes, limits)
    : findSvgCarrier(input.text, limits, svg);
}

/** An image argument, checked: a PNG's bytes, or an SVG's text (`bytes` when it came as bytes). */
export type ImageInput =
  | { kind: 'png'; bytes: Uint8Array }
  | { kind: 'svg'; text: string; bytes: boolean };

/**
 * Check an image argument as baking and unbaking take it: SVG text, or bytes (PNG or UTF-8 SVG)
 * of at most `maxImageBytes`. Throws `TypeError` for another value, `BakeError` otherwise.
 */
export function imageInput(image: unknown, maxImageBytes: number, fn: string): ImageInput {
  if (typeof image === 'string') {
    if (!looksLikeSvg(image)) {
      throw new BakeError(
        'ERR_IMAGE_FORMAT',
        `${fn}: a string image must be SVG text (an <svg> root element); pass PNG images as bytes`,
      );
    }
    return { kind: 'svg', text: image, bytes: false };
  }
  if (!(image instanceof Uint8Array)) {
    throw new TypeError(
      `${fn}: image must be a Uint8Array or SVG text; got ${describeValue(image)}`,
    );
  }
  if (image.length > maxImageBytes) {
    throw new BakeError(
      'ERR_IMAGE_TOO_LARGE',
      `${fn}: the image is ${image.length} bytes, more than maxImageBytes (${maxImageBytes})`,
      { size: image.length, limit: maxImageBytes },
    );
  }
  if (kindOfBytes(image, fn) === 'png') return { kind: 'png', bytes: image };
  return { kind: 'svg', text: svgTextOf(image), bytes: true };
}
