/**
 * Builder output is valid Open Badges 3.0. Oracle: the official JSON Schemas (2024 generation for
 * VC-DM 2.0, 2023 generation for VC-DM 1.1) compiled with Ajv2019 and ajv-formats, on credentials
 * built from generated inputs (fast-check) and from minimal inputs that lean on every default.
 */
import Ajv2019Module from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_TYPES,
  ALIGNMENT_TARGET_TYPES,
  createAchievementCredential,
  createEndorsementCredential,
  createIdentityObject,
  createProfile,
  RESULT_STATUS_TYPES,
  RESULT_TYPES,
} from '../../src/model/index.js';
import { HAVE_OB3, type Json, readShared, SKIP_NOTE } from './helpers.js';

type Check = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const unwrap = <T>(m: unknown): T => {
  let v = m as { default?: unknown };
  while (typeof v !== 'function' && v && 'default' in v) v = v.default as { default?: unknown };
  return v as T;
};
const Ajv2019 = unwrap<new (o: object) => { compile(s: object): Check }>(Ajv2019Module);
const addFormats = unwrap<(ajv: unknown) => void>(addFormatsModule);

function official(rel: string): Check {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(readShared(rel));
}

function expectValid(check: Check, doc: unknown): void {
  const ok = check(doc);
  expect(check.errors ?? [], JSON.stringify(doc)).toEqual([]);
  expect(ok).toBe(true);
}

const text = fc.string({ minLength: 1, maxLength: 20 });
const date = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const url = fc.webUrl();
const ext = fc.stringMatching(/^ext:[A-Za-z0-9]{1,10}$/);

const alignment = fc.record(
  {
    targetName: text,
    targetUrl: url,
    targetType: fc.oneof(fc.constantFrom(...ALIGNMENT_TARGET_TYPES), ext),
    targetCode: text,
  },
  { requiredKeys: ['targetName', 'targetUrl'] },
);

const achievement = fc.record(
  {
    name: text,
    description: text,
    criteria: fc.record({ narrative: text, id: url }, { requiredKeys: [] }),
    achievementType: fc.oneof(fc.constantFrom(...ACHIEVEMENT_TYPES), ext),
    alignment: fc.array(alignment, { maxLength: 2 }),
    image: fc.oneof(url, fc.record({ id: url, caption: text }, { requiredKeys: ['id'] })),
    tag: fc.array(text, { maxLength: 3 }),
    creditsAvailable: fc.double({ min: 0, max: 100, noNaN: true }),
    inLanguage: fc.constantFrom('en', 'en-US', 'fr', 'zh-Hant-TW'),
    resultDescription: fc.array(
      fc.record({ name: text, resultType: fc.oneof(fc.constantFrom(...RESULT_TYPES), ext) }),
      { maxLength: 2 },
    ),
    type: fc.array(ext, { maxLength: 2 }),
    'ext:extra': fc.jsonValue(),
  },
  { requiredKeys: ['name', 'description', 'criteria'] },
);

