/**
 * What the builders accept. Each input mirrors its model class, except that the values the
 * builder supplies are optional (`type`, generated `id`s, `@context`, `validFrom`), dates may be
 * `Date` objects, and an image may be given as its URI.
 */
import type {
  AchievementSubject,
  AchievementType,
  AlignmentTargetType,
  CompactJws,
  Context,
  CredentialSchema,
  CredentialStatus,
  EndorsementCredential,
  EndorsementCredentialv1p1,
  IdentifierTypeEnum,
  IdentityHash,
  LanguageCode,
  Markdown,
  Proof,
  RefreshService,
  ResultStatusType,
  ResultType,
  TermsOfUse,
  URI,
  URL,
} from './types.generated.js';

/**
 * A date-time: a `Date` (written as `YYYY-MM-DDTHH:mm:ssZ`) or an ISO 8601 string with a time
 * zone, kept as given.
 * @example
 * ```ts
 * import type { DateInput } from 'ob3kit/model';
 * const a: DateInput = new Date('2024-05-01T12:00:00Z');
 * const b: DateInput = '2024-05-01T12:00:00Z';
 * ```
 */
export type DateInput = Date | string;

/**
 * The `type` of an object: one IRI or several. The builder puts the required value(s) first and
 * keeps the caller's others, without duplicates.
 * @example
 * ```ts
 * import type { TypeInput } from 'ob3kit/model';
 * const t: TypeInput = ['Achievement', 'ext:MicroBadge'];
 * ```
 */
export type TypeInput = string | readonly string[];

/**
 * An image: its URI (shorthand) or the object form. `type` defaults to `'Image'`.
 * @example
 * ```ts
 * import type { ImageInput } from 'ob3kit/model';
 * const logo: ImageInput = { id: 'https://example.com/logo.png', caption: 'Logo' };
 * const short: ImageInput = 'https://example.com/logo.png';
 * ```
 */
export type ImageInput = URI | { id: URI; type?: 'Image'; caption?: string };

/**
 * Input of {@link createCriteria}.
 * @example
 * ```ts
 * import type { CriteriaInput } from 'ob3kit/model';
 * const c: CriteriaInput = { narrative: 'Complete all three modules.' };
 * ```
 */
export interface CriteriaInput {
  id?: URI;
  narrative?: Markdown;
  [key: string]: unknown;
}

/**
 * Input of {@link createAlignment}.
 * @example
 * ```ts
 * import type { AlignmentInput } from 'ob3kit/model';
 * const a: AlignmentInput = { targetName: 'Robot Programming', targetUrl: 'https://example.com/c/1' };
 * ```
 */
export interface AlignmentInput {
  type?: TypeInput;
  targetCode?: string;
  targetDescription?: string;
  targetName: string;
  targetFramework?: string;
  targetType?: AlignmentTargetType;
  targetUrl: URL;
  [key: string]: unknown;
}

/**
 * Input of {@link createIdentifierEntry}.
 * @example
 * ```ts
 * import type { IdentifierEntryInput } from 'ob3kit/model';
 * const e: IdentifierEntryInput = { identifier: '12345', identifierType: 'sourcedId' };
 * ```
 */
export interface IdentifierEntryInput {
  type?: 'IdentifierEntry';
  identifier: string;
  identifierType: IdentifierTypeEnum;
}

/**
 * Input of {@link createGeoCoordinates}.
 * @example
 * ```ts
 * import type { GeoCoordinatesInput } from 'ob3kit/model';
 * const g: GeoCoordinatesInput = { latitude: 30.27, longitude: -97.74 };
 * ```
 */
export interface GeoCoordinatesInput {
  type?: 'GeoCoordinates';
  latitude: number;
  longitude: number;
  [key: string]: unknown;
}

/**
 * Input of {@link createAddress}.
 * @example
 * ```ts
 * import type { AddressInput } from 'ob3kit/model';
 * const a: AddressInput = { addressLocality: 'Austin', addressCountryCode: 'US' };
 * ```
 */
