/**
 * The bounded RDFC-1.0 implementation (src/jsonld/fast-rdfc.ts) against rdf-canonize, the
 * reference implementation: byte-identical canonical N-Quads on graphs built to need the
 * N-degree algorithm (chains, cycles, cliques, stars, grids, hypercubes, named graphs, disjoint
 * copies of one shape, labels that already start with "c14n"), the same refusals under
 * `maxWorkFactor`, and a work budget that ends every run with ERR_CANONIZE_LIMIT.
 */
import fc from 'fast-check';
import rdfCanonize, { type RdfCanonizeQuad, type RdfCanonizeTerm } from 'rdf-canonize';
import { describe, expect, it } from 'vitest';
import { canonizeRdfc, canonizeUniqueHashes } from '../../src/jsonld/fast-rdfc.js';
import { WorkBudget } from '../../src/jsonld/work.js';
import { poisonDatasets } from '../hostile/poison.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 200);
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const DEEP = process.env.OB3KIT_FUZZ_RUNS === undefined ? 800 : 3000;
/** No bound at all (a fresh budget each call). */
const unbounded = () => ({
  maxWorkFactor: Number.POSITIVE_INFINITY,
  budget: new WorkBudget(Number.MAX_SAFE_INTEGER),
});

/** rdf-canonize's answer, or the message of its error. */
async function reference(dataset: RdfCanonizeQuad[], maxWorkFactor: number): Promise<string> {
  try {
    return await rdfCanonize.canonize(dataset, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      maxWorkFactor,
    });
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** Ours, in the same shape: the canonical N-Quads or the error. */
async function ours(
  dataset: RdfCanonizeQuad[],
  maxWorkFactor: number,
  maxWork: number,
): Promise<string> {
  try {
    return await canonizeRdfc(dataset, { maxWorkFactor, budget: new WorkBudget(maxWork) });
  } catch (e) {
    const details = (e as { details?: { limit?: string } }).details;
    return `error ${(e as { code?: string }).code} ${details?.limit}`;
  }
}

const blankIds = ['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'c14n0', 'c14n9'];
const blank = fc
  .constantFrom(...blankIds)
  .map((value): RdfCanonizeTerm => ({ termType: 'BlankNode', value }));
const named = fc
  .constantFrom('urn:ex:s', 'https://example.org/a')
  .map((value): RdfCanonizeTerm => ({ termType: 'NamedNode', value }));
const literal = fc.constantFrom('x', 'y').map(
  (value): RdfCanonizeTerm => ({
    termType: 'Literal',
    value,
    datatype: { termType: 'NamedNode', value: `${XSD}string` },
  }),
);
const predicate = fc
  .constantFrom('urn:ex:p', 'urn:ex:q')
  .map((value): RdfCanonizeTerm => ({ termType: 'NamedNode', value }));
const graph = fc.oneof(
  { weight: 3, arbitrary: fc.constant<RdfCanonizeTerm>({ termType: 'DefaultGraph', value: '' }) },
  { weight: 1, arbitrary: blank },
  { weight: 1, arbitrary: named },
);
/** Mostly blank nodes and two predicates: many nodes share a first-degree hash. */
const symmetricQuad = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: blank }, { weight: 1, arbitrary: named }),
    predicate,
    fc.oneof(
      { weight: 4, arbitrary: blank },
      { weight: 1, arbitrary: named },
      { weight: 1, arbitrary: literal },
    ),
    graph,
  )
  .map(([subject, p, object, g]): RdfCanonizeQuad => ({ subject, predicate: p, object, graph: g }));

/** A dataset is a set: duplicate quads removed, as every producer of datasets does. */
function unique(dataset: RdfCanonizeQuad[]): RdfCanonizeQuad[] {
  return [...new Map(dataset.map((q) => [rdfCanonize.NQuads.serialize([q]), q])).values()];
}

