/**
 * The EU micro-credential profile: the builder preset, checkEuMicroCredential for each Annex I
 * element present and missing, the extension context (bundled; terms expand under its
 * vocabulary, per jsonld.js), signing and verifying with and without the verify() profile option.
 */
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import {
  checkEuMicroCredential,
  createEuMicroCredential,
  EU_ELEMENTS,
  EU_MICROCREDENTIAL_CONTEXT,
  type EuElement,
  type EuMicroCredentialInput,
  euMicroCredentialProfile,
} from '../../src/model/index.js';
import { signCredential } from '../../src/proof/index.js';
import { validateCredential } from '../../src/schema/index.js';
import { verify } from '../../src/verify/index.js';
import { referenceLoader, referenceVerify } from '../proof/helpers.js';
import { codes, entries, type Loose } from '../verify/helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const ESCO = 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d';

function input(issuer = 'https://uni.example/issuers/1'): EuMicroCredentialInput {
  return {
    issuer: {
      id: issuer,
      name: 'Example University',
      address: { addressCountryCode: 'NL', addressRegion: 'Utrecht' },
    },
    learner: { id: 'did:example:ada' },
    validFrom: '2025-01-15T00:00:00Z',
    title: 'SQL for Data Analysis',
    description: 'Querying relational data with SQL.',
    learningOutcomes: [{ name: 'use SQL', url: ESCO, framework: 'ESCO' }],
    workload: { ects: 3, hours: 80 },
    level: { eqf: 6 },
    typeOfAssessment: 'testing',
    formOfParticipation: 'online',
    qualityAssurance: {
      name: 'NVAO institutional accreditation',
      url: 'https://www.nvao.net/',
      framework: 'ESG',
    },
    prerequisites: 'Basic spreadsheet skills.',
    supervision: 'supervised-with-identity-verification',
    grade: [{ value: '8' }],
    integration: 'stackable',
    stacksInto: [
      { name: 'Data Analyst Certificate', url: 'https://uni.example/achievements/data-analyst' },
    ],
  };
}

/** Where ob3kit's mapping puts each element, to remove it from a complete credential. */
const REMOVE: Record<EuElement, (c: Loose) => void> = {
  learner: (c) => delete c.credentialSubject.id,
  title: (c) => delete c.credentialSubject.achievement.name,
  country: (c) => delete c.issuer.address,
  awardingBody: (c) => delete c.issuer.name,
  dateOfIssuing: (c) => delete c.validFrom,
  learningOutcomes: (c) => {
    c.credentialSubject.achievement.alignment = c.credentialSubject.achievement.alignment.filter(
      (a: Loose) => a.targetType !== 'ext:LearningOutcome',
    );
  },
  workload: (c) => {
    delete c.credentialSubject.achievement.creditsAvailable;
    delete c.credentialSubject.achievement.volumeOfLearning;
  },
  level: (c) => {
    c.credentialSubject.achievement.alignment = c.credentialSubject.achievement.alignment.filter(
      (a: Loose) => a.targetType !== 'ext:EQFLevel',
    );
  },
  typeOfAssessment: (c) => delete c.credentialSubject.achievement.typeOfAssessment,
  formOfParticipation: (c) => delete c.credentialSubject.achievement.formOfParticipation,
  qualityAssurance: (c) => {
    c.credentialSubject.achievement.alignment = c.credentialSubject.achievement.alignment.filter(
      (a: Loose) => a.targetType !== 'ext:QualityAssurance',
    );
  },
  prerequisites: (c) => delete c.credentialSubject.achievement.entryRequirement,
  supervision: (c) => delete c.credentialSubject.achievement.supervisionAndIdentityVerification,
  grade: (c) => delete c.credentialSubject.result,
  integration: (c) => {
    delete c.credentialSubject.achievement.integration;
    c.credentialSubject.achievement.alignment = c.credentialSubject.achievement.alignment.filter(
      (a: Loose) => a.targetType !== 'ceterms:Credential',
    );
  },
  furtherInformation: (c) => delete c.credentialSubject.achievement.description,
};

