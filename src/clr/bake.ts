/** Baking CLR 2.0 records into PNG and SVG images, under the CLR 2.0 keyword and namespace. */
import {
  type BakeBadgeOptions,
  bakeCarrier,
  type UnbakeBadgeOptions,
  unbakeBadge,
} from '../bake/bake.js';
import { claimsClr } from '../bake/payload.js';
import type { BakeableCredential, UnbakeResult } from '../bake/types.js';
import { BakeError } from '../errors.js';

/**
 * Bake a CLR 2.0 record into a PNG or SVG image as the CLR specification gives it: a PNG `iTXt`
 * chunk with keyword `clrcredential`, or an SVG `<clr:credential>` element in the namespace
 * `https://purl.imsglobal.org/clr/v2p0` (JSON in CDATA, a JWT in `verify`). Everything else is
 * as `bakeBadge`: the image is otherwise unchanged, an existing CLR carrier is replaced, and an
 * image that already carries an Open Badges credential is refused (`ERR_BAKE_AMBIGUOUS`: an
 * image carries one credential). The credential (object, JSON text or compact JWT) must say it
 * is a `ClrCredential` (`ERR_BAKE_PAYLOAD` otherwise). `verify()` reads such an image as a CLR.
 *
 * @example
 * ```ts
 * import { bakeClr, unbakeClr } from 'ob3kit/clr';
 * const svg = bakeClr('<svg xmlns="http://www.w3.org/2000/svg"/>', signedRecord);
 * console.log(unbakeClr(svg).credential?.type); // ['VerifiableCredential', 'ClrCredential']
 * ```
 */
export function bakeClr(
  image: Uint8Array,
  clr: BakeableCredential,
  options?: BakeBadgeOptions,
): Uint8Array;
export function bakeClr(image: string, clr: BakeableCredential, options?: BakeBadgeOptions): string;
export function bakeClr(
  image: Uint8Array | string,
  clr: BakeableCredential,
  options?: BakeBadgeOptions,
): Uint8Array | string;
export function bakeClr(
  image: Uint8Array | string,
  clr: BakeableCredential,
  options?: BakeBadgeOptions,
): Uint8Array | string {
  const fn = 'bakeClr(image, clr, options)';
  if (!claimsClr(clr)) {
    throw new BakeError(
      'ERR_BAKE_PAYLOAD',
      `${fn}: the credential is not a CLR 2.0 ClrCredential (its type must include "ClrCredential"); bake an Open Badge with bakeBadge`,
    );
  }
  return bakeCarrier(image, clr, options, 'clr', fn);
}

/**
 * Take the CLR 2.0 record out of an image baked by {@link bakeClr} (or any CLR baker): the
 * `clrcredential` PNG chunk or the SVG `<credential>` element in the CLR 2.0 namespace, whatever
 * its prefix. An image that carries an Open Badge instead is `ERR_BAKE_NO_CREDENTIAL`; the other
 * errors are `unbakeBadge`'s.
 *
 * @example
 * ```ts
 * import { unbakeClr } from 'ob3kit/clr';
 * const found = unbakeClr(pngBytes);
 * console.log(found.version, found.kind); // 'clr' 'json'
 * ```
 */
export function unbakeClr(image: Uint8Array | string, options?: UnbakeBadgeOptions): UnbakeResult {
  const found = unbakeBadge(image, options);
  if (found.version !== 'clr') {
    throw new BakeError(
      'ERR_BAKE_NO_CREDENTIAL',
      `The ${found.format.toUpperCase()} carries ${found.version === 'ob3' ? 'an Open Badges 3.0 credential' : 'an Open Badges 2.0 assertion'}, not a CLR 2.0 record`,
    );
  }
  return found;
}
