/** `bakeBadge` and `unbakeBadge`: the format-independent entry points. */
import { BakeError } from '../errors.js';
import { claimsClr, describe } from './payload.js';
import { bakePng, hasPngSignature, unbakePng } from './png.js';
import { bakeSvg, looksLikeSvg, type SvgScanOptions, unbakeSvg } from './svg.js';
import {
  type BakeableCredential,
  type BakeOptions,
  type CarrierKind,
  resolveLimits,
  type UnbakeOptions,
  type UnbakeResult,
} from './types.js';

/**
 * Options of {@link bakeBadge}: limits, the PNG chunk position, and SVG DOCTYPE handling.
 *
 * @example
 * ```ts
 * bakeBadge(svgText, credential, { rejectDoctype: true, maxImageBytes: 2 << 20 });
 * ```
 */
export interface BakeBadgeOptions extends BakeOptions, SvgScanOptions {}

/**
 * Options of {@link unbakeBadge}: limits and SVG DOCTYPE handling.
 *
 * @example
 * ```ts
 * unbakeBadge(untrustedSvg, { rejectDoctype: true, maxCredentialBytes: 256 * 1024 });
 * ```
 */
export interface UnbakeBadgeOptions extends UnbakeOptions, SvgScanOptions {}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function svgTextOf(bytes: Uint8Array): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new BakeError(
      'ERR_SVG_ENCODING',
      'The SVG is UTF-16; only UTF-8 SVG is read and written',
    );
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new BakeError('ERR_SVG_ENCODING', 'The SVG bytes are not valid UTF-8');
  }
}