describe('createEuMicroCredential', () => {
  it('maps every element onto Open Badges 3.0 (core fields first) and passes the check', () => {
    const c = createEuMicroCredential(input()) as Loose;
    expect(c['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      EU_MICROCREDENTIAL_CONTEXT,
    ]);
    const a = c.credentialSubject.achievement;
    expect(a).toMatchObject({
      achievementType: 'MicroCredential',
      name: 'SQL for Data Analysis',
      creditsAvailable: 3,
      volumeOfLearning: 'PT80H',
      typeOfAssessment: 'testing',
      formOfParticipation: 'online',
      entryRequirement: 'Basic spreadsheet skills.',
      supervisionAndIdentityVerification: 'supervised-with-identity-verification',
      integration: 'stackable',
    });
    expect(a.alignment.map((x: Loose) => [x.targetType, x.targetUrl, x.targetCode])).toEqual([
      ['ext:LearningOutcome', ESCO, undefined],
      ['ext:EQFLevel', 'http://data.europa.eu/snb/eqf/6', '6'],
      ['ext:QualityAssurance', 'https://www.nvao.net/', undefined],
      ['ceterms:Credential', 'https://uni.example/achievements/data-analyst', undefined],
    ]);
    const r = checkEuMicroCredential(c);
    expect(r.ok).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.elements.map((e) => e.status)).toEqual(Array(16).fill('present'));
    expect(validateCredential(c)).toMatchObject({ ok: true });
  });

  it('names the missing element by its title in the Recommendation', () => {
    const { qualityAssurance: _q, ...noQa } = input();
    expect(() => createEuMicroCredential(noQa as never)).toThrow(
      /"Type of quality assurance used to underpin the micro-credential" is missing/,
    );
    const { learningOutcomes: _l, ...noOutcomes } = input();
    expect(() => createEuMicroCredential(noOutcomes as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_MODEL_REQUIRED',
        message: expect.stringContaining('"Learning outcomes" is missing'),
      }),
    );
    expect(
      checkEuMicroCredential(
        createEuMicroCredential({
          ...noOutcomes,
          learningOutcomeSummary: 'Writes SQL queries.',
        } as never),
      ).ok,
    ).toBe(true);
    expect(() => createEuMicroCredential({ ...input(), level: { eqf: 9 as never } })).toThrow(
      expect.objectContaining({ code: 'ERR_MODEL_VALUE', path: 'level' }),
    );
    expect(
      (createEuMicroCredential({ ...input(), level: 'not-applicable' }) as Loose).credentialSubject
        .achievement.levelNotApplicable,
    ).toBe(true);
    const badCountry = input();
    badCountry.issuer.address.addressCountryCode = 'Netherlands';
    expect(() => createEuMicroCredential(badCountry)).toThrow(
      /Country\(ies\)\/Region\(s\) of the issuer" is invalid/,
    );
  });
});

describe('checkEuMicroCredential: each element present and missing', () => {
  const full = createEuMicroCredential(input()) as Loose;
  for (const { element, title, mandatory } of EU_ELEMENTS) {
    it(`${element}: "${title}"`, () => {
      const present = checkEuMicroCredential(full).elements.find((e) => e.element === element);
      expect(present?.status).toBe('present');
      const c = structuredClone(full);
      REMOVE[element](c);
      const r = checkEuMicroCredential(c);
      const found = r.elements.find((e) => e.element === element);
      expect(found).toMatchObject({ element, title, mandatory, status: 'missing' });
      expect(found?.message).toBeTruthy();
      // Only that element changed.
      expect(r.elements.filter((e) => e.status !== 'present').map((e) => e.element)).toEqual([
        element,
      ]);
      expect(r.ok).toBe(!mandatory);
      expect(r.missing.map((m) => m.title)).toEqual(mandatory ? [title] : []);
    });
  }

  it('reports values it cannot use as invalid, with the path', () => {
    const c = structuredClone(full);
    c.credentialSubject.achievement.alignment[1].targetCode = '9';
    c.credentialSubject.achievement.supervisionAndIdentityVerification = 'sometimes';
    c.credentialSubject.achievement.volumeOfLearning = 'eighty hours';
    delete c.credentialSubject.achievement.creditsAvailable;
    const r = checkEuMicroCredential(c);
    expect(r.ok).toBe(false);
    expect(
      r.elements.filter((e) => e.status === 'invalid').map((e) => [e.element, e.path]),
    ).toEqual([
      ['workload', '$.credentialSubject.achievement.volumeOfLearning'],
      ['level', '$.credentialSubject.achievement.alignment[1].targetCode'],
      ['supervision', '$.credentialSubject.achievement.supervisionAndIdentityVerification'],
    ]);
    // A value it found is shown as every ob3kit message shows one: briefly, with its type.
    const workload = (credits: unknown, volume: unknown) => {
      const c = structuredClone(full);
      c.credentialSubject.achievement.creditsAvailable = credits;
      c.credentialSubject.achievement.volumeOfLearning = volume;
      return checkEuMicroCredential(c).elements.find((e) => e.element === 'workload')?.message;
    };
    expect(workload({ big: 'x'.repeat(10_000) }, 'PT80H')).toBe(
      'expected a positive number of credits, found an object',
    );
    expect(workload(undefined, 80)).toBe(
      'expected a non-zero ISO 8601 duration such as "PT25H", found number 80',
    );
    expect(checkEuMicroCredential(null).missing).toHaveLength(11);
    expect(
      checkEuMicroCredential({ ...full, issuer: 'https://uni.example/issuers/1' }).missing.map(
        (m) => m.element,
      ),
    ).toEqual(['country', 'awardingBody']);
  });
});

