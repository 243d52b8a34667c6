/**
 * SVG baking (Open Badges 3.0 section "Baked Badge / SVG"): an `<openbadges:credential>` element
 * directly after the `<svg>` start tag, the namespace `https://purl.imsglobal.org/ob/v3p0` declared
 * on `<svg>`, the JSON in a CDATA section or the compact JWT in the `verify` attribute.
 *
 * The SVG is read with the small, careful scanner of `xml-scanner.ts` (no DTD processed, no entity
 * expanded, nothing fetched), never a general XML parser.
 */
import { BakeError } from '../errors.js';
import { utf8 } from '../internal/bytes.js';
import {
  ambiguousError,
  bakeConflictError,
  type CarrierMention,
  type CarrierSpec,
  carrierForElement,
  ELEMENT_MARKUP,
  ELEMENT_NAMES,
  type FoundCarrier,
  OB2_CARRIER,
  OB3_CARRIER,
} from './carriers.js';
import { legacyKind, toBakePayload } from './payload.js';
import type { ResolvedLimits } from './types.js';
import {
  attributeValue,
  decodeEntities,
  hasNonXmlChar,
  normalizeLineEnds,
  position,
  type SvgScanOptions,
  scanXml,
  type XmlStartTag,
} from './xml-scanner.js';

export type { SvgScanOptions } from './xml-scanner.js';

/** Lengths of the element names readers take for a credential (a cheap first test). */
const NAME_LENGTHS = new Set(ELEMENT_NAMES.map((n) => n.length));

/** An element that some reader takes for a credential element. */
interface Candidate extends CarrierMention {
  tag: XmlStartTag;
  /** Set when it is the standard element of its kind (namespace and local name exact). */
  standard?: CarrierSpec;
  /** Read leniently: the standard prefix `openbadges` used without declaring it. */
  undeclared: boolean;
  /** Offset just past the end tag (or the empty-element tag). */
  end: number;
  /** Text and CDATA sections directly inside, as offsets into the document. */
  segments: Array<{ cdata: boolean; start: number; end: number }>;
  /** The first thing that makes it unclear what the element holds, if any (located lazily). */
  problem?: { at: number; what: (where: string) => string };
}

interface SvgScan {
  root: XmlStartTag;
  rootDecls: Map<string, string>;
  candidates: Candidate[];
  /** Credential element markup where an XML reader sees none (comments, CDATA, ...). */
  hidden: CarrierMention[];
}

function describeTag(tag: XmlStartTag, text: string): string {
  const ns = tag.namespace === undefined ? 'no namespace' : `namespace ${tag.namespace}`;
  return `the element <${tag.name}> (${ns}) at ${position(text, tag.start)}`;
}

/** The kind a credential-like element is the standard element of (an undeclared `openbadges:` read leniently). */
function standardSpec(tag: XmlStartTag): { spec: CarrierSpec | undefined; undeclared: boolean } {
  const spec = carrierForElement(tag.namespace, tag.local);
  if (spec) return { spec, undeclared: false };
  // Lenient: the spec's own prefix used without declaring it.
  if (tag.undeclaredPrefix && tag.prefix === 'openbadges') {
    if (tag.local === 'credential') return { spec: OB3_CARRIER, undeclared: true };
    if (tag.local === 'assertion') return { spec: OB2_CARRIER, undeclared: true };
  }
  return { spec: undefined, undeclared: false };
}

