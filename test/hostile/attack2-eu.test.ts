/**
 * The EU micro-credential profile against re-spelled and empty elements: extension terms signed
 * under another context than the EU one, two EQF levels, an identifier that identifies no one, a
 * zero workload, a date that is not one. The check reads JSON; each of these would pass it while
 * the signed data (or the element) says something else or nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkEuMicroCredential,
  createEuMicroCredential,
  EU_MICROCREDENTIAL_CONTEXT,
  type EuElement,
  euMicroCredentialProfile,
} from '../../src/model/index.js';
import { signCredential } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { NOW, type Party, party } from '../pathway/helpers.js';
import type { Loose } from './helpers.js';

let school: Party;
let badge: Loose;

beforeAll(async () => {
  school = await party(51);
  badge = createEuMicroCredential({
    issuer: { id: school.did, name: 'Example University', address: { addressCountryCode: 'NL' } },
    learner: { id: 'did:example:ada' },
    validFrom: '2025-01-15T00:00:00Z',
    title: 'SQL',
    description: 'SQL.',
    learningOutcomes: [
      { name: 'use SQL', url: 'http://data.europa.eu/esco/skill/abc', framework: 'ESCO' },
    ],
    workload: { ects: 3, hours: 80 },
    level: { eqf: 6 },
    typeOfAssessment: 'testing',
    formOfParticipation: 'online',
    qualityAssurance: { name: 'NVAO', url: 'https://www.nvao.net/' },
  });
  expect(checkEuMicroCredential(badge).ok).toBe(true);
});

function status(c: Loose, element: EuElement): string | undefined {
  return checkEuMicroCredential(c).elements.find((e) => e.element === element)?.status;
}

describe('EU profile: elements re-spelled or empty', () => {
  it('extension terms signed under an inline context instead of the EU one do not count', async () => {
    const evil = structuredClone(badge);
    evil['@context'] = evil['@context'].map((x: string) =>
      x === EU_MICROCREDENTIAL_CONTEXT
        ? {
            typeOfAssessment: 'https://evil.example/a',
            formOfParticipation: 'https://evil.example/b',
            volumeOfLearning: 'https://evil.example/c',
          }
        : x,
    );
    // Signing takes it (the inline context defines the terms): what is signed is not the profile.
    const signed = await signCredential(evil, { key: school.key });
    const r = await verify(signed, {
      now: NOW,
      profiles: [euMicroCredentialProfile],
    });
    const eu = r.checks.filter((c) => c.id === 'eu_profile');
    expect(eu.map((c) => c.outcome)).not.toContain('pass');
    expect(eu.map((c) => c.path)).toEqual(
      expect.arrayContaining([
        '$.credentialSubject.achievement.typeOfAssessment',
        '$.credentialSubject.achievement.formOfParticipation',
      ]),
    );
    expect(status(evil, 'typeOfAssessment')).toBe('invalid');
    expect(checkEuMicroCredential(evil).ok).toBe(false);
    // With a bare string context too.
    const none = structuredClone(badge);
    none['@context'] = none['@context'].filter((x: string) => x !== EU_MICROCREDENTIAL_CONTEXT);
    expect(status(none, 'formOfParticipation')).toBe('invalid');
    // Core Open Badges fields do not need the EU context.
    expect(status(none, 'title')).toBe('present');
  });

  it('two different EQF levels are invalid', () => {
    const two = structuredClone(badge);
    const al = two.credentialSubject.achievement.alignment;
    const eqf = al.find((a: Loose) => a.targetType === 'ext:EQFLevel');
    al.push({ ...eqf, targetCode: '8', targetUrl: 'http://data.europa.eu/snb/eqf/8' });
    expect(status(two, 'level')).toBe('invalid');
    const same = structuredClone(badge);
    same.credentialSubject.achievement.alignment.push({ ...eqf });
    expect(status(same, 'level')).toBe('present');
  });

  it('an identifier must identify: identityHash and identityType', () => {
    const c = structuredClone(badge);
    delete c.credentialSubject.id;
    for (const identifier of [[{}], [{ identityType: 'emailAddress' }], { identityHash: 'x' }]) {
      c.credentialSubject.identifier = identifier;
      expect(status(c, 'learner')).toBe('invalid');
    }
    c.credentialSubject.identifier = [
      {
        type: 'IdentityObject',
        identityHash: 'ada@example.com',
        identityType: 'emailAddress',
        hashed: false,
      },
    ];
    expect(status(c, 'learner')).toBe('present');
  });

  it('a zero workload and a date that is not one are invalid', () => {
    const zero = structuredClone(badge);
    delete zero.credentialSubject.achievement.creditsAvailable;
    for (const v of ['PT0H', 'P0D', 'P0Y0M0DT0H0M0S']) {
      zero.credentialSubject.achievement.volumeOfLearning = v;
      expect(status(zero, 'workload')).toBe('invalid');
    }
    zero.credentialSubject.achievement.volumeOfLearning = 'PT10H';
    expect(status(zero, 'workload')).toBe('present');
    const date = structuredClone(badge);
    delete date.awardedDate;
    for (const v of ['yesterday', '2025-01-15', '2025-01-15T00:00:00']) {
      date.validFrom = v;
      expect(status(date, 'dateOfIssuing')).toBe('invalid');
    }
    date.validFrom = '2025-01-15T00:00:00+01:00';
    expect(status(date, 'dateOfIssuing')).toBe('present');
  });
});