export interface AddressInput {
  type?: TypeInput;
  addressCountry?: string;
  addressCountryCode?: string;
  addressRegion?: string;
  addressLocality?: string;
  streetAddress?: string;
  postOfficeBoxNumber?: string;
  postalCode?: string;
  geo?: GeoCoordinatesInput;
  [key: string]: unknown;
}

/**
 * An embedded endorsement: a separately issued EndorsementCredential, kept exactly as given.
 * @example
 * ```ts
 * import type { EndorsementInput } from 'ob3kit/model';
 * const list: EndorsementInput[] = [];
 * ```
 */
export type EndorsementInput = EndorsementCredential | EndorsementCredentialv1p1;

/**
 * Input of {@link createProfile}. `id` is required: it names the issuer (or other entity).
 * @example
 * ```ts
 * import type { ProfileInput } from 'ob3kit/model';
 * const p: ProfileInput = { id: 'https://example.com/issuers/1', name: 'Example University' };
 * ```
 */
export interface ProfileInput {
  id: URI;
  type?: TypeInput;
  name?: string;
  url?: URI;
  phone?: string;
  description?: string;
  endorsement?: EndorsementInput[];
  endorsementJwt?: CompactJws[];
  image?: ImageInput;
  email?: string;
  address?: AddressInput;
  otherIdentifier?: IdentifierEntryInput[];
  official?: string;
  parentOrg?: ProfileInput;
  givenName?: string;
  familyName?: string;
  additionalName?: string;
  patronymicName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
  familyNamePrefix?: string;
  /** A `Date` (written as `YYYY-MM-DD`, UTC) or a `YYYY-MM-DD` string. */
  dateOfBirth?: DateInput;
  [key: string]: unknown;
}

/**
 * Input of {@link createRelated}.
 * @example
 * ```ts
 * import type { RelatedInput } from 'ob3kit/model';
 * const r: RelatedInput = { id: 'https://example.com/achievements/1-fr', inLanguage: 'fr' };
 * ```
 */
export interface RelatedInput {
  id: URI;
  type?: TypeInput;
  inLanguage?: LanguageCode;
  version?: string;
  [key: string]: unknown;
}

/**
 * Input of {@link createRubricCriterionLevel}. `id` is generated (`urn:uuid:`) when absent.
 * @example
 * ```ts
 * import type { RubricCriterionLevelInput } from 'ob3kit/model';
 * const l: RubricCriterionLevelInput = { name: 'Mastery', level: 'Mastered', points: '4' };
 * ```
 */
export interface RubricCriterionLevelInput {
  id?: URI;
  type?: TypeInput;
  alignment?: AlignmentInput[];
  description?: string;
  level?: string;
  name: string;
  points?: string;
  [key: string]: unknown;
}

/**
 * Input of {@link createResultDescription}. `id` is generated (`urn:uuid:`) when absent.
 * @example
 * ```ts
 * import type { ResultDescriptionInput } from 'ob3kit/model';
 * const d: ResultDescriptionInput = { name: 'Final grade', resultType: 'LetterGrade' };
 * ```
 */
export interface ResultDescriptionInput {
  id?: URI;
  type?: TypeInput;
  alignment?: AlignmentInput[];
  allowedValue?: string[];
  name: string;
  requiredLevel?: URI;
  requiredValue?: string;
  resultType: ResultType;
  rubricCriterionLevel?: RubricCriterionLevelInput[];
  valueMax?: string;
  valueMin?: string;
  [key: string]: unknown;
}

/**
 * Input of {@link createAchievement}. `id` is generated (`urn:uuid:`) when absent.
 * @example
 * ```ts
 * import type { AchievementInput } from 'ob3kit/model';
 * const a: AchievementInput = {
 *   name: 'Teamwork',
 *   description: 'Collaborates within a group.',
 *   criteria: { narrative: 'Nominated by peers.' },
 * };
 * ```
 */