/** Scan an SVG document for its root and every place a reader could find a credential. */
function scanSvg(text: string, options: SvgScanOptions): SvgScan {
  const candidates: Candidate[] = [];
  const hidden: CarrierMention[] = [];
  let open: Candidate | undefined;
  let root: XmlStartTag | undefined;
  const hide = (kind: string, start: number, end: number, markupStart: number) => {
    // Most comments and CDATA sections hold no '<' at all: look for one before slicing.
    const lt = text.indexOf('<', start);
    if (lt < 0 || lt >= end) return;
    const m = ELEMENT_MARKUP.exec(text.slice(lt, end));
    if (!m) return;
    const at = lt + m.index;
    hidden.push({
      describe: () =>
        `${kind} at ${position(text, markupStart)} holds the markup ${JSON.stringify(m[0])} (at ${position(text, at)}), which readers that search the text take for a credential element`,
    });
  };
  const { root: scannedRoot } = scanXml(text, options, {
    start(tag) {
      if (!root) {
        root = tag;
        if (tag.local !== 'svg') {
          throw new BakeError(
            'ERR_IMAGE_FORMAT',
            `The document's root element is <${tag.name}>, not <svg>`,
          );
        }
      }
      if (open && !open.problem) {
        open.problem = {
          at: tag.start,
          what: (where) =>
            `it contains the element <${tag.name}> at ${where}, and readers differ on whether its text is part of the credential`,
        };
      }
      if (!NAME_LENGTHS.has(tag.local.length) || !ELEMENT_NAMES.includes(tag.local.toLowerCase()))
        return;
      const { spec, undeclared } = standardSpec(tag);
      const c: Candidate = {
        tag,
        ...(spec ? { standard: spec } : {}),
        undeclared,
        end: tag.end,
        segments: [],
        describe: () =>
          `${describeTag(tag, text)}${spec ? ` (${spec.label}${undeclared ? ', prefix undeclared' : ''})` : ''}`,
      };
      for (const a of tag.attrs) {
        if (a.local.toLowerCase() === 'verify' && a.name !== 'verify' && !c.problem) {
          c.problem = {
            at: a.start,
            what: (where) =>
              `it has the attribute ${a.name} at ${where}, which readers may take for its verify attribute`,
          };
        }
      }
      candidates.push(c);
      open ??= c;
    },
    end(tag, _start, end) {
      if (open && tag === open.tag) {
        open.end = end;
        open = undefined;
      }
    },
    text(start, end) {
      open?.segments.push({ cdata: false, start, end });
    },
    cdata(start, end, markupStart) {
      open?.segments.push({ cdata: true, start, end });
      hide('a CDATA section', start, end, markupStart);
    },
    comment(start, end, markupStart) {
      if (open && !open.problem) {
        open.problem = {
          at: markupStart,
          what: (where) =>
            `it contains a comment at ${where}, and readers differ on whether that is part of its text`,
        };
      }
      hide('a comment', start, end, markupStart);
    },
    pi(start, end, markupStart) {
      if (open && !open.problem) {
        open.problem = {
          at: markupStart,
          what: (where) =>
            `it contains a processing instruction at ${where}, and readers differ on whether that is part of its text`,
        };
      }
      hide('a processing instruction', start, end, markupStart);
    },
    doctype(start, end, markupStart) {
      hide('the DOCTYPE', start, end, markupStart);
    },
  });
  return {
    root: scannedRoot,
    rootDecls: scannedRoot.declarations ?? new Map(),
    candidates,
    hidden,
  };
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/**
 * The element's text content, when every reader reads the same: text alone (references decoded,
 * surrounding whitespace dropped), or CDATA sections with only whitespace around them, the
 * sections joined only where a `]]>` was split across two (`]]` + `>`). Anything else is
 * refused as ambiguous: text beside CDATA, or two sections split elsewhere, reads differently in
 * a reader that takes only the CDATA, only the first section, or everything.
 */
function contentText(c: Candidate, text: string): string {
  const cdata = c.segments.filter((s) => s.cdata);
  if (cdata.length === 0) {
    return decodeEntities(
      normalizeLineEnds(c.segments.map((s) => text.slice(s.start, s.end)).join('')),
      text,
      c.tag.end,
    ).trim();
  }
  const first = c.segments.indexOf(cdata[0] as (typeof cdata)[0]);
  const last = c.segments.indexOf(cdata[cdata.length - 1] as (typeof cdata)[0]);
  for (let k = 0; k < c.segments.length; k++) {
    const s = c.segments[k] as (typeof cdata)[0];
    if (s.cdata) continue;
    const between = k > first && k < last;
    if (between || !isBlank(text, s.start, s.end)) {
      throw ambiguousError(
        'svg',
        [c],
        `it has text ${between ? 'between its CDATA sections' : 'beside its CDATA section'} at ${position(text, s.start)}`,
      );
    }
  }
  for (let k = 1; k < cdata.length; k++) {
    const prev = cdata[k - 1] as (typeof cdata)[0];
    const next = cdata[k] as (typeof cdata)[0];
    if (!(text.startsWith(']]', prev.end - 2) && text[next.start] === '>')) {
      throw ambiguousError(
        'svg',
        [c],
        `its CDATA sections are split at ${position(text, next.start - 9)} other than where a ']]>' was`,
      );
    }
  }
  return normalizeLineEnds(cdata.map((s) => text.slice(s.start, s.end)).join(''));
}

function checkSize(text: string, limits: ResolvedLimits, what: 'image' | 'credential'): void {
  const max = what === 'image' ? limits.maxImageBytes : limits.maxCredentialBytes;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: count exactly only when it could matter.
  if (text.length * 3 <= max) return;
  const size = text.length > max ? Number.POSITIVE_INFINITY : utf8(text).length;
  if (size > max) {
    throw new BakeError(
      what === 'image' ? 'ERR_IMAGE_TOO_LARGE' : 'ERR_BAKE_TOO_LARGE',
      what === 'image'
        ? `The SVG is more than maxImageBytes (${max}) bytes`
        : `The baked credential is more than maxCredentialBytes (${max}) bytes`,
      { limit: max },
    );
  }
}

/**
 * Bake a credential into SVG text as the element of `spec` (by default Open Badges 3.0's
 * `<openbadges:credential>`). Everything outside the changed spots is kept as it was; an existing
 * standard element of the same kind is replaced where it stands; any other carrier is refused.
 */
export function bakeSvg(
  text: string,
  credential: unknown,
  limits: ResolvedLimits,
  options: SvgScanOptions,
  fn: string,
  spec: CarrierSpec = OB3_CARRIER,
): string {
  checkSize(text, limits, 'image');
  const payload = toBakePayload(credential, limits, fn);
  if (payload.kind === 'json' && hasNonXmlChar(payload.text)) {
    throw new BakeError(
      'ERR_SVG_INVALID_CHAR',
      `${fn}: the credential JSON contains a character XML cannot hold (a control character, U+FFFE/U+FFFF or a lone surrogate); write it as a \\u escape`,
    );
  }
  const scan = scanSvg(text, options);
  const mentions = [...scan.candidates, ...scan.hidden];
  const only = scan.candidates.length === 1 ? scan.candidates[0] : undefined;
  if (mentions.length > 0 && (mentions.length > 1 || only?.standard !== spec)) {
    throw bakeConflictError(fn, 'svg', mentions, spec);
  }
  const current = only;
  const prefix = spec.svgPrefix;
  const name = current?.tag.name ?? `${prefix}:${spec.svgElement}`;
  // A replaced element keeps the namespace declarations it carries itself (its own prefix or
  // default namespace may be declared there), so it stays in its namespace.
  const decls = (current?.tag.attrs ?? [])
    .filter((a) => a.name === 'xmlns' || a.prefix === 'xmlns')
    .map((a) => {
      const q = a.raw.includes('"') ? "'" : '"';
      return ` ${a.name}=${q}${a.raw}${q}`;
    })
    .join('');
  const element =
    payload.kind === 'jwt'
      ? `<${name}${decls} verify="${payload.text}"></${name}>`
      : `<${name}${decls}><![CDATA[${payload.text.split(']]>').join(']]]]><![CDATA[>')}]]></${name}>`;
  const edits: Array<{ at: number; remove: number; insert: string }> = [];
  const { root } = scan;
  if (!current || current.undeclared) {
    const bound = scan.rootDecls.get(prefix);
    if (bound === undefined) {
      edits.push({
        at: root.nameEnd,
        remove: 0,
        insert: ` xmlns:${prefix}="${spec.svgNamespace}"`,
      });
    } else if (bound !== spec.svgNamespace) {
      throw new BakeError(
        'ERR_SVG_NAMESPACE_CONFLICT',
        `The <svg> element binds the prefix '${prefix}' to "${bound}", not "${spec.svgNamespace}"; remove that binding first`,
        { namespace: bound },
      );
    }
  }
  if (current) {
    edits.push({ at: current.tag.start, remove: current.end - current.tag.start, insert: element });
  } else if (root.selfClosing) {
    edits.push({ at: root.end - 2, remove: 2, insert: `>${element}</${root.name}>` });
  } else {
    edits.push({ at: root.end, remove: 0, insert: element });
  }
  edits.sort((a, b) => b.at - a.at);
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.insert + out.slice(e.at + e.remove);
  return out;
}

/**
 * Find and read the one credential carrier of SVG text: `undefined` when there is none,
 * `ERR_BAKE_AMBIGUOUS` when a reader could find more than one, or the only one is not the
 * standard element of its kind, or what it holds reads differently in different readers (a
 * `verify` attribute and text both, except OB 2.0's hosted form; a comment, element or stray text
 * inside).
 */
export function findSvgCarrier(
  text: string,
  limits: ResolvedLimits,
  options: SvgScanOptions,
): FoundCarrier | undefined {
  checkSize(text, limits, 'image');
  const scan = scanSvg(text, options);
  const mentions = [...scan.candidates, ...scan.hidden];
  if (mentions.length === 0) return undefined;
  const c = scan.candidates[0];
  if (mentions.length > 1 || !c) throw ambiguousError('svg', mentions);
  const spec = c.standard;
  if (!spec) {
    throw ambiguousError(
      'svg',
      mentions,
      `a credential element is {${OB3_CARRIER.svgNamespace}}credential (or the OB 2.0 or CLR one) exactly, but some readers take this one for it`,
    );
  }
  if (c.problem) {
    throw ambiguousError('svg', mentions, c.problem.what(position(text, c.problem.at)));
  }
  const verifyAttr = c.tag.attrs.find((a) => a.name === 'verify');
  const verify = verifyAttr ? attributeValue(verifyAttr, text, c.tag.start) : undefined;
  const content = contentText(c, text);
  if (verify !== undefined) checkSize(verify, limits, 'credential');
  checkSize(content, limits, 'credential');
  if (verify !== undefined && content.trim() !== '') {
    const hosted = spec.svgVerifyWithText && legacyKind(verify) === 'url';
    if (!hosted) {
      throw ambiguousError(
        'svg',
        mentions,
        `it has both a verify attribute and text, and readers differ in which they read${spec.svgVerifyWithText ? ' (OB 2.0 allows text beside verify only when verify is the assertion URL)' : ''}`,
      );
    }
  }
  return {
    spec,
    format: 'svg',
    text: verify ?? content,
    ...(verify !== undefined ? { verify } : {}),
    ...(content.trim() !== '' ? { content } : {}),
    where: `the SVG element <${c.tag.name}>${verify !== undefined ? "'s verify attribute" : ''}`,
    location: {
      format: 'svg',
      element: c.tag.name,
      namespace: spec.svgNamespace,
      offset: c.tag.start,
    },
  };
}
