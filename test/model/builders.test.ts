/**
 * Builder behaviour: required fields (at run time, taken from the official schemas' `required`
 * lists), wrong kinds, dates, contexts, types, ids, VC 1.1 vs 2.0, extension properties, and
 * that input is never changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AchievementInput,
  createAchievement,
  createAchievementCredential,
  createAchievementSubject,
  createAddress,
  createAlignment,
  createCriteria,
  createEndorsementCredential,
  createEndorsementSubject,
  createEvidence,
  createGeoCoordinates,
  createIdentifierEntry,
  createIdentityObject,
  createImage,
  createOpenBadgeCredential,
  createProfile,
  createRelated,
  createResult,
  createResultDescription,
  createRubricCriterionLevel,
  type ModelTypeError,
} from '../../src/model/index.js';
import { deepFreeze, HAVE_OB3, type Json, readShared, SKIP_NOTE } from './helpers.js';

const NOW = new Date('2024-05-01T12:34:56.789Z');
const ACHIEVEMENT: AchievementInput = {
  id: 'https://example.com/achievements/teamwork',
  name: 'Teamwork',
  description: 'Collaborates within a group.',
  criteria: { narrative: 'Nominated by peers.' },
};
const SUBJECT = { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', achievement: ACHIEVEMENT };
const CREDENTIAL = {
  id: 'urn:uuid:2d0b6a0e-5d64-4d4b-9a57-6f1d2b0a1f11',
  issuer: { id: 'https://example.com/issuers/1', name: 'Example Corp' },
  validFrom: '2024-01-01T00:00:00Z',
  credentialSubject: SUBJECT,
};
const ENDORSEMENT = {
  id: 'urn:uuid:9c2f0b4a-1b77-4f0e-8d43-3c6a1d7e2b90',
  name: 'Endorsement',
  issuer: 'https://example.org/endorsers/1',
  validFrom: '2024-01-01T00:00:00Z',
  credentialSubject: { id: 'https://example.com/issuers/1' },
};

/** Run `fn` and return the TypeError it throws (failing the test when it throws nothing). */
function typeError(fn: () => unknown): ModelTypeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return e as ModelTypeError;
  }
  throw new Error('expected a TypeError, nothing was thrown');
}

const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// biome-ignore lint/suspicious/noExplicitAny: builders called with deliberately wrong input
type AnyBuilder = (input: any, options?: any) => unknown;

/** Each builder with a valid input and the model class the official schemas name it by. */
const BUILDERS: Array<[string, AnyBuilder, Record<string, unknown>, string]> = [
  ['createAchievement', createAchievement, { ...ACHIEVEMENT }, 'Achievement'],
  [
    'createAlignment',
    createAlignment,
    { targetName: 'T', targetUrl: 'https://example.com/t' },
    'Alignment',
  ],
  ['createCriteria', createCriteria, { narrative: 'x' }, 'Criteria'],
  [
    'createResultDescription',
    createResultDescription,
    { id: 'urn:uuid:1', name: 'Grade', resultType: 'LetterGrade' },
    'ResultDescription',
  ],
  [
    'createRubricCriterionLevel',
    createRubricCriterionLevel,
    { id: 'urn:uuid:2', name: 'Mastery' },
    'RubricCriterionLevel',
  ],
  ['createRelated', createRelated, { id: 'https://example.com/achievements/2' }, 'Related'],
  ['createImage', createImage, { id: 'https://example.com/i.png' }, 'Image'],
  [
    'createIdentifierEntry',
    createIdentifierEntry,
    { identifier: '1', identifierType: 'sourcedId' },
    'IdentifierEntry',
  ],
  ['createProfile', createProfile, { id: 'https://example.com/p' }, 'Profile'],
  ['createAddress', createAddress, { addressLocality: 'Austin' }, 'Address'],
  ['createGeoCoordinates', createGeoCoordinates, { latitude: 1, longitude: 2 }, 'GeoCoordinates'],
  ['createAchievementSubject', createAchievementSubject, { ...SUBJECT }, 'AchievementSubject'],
  ['createResult', createResult, { value: 'A' }, 'Result'],
  ['createEvidence', createEvidence, { name: 'E' }, 'Evidence'],
  [
    'createEndorsementSubject',
    createEndorsementSubject,
    { id: 'https://example.com/x' },
    'EndorsementSubject',
  ],
  [
    'createAchievementCredential',
    createAchievementCredential,
    { ...CREDENTIAL },
    'AchievementCredential',
  ],
  [
    'createEndorsementCredential',
    createEndorsementCredential,
    { ...ENDORSEMENT },
    'EndorsementCredential',
  ],
];

