/**
 * scripts/check-size.mjs: the browser budget of verify() (at most 100 KB gzipped up front for a
 * VC 2.0 badge, the other schema forms on demand) and of builders plus baking from the root
 * barrel (27 KB), measured from the sources; and the rules that turn figures into problems.
 * `npm test` measures the built package too (--dist).
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { BUNDLES, measureBundle, problemsOf } from '../../scripts/check-size.mjs';

interface Sizes {
  min: number;
  gz: number;
}
interface Measured {
  name: string;
  initial: Sizes;
  lazy: Sizes;
  budgetKb: number | null;
  forbiddenInputs: string[];
  contributors: Array<{ module: string; minBytes: number }>;
  lazyContributors: Array<{ module: string; minBytes: number }>;
  use: null | {
    what: string;
    onDemand: Sizes;
    upFront: Sizes;
    missing: string[];
    loadsWhatItMustNot: string[];
  };
}

const KB = 1024;
function result(over: Partial<Measured> = {}): Measured {
  return {
    name: 'verify',
    initial: { min: 200 * KB, gz: 70 * KB },
    lazy: { min: 800 * KB, gz: 130 * KB },
    budgetKb: 100,
    forbiddenInputs: [],
    contributors: [{ module: 'contexts/*.json', minBytes: 76 * KB }],
    lazyContributors: [],
    use: {
      what: 'a VC 2.0 badge',
      onDemand: { min: 250 * KB, gz: 17 * KB },
      upFront: { min: 450 * KB, gz: 87 * KB },
      missing: [],
      loadsWhatItMustNot: [],
    },
    ...over,
  };
}

describe('check-size', () => {
  it('verify(): a VC 2.0 badge loads at most 100 KB gzipped, never the VC 1.1 or lenient validators', async () => {
    const spec = BUNDLES.find((b: { name: string }) => b.name === 'verify');
    const r: Measured = await measureBundle(spec);
    expect(r.use?.missing).toEqual([]);
    expect(r.use?.loadsWhatItMustNot).toEqual([]);
    expect(r.use?.onDemand.gz).toBeGreaterThan(5 * KB); // the VC 2.0 validators, fetched on demand
    expect(r.use?.upFront.gz).toBe((r.initial.gz ?? 0) + (r.use?.onDemand.gz ?? 0));
    expect(r.use?.upFront.gz).toBeLessThanOrEqual(100 * KB);
    // The other two forms are there, lazily: the whole is well over what loads up front.
    expect(r.lazy.gz).toBeGreaterThan(r.use?.onDemand.gz ?? 0);
    expect(problemsOf([r])).toEqual([]);
  });

  it('builders and baking from the root barrel stay under 27 KB gzipped, free of JSON-LD and crypto', async () => {
    const spec = BUNDLES.find((b: { name: string }) => b.name === 'root');
    expect(spec.budgetKb).toBe(27);
    const r: Measured = await measureBundle(spec);
    expect(r.forbiddenInputs).toEqual([]);
    expect(r.initial.gz).toBeGreaterThan(5 * KB); // the builders and the image code are there
    expect(r.initial.gz).toBeLessThanOrEqual(27 * KB);
    expect(problemsOf([r])).toEqual([]);
  });

  it('a use over its budget is a problem, naming the largest contributors', () => {
    const r = result();
    expect(problemsOf([r])).toEqual([]);
    r.use!.upFront.gz = 100 * KB + 1;
    expect(problemsOf([r])).toEqual([
      'verify: 100.0 KB gzipped for a VC 2.0 badge, over its 100 KB budget (largest: contexts/*.json 76.0 KB min)',
    ]);
  });

  it('without a use, the initial code is what the budget holds', () => {
    const r = result({ use: null, initial: { min: 1, gz: 101 * KB } });
    expect(problemsOf([r])).toHaveLength(1);
    expect(problemsOf([result({ use: null })])).toEqual([]);
  });

  it('a use that loads what it must not, or whose modules are in no chunk, is a problem', () => {
    const r = result();
    r.use!.loadsWhatItMustNot = ['src/schema/generated/lenient.generated.js'];
    r.use!.missing = ['src/schema/generated/vc2.generated.js'];
    expect(problemsOf([r])).toEqual([
      'verify: src/schema/generated/vc2.generated.js is in no chunk (what a VC 2.0 badge loads is not measured)',
      'verify: a VC 2.0 badge loads src/schema/generated/lenient.generated.js (up front or with what it needs)',
    ]);
  });
});
