/**
 * The RDFC-1.0 shortcut (blank nodes with unique first-degree hashes) against rdf-canonize on
 * generated datasets: the same canonical N-Quads whenever it answers, and it declines (returns
 * undefined) when blank nodes share a hash, so that rdf-canonize decides.
 */
import fc from 'fast-check';
import rdfCanonize, { type RdfCanonizeQuad, type RdfCanonizeTerm } from 'rdf-canonize';
import { describe, expect, it } from 'vitest';
import { canonizeUniqueHashes } from '../../src/jsonld/fast-rdfc.js';
import { serializeNQuads } from '../../src/jsonld/nquads.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 300);
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const blank = fc
  .integer({ min: 0, max: 5 })
  .map((n): RdfCanonizeTerm => ({ termType: 'BlankNode', value: `b${n}` }));
const named = fc
  .constantFrom('urn:ex:s', 'https://example.org/a', 'https://example.org/b', 'did:example:1')
  .map((value): RdfCanonizeTerm => ({ termType: 'NamedNode', value }));
const literal = fc
  .tuple(
    fc.string({ maxLength: 6 }),
    fc.constantFrom(`${XSD}string`, `${XSD}dateTime`, `${XSD}integer`),
  )
  .map(
    ([value, dt]): RdfCanonizeTerm => ({
      termType: 'Literal',
      value,
      datatype: { termType: 'NamedNode', value: dt },
    }),
  );
const predicate = fc
  .constantFrom('https://schema.org/name', 'urn:ex:p', 'urn:ex:q')
  .map((value): RdfCanonizeTerm => ({ termType: 'NamedNode', value }));
const graph = fc.oneof(
  { weight: 4, arbitrary: fc.constant<RdfCanonizeTerm>({ termType: 'DefaultGraph', value: '' }) },
  { weight: 1, arbitrary: blank },
);
const quad = fc
  .tuple(fc.oneof(blank, named), predicate, fc.oneof(blank, named, literal), graph)
  .map(([subject, p, object, g]): RdfCanonizeQuad => ({ subject, predicate: p, object, graph: g }));

describe('N-Quads serializer', () => {
  it('is byte-identical to rdf-canonize NQuads.serialize, escapes included', () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 12, unit: 'binary' }),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('a"b\\c', '\u0000\u0008\t\n\f\r\u007f\u001f', '<>{}|^`', 'é😀\ud800'),
    );
    const term = fc.oneof(
      anyText.map((value): RdfCanonizeTerm => ({ termType: 'NamedNode', value })),
      blank,
      fc
        .tuple(
          anyText,
          fc.constantFrom(`${XSD}string`, `${XSD}integer`, 'urn:x y<z>'),
          fc.constantFrom(undefined, 'en', 'fr-CA'),
        )
        .map(
          ([value, dt, language]): RdfCanonizeTerm => ({
            termType: 'Literal',
            value,
            datatype: {
              termType: 'NamedNode',
              value: language ? 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' : dt,
            },
            ...(language ? { language } : {}),
          }),
        ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(blank, named), predicate, term, graph), { maxLength: 6 }),
        (rows) => {
          const dataset = rows.map(([subject, p, object, g]) => ({
            subject,
            predicate: p,
            object,
            graph: g,
          }));
          expect(serializeNQuads(dataset)).toBe(rdfCanonize.NQuads.serialize(dataset));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('RDFC-1.0 shortcut', () => {
  it('equals rdf-canonize whenever it answers, and answers for most datasets', async () => {
    let answered = 0;
    let declined = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(quad, { maxLength: 12 }), async (dataset) => {
        // A dataset is a set: no duplicate quads (as jsonld.js and the fast path produce).
        const unique = [
          ...new Map(dataset.map((q) => [rdfCanonize.NQuads.serialize([q]), q])).values(),
        ];
        const ours = canonizeUniqueHashes(unique);
        let expected: string | undefined;
        try {
          expected = await rdfCanonize.canonize(unique, {
            algorithm: 'RDFC-1.0',
            format: 'application/n-quads',
            maxWorkFactor: 3,
          });
        } catch {
          expected = undefined;
        }
        if (ours === undefined) {
          declined++;
          return;
        }
        answered++;
        expect(ours).toBe(expected);
      }),
      { numRuns: RUNS },
    );
    expect(answered).toBeGreaterThan(declined);
    expect(declined).toBeGreaterThan(0);
  });

  it('declines when two blank nodes are indistinguishable', () => {
    const name: RdfCanonizeTerm = { termType: 'NamedNode', value: 'https://schema.org/name' };
    const x: RdfCanonizeTerm = {
      termType: 'Literal',
      value: 'x',
      datatype: { termType: 'NamedNode', value: `${XSD}string` },
    };
    const g: RdfCanonizeTerm = { termType: 'DefaultGraph', value: '' };
    const dataset: RdfCanonizeQuad[] = [
      { subject: { termType: 'BlankNode', value: 'b0' }, predicate: name, object: x, graph: g },
      { subject: { termType: 'BlankNode', value: 'b1' }, predicate: name, object: x, graph: g },
    ];
    expect(canonizeUniqueHashes(dataset)).toBeUndefined();
    expect(canonizeUniqueHashes([dataset[0] as RdfCanonizeQuad])).toBe(
      '_:c14n0 <https://schema.org/name> "x" .\n',
    );
  });
});
