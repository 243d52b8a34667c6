/** Builders for the two credentials of Open Badges 3.0. */
import { build } from './engine.js';
import type {
  AchievementCredentialInput,
  AchievementCredentialInputv1p1,
  CredentialOptions,
  EndorsementCredentialInput,
  EndorsementCredentialInputv1p1,
} from './inputs.js';
import type {
  AchievementCredential,
  AchievementCredentialv1p1,
  EndorsementCredential,
  EndorsementCredentialv1p1,
} from './types.generated.js';

/**
 * Build an (unsigned) AchievementCredential, the Open Badge itself.
 *
 * - `@context`: the VC context then the OB 3.0 context (3.0.3 unless the caller gives another
 *   OB 3.0 context), then the caller's other contexts in order.
 * - `type`: `'VerifiableCredential'` and `'OpenBadgeCredential'` (or the caller's
 *   `'AchievementCredential'`) first, the caller's other types kept.
 * - `id`: a `urn:uuid:` when absent.
 * - `issuer`: a URI, or a Profile object (which gets `type: ['Profile']` when it has none).
 * - Validity: pass `validFrom`/`validUntil` (a `Date` or an ISO 8601 string). With
 *   `{ vc: '2.0' }` (the default) they are written as `validFrom`/`validUntil`; with
 *   `{ vc: '1.1' }` as `issuanceDate`/`expirationDate` (which may also be given by those names,
 *   but never mixed with the others). The start of validity defaults to `options.now` or the
 *   current time.
 * - `credentialSubject` is built as an AchievementSubject; evidence, image and the other nested
 *   classes likewise; embedded `endorsement` credentials are kept exactly as given.
 *
 * Properties beyond the model's are kept as given. Missing required fields and wrong kinds throw
 * a `TypeError` naming the field (with `err.code` such as `ERR_MODEL_REQUIRED`).
 *
 * @example
 * ```ts
 * import { createAchievementCredential } from 'ob3kit/model';
 * const credential = createAchievementCredential({
 *   id: 'http://example.com/credentials/3527',
 *   issuer: { id: 'https://example.com/issuers/876543', name: 'Example Corp' },
 *   validFrom: '2010-01-01T00:00:00Z',
 *   name: 'Teamwork Badge',
 *   credentialSubject: {
 *     id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
 *     achievement: {
 *       id: 'https://example.com/achievements/21st-century-skills/teamwork',
 *       name: 'Teamwork',
 *       description: 'This badge recognizes the development of the capacity to collaborate.',
 *       criteria: { narrative: 'Team members are nominated for this badge by their peers.' },
 *     },
 *   },
 * });
 * console.log(credential['@context']);
 * // ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']
 * console.log(credential.type); // ['VerifiableCredential', 'OpenBadgeCredential']
 *
 * // The same badge in the VC 1.1 shape (issuer as an object and name are required there):
 * const legacy = createAchievementCredential(
 *   {
 *     name: 'Teamwork Badge',
 *     issuer: { id: 'https://example.com/issuers/876543', name: 'Example Corp' },
 *     validFrom: '2010-01-01T00:00:00Z',
 *     credentialSubject: {
 *       id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
 *       achievement: {
 *         name: 'Teamwork',
 *         description: 'Collaborates within a group.',
 *         criteria: { narrative: 'Nominated by peers.' },
 *       },
 *     },
 *   },
 *   { vc: '1.1' },
 * );
 * console.log(legacy['@context'][0], legacy.issuanceDate);
 * // 'https://www.w3.org/2018/credentials/v1' '2010-01-01T00:00:00Z'
 * ```
 */
export function createAchievementCredential(
  input: AchievementCredentialInputv1p1,
  options: CredentialOptions & { vc: '1.1' },
): AchievementCredentialv1p1;
export function createAchievementCredential(
  input: AchievementCredentialInput,
  options?: CredentialOptions & { vc?: '2.0' },
): AchievementCredential;
export function createAchievementCredential(
  input: AchievementCredentialInput | AchievementCredentialInputv1p1,
  options?: CredentialOptions,
): AchievementCredential | AchievementCredentialv1p1 {
  return build('createAchievementCredential', 'AchievementCredential', input, options, true);
}

/**
 * Alias of {@link createAchievementCredential}: "OpenBadgeCredential" is the name Open Badges
 * gives an AchievementCredential, and the `type` value the builder writes by default.
 *
 * @example
 * ```ts
 * import { createOpenBadgeCredential } from 'ob3kit/model';
 * const badge = createOpenBadgeCredential({
 *   issuer: 'https://example.com/issuers/876543',
 *   validFrom: new Date('2024-03-01T09:30:00Z'),
 *   credentialSubject: {
 *     id: 'did:example:123',
 *     achievement: { name: 'Teamwork', description: 'Works in a team.', criteria: { narrative: 'Peers nominate.' } },
 *   },
 * });
 * console.log(badge.validFrom); // '2024-03-01T09:30:00Z'
 * ```
 */
export const createOpenBadgeCredential: typeof createAchievementCredential =
  createAchievementCredential;

/**
 * Build an (unsigned) EndorsementCredential: a claim by one party about a Profile, an
 * Achievement or a credential. Same rules as {@link createAchievementCredential}: contexts,
 * `type` (`'VerifiableCredential'`, `'EndorsementCredential'`), generated `id`, issuer, validity
 * dates per VC version; `name` is required; `credentialSubject` is built as an
 * EndorsementSubject.
 *
 * @example
 * ```ts
 * import { createEndorsementCredential } from 'ob3kit/model';
 * const endorsement = createEndorsementCredential({
 *   id: 'http://1edtech.edu/endorsementcredential/3732',
 *   name: 'SDE endorsement',
 *   issuer: { id: 'https://state.gov/issuers/565049', name: 'State Department of Education' },
 *   validFrom: '2010-01-01T00:00:00Z',
 *   validUntil: '2030-01-01T00:00:00Z',
 *   credentialSubject: {
 *     id: 'https://1edtech.edu/issuers/565049',
 *     endorsementComment: '1EdTech University is in good standing',
 *   },
 * });
 * console.log(endorsement.type); // ['VerifiableCredential', 'EndorsementCredential']
 * ```
 */
export function createEndorsementCredential(
  input: EndorsementCredentialInputv1p1,
  options: CredentialOptions & { vc: '1.1' },
): EndorsementCredentialv1p1;
export function createEndorsementCredential(
  input: EndorsementCredentialInput,
  options?: CredentialOptions & { vc?: '2.0' },
): EndorsementCredential;
export function createEndorsementCredential(
  input: EndorsementCredentialInput | EndorsementCredentialInputv1p1,
  options?: CredentialOptions,
): EndorsementCredential | EndorsementCredentialv1p1 {
  return build('createEndorsementCredential', 'EndorsementCredential', input, options, true);
}