describe('the extension context and verify()', () => {
  it('expands the extension terms under the ob3kit EU vocabulary (jsonld.js, safe mode)', async () => {
    const loader = createDocumentLoader();
    const c = createEuMicroCredential(input());
    const nquads = (await jsonld.toRDF(
      c as object,
      {
        format: 'application/n-quads',
        documentLoader: loader as never,
        safe: true,
      } as never,
    )) as unknown as string;
    for (const term of [
      'typeOfAssessment',
      'formOfParticipation',
      'volumeOfLearning',
      'entryRequirement',
      'integration',
    ]) {
      expect(nquads).toContain(`<https://ob3kit.dev/vocab/eu-microcredential#${term}>`);
    }
    expect(nquads).toContain('"PT80H"^^<http://www.w3.org/2001/XMLSchema#duration>');
  });

  it('signs and verifies offline; the EU check appears only on request', async () => {
    const { did, keyPair, document } = createDidKey(
      await generateKeyPair({ seed: new Uint8Array(32).fill(31) }),
    );
    const signed = await signCredential(createEuMicroCredential(input(did)), { key: keyPair });
    const loader = referenceLoader({ [did]: document });
    expect((await referenceVerify(signed, 'eddsa-rdfc-2022', loader)).verified).toBe(true);
    const plain = await verify(signed, { now: NOW });
    expect(plain.verdict).toBe('valid');
    expect(entries(plain, 'eu_profile')).toEqual([]);
    const asked = await verify(signed, { now: NOW, profiles: [euMicroCredentialProfile] });
    expect(entries(asked, 'eu_profile')).toEqual([
      {
        id: 'eu_profile',
        outcome: 'pass',
        message:
          'All 11 mandatory elements of the EU micro-credential profile are present (and 5 of 5 optional ones)',
        category: 'conformance',
      },
    ]);
    expect(asked.verdict).toBe('valid');
  });

  it('a badge lacking elements gets eu_element_missing warnings naming them (on request)', async () => {
    const { did, keyPair } = createDidKey(
      await generateKeyPair({ seed: new Uint8Array(32).fill(32) }),
    );
    const c = createEuMicroCredential(input(did)) as Loose;
    delete c.credentialSubject.achievement.typeOfAssessment;
    delete c.issuer.address;
    const r = await verify(await signCredential(c, { key: keyPair }), {
      now: NOW,
      profiles: [euMicroCredentialProfile],
    });
    expect(entries(r, 'eu_profile').map((e) => [e.code, e.message?.split(':')[0], e.path])).toEqual(
      [
        [
          'eu_element_missing',
          'Country(ies)/Region(s) of the issuer',
          '$.issuer.address.addressCountryCode',
        ],
        [
          'eu_element_missing',
          'Type of assessment',
          '$.credentialSubject.achievement.typeOfAssessment',
        ],
      ],
    );
    expect(r.verdict).toBe('warning');
    expect(codes(r, 'proof')).toEqual([]);
    await expect(verify(c, { profiles: ['eu-microcredential'] as never })).rejects.toThrow(
      TypeError,
    );
  });
});
