/**
 * Reading an Open Badges 2.0 assertion out of a baked image (internal; Open Badges 2.0
 * verification builds on it). The image is read exactly as `unbakeBadge` reads it — one carrier
 * only, every limit applied — and the assertion is returned as baked: a hosted assertion's URL,
 * the assertion's JSON text, or a signed assertion's compact JWS, with where it was found.
 *
 * Open Badges 2.0 "Badge Baking": PNG, an `iTXt` chunk with keyword `openbadges` holding the JSON
 * or the JWS (before 2.0, a `tEXt` chunk holding the hosted URL); SVG, an
 * `<openbadges:assertion>` element in `http://openbadges.org` whose `verify` attribute is the JWS
 * (the element then empty) or the hosted URL (the JSON then its CDATA body).
 */
import { BakeError } from '../errors.js';
import type { UnbakeBadgeOptions } from './bake.js';
import type { CarrierLocation } from './carriers.js';
import { legacyKind } from './payload.js';
import { locateCarrier } from './read.js';

/**
 * An Open Badges 2.0 assertion as baked. At least one of `url`, `json` and `jws` is set; an SVG
 * hosted assertion has both `url` (its `verify` attribute) and `json` (its body), which an
 * Open Badges 2.0 verifier must find to agree (the JSON's `id` is the URL).
 */
export interface BakedOb2Assertion {
  format: 'png' | 'svg';
  /** The hosted assertion's URL. */
  url?: string;
  /** The assertion's JSON text, exactly as baked. */
  json?: string;
  /** The signed assertion: a compact JWS. */
  jws?: string;
  /** The PNG chunk was zlib-compressed (the baking spec forbids it; read anyway). */
  compressed?: boolean;
  /** Where it was found, for messages. */
  where: string;
  location: CarrierLocation;
}

function classify(text: string, where: string): Pick<BakedOb2Assertion, 'url' | 'json' | 'jws'> {
  const kind = legacyKind(text);
  const t = text.trim();
  if (kind === 'url') return { url: t };
  if (kind === 'json') return { json: text };
  if (kind === 'jwt') return { jws: t };
  throw new BakeError(
    'ERR_BAKE_PAYLOAD',
    `The text in ${where} is neither an assertion URL, its JSON nor a compact JWS (it starts with ${JSON.stringify(t.slice(0, 20))})`,
  );
}

/**
 * The Open Badges 2.0 assertion baked into an image, or `undefined` when the image's one
 * credential is of another kind (Open Badges 3.0, CLR 2.0). Throws as `unbakeBadge` does:
 * `ERR_BAKE_NO_CREDENTIAL` when nothing is baked, `ERR_BAKE_AMBIGUOUS` when a reader could find
 * more than one credential, format and limit errors; `ERR_BAKE_PAYLOAD` when the text is none of
 * the three forms.
 *
 * @example
 * ```ts
 * const found = readBakedOb2(pngBytes);
 * if (found?.url) fetchHostedAssertion(found.url);
 * ```
 */
export function readBakedOb2(
  image: Uint8Array | string,
  options?: UnbakeBadgeOptions,
): BakedOb2Assertion | undefined {
  const found = locateCarrier(image, options, 'readBakedOb2(image, options)');
  if (!found) {
    throw new BakeError(
      'ERR_BAKE_NO_CREDENTIAL',
      `The ${typeof image === 'string' ? 'SVG' : 'image'} has no baked credential`,
    );
  }
  if (found.spec.version !== 'ob2') return undefined;
  const base = {
    format: found.format,
    ...(found.compressed ? { compressed: true } : {}),
    where: found.where,
    location: found.location,
  };
  if (found.format === 'svg' && found.verify !== undefined) {
    const fromVerify = classify(found.verify, found.where);
    if (found.content === undefined) return { ...base, ...fromVerify };
    // Hosted: the URL in verify (locateCarrier refuses a JWS beside a body) and the JSON as body.
    const body = classify(
      found.content,
      `the body of ${found.where.replace(/'s verify attribute$/, '')}`,
    );
    if (body.json === undefined) {
      throw new BakeError(
        'ERR_BAKE_PAYLOAD',
        `The body of the SVG element beside its verify URL is not the assertion's JSON`,
      );
    }
    return { ...base, ...fromVerify, json: body.json };
  }
  return { ...base, ...classify(found.text, found.where) };
}
