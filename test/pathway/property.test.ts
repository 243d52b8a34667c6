/**
 * Properties of evaluatePathway over real verification reports (a pool of signed badges,
 * verified once) and generated pathways: adding a credential never lowers progress, a revoked
 * (or otherwise non-counting) component never counts, two learners never mix.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AchievementMatch,
  evaluatePathway,
  type PathwayEvaluation,
  type Requirement,
  type RequirementResult,
} from '../../src/pathway/index.js';
import type { VerificationReport } from '../../src/verify/index.js';
import {
  analystPathway,
  ESCO_SQL,
  ETHICS,
  LEARNER,
  makePool,
  OTHER_LEARNER,
  type Pool,
  SQL,
  STATS,
  VIS,
} from './helpers.js';

const RUNS = Math.max(60, Number(process.env.OB3KIT_FUZZ_RUNS) || 0);

let pool: Pool;
beforeAll(async () => {
  pool = await makePool();
});

/** Names of the pool's credentials about Ada (all kinds: counting or not). */
const ADA = [
  'sql',
  'stats',
  'vis',
  'ethics',
  'statsOther',
  'visRevoked',
  'visActive',
  'sqlExpired',
  'visForged',
  'sqlInProgress',
  'sqlScored',
  'sqlLowScore',
  'course3',
  'course2',
  'skilled',
];
const NEVER_COUNT = ['visRevoked', 'sqlExpired', 'visForged', 'sqlInProgress'];

const leaf: fc.Arbitrary<Requirement> = fc.oneof(
  fc
    .record({
      achievement: fc.constantFrom<AchievementMatch[]>(
        { id: SQL },
        { id: STATS },
        { id: VIS },
        { id: ETHICS },
        { alignment: { targetUrl: ESCO_SQL } },
        { achievementType: 'Course' },
      ),
      count: fc.constantFrom(undefined, 1, 2),
    })
    .map((r) => (r.count === undefined ? { achievement: r.achievement } : r) as Requirement),
  fc.constant({
    achievement: { id: SQL },
    result: { resultType: 'Percent', minValue: 60 },
  } as Requirement),
);

const requirement: fc.Arbitrary<Requirement> = fc.letrec<{ node: Requirement }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    fc
      .array(tie('node'), { minLength: 1, maxLength: 3 })
      .chain((of) => fc.integer({ min: 1, max: of.length }).map((atLeast) => ({ atLeast, of }))),
    fc
      .tuple(fc.array(tie('node'), { minLength: 1, maxLength: 2 }), fc.constantFrom(1, 2.5, 5, 8))
      .map(([of, credits]) => ({ credits, of })),
  ),
})).node;

function nodes(r: RequirementResult, out: RequirementResult[] = []): RequirementResult[] {
  out.push(r);
  for (const c of r.children ?? []) nodes(c, out);
  return out;
}

function reportsOf(names: string[]): VerificationReport[] {
  return names.map((n) => pool.reports[n] as VerificationReport);
}

function usedIndexes(e: PathwayEvaluation): number[] {
  return nodes(e.requirement).flatMap((n) => n.satisfiedBy.map((s) => s.index));
}

describe('evaluatePathway properties', () => {
  it('adding a credential never lowers progress, anywhere in the tree', () => {
    fc.assert(
      fc.property(
        requirement,
        fc.subarray(ADA),
        fc.constantFrom(...ADA),
        fc.nat(),
        (req, before, added, at) => {
          const p = {
            ...analystPathway(pool.school),
            issuers: [pool.school.did, pool.other.did],
            requirement: req,
          };
          const list = [...before];
          list.splice(at % (list.length + 1), 0, added);
          const a = evaluatePathway(p, reportsOf(before));
          const b = evaluatePathway(p, reportsOf(list));
          const na = nodes(a.requirement);
          const nb = nodes(b.requirement);
          expect(nb.length).toBe(na.length);
          na.forEach((n, i) => {
            const m = nb[i] as RequirementResult;
            expect(m.progress.ratio).toBeGreaterThanOrEqual(n.progress.ratio - 1e-12);
            expect(m.progress.achieved).toBeGreaterThanOrEqual(n.progress.achieved);
            if (n.met) expect(m.met).toBe(true);
            // ratio is 1 exactly when met
            expect(m.progress.ratio === 1).toBe(m.met);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a revoked, expired, forged or unfinished component never counts, and never satisfies anything', () => {
    fc.assert(
      fc.property(requirement, fc.subarray(ADA, { minLength: 1 }), (req, names) => {
        const p = { ...analystPathway(pool.school), issuers: ['*'], requirement: req };
        const e = evaluatePathway(p, reportsOf(names));
        const bad = new Set(names.flatMap((n, i) => (NEVER_COUNT.includes(n) ? [i] : [])));
        for (const i of usedIndexes(e)) expect(bad.has(i)).toBe(false);
        for (const i of bad) expect(e.credentials[i]?.counts).toBe(false);
        // Removing them changes nothing.
        const clean = evaluatePathway(p, reportsOf(names.filter((n) => !NEVER_COUNT.includes(n))));
        expect(clean.met).toBe(e.met);
        expect(clean.progress).toEqual(e.progress);
      }),
      { numRuns: RUNS },
    );
  });

  it('two learners never mix: refused without a learner, separated with one', () => {
    const grace = ['sqlGrace', 'statsGrace'];
    fc.assert(
      fc.property(
        requirement,
        fc.subarray(['sql', 'stats', 'vis', 'skilled', 'course3'], { minLength: 1 }),
        fc.subarray(grace, { minLength: 1 }),
        fc.nat(),
        (req, ada, gr, seed) => {
          const p = { ...analystPathway(pool.school), issuers: ['*'], requirement: req };
          const mixed = [...ada, ...gr].sort(
            (x, y) => ((x.length * 7 + seed) % 5) - ((y.length * 7 + seed) % 5),
          );
          expect(() => evaluatePathway(p, reportsOf(mixed))).toThrow(
            expect.objectContaining({ code: 'ERR_PATHWAY_LEARNERS_MIXED' }),
          );
          for (const [who, mine] of [
            [LEARNER, ada],
            [OTHER_LEARNER, gr],
          ] as const) {
            const e = evaluatePathway(p, reportsOf(mixed), { learner: who });
            const used = usedIndexes(e).map((i) => mixed[i] as string);
            for (const u of used) expect(mine).toContain(u);
            for (const c of e.credentials) {
              if (!mine.includes(mixed[c.index] as string)) expect(c.counts).toBe(false);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
