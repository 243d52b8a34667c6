/**
 * Attack: endorsements as a forger would write them. An Open Badges 3.0 badge carries
 * EndorsementCredentials in `endorsement` (Data Integrity) or `endorsementJwt` (compact JWTs)
 * lists on the credential, its issuer or its achievement; `verify()` verifies each on its own
 * (src/verify/pipeline.ts `verifyEndorsements`) and holds its `credentialSubject.id` to the
 * object it is attached to (src/verify/checks/endorsed.ts).
 *
 * Tried, and held (kept below as regression tests): an endorsement signed by a key that is not
 * its issuer's, one changed after signing, one without a proof, an expired one, and an
 * `endorsementJwt` (VC-JWT 2.0 and 1.1 forms) of another object: none is a passed endorsement,
 * and none changes the parent's own answers (docs/verifying.md: an endorsement problem alone is
 * a conformance finding of the parent; endorsing another object is a security failure).
 * Subject-id spellings (trailing slash, case, `@id`, a subject array) are compared exactly and
 * refused, so they cannot pass.
 *
 * Open (it.fails below, genuine badges refused, not forgeries accepted):
 * - an endorsement of the credential itself, which OB 3.0 allows and docs/verifying.md lists
 *   (check `endorsed`), makes its parent invalid: its `credentialSubject` has the credential's
 *   id, so the compact-form check refuses it as node merging (`jsonld_not_compact`, security);
 * - every badge that carries an `endorsementJwt` (an OB 3.0 property of the credential, Achievement
 *   and Profile) is invalid: the bundled OB 3.0 contexts (as served in June 2026) do not define
 *   the term, so the `jsonld` check refuses it (`jsonld_undefined_term`, security, with no path);
 *   1EdTech has since added `endorsementJwt` (`@container: @set`) to context-3.0.3.json upstream.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signCredential, signCredentialJwt } from '../../src/proof/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { checkEndorsedSubject } from '../../src/verify/checks/endorsed.js';
import type { VerificationReport } from '../../src/verify/index.js';
import { makeBadge, type Party, party, STATS } from '../pathway/helpers.js';
import { fuzzRuns, type Loose, verifyOffline } from './helpers.js';

let school: Party;
let endorser: Party;
let forger: Party;

beforeAll(async () => {
  school = await party(71);
  endorser = await party(72);
  forger = await party(73);
});

const OTHER = 'https://other.example/achievements/x';

function endorsementOf(subjectId: string, extra: Loose = {}): Loose {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:0e1d0b55-6a4f-4d5e-9e61-7f6a1c0de014',
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: { id: endorser.did, type: ['Profile'], name: 'Reputable University' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Endorsement of the statistics course',
    credentialSubject: {
      id: subjectId,
      type: ['EndorsementSubject'],
      endorsementComment: 'Rigorous.',
    },
    ...extra,
  };
}

/** The school's own badge (Data Integrity), its achievement carrying `endorsements`. */
async function badgeWith(endorsements: Loose[], where = 'endorsement'): Promise<Loose> {
  const { proof: _p, ...c } = await makeBadge(school, { achievement: STATS, name: 'Stats' });
  c.credentialSubject.achievement[where] = endorsements;
  return signCredential(c, { key: school.key });
}

const entries = (r: VerificationReport) => r.checks.filter((c) => c.id === 'endorsement');

/** The parent is genuine: its own answers stand; the endorsement is no passed endorsement. */
function expectRefusedEndorsement(r: VerificationReport): void {
  expect(r.answers.authentic.value).toBe('yes');
  expect(r.answers.inForce.value).toBe('yes');
  expect(entries(r).some((c) => c.outcome === 'pass')).toBe(false);
  expect(entries(r).map((c) => c.code)).toEqual(['endorsement_invalid']);
  expect(r.endorsements?.[0]?.verdict).toBe('invalid');
}

