/**
 * Stacking through records: a CLR given inside a presentation, the components of a stacked
 * credential given as the CLR that bundles them, and a stacked credential for a pathway's
 * destination signed by someone the pathway does not list (the learner, say) over the learner's
 * genuine components. Before, the first two refused genuine badges (a CLR in a presentation was
 * `not_a_badge`; components in a CLR were `component_missing`) and the third held. And an
 * evaluation's size: every (requirement, matching credential) pair is listed in the result, so a
 * tree of many requirements over many credentials that all match them built millions of entries
 * (1,000 × 10,000: seconds and gigabytes); it is bounded now.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClrCredential } from '../../src/clr/index.js';
import {
  createStackedCredential,
  evaluatePathway,
  verifyStackedCredential,
} from '../../src/pathway/index.js';
import { createPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/sign.js';
import type { VerificationReport } from '../../src/verify/index.js';
import { verify } from '../../src/verify/index.js';
import {
  analystPathway,
  LEARNER,
  makePool,
  NOW,
  type Party,
  type Pool,
  party,
  SQL,
  STATS,
  VIS,
} from '../pathway/helpers.js';
import { fuzzRuns, type Loose } from './helpers.js';

let pool: Pool;
let learner: Party;
const NAMES = ['sql', 'stats', 'vis'];

beforeAll(async () => {
  pool = await makePool();
  learner = await party(77);
}, 60_000);

async function record(names: string[]): Promise<Loose> {
  return signCredential(
    createClrCredential({
      name: 'Transcript',
      issuer: { id: pool.school.did, name: 'Example University' },
      validFrom: '2024-02-01T00:00:00Z',
      credentialSubject: {
        id: LEARNER,
        verifiableCredential: names.map((n) => pool.credentials[n]),
      },
    }) as Loose,
    { key: pool.school.key },
  );
}

async function stacked(by: Party): Promise<Loose> {
  const p = analystPathway(pool.school);
  const evaluation = evaluatePathway(
    p,
    NAMES.map((n) => pool.reports[n] as VerificationReport),
  );
  const c = createStackedCredential(p, evaluation, {
    issuer: { id: by.did, type: ['Profile'], name: 'Example University' },
    validFrom: '2025-05-01T00:00:00Z',
  }) as Loose;
  return signCredential(c, { key: by.key });
}

describe('a CLR inside a presentation', () => {
  it('its credentials count as they would alone; a forged or revoked one still does not', async () => {
    const p = analystPathway(pool.school);
    const vp = await verify(createPresentation({ credentials: [await record(NAMES)] }), {
      now: NOW,
    });
    const e = evaluatePathway(p, [vp]);
    expect(e.credentials.map((c) => c.counts)).toEqual([true, true, true]);
    expect(e.met).toBe(true);
    // The same with the forged and revoked visualisation badges in place of the genuine one.
    const bad = await verify(
      createPresentation({
        credentials: [await record(['sql', 'stats', 'visForged', 'visRevoked'])],
      }),
      { now: NOW, documents: pool.documents },
    );
    const e2 = evaluatePathway(p, [bad]);
    expect(e2.met).toBe(false);
    expect(e2.credentials.map((c) => c.reason)).toEqual([
      undefined,
      undefined,
      'not_authentic',
      'revoked',
    ]);
  });

  it('a report that holds itself (not from verify()) is refused, not walked forever', () => {
    const vp = structuredClone(pool.reports.sql) as Loose;
    vp.format = 'presentation';
    vp.credentials = [vp, vp];
    expect(() => evaluatePathway(analystPathway(pool.school), [vp as never])).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_TOO_LARGE' }),
    );
  });
});

describe('verifyStackedCredential', () => {
  it('holds with its components given as the CLR that bundles them, or in a presentation', async () => {
    const p = analystPathway(pool.school);
    const s = await stacked(pool.school);
    const clr = await record(NAMES);
    const alone = await verifyStackedCredential(
      s,
      NAMES.map((n) => pool.credentials[n]),
      p,
      { now: NOW },
    );
    expect(alone.holds).toBe(true);
    const viaClr = await verifyStackedCredential(s, [clr], p, { now: NOW });
    expect(viaClr.issues).toEqual([]);
    expect(viaClr.holds).toBe(true);
    const viaVp = await verifyStackedCredential(
      s,
      [createPresentation({ credentials: [clr] })],
      p,
      {
        now: NOW,
      },
    );
    expect(viaVp.holds).toBe(true);
  });

  it('does not hold when the CLR bundles a revoked or forged component in place of one named', async () => {
    const p = analystPathway(pool.school);
    const s = await stacked(pool.school);
    const clr = await record(['sql', 'stats', 'visRevoked', 'visForged']);
    const r = await verifyStackedCredential(s, [clr], p, { now: NOW, documents: pool.documents });
    expect(r.holds).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('component_missing');
  });

  it("does not hold when signed by someone the pathway does not list, over the learner's genuine components", async () => {
    const p = analystPathway(pool.school);
    for (const by of [learner, pool.other]) {
      const s = await stacked(by);
      // The certificate itself verifies: its own issuer signed it.
      expect((await verify(s, { now: NOW })).verdict).toBe('valid');
      const r = await verifyStackedCredential(
        s,
        NAMES.map((n) => pool.credentials[n]),
        p,
        { now: NOW },
      );
      expect(r.evaluation.met).toBe(true);
      expect(r.issues.map((i) => i.code)).toEqual(['stacked_issuer_not_accepted']);
      expect(r.holds).toBe(false);
    }
    // A pathway that lists that issuer accepts it.
    const shared = { ...p, issuers: [pool.school.did, pool.other.did] };
    const ok = await verifyStackedCredential(
      await stacked(pool.other),
      NAMES.map((n) => pool.credentials[n]),
      shared,
      { now: NOW },
    );
    expect(ok.holds).toBe(true);
    // A pathway without top-level issuers accepts those its requirements list.
    const { issuers: _i, ...bare } = p;
    const perRequirement = {
      ...bare,
      requirement: {
        all: [
          { achievement: { id: SQL }, issuers: [pool.school.did] },
          { achievement: { id: STATS }, issuers: [pool.school.did] },
          { achievement: { id: VIS }, issuers: [pool.school.did] },
        ],
      },
    };
    const comps = NAMES.map((n) => pool.credentials[n]);
    expect(
      (
        await verifyStackedCredential(await stacked(pool.school), comps, perRequirement, {
          now: NOW,
        })
      ).holds,
    ).toBe(true);
    const self = await verifyStackedCredential(await stacked(learner), comps, perRequirement, {
      now: NOW,
    });
    expect(self.issues.map((i) => i.code)).toEqual(['stacked_issuer_not_accepted']);
  });
});

describe('evaluation size', () => {
  function copies(name: string, n: number, edit?: (c: Loose) => void): VerificationReport[] {
    return Array.from({ length: n }, (_, i) => {
      const r = structuredClone(pool.reports[name]) as Loose;
      r.credential.id = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      edit?.(r.credential);
      return r as VerificationReport;
    });
  }

  it('many requirements that all match many credentials are refused, not built', () => {
    const reports = copies('sql', 2000);
    const leaves = Array.from({ length: 600 }, () => ({ achievement: { id: SQL }, count: 2000 }));
    expect(() => evaluatePathway(analystPathway(pool.school, { any: leaves }), reports)).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_TOO_LARGE' }),
    );
    // The same tree over credentials it does not match is evaluated (not met).
    const other = copies('ethics', 2000);
    expect(evaluatePathway(analystPathway(pool.school, { any: leaves }), other).met).toBe(false);
  });

  it('a credential counts once for a requirement however its achievement matches it (property)', () => {
    const url = 'https://example.org/skills/sql';
    const alignment = (extra: Loose) => ({
      type: ['Alignment'],
      targetName: 'SQL',
      targetUrl: url,
      targetCode: 'S1',
      targetFramework: 'Skills',
      ...extra,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<Loose>(
          { alignment: { targetUrl: url } },
          { alignment: { targetCode: 'S1', targetFramework: 'Skills' } },
          { achievementType: 'Course' },
        ),
        (badges, repeats, match) => {
          const reports = copies('sql', badges, (c) => {
            const a = c.credentialSubject.achievement;
            a.achievementType = 'Course';
            a.alignment = Array.from({ length: repeats }, (_, k) =>
              alignment({ targetName: `${k}` }),
            );
          });
          const leaf = { achievement: match, count: 4 };
          const e = evaluatePathway(analystPathway(pool.school, leaf), reports);
          // Each badge once, whatever the number of its alignments to the same target.
          expect(e.progress.achieved).toBe(badges);
          expect(e.requirement.satisfiedBy.map((s) => s.index)).toEqual(
            Array.from({ length: badges }, (_, i) => i),
          );
          expect(e.met).toBe(badges >= 4);
        },
      ),
      { numRuns: fuzzRuns(30) },
    );
  });
});

describe('one badge in two forms', () => {
  it('a badge signed as Data Integrity and as a VC-JWT, alone and in a CLR, counts once', async () => {
    const { proof: _p, ...plain } = structuredClone(pool.credentials.sql) as Loose;
    const jwt = await signCredentialJwt(plain, { key: pool.school.key });
    const p = analystPathway(pool.school, { achievement: { id: SQL }, count: 2 });
    const reports = [
      await verify(pool.credentials.sql, { now: NOW }),
      await verify(jwt, { now: NOW }),
      await verify(await record(['sql']), { now: NOW }),
    ];
    expect(reports.map((r) => r.verdict)).toEqual(['valid', 'valid', 'valid']);
    const e = evaluatePathway(p, reports);
    expect(e.met).toBe(false);
    expect(e.credentials.map((c) => c.reason)).toEqual([undefined, 'duplicate', 'duplicate']);
  });
});
