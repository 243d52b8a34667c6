import { beforeAll, describe, expect, it } from 'vitest';
import { PathwayError, ValidationError } from '../../src/errors.js';
import { createIdentityObject } from '../../src/model/index.js';
import { evaluatePathway, type Pathway } from '../../src/pathway/index.js';
import { createPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { record } from '../clr/helpers.js';
import type { Loose } from '../verify/helpers.js';
import {
  analystPathway,
  ESCO_SQL,
  LEARNER,
  makeBadge,
  makePool,
  NOW,
  OTHER_LEARNER,
  type Pool,
  SQL,
  STATS,
  VIS,
} from './helpers.js';

let pool: Pool;
beforeAll(async () => {
  pool = await makePool();
});
const R = (...names: string[]) => names.map((n) => pool.reports[n] as never);

describe('evaluatePathway: all of three badges', () => {
  it('progress after each badge, then met; which badge satisfied what', () => {
    const p = analystPathway(pool.school);
    const none = evaluatePathway(p, []);
    expect(none.met).toBe(false);
    expect(none.progress).toEqual({ required: 3, achieved: 0, ratio: 0, unit: 'requirements' });
    expect(none.missing.map((m) => m.path)).toEqual([
      '$.requirement.all[0]',
      '$.requirement.all[1]',
      '$.requirement.all[2]',
    ]);
    const one = evaluatePathway(p, R('sql'));
    expect(one.progress.achieved).toBe(1);
    expect(one.progress.ratio).toBeCloseTo(1 / 3);
    expect(one.requirement.children?.[0]).toMatchObject({
      label: 'SQL',
      met: true,
      satisfiedBy: [{ index: 0, achievementId: SQL, issuer: pool.school.did }],
    });
    expect(one.missing.map((m) => m.needed)).toEqual([
      `a credential for ${STATS}`,
      `a credential for ${VIS}`,
    ]);
    const all = evaluatePathway(p, R('sql', 'stats', 'vis'));
    expect(all.met).toBe(true);
    expect(all.progress).toEqual({ required: 3, achieved: 3, ratio: 1, unit: 'requirements' });
    expect(all.missing).toEqual([]);
    expect(all.requirement.satisfiedBy.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(all.learner).toEqual({ id: LEARNER });
  });

  it('a badge from an issuer the requirement does not accept is listed, not counted', () => {
    const r = evaluatePathway(analystPathway(pool.school), R('sql', 'statsOther', 'vis'));
    expect(r.met).toBe(false);
    expect(r.requirement.children?.[1]?.rejected).toEqual([
      expect.objectContaining({
        reason: 'issuer_not_accepted',
        credential: expect.objectContaining({ index: 1 }),
      }),
    ]);
    // '*' accepts any issuer whose key verifies.
    const anyIssuer = { ...analystPathway(pool.school), issuers: ['*'] };
    expect(evaluatePathway(anyIssuer, R('sql', 'statsOther', 'vis')).met).toBe(true);
  });

  it('never counts a revoked, expired, forged, unverified or unfinished badge; says why', () => {
    const r = evaluatePathway(
      analystPathway(pool.school),
      R('visRevoked', 'sqlExpired', 'visForged', 'sqlInProgress', 'visActive', 'stats'),
    );
    expect(r.credentials.map((c) => [c.index, c.counts, c.reason])).toEqual([
      [0, false, 'revoked'],
      [1, false, 'expired'],
      [2, false, 'not_authentic'],
      [3, false, 'not_completed'],
      [4, true, undefined],
      [5, true, undefined],
    ]);
    expect(r.met).toBe(false);
    expect(r.requirement.children?.[0]?.rejected?.map((x) => x.reason)).toEqual([
      'expired',
      'not_completed',
    ]);
    expect(r.requirement.children?.[2]?.satisfiedBy.map((s) => s.index)).toEqual([4]);
  });

  it('a badge whose status was not checked (offline) does not count unless allowed', async () => {
    const offline = await verify(pool.credentials.visActive, { now: NOW });
    const r = evaluatePathway(analystPathway(pool.school), [
      pool.reports.sql,
      pool.reports.stats,
      offline,
    ] as never);
    expect(r.credentials[2]).toMatchObject({ counts: false, reason: 'status_unchecked' });
    expect(r.met).toBe(false);
    expect(
      evaluatePathway(
        analystPathway(pool.school),
        [pool.reports.sql, pool.reports.stats, offline] as never,
        {
          acceptUncheckedStatus: true,
        },
      ).met,
    ).toBe(true);
    // A proof that could not be checked never counts.
    const unchecked = await verify(
      {
        ...pool.credentials.sql,
        issuer: { id: 'https://unreachable.example/issuer', type: ['Profile'] },
      },
      { now: NOW },
    );
    expect(
      evaluatePathway(analystPathway(pool.school), [unchecked]).credentials[0]?.reason,
    ).toMatch(/^(proof_unchecked|not_authentic)$/);
  });
});

describe('evaluatePathway: one learner', () => {
  it('refuses to mix learners unless the learner is given; then others do not count', () => {
    expect(() => evaluatePathway(analystPathway(pool.school), R('sql', 'statsGrace'))).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_LEARNERS_MIXED' }),
    );
    try {
      evaluatePathway(analystPathway(pool.school), R('sql', 'statsGrace'));
    } catch (e) {
      expect(e).toBeInstanceOf(PathwayError);
      expect((e as PathwayError).details).toEqual({ credentials: [0, 1], match: 'different' });
    }
    const ada = evaluatePathway(
      analystPathway(pool.school),
      R('sql', 'statsGrace', 'stats', 'vis'),
      {
        learner: LEARNER,
      },
    );
    expect(ada.met).toBe(true);
    expect(ada.credentials[1]).toMatchObject({ counts: false, reason: 'other_learner' });
    const grace = evaluatePathway(analystPathway(pool.school), R('sql', 'statsGrace', 'sqlGrace'), {
      learner: OTHER_LEARNER,
    });
    expect(grace.requirement.satisfiedBy.map((s) => s.index)).toEqual([1, 2]);
    expect(grace.credentials.filter((c) => c.counts).map((c) => c.index)).toEqual([1, 2]);
  });

  it('invalid or non-counting badges of another learner do not block the evaluation', () => {
    const r = evaluatePathway(analystPathway(pool.school), R('sql', 'visForged'));
    expect(r.credentials[1]?.reason).toBe('not_authentic');
  });

  it('hashed identifiers: compared through the learner identity when given', async () => {
    const email = 'ada@example.edu';
    const withSalt = (salt: string, achievement: string, name: string) =>
      makeBadge(pool.school, {
        achievement,
        name,
        extra: (c) => {
          delete c.credentialSubject.id;
          c.credentialSubject.identifier = [
            createIdentityObject({ identity: email, identityType: 'emailAddress', salt }),
          ];
        },
      });
    const reports = [
      await verify(await withSalt('a', SQL, 'SQL'), { now: NOW }),
      await verify(await withSalt('b', STATS, 'Statistics'), { now: NOW }),
    ];
    expect(() => evaluatePathway(analystPathway(pool.school), reports)).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_LEARNERS_MIXED' }),
    );
    const r = evaluatePathway(analystPathway(pool.school), reports, {
      learner: { identity: email, identityType: 'emailAddress' },
    });
    expect(r.progress.achieved).toBe(2);
    expect(r.learner?.identifier).toHaveLength(1);
  });
});

