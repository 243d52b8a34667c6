/**
 * Compile-time checks of the model types and builder signatures (checked by `tsc --noEmit -p .`;
 * every `@ts-expect-error` below fails the type check if the line compiles).
 */
import { expectTypeOf } from 'vitest';
import {
  type Achievement,
  type AchievementCredential,
  type AchievementCredentialv1p1,
  type AchievementType,
  type AlignmentTargetType,
  createAchievement,
  createAchievementCredential,
  createAchievementSubject,
  createAlignment,
  createEndorsementCredential,
  createIdentityObject,
  createImage,
  createOpenBadgeCredential,
  createProfile,
  createResultDescription,
  type EndorsementCredential,
  type EndorsementCredentialv1p1,
  type IdentifierTypeEnum,
  type IdentityObject,
  type Image,
  type Profile,
  type ProfileRef,
  type ResultStatusType,
  type ResultType,
} from '../../src/model/index.js';

const achievement = {
  name: 'Teamwork',
  description: 'Works in a team.',
  criteria: { narrative: 'Peers nominate.' },
};

// ---- Enumerations: terms and ext: terms ------------------------------------------------------
expectTypeOf<'Badge'>().toMatchTypeOf<AchievementType>();
expectTypeOf<'ext:MicroBadge'>().toMatchTypeOf<AchievementType>();
expectTypeOf<'ceasn:Competency'>().toMatchTypeOf<AlignmentTargetType>();
expectTypeOf<'ext:Custom'>().toMatchTypeOf<ResultType>();
expectTypeOf<'emailAddress'>().toMatchTypeOf<IdentifierTypeEnum>();
expectTypeOf<'Completed'>().toMatchTypeOf<ResultStatusType>();
expectTypeOf<'Badgee'>().not.toMatchTypeOf<AchievementType>();
// ResultStatusType is not extensible.
expectTypeOf<'ext:Paused'>().not.toMatchTypeOf<ResultStatusType>();

// ---- Model types: cardinalities ----------------------------------------------------------------
expectTypeOf<Achievement['name']>().toEqualTypeOf<string>();
expectTypeOf<Achievement['alignment']>().toEqualTypeOf<
  import('../../src/model/index.js').Alignment[] | undefined
>();
expectTypeOf<Achievement['type']>().toEqualTypeOf<string[]>();
expectTypeOf<Image['type']>().toEqualTypeOf<'Image'>();
expectTypeOf<IdentityObject['type']>().toEqualTypeOf<'IdentityObject'>();
expectTypeOf<ProfileRef>().toEqualTypeOf<string | Profile>();
expectTypeOf<AchievementCredential['validFrom']>().toEqualTypeOf<string>();
expectTypeOf<AchievementCredentialv1p1['issuanceDate']>().toEqualTypeOf<string>();
expectTypeOf<AchievementCredentialv1p1['name']>().toEqualTypeOf<string>();
expectTypeOf<AchievementCredential['name']>().toEqualTypeOf<string | undefined>();

// Extensible classes accept extra properties; closed ones do not.
const extended: Achievement = {
  id: 'https://e.x/a',
  type: ['Achievement'],
  ...achievement,
  'ext:hours': 40,
};
void extended;
// @ts-expect-error Image is not extensible
const badImage: Image = { id: 'https://e.x/i.png', type: 'Image', alt: 'x' };
void badImage;

// ---- Builders: return types ------------------------------------------------------------------
expectTypeOf(createAchievement(achievement)).toEqualTypeOf<Achievement>();
expectTypeOf(createImage('https://e.x/i.png')).toEqualTypeOf<Image>();
const subject = { id: 'did:example:1', achievement };
expectTypeOf(
  createAchievementCredential({ issuer: 'https://e.x/i', credentialSubject: subject }),
).toEqualTypeOf<AchievementCredential>();
expectTypeOf(
  createAchievementCredential(
    { name: 'B', issuer: { id: 'https://e.x/i' }, credentialSubject: subject },
    { vc: '1.1' },
  ),
).toEqualTypeOf<AchievementCredentialv1p1>();
expectTypeOf(createOpenBadgeCredential).toEqualTypeOf(createAchievementCredential);
const endorsementInput = {
  name: 'E',
  issuer: 'https://e.x/e',
  credentialSubject: { id: 'https://e.x/i' },
};
expectTypeOf(createEndorsementCredential(endorsementInput)).toEqualTypeOf<EndorsementCredential>();
expectTypeOf(
  createEndorsementCredential(
    { ...endorsementInput, issuer: { id: 'https://e.x/e' } },
    { vc: '1.1' },
  ),
).toEqualTypeOf<EndorsementCredentialv1p1>();

// ---- Builders: required fields at compile time ----------------------------------------------
// @ts-expect-error name is required
createAchievement({ description: 'd', criteria: {} });
// @ts-expect-error description is required
createAchievement({ name: 'n', criteria: {} });
// @ts-expect-error criteria is required
createAchievement({ name: 'n', description: 'd' });
// @ts-expect-error targetUrl is required
createAlignment({ targetName: 'T' });
// @ts-expect-error resultType is required
createResultDescription({ name: 'R' });
// @ts-expect-error a Profile needs an id
createProfile({ name: 'Example' });
// @ts-expect-error an Image needs an id
createImage({ caption: 'c' });
// @ts-expect-error identityType is required
createIdentityObject({ identity: 'a@example.com' });
// @ts-expect-error issuer is required
createAchievementCredential({ credentialSubject: subject });
// @ts-expect-error credentialSubject is required
createAchievementCredential({ issuer: 'https://e.x/i' });
// @ts-expect-error the subject needs an id or an identifier
createAchievementSubject({ achievement });
// @ts-expect-error achievementType must be a term of the vocabulary or an ext: term
createAchievement({ ...achievement, achievementType: 'Badgee' });
// @ts-expect-error name is required for an EndorsementCredential
createEndorsementCredential({
  issuer: 'https://e.x/e',
  credentialSubject: { id: 'https://e.x/i' },
});

// ---- Builders: dates and VC versions ----------------------------------------------------------
createAchievementCredential({
  issuer: 'https://e.x/i',
  credentialSubject: subject,
  validFrom: new Date(),
});
createAchievementCredential({
  issuer: 'https://e.x/i',
  credentialSubject: subject,
  validFrom: '2024-01-01T00:00:00Z',
});
createAchievementCredential({
  issuer: 'https://e.x/i',
  credentialSubject: subject,
  // @ts-expect-error issuanceDate belongs to VC 1.1
  issuanceDate: '2024-01-01T00:00:00Z',
});
createAchievementCredential(
  {
    name: 'B',
    issuer: { id: 'https://e.x/i' },
    credentialSubject: subject,
    issuanceDate: new Date(),
  },
  { vc: '1.1' },
);
// @ts-expect-error the two namings are not mixed
createAchievementCredential(
  {
    name: 'B',
    issuer: { id: 'https://e.x/i' },
    credentialSubject: subject,
    validFrom: new Date(),
    expirationDate: new Date(),
  },
  { vc: '1.1' },
);
// @ts-expect-error VC 1.1 has no issuer IRI
createAchievementCredential(
  { name: 'B', issuer: 'https://e.x/i', credentialSubject: subject },
  { vc: '1.1' },
);
// @ts-expect-error VC 1.1 requires name
createAchievementCredential(
  { issuer: { id: 'https://e.x/i' }, credentialSubject: subject },
  { vc: '1.1' },
);