describe('forged endorsements are never passed endorsements', () => {
  it('control: a genuine endorsement of the achievement passes', async () => {
    const e = await signCredential(endorsementOf(STATS), { key: endorser.key });
    const r = await verifyOffline(await badgeWith([e]));
    expect(r.verdict).toBe('valid');
    expect(entries(r).map((c) => c.outcome)).toEqual(['pass']);
  });

  it('signed by a key that is not its issuer’s', async () => {
    const e = await signCredential(endorsementOf(STATS), {
      key: forger.key,
      checkIssuer: false,
    });
    const r = await verifyOffline(await badgeWith([e]));
    expectRefusedEndorsement(r);
    expect(r.endorsements?.[0]?.answers.authentic.value).toBe('no');
  });

  it('changed after signing', async () => {
    const e = await signCredential(endorsementOf(STATS), { key: endorser.key });
    e.credentialSubject.endorsementComment = 'Outstanding, hire them.';
    const r = await verifyOffline(await badgeWith([e]));
    expectRefusedEndorsement(r);
    expect(r.endorsements?.[0]?.answers.authentic.value).toBe('no');
  });

  it('without a proof', async () => {
    const r = await verifyOffline(await badgeWith([endorsementOf(STATS)]));
    expectRefusedEndorsement(r);
    expect(r.endorsements?.[0]?.answers.authentic.value).toBe('no');
  });

  it('expired', async () => {
    const e = await signCredential(endorsementOf(STATS, { validUntil: '2024-06-01T00:00:00Z' }), {
      key: endorser.key,
    });
    const r = await verifyOffline(await badgeWith([e]));
    expectRefusedEndorsement(r);
    expect(r.endorsements?.[0]?.answers.inForce.value).toBe('no');
  });

  it('revoked (its status list, signed by its issuer, given in documents)', async () => {
    const LIST = 'https://endorser.example/status/1';
    const list = createStatusList({ purpose: 'revocation' });
    setStatus(list, 9, true);
    const listCredential = await signCredential(
      await createStatusListCredential({
        id: LIST,
        issuer: endorser.did,
        list,
        validFrom: '2020-01-01T00:00:00Z',
      }),
      { key: endorser.key },
    );
    const entry = createStatusEntry({
      statusListCredential: LIST,
      index: 9,
      purpose: 'revocation',
    });
    const e = await signCredential(endorsementOf(STATS, { credentialStatus: entry }), {
      key: endorser.key,
    });
    const r = await verifyOffline(await badgeWith([e]), { documents: { [LIST]: listCredential } });
    expectRefusedEndorsement(r);
    expect(r.endorsements?.[0]?.answers.inForce.value).toBe('no');
    expect(r.endorsements?.[0]?.checks.find((c) => c.id === 'status')?.code).toBe('status_revoked');
  });

  it('with a status list that cannot be had offline: not a passed endorsement', async () => {
    const entry = createStatusEntry({
      statusListCredential: 'https://endorser.example/status/2',
      index: 9,
      purpose: 'revocation',
    });
    const e = await signCredential(endorsementOf(STATS, { credentialStatus: entry }), {
      key: endorser.key,
    });
    const r = await verifyOffline(await badgeWith([e]));
    expect(r.answers.authentic.value).toBe('yes');
    expect(entries(r).map((c) => [c.outcome, c.code])).toEqual([['warn', 'endorsement_warning']]);
    expect(r.endorsements?.[0]?.answers.inForce.value).toBe('unknown');
  });

  for (const form of ['vc-2.0', 'vc-1.1'] as const) {
    it(`an endorsementJwt (${form}) of another object is refused in its own report`, async () => {
      const jwt = await signCredentialJwt(endorsementOf(OTHER), {
        key: endorser.key,
        payloadForm: form,
      });
      const payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString());
      expect('vc' in payload).toBe(form === 'vc-1.1');
      const { proof: _p, ...c } = await makeBadge(school, { achievement: STATS, name: 'Stats' });
      c.credentialSubject.achievement.endorsementJwt = [jwt];
      // No bundled context defines endorsementJwt (below): signing refuses it unless told not to.
      const r = await verifyOffline(
        await signCredentialJwt(c, { key: school.key, validate: false }),
      );
      const nested = r.endorsements?.[0];
      expect(nested?.format).toBe('jwt');
      expect(nested?.checks.find((x) => x.id === 'endorsed')?.code).toBe(
        'endorsement_subject_mismatch',
      );
      expect(nested?.verdict).toBe('invalid');
      const own = entries(r);
      expect(own.some((x) => x.outcome === 'pass')).toBe(false);
      expect(own.find((x) => x.path?.endsWith('endorsementJwt[0]'))?.category).toBe('security');
    });
  }
});