describe('bounded RDFC-1.0 against rdf-canonize', () => {
  it('gives byte-identical output on random graphs of mostly indistinguishable blank nodes', async () => {
    let nDegree = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(symmetricQuad, { minLength: 1, maxLength: 14 }), async (raw) => {
        const dataset = unique(raw);
        const expected = await reference(dataset, 3);
        const got = await ours(dataset, 3, Number.MAX_SAFE_INTEGER);
        if (expected.startsWith('error')) {
          expect(got).toBe('error ERR_CANONIZE_LIMIT maxWorkFactor');
          return;
        }
        expect(got).toBe(expected);
        // Count the datasets that needed the N-degree step (some first-degree hash shared).
        if (canonizeUniqueHashes(dataset) === undefined) nDegree++;
      }),
      { numRuns: RUNS },
    );
    expect(nDegree).toBeGreaterThan(RUNS / 4);
  });

  it('gives byte-identical output on every structured poison shape, small sizes', async () => {
    for (const { name, dataset } of poisonDatasets([2, 3, 4, 5, 6, 8])) {
      const expected = await reference(dataset, Number.POSITIVE_INFINITY);
      expect(await ours(dataset, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER), name).toBe(
        expected,
      );
    }
  }, 60_000);

  it('refuses exactly where rdf-canonize refuses under maxWorkFactor 0, 1 and 2', async () => {
    for (const factor of [0, 1, 2]) {
      for (const { name, dataset } of poisonDatasets([3, 5, 8])) {
        const expected = await reference(dataset, factor);
        const got = await ours(dataset, factor, Number.MAX_SAFE_INTEGER);
        if (expected.startsWith('error')) {
          expect(expected, name).toMatch(/Maximum deep iterations exceeded/);
          expect(got, `${name} factor ${factor}`).toBe('error ERR_CANONIZE_LIMIT maxWorkFactor');
        } else {
          expect(got, `${name} factor ${factor}`).toBe(expected);
        }
      }
    }
  }, 60_000);

  it('keeps labels that already start with "c14n" as rdf-canonize does', async () => {
    const b = (value: string): RdfCanonizeTerm => ({ termType: 'BlankNode', value });
    const p: RdfCanonizeTerm = { termType: 'NamedNode', value: 'urn:ex:p' };
    const g: RdfCanonizeTerm = { termType: 'DefaultGraph', value: '' };
    const dataset: RdfCanonizeQuad[] = [
      { subject: b('c14n5'), predicate: p, object: b('x'), graph: g },
      { subject: b('x'), predicate: p, object: b('c14n5'), graph: g },
      { subject: b('y'), predicate: p, object: b('x'), graph: g },
    ];
    expect(await ours(dataset, 1, Number.MAX_SAFE_INTEGER)).toBe(await reference(dataset, 1));
  });
});

describe('the work budget', async () => {
  it('ends every poison shape with ERR_CANONIZE_LIMIT (maxCanonizeWork) and reports the units', async () => {
    for (const { name, dataset } of poisonDatasets([200])) {
      const budget = new WorkBudget(20_000);
      let error: unknown;
      try {
        await canonizeRdfc(dataset, { maxWorkFactor: Number.POSITIVE_INFINITY, budget });
      } catch (e) {
        error = e;
      }
      if (error === undefined) {
        // Shapes that need little N-degree work finish within the budget.
        expect(budget.used, name).toBeLessThanOrEqual(20_000);
        continue;
      }
      expect(error, name).toMatchObject({
        code: 'ERR_CANONIZE_LIMIT',
        details: { limit: 'maxCanonizeWork', max: 20_000 },
      });
      // The run stops at the first charge past the budget.
      expect(budget.used, name).toBeGreaterThan(20_000);
      expect(budget.used, name).toBeLessThan(20_000 + 10 * dataset.length + 1_000);
    }
  });

  // A recursive implementation overflows Node's default stack near depth 1,800 (about 2 s of
  // work to get there, so the full depth runs under `npm run fuzz`).
  it(`a chain ${DEEP} deep runs on an explicit stack: it ends with a code, never a stack overflow`, async () => {
    const [chain] = poisonDatasets([DEEP]).filter((d) => d.name.startsWith('chain'));
    expect(chain).toBeDefined();
    expect(await ours(chain?.dataset ?? [], 1, Number.MAX_SAFE_INTEGER)).toBe(
      'error ERR_CANONIZE_LIMIT maxWorkFactor',
    );
  }, 60_000);

  it('shares the budget with what was spent before (JSON-LD to RDF)', async () => {
    const [cycle] = poisonDatasets([4]).filter((d) => d.name.startsWith('cycle'));
    const dataset = cycle?.dataset ?? [];
    const alone = unbounded();
    const expected = await canonizeRdfc(dataset, alone);
    const cost = alone.budget.used;
    const tight = new WorkBudget(cost + 10);
    tight.charge(11, 'before');
    await expect(
      canonizeRdfc(dataset, { maxWorkFactor: Number.POSITIVE_INFINITY, budget: tight }),
    ).rejects.toMatchObject({ code: 'ERR_CANONIZE_LIMIT' });
    const enough = new WorkBudget(cost + 10);
    enough.charge(10, 'before');
    expect(
      await canonizeRdfc(dataset, { maxWorkFactor: Number.POSITIVE_INFINITY, budget: enough }),
    ).toBe(expected);
  });

  it('charges every blank node and quad of the first-degree step before hashing any', async () => {
    const g: RdfCanonizeTerm = { termType: 'DefaultGraph', value: '' };
    const dataset: RdfCanonizeQuad[] = Array.from({ length: 10_000 }, (_, i) => ({
      subject: { termType: 'BlankNode', value: `b${i}` },
      predicate: { termType: 'NamedNode', value: 'urn:ex:p' },
      object: {
        termType: 'Literal',
        value: `${i}`,
        datatype: { termType: 'NamedNode', value: `${XSD}string` },
      },
      graph: g,
    }));
    const budget = new WorkBudget(100_000);
    await expect(canonizeRdfc(dataset, { maxWorkFactor: 1, budget })).rejects.toMatchObject({
      code: 'ERR_CANONIZE_LIMIT',
    });
    // The dataset (2 a quad), each node's quads (2 a quad) and one hash a node (32), charged
    // at once: nothing was hashed.
    expect(budget.used).toBe(2 * 10_000 + 2 * 10_000 + 32 * 10_000);
  });

  it('a typical badge-sized dataset spends a few hundred units at most', async () => {
    const g: RdfCanonizeTerm = { termType: 'DefaultGraph', value: '' };
    const dataset: RdfCanonizeQuad[] = Array.from({ length: 40 }, (_, i) => ({
      subject:
        i < 30
          ? { termType: 'NamedNode', value: 'urn:uuid:1' }
          : { termType: 'BlankNode', value: 'b0' },
      predicate: { termType: 'NamedNode', value: `https://example.org/p${i}` },
      object: {
        termType: 'Literal',
        value: `v${i}`,
        datatype: { termType: 'NamedNode', value: `${XSD}string` },
      },
      graph: g,
    }));
    const budget = new WorkBudget(4_000_000);
    await canonizeRdfc(dataset, { maxWorkFactor: 1, budget });
    expect(budget.used).toBeLessThan(500);
  });
});

