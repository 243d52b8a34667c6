/**
 * A small XML scanner for badge images (internal): one linear, non-recursive pass over the text
 * that reports start tags (with their namespaces resolved), end tags, text, CDATA sections,
 * comments, processing instructions and the DOCTYPE, in document order.
 *
 * It is not a general XML parser and never becomes one: no DTD is processed, no entity other than
 * the five predefined ones and character references is ever expanded (and only when a caller
 * decodes a value), and nothing is fetched. A document type declaration with an internal subset
 * (where entities are declared) is refused with `ERR_SVG_DTD`; a plain
 * `<!DOCTYPE svg PUBLIC "..." "...">`, as many editors write, is reported and skipped (its DTD is
 * never read) unless `rejectDoctype` is set.
 *
 * Work is bounded by the text's length: every construct is found with one forward search, element
 * nesting is kept on an explicit stack (never the call stack), and a namespace prefix is resolved
 * in constant time from a per-prefix stack of bindings. The errors it throws are `BakeError`s with
 * the `ERR_SVG_*` codes, since SVG is the only XML it reads.
 */
import { BakeError } from '../errors.js';

/**
 * Options of the XML scanner (and of SVG reading).
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

/** The namespace every `xml:` name is in. */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
/** The namespace of `xmlns` and `xmlns:*` attributes. */
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** One attribute of a start tag. */
export interface XmlAttribute {
  /** The qualified name as written. */
  name: string;
  prefix: string | undefined;
  local: string;
  /** The resolved namespace: none for an unprefixed name, `undefined` for an undeclared prefix. */
  namespace: string | undefined;
  /** The raw value between the quotes (entities not decoded). */
  raw: string;
  /** Offset of the attribute's name. */
  start: number;
}

/** One start tag (or empty-element tag). */
export interface XmlStartTag {
  /** The qualified name as written. */
  name: string;
  prefix: string | undefined;
  local: string;
  /** The resolved namespace (`undefined`: no default namespace, or an undeclared prefix). */
  namespace: string | undefined;
  /** The element has a prefix that no element in scope declares. */
  undeclaredPrefix: boolean;
  /** Offset of `<`. */
  start: number;
  /** Offset just past the tag name. */
  nameEnd: number;
  /** Offset just past `>`. */
  end: number;
  selfClosing: boolean;
  attrs: XmlAttribute[];
  /** Namespace declarations on this tag (prefix, `''` for the default namespace, to namespace). */
  declarations: Map<string, string> | undefined;
  /** 0 for the root element. */
  depth: number;
}

/**
 * What the scanner reports, in document order (every method optional). Offsets of text, CDATA
 * sections, comments, processing instructions and the DOCTYPE delimit the raw content (without
 * the delimiters); `markupStart` is where the construct's markup begins and `depth` the number of
 * elements open around it. Text is reported only inside the root element; `end` follows every
 * `start`, also for an empty-element tag (with `start === end`).
 */
export interface XmlHandler {
  start?(tag: XmlStartTag): void;
  end?(tag: XmlStartTag, start: number, end: number): void;
  text?(start: number, end: number): void;
  cdata?(start: number, end: number, markupStart: number, depth: number): void;
  comment?(start: number, end: number, markupStart: number, depth: number): void;
  pi?(start: number, end: number, markupStart: number, depth: number): void;
  doctype?(start: number, end: number, markupStart: number): void;
}

/** What a whole scan found. */
export interface XmlDocument {
  root: XmlStartTag;
}

const NAME_END = /[\s/>]/;
const WS = /\s/;