export interface AchievementInput {
  id?: URI;
  type?: TypeInput;
  alignment?: AlignmentInput[];
  achievementType?: AchievementType;
  creator?: ProfileInput;
  creditsAvailable?: number;
  criteria: CriteriaInput;
  description: string;
  endorsement?: EndorsementInput[];
  endorsementJwt?: CompactJws[];
  fieldOfStudy?: string;
  humanCode?: string;
  image?: ImageInput;
  inLanguage?: LanguageCode;
  name: string;
  otherIdentifier?: IdentifierEntryInput[];
  related?: RelatedInput[];
  resultDescription?: ResultDescriptionInput[];
  specialization?: string;
  tag?: string[];
  version?: string;
  [key: string]: unknown;
}

/**
 * Input of {@link createResult}.
 * @example
 * ```ts
 * import type { ResultInput } from 'ob3kit/model';
 * const r: ResultInput = { resultDescription: 'urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c', value: 'A' };
 * ```
 */
export interface ResultInput {
  type?: TypeInput;
  achievedLevel?: URI;
  alignment?: AlignmentInput[];
  resultDescription?: URI;
  status?: ResultStatusType;
  value?: string;
  [key: string]: unknown;
}

/**
 * Input of {@link createEvidence}.
 * @example
 * ```ts
 * import type { EvidenceInput } from 'ob3kit/model';
 * const e: EvidenceInput = { id: 'https://github.com/somebody/project', name: 'Project code' };
 * ```
 */
export interface EvidenceInput {
  id?: URI;
  type?: TypeInput;
  narrative?: Markdown;
  name?: string;
  description?: string;
  genre?: string;
  audience?: string;
  [key: string]: unknown;
}

/**
 * An IdentityObject as embedded in a subject's `identifier` list (make one with
 * {@link createIdentityObject}); `type` defaults to `'IdentityObject'`.
 * @example
 * ```ts
 * import type { IdentityObjectInput } from 'ob3kit/model';
 * const i: IdentityObjectInput = { hashed: false, identityHash: 'student@example.edu', identityType: 'emailAddress' };
 * ```
 */
export interface IdentityObjectInput {
  type?: 'IdentityObject';
  hashed: boolean;
  identityHash: IdentityHash;
  identityType: IdentifierTypeEnum;
  salt?: string;
}

/**
 * Fields of {@link AchievementSubjectInput} other than the recipient's identification.
 * @example
 * ```ts
 * import type { AchievementSubjectFields } from 'ob3kit/model';
 * const f: AchievementSubjectFields = {
 *   achievement: { name: 'Teamwork', description: 'Works in a team.', criteria: { narrative: 'Peers nominate.' } },
 * };
 * ```
 */
export interface AchievementSubjectFields {
  type?: TypeInput;
  activityEndDate?: DateInput;
  activityStartDate?: DateInput;
  creditsEarned?: number;
  achievement: AchievementInput;
  image?: ImageInput;
  licenseNumber?: string;
  narrative?: Markdown;
  result?: ResultInput[];
  role?: string;
  source?: ProfileInput;
  term?: string;
  [key: string]: unknown;
}

/**
 * Input of {@link createAchievementSubject}: the recipient is identified by `id`, by at least one
 * `identifier`, or both.
 * @example
 * ```ts
 * import type { AchievementSubjectInput } from 'ob3kit/model';
 * const s: AchievementSubjectInput = {
 *   id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
 *   achievement: { name: 'Teamwork', description: 'Works in a team.', criteria: { narrative: 'Peers nominate.' } },
 * };
 * ```
 */
export type AchievementSubjectInput = AchievementSubjectFields &
  (
    | { id: URI; identifier?: IdentityObjectInput[] }
    | { id?: URI; identifier: IdentityObjectInput[] }
  );

