/** `bakeBadge` and `unbakeBadge`: the format-independent entry points. */
import { BakeError } from '../errors.js';
import { encodeUtf8 } from '../internal/text.js';
import { CLR_CARRIER, OB3_CARRIER } from './carriers.js';
import { claimsClr } from './payload.js';
import { bakePng } from './png.js';
import { imageInput, readBadge, svgOptions } from './read.js';
import { bakeSvg } from './svg.js';
import {
  type BakeableCredential,
  type BakeOptions,
  resolveLimits,
  type UnbakeOptions,
  type UnbakeResult,
} from './types.js';
import type { SvgScanOptions } from './xml-scanner.js';

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
 * (`ob3kit/clr`), under its own keyword.
 *
 * An image that already carries anything a reader could take for another credential (an Open
 * Badges 2.0 assertion, a CLR, a second or non-standard credential chunk or element; see
 * {@link unbakeBadge}) is refused with `ERR_BAKE_AMBIGUOUS` rather than given a second one.
 *
 * Errors are `BakeError`s: `ERR_IMAGE_FORMAT`, `ERR_IMAGE_TOO_LARGE`, `ERR_BAKE_TOO_LARGE`,
 * `ERR_BAKE_PAYLOAD`, `ERR_BAKE_AMBIGUOUS`, `ERR_PNG_*` (`TRUNCATED`, `CRC`, `CHUNK`,
 * `STRUCTURE`, `ITXT`), `ERR_SVG_*` (`MALFORMED`, `DTD`, `ENTITY`, `ENCODING`, `INVALID_CHAR`,
 * `NAMESPACE_CONFLICT`). Wrong argument types throw `TypeError`.
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
 *
 * @internal
 */
export function bakeCarrier(
  image: Uint8Array | string,
  credential: BakeableCredential,
  options: BakeBadgeOptions | undefined,
  kind: 'ob3' | 'clr',
  fn: string,
): Uint8Array | string {
  const spec = kind === 'clr' ? CLR_CARRIER : OB3_CARRIER;
  const limits = resolveLimits(options, fn);
  const svg = svgOptions(options, fn);
  const input = imageInput(image, limits.maxImageBytes, fn);
  if (input.kind === 'png') return bakePng(input.bytes, credential, limits, options, fn, spec);
  const baked = bakeSvg(input.text, credential, limits, svg, fn, spec);
  return input.bytes ? encodeUtf8(baked) : baked;
}

/**
 * Take the credential out of a baked badge image: the PNG `iTXt` chunk with keyword
 * `openbadgecredential`, or the SVG `<openbadges:credential>` element (found by its namespace,
 * whatever its prefix). Returns exactly the baked text together with what it is: the parsed
 * `credential` object when it is JSON, or the `jwt` when it is a compact JWT.
 *
 * An image must carry exactly one credential. Every place where some reader could find one is
 * looked at: PNG text chunks (`iTXt`, `tEXt`, `zTXt`, any spelling of the type) whose keyword is
 * `openbadgecredential`, `openbadges` or `clrcredential` in any letter case or with whitespace or
 * NULs around it, and those keywords after `IEND`; SVG elements named `credential` or `assertion`
 * in any namespace or letter case, at any depth, and their markup inside comments, CDATA
 * sections, processing instructions or the DOCTYPE. Two of them, or one that is not in its
 * standard form, is `ERR_BAKE_AMBIGUOUS`, and so is an SVG credential element with both a
 * `verify` attribute and text, or with a comment, an element or stray text inside.
 *
 * A CLR 2.0 record (`clrcredential` PNG chunk, `<credential>` in
 * `https://purl.imsglobal.org/clr/v2p0`) is read the same way, with `version: 'clr'`
 * (`unbakeClr` in `ob3kit/clr` accepts only those). Open Badges 2.0 baking (`openbadges` PNG
 * chunk, `<openbadges:assertion>` in SVG) is reported with `version: 'ob2'` and the text, and not
 * interpreted. A zlib-compressed `iTXt` chunk (which the spec forbids) is read, with
 * `compressed: true`, inflated no further than `maxCredentialBytes`.
 *
 * Errors are `BakeError`s: `ERR_BAKE_NO_CREDENTIAL` (nothing baked), `ERR_BAKE_AMBIGUOUS`,
 * `ERR_BAKE_PAYLOAD` (the text is neither a JSON object nor a JWT), and the format errors listed
 * at {@link bakeBadge}.
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
  return readBadge(image, options);
}