/** What a builder supplies itself when the caller leaves it out. */
const SUPPLIED = new Set(['@context', 'type']);
const GENERATED_ID = new Set([
  'Achievement',
  'ResultDescription',
  'RubricCriterionLevel',
  'AchievementCredential',
  'EndorsementCredential',
]);

function schemaDefs(): Record<string, Json> {
  const cred = readShared('schemas/2024-vcdm2/ob_v3p0_achievementcredential_schema.json') as Json;
  const endorsement = readShared(
    'schemas/2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_endorsementcredential-jsonschema1.json',
  ) as Json;
  return { ...cred.$defs, AchievementCredential: cred, EndorsementCredential: endorsement };
}

describe('every builder', () => {
  it.each(BUILDERS)('%s builds its valid input without changing it', (_name, build, input) => {
    const frozen = deepFreeze(structuredClone(input));
    const out = build(frozen, { now: NOW }) as Json;
    expect(frozen).toEqual(input);
    for (const [k, v] of Object.entries(input)) {
      if (k === 'issuer' || k === 'credentialSubject' || k === 'achievement') continue;
      expect(out[k]).toEqual(v);
    }
  });

  describe.skipIf(!HAVE_OB3)(`required fields come from the official schemas${SKIP_NOTE}`, () => {
    it.each(BUILDERS)(
      '%s: each required field, when missing, is a TypeError naming it',
      (name, build, input, cls) => {
        const required: string[] = schemaDefs()[cls]?.required ?? [];
        const callerRequired = required.filter(
          (k) => !SUPPLIED.has(k) && !(k === 'id' && GENERATED_ID.has(cls)) && k !== 'validFrom',
        );
        for (const key of callerRequired) {
          const err = typeError(() => build({ ...input, [key]: undefined }));
          expect(err.message.indexOf(`${name}: "${key}" is required (expected `), err.message).toBe(
            0,
          );
          expect(err.code).toBe('ERR_MODEL_REQUIRED');
          expect(err.path).toBe(key);
          expect(err.message).toMatch(/found undefined\)$|found neither\)$/);
        }
        // And what the builder supplies is really there.
        const out = build(input, { now: NOW }) as Json;
        for (const key of required) expect(out[key], `${name} output.${key}`).toBeDefined();
      },
    );
  });

  it.each(BUILDERS)('%s: a non-object input is a TypeError', (name, build) => {
    // An Image may be given as its URI: a string is checked as one.
    const bad = name === 'createImage' ? [undefined, null, 42, []] : [undefined, null, 'x', 42, []];
    for (const value of [...bad, new Date()]) {
      const err = typeError(() => build(value));
      expect(err.message).toContain(`${name}: the input must be`);
    }
    if (name === 'createImage')
      expect(typeError(() => build('x')).message).toBe(
        'createImage: "id" is not a valid URI (expected an absolute URI string, found "x")',
      );
  });

  it.each(BUILDERS)('%s: bad options are a TypeError', (_name, build, input) => {
    typeError(() => build(input, 'now'));
    typeError(() => build(input, { now: 'yesterday' }));
  });
});

