/**
 * SVG baking (Open Badges 3.0 section "Baked Badge / SVG"): an `<openbadges:credential>` element
 * directly after the `<svg>` start tag, the namespace `https://purl.imsglobal.org/ob/v3p0` declared
 * on `<svg>`, the JSON in a CDATA section or the compact JWT in the `verify` attribute.
 *
 * The SVG is read with a small, careful scanner, never a general XML parser: no DTD is processed,
 * no entity other than the five predefined ones and character references is ever expanded, and
 * nothing is fetched. A document type declaration with an internal subset (where entities are
 * declared) is rejected with `ERR_SVG_DTD`; a plain `<!DOCTYPE svg PUBLIC "..." "...">`, as many
 * editors write, is skipped (its DTD is never read) unless `rejectDoctype` is set.
 */
import { BakeError } from '../errors.js';
import { utf8 } from '../internal/bytes.js';
import { legacyKind, readOb3Payload, toBakePayload } from './payload.js';
import {
  type CarrierKind,
  CLR_SVG_NAMESPACE,
  OB2_SVG_NAMESPACE,
  OB3_SVG_NAMESPACE,
  type ResolvedLimits,
  type UnbakeResult,
} from './types.js';

/**
 * SVG reading options.
 *
 * @example
 * ```ts
 * unbakeBadge(svgText, { rejectDoctype: true }); // refuse even <!DOCTYPE svg PUBLIC ...>
 * ```
 */
export interface SvgScanOptions {
  /** Reject any `<!DOCTYPE>`, even one without an internal subset. Default `false`. */
  rejectDoctype?: boolean;
}

interface Attr {
  name: string;
  /** The raw value between the quotes (entities not decoded). */
  raw: string;
}

interface StartTag {
  name: string;
  /** Offset of `<`. */
  start: number;
  /** Offset just past the tag name. */
  nameEnd: number;
  /** Offset just past `>`. */
  end: number;
  selfClosing: boolean;
  attrs: Attr[];
}

interface Found {
  kind: CarrierKind | 'ob2';
  /** The element's qualified name as written. */
  name: string;
  /** The prefix was never declared (read leniently as the Open Badges one). */
  undeclared: boolean;
  tag: StartTag;
  /** Offset just past the end tag (or the self-closing start tag). */
  end: number;
  segments: Array<{ cdata: boolean; text: string }>;
}

interface Scope {
  decls: Map<string, string> | undefined;
  name: string;
  found: Found | undefined;
}

interface SvgScan {
  root: StartTag;
  rootDecls: Map<string, string>;
  found: Found[];
}

const NAME_END = /[\s/>]/;
const WS = /\s/;

function position(text: string, at: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

function malformed(text: string, at: number, what: string): BakeError {
  return new BakeError(
    'ERR_SVG_MALFORMED',
    `The SVG is not well-formed XML at ${position(text, at)}: ${what}`,
    {
      offset: at,
    },
  );
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** True when `s` holds a character XML 1.0 forbids anywhere (lone surrogates included). */
function hasNonXmlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x9 && c !== 0xa && c !== 0xd) return true;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
      i++;
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return true;
  }
  return false;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the five predefined entities and character references; anything else is an error. */
function decodeEntities(s: string, text: string, at: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s<]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw malformed(text, at, `a bare '&' (write &amp;)`);
    if (body.startsWith('#')) {
      const cp = /^#x[0-9a-fA-F]+$/.test(body)
        ? Number.parseInt(body.slice(2), 16)
        : /^#[0-9]+$/.test(body)
          ? Number.parseInt(body.slice(1), 10)
          : Number.NaN;
      if (!Number.isFinite(cp) || !isXmlChar(cp)) {
        throw malformed(text, at, `the character reference ${match} is not a valid XML character`);
      }
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[body];
    if (v === undefined) {
      throw new BakeError(
        'ERR_SVG_ENTITY',
        `The SVG uses the entity ${match} at ${position(text, at)}; only &lt; &gt; &amp; &quot; &apos; and character references are read (entities are never expanded)`,
        { offset: at },
      );
    }
    return v;
  });
}

