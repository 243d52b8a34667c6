/**
 * Poison graphs: blank nodes that RDFC-1.0 cannot tell apart (chains, cycles, cliques, stars,
 * grids, tori, hypercubes, disjoint copies), split across many properties so that no array
 * passes maxArrayLength, or nested level under level, carried by a credential, by a proof, and
 * by a presentation. Whatever the shape and size, canonicalization, signing and verification
 * end with a code (ERR_CANONIZE_LIMIT; report codes jsonld_too_large / jsonld_error), bounded by
 * the work budget (maxCanonizeWork), never by a clock. The property uses a small budget so that
 * many shapes are tried (`npm run fuzz`: more and larger ones); the worst cases run at the
 * default budget.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonize, canonizeNQuads } from '../../src/jsonld/index.js';
import { serializeNQuads } from '../../src/jsonld/nquads.js';
import { documentToQuadsStats } from '../../src/jsonld/quads.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { createPresentation } from '../../src/present/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import {
  FULL,
  failCodes,
  firstProof,
  fuzzRuns,
  type Loose,
  richCredential,
  verifyOffline,
} from './helpers.js';
import { P, poisonDatasets, poisonMembers, poisonTree, Q, SHAPES } from './poison.js';

const HANG_GUARD = 120_000;
let did = '';
let keyPair: KeyPair;

beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
});

const sign = (c: Loose) => signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });

/** Where the poison goes: the credential subject, a nested node, or both. */
function carrying(
  members: Record<string, unknown>,
  where: 'subject' | 'achievement',
): Record<string, Loose> {
  const c = richCredential(did);
  if (where === 'subject') Object.assign(c.credentialSubject, members);
  else Object.assign(c.credentialSubject.achievement, members);
  return c;
}

const shape = fc.constantFrom(...Object.keys(SHAPES));
const layout = fc.record({
  perProperty: fc.constantFrom(7, 50, 400),
  nested: fc.boolean(),
});