describe('required fields, nested', () => {
  it('names the full path of a missing nested field', () => {
    const err = typeError(() =>
      createAchievementCredential({
        ...CREDENTIAL,
        credentialSubject: { ...SUBJECT, achievement: { ...ACHIEVEMENT, name: undefined } },
      } as Json),
    );
    expect(err.message).toBe(
      'createAchievementCredential: "credentialSubject.achievement.name" is required (expected a non-empty string, found undefined)',
    );
    expect(err.path).toBe('credentialSubject.achievement.name');
  });

  it('names array items by index', () => {
    const err = typeError(() =>
      createAchievement({
        ...ACHIEVEMENT,
        alignment: [{ targetName: 'x', targetUrl: 'https://e.x' }, { targetName: 'y' }],
      } as Json),
    );
    expect(err.message).toBe(
      'createAchievement: "alignment[1].targetUrl" is required (expected an absolute URL string, found undefined)',
    );
  });

  it('an AchievementSubject needs an id or at least one identifier', () => {
    const err = typeError(() => createAchievementSubject({ achievement: ACHIEVEMENT } as Json));
    expect(err.message).toContain('"id" is required when there is no "identifier"');
    typeError(() => createAchievementSubject({ achievement: ACHIEVEMENT, identifier: [] } as Json));
    const identifier = createIdentityObject({
      identity: 'a@example.com',
      identityType: 'emailAddress',
      salt: 's',
    });
    const ok = createAchievementSubject({ achievement: ACHIEVEMENT, identifier: [identifier] });
    expect(ok.identifier).toEqual([identifier]);
    expect(ok.id).toBeUndefined();
  });

  it('an empty required string is refused', () => {
    const err = typeError(() => createAchievement({ ...ACHIEVEMENT, name: '' }));
    expect(err.message).toBe(
      'createAchievement: "name" is invalid (expected a non-empty string, found an empty string)',
    );
  });
});

