/**
 * Attack: endorsement replay. An EndorsementCredential says what it endorses in its
 * `credentialSubject.id` (OB 3.0 EndorsementSubject: "the identifier of the individual, entity,
 * organization, assertion, or achievement that is endorsed"). `verify()` verifies every embedded
 * endorsement on its own (proof, issuer, dates...) but never compares what it endorses with the
 * object it is embedded in. So anyone can copy a genuine endorsement — signed by a reputable
 * organisation, about some other achievement, profile or credential — into their own badge's
 * achievement (or issuer profile, or credential), sign their badge with their own key, and the
 * report says `valid` with an `endorsement` check that passes and a nested report naming the
 * reputable organisation as a verified endorser of the attacker's achievement.
 *
 * Where: `src/verify/pipeline.ts` `verifyEndorsements` (and `findEndorsements` in
 * `src/verify/checks/endorsement.ts`, which knows the path of each endorsement but not the id of
 * the node it sits on): the nested report is computed without the embedding node's id.
 *
 * Expected: an embedded endorsement whose subject id is not the id of the node it is attached to
 * (the credential for `$.endorsement`, the issuer profile for `$.issuer.endorsement`, the
 * achievement for `...achievement.endorsement`) is reported by the parent's `endorsement` check
 * (for example `endorsement_subject_mismatch`), and never counts as a passed endorsement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

interface Party {
  did: string;
  keyPair: KeyPair;
}
let endorser: Party;
let attacker: Party;

beforeAll(async () => {
  endorser = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
  attacker = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
});

const sign = (doc: Loose, party: Party) =>
  signCredential(doc, { key: party.keyPair, created: '2024-01-01T00:00:00Z' });

/** A genuine endorsement by the reputable endorser of `subjectId`. */
function endorsementOf(subjectId: string): Loose {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:0e1d0b55-6a4f-4d5e-9e61-7f6a1c0de001',
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: { id: endorser.did, type: ['Profile'], name: 'Reputable University' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Endorsement of the PhD programme',
    credentialSubject: {
      id: subjectId,
      type: ['EndorsementSubject'],
      endorsementComment: 'An excellent, rigorous programme.',
    },
  };
}

const OTHER_ACHIEVEMENT = 'https://university.example/achievements/phd';

/** The attacker's own badge (signed by the attacker) carrying the copied endorsement. */
async function attackersBadge(where: 'achievement' | 'issuer' | 'credential', copied: Loose) {
  const c = richCredential(attacker.did);
  c.credentialSubject.achievement.id = 'https://attacker.example/achievements/fake-phd';
  if (where === 'achievement') c.credentialSubject.achievement.endorsement = [copied];
  else if (where === 'issuer') c.issuer.endorsement = [copied];
  else c.endorsement = [copied];
  return sign(c, attacker);
}

describe('an endorsement of something else, copied into an unrelated badge', () => {
  for (const where of ['achievement', 'issuer', 'credential'] as const) {
    it(`on the ${where}: not a passed endorsement`, async () => {
      const genuine = await sign(endorsementOf(OTHER_ACHIEVEMENT), endorser);
      const report = await verifyOffline(await attackersBadge(where, genuine));
      // Today: verdict valid, endorsement check pass, nested report valid.
      const endorsement = report.checks.filter((c) => c.id === 'endorsement');
      expect(endorsement.every((c) => c.outcome === 'pass')).toBe(false);
      expect(report.verdict).not.toBe('valid');
    });
  }

  it('control: the copied endorsement is genuine (valid on its own)', async () => {
    const genuine = await sign(endorsementOf(OTHER_ACHIEVEMENT), endorser);
    const report = await verifyOffline(genuine, { now: NOW });
    expect(report.verdict).toBe('valid');
  });

  it('control: an endorsement of the achievement it is attached to stays valid', async () => {
    const c = richCredential(attacker.did);
    const own = await sign(endorsementOf(c.credentialSubject.achievement.id), endorser);
    c.credentialSubject.achievement.endorsement = [own];
    const report = await verifyOffline(await sign(c, attacker));
    expect(report.verdict).toBe('valid');
    expect(report.endorsements?.[0]?.verdict).toBe('valid');
  });
});
