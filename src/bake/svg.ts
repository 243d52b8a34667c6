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
import { legacyKind, readOb3Payload, toBakePayload } from './payload.js';
import {
  OB2_SVG_NAMESPACE,
  OB3_SVG_NAMESPACE,
  type ResolvedLimits,
  type UnbakeResult,
} from './types.js';
import {
  attributeValue,
  decodeEntities,
  firstElementName,
  hasNonXmlChar,
  normalizeLineEnds,
  type SvgScanOptions,
  scanXml,
  splitName,
  type XmlStartTag,
} from './xml-scanner.js';

export type { SvgScanOptions } from './xml-scanner.js';

interface Found {
  kind: 'ob3' | 'ob2';
  /** The element's qualified name as written. */
  name: string;
  /** The prefix was never declared (read leniently as the Open Badges one). */
  undeclared: boolean;
  tag: XmlStartTag;
  /** Offset just past the end tag (or the self-closing start tag). */
  end: number;
  segments: Array<{ cdata: boolean; text: string }>;
}

interface SvgScan {
  root: XmlStartTag;
  rootDecls: Map<string, string>;
  found: Found[];
}

/** Scan an SVG document for its root and its Open Badges elements. */
function scanSvg(text: string, options: SvgScanOptions): SvgScan {
  const found: Found[] = [];
  let collecting: Found | undefined;
  let root: XmlStartTag | undefined;
  const { root: scannedRoot } = scanXml(text, options, (e) => {
    switch (e.kind) {
      case 'start': {
        const tag = e.tag;
        if (!root) {
          root = tag;
          if (tag.local !== 'svg') {
            throw new BakeError(
              'ERR_IMAGE_FORMAT',
              `The document's root element is <${tag.name}>, not <svg>`,
            );
          }
        }
        if (
          !collecting &&
          tag.prefix !== undefined &&
          (tag.local === 'credential' || tag.local === 'assertion')
        ) {
          const undeclared = tag.undeclaredPrefix && tag.prefix === 'openbadges';
          const kind =
            tag.local === 'credential' && (tag.namespace === OB3_SVG_NAMESPACE || undeclared)
              ? 'ob3'
              : tag.local === 'assertion' && (tag.namespace === OB2_SVG_NAMESPACE || undeclared)
                ? 'ob2'
                : undefined;
          if (kind) {
            const f: Found = { kind, name: tag.name, undeclared, tag, end: tag.end, segments: [] };
            found.push(f);
            if (!tag.selfClosing) collecting = f;
          }
        }
        break;
      }
      case 'end':
        if (collecting && e.tag === collecting.tag) {
          collecting.end = e.end;
          collecting = undefined;
        }
        break;
      case 'text':
        collecting?.segments.push({ cdata: false, text: text.slice(e.start, e.end) });
        break;
      case 'cdata':
        collecting?.segments.push({ cdata: true, text: text.slice(e.start, e.end) });
        break;
    }
  });
  return { root: scannedRoot, rootDecls: scannedRoot.declarations ?? new Map(), found };
}

/** The element's text content: CDATA verbatim, other text decoded; surrounding whitespace dropped. */
function contentText(f: Found, text: string): string {
  const parts = f.segments.map((s) => ({
    cdata: s.cdata,
    text: s.cdata
      ? normalizeLineEnds(s.text)
      : decodeEntities(normalizeLineEnds(s.text), text, f.tag.end),
  }));
  if (!parts.some((p) => p.cdata))
    return parts
      .map((p) => p.text)
      .join('')
      .trim();
  let a = 0;
  let b = parts.length;
  while (a < b && !parts[a]?.cdata && (parts[a]?.text.trim() ?? '') === '') a++;
  while (b > a && !parts[b - 1]?.cdata && (parts[b - 1]?.text.trim() ?? '') === '') b--;
  return parts
    .slice(a, b)
    .map((p) => p.text)
    .join('');
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

/** True when `text` is (after an optional BOM, XML declaration, comments and DOCTYPE) an `<svg>` document. */
export function looksLikeSvg(text: string): boolean {
  const name = firstElementName(text);
  return name !== undefined && splitName(name).local === 'svg';
}

/** Bake a credential into SVG text. Everything outside the changed spots is kept as it was. */
export function bakeSvg(
  text: string,
  credential: unknown,
  limits: ResolvedLimits,
  options: SvgScanOptions,
  fn: string,
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
  const existing = scan.found.filter((f) => f.kind === 'ob3');
  if (existing.length > 1) {
    throw new BakeError(
      'ERR_SVG_DUPLICATE_CREDENTIAL',
      `The SVG has ${existing.length} <openbadges:credential> elements; the Open Badges spec allows one`,
    );
  }
  const current = existing[0];
  const name = current?.name ?? 'openbadges:credential';
  const element =
    payload.kind === 'jwt'
      ? `<${name} verify="${payload.text}"></${name}>`
      : `<${name}><![CDATA[${payload.text.split(']]>').join(']]]]><![CDATA[>')}]]></${name}>`;
  const edits: Array<{ at: number; remove: number; insert: string }> = [];
  const { root } = scan;
  if (!current || current.undeclared) {
    const bound = scan.rootDecls.get('openbadges');
    if (bound === undefined) {
      edits.push({
        at: root.nameEnd,
        remove: 0,
        insert: ` xmlns:openbadges="${OB3_SVG_NAMESPACE}"`,
      });
    } else if (bound !== OB3_SVG_NAMESPACE) {
      throw new BakeError(
        'ERR_SVG_NAMESPACE_CONFLICT',
        `The <svg> element binds the prefix 'openbadges' to "${bound}" (an Open Badges 2.0 baked image?), not "${OB3_SVG_NAMESPACE}"; remove the old assertion and its namespace first`,
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

/** Read the credential baked into SVG text. */
export function unbakeSvg(
  text: string,
  limits: ResolvedLimits,
  options: SvgScanOptions,
): UnbakeResult {
  checkSize(text, limits, 'image');
  const scan = scanSvg(text, options);
  const ob3 = scan.found.filter((f) => f.kind === 'ob3');
  if (ob3.length > 1) {
    throw new BakeError(
      'ERR_SVG_DUPLICATE_CREDENTIAL',
      `The SVG has ${ob3.length} <openbadges:credential> elements; the Open Badges spec allows one`,
    );
  }
  const f = ob3[0] ?? scan.found.find((x) => x.kind === 'ob2');
  if (!f) {
    throw new BakeError(
      'ERR_BAKE_NO_CREDENTIAL',
      'The SVG has no <openbadges:credential> element (nor an Open Badges 2.0 <openbadges:assertion>)',
    );
  }
  const verify = f.tag.attrs.find((a) => a.name === 'verify');
  const baked = verify ? attributeValue(verify, text, f.tag.start) : contentText(f, text);
  checkSize(baked, limits, 'credential');
  const where = `the SVG element <${f.name}>${verify ? "'s verify attribute" : ''}`;
  if (f.kind === 'ob2') {
    return { format: 'svg', version: 'ob2', kind: legacyKind(baked), text: baked };
  }
  if (baked.trim().length === 0) {
    throw new BakeError('ERR_BAKE_PAYLOAD', `${where} is empty`);
  }
  return { format: 'svg', version: 'ob3', text: baked, ...readOb3Payload(baked, where) };
}