describe('poison graphs: canonize ends with a code or an answer, within the budget', () => {
  it(
    'any shape, size and layout, in a credential',
    async () => {
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          shape,
          fc.integer({ min: 20, max: FULL ? 3000 : 300 }),
          layout,
          fc.constantFrom<'subject' | 'achievement'>('subject', 'achievement'),
          async (name, n, options, where) => {
            const doc = carrying(poisonMembers(name, n, options), where);
            let outcome: string;
            try {
              await canonize(doc, { maxCanonizeWork: FULL ? 1_000_000 : 200_000 });
              outcome = 'canonical';
            } catch (e) {
              const err = e as Loose;
              expect(err.code, `${name}(${n}) ${err.message}`).toBe('ERR_CANONIZE_LIMIT');
              // The work budget, rdf-canonize's bound on N-degree calls, or (for the densest
              // shapes) the input limits checked before any JSON-LD processing.
              expect([
                'maxCanonizeWork',
                'maxWorkFactor',
                'maxJsonValues',
                'maxArrayLength',
              ]).toContain(err.details?.limit);
              outcome = err.details.limit;
            }
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          },
        ),
        // Each run spends up to its whole budget: at most 2,000 runs under npm run fuzz.
        { numRuns: Math.min(fuzzRuns(25), 2_000) },
      );
      // The budget is what stops most of them (rdf-canonize's own bound alone does not).
      expect(outcomes.get('maxCanonizeWork') ?? 0).toBeGreaterThan(0);
    },
    HANG_GUARD,
  );

  it(
    'the worst RDF shapes at sizes within maxQuads fail ERR_CANONIZE_LIMIT (default budget)',
    async () => {
      // As N-Quads: nothing but canonicalization between the input and the budget.
      // Each costs the whole budget (0.2 to 1 s): three shapes by default, all under fuzz.
      const sizes = FULL ? [2_000, 10_000] : [1_500];
      const some = /^(cycle|torus|hypercube)\(/;
      let stopped = 0;
      for (const { name, dataset } of poisonDatasets(sizes)) {
        if (dataset.length > 100_000) continue; // past maxQuads
        if (!FULL && !some.test(name)) continue;
        const err = (await canonizeNQuads(serializeNQuads(dataset)).catch((e) => e)) as Loose;
        if (typeof err === 'string') continue; // cheap shapes (stars, trees) finish
        expect(err?.code, name).toBe('ERR_CANONIZE_LIMIT');
        // rdf-canonize's own bound stops the ones that run out of N-degree calls first.
        expect(['maxCanonizeWork', 'maxWorkFactor'], name).toContain(err.details.limit);
        if (err.details.limit === 'maxCanonizeWork') stopped++;
      }
      expect(stopped).toBeGreaterThanOrEqual(FULL ? 8 : 2);
    },
    HANG_GUARD,
  );

  it(
    'trees of identical anonymous nodes stay on the fast path and end within the budget',
    async () => {
      const before = documentToQuadsStats.fast;
      const trees = FULL
        ? [
            [2, 12],
            [4, 7],
            [16, 4],
            [64, 3],
          ]
        : [
            [2, 10],
            [8, 4],
          ];
      for (const [branching, depth] of trees as Array<[number, number]>) {
        const doc = carrying({ [P]: poisonTree(branching, depth) }, 'subject');
        const result = await canonize(doc).catch((e) => e as Loose);
        if (typeof result !== 'string') {
          expect(result.code, `${branching}^${depth}`).toBe('ERR_CANONIZE_LIMIT');
        }
      }
      expect(documentToQuadsStats.fast - before).toBe(trees.length);
    },
    HANG_GUARD,
  );

  it(
    'graphs with blank node ids (the jsonld.js path) of up to 16,000 nodes end with a code',
    async () => {
      const cases: Array<[string, number]> = FULL
        ? [
            ['cycle', 16_000],
            ['chain', 16_000],
            ['undirectedCycle', 8_000],
            ['torus', 8_000],
            ['hypercube', 2_048],
            ['clique', 60],
            ['twoStars', 8_000],
          ]
        : [
            ['cycle', 3_000],
            ['torus', 2_000],
            ['clique', 30],
          ];
      for (const [name, n] of cases) {
        const doc = carrying(poisonMembers(name, n), 'subject');
        const err = (await canonize(doc).catch((e) => e)) as Loose;
        expect(err?.code, `${name}(${n})`).toBe('ERR_CANONIZE_LIMIT');
        expect(['maxCanonizeWork', 'maxWorkFactor'], `${name}(${n})`).toContain(err.details.limit);
      }
    },
    HANG_GUARD,
  );
});

describe('poison graphs in signed documents', () => {
  it(
    'signing a credential that carries one fails ERR_CANONIZE_LIMIT',
    async () => {
      const doc = carrying(poisonMembers('cycle', 2_000), 'subject');
      await expect(sign(doc)).rejects.toMatchObject({ code: 'ERR_CANONIZE_LIMIT' });
    },
    HANG_GUARD,
  );

  it(
    'in a credential: the proof fails jsonld_error, verify() is invalid (jsonld_too_large)',
    async () => {
      const signed = (await sign(richCredential(did))) as Loose;
      Object.assign(
        signed.credentialSubject,
        poisonMembers('undirectedCycle', 2_000, { nested: true }),
      );
      const result = await verifyCredentialProof(signed);
      expect(result.verified).toBe(false);
      expect(result.issues.map((i) => i.code)).toContain('jsonld_error');
      expect(result.issues[0]?.message).toMatch(/work limit/);
      const report = await verifyOffline(signed);
      expect(report.verdict).toBe('invalid');
      expect(failCodes(report)).toContain('jsonld_too_large');
    },
    HANG_GUARD,
  );

  it(
    'in a proof: the proof options canonicalization fails with a code',
    async () => {
      const signed = (await sign(richCredential(did))) as Loose;
      Object.assign(firstProof(signed), poisonMembers('torus', 2_000));
      const result = await verifyCredentialProof(signed);
      expect(result.verified).toBe(false);
      expect(result.issues.map((i) => i.code)).toContain('jsonld_error');
      const report = await verifyOffline(signed);
      expect(report.verdict).toBe('invalid');
    },
    HANG_GUARD,
  );

  it(
    'in a presentation: the carried credential is invalid, the presentation report ends',
    async () => {
      const signed = (await sign(richCredential(did))) as Loose;
      Object.assign(signed.credentialSubject, poisonMembers('cycle', 2_000));
      const vp = createPresentation({ credentials: [signed] }) as Loose;
      Object.assign(vp, poisonMembers('twoStars', 2_000));
      const report = await verifyOffline(vp);
      expect(report.verdict).toBe('invalid');
      const nested = report.credentials?.[0];
      expect(nested?.verdict).toBe('invalid');
    },
    HANG_GUARD,
  );
});

