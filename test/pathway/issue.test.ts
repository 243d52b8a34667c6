/**
 * Issuing the stacked credential and its CLR, and re-checking a stacked credential later. The
 * issued documents are checked with the bundled schemas, verified with verify(), and (the signed
 * stacked credential) with the reference stack as oracle.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { validateClrCredential } from '../../src/clr/index.js';
import {
  checkPathway,
  createClrForPathway,
  createStackedCredential,
  evaluatePathway,
  verifyStackedCredential,
} from '../../src/pathway/index.js';
import { signCredential, signCredentialJwt } from '../../src/proof/index.js';
import { validateCredential } from '../../src/schema/index.js';
import { createStatusList, createStatusListCredential, setStatus } from '../../src/status/index.js';
import { verify } from '../../src/verify/index.js';
import { referenceLoader, referenceVerify } from '../proof/helpers.js';
import { codes, type Loose, outcomes } from '../verify/helpers.js';
import {
  analystPathway,
  DEST,
  LEARNER,
  LIST_URL,
  makeBadge,
  makePool,
  NOW,
  type Pool,
  SQL,
  STATS,
  VIS,
} from './helpers.js';

let pool: Pool;
beforeAll(async () => {
  pool = await makePool();
});
const issuer = () => ({ id: pool.school.did, type: ['Profile'], name: 'Example University' });
const validFrom = '2025-05-01T00:00:00Z';

describe('createStackedCredential', () => {
  it('an Open Badges 3.0 credential for the destination, naming each component as evidence', async () => {
    const p = analystPathway(pool.school);
    const reports = ['sql', 'stats', 'visActive'].map((n) => pool.reports[n] as Loose);
    const evaluation = evaluatePathway(p, reports);
    const stacked = createStackedCredential(p, evaluation, {
      issuer: issuer(),
      validFrom: '2025-05-01T00:00:00Z',
    }) as Loose;
    expect(stacked.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(stacked.name).toBe('Data Analyst Certificate');
    expect(stacked.credentialSubject.id).toBe(LEARNER);
    expect(stacked.credentialSubject.achievement).toMatchObject({
      id: DEST,
      type: ['Achievement'],
      achievementType: 'Certificate',
      criteria: { id: p.id },
    });
    expect(stacked.credentialSubject.achievement.criteria.narrative).toContain(`- ${SQL}`);
    expect(stacked.evidence).toEqual([
      {
        id: pool.credentials.sql.id,
        type: ['Evidence', 'AchievementCredential'],
        name: 'SQL',
        description: `SQL, issued by ${pool.school.did}`,
        narrative: 'Meets: "SQL".',
      },
      expect.objectContaining({ id: pool.credentials.stats.id, name: 'Statistics' }),
      expect.objectContaining({ id: pool.credentials.visActive.id, name: 'Visualisation' }),
    ]);
    expect(validateCredential(stacked)).toMatchObject({ ok: true });
    const signed = await signCredential(stacked, { key: pool.school.key });
    const r = await verify(signed, { now: NOW });
    expect(r.verdict).toBe('valid');
    expect(outcomes(r, 'evidence')).toEqual(['pass']);
    const loader = referenceLoader({ [pool.school.did]: pool.school.document });
    expect((await referenceVerify(signed, 'eddsa-rdfc-2022', loader)).verified).toBe(true);
  });

  it('refuses a pathway not met, and an evaluation of another pathway', () => {
    const p = analystPathway(pool.school);
    const partial = evaluatePathway(p, [pool.reports.sql as Loose]);
    expect(() => createStackedCredential(p, partial, { issuer: issuer() })).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_NOT_MET' }),
    );
    const met = evaluatePathway(
      p,
      ['sql', 'stats', 'vis'].map((n) => pool.reports[n] as Loose),
    );
    const other = { ...p, id: 'https://example.edu/pathways/other' };
    expect(() => createStackedCredential(other, met, { issuer: issuer() })).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_MISMATCH' }),
    );
    expect(() => createStackedCredential(p, met, { issuer: 42 } as never)).toThrow(TypeError);
  });
});

describe('createClrForPathway', () => {
  it('bundles the components as issued and the stacked credential; every part verifies', async () => {
    const p = analystPathway(pool.school);
    const reports = ['sql', 'stats', 'vis'].map((n) => pool.reports[n] as Loose);
    const evaluation = evaluatePathway(p, reports);
    const stacked = await signCredential(
      createStackedCredential(p, evaluation, { issuer: issuer(), validFrom }),
      {
        key: pool.school.key,
      },
    );
    const clr = createClrForPathway(p, evaluation, reports, {
      issuer: issuer(),
      stacked,
      validFrom,
    }) as Loose;
    expect(clr.credentialSubject.verifiableCredential).toEqual([
      pool.credentials.sql,
      pool.credentials.stats,
      pool.credentials.vis,
      stacked,
    ]);
    expect(clr.credentialSubject.association).toEqual(
      [SQL, STATS, VIS].map((sourceId) => ({
        type: 'Association',
        associationType: 'isPartOf',
        sourceId,
        targetId: DEST,
      })),
    );
    expect(clr.credentialSubject.achievement).toBeUndefined();
    expect(validateClrCredential(clr).ok).toBe(true);
    const r = await verify(await signCredential(clr, { key: pool.school.key }), { now: NOW });
    expect(r.verdict).toBe('valid');
    expect(r.credentials?.map((x) => x.verdict)).toEqual(['valid', 'valid', 'valid', 'valid']);
    expect(outcomes(r, 'association')).toEqual(['pass']);
    expect(outcomes(r, 'learner')).toEqual(['pass']);
  });

  it('without a stacked credential, the destination goes in the record; isChildOf on request', () => {
    const p = analystPathway(pool.school);
    const reports = ['sql', 'stats', 'vis'].map((n) => pool.reports[n] as Loose);
    const clr = createClrForPathway(p, evaluatePathway(p, reports), reports, {
      issuer: issuer(),
      associationType: 'isChildOf',
    }) as Loose;
    expect(clr.credentialSubject.achievement[0].id).toBe(DEST);
    expect(clr.credentialSubject.association[0].associationType).toBe('isChildOf');
  });

  it('refuses a VC-JWT component (it cannot be bundled as issued) and reports that are not the evaluated ones', async () => {
    const p = analystPathway(pool.school);
    const jwt = await signCredentialJwt(
      await makeBadge(pool.school, { achievement: SQL, name: 'SQL' }),
      { key: pool.school.key },
    );
    const reports = [
      await verify(jwt, { now: NOW }),
      pool.reports.stats as Loose,
      pool.reports.vis as Loose,
    ];
    const evaluation = evaluatePathway(p, reports);
    expect(evaluation.met).toBe(true);
    expect(() => createClrForPathway(p, evaluation, reports, { issuer: issuer() })).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_COMPONENT' }),
    );
    expect(() =>
      createClrForPathway(p, evaluation, reports.slice(1), { issuer: issuer() }),
    ).toThrow(expect.objectContaining({ code: 'ERR_PATHWAY_MISMATCH' }));
  });
});

describe('verifyStackedCredential', () => {
  async function stackedOver(names: string[]) {
    const p = analystPathway(pool.school);
    const evaluation = evaluatePathway(
      p,
      names.map((n) => pool.reports[n] as Loose),
    );
    const stacked = await signCredential(
      createStackedCredential(p, evaluation, { issuer: issuer(), validFrom }),
      {
        key: pool.school.key,
      },
    );
    return { p, stacked };
  }

  it('holds while its components do', async () => {
    const { p, stacked } = await stackedOver(['sql', 'stats', 'visActive']);
    const components = ['sql', 'stats', 'visActive', 'ethics'].map((n) => pool.credentials[n]);
    const r = await verifyStackedCredential(stacked, components, p, {
      now: NOW,
      documents: pool.documents,
    });
    expect(r.issues).toEqual([]);
    expect(r.holds).toBe(true);
    expect(r.components).toHaveLength(3); // the ethics badge is not named
    expect(r.evaluation.met).toBe(true);
  });

  it('no longer holds once a component is revoked, and says which', async () => {
    const { p, stacked } = await stackedOver(['sql', 'stats', 'visActive']);
    const list = createStatusList({ purpose: 'revocation' });
    setStatus(list, 5, true);
    setStatus(list, 6, true); // visActive is revoked now
    const later = await signCredential(
      await createStatusListCredential({
        id: LIST_URL,
        issuer: pool.school.did,
        list,
        validFrom: '2020-01-01T00:00:00Z',
      }),
      { key: pool.school.key },
    );
    const components = ['sql', 'stats', 'visActive'].map((n) => pool.credentials[n]);
    const r = await verifyStackedCredential(stacked, components, p, {
      now: NOW,
      documents: { [LIST_URL]: later },
    });
    expect(r.holds).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['component_not_counting', '$.evidence[2]'],
      ['pathway_not_met', undefined],
    ]);
    expect(r.issues[0]?.message).toContain('Revoked');
  });

  it('reports missing components, another achievement, and a stacked credential that does not verify', async () => {
    const { p, stacked } = await stackedOver(['sql', 'stats', 'vis']);
    const missing = await verifyStackedCredential(
      stacked,
      [pool.credentials.sql, pool.credentials.stats],
      p,
      { now: NOW },
    );
    expect(missing.holds).toBe(false);
    expect(missing.issues.map((i) => i.code)).toEqual(['component_missing', 'pathway_not_met']);
    const tampered = { ...(stacked as Loose), name: 'Other' };
    const bad = await verifyStackedCredential(
      tampered,
      ['sql', 'stats', 'vis'].map((n) => pool.credentials[n]),
      p,
      { now: NOW },
    );
    expect(bad.holds).toBe(false);
    expect(bad.issues.map((i) => i.code)).toEqual(['stacked_invalid']);
    expect(codes(bad.report, 'proof')).toEqual(['proof_signature_invalid']);
    const elsewhere = {
      ...p,
      destination: { ...p.destination, id: 'https://example.edu/achievements/x' },
    };
    const wrong = await verifyStackedCredential(stacked, [], elsewhere, { now: NOW });
    expect(wrong.issues.map((i) => i.code)).toContain('stacked_wrong_achievement');
  });

  it('checkPathway verifies inputs of any form, then evaluates', async () => {
    const p = analystPathway(pool.school);
    const jwt = await signCredentialJwt(
      await makeBadge(pool.school, { achievement: VIS, name: 'Visualisation' }),
      {
        key: pool.school.key,
      },
    );
    const { evaluation, reports } = await checkPathway(
      p,
      [JSON.stringify(pool.credentials.sql), pool.credentials.stats, jwt],
      { now: NOW },
    );
    expect(reports.map((r) => r.format)).toEqual(['json', 'json', 'jwt']);
    expect(evaluation.met).toBe(true);
  });
});