/**
 * Input of {@link createEndorsementSubject}: `id` names what is endorsed.
 * @example
 * ```ts
 * import type { EndorsementSubjectInput } from 'ob3kit/model';
 * const s: EndorsementSubjectInput = { id: 'https://example.edu/issuers/1', endorsementComment: 'In good standing' };
 * ```
 */
export interface EndorsementSubjectInput {
  id: URI;
  type?: TypeInput;
  endorsementComment?: Markdown;
  [key: string]: unknown;
}

/**
 * Properties every credential input may carry.
 * @example
 * ```ts
 * import type { CredentialInputBase } from 'ob3kit/model';
 * const b: CredentialInputBase = { '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'] };
 * ```
 */
export interface CredentialInputBase {
  /** Extra contexts, kept after the VC and OB 3.0 contexts (which the builder supplies). */
  '@context'?: Context | Context[];
  /** Generated (`urn:uuid:`) when absent. */
  id?: URI;
  type?: TypeInput;
  proof?: Proof[];
  credentialSchema?: CredentialSchema[];
  credentialStatus?: CredentialStatus;
  refreshService?: RefreshService;
  termsOfUse?: TermsOfUse[];
  [key: string]: unknown;
}

/**
 * Validity dates by their VC 2.0 names; the builder writes them under the names of the chosen
 * VC version. `validFrom` defaults to the current time.
 * @example
 * ```ts
 * import type { ValidityInput } from 'ob3kit/model';
 * const v: ValidityInput = { validFrom: '2024-01-01T00:00:00Z', validUntil: new Date('2030-01-01T00:00:00Z') };
 * ```
 */
export interface ValidityInput {
  validFrom?: DateInput;
  validUntil?: DateInput;
  issuanceDate?: never;
  expirationDate?: never;
}

/**
 * Validity dates by their VC 1.1 names (accepted with `{ vc: '1.1' }` only, never mixed with
 * `validFrom`/`validUntil`). `issuanceDate` defaults to the current time.
 * @example
 * ```ts
 * import type { ValidityInputv1p1 } from 'ob3kit/model';
 * const v: ValidityInputv1p1 = { issuanceDate: '2024-01-01T00:00:00Z' };
 * ```
 */
export interface ValidityInputv1p1 {
  issuanceDate?: DateInput;
  expirationDate?: DateInput;
  validFrom?: never;
  validUntil?: never;
}

/**
 * Fields of an AchievementCredential input other than the validity dates.
 * @example
 * ```ts
 * import type { AchievementCredentialFields } from 'ob3kit/model';
 * const f: AchievementCredentialFields = {
 *   issuer: 'https://example.com/issuers/1',
 *   credentialSubject: {
 *     id: 'did:example:123',
 *     achievement: { name: 'Teamwork', description: 'Works in a team.', criteria: { narrative: 'Peers nominate.' } },
 *   },
 * };
 * ```
 */
export interface AchievementCredentialFields extends CredentialInputBase {
  /** The issuer's URI or Profile (a Profile object without `type` gets `['Profile']`). */
  issuer: URI | ProfileInput;
  /** The recipient and the achievement (plain input, or the result of createAchievementSubject). */
  credentialSubject: AchievementSubjectInput | AchievementSubject;
  name?: string;
  description?: string;
  image?: ImageInput;
  awardedDate?: DateInput;
  endorsement?: EndorsementInput[];
  endorsementJwt?: CompactJws[];
  evidence?: EvidenceInput[];
}

/**
 * Input of {@link createAchievementCredential} for VC 2.0 (the default).
 * @example
 * ```ts
 * import type { AchievementCredentialInput } from 'ob3kit/model';
 * const input: AchievementCredentialInput = {
 *   issuer: { id: 'https://example.com/issuers/1', name: 'Example Corp' },
 *   validFrom: '2024-01-01T00:00:00Z',
 *   credentialSubject: {
 *     id: 'did:example:123',
 *     achievement: { name: 'Teamwork', description: 'Works in a team.', criteria: { narrative: 'Peers nominate.' } },
 *   },
 * };
 * ```
 */