const subject = fc.record(
  {
    id: fc.option(fc.constant('did:example:ebfeb1f712ebc6f1c276e12ec21'), { nil: undefined }),
    identity: fc.emailAddress(),
    achievement,
    activityStartDate: date,
    result: fc.array(
      fc.record(
        { value: text, status: fc.constantFrom(...RESULT_STATUS_TYPES) },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
    narrative: text,
  },
  { requiredKeys: ['identity', 'achievement'] },
);

const credentialInput = fc.record(
  {
    issuer: fc.oneof(
      url,
      fc.record({ id: url, name: text, email: fc.emailAddress() }, { requiredKeys: ['id'] }),
    ),
    validFrom: date,
    validUntil: fc.constant(new Date('2200-01-01T00:00:00Z')),
    name: text,
    subject,
    evidence: fc.array(fc.record({ id: url, name: text, narrative: text }, { requiredKeys: [] }), {
      maxLength: 2,
    }),
    awardedDate: date,
  },
  { requiredKeys: ['issuer', 'subject', 'name'] },
);

function toInput(g: Json): Json {
  const { subject: s, ...rest } = g;
  const { identity, id, ...subjectRest } = s;
  const identifier = [createIdentityObject({ identity, identityType: 'emailAddress' })];
  return {
    ...rest,
    credentialSubject: { ...subjectRest, ...(id ? { id } : {}), identifier },
  };
}

describe.skipIf(!HAVE_OB3)(`builder output passes the official schemas${SKIP_NOTE}`, () => {
  const ach2024 = HAVE_OB3
    ? official('schemas/2024-vcdm2/ob_v3p0_achievementcredential_schema.json')
    : () => false;
  const end2024 = HAVE_OB3
    ? official(
        'schemas/2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_endorsementcredential-jsonschema1.json',
      )
    : () => false;
  const profile2024 = HAVE_OB3
    ? official('schemas/2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_profile-jsonschema1.json')
    : () => false;
  const ach2023 = HAVE_OB3
    ? official('schemas/2023-vcdm1.1/ob_v3p0_achievementcredential_schema.json')
    : () => false;
  const end2023 = HAVE_OB3
    ? official('schemas/2023-vcdm1.1/ob_v3p0_endorsementcredential_schema.json')
    : () => false;
  const statuses2023: string[] = HAVE_OB3
    ? (readShared('schemas/2023-vcdm1.1/ob_v3p0_achievementcredential_schema.json') as Json).$defs
        .Result.properties.status.enum
    : [];

  it('minimal inputs, every default taken (ids, types, contexts, validFrom, Image from a URI)', () => {
    const minimal = {
      issuer: 'https://example.com/issuers/1',
      credentialSubject: {
        identifier: [
          createIdentityObject({ identity: 'a@example.com', identityType: 'emailAddress' }),
        ],
        achievement: {
          name: 'A',
          description: 'D',
          criteria: {},
          image: 'https://example.com/a.png',
        },
      },
    };
    expectValid(ach2024, createAchievementCredential(minimal));
    expectValid(
      end2024,
      createEndorsementCredential({
        name: 'E',
        issuer: 'https://example.com/e',
        credentialSubject: { id: 'https://example.com/issuers/1' },
      }),
    );
    expectValid(
      profile2024,
      createProfile({ id: 'https://example.com/p', dateOfBirth: new Date(0) }),
    );
  });

  it('a credential built from a generated input passes the 2024 schema', () => {
    fc.assert(
      fc.property(credentialInput, (g) => {
        expectValid(ach2024, createAchievementCredential(toInput(g)));
      }),
      { numRuns: 150 },
    );
  });

  it('the same input with { vc: "1.1" } passes the 2023 (VC-DM 1.1) schema and fails the 2024 one', () => {
    fc.assert(
      fc.property(credentialInput, (g) => {
        const input = toInput(g);
        if (typeof input.issuer === 'string') input.issuer = { id: input.issuer };
        // The 2023 schemas predate two later model changes: `@language` became `inLanguage`, and
        // ResultStatusType gained `Provisional`. Keep to what both generations share.
        delete input.credentialSubject.achievement.inLanguage;
        input.credentialSubject.result = input.credentialSubject.result?.filter(
          (r: Json) => r.status === undefined || statuses2023.includes(r.status),
        );
        const v1 = createAchievementCredential(input, { vc: '1.1' });
        expectValid(ach2023, v1);
        expect(ach2024(v1)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('an EndorsementCredential in both shapes', () => {
    const input = {
      name: 'E',
      issuer: { id: 'https://example.com/e', name: 'Endorser' },
      validFrom: new Date('2020-01-01T00:00:00Z'),
      credentialSubject: { id: 'https://example.com/issuers/1', endorsementComment: 'Good' },
    };
    expectValid(end2024, createEndorsementCredential(input));
    expectValid(end2023, createEndorsementCredential(input, { vc: '1.1' }));
  });
});
