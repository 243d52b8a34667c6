/** Public types and limits of the bake capability. */

import { describeValue } from '../internal/describe.js';

/**
 * The namespace of the Open Badges 3.0 `<openbadges:credential>` SVG element.
 *
 * @example
 * ```ts
 * import { OB3_SVG_NAMESPACE } from 'ob3kit/bake';
 * svgElement.getElementsByTagNameNS(OB3_SVG_NAMESPACE, 'credential');
 * ```
 */
export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

/**
 * The namespace of the Open Badges 2.0 `<openbadges:assertion>` SVG element (read as legacy).
 *
 * @example
 * ```ts
 * import { OB2_SVG_NAMESPACE } from 'ob3kit/bake';
 * OB2_SVG_NAMESPACE; // 'http://openbadges.org'
 * ```
 */
export const OB2_SVG_NAMESPACE = 'http://openbadges.org';

/**
 * The keyword of the Open Badges 3.0 PNG `iTXt` chunk.
 *
 * @example
 * ```ts
 * import { OB3_PNG_KEYWORD } from 'ob3kit/bake';
 * OB3_PNG_KEYWORD; // 'openbadgecredential'
 * ```
 */
export const OB3_PNG_KEYWORD = 'openbadgecredential';

/**
 * The keyword of the Open Badges 2.0 PNG `iTXt` / `tEXt` chunk (read as legacy).
 *
 * @example
 * ```ts
 * import { OB2_PNG_KEYWORD } from 'ob3kit/bake';
 * OB2_PNG_KEYWORD; // 'openbadges'
 * ```
 */
export const OB2_PNG_KEYWORD = 'openbadges';

/**
 * The keyword of the CLR 2.0 PNG `iTXt` chunk (`bakeClr` and `unbakeClr` in `ob3kit/clr`).
 *
 * @example
 * ```ts
 * import { CLR_PNG_KEYWORD } from 'ob3kit/bake';
 * CLR_PNG_KEYWORD; // 'clrcredential'
 * ```
 */
export const CLR_PNG_KEYWORD = 'clrcredential';

/**
 * The namespace of the CLR 2.0 `<credential>` SVG element (written with the prefix `clr`).
 *
 * @example
 * ```ts
 * import { CLR_SVG_NAMESPACE } from 'ob3kit/bake';
 * CLR_SVG_NAMESPACE; // 'https://purl.imsglobal.org/clr/v2p0'
 * ```
 */
export const CLR_SVG_NAMESPACE = 'https://purl.imsglobal.org/clr/v2p0';

/**
 * Default largest image `bakeBadge` and `unbakeBadge` accept: 16 MiB.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_IMAGE_BYTES, unbakeBadge } from 'ob3kit/bake';
 * unbakeBadge(bytes, { maxImageBytes: 4 * DEFAULT_MAX_IMAGE_BYTES });
 * ```
 */
export const DEFAULT_MAX_IMAGE_BYTES = 16 * 1024 * 1024;

/**
 * Default largest baked credential text (UTF-8 bytes, after any decompression): 1 MiB.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_CREDENTIAL_BYTES, bakeBadge } from 'ob3kit/bake';
 * bakeBadge(png, hugeCredential, { maxCredentialBytes: 2 * DEFAULT_MAX_CREDENTIAL_BYTES });
 * ```
 */
export const DEFAULT_MAX_CREDENTIAL_BYTES = 1024 * 1024;

/**
 * Size limits shared by baking and unbaking.
 *
 * @example
 * ```ts
 * const limits: BakeLimits = { maxImageBytes: 1 << 20, maxCredentialBytes: 256 << 10 };
 * ```
 */
export interface BakeLimits {
  /** Largest image accepted, in bytes (SVG text counts as UTF-8). Default 16 MiB. */
  maxImageBytes?: number;
  /** Largest credential text, in UTF-8 bytes (after decompression when reading). Default 1 MiB. */
  maxCredentialBytes?: number;
}