describe('wrong kinds', () => {
  const cases: Array<[string, () => unknown, string]> = [
    [
      'string as number',
      () => createAchievement({ ...ACHIEVEMENT, name: 42 } as Json),
      '"name" is invalid (expected a non-empty string, found number 42)',
    ],
    [
      'number as string',
      () => createAchievement({ ...ACHIEVEMENT, creditsAvailable: '3' } as Json),
      '"creditsAvailable" is invalid (expected a finite number, found "3")',
    ],
    [
      'single value for an array',
      () => createAchievement({ ...ACHIEVEMENT, tag: 'x' } as Json),
      '"tag" is invalid (expected an array of non-empty string, found "x")',
    ],
    [
      'object for a string',
      () => createAchievement({ ...ACHIEVEMENT, description: {} } as Json),
      '"description" is invalid (expected a non-empty string, found an object)',
    ],
    [
      'enum term',
      () => createResult({ status: 'Done' } as Json),
      '"status" is invalid (expected one of the ResultStatusType terms, found "Done")',
    ],
    [
      'ext: only for extensible enums',
      () => createResult({ status: 'ext:Done' } as Json),
      '"status" is invalid',
    ],
    [
      'relative URI',
      () => createAchievement({ ...ACHIEVEMENT, id: 'teamwork' }),
      '"id" is not a valid URI (expected an absolute URI string, found "teamwork")',
    ],
    [
      'issuer number',
      () => createAchievementCredential({ ...CREDENTIAL, issuer: 7 } as Json),
      '"issuer" is invalid (expected a URI string or a Profile object, found number 7)',
    ],
    [
      'type number',
      () => createAchievement({ ...ACHIEVEMENT, type: 7 } as Json),
      '"type" is invalid (expected a string or an array of strings, found number 7)',
    ],
    [
      'Image type',
      () => createImage({ id: 'https://e.x/i.png', type: ['Image'] } as Json),
      '"type" is invalid (expected "Image", found ["Image"])',
    ],
    [
      'Image unknown property',
      () => createImage({ id: 'https://e.x/i.png', alt: 'x' } as Json),
      '"alt" is not a property of Image',
    ],
    [
      'IdentityObject unknown property',
      () =>
        createAchievementSubject({
          ...SUBJECT,
          identifier: [{ hashed: false, identityHash: 'a', identityType: 'emailAddress', note: 1 }],
        } as Json),
      '"identifier[0].note" is not a property of IdentityObject',
    ],
    [
      'hashed without a hash',
      () =>
        createAchievementSubject({
          ...SUBJECT,
          identifier: [
            { hashed: true, identityHash: 'a@example.com', identityType: 'emailAddress' },
          ],
        } as Json),
      '"identifier[0].identityHash" is not an IdentityHash',
    ],
    [
      'language code',
      () => createAchievement({ ...ACHIEVEMENT, inLanguage: 'english' }),
      '"inLanguage" is invalid (expected a BCP 47 language code',
    ],
    [
      'compact JWS',
      () => createAchievement({ ...ACHIEVEMENT, endorsementJwt: ['not a jws'] }),
      '"endorsementJwt[0]" is invalid (expected a CompactJws string matching',
    ],
    [
      'embedded endorsement',
      () => createAchievement({ ...ACHIEVEMENT, endorsement: ['x'] } as Json),
      '"endorsement[0]" is invalid (expected an EndorsementCredential object, found "x")',
    ],
    [
      'context entry',
      () => createAchievementCredential({ ...CREDENTIAL, '@context': [42] } as Json),
      '"@context[0]" is invalid',
    ],
    [
      'vc option',
      () => createAchievementCredential(CREDENTIAL, { vc: '2' } as Json),
      "options.vc must be '2.0' or '1.1'",
    ],
    [
      'null value',
      () => createAchievement({ ...ACHIEVEMENT, version: null } as Json),
      '"version" is invalid (expected a string, found null)',
    ],
  ];
  it.each(cases)('%s', (_name, fn, message) => {
    const err = typeError(fn);
    expect(err.message).toContain(message);
    expect(err.code).toMatch(/^ERR_MODEL_/);
  });
});