describe('canonizeNQuads', async () => {
  const line = fc
    .tuple(
      fc.constantFrom('_:b0', '_:b1', '_:b2', '<urn:ex:s>'),
      fc.constantFrom('<urn:ex:p>', '<urn:ex:q>'),
      fc.constantFrom(
        '_:b0',
        '_:b1',
        '"x"',
        '"x"^^<http://www.w3.org/2001/XMLSchema#string>',
        '"x"@en',
        '<urn:ex:o>',
      ),
      // A named graph <b0> and a blank graph _:b0 have the same name to rdf-canonize's parser.
      fc.constantFrom('', ' _:b0', ' <b0>', ' <urn:ex:g>'),
      fc.constantFrom(' .', '  .  ', '\t.'),
    )
    .map(([s, p, o, g, end]) => `${s} ${p} ${o}${g}${end}`);

  it('parses, removes duplicate quads and canonicalizes as rdf-canonize does', async () => {
    const { canonizeNQuads } = await import('../../src/jsonld/index.js');
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 14 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        async (lines, eol) => {
          const text = [...lines, '', '  '].join(eol);
          let expected: string;
          try {
            expected = await rdfCanonize.canonize(text, {
              algorithm: 'RDFC-1.0',
              inputFormat: 'application/n-quads',
              format: 'application/n-quads',
              maxWorkFactor: 3,
            });
          } catch {
            expected = 'error';
          }
          const got = await canonizeNQuads(text, { maxWorkFactor: 3 }).catch(() => 'error');
          expect(got).toBe(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('counts quads before parsing (maxQuads) and names the line of a syntax error', async () => {
    const { canonizeNQuads } = await import('../../src/jsonld/index.js');
    const text = Array.from({ length: 101 }, (_, i) => `<urn:s> <urn:p> "${i}" .`).join('\n');
    await expect(canonizeNQuads(text, { maxQuads: 100 })).rejects.toMatchObject({
      code: 'ERR_CANONIZE_LIMIT',
      details: { limit: 'maxQuads', max: 100, found: 101 },
    });
    await expect(canonizeNQuads(`${text}\n<urn:s> <urn:p> oops .`)).rejects.toMatchObject({
      code: 'ERR_NQUADS_SYNTAX',
      details: { line: 102 },
    });
  });

  it('100,000 quads, half of them duplicates, are deduplicated through a map (rdf-canonize compares every pair)', async () => {
    const { canonizeNQuads } = await import('../../src/jsonld/index.js');
    const text = Array.from(
      { length: 100_000 },
      (_, i) => `<urn:s> <urn:p> "${i % 50_000}" .`,
    ).join('\n');
    const out = await canonizeNQuads(text);
    expect(out.split('\n').length).toBe(50_001);
  }, 60_000);
});