describe('evaluatePathway: the requirement forms', () => {
  const of = (requirement: Loose): Pathway => analystPathway(pool.school, requirement);

  it('any and at least n of', () => {
    const any = of({ any: [{ achievement: { id: STATS } }, { achievement: { id: VIS } }] });
    expect(evaluatePathway(any, []).progress).toEqual({
      required: 1,
      achieved: 0,
      ratio: 0,
      unit: 'requirements',
    });
    expect(evaluatePathway(any, R('vis')).met).toBe(true);
    const two = of({
      atLeast: 2,
      of: [
        { achievement: { id: SQL } },
        { achievement: { id: STATS } },
        { achievement: { id: VIS } },
      ],
    });
    const one = evaluatePathway(two, R('vis'));
    expect(one.progress).toEqual({ required: 2, achieved: 1, ratio: 0.5, unit: 'requirements' });
    expect(one.missing).toEqual([
      expect.objectContaining({
        path: '$.requirement',
        needed: '1 more of these requirements',
        options: [SQL, STATS],
      }),
    ]);
    expect(evaluatePathway(two, R('vis', 'sql')).met).toBe(true);
  });

  it('count: several distinct credentials of one kind', () => {
    const p = of({ achievement: { id: VIS }, count: 2 });
    const r = evaluatePathway(p, R('vis'));
    expect(r.progress).toEqual({ required: 2, achieved: 1, ratio: 0.5, unit: 'credentials' });
    expect(r.missing[0]?.needed).toBe('1 more credential(s) for 2 × Visualisation');
    expect(evaluatePathway(p, R('vis', 'visActive')).met).toBe(true);
  });

  it('credit sums: creditsEarned, else creditsAvailable; partial progress in credits', () => {
    const p = of({ credits: 5, of: [{ achievement: { achievementType: 'Course' } }] });
    const three = evaluatePathway(p, R('course3'));
    expect(three.progress).toEqual({ required: 5, achieved: 3, ratio: 0.6, unit: 'credits' });
    expect(three.credentials[0]?.credits).toBe(3);
    const five = evaluatePathway(p, R('course3', 'course2'));
    expect(five.credentials[1]?.credits).toBe(2);
    expect(five.met).toBe(true);
    expect(five.requirement.satisfiedBy.map((s) => s.index)).toEqual([0, 1]);
    expect(evaluatePathway(p, R('course3', 'sql')).missing[0]).toMatchObject({
      needed: '2 more credit(s) from these requirements',
    });
  });

  it('alignment (an ESCO skill) and type matches', () => {
    const bySkill = of({ achievement: { alignment: { targetUrl: ESCO_SQL } } });
    expect(evaluatePathway(bySkill, R('sql')).met).toBe(false);
    expect(evaluatePathway(bySkill, R('skilled')).met).toBe(true);
    const byCode = of({
      achievement: { alignment: { targetCode: 'S5.6.1', targetFramework: 'ESCO' } },
    });
    expect(evaluatePathway(byCode, R('skilled')).met).toBe(true);
    const wrongFramework = of({
      achievement: { alignment: { targetCode: 'S5.6.1', targetFramework: 'O*NET' } },
    });
    expect(evaluatePathway(wrongFramework, R('skilled')).met).toBe(false);
  });

  it('result thresholds: numbers, values, and what the achievement requires', () => {
    const min = (n: number) =>
      of({ achievement: { id: SQL }, result: { resultType: 'Percent', minValue: n } });
    expect(evaluatePathway(min(70), R('sqlScored')).met).toBe(true);
    expect(evaluatePathway(min(73), R('sqlScored')).met).toBe(false);
    expect(evaluatePathway(min(70), R('sqlScored')).requirement.satisfiedBy).toHaveLength(1);
    const low = evaluatePathway(min(50), R('sqlLowScore'));
    expect(low.requirement.rejected).toEqual([
      expect.objectContaining({ reason: 'result_below_threshold' }),
    ]);
    // No result at all never meets a threshold.
    expect(evaluatePathway(min(0), R('sql')).met).toBe(false);
    const grades = of({
      achievement: { id: SQL },
      result: { resultType: 'LetterGrade', values: ['A', 'B'] },
    });
    expect(evaluatePathway(grades, R('sqlScored')).met).toBe(true);
    const required = of({ achievement: { id: SQL }, result: { meetsRequired: true } });
    expect(evaluatePathway(required, R('sqlScored')).met).toBe(true); // 72 >= 60, B >= C
    expect(evaluatePathway(required, R('sqlLowScore')).met).toBe(false); // 41 < 60
    const gradeRequired = of({
      achievement: { id: SQL },
      result: { resultDescription: 'urn:uuid:rd-grade', meetsRequired: true },
    });
    expect(evaluatePathway(gradeRequired, R('sqlScored')).met).toBe(true);
  });

  it('nested trees: all of (one of, credits)', () => {
    const p = of({
      all: [
        {
          name: 'Core',
          any: [
            { achievement: { id: SQL } },
            { achievement: { alignment: { targetUrl: ESCO_SQL } } },
          ],
        },
        { name: 'Electives', credits: 5, of: [{ achievement: { achievementType: 'Course' } }] },
      ],
    });
    const r = evaluatePathway(p, R('skilled', 'course3'));
    expect(r.requirement.children?.map((c) => [c.label, c.met])).toEqual([
      ['Core', true],
      ['Electives', false],
    ]);
    expect(r.progress.ratio).toBeCloseTo((1 + 0.6) / 2);
    expect(r.missing.map((m) => m.label)).toEqual(['Electives']);
  });
});