describe('genuine endorsements refused (open)', () => {
  // OB 3.0 EndorsementCredential: claims about the credential, and the achievement and
  // profiles in it; docs/verifying.md (check `endorsed`) lists the credential itself.
  it.fails('an endorsement of the credential itself leaves its parent valid', async () => {
    const { proof: _p, ...c } = await makeBadge(school, { achievement: STATS, name: 'Stats' });
    c.endorsement = [await signCredential(endorsementOf(c.id), { key: endorser.key })];
    const r = await verifyOffline(await signCredential(c, { key: school.key, validate: false }));
    expect(r.verdict).toBe('valid');
  });

  // OB 3.0 lists endorsementJwt on the credential, Achievement and Profile; the published
  // contexts do not define it, and the JWT signs the payload bytes.
  it.fails('a VC-JWT badge carrying a genuine endorsementJwt is valid', async () => {
    const jwt = await signCredentialJwt(endorsementOf(STATS), { key: endorser.key });
    const { proof: _p, ...c } = await makeBadge(school, { achievement: STATS, name: 'Stats' });
    c.credentialSubject.achievement.endorsementJwt = [jwt];
    const r = await verifyOffline(await signCredentialJwt(c, { key: school.key, validate: false }));
    expect(r.endorsements?.[0]?.verdict).toBe('valid');
    expect(r.verdict).toBe('valid');
  });
});

describe('subject id spellings', () => {
  // RDF 1.1 Concepts 3.2: two IRIs are the same only when they are the same string; a JSON-LD
  // processor does not normalise case, trailing slashes or percent-encoding.
  const at = (endorsed: string) => ({
    path: '$.credentialSubject.achievement.endorsement[0]',
    value: {},
    kind: 'endorsement' as const,
    endorsed: [endorsed],
    endorsedPath: '$.credentialSubject.achievement',
  });
  const respell = fc.oneof(
    fc.constant((s: string) => `${s}/`),
    fc.constant((s: string) => s.toUpperCase()),
    fc.constant((s: string) => s.replace('https://', 'http://')),
    fc.constant((s: string) => s.replace('/', '%2F')),
    fc.constant((s: string) => ` ${s}`),
    fc.constant((s: string) => `${s}#`),
  );

  it('any other spelling of the attached id is a mismatch (property)', () => {
    fc.assert(
      fc.property(fc.webUrl(), respell, (url, f) => {
        const other = f(url);
        fc.pre(other !== url);
        const entry = checkEndorsedSubject(at(url), { credentialSubject: { id: other } });
        expect(entry?.code).toBe('endorsement_subject_mismatch');
        expect(checkEndorsedSubject(at(url), { credentialSubject: { id: url } })).toBeUndefined();
      }),
      { numRuns: fuzzRuns(50) },
    );
  });

  it('`@id`, a subject array and an id that is not a string name no single subject', () => {
    for (const credentialSubject of [
      { '@id': STATS },
      [{ id: STATS }, { id: OTHER }],
      [{ id: STATS }, { id: STATS }],
      { id: [STATS] },
      { id: { id: STATS } },
    ]) {
      expect(checkEndorsedSubject(at(STATS), { credentialSubject })?.code).toBe(
        'endorsement_subject_mismatch',
      );
    }
  });
});
