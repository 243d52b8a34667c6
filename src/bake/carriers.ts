/**
 * Credential carriers (internal): the places in a PNG or SVG where some reader looks for a baked
 * credential, the three kinds of baked credential (Open Badges 3.0, Open Badges 2.0, CLR 2.0),
 * and the rule that an image may hold exactly one carrier, in its standard form.
 *
 * Readers differ: 1EdTech's validator reads the first `iTXt` or `zTXt` chunk with the exact
 * keyword and the first element with the exact namespace and local name, preferring the `verify`
 * attribute over the text; OB 2.0 bakeries also read `tEXt` chunks and match keywords by prefix;
 * lenient readers ignore letter case, surrounding whitespace and NULs, walk chunks past `IEND`,
 * match SVG elements by prefix instead of namespace, or search the raw text (comments and CDATA
 * included) for the element's markup. An image in which two of these readers could find two
 * different credentials is refused, whatever we would read ourselves.
 */
import { BakeError } from '../errors.js';
import {
  CLR_PNG_KEYWORD,
  CLR_SVG_NAMESPACE,
  OB2_PNG_KEYWORD,
  OB2_SVG_NAMESPACE,
  OB3_PNG_KEYWORD,
  OB3_SVG_NAMESPACE,
} from './types.js';

/** One kind of baked credential: its PNG keyword and SVG element. */
export interface CarrierSpec {
  /** The value of `UnbakeResult.version` for it. */
  version: 'ob3' | 'ob2' | 'clr';
  /** What it is, for messages. */
  label: string;
  /** The keyword of its PNG text chunk. */
  pngKeyword: string;
  /** The PNG chunk types it is read from: `iTXt`, and `tEXt` for OB 2.0's legacy hosted URL. */
  pngTypes: readonly string[];
  /** The namespace of its SVG element. */
  svgNamespace: string;
  /** The local name of its SVG element. */
  svgElement: 'credential' | 'assertion';
  /** The prefix a new SVG element gets. */
  svgPrefix: string;
  /**
   * Whether the SVG element may hold both a `verify` attribute and text: OB 2.0's hosted form
   * (the assertion's URL in `verify`, its JSON as the text). For the others, a credential is in
   * one place only.
   */
  svgVerifyWithText: boolean;
}

/** Open Badges 3.0: `iTXt` `openbadgecredential`, `<openbadges:credential>`. */
export const OB3_CARRIER: CarrierSpec = {
  version: 'ob3',
  label: 'Open Badges 3.0 credential',
  pngKeyword: OB3_PNG_KEYWORD,
  pngTypes: ['iTXt'],
  svgNamespace: OB3_SVG_NAMESPACE,
  svgElement: 'credential',
  svgPrefix: 'openbadges',
  svgVerifyWithText: false,
};

/** Open Badges 2.0: `iTXt` (or legacy `tEXt`) `openbadges`, `<openbadges:assertion>`. */
export const OB2_CARRIER: CarrierSpec = {
  version: 'ob2',
  label: 'Open Badges 2.0 assertion',
  pngKeyword: OB2_PNG_KEYWORD,
  pngTypes: ['iTXt', 'tEXt'],
  svgNamespace: OB2_SVG_NAMESPACE,
  svgElement: 'assertion',
  svgPrefix: 'openbadges',
  svgVerifyWithText: true,
};

/** CLR 2.0: `iTXt` `clrcredential`, `<clr:credential>` in the CLR namespace. */
export const CLR_CARRIER: CarrierSpec = {
  version: 'clr',
  label: 'CLR 2.0 credential',
  pngKeyword: CLR_PNG_KEYWORD,
  pngTypes: ['iTXt'],
  svgNamespace: CLR_SVG_NAMESPACE,
  svgElement: 'credential',
  svgPrefix: 'clr',
  svgVerifyWithText: false,
};

/** Every kind of baked credential a reader may look for. */
export const CARRIERS: readonly CarrierSpec[] = [OB3_CARRIER, OB2_CARRIER, CLR_CARRIER];