describe('dates', () => {
  it('a Date is written as YYYY-MM-DDTHH:mm:ssZ (UTC, whole seconds); a valid string is kept as given', () => {
    const c = createAchievementCredential({
      ...CREDENTIAL,
      validFrom: new Date('2024-02-29T23:59:59.999+02:00'),
      validUntil: '2030-01-01T00:00:00.5+01:00',
      awardedDate: new Date(Date.UTC(2023, 11, 31)),
    });
    expect(c.validFrom).toBe('2024-02-29T21:59:59Z');
    expect(c.validUntil).toBe('2030-01-01T00:00:00.5+01:00');
    expect(c.awardedDate).toBe('2023-12-31T00:00:00Z');
    const s = createAchievementSubject({ ...SUBJECT, activityStartDate: new Date(0) });
    expect(s.activityStartDate).toBe('1970-01-01T00:00:00Z');
    const p = createProfile({
      id: 'https://e.x/p',
      dateOfBirth: new Date(Date.UTC(2001, 1, 3, 22)),
    });
    expect(p.dateOfBirth).toBe('2001-02-03');
  });

  it('validFrom defaults to options.now (or the current time)', () => {
    const { validFrom: _, ...rest } = CREDENTIAL;
    expect(createAchievementCredential(rest, { now: NOW }).validFrom).toBe('2024-05-01T12:34:56Z');
    expect(createAchievementCredential(rest, { now: () => NOW }).validFrom).toBe(
      '2024-05-01T12:34:56Z',
    );
    const before = Date.now() - 1000;
    const made = Date.parse(createAchievementCredential(rest).validFrom);
    expect(made).toBeGreaterThanOrEqual(before);
    expect(made).toBeLessThanOrEqual(Date.now());
    const v1 = createAchievementCredential(
      { ...rest, name: 'B', issuer: CREDENTIAL.issuer },
      { vc: '1.1', now: NOW },
    );
    expect(v1.issuanceDate).toBe('2024-05-01T12:34:56Z');
    expect(Object.keys(v1).indexOf('issuanceDate')).toBe(Object.keys(v1).indexOf('issuer') + 1);
  });

  const invalid = [
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:00:00',
    '2024-01-01',
    '2024-01-01 00:00:00Z',
    'yesterday',
    '',
    '2024-01-01T00:00:00+25:00',
  ];
  it.each(invalid)('invalid date-time string %j is a TypeError', (value) => {
    const err = typeError(() => createAchievementCredential({ ...CREDENTIAL, validFrom: value }));
    expect(err.message).toContain(
      '"validFrom" is not a valid date (expected a Date or an ISO 8601 date-time string',
    );
    expect(err.code).toBe('ERR_MODEL_VALUE');
  });

  it('an invalid Date, a date of the wrong kind, and an invalid YYYY-MM-DD are TypeErrors', () => {
    expect(
      typeError(() => createAchievementCredential({ ...CREDENTIAL, validFrom: new Date('x') }))
        .message,
    ).toContain('found an invalid Date');
    expect(
      typeError(() =>
        createAchievementCredential({ ...CREDENTIAL, validFrom: 1700000000000 } as Json),
      ).code,
    ).toBe('ERR_MODEL_TYPE');
    expect(
      typeError(() => createProfile({ id: 'https://e.x/p', dateOfBirth: '2001-02-30' })).message,
    ).toContain('"dateOfBirth" is not a valid date');
    typeError(() =>
      createAchievementCredential({ ...CREDENTIAL, validFrom: new Date(Date.UTC(10000, 0, 1)) }),
    );
    const { validFrom: _, ...rest } = CREDENTIAL;
    expect(
      typeError(() => createAchievementCredential(rest, { now: () => new Date('x') })).message,
    ).toBe(
      'createAchievementCredential: options.now must give a valid Date (found an invalid Date)',
    );
  });

  it('validUntil before validFrom is a TypeError', () => {
    const err = typeError(() =>
      createAchievementCredential({ ...CREDENTIAL, validUntil: '2023-12-31T23:59:59Z' }),
    );
    expect(err.message).toContain('"validUntil" is before the start of validity');
    const err1 = typeError(() =>
      createAchievementCredential(
        { ...CREDENTIAL, name: 'B', validUntil: '2023-12-31T23:59:59Z' },
        { vc: '1.1' },
      ),
    );
    expect(err1.message).toContain('"validUntil" is before the start of validity');
  });

  it('property: any valid Date becomes a string that parses back to the same second', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const c = createAchievementCredential({
            ...CREDENTIAL,
            validFrom: d,
            validUntil: undefined,
          });
          expect(c.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          expect(Date.parse(c.validFrom)).toBe(Math.floor(d.getTime() / 1000) * 1000);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('VC 1.1 and 2.0 shapes', () => {
  it('VC 2.0 (default): validFrom/validUntil and the v2 context', () => {
    const c = createAchievementCredential({ ...CREDENTIAL, validUntil: '2030-01-01T00:00:00Z' });
    expect(c['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(c.validFrom).toBe('2024-01-01T00:00:00Z');
    expect(c.validUntil).toBe('2030-01-01T00:00:00Z');
    expect(c).not.toHaveProperty('issuanceDate');
    expect(createAchievementCredential(CREDENTIAL, { vc: '2.0' })).toEqual(
      createAchievementCredential(CREDENTIAL),
    );
  });

  it('VC 1.1: validFrom/validUntil are written as issuanceDate/expirationDate, the v1 context first', () => {
    const c = createAchievementCredential(
      { ...CREDENTIAL, name: 'Badge', validUntil: '2030-01-01T00:00:00Z' },
      { vc: '1.1' },
    );
    expect(c['@context']).toEqual([
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(c.issuanceDate).toBe('2024-01-01T00:00:00Z');
    expect(c.expirationDate).toBe('2030-01-01T00:00:00Z');
    expect(c).not.toHaveProperty('validFrom');
    expect(c).not.toHaveProperty('validUntil');
    // The same credential from the VC 1.1 names.
    const { validFrom: _, ...rest } = CREDENTIAL;
    const same = createAchievementCredential(
      {
        ...rest,
        name: 'Badge',
        issuanceDate: '2024-01-01T00:00:00Z',
        expirationDate: '2030-01-01T00:00:00Z',
      },
      { vc: '1.1' },
    );
    expect(same).toEqual(c);
  });

  it('mixing the two namings is a TypeError; VC 1.1 names without vc 1.1 too', () => {
    const { validFrom: _, ...rest } = CREDENTIAL;
    const mixed = typeError(() =>
      createAchievementCredential(
        {
          ...rest,
          name: 'B',
          validFrom: '2024-01-01T00:00:00Z',
          expirationDate: '2030-01-01T00:00:00Z',
        } as Json,
        { vc: '1.1' },
      ),
    );
    expect(mixed.code).toBe('ERR_MODEL_CONFLICT');
    expect(mixed.message).toContain('"validFrom" cannot be mixed with "expirationDate"');
    const v1in2 = typeError(() =>
      createAchievementCredential({ ...rest, issuanceDate: '2024-01-01T00:00:00Z' } as Json),
    );
    expect(v1in2.message).toContain('"issuanceDate" is a VC 1.1 property');
    expect(v1in2.code).toBe('ERR_MODEL_CONFLICT');
  });

  it('VC 1.1 requires name and an issuer object (the 1.1 model has no issuer IRI)', () => {
    const noName = typeError(() => createAchievementCredential(CREDENTIAL as Json, { vc: '1.1' }));
    expect(noName.message).toBe(
      'createAchievementCredential: "name" is required (expected a non-empty string, found undefined)',
    );
    const iri = typeError(() =>
      createAchievementCredential({ ...CREDENTIAL, name: 'B', issuer: 'https://e.x/i' } as Json, {
        vc: '1.1',
      }),
    );
    expect(iri.message).toContain('"issuer" is invalid (expected a Profile object');
    expect(createAchievementCredential({ ...CREDENTIAL, issuer: 'https://e.x/i' }).issuer).toBe(
      'https://e.x/i',
    );
  });

  it('a context of the other VC version is a TypeError', () => {
    const err = typeError(() =>
      createAchievementCredential({
        ...CREDENTIAL,
        '@context': ['https://www.w3.org/2018/credentials/v1'],
      }),
    );
    expect(err.code).toBe('ERR_MODEL_CONFLICT');
    expect(err.message).toContain('"@context[0]" does not belong in a VC 2.0 credential');
  });

  it('EndorsementCredential in both shapes', () => {
    const v2 = createEndorsementCredential(ENDORSEMENT);
    expect(v2.type).toEqual(['VerifiableCredential', 'EndorsementCredential']);
    expect(v2.credentialSubject.type).toEqual(['EndorsementSubject']);
    const v1 = createEndorsementCredential(
      { ...ENDORSEMENT, issuer: { id: ENDORSEMENT.issuer } },
      { vc: '1.1' },
    );
    expect(v1.issuanceDate).toBe(ENDORSEMENT.validFrom);
    expect(v1['@context'][0]).toBe('https://www.w3.org/2018/credentials/v1');
  });
});

describe('contexts, types and ids', () => {
  it("contexts: required two first, then the caller's, no duplicates; a given OB 3.0 version is kept", () => {
    const ext = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
    const local = { '@vocab': 'https://example.com/vocab#' };
    const c = createAchievementCredential({
      ...CREDENTIAL,
      '@context': [ext, 'https://www.w3.org/ns/credentials/v2', local, ext],
    });
    expect(c['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ext,
      local,
    ]);
    const older = createAchievementCredential({
      ...CREDENTIAL,
      '@context': 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
    });
    expect(older['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
    ]);
  });

  it("types: required value(s) first, caller's kept in order, no duplicates", () => {
    expect(
      createAchievement({ ...ACHIEVEMENT, type: ['ext:Micro', 'Achievement', 'ext:Micro'] }).type,
    ).toEqual(['Achievement', 'ext:Micro']);
    expect(createAchievement({ ...ACHIEVEMENT, type: 'ext:Micro' }).type).toEqual([
      'Achievement',
      'ext:Micro',
    ]);
    expect(
      createAchievementCredential({ ...CREDENTIAL, type: ['AchievementCredential'] }).type,
    ).toEqual(['VerifiableCredential', 'AchievementCredential']);
    expect(
      createAchievementCredential({
        ...CREDENTIAL,
        type: ['ext:X', 'OpenBadgeCredential', 'AchievementCredential'],
      }).type,
    ).toEqual(['VerifiableCredential', 'OpenBadgeCredential', 'ext:X', 'AchievementCredential']);
    expect(createProfile({ id: 'https://e.x/p', type: ['Person'] }).type).toEqual([
      'Profile',
      'Person',
    ]);
    expect(createImage('https://e.x/i.png')).toEqual({ id: 'https://e.x/i.png', type: 'Image' });
    expect(createIdentifierEntry({ identifier: '1', identifierType: 'ext:staffId' }).type).toBe(
      'IdentifierEntry',
    );
    expect(createGeoCoordinates({ latitude: 0, longitude: 0 }).type).toBe('GeoCoordinates');
    expect(createAddress({}).type).toEqual(['Address']);
    expect(createEvidence({}).type).toEqual(['Evidence']);
    expect(createRelated({ id: 'https://e.x/a' }).type).toEqual(['Related']);
    expect(createResult({}).type).toEqual(['Result']);
    expect(createRubricCriterionLevel({ name: 'L' }).type).toEqual(['RubricCriterionLevel']);
    expect(createResultDescription({ name: 'R', resultType: 'ext:Stars' }).type).toEqual([
      'ResultDescription',
    ]);
    expect(createAlignment({ targetName: 'T', targetUrl: 'https://e.x/t' }).type).toEqual([
      'Alignment',
    ]);
    expect(createEndorsementSubject({ id: 'https://e.x/x' }).type).toEqual(['EndorsementSubject']);
    expect(createAchievementSubject(SUBJECT).type).toEqual(['AchievementSubject']);
    expect(createCriteria({ id: 'https://e.x/c' })).toEqual({ id: 'https://e.x/c' });
  });

  it('ids: a fresh urn:uuid where the builder creates the thing, never where it names an existing one', () => {
    const { id: _a, ...achievement } = ACHIEVEMENT;
    const a1 = createAchievement(achievement);
    const a2 = createAchievement(achievement);
    expect(a1.id).toMatch(UUID);
    expect(a2.id).not.toBe(a1.id);
    const { id: _c, ...credential } = CREDENTIAL;
    expect(
      createAchievementCredential({ ...credential, credentialSubject: { ...SUBJECT, achievement } })
        .id,
    ).toMatch(UUID);
    const { id: _e, ...endorsement } = ENDORSEMENT;
    expect(createEndorsementCredential(endorsement).id).toMatch(UUID);
    expect(createResultDescription({ name: 'R', resultType: 'Status' }).id).toMatch(UUID);
    expect(createRubricCriterionLevel({ name: 'L' }).id).toMatch(UUID);
    expect(createEvidence({}).id).toBeUndefined();
    expect(typeError(() => createProfile({} as Json)).message).toBe(
      'createProfile: "id" is required (expected an absolute URI string, found undefined)',
    );
    expect(typeError(() => createImage({} as Json)).path).toBe('id');
    expect(typeError(() => createRelated({} as Json)).path).toBe('id');
    expect(typeError(() => createEndorsementSubject({} as Json)).path).toBe('id');
    expect(
      typeError(() => createAchievementCredential({ ...CREDENTIAL, issuer: {} } as Json)).path,
    ).toBe('issuer.id');
  });
});

describe('nothing the caller gave is dropped or changed', () => {
  it('extension properties are kept as given, at every level, and input is not mutated', () => {
    const ext = { nested: [1, { deep: true }] };
    const input = deepFreeze({
      ...CREDENTIAL,
      'ext:topLevel': ext,
      credentialSubject: {
        ...SUBJECT,
        'https://example.com/vocab#grade': 'A',
        achievement: { ...ACHIEVEMENT, extra: 1, criteria: { narrative: 'x', 'ext:hours': 40 } },
      },
      issuer: { ...CREDENTIAL.issuer, 'ext:accreditation': 'ABC' },
    });
    const copy = structuredClone(input);
    const c = createAchievementCredential(input) as Json;
    expect(input).toEqual(copy);
    expect(c['ext:topLevel']).toBe(ext);
    expect(c.credentialSubject['https://example.com/vocab#grade']).toBe('A');
    expect(c.credentialSubject.achievement.extra).toBe(1);
    expect(c.credentialSubject.achievement.criteria['ext:hours']).toBe(40);
    expect(c.issuer['ext:accreditation']).toBe('ABC');
    expect(c.issuer.name).toBe('Example Corp');
  });

  it('embedded endorsements are kept exactly (same object), even when they lack what a builder would add', () => {
    const signed = deepFreeze({
      type: ['VerifiableCredential', 'EndorsementCredential'],
      proof: [{ type: 'DataIntegrityProof' }],
    });
    const a = createAchievement({ ...ACHIEVEMENT, endorsement: [signed as Json] });
    expect(a.endorsement?.[0]).toBe(signed);
  });

  it('builders are idempotent: building a built object gives the same object', () => {
    const c = createAchievementCredential({ ...CREDENTIAL, evidence: [{ name: 'E' }] });
    expect(createAchievementCredential(c as Json)).toEqual(c);
    const e = createEndorsementCredential(ENDORSEMENT);
    expect(createEndorsementCredential(e as Json)).toEqual(e);
  });

  it('a "__proto__" key from parsed JSON stays an own property, and the prototype is untouched', () => {
    const parsed = JSON.parse('{"name":"n","description":"d","criteria":{},"__proto__":{"x":1}}');
    const a = createAchievement(parsed) as Json;
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(a, '__proto__')?.value).toEqual({ x: 1 });
    expect(JSON.stringify(a)).toContain('"__proto__":{"x":1}');
    expect(({} as Json).x).toBeUndefined();
  });

  it('a shared (not circular) object may appear twice; a cycle or absurd depth is a TypeError', () => {
    const image = { id: 'https://e.x/i.png' };
    const a = createAchievement({ ...ACHIEVEMENT, image, creator: { id: 'https://e.x/c', image } });
    expect(a.image).toEqual(a.creator?.image);
    const loop: Json = { id: 'https://e.x/p' };
    loop.parentOrg = loop;
    expect(typeError(() => createProfile(loop)).message).toBe(
      'createProfile: "parentOrg" is circular (expected a tree of objects, found an object that contains itself)',
    );
    let deep: Json = { id: 'https://e.x/0' };
    for (let i = 1; i < 100; i++) deep = { id: `https://e.x/${i}`, parentOrg: deep };
    expect(typeError(() => createProfile(deep)).message).toContain('nests too deeply');
  });

  it('createOpenBadgeCredential is createAchievementCredential', () => {
    expect(createOpenBadgeCredential).toBe(createAchievementCredential);
  });
});
