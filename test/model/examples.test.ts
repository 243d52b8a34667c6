/**
 * Every example credential of the Open Badges 3.0 specification (`spec/examples/*.html`, read and
 * parsed at test time) is rebuilt with the builders and compared, exactly, with the official JSON.
 * Ids and dates are passed explicitly, as given in the example, so nothing is ignored; the only
 * thing not produced by a builder is a `proof`, which is attached as given where an example's
 * embedded endorsement carries one (and the unsigned part is compared separately).
 */
import { describe, expect, it } from 'vitest';
import {
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
  createResult,
  createResultDescription,
  createRubricCriterionLevel,
  type EndorsementCredential,
  MODEL,
} from '../../src/model/index.js';
import { exampleNames, HAVE_OB3, type Json, omit, readExample, SKIP_NOTE } from './helpers.js';

const EXAMPLES = [
  'achievementAlignmentCase',
  'achievementAlignmentCe',
  'basicOpenBadgeCredential',
  'endorsement',
  'fullOpenBadge',
  'skillAssertionCase',
  'skillAssertionCtdl',
];

/** `type` and `@context` values a builder supplies on its own, per model class. */
function builderSupplied(cls: string): { types?: string[]; equals?: string; contexts: number } {
  const props = MODEL[cls]?.props ?? {};
  const type = props.type;
  const defaults = (type?.contains ?? []).map((g) =>
    g.includes('OpenBadgeCredential') ? 'OpenBadgeCredential' : (g[0] as string),
  );
  return {
    types: type?.contains ? defaults : undefined,
    equals: type?.equals,
    contexts: props['@context'] ? 2 : 0,
  };
}

/**
 * The input a caller would write for an example: the example without the values the builder
 * supplies itself (required `type` values, the two required contexts), walked through the model.
 * Embedded endorsement credentials are separately issued and stay as they are.
 */
function callerInput(value: Json, cls: string, top = true): Json {
  const m = MODEL[cls];
  if (!m) throw new Error(`no class ${cls}`);
  if (m.kind === 'union') {
    if (typeof value === 'string') return value;
    return callerInput(
      value,
      (m.values ?? []).find((v) => MODEL[v]?.kind === 'class') as string,
      false,
    );
  }
  if (cls === 'EndorsementCredential' && !top) return value;
  const out: Json = { ...value };
  const supplied = builderSupplied(cls);
  if (supplied.contexts) {
    const rest = (value['@context'] as unknown[]).slice(supplied.contexts);
    if (rest.length) out['@context'] = rest;
    else delete out['@context'];
  }
  if (supplied.equals !== undefined && value.type === supplied.equals) delete out.type;
  if (supplied.types && JSON.stringify(value.type) === JSON.stringify(supplied.types))
    delete out.type;
  for (const [key, prop] of Object.entries(m.props ?? {})) {
    if (value[key] === undefined || key === 'type' || key === '@context') continue;
    const t = MODEL[prop.type];
    if (t?.kind !== 'class' && t?.kind !== 'union') continue;
    out[key] = prop.card.endsWith('*')
      ? (value[key] as Json[]).map((v) => callerInput(v, prop.type, false))
      : callerInput(value[key], prop.type, false);
  }
  return out;
}