/** The kind whose SVG element is `{namespace}local`, exactly, if any. */
export function carrierForElement(
  namespace: string | undefined,
  local: string,
): CarrierSpec | undefined {
  return CARRIERS.find((c) => c.svgNamespace === namespace && c.svgElement === local);
}

/** Local names of SVG elements that some reader takes for a credential (compared lower-cased). */
export const ELEMENT_NAMES: readonly string[] = ['credential', 'assertion'];

/**
 * Markup of a credential element inside text that an XML reader does not read as markup
 * (comments, CDATA sections, processing instructions, the DOCTYPE) but a reader that searches the
 * raw text finds: `<`, optional prefix, `credential` or `assertion`, in any letter case.
 */
export const ELEMENT_MARKUP = /<\s*(?:[A-Za-z_][\w.-]*:)?(?:credential|assertion)(?=[\s/>]|$)/i;

/**
 * Where a carrier is: a PNG text chunk (its type, keyword and byte offset) or an SVG element (its
 * name, namespace and the offset of its `<` in the SVG text).
 *
 * @example
 * ```ts
 * const at: CarrierLocation = { format: 'png', chunkType: 'iTXt', keyword: 'openbadges', offset: 33 };
 * ```
 */
export type CarrierLocation =
  | { format: 'png'; chunkType: string; keyword: string; offset: number }
  | { format: 'svg'; element: string; namespace: string | undefined; offset: number };

/** The one carrier of an image, read. */
export interface FoundCarrier {
  spec: CarrierSpec;
  format: 'png' | 'svg';
  /** PNG: the chunk's text (inflated when compressed). SVG: the `verify` value, else the text. */
  text: string;
  /** SVG: the `verify` attribute's value, when there is one. */
  verify?: string;
  /** SVG: the element's text content (CDATA verbatim, other text decoded), when not blank. */
  content?: string;
  /** The PNG chunk was zlib-compressed. */
  compressed?: boolean;
  /** Where it was found, for messages. */
  where: string;
  location: CarrierLocation;
}

/** The description of one place a reader could find a credential, for an ambiguity message. */
export interface CarrierMention {
  /** Lazily computed, since locating in an SVG counts lines. */
  describe: () => string;
}

const NAMED = 3;

/** `a CLR 2.0 credential`, `an Open Badges 3.0 credential`. */
export function withArticle(label: string): string {
  return `${/^[AEIOU]/i.test(label) ? 'an' : 'a'} ${label}`;
}

function named(mentions: readonly CarrierMention[]): { list: string[]; text: string } {
  const list = mentions.slice(0, NAMED).map((m) => m.describe());
  const more = mentions.length > NAMED ? ` and ${mentions.length - NAMED} more` : '';
  return { list, text: `${list.join('; ')}${more}` };
}

/**
 * `ERR_BAKE_AMBIGUOUS` for an image read: `mentions` are every place a reader could find a
 * credential; the message names the first ones. `lone` explains why a single mention is not a
 * credential we read.
 */
export function ambiguousError(
  format: 'png' | 'svg',
  mentions: readonly CarrierMention[],
  lone?: string,
): BakeError {
  const { list, text } = named(mentions);
  const image = format.toUpperCase();
  const message =
    mentions.length === 1
      ? `The ${image} is ambiguous: ${text}${lone ? `; ${lone}` : ''}`
      : `The ${image} has ${mentions.length} places where a reader could find a credential: ${text}. An image must carry exactly one credential, since readers differ in which one they show`;
  return new BakeError('ERR_BAKE_AMBIGUOUS', message, { carriers: list, count: mentions.length });
}

/** `ERR_BAKE_AMBIGUOUS` for baking into an image that already holds another carrier. */
export function bakeConflictError(
  fn: string,
  format: 'png' | 'svg',
  mentions: readonly CarrierMention[],
  spec: CarrierSpec,
): BakeError {
  const { list, text } = named(mentions);
  return new BakeError(
    'ERR_BAKE_AMBIGUOUS',
    `${fn}: the ${format.toUpperCase()} already holds ${text}; baking ${withArticle(spec.label)} as well would leave readers more than one credential to choose from. Remove ${mentions.length === 1 ? 'it' : 'them'} first`,
    { carriers: list, count: mentions.length },
  );
}
