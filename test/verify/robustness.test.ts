/** verify() never throws for bad input (only TypeError for misuse), on arbitrary data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/index.js';
import { baseCredential } from './helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');

function expectReport(r: unknown): void {
  expect(r).toMatchObject({ verdict: expect.stringMatching(/^(valid|warning|invalid)$/) });
}

describe('robustness', () => {
  it('arbitrary strings and bytes give a report, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 })), async (input) => {
        const r = await verify(input, { now: NOW });
        expectReport(r);
        expect(r.verdict).toBe('invalid');
      }),
      { numRuns: 150 },
    );
  });
  it('arbitrary JSON objects, and a credential with arbitrary values spliced in, give a report', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })),
        fc.constantFrom(
          'issuer',
          'credentialSubject',
          'validFrom',
          'type',
          '@context',
          'endorsement',
          'proof',
        ),
        async (junk, key) => {
          expectReport(await verify(junk, { now: NOW }));
          const c = baseCredential();
          c[key] = junk;
          const r = await verify(c, { now: NOW });
          expectReport(r);
          expect(r.verdict).toBe('invalid');
        },
      ),
      { numRuns: 60 },
    );
  });
  it('only non-inputs throw, and they throw TypeError', async () => {
    for (const bad of [42, true, undefined, null, [1], () => 1, Symbol('x')]) {
      await expect(verify(bad as never)).rejects.toThrow(TypeError);
    }
  });
});