function kindOfBytes(bytes: Uint8Array, fn: string): 'png' | 'svg' {
  if (hasPngSignature(bytes)) return 'png';
  // Only the start is needed to recognise an SVG; decode a bounded prefix leniently.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 65536));
  if (looksLikeSvg(head)) return 'svg';
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (le || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const wide = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(0, 65536));
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

function svgOptions(options: SvgScanOptions | undefined, fn: string): SvgScanOptions {
  const v = options?.rejectDoctype;
  if (v !== undefined && typeof v !== 'boolean') {
    throw new TypeError(`${fn}: options.rejectDoctype must be a boolean`);
  }
  return { rejectDoctype: v === true };
}

/**
 * Bake a credential into a badge image, as Open Badges 3.0 section "Baked Badge" says.
 *
 * - **PNG** (bytes): one `iTXt` chunk with keyword `openbadgecredential`, uncompressed UTF-8
 *   text, no language tag. An existing credential chunk is replaced where it stands; otherwise
 *   the chunk goes right after `IHDR` (`options.pngPosition: 'before-iend'` puts it before
 *   `IEND`). Every other chunk, and any bytes after `IEND`, are copied byte for byte.
 * - **SVG** (text or bytes): `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` on the
 *   `<svg>` tag and an `<openbadges:credential>` element directly after it, with the JSON in a
 *   CDATA section (any `]]>` in the JSON is split across two sections) or the JWT in the
 *   `verify` attribute. An existing credential element is replaced where it stands; the rest of
 *   the text is unchanged.
 *
 * The credential is an object (serialized with `JSON.stringify`), its JSON text (baked exactly
 * as given), or a compact JWT. The result is the same kind as the image: bytes for bytes,
 * a string for an SVG string.
 *
 * A CLR 2.0 `ClrCredential` is refused (`ERR_BAKE_PAYLOAD`): bake it with `bakeClr`
 * (`ob3kit/clr`), under its own keyword. An image that already carries a CLR record is refused
 * (`ERR_BAKE_AMBIGUOUS`): an image carries one credential.
 *
 * Errors are `BakeError`s: `ERR_IMAGE_FORMAT`, `ERR_IMAGE_TOO_LARGE`, `ERR_BAKE_TOO_LARGE`,
 * `ERR_BAKE_PAYLOAD`, `ERR_BAKE_AMBIGUOUS`, `ERR_PNG_*` (`TRUNCATED`, `CRC`, `CHUNK`, `STRUCTURE`, `ITXT`,
 * `DUPLICATE_CREDENTIAL`), `ERR_SVG_*` (`MALFORMED`, `DTD`, `ENTITY`, `ENCODING`,
 * `INVALID_CHAR`, `NAMESPACE_CONFLICT`, `DUPLICATE_CREDENTIAL`). Wrong argument types throw
 * `TypeError`.
 *
 * @param image PNG bytes, SVG bytes, or SVG text.
 * @param credential The credential object, its JSON text, or a compact JWT.
 * @param options Size limits (`maxImageBytes` default 16 MiB, `maxCredentialBytes` default 1 MiB),
 *   `pngPosition`, `rejectDoctype`.
 * @returns The baked image, in the form the image was given.
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { bakeBadge } from 'ob3kit/bake';
 * const png = readFileSync('badge.png');
 * writeFileSync('baked.png', bakeBadge(new Uint8Array(png), signedCredential));
 * const svg = bakeBadge('<svg xmlns="http://www.w3.org/2000/svg"></svg>', credentialJwt);
 * ```
 */
export function bakeBadge(
  image: Uint8Array,
  credential: BakeableCredential,
  options?: BakeBadgeOptions,
): Uint8Array;
export function bakeBadge(
  image: string,
  credential: BakeableCredential,
  options?: BakeBadgeOptions,
): string;
export function bakeBadge(
  image: Uint8Array | string,
  credential: BakeableCredential,
  options?: BakeBadgeOptions,
): Uint8Array | string;
export function bakeBadge(
  image: Uint8Array | string,
  credential: BakeableCredential,
  options?: BakeBadgeOptions,
): Uint8Array | string {
  const fn = 'bakeBadge(image, credential, options)';
  if (claimsClr(credential)) {
    throw new BakeError(
      'ERR_BAKE_PAYLOAD',
      `${fn}: the credential is a CLR 2.0 ClrCredential, which is baked with bakeClr (ob3kit/clr) under its own keyword, not as an Open Badge`,
    );
  }
  return bakeCarrier(image, credential, options, 'ob3', fn);
}

/**
 * Bake into the carrier of `kind` (internal: `bakeBadge` for Open Badges 3.0, `bakeClr` for CLR
 * 2.0). Same rules and errors as {@link bakeBadge}.
 */
export function bakeCarrier(
  image: Uint8Array | string,
  credential: BakeableCredential,
  options: BakeBadgeOptions | undefined,
  kind: CarrierKind,
  fn: string,
): Uint8Array | string {
  const limits = resolveLimits(options, fn);
  const svg = svgOptions(options, fn);
  if (typeof image === 'string') {
    if (!looksLikeSvg(image)) {
      throw new BakeError(
        'ERR_IMAGE_FORMAT',
        `${fn}: a string image must be SVG text (an <svg> root element); pass PNG images as bytes`,
      );
    }
    return bakeSvg(image, credential, limits, svg, fn, kind);
  }
  if (!(image instanceof Uint8Array)) {
    throw new TypeError(`${fn}: image must be a Uint8Array or SVG text; got ${describe(image)}`);
  }
  if (image.length > limits.maxImageBytes) {
    throw new BakeError(
      'ERR_IMAGE_TOO_LARGE',
      `${fn}: the image is ${image.length} bytes, more than maxImageBytes (${limits.maxImageBytes})`,
      { size: image.length, limit: limits.maxImageBytes },
    );
  }
  if (kindOfBytes(image, fn) === 'png') {
    return bakePng(image, credential, limits, options, fn, kind);
  }
  return new TextEncoder().encode(bakeSvg(svgTextOf(image), credential, limits, svg, fn, kind));
}

/**
 * Take the credential out of a baked badge image: the first (and only) PNG `iTXt` chunk with
 * keyword `openbadgecredential`, or the SVG `<openbadges:credential>` element (found by its
 * namespace, whatever its prefix). Returns exactly the baked text together with what it is:
 * the parsed `credential` object when it is JSON, or the `jwt` when it is a compact JWT.
 *
 * A CLR 2.0 record (`clrcredential` PNG chunk, `<credential>` in the CLR 2.0 namespace) is read
 * the same way, with `version: 'clr'`; an image with both an Open Badges 3.0 credential and a CLR
 * record is `ERR_BAKE_AMBIGUOUS`.
 *
 * Open Badges 2.0 baking (`openbadges` PNG chunk, `<openbadges:assertion>` in SVG) is reported
 * with `version: 'ob2'` and the text, and not interpreted. A zlib-compressed `iTXt` chunk (which
 * the spec forbids) is read, with `compressed: true`, inflated no further than
 * `maxCredentialBytes`.
 *
 * Errors are `BakeError`s: `ERR_BAKE_NO_CREDENTIAL` (nothing baked), `ERR_BAKE_PAYLOAD` (the
 * text is neither a JSON object nor a JWT), `ERR_PNG_DUPLICATE_CREDENTIAL` /
 * `ERR_SVG_DUPLICATE_CREDENTIAL`, and the format errors listed at {@link bakeBadge}.
 *
 * @param image PNG bytes, SVG bytes, or SVG text.
 * @param options Size limits and `rejectDoctype`.
 * @returns What was baked.
 * @example
 * ```ts
 * import { unbakeBadge } from 'ob3kit/bake';
 * const found = unbakeBadge(bakedPngBytes);
 * if (found.version === 'ob3') console.log(found.credential ?? found.jwt);
 * ```
 */
export function unbakeBadge(
  image: Uint8Array | string,
  options?: UnbakeBadgeOptions,
): UnbakeResult {
  const fn = 'unbakeBadge(image, options)';
  const limits = resolveLimits(options, fn);
  const svg = svgOptions(options, fn);
  if (typeof image === 'string') {
    if (!looksLikeSvg(image)) {
      throw new BakeError(
        'ERR_IMAGE_FORMAT',
        `${fn}: a string image must be SVG text (an <svg> root element); pass PNG images as bytes`,
      );
    }
    return unbakeSvg(image, limits, svg);
  }
  if (!(image instanceof Uint8Array)) {
    throw new TypeError(`${fn}: image must be a Uint8Array or SVG text; got ${describe(image)}`);
  }
  if (image.length > limits.maxImageBytes) {
    throw new BakeError(
      'ERR_IMAGE_TOO_LARGE',
      `${fn}: the image is ${image.length} bytes, more than maxImageBytes (${limits.maxImageBytes})`,
      { size: image.length, limit: limits.maxImageBytes },
    );
  }
  if (kindOfBytes(image, fn) === 'png') return unbakePng(image, limits);
  return unbakeSvg(svgTextOf(image), limits, svg);
}
