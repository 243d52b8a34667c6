/**
 * Hostile Open Badges 2.0 input: whatever the assertion, its badge objects or the server say,
 * verification returns a well-formed report (never throws, never hangs) and never passes
 * authenticity without the issuer's own documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/index.js';
import { expectWellFormed, fakeFetch, fixture, type Loose, specDocuments } from './helpers.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 0) || 40;
const IN_2017 = new Date('2017-01-15T00:00:00Z');

const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant('https://example.org/robotics-badge.json'),
  fc.constant('https://example.org/organization.json'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
const KEYS = [
  'id',
  'type',
  'recipient',
  'badge',
  'verification',
  'verify',
  'issuedOn',
  'expires',
  'revoked',
  '@context',
  'obi:revoked',
  'image',
  'evidence',
];

describe('hostile Open Badges 2.0 input', () => {
  it('property: any member replaced by any value gives a well-formed report, never a verified one from a tampered copy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KEYS), value, async (key, v) => {
        const hosted = fixture('spec/assertion-hosted.json');
        const tampered: Loose = { ...hosted, [key]: v };
        // The server serves the genuine copy; the tampered one is what the verifier holds.
        const { fetch } = fakeFetch({ ...specDocuments(), [hosted.id]: hosted });
        const report = await verify(tampered, { fetch, now: IN_2017 });
        expectWellFormed(report);
        if (report.verdict === 'valid') {
          // Only when the fetched (genuine) copy was what got checked.
          expect(report.credential).toEqual(hosted);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('property: a hostile server (any body, any status) never makes verification throw or pass', async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.json({ maxDepth: 3 }),
      fc.constant('{"id":"https://example.org/beths-robotics-badge.json"}'),
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom(200, 200, 301, 404, 410, 500),
        async (text, status) => {
          const { fetch } = fakeFetch({
            'https://example.org/beths-robotics-badge.json': () => new Response(text, { status }),
          });
          const report = await verify(fixture('spec/assertion-hosted.json'), {
            fetch,
            now: IN_2017,
          });
          expectWellFormed(report);
          expect(report.verdict).not.toBe('valid');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('deeply nested and huge documents are refused before they are walked', async () => {
    let deep: Loose = {};
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const a = { ...fixture('spec/assertion-hosted.json'), deep };
    expect((await verify(a)).checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'fail',
      code: 'input_too_deep',
    });
    const hosted = fixture('spec/assertion-hosted.json');
    const big = {
      ...hosted,
      evidence: Array.from({ length: 5000 }, (_, i) => `https://e.example/${i}`),
    };
    const report = await verify(hosted, {
      documents: { ...specDocuments(), [hosted.id]: big },
      now: IN_2017,
    });
    expect(report.checks.find((c) => c.id === 'proof')?.code).toBe('ob2_document_too_large');
  });
});
