/**
 * Upgrading verified Open Badges 2.0 assertions to Open Badges 3.0, as the OB 3.0
 * Implementation Guide's migration section describes. The output is checked against ob3kit's
 * schema and 1EdTech's official AchievementCredential schema, expands in JSON-LD safe mode,
 * and can be signed and verified.
 */
import { createHash } from 'node:crypto';
import { CompactSign, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair as generateOb3Key } from '../../src/keys/index.js';
import { upgradeOb2 } from '../../src/ob2/index.js';
import { signCredential } from '../../src/proof/index.js';
import { validateCredential } from '../../src/schema/index.js';
import { verify } from '../../src/verify/index.js';
import { compileOfficial, HAVE_OB3, OFFICIAL, officialSchema } from '../schema/helpers.js';
import { fixture, type Loose, specDocuments } from './helpers.js';

const IN_2017 = new Date('2017-01-15T00:00:00Z');
const URL = 'https://example.org/beths-robotics-badge.json';

function documents(
  assertion: Loose = fixture('spec/assertion-hosted.json'),
): Record<string, Loose> {
  return { ...specDocuments(), [assertion.id]: assertion };
}

/** RFC 9562 name-based UUID (version 5, SHA-1) in the URL namespace, with node:crypto. */
function uuidV5(name: string): string {
  const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const h = createHash('sha1')
    .update(Buffer.concat([ns, Buffer.from(name, 'utf8')]))
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

describe('upgradeOb2', () => {
  it('maps a verified hosted assertion as the migration guide says', async () => {
    const { credential, report } = await upgradeOb2(fixture('spec/assertion-hosted.json'), {
      documents: documents(),
      now: IN_2017,
    });
    expect(report.verdict).toBe('valid');
    const c = credential as Loose;
    expect(c['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(c.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.validFrom).toBe('2016-12-31T23:59:59Z');
    expect(c.awardedDate).toBe('2016-12-31T23:59:59Z');
    expect(c.validUntil).toBe('2017-06-30T23:59:59Z');
    expect(c.name).toBe('Awesome Robotics Badge');
    expect(c.issuer).toMatchObject({
      id: 'https://example.org/organization.json',
      type: ['Profile'],
      name: 'An Example Badge Issuer',
      url: 'https://example.org',
      email: 'contact@example.org',
      image: { id: 'https://example.org/logo.png', type: 'Image' },
    });
    expect(c.credentialSubject.achievement.creator).toEqual(c.issuer);
    const achievement = c.credentialSubject.achievement;
    expect(achievement.id).toBe(uuidV5('https://example.org/robotics-badge.json'));
    expect(achievement).toMatchObject({
      type: ['Achievement'],
      name: 'Awesome Robotics Badge',
      description: 'For doing awesome things with robots that people think is pretty great.',
      criteria: { id: 'https://example.org/robotics-badge.html' },
      image: { id: 'https://example.org/robotics-badge.png', type: 'Image' },
      tag: ['robots', 'awesome'],
      related: [
        {
          id: 'https://example.org/robotics-badge.json',
          type: ['Related', 'https://w3id.org/openbadges#BadgeClass'],
          version: 'Open Badges v2p0',
        },
      ],
    });
    expect(achievement.alignment).toHaveLength(2);
    expect(achievement.alignment[1]).toEqual({
      type: ['Alignment'],
      targetName: 'Problem-Solving',
      targetUrl: 'https://learning.mozilla.org/en-US/web-literacy/skills#problem-solving',
      targetDescription:
        'Using research, analysis, rapid prototyping, and feedback to formulate a problem and develop, test, and refine the solution/plan.',
      targetFramework: 'Mozilla 21st Century Skills',
    });
    // The hashed identity stays hashed, with its salt.
    expect(c.credentialSubject.identifier).toEqual([
      {
        type: 'IdentityObject',
        hashed: true,
        identityHash: 'sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5',
        identityType: 'emailAddress',
        salt: 'deadsea',
      },
    ]);
    expect(c.credentialSubject.image).toEqual({
      id: 'https://example.org/beths-robot-badge.png',
      type: 'Image',
    });
    // The assertion's evidence, then the original assertion.
    expect(c.evidence[0]).toEqual({
      id: 'https://example.org/beths-robot-work.html',
      type: ['Evidence'],
    });
    expect(c.evidence[1]).toMatchObject({
      id: URL,
      type: ['Evidence', 'https://w3id.org/openbadges#Assertion'],
      name: 'Original Open Badges 2.0 assertion',
    });
    expect(c.proof).toBeUndefined();
  });

  it("validates against the Open Badges 3.0 schemas, ours and 1EdTech's", async () => {
    const { credential } = await upgradeOb2(fixture('spec/assertion-hosted.json'), {
      documents: documents(),
      now: IN_2017,
    });
    expect(validateCredential(credential)).toMatchObject({ ok: true, issues: [] });
    if (HAVE_OB3) {
      const official = compileOfficial(officialSchema(OFFICIAL.vc2.AchievementCredential), true);
      expect(official(credential), JSON.stringify(official.errors)).toBe(true);
    }
  });

  it('is ready to sign: the issuer signs it and it verifies', async () => {
    const { did, keyPair } = createDidKey(await generateOb3Key());
    const { credential } = await upgradeOb2(fixture('spec/assertion-hosted.json'), {
      documents: documents(),
      now: IN_2017,
      issuerId: did,
    });
    expect((credential as Loose).issuer.id).toBe(did);
    expect((credential as Loose).credentialSubject.achievement.creator.id).toBe(
      'https://example.org/organization.json',
    );
    const signed = await signCredential(credential, { key: keyPair });
    const report = await verify(signed, { now: IN_2017 });
    expect(report.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([]);
    expect(report.verdict).toBe('valid');
  });

  it('keeps ids given in the options and the embedded criteria narrative', async () => {
    const intro = fixture('spec/assertion-intro.json');
    const issuer = { '@context': 'https://w3id.org/openbadges/v2', ...intro.badge.issuer };
    const { credential } = await upgradeOb2(intro, {
      documents: { [intro.id]: intro, [issuer.id]: issuer },
      now: IN_2017,
      id: 'urn:uuid:91537dba-56cb-11ec-bf63-0242ac130004',
      achievementId: 'https://example.org/achievements/5',
      subjectId: 'did:example:alice',
    });
    const c = credential as Loose;
    expect(c.id).toBe('urn:uuid:91537dba-56cb-11ec-bf63-0242ac130004');
    expect(c.credentialSubject.id).toBe('did:example:alice');
    expect(c.credentialSubject.achievement.id).toBe('https://example.org/achievements/5');
    expect(c.credentialSubject.achievement.criteria).toEqual({
      narrative:
        'Students are tested on knowledge and safety, both through a paper test and a supervised performance evaluation on live equipment',
    });
    expect(c.credentialSubject.identifier[0]).toEqual({
      type: 'IdentityObject',
      hashed: false,
      identityHash: 'alice@example.org',
      identityType: 'emailAddress',
    });
    expect(c.validFrom).toBe('2016-12-31T23:59:59+00:00');
    expect(validateCredential(credential).ok).toBe(true);
  });

  it('a signed assertion: the original JWS is kept as a data URI', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    const claims = fixture('spec/signed-example-claims.json');
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    const docs = {
      ...specDocuments(),
      'https://example.org/publicKey.json': {
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'CryptographicKey',
        id: 'https://example.org/publicKey.json',
        owner: 'https://example.org/organization.json',
        publicKeyPem: await exportSPKI(publicKey),
      },
      'https://example.org/revocationList.json': fixture('spec/revocation-list.json'),
    };
    const { credential } = await upgradeOb2(jws, { documents: docs, now: IN_2017 });
    const original = (credential as Loose).evidence.at(-1);
    expect(original.id).toBe(`data:application/jose,${jws}`);
    expect(validateCredential(credential).ok).toBe(true);
  });

  it('refuses what did not verify, unless forced', async () => {
    // Offline: the hosted copy could not be read.
    await expect(
      upgradeOb2(fixture('spec/assertion-hosted.json'), { now: IN_2017 }),
    ).rejects.toMatchObject({
      code: 'ERR_OB2_NOT_VERIFIED',
    });
    // Expired.
    const expired = upgradeOb2(fixture('spec/assertion-hosted.json'), {
      documents: documents(),
      now: new Date('2018-01-01T00:00:00Z'),
    });
    await expect(expired).rejects.toMatchObject({
      code: 'ERR_OB2_NOT_VERIFIED',
      details: { codes: ['expired'] },
    });
    // Revoked.
    const revoked = fixture('spec/revoked-hosted.json');
    await expect(
      upgradeOb2(URL, { documents: { ...specDocuments(), [URL]: revoked }, now: IN_2017 }),
    ).rejects.toMatchObject({ code: 'ERR_OB2_NOT_VERIFIED' });
    // Forced: made, with the report that says why it was not verified.
    const forced = await upgradeOb2(fixture('spec/assertion-hosted.json'), {
      documents: documents(),
      now: new Date('2018-01-01T00:00:00Z'),
      force: true,
    });
    expect(forced.report.verdict).toBe('invalid');
    expect(validateCredential(forced.credential).ok).toBe(true);
    // Forced but nothing to build from.
    await expect(upgradeOb2(URL, { force: true })).rejects.toMatchObject({
      code: 'ERR_OB2_INCOMPLETE',
    });
  });

  it('checks its options', async () => {
    await expect(upgradeOb2(URL, { force: 'yes' as unknown as boolean })).rejects.toThrow(
      TypeError,
    );
    await expect(upgradeOb2(URL, { id: 'not a uri' })).rejects.toThrow(TypeError);
  });
});