function normalizeLineEnds(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

function attrValue(attr: Attr, text: string, at: number): string {
  // XML 3.3.3: line ends, then every literal tab/newline, become a space; references are decoded.
  return decodeEntities(normalizeLineEnds(attr.raw).replace(/[\t\n]/g, ' '), text, at);
}

function parseStartTag(text: string, start: number): StartTag {
  let j = start + 1;
  const nameStart = j;
  while (j < text.length && !NAME_END.test(text[j] as string)) j++;
  const name = text.slice(nameStart, j);
  if (name.length === 0 || /[<&"'=]/.test(name))
    throw malformed(text, start, 'an invalid element name');
  const nameEnd = j;
  const attrs: Attr[] = [];
  const seen = new Set<string>();
  for (;;) {
    const before = j;
    while (j < text.length && WS.test(text[j] as string)) j++;
    if (j >= text.length) throw malformed(text, start, `the start tag <${name}> is not closed`);
    const c = text[j];
    if (c === '>') return { name, start, nameEnd, end: j + 1, selfClosing: false, attrs };
    if (c === '/') {
      if (text[j + 1] !== '>') throw malformed(text, j, "'/' not followed by '>'");
      return { name, start, nameEnd, end: j + 2, selfClosing: true, attrs };
    }
    if (j === before) throw malformed(text, j, 'attributes must be separated by whitespace');
    const attrStart = j;
    while (j < text.length && !/[\s=/>]/.test(text[j] as string)) j++;
    const attrName = text.slice(attrStart, j);
    if (attrName.length === 0 || /[<&"']/.test(attrName))
      throw malformed(text, attrStart, 'an invalid attribute name');
    while (j < text.length && WS.test(text[j] as string)) j++;
    if (text[j] !== '=') throw malformed(text, j, `the attribute ${attrName} has no value`);
    j++;
    while (j < text.length && WS.test(text[j] as string)) j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "'")
      throw malformed(text, j, `the value of ${attrName} is not quoted`);
    const close = text.indexOf(quote, j + 1);
    if (close < 0) throw malformed(text, j, `the value of ${attrName} is not closed`);
    const raw = text.slice(j + 1, close);
    if (raw.includes('<')) throw malformed(text, j, `'<' inside the value of ${attrName}`);
    if (seen.has(attrName))
      throw malformed(text, attrStart, `the attribute ${attrName} appears twice`);
    seen.add(attrName);
    attrs.push({ name: attrName, raw });
    j = close + 1;
  }
}

function splitName(name: string): { prefix: string | undefined; local: string } {
  const colon = name.indexOf(':');
  return colon < 0
    ? { prefix: undefined, local: name }
    : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

function declarations(tag: StartTag, text: string): Map<string, string> | undefined {
  let decls: Map<string, string> | undefined;
  for (const a of tag.attrs) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
      decls ??= new Map();
      decls.set(a.name === 'xmlns' ? '' : a.name.slice(6), attrValue(a, text, tag.start));
    }
  }
  return decls;
}

function lookup(
  prefix: string,
  own: Map<string, string> | undefined,
  stack: Scope[],
): string | undefined {
  if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
  const v = own?.get(prefix);
  if (v !== undefined) return v;
  for (let k = stack.length - 1; k >= 0; k--) {
    const d = stack[k]?.decls?.get(prefix);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** Skip a `<!DOCTYPE ...>` starting at `at`; returns the offset just past it. */
function skipDoctype(text: string, at: number, options: SvgScanOptions): number {
  let j = at + 9;
  let quote: string | undefined;
  for (; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') {
      throw new BakeError(
        'ERR_SVG_DTD',
        `The SVG has a document type declaration with an internal subset at ${position(text, at)}; DTDs (and the entities they declare) are not processed`,
        { offset: at },
      );
    } else if (c === '>') {
      if (options.rejectDoctype) {
        throw new BakeError(
          'ERR_SVG_DTD',
          `The SVG has a document type declaration at ${position(text, at)} and rejectDoctype is set`,
          { offset: at },
        );
      }
      return j + 1;
    }
  }
  throw malformed(text, at, 'the DOCTYPE is not closed');
}

function checkXmlDeclaration(text: string, start: number): number {
  if (!/^<\?xml[\s?]/.test(text.slice(start, start + 6))) return start;
  const end = text.indexOf('?>', start);
  if (end < 0) throw malformed(text, start, 'the XML declaration is not closed');
  const decl = text.slice(start, end);
  const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(decl)?.[1];
  if (enc !== undefined && !/^(utf-?8|us-ascii|ascii)$/i.test(enc)) {
    throw new BakeError(
      'ERR_SVG_ENCODING',
      `The SVG declares encoding "${enc}"; only UTF-8 SVG is read and written`,
    );
  }
  return end + 2;
}

/** Scan an SVG document for its root and its Open Badges elements. */
function scanSvg(text: string, options: SvgScanOptions): SvgScan {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  i = checkXmlDeclaration(text, i);
  const stack: Scope[] = [];
  const found: Found[] = [];
  let root: StartTag | undefined;
  let rootDecls = new Map<string, string>();
  let rootClosed = false;
  let collecting: Found | undefined;
  for (;;) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (collecting) collecting.segments.push({ cdata: false, text: chunk });
    else if (stack.length === 0 && chunk.trim().length > 0) {
      throw malformed(text, i, 'text outside the root element');
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) throw malformed(text, i, 'a comment is not closed');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) throw malformed(text, i, 'a CDATA section outside the root element');
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) throw malformed(text, i, 'a CDATA section is not closed');
      if (collecting) collecting.segments.push({ cdata: true, text: text.slice(i + 9, end) });
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (root) throw malformed(text, i, 'a DOCTYPE after the root element started');
      i = skipDoctype(text, i, options);
    } else if (text.startsWith('<!', i)) {
      throw new BakeError(
        'ERR_SVG_DTD',
        `The SVG has a markup declaration (${JSON.stringify(text.slice(i, i + 10))}) at ${position(text, i)}; DTD declarations are not processed`,
        { offset: i },
      );
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) throw malformed(text, i, 'a processing instruction is not closed');
      i = end + 2;
    } else if (text.startsWith('</', i)) {
      const end = text.indexOf('>', i);
      if (end < 0) throw malformed(text, i, 'an end tag is not closed');
      const name = text.slice(i + 2, end).trim();
      const top = stack.pop();
      if (!top || top.name !== name) {
        throw malformed(
          text,
          i,
          `</${name}> does not close ${top ? `<${top.name}>` : 'any element'}`,
        );
      }
      i = end + 1;
      if (top.found) {
        top.found.end = i;
        collecting = undefined;
      }
      if (stack.length === 0) rootClosed = true;
    } else {
      const tag = parseStartTag(text, i);
      if (rootClosed) throw malformed(text, i, 'a second root element');
      const decls = declarations(tag, text);
      if (!root) {
        root = tag;
        rootDecls = decls ?? new Map();
        if (splitName(tag.name).local !== 'svg') {
          throw new BakeError(
            'ERR_IMAGE_FORMAT',
            `The document's root element is <${tag.name}>, not <svg>`,
          );
        }
      }
      const { prefix, local } = splitName(tag.name);
      let scopeFound: Found | undefined;
      if (
        !collecting &&
        prefix !== undefined &&
        (local === 'credential' || local === 'assertion')
      ) {
        const ns = lookup(prefix, decls, stack);
        const undeclared = ns === undefined && prefix === 'openbadges';
        const kind =
          local === 'credential' && (ns === OB3_SVG_NAMESPACE || undeclared)
            ? 'ob3'
            : local === 'credential' && ns === CLR_SVG_NAMESPACE
              ? 'clr'
              : local === 'assertion' && (ns === OB2_SVG_NAMESPACE || undeclared)
                ? 'ob2'
                : undefined;
        if (kind) {
          scopeFound = { kind, name: tag.name, undeclared, tag, end: tag.end, segments: [] };
          found.push(scopeFound);
        }
      }
      i = tag.end;
      if (!tag.selfClosing) {
        stack.push({ decls, name: tag.name, found: scopeFound });
        if (scopeFound) collecting = scopeFound;
      } else if (stack.length === 0) rootClosed = true;
    }
  }
  if (!root) throw new BakeError('ERR_IMAGE_FORMAT', 'The document has no root element');
  if (stack.length > 0) {
    throw malformed(text, text.length, `<${stack[stack.length - 1]?.name}> is not closed`);
  }
  return { root, rootDecls, found };
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
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && WS.test(text[i] as string)) i++;
    if (text[i] !== '<') return false;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return false;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return false;
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      // A DOCTYPE, perhaps with an internal subset: skip quoted strings and [...] (never read).
      let depth = 0;
      let quote: string | undefined;
      let j = i + 2;
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = undefined;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (j >= text.length) return false;
      i = j + 1;
    } else {
      const m = /^<([^\s/>]+)/.exec(text.slice(i, i + 256));
      return m !== null && splitName(m[1] as string).local === 'svg';
    }
  }
}

