/**
 * Pathway completion claimed by showing one credential more than once: alone twice, verified
 * twice, or once alone and once in a presentation. A credential counts once.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePathway } from '../../src/pathway/index.js';
import { createPresentation } from '../../src/present/index.js';
import { verify } from '../../src/verify/index.js';
import { analystPathway, makePool, NOW, type Pool, VIS } from '../pathway/helpers.js';
import { fuzzRuns } from './helpers.js';

let pool: Pool;
beforeAll(async () => {
  pool = await makePool();
}, 60_000);

describe('pathways: one credential counts once', () => {
  it('a count of two is not met by one badge shown twice (the same report, or verified again)', async () => {
    const p = analystPathway(pool.school, { achievement: { id: VIS }, count: 2 });
    const vis = pool.reports.vis as never;
    const twice = evaluatePathway(p, [vis, vis]);
    expect(twice.met).toBe(false);
    expect(twice.progress.achieved).toBe(1);
    expect(twice.credentials.map((c) => [c.counts, c.reason])).toEqual([
      [true, undefined],
      [false, 'duplicate'],
    ]);
    const again = await verify(pool.credentials.vis, { now: NOW });
    expect(evaluatePathway(p, [vis, again]).met).toBe(false);
    // Two distinct badges of that achievement do meet it.
    expect(evaluatePathway(p, [vis, pool.reports.visActive as never]).met).toBe(true);
  });

  it('credits are not summed twice for one course, nor through a presentation', async () => {
    const p = analystPathway(pool.school, {
      credits: 6,
      of: [{ achievement: { achievementType: 'Course' } }],
    });
    const course3 = pool.reports.course3 as never;
    const r = evaluatePathway(p, [course3, course3]);
    expect(r.met).toBe(false);
    expect(r.progress.achieved).toBe(3);
    const vp = await verify(createPresentation({ credentials: [pool.credentials.course3] }), {
      now: NOW,
    });
    expect(evaluatePathway(p, [course3, vp]).progress.achieved).toBe(3);
  });

  it('repeats anywhere change nothing (property)', () => {
    const names = ['sql', 'stats', 'vis', 'visActive', 'course3', 'course2', 'ethics'];
    const p = analystPathway(pool.school, {
      all: [
        { achievement: { id: VIS }, count: 2 },
        { credits: 6, of: [{ achievement: { achievementType: 'Course' } }] },
      ],
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...names), { minLength: 1 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (picked, repeats) => {
          const once = picked.map((n) => pool.reports[n] as never);
          const withRepeats = [...once];
          for (const r of repeats) withRepeats.push(once[r % once.length] as never);
          const a = evaluatePathway(p, once);
          const b = evaluatePathway(p, withRepeats);
          expect(b.met).toBe(a.met);
          expect(b.progress).toEqual(a.progress);
        },
      ),
      { numRuns: fuzzRuns(50) },
    );
  });
});