/** `line L, column C` of an offset (counted only when a message needs it). */
export function position(text: string, at: number): string {
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

/** An `ERR_SVG_MALFORMED` error located at `at`. */
export function malformed(text: string, at: number, what: string): BakeError {
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
export function hasNonXmlChar(s: string): boolean {
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
export function decodeEntities(s: string, text: string, at: number): string {
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

/** XML 2.11: CR LF and lone CR become LF. */
export function normalizeLineEnds(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/** An attribute's value as an XML processor reports it (XML 3.3.3), references decoded. */
export function attributeValue(attr: { raw: string }, text: string, at: number): string {
  return decodeEntities(normalizeLineEnds(attr.raw).replace(/[\t\n]/g, ' '), text, at);
}

/** Split a qualified name at its first colon. */
export function splitName(name: string): { prefix: string | undefined; local: string } {
  const colon = name.indexOf(':');
  return colon < 0
    ? { prefix: undefined, local: name }
    : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

/** Read a start tag; its namespaces, declarations and depth are filled in by the caller. */
function parseStartTag(text: string, start: number): XmlStartTag {
  let j = start + 1;
  const nameStart = j;
  while (j < text.length && !NAME_END.test(text[j] as string)) j++;
  const name = text.slice(nameStart, j);
  if (name.length === 0 || /[<&"'=]/.test(name))
    throw malformed(text, start, 'an invalid element name');
  const nameEnd = j;
  const attrs: XmlAttribute[] = [];
  const seen = new Set<string>();
  for (;;) {
    const before = j;
    while (j < text.length && WS.test(text[j] as string)) j++;
    if (j >= text.length) throw malformed(text, start, `the start tag <${name}> is not closed`);
    const c = text[j];
    if (c === '>' || c === '/') {
      if (c === '/' && text[j + 1] !== '>') throw malformed(text, j, "'/' not followed by '>'");
      const colon = name.indexOf(':');
      return {
        name,
        prefix: colon < 0 ? undefined : name.slice(0, colon),
        local: colon < 0 ? name : name.slice(colon + 1),
        namespace: undefined,
        undeclaredPrefix: false,
        start,
        nameEnd,
        end: c === '/' ? j + 2 : j + 1,
        selfClosing: c === '/',
        attrs,
        declarations: undefined,
        depth: 0,
      };
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
    const colon = attrName.indexOf(':');
    attrs.push({
      name: attrName,
      prefix: colon < 0 ? undefined : attrName.slice(0, colon),
      local: colon < 0 ? attrName : attrName.slice(colon + 1),
      namespace: undefined,
      raw,
      start: attrStart,
    });
    j = close + 1;
  }
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

/**
 * Namespace bindings in scope: one stack of namespaces per prefix (`''`: the default one), and
 * the innermost binding of each prefix at hand for constant-time look-ups.
 */
class Bindings {
  private readonly stacks = new Map<string, string[]>();
  private readonly current = new Map<string, string>([
    ['xml', XML_NAMESPACE],
    ['xmlns', XMLNS_NAMESPACE],
  ]);

  push(decls: Map<string, string>): void {
    for (const [prefix, ns] of decls) {
      if (prefix === 'xml' || prefix === 'xmlns') continue;
      const s = this.stacks.get(prefix);
      if (s) s.push(ns);
      else this.stacks.set(prefix, [ns]);
      this.current.set(prefix, ns);
    }
  }

  pop(decls: Map<string, string>): void {
    for (const prefix of decls.keys()) {
      if (prefix === 'xml' || prefix === 'xmlns') continue;
      const s = this.stacks.get(prefix);
      s?.pop();
      const top = s && s.length > 0 ? s[s.length - 1] : undefined;
      if (top === undefined) this.current.delete(prefix);
      else this.current.set(prefix, top);
    }
  }

  get(prefix: string): string | undefined {
    return this.current.get(prefix);
  }
}

function declarationsOf(raw: XmlStartTag, text: string): Map<string, string> | undefined {
  let decls: Map<string, string> | undefined;
  for (const a of raw.attrs) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
      decls ??= new Map();
      decls.set(a.name === 'xmlns' ? '' : a.name.slice(6), attributeValue(a, text, raw.start));
    }
  }
  return decls;
}

/** Resolve the namespaces of a tag (its own declarations already pushed). */
function resolveTag(tag: XmlStartTag, bindings: Bindings, text: string): void {
  if (tag.prefix === undefined) {
    const d = bindings.get('');
    tag.namespace = d === '' ? undefined : d;
  } else {
    tag.namespace = bindings.get(tag.prefix);
    tag.undeclaredPrefix = tag.namespace === undefined;
  }
  let expanded: Set<string> | undefined;
  for (const a of tag.attrs) {
    if (a.prefix === undefined) {
      if (a.name === 'xmlns') a.namespace = XMLNS_NAMESPACE;
      continue;
    }
    const ns = bindings.get(a.prefix);
    a.namespace = ns;
    if (ns !== undefined) {
      // Namespaces in XML 6.3: two prefixes bound to one namespace cannot name one attribute twice.
      expanded ??= new Set();
      const key = `${ns}|${a.local}`;
      if (expanded.has(key)) {
        throw malformed(
          text,
          a.start,
          `the attribute ${a.name} names an attribute the tag <${tag.name}> already has`,
        );
      }
      expanded.add(key);
    }
  }
}

/**
 * Scan an XML document, reporting each construct to `on` in document order. Throws a located
 * `BakeError` at the first well-formedness problem, DTD declaration or unknown entity in a
 * namespace declaration.
 */
export function scanXml(text: string, options: SvgScanOptions, on: XmlHandler): XmlDocument {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  i = checkXmlDeclaration(text, i);
  const stack: XmlStartTag[] = [];
  const bindings = new Bindings();
  let root: XmlStartTag | undefined;
  let rootClosed = false;
  for (;;) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? text.length : lt;
    if (stack.length > 0) {
      if (textEnd > i) on.text?.(i, textEnd);
    } else if (text.slice(i, textEnd).trim().length > 0) {
      throw malformed(text, i, 'text outside the root element');
    }
    if (lt < 0) break;
    i = lt;
    const depth = stack.length;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) throw malformed(text, i, 'a comment is not closed');
      on.comment?.(i + 4, end, i, depth);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) throw malformed(text, i, 'a CDATA section outside the root element');
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) throw malformed(text, i, 'a CDATA section is not closed');
      on.cdata?.(i + 9, end, i, depth);
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (root) throw malformed(text, i, 'a DOCTYPE after the root element started');
      const end = skipDoctype(text, i, options);
      on.doctype?.(i + 9, end - 1, i);
      i = end;
    } else if (text.startsWith('<!', i)) {
      throw new BakeError(
        'ERR_SVG_DTD',
        `The SVG has a markup declaration (${JSON.stringify(text.slice(i, i + 10))}) at ${position(text, i)}; DTD declarations are not processed`,
        { offset: i },
      );
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) throw malformed(text, i, 'a processing instruction is not closed');
      on.pi?.(i + 2, end, i, depth);
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
      if (top.declarations) bindings.pop(top.declarations);
      on.end?.(top, i, end + 1);
      i = end + 1;
      if (stack.length === 0) rootClosed = true;
    } else {
      const tag = parseStartTag(text, i);
      if (rootClosed) throw malformed(text, i, 'a second root element');
      const decls = declarationsOf(tag, text);
      if (decls) {
        tag.declarations = decls;
        bindings.push(decls);
      }
      tag.depth = depth;
      resolveTag(tag, bindings, text);
      root ??= tag;
      on.start?.(tag);
      i = tag.end;
      if (tag.selfClosing) {
        if (decls) bindings.pop(decls);
        on.end?.(tag, tag.end, tag.end);
        if (stack.length === 0) rootClosed = true;
      } else stack.push(tag);
    }
  }
  if (!root) throw new BakeError('ERR_IMAGE_FORMAT', 'The document has no root element');
  if (stack.length > 0) {
    throw malformed(text, text.length, `<${stack[stack.length - 1]?.name}> is not closed`);
  }
  return { root };
}

/**
 * The qualified name of the document's first element, found after an optional BOM, XML
 * declaration, comments and DOCTYPE without scanning further (for format detection).
 */
export function firstElementName(text: string): string | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && WS.test(text[i] as string)) i++;
    if (text[i] !== '<') return undefined;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return undefined;
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
      if (j >= text.length) return undefined;
      i = j + 1;
    } else {
      return /^<([^\s/>]+)/.exec(text.slice(i, i + 256))?.[1];
    }
  }
}

/** True when `text` is (after an optional BOM, XML declaration, comments and DOCTYPE) an `<svg>` document. */
export function looksLikeSvg(text: string): boolean {
  const name = firstElementName(text);
  return name !== undefined && splitName(name).local === 'svg';
}
