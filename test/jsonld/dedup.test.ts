/**
 * Duplicate values in JSON-LD to RDF. jsonld.js removes them by linear search (quadratic in the
 * values one node gets for one property); the fast path indexes long arrays instead. Property
 * test: the same N-Quads as jsonld.js, byte for byte, on documents full of near-duplicates
 * (`1` and `"1"`, `0` and `-0`, `true` and `"true"`, typed and plain strings, node references)
 * spread over nodes that share an `@id`. And the jsonld.js path's own cost is bounded.
 */
import fc from 'fast-check';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { canonize, createDocumentLoader, toNQuads } from '../../src/jsonld/index.js';
import { dedupComparisons } from '../../src/jsonld/jsonld-meter.js';
import { documentToQuadsStats } from '../../src/jsonld/quads.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 60);
const loader = createDocumentLoader();
type Run = (doc: object, options: object) => Promise<string>;
const reference = (doc: object) =>
  (jsonld.toRDF as unknown as Run)(doc, {
    format: 'application/n-quads',
    safe: true,
    documentLoader: loader,
  });

const CONTEXT = ['https://www.w3.org/ns/credentials/v2'];
const N = 'https://example.org/n';
const REF = 'https://example.org/ref';
const VALID_FROM = 'https://www.w3.org/2018/credentials#validFrom';

/**
 * Values that jsonld.js's compareValues tells apart only by type, or not at all, from a pool
 * large enough that one property often collects more distinct values than the length at which
 * the fast path starts indexing them (16).
 */
const scalar = fc.oneof(
  fc.integer({ min: -2, max: 24 }),
  fc.integer({ min: -2, max: 24 }).map(String),
  fc.constantFrom<unknown>(-0, 2.5, '2.5', true, 'true', false, 'false'),
);
const reference_ = fc.integer({ min: 0, max: 30 }).map((i) => ({ id: `urn:x:${i}` }));

describe('duplicate values: fast path against jsonld.js', () => {
  it('gives the same N-Quads on long arrays of near-duplicates over merged nodes', async () => {
    const before = documentToQuadsStats.fast;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            n: fc.array(scalar, { minLength: 0, maxLength: 60 }),
            ref: fc.array(reference_, { minLength: 0, maxLength: 60 }),
            type: fc.array(fc.constantFrom('VerifiableCredential', 'Tagged'), { maxLength: 20 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (parts) => {
          // Every part is the same node (one id): jsonld.js merges their values, then removes
          // duplicates across all of them.
          const subject = parts.map((p) => ({
            id: 'did:example:subject',
            [N]: p.n,
            [REF]: p.ref,
            ...(p.type.length > 0 ? { type: p.type.map((t) => `https://example.org/${t}`) } : {}),
          }));
          const doc = {
            '@context': CONTEXT,
            type: ['VerifiableCredential'],
            issuer: 'https://example.edu/issuers/1',
            credentialSubject: subject,
          };
          expect(await toNQuads(doc)).toBe(await reference(doc));
        },
      ),
      { numRuns: RUNS },
    );
    // The fast path produced them (not a fallback to jsonld.js).
    expect(documentToQuadsStats.fast - before).toBeGreaterThanOrEqual(RUNS);
  }, 60_000);

  it('gives the same N-Quads for typed values and 4,096-item arrays with repeats', async () => {
    const before = documentToQuadsStats.fast;
    const long = Array.from({ length: 4096 }, (_, i) => i % 1000);
    // 20 distinct dates (past the length at which values get indexed), then each again.
    const dates = Array.from({ length: 40 }, (_, i) => `20${10 + (i % 20)}-01-01T00:00:00Z`);
    const doc = {
      '@context': CONTEXT,
      type: ['VerifiableCredential'],
      issuer: 'https://example.edu/issuers/1',
      // One property, two spellings: validFrom values are typed (xsd:dateTime), the same
      // strings under the full IRI are plain: equal text, different values, none removed.
      validFrom: dates,
      [VALID_FROM]: dates,
      credentialSubject: [
        { id: 'did:example:s', [N]: long },
        {
          id: 'did:example:s',
          [N]: long.map(String),
          [REF]: long.map((i) => ({ id: `urn:x:${i}` })),
        },
      ],
    };
    const ours = await toNQuads(doc);
    expect(documentToQuadsStats.fast - before).toBe(1);
    expect(ours).toBe(await reference(doc));
    expect(ours).toContain('"2029-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>');
    expect(ours).toContain(
      '<https://www.w3.org/2018/credentials#validFrom> "2029-01-01T00:00:00Z" .',
    );
  });
});

describe('duplicate values: the jsonld.js path is bounded', () => {
  it('dedupComparisons counts merged nodes, types, reverse properties and blank nodes', () => {
    const expanded = [
      { '@id': 'urn:a', 'urn:p': [{ '@value': 1 }, { '@value': 2 }, { '@value': 3 }] },
      { '@id': 'urn:a', 'urn:p': [{ '@value': 4 }], '@type': ['urn:T', 'urn:U'] },
      { 'urn:q': [{ '@value': 1 }, { '@value': 2 }] },
      { '@reverse': { 'urn:r': [{ '@id': 'urn:b' }, { '@id': 'urn:b' }] } },
      { '@id': 'urn:c', 'urn:l': [{ '@list': [{ 'urn:p': [{ '@value': 1 }, { '@value': 2 }] }] }] },
    ];
    // urn:a p: 4 values -> 6; urn:a @type: 2 -> 1; blank q: 2 -> 1; urn:b r: 2 -> 1;
    // urn:c l: 1 -> 0; the list's blank node p: 2 -> 1.
    expect(dedupComparisons(expanded)).toBe(6 + 1 + 1 + 1 + 0 + 1);
  });

  it('many nodes with one id piling values onto one property fail ERR_CANONIZE_LIMIT, not minutes', async () => {
    // An inline context sends the document to jsonld.js; 24 x 4,000 values merge into one
    // node's property: about 4.6e9 comparisons there.
    const doc = {
      '@context': [...CONTEXT, { extra: 'https://example.org/extra' }],
      type: ['VerifiableCredential'],
      issuer: 'https://example.edu/issuers/1',
      credentialSubject: Array.from({ length: 24 }, (_, j) => ({
        id: 'did:example:s',
        [N]: Array.from({ length: 4000 }, (_, i) => `v${j}-${i}`),
      })),
    };
    await expect(canonize(doc)).rejects.toMatchObject({
      code: 'ERR_CANONIZE_LIMIT',
      details: { limit: 'maxCanonizeWork' },
    });
    // The fast path (no inline context) indexes the values: it converts the same data.
    const fast = { ...doc, '@context': CONTEXT };
    await expect(toNQuads(fast)).resolves.toContain('"v23-3999"');
  }, 60_000);

  it('one 4,096-item array through jsonld.js stays within the default budget', async () => {
    const doc = {
      '@context': [...CONTEXT, { extra: 'https://example.org/extra' }],
      type: ['VerifiableCredential'],
      issuer: 'https://example.edu/issuers/1',
      credentialSubject: { id: 'did:example:s', [N]: Array.from({ length: 4096 }, (_, i) => i) },
    };
    await expect(canonize(doc)).resolves.toContain('"4095"');
  }, 60_000);
});