/** What the element of each carrier kind is: its namespace, default prefix and what it holds. */
const ELEMENTS: Record<CarrierKind, { ns: string; prefix: string; label: string }> = {
  ob3: { ns: OB3_SVG_NAMESPACE, prefix: 'openbadges', label: 'an Open Badges 3.0 credential' },
  clr: { ns: CLR_SVG_NAMESPACE, prefix: 'clr', label: 'a CLR 2.0 record' },
};

/**
 * Bake a credential into SVG text. Everything outside the changed spots is kept as it was. An
 * existing element of the same kind (`<openbadges:credential>`, or `<clr:credential>` for a CLR)
 * is replaced; one of the other kind is refused (one credential an image).
 */
export function bakeSvg(
  text: string,
  credential: unknown,
  limits: ResolvedLimits,
  options: SvgScanOptions,
  fn: string,
  kind: CarrierKind = 'ob3',
): string {
  const spec = ELEMENTS[kind];
  checkSize(text, limits, 'image');
  const payload = toBakePayload(credential, limits, fn);
  if (payload.kind === 'json' && hasNonXmlChar(payload.text)) {
    throw new BakeError(
      'ERR_SVG_INVALID_CHAR',
      `${fn}: the credential JSON contains a character XML cannot hold (a control character, U+FFFE/U+FFFF or a lone surrogate); write it as a \\u escape`,
    );
  }
  const scan = scanSvg(text, options);
  const existing = scan.found.filter((f) => f.kind === kind);
  if (existing.length > 1) {
    throw new BakeError(
      'ERR_SVG_DUPLICATE_CREDENTIAL',
      `The SVG has ${existing.length} <${spec.prefix}:credential> elements; the spec allows one`,
    );
  }
  const other = scan.found.find((f) => f.kind === (kind === 'ob3' ? 'clr' : 'ob3'));
  if (other) {
    throw new BakeError(
      'ERR_BAKE_AMBIGUOUS',
      `${fn}: the SVG already carries ${ELEMENTS[kind === 'ob3' ? 'clr' : 'ob3'].label} (<${other.name}>); an image carries one credential, so remove it first`,
    );
  }
  const current = existing[0];
  const name = current?.name ?? `${spec.prefix}:credential`;
  const element =
    payload.kind === 'jwt'
      ? `<${name} verify="${payload.text}"></${name}>`
      : `<${name}><![CDATA[${payload.text.split(']]>').join(']]]]><![CDATA[>')}]]></${name}>`;
  const edits: Array<{ at: number; remove: number; insert: string }> = [];
  const { root } = scan;
  if (!current || current.undeclared) {
    const bound = scan.rootDecls.get(spec.prefix);
    if (bound === undefined) {
      edits.push({
        at: root.nameEnd,
        remove: 0,
        insert: ` xmlns:${spec.prefix}="${spec.ns}"`,
      });
    } else if (bound !== spec.ns) {
      throw new BakeError(
        'ERR_SVG_NAMESPACE_CONFLICT',
        `The <svg> element binds the prefix '${spec.prefix}' to "${bound}"${kind === 'ob3' ? ' (an Open Badges 2.0 baked image?)' : ''}, not "${spec.ns}"; remove the old element and its namespace first`,
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
  const clr = scan.found.filter((f) => f.kind === 'clr');
  for (const [list, kind] of [
    [ob3, 'ob3'],
    [clr, 'clr'],
  ] as const) {
    if (list.length > 1) {
      throw new BakeError(
        'ERR_SVG_DUPLICATE_CREDENTIAL',
        `The SVG has ${list.length} <${ELEMENTS[kind].prefix}:credential> elements; the spec allows one`,
      );
    }
  }
  if (ob3[0] && clr[0]) {
    throw new BakeError(
      'ERR_BAKE_AMBIGUOUS',
      `The SVG has an Open Badges 3.0 <${ob3[0].name}> and a CLR 2.0 <${clr[0].name}>; an image carries one credential, since readers differ in which one they show`,
    );
  }
  const f = ob3[0] ?? clr[0] ?? scan.found.find((x) => x.kind === 'ob2');
  if (!f) {
    throw new BakeError(
      'ERR_BAKE_NO_CREDENTIAL',
      'The SVG has no <openbadges:credential> element (nor a CLR 2.0 <clr:credential> or an Open Badges 2.0 <openbadges:assertion>)',
    );
  }
  const verify = f.tag.attrs.find((a) => a.name === 'verify');
  const baked = verify ? attrValue(verify, text, f.tag.start) : contentText(f, text);
  checkSize(baked, limits, 'credential');
  const where = `the SVG element <${f.name}>${verify ? "'s verify attribute" : ''}`;
  if (f.kind === 'ob2') {
    return { format: 'svg', version: 'ob2', kind: legacyKind(baked), text: baked };
  }
  if (baked.trim().length === 0) {
    throw new BakeError('ERR_BAKE_PAYLOAD', `${where} is empty`);
  }
  return { format: 'svg', version: f.kind, text: baked, ...readOb3Payload(baked, where) };
}