/** Inline contexts that make jsonld.js copy large active contexts at every step. */
function contextBomb(kind: 'scoped' | 'types' | 'alternating', k: number): Record<string, Loose> {
  const c = richCredential(did);
  const ctx: Record<string, unknown> = {};
  if (kind === 'scoped') {
    // k terms, each with a 20-term scoped context, each used once.
    for (let i = 0; i < k; i++) {
      const inner: Record<string, string> = {};
      for (let j = 0; j < 20; j++) inner[`s${j}`] = `https://attacker.example/s${i}_${j}`;
      ctx[`t${i}`] = { '@id': `https://attacker.example/t${i}`, '@context': inner };
      c.credentialSubject[`t${i}`] = { s0: 'v' };
    }
  } else if (kind === 'types') {
    // One node typed with k types, each with its own type-scoped context.
    for (let i = 0; i < k; i++) {
      ctx[`T${i}`] = {
        '@id': `https://attacker.example/T${i}`,
        '@context': { [`a${i}`]: `https://attacker.example/a${i}` },
      };
    }
    c.credentialSubject[`${Q}n`] = Array.from({ length: 20 }, () => ({
      type: Array.from({ length: k }, (_, i) => `T${i}`),
    }));
  } else {
    // Nodes alternating two type-scoped contexts of k terms each.
    const terms: Record<string, string> = {};
    for (let j = 0; j < k; j++) terms[`x${j}`] = `https://attacker.example/x${j}`;
    ctx.A = { '@id': 'https://attacker.example/A', '@context': terms };
    ctx.B = { '@id': 'https://attacker.example/B', '@context': { ...terms, z: 'urn:z' } };
    ctx.c = { '@id': 'https://attacker.example/c' };
    c.credentialSubject.c = Array.from({ length: 4000 }, (_, i) => ({
      type: i % 2 ? 'A' : 'B',
      x0: 'v',
      c: { type: i % 2 ? 'B' : 'A', x1: 'w' },
    }));
  }
  c['@context'] = [...c['@context'], ctx];
  return c;
}

describe('contexts that make jsonld.js copy the active context at every step', () => {
  it(
    'scoped-context, many-type and alternating type-scoped context bombs end ERR_CANONIZE_LIMIT',
    async () => {
      // Unbounded, these took 64 s and 3 GB, ran out of heap, and took 290 s.
      for (const [kind, k] of [
        ['scoped', 1000],
        ['types', 2000],
        ['alternating', 4000],
      ] as const) {
        const err = (await canonize(contextBomb(kind, k)).catch((e) => e)) as Loose;
        expect(err?.code, kind).toBe('ERR_CANONIZE_LIMIT');
        expect(err.details, kind).toMatchObject({ limit: 'maxCanonizeWork' });
        expect(err.message).toMatch(/JSON-LD contexts/);
      }
    },
    HANG_GUARD,
  );

  it('a small inline context on an ordinary badge costs a small part of the budget', async () => {
    const c = richCredential(did);
    c['@context'] = [...c['@context'], { note: 'https://issuer.example/note' }];
    c.note = 'Issued at the spring ceremony';
    await expect(canonize(c, { maxCanonizeWork: 400_000 })).resolves.toContain(
      'https://issuer.example/note',
    );
  });
});
