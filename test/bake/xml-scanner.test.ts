/**
 * The XML scanner under SVG baking: namespaces resolved as a namespace-aware parser
 * (@xmldom/xmldom) resolves them, events in document order, bounded work on deep nesting.
 */
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanXml, type XmlStartTag } from '../../src/bake/xml-scanner.js';
import { BakeError } from '../../src/errors.js';
import { codeOfSync } from '../helpers.js';

/** The code of the BakeError `fn` throws. */
const code = (fn: () => unknown) => codeOfSync(fn, BakeError);

type XmlEvent =
  | { kind: 'start' | 'end'; tag: XmlStartTag }
  | { kind: 'text' | 'cdata' | 'comment' | 'pi' | 'doctype'; start: number; end: number };

function events(text: string): XmlEvent[] {
  const out: XmlEvent[] = [];
  const range =
    (kind: 'text' | 'cdata' | 'comment' | 'pi' | 'doctype') => (start: number, end: number) =>
      out.push({ kind, start, end });
  scanXml(
    text,
    {},
    {
      start: (tag) => out.push({ kind: 'start', tag }),
      end: (tag) => out.push({ kind: 'end', tag }),
      text: range('text'),
      cdata: range('cdata'),
      comment: range('comment'),
      pi: range('pi'),
      doctype: range('doctype'),
    },
  );
  return out;
}

/** Every element as [qualified name, namespace] in document order, read by xmldom. */
function xmldomElements(text: string): Array<[string, string | null]> {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== 'warning') errors.push(msg);
    },
  }).parseFromString(text, 'image/svg+xml');
  if (errors.length > 0) throw new Error(errors.join('; '));
  const all = doc.getElementsByTagName('*');
  const out: Array<[string, string | null]> = [];
  for (let i = 0; i < all.length; i++) {
    const el = all.item(i);
    if (el) out.push([el.tagName, el.namespaceURI]);
  }
  return out;
}

function scannedElements(text: string): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  for (const e of events(text))
    if ('tag' in e && e.kind === 'start') out.push([e.tag.name, e.tag.namespace ?? null]);
  return out;
}

const NAMESPACES = [
  'http://www.w3.org/2000/svg',
  'https://purl.imsglobal.org/ob/v3p0',
  'http://openbadges.org',
  'https://purl.imsglobal.org/clr/v2p0',
  'urn:x:other',
];

interface Node {
  name: string;
  decls: Array<[string, string]>;
  children: Node[];
  text: string;
}

/** Element trees (at most 4 levels) whose prefixes are declared on the root. */
function nodeArb(depth: number): fc.Arbitrary<Node> {
  return fc.record({
    name: fc
      .tuple(fc.constantFrom('', 'a:', 'b:', 'ob:'), fc.constantFrom('g', 'credential'))
      .map(([p, l]) => p + l),
    decls: fc.uniqueArray(
      fc.tuple(fc.constantFrom('', 'a', 'b', 'ob'), fc.constantFrom(...NAMESPACES, '')),
      { selector: (d) => d[0], maxLength: 3 },
    ),
    children: depth === 0 ? fc.constant([]) : fc.array(nodeArb(depth - 1), { maxLength: 3 }),
    text: fc.constantFrom('', ' ', 'x', '<![CDATA[<a:g>]]>', '<!-- <b:g/> -->', '<?pi x?>'),
  });
}
const treeArb = nodeArb(4);

function serialize(node: Node, root: boolean): string {
  // Keep the document namespace-well-formed: the root binds every prefix.
  const decls = root
    ? [
        ['', NAMESPACES[0] as string],
        ['a', NAMESPACES[1] as string],
        ['b', NAMESPACES[2] as string],
        ['ob', NAMESPACES[3] as string],
        ...node.decls.filter(([p]) => !['', 'a', 'b', 'ob'].includes(p)),
      ]
    : node.decls.filter(([p, ns]) => p === '' || ns !== '');
  const attrs = decls.map(([p, ns]) => ` ${p === '' ? 'xmlns' : `xmlns:${p}`}="${ns}"`).join('');
  const tag = root ? 'svg' : node.name;
  return `<${tag}${attrs}>${node.text}${node.children.map((c) => serialize(c, false)).join('')}</${tag}>`;
}

describe('scanXml', () => {
  it('resolves every element namespace as xmldom does (prefixes, default namespace, redeclarations)', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const text = serialize(tree, true);
        expect(scannedElements(text)).toEqual(xmldomElements(text));
      }),
      { numRuns: 150 },
    );
  });

  it('reports text, CDATA, comments and processing instructions in document order, with offsets', () => {
    const text =
      '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg>a<![CDATA[b]]><!--c--><?d e?><g/></svg>';
    const seen = events(text).map((e) =>
      'tag' in e ? `${e.kind}:${e.tag.name}` : `${e.kind}:${text.slice(e.start, e.end)}`,
    );
    expect(seen).toEqual([
      'doctype: svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"',
      'start:svg',
      'text:a',
      'cdata:b',
      'comment:c',
      'pi:d e',
      'start:g',
      'end:g',
      'end:svg',
    ]);
  });

  it('refuses one attribute named twice through two prefixes bound to one namespace', () => {
    const text = '<svg xmlns:a="urn:x" xmlns:b="urn:x"><g a:verify="1" b:verify="2"/></svg>';
    expect(code(() => events(text))).toBe('ERR_SVG_MALFORMED');
    expect(
      events('<svg xmlns:a="urn:x" xmlns:b="urn:y"><g a:v="1" b:v="2" v="3"/></svg>'),
    ).toHaveLength(4);
  });

  it('handles 200,000 nested elements without recursion', () => {
    const deep = `<svg xmlns:a="urn:x">${'<a:g xmlns:b="urn:y">'.repeat(200_000)}${'</a:g>'.repeat(200_000)}</svg>`;
    let starts = 0;
    let last = '';
    scanXml(
      deep,
      {},
      {
        start(tag) {
          starts++;
          last = tag.namespace ?? '';
        },
      },
    );
    expect(starts).toBe(200_001);
    expect(last).toBe('urn:x');
  });
});