export type AchievementCredentialInput = AchievementCredentialFields & ValidityInput;

/**
 * Input of {@link createAchievementCredential} with `{ vc: '1.1' }`: the issuer must be a Profile
 * object and `name` is required; dates by either naming (not mixed).
 * @example
 * ```ts
 * import type { AchievementCredentialInputv1p1 } from 'ob3kit/model';
 * const input: AchievementCredentialInputv1p1 = {
 *   name: 'Teamwork Badge',
 *   issuer: { id: 'https://example.com/issuers/1' },
 *   issuanceDate: '2024-01-01T00:00:00Z',
 *   credentialSubject: {
 *     id: 'did:example:123',
 *     achievement: { name: 'Teamwork', description: 'Works in a team.', criteria: { narrative: 'Peers nominate.' } },
 *   },
 * };
 * ```
 */
export type AchievementCredentialInputv1p1 = Omit<
  AchievementCredentialFields,
  'issuer' | 'name'
> & {
  issuer: ProfileInput;
  name: string;
} & (ValidityInput | ValidityInputv1p1);

/**
 * Fields of an EndorsementCredential input other than the validity dates.
 * @example
 * ```ts
 * import type { EndorsementCredentialFields } from 'ob3kit/model';
 * const f: EndorsementCredentialFields = {
 *   name: 'SDE endorsement',
 *   issuer: 'https://state.gov/issuers/565049',
 *   credentialSubject: { id: 'https://example.edu/issuers/1', endorsementComment: 'In good standing' },
 * };
 * ```
 */
export interface EndorsementCredentialFields extends CredentialInputBase {
  issuer: URI | ProfileInput;
  name: string;
  description?: string;
  credentialSubject: EndorsementSubjectInput;
  awardedDate?: DateInput;
}

/**
 * Input of {@link createEndorsementCredential} for VC 2.0 (the default).
 * @example
 * ```ts
 * import type { EndorsementCredentialInput } from 'ob3kit/model';
 * const input: EndorsementCredentialInput = {
 *   name: 'SDE endorsement',
 *   issuer: { id: 'https://state.gov/issuers/565049', name: 'State Department of Education' },
 *   validFrom: '2024-01-01T00:00:00Z',
 *   credentialSubject: { id: 'https://example.edu/issuers/1', endorsementComment: 'In good standing' },
 * };
 * ```
 */
export type EndorsementCredentialInput = EndorsementCredentialFields & ValidityInput;

/**
 * Input of {@link createEndorsementCredential} with `{ vc: '1.1' }` (issuer must be a Profile
 * object; dates by either naming, not mixed).
 * @example
 * ```ts
 * import type { EndorsementCredentialInputv1p1 } from 'ob3kit/model';
 * const input: EndorsementCredentialInputv1p1 = {
 *   name: 'SDE endorsement',
 *   issuer: { id: 'https://state.gov/issuers/565049' },
 *   credentialSubject: { id: 'https://example.edu/issuers/1' },
 * };
 * ```
 */
export type EndorsementCredentialInputv1p1 = Omit<EndorsementCredentialFields, 'issuer'> & {
  issuer: ProfileInput;
} & (ValidityInput | ValidityInputv1p1);

/**
 * Options every builder takes.
 * @example
 * ```ts
 * import type { BuildOptions } from 'ob3kit/model';
 * const o: BuildOptions = { now: () => new Date('2024-01-01T00:00:00Z') };
 * ```
 */
export interface BuildOptions {
  /** The clock for generated dates (default: the current time). */
  now?: Date | (() => Date);
}

/**
 * Options of the credential builders.
 * @example
 * ```ts
 * import type { CredentialOptions } from 'ob3kit/model';
 * const o: CredentialOptions = { vc: '1.1' };
 * ```
 */
export interface CredentialOptions extends BuildOptions {
  /** Verifiable Credentials Data Model version: `'2.0'` (default) or `'1.1'` (legacy). */
  vc?: '2.0' | '1.1';
}