/**
 * Options of `bakeBadge` (limits and the PNG chunk position).
 *
 * @example
 * ```ts
 * const options: BakeOptions = { pngPosition: 'before-iend' };
 * ```
 */
export interface BakeOptions extends BakeLimits {
  /**
   * Where a new PNG `iTXt` chunk goes when the image has none yet: right after `IHDR` (the
   * default, so that readers which stop at the first `iTXt`, as the Open Badges spec allows,
   * find it without reading the image data) or right before `IEND`. An existing credential
   * chunk is always replaced where it stands.
   */
  pngPosition?: 'after-ihdr' | 'before-iend';
}

/**
 * Options of `unbakeBadge` (limits).
 *
 * @example
 * ```ts
 * const options: UnbakeOptions = { maxCredentialBytes: 64 * 1024 };
 * ```
 */
export interface UnbakeOptions extends BakeLimits {}

/**
 * The credential to bake: a credential object, or its JSON text, or a compact JWT (VC-JWT).
 *
 * @example
 * ```ts
 * const asObject: BakeableCredential = signedCredential;
 * const asJwt: BakeableCredential = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln';
 * ```
 */
export type BakeableCredential = Record<string, unknown> | string;

/**
 * What `unbakeBadge` found.
 *
 * - `version: 'ob3'`: an Open Badges 3.0 credential (`openbadgecredential` chunk or
 *   `<openbadges:credential>` element); `credential` holds the parsed JSON object when it was
 *   baked as JSON (`kind: 'json'`), `jwt` the compact JWT when it was baked as VC-JWT
 *   (`kind: 'jwt'`).
 * - `version: 'ob2'`: the image carries an Open Badges 2.0 assertion (`openbadges` chunk or
 *   `<openbadges:assertion>`). It is reported, not interpreted: `credential` and `jwt` stay
 *   undefined and `kind` says what the text looks like (`json`, `jwt`, `url` or `text`).
 * - `version: 'clr'`: a CLR 2.0 record (`clrcredential` chunk or `<credential>` in the CLR 2.0
 *   namespace), read as Open Badges 3.0 is (`credential` or `jwt`).
 *
 * @example
 * ```ts
 * const found: UnbakeResult = unbakeBadge(bytes);
 * if (found.version === 'ob3' && found.kind === 'jwt') await verify(found.jwt);
 * ```
 */
export interface UnbakeResult {
  /** The image format. */
  format: 'png' | 'svg';
  /** Which baking the data came from: Open Badges 3.0, Open Badges 2.0 or CLR 2.0. */
  version: 'ob3' | 'ob2' | 'clr';
  /** What the baked text is. */
  kind: 'json' | 'jwt' | 'url' | 'text';
  /** Exactly the baked text. */
  text: string;
  /** The credential object (Open Badges 3.0 or CLR 2.0, baked as JSON). */
  credential?: Record<string, unknown>;
  /** The compact JWT (Open Badges 3.0 or CLR 2.0, baked as VC-JWT). */
  jwt?: string;
  /** True when the PNG chunk was zlib-compressed (the Open Badges spec forbids it; read anyway). */
  compressed?: boolean;
}

/** Limits with defaults applied. */
export interface ResolvedLimits {
  maxImageBytes: number;
  maxCredentialBytes: number;
}

/** Apply defaults and check the limit options (misuse throws `TypeError`). */
export function resolveLimits(options: BakeLimits | undefined, fn: string): ResolvedLimits {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`${fn}: options must be an object`);
  }
  const check = (name: 'maxImageBytes' | 'maxCredentialBytes', fallback: number): number => {
    const v = options?.[name];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      throw new TypeError(
        `${fn}: options.${name} must be a positive integer, found ${describeValue(v)}`,
      );
    }
    return v;
  };
  return {
    maxImageBytes: check('maxImageBytes', DEFAULT_MAX_IMAGE_BYTES),
    maxCredentialBytes: check('maxCredentialBytes', DEFAULT_MAX_CREDENTIAL_BYTES),
  };
}
