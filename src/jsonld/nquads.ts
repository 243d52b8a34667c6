/**
 * N-Quads serialization, byte-identical to rdf-canonize's `NQuads.serializeQuadComponents` and
 * `NQuads.serialize` (same escapes: ECHAR for `\b \t \n \f \r " \`, UCHAR for the other
 * control characters in literals; UCHAR for the characters N-Quads forbids in IRIs). Kept here
 * so that canonicalizing a typical credential does not need to load rdf-canonize at all.
 *
 * @internal
 */
import type { RdfCanonizeQuad, RdfCanonizeTerm } from 'rdf-canonize';

const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

function uchar(n: number): string {
  return `\\u${n.toString(16).toUpperCase().padStart(4, '0')}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: N-Quads escapes control characters.
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
const LITERAL_MAP: string[] = [];
for (let n = 0; n <= 0x1f; n++) LITERAL_MAP[n] = uchar(n);
LITERAL_MAP[0x7f] = uchar(0x7f);
LITERAL_MAP[0x08] = '\\b';
LITERAL_MAP[0x09] = '\\t';
LITERAL_MAP[0x0a] = '\\n';
LITERAL_MAP[0x0c] = '\\f';
LITERAL_MAP[0x0d] = '\\r';
LITERAL_MAP[0x22] = '\\"';
LITERAL_MAP[0x5c] = '\\\\';

// biome-ignore lint/suspicious/noControlCharactersInRegex: N-Quads escapes control characters.
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g;

function escapeLiteral(s: string): string {
  LITERAL_ESCAPE.lastIndex = 0;
  if (!LITERAL_ESCAPE.test(s)) return s;
  return s.replace(LITERAL_ESCAPE, (m) => LITERAL_MAP[m.charCodeAt(0)] as string);
}

function escapeIri(s: string): string {
  IRI_ESCAPE.lastIndex = 0;
  if (!IRI_ESCAPE.test(s)) return s;
  return s.replace(IRI_ESCAPE, (m) => uchar(m.charCodeAt(0)));
}

/** One quad as an N-Quads line (ending with ` .\n`). */
export function serializeQuadComponents(
  s: RdfCanonizeTerm,
  p: RdfCanonizeTerm,
  o: RdfCanonizeTerm,
  g: RdfCanonizeTerm,
): string {
  let nquad = s.termType === 'NamedNode' ? `<${escapeIri(s.value)}>` : `_:${s.value}`;
  nquad += p.termType === 'NamedNode' ? ` <${escapeIri(p.value)}> ` : ` _:${p.value} `;
  if (o.termType === 'NamedNode') {
    nquad += `<${escapeIri(o.value)}>`;
  } else if (o.termType === 'BlankNode') {
    nquad += `_:${o.value}`;
  } else {
    nquad += `"${escapeLiteral(o.value)}"`;
    const datatype = o.datatype?.value;
    if (datatype === RDF_LANGSTRING) {
      if (o.language) nquad += `@${o.language}`;
    } else if (datatype !== XSD_STRING) {
      nquad += `^^<${escapeIri(datatype as string)}>`;
    }
  }
  if (g.termType === 'NamedNode') nquad += ` <${escapeIri(g.value)}>`;
  else if (g.termType === 'BlankNode') nquad += ` _:${g.value}`;
  return `${nquad} .\n`;
}

/** A dataset as N-Quads: one line a quad, lines sorted (rdf-canonize `NQuads.serialize`). */
export function serializeNQuads(dataset: RdfCanonizeQuad[]): string {
  const lines: string[] = [];
  for (const q of dataset) {
    lines.push(serializeQuadComponents(q.subject, q.predicate, q.object, q.graph));
  }
  return lines.sort().join('');
}