describe('evaluatePathway: inputs', () => {
  it('opens presentations and CLRs into the credentials they hold', async () => {
    const vp = createPresentation({ credentials: [pool.credentials.sql, pool.credentials.stats] });
    const fromVp = await verify(vp, { now: NOW });
    const clr = record([pool.credentials.vis]) as Loose;
    const fromClr = await verify(clr, { now: NOW });
    const r = evaluatePathway(analystPathway(pool.school), [fromVp, fromClr]);
    expect(r.credentials.map((c) => c.achievementId)).toEqual([SQL, STATS, VIS]);
    expect(r.met).toBe(true);
  });

  it('refuses an invalid pathway and misuse', () => {
    const bad = { ...analystPathway(pool.school), formatVersion: 2 } as never;
    expect(() => evaluatePathway(bad, [])).toThrow(ValidationError);
    expect(() => evaluatePathway(analystPathway(pool.school), 'x' as never)).toThrow(TypeError);
    expect(() => evaluatePathway(analystPathway(pool.school), [{}] as never)).toThrow(TypeError);
    expect(() =>
      evaluatePathway(analystPathway(pool.school), [], { learner: 42 as never }),
    ).toThrow(TypeError);
  });

  it('is deterministic: the same inputs give the same result', () => {
    const p = analystPathway(pool.school);
    const a = evaluatePathway(p, R('vis', 'sql', 'visRevoked', 'stats'));
    const b = evaluatePathway(p, R('vis', 'sql', 'visRevoked', 'stats'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('evaluatePathway reads the answers of the reports', () => {
  it('an authentic, current badge with a conformance finding counts; under the conformance policy it does not', async () => {
    // Issued as some issuers do: an achievementType outside the enumeration (signed without
    // the signing checks, as another issuer's software would).
    const c = (await makeBadge(pool.school, { achievement: VIS, name: 'Visualisation' })) as Loose;
    delete c.proof;
    c.credentialSubject.achievement.achievementType = 'Program';
    const odd = await signCredential(c, { key: pool.school.key, validate: false });
    const report = await verify(odd, { now: NOW });
    expect([report.verdict, report.answers.conformant.value]).toEqual(['warning', 'no']);
    const r = evaluatePathway(analystPathway(pool.school), [
      pool.reports.sql,
      pool.reports.stats,
      report,
    ] as never);
    expect(r.credentials[2]).toMatchObject({ counts: true });
    expect(r.met).toBe(true);
    const strict = await verify(odd, { now: NOW, policy: 'conformance' });
    const s = evaluatePathway(analystPathway(pool.school), [
      pool.reports.sql,
      pool.reports.stats,
      strict,
    ] as never);
    expect(s.credentials[2]).toMatchObject({ counts: false, reason: 'invalid' });
  });

  it('a report without answers (an earlier version) is refused with a clear error', () => {
    const { answers: _, ...old } = pool.reports.sql as Loose;
    expect(() => evaluatePathway(analystPathway(pool.school), [old] as never)).toThrow(
      /has no answers/,
    );
  });
});