describe.skipIf(!HAVE_OB3)(`spec examples rebuilt by the builders${SKIP_NOTE}`, () => {
  it('the reference folder holds exactly the seven examples this suite covers', () => {
    expect(exampleNames()).toEqual(EXAMPLES);
  });

  describe.each(EXAMPLES)('%s', (name) => {
    it('is produced exactly from the caller-level input (types and contexts left to the builder)', () => {
      const example = readExample(name);
      const isEndorsement = (example.type as string[]).includes('EndorsementCredential');
      const input = callerInput(
        example,
        isEndorsement ? 'EndorsementCredential' : 'AchievementCredential',
      );
      expect(input.type).toBeUndefined();
      const built = isEndorsement
        ? createEndorsementCredential(input)
        : createAchievementCredential(input);
      expect(built).toStrictEqual(example);
      // Builders add nothing and drop nothing: the same keys at the top, in the same count.
      expect(Object.keys(built).sort()).toEqual(Object.keys(example).sort());
    });
  });

  it('basicOpenBadgeCredential: composed builder by builder, with a Date for validFrom', () => {
    const ex: Json = readExample('basicOpenBadgeCredential');
    const a = ex.credentialSubject.achievement;
    const built = createOpenBadgeCredential({
      id: ex.id,
      issuer: createProfile({ id: ex.issuer.id, name: ex.issuer.name }),
      validFrom: new Date(Date.UTC(2010, 0, 1, 0, 0, 0)),
      name: ex.name,
      credentialSubject: createAchievementSubject({
        id: ex.credentialSubject.id,
        achievement: createAchievement({
          id: a.id,
          criteria: createCriteria({ narrative: a.criteria.narrative }),
          description: a.description,
          name: a.name,
        }),
      }),
    });
    expect(built).toStrictEqual(ex);
  });

  it('basicOpenBadgeCredential: an issuer object without type gets type ["Profile"]', () => {
    const ex: Json = readExample('basicOpenBadgeCredential');
    const built = createAchievementCredential({
      ...callerInput(ex, 'AchievementCredential'),
      issuer: { id: ex.issuer.id, name: ex.issuer.name },
    });
    expect(built.issuer).toStrictEqual(ex.issuer);
  });

  it('endorsement: composed with createEndorsementSubject, extra context kept third', () => {
    const ex: Json = readExample('endorsement');
    const built = createEndorsementCredential({
      '@context': [ex['@context'][2]],
      id: ex.id,
      name: ex.name,
      issuer: { id: ex.issuer.id, name: ex.issuer.name },
      validFrom: ex.validFrom,
      validUntil: new Date(ex.validUntil),
      credentialSubject: createEndorsementSubject({
        id: ex.credentialSubject.id,
        endorsementComment: ex.credentialSubject.endorsementComment,
      }),
      credentialSchema: ex.credentialSchema,
      credentialStatus: ex.credentialStatus,
      refreshService: ex.refreshService,
    });
    expect(built).toStrictEqual(ex);
  });

  it('skillAssertionCase: composed with createAlignment, createImage, createEvidence', () => {
    const ex: Json = readExample('skillAssertionCase');
    const a = ex.credentialSubject.achievement;
    const built = createAchievementCredential({
      '@context': ex['@context'].slice(2),
      id: ex.id,
      name: ex.name,
      description: ex.description,
      credentialSubject: {
        id: ex.credentialSubject.id,
        achievement: {
          id: a.id,
          alignment: a.alignment.map((al: Json) => createAlignment(omit(al, 'type') as Json)),
          achievementType: a.achievementType,
          creator: omit(a.creator, 'type') as Json,
          criteria: a.criteria,
          description: a.description,
          image: createImage({ id: a.image.id, caption: a.image.caption }),
          name: a.name,
        },
      },
      evidence: ex.evidence.map((e: Json) => createEvidence(omit(e, 'type') as Json)),
      issuer: {
        ...omit(ex.issuer, 'type', 'image'),
        image: { id: ex.issuer.image.id, caption: ex.issuer.image.caption },
      } as Json,
      validFrom: '2022-07-01T00:00:00Z',
      credentialSchema: ex.credentialSchema,
    });
    expect(built).toStrictEqual(ex);
  });

  describe('fullOpenBadge, part by part', () => {
    const ex: Json = HAVE_OB3 ? readExample('fullOpenBadge') : {};
    const subject = ex.credentialSubject;
    const achievement = subject?.achievement;

    /** Rebuild an embedded (signed) endorsement from its parts; the proof is the issuer's. */
    function rebuildEndorsement(e: Json): EndorsementCredential {
      const unsigned = createEndorsementCredential({
        id: e.id,
        name: e.name,
        issuer: createProfile(omit(e.issuer, 'type') as Json),
        validFrom: e.validFrom,
        validUntil: e.validUntil,
        credentialSubject: createEndorsementSubject(omit(e.credentialSubject, 'type') as Json),
        credentialSchema: e.credentialSchema,
        credentialStatus: e.credentialStatus,
        refreshService: e.refreshService,
      });
      expect(unsigned).toStrictEqual(omit(e, 'proof'));
      return { ...unsigned, proof: e.proof };
    }

    function rebuildProfile(p: Json): Json {
      return createProfile({
        ...(omit(
          p,
          'type',
          'endorsement',
          'image',
          'address',
          'otherIdentifier',
          'parentOrg',
        ) as Json),
        ...(p.endorsement ? { endorsement: p.endorsement.map(rebuildEndorsement) } : {}),
        ...(p.image ? { image: createImage({ id: p.image.id, caption: p.image.caption }) } : {}),
        ...(p.address
          ? {
              address: createAddress({
                ...(omit(p.address, 'type', 'geo') as Json),
                geo: createGeoCoordinates({
                  latitude: p.address.geo.latitude,
                  longitude: p.address.geo.longitude,
                }),
              }),
            }
          : {}),
        ...(p.otherIdentifier
          ? {
              otherIdentifier: p.otherIdentifier.map((o: Json) =>
                createIdentifierEntry({
                  identifier: o.identifier,
                  identifierType: o.identifierType,
                }),
              ),
            }
          : {}),
        ...(p.parentOrg ? { parentOrg: rebuildProfile(p.parentOrg) } : {}),
      });
    }

    it.skipIf(!HAVE_OB3)(
      'identifiers: createIdentityObject with hashed:false keeps plaintext and salt',
      () => {
        for (const id of subject.identifier) {
          expect(
            createIdentityObject({
              identity: id.identityHash,
              identityType: id.identityType,
              hashed: false,
              salt: id.salt,
            }),
          ).toStrictEqual(id);
        }
      },
    );

    it.skipIf(!HAVE_OB3)(
      'issuer, creator and source profiles with endorsements, address, identifiers',
      () => {
        expect(rebuildProfile(ex.issuer)).toStrictEqual(ex.issuer);
        expect(rebuildProfile(achievement.creator)).toStrictEqual(achievement.creator);
        expect(rebuildProfile(subject.source)).toStrictEqual(subject.source);
      },
    );

    it.skipIf(!HAVE_OB3)('result descriptions with rubric criterion levels, and results', () => {
      for (const rd of achievement.resultDescription) {
        const built = createResultDescription({
          ...(omit(rd, 'type', 'alignment', 'rubricCriterionLevel') as Json),
          ...(rd.alignment
            ? {
                alignment: rd.alignment.map((al: Json) =>
                  createAlignment(omit(al, 'type') as Json),
                ),
              }
            : {}),
          ...(rd.rubricCriterionLevel
            ? {
                rubricCriterionLevel: rd.rubricCriterionLevel.map((l: Json) =>
                  createRubricCriterionLevel(omit(l, 'type') as Json),
                ),
              }
            : {}),
        });
        expect(built).toStrictEqual(rd);
      }
      for (const r of subject.result) {
        expect(createResult(omit(r, 'type') as Json)).toStrictEqual(r);
      }
    });

    it.skipIf(!HAVE_OB3)('the whole credential from the rebuilt parts', () => {
      const built = createOpenBadgeCredential({
        '@context': [ex['@context'][2]],
        id: ex.id,
        name: ex.name,
        description: ex.description,
        image: createImage(omit(ex.image, 'type') as Json),
        credentialSubject: createAchievementSubject({
          ...(omit(
            subject,
            'type',
            'achievement',
            'source',
            'identifier',
            'result',
            'image',
          ) as Json),
          activityEndDate: new Date(subject.activityEndDate),
          activityStartDate: subject.activityStartDate,
          source: rebuildProfile(subject.source),
          identifier: subject.identifier.map((i: Json) =>
            createIdentityObject({
              identity: i.identityHash,
              identityType: i.identityType,
              hashed: false,
              salt: i.salt,
            }),
          ),
          achievement: createAchievement({
            ...(omit(
              achievement,
              'type',
              'creator',
              'endorsement',
              'alignment',
              'criteria',
              'image',
              'otherIdentifier',
              'resultDescription',
            ) as Json),
            alignment: achievement.alignment.map((al: Json) =>
              createAlignment(omit(al, 'type') as Json),
            ),
            creator: rebuildProfile(achievement.creator),
            criteria: createCriteria(achievement.criteria),
            endorsement: achievement.endorsement.map(rebuildEndorsement),
            image: createImage(omit(achievement.image, 'type') as Json),
            otherIdentifier: achievement.otherIdentifier.map((o: Json) =>
              createIdentifierEntry(omit(o, 'type') as Json),
            ),
            resultDescription: achievement.resultDescription,
          }),
          image: createImage(omit(subject.image, 'type') as Json),
          result: subject.result.map((r: Json) => createResult(omit(r, 'type') as Json)),
        }),
        endorsement: ex.endorsement.map(rebuildEndorsement),
        evidence: ex.evidence.map((e: Json) => createEvidence(omit(e, 'type') as Json)),
        issuer: rebuildProfile(ex.issuer),
        validFrom: new Date(ex.validFrom),
        validUntil: ex.validUntil,
        credentialSchema: ex.credentialSchema,
        credentialStatus: ex.credentialStatus,
        refreshService: ex.refreshService,
      });
      expect(built).toStrictEqual(ex);
    });
  });
});
