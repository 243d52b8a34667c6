/**
 * Types of the Open Badges 3.0 data model (VC-DM 2.0, with the VC-DM 1.1 legacy classes),
 * and `MODEL`, a compact runtime description of the same classes used by the builders.
 *
 * GENERATED FILE: do not edit. Regenerate with `node scripts/model-types.mjs [ob3Dir]`
 * from 1EdTech's model files `spec/common_credentials.lines` and `spec/ob_v3p0.lines`, and
 * `scripts/clr_v2p0.lines` for the CLR 2.0 classes (ClrCredential, ClrSubject, Association);
 * the Common Data Model classes those files include by name (Address, GeoCoordinates,
 * IdentifierEntry, IdentifierTypeEnum, the Phone/Email/PersonNameParts mixins, Imsx_*) are
 * read from the 2024 JSON Schemas, which embed them. A property with a maximum cardinality
 * above one is an array, as the 2024 schemas require. The model class `Map` is `JsonLdMap`.
 *
 * @packageDocumentation
 */

// ---- Derived types ------------------------------------------------------------------

/**
 * A `NormalizedString` that represents a Uniform Resource Identifier (URI).
 * @example
 * ```ts
 * import type { URI } from 'ob3kit/model';
 * const uRI: URI = 'https://example.com/achievements/1';
 * ```
 */
export type URI = string;

/**
 * A `URI` that represents a Uniform Resource Locator (URL).
 * @example
 * ```ts
 * import type { URL } from 'ob3kit/model';
 * const uRL: URL = 'https://example.com/catalog/degree';
 * ```
 */
export type URL = string;

/**
 * A `NormalizedString` that represents an Internationalized Resource Identifier (IRI).
 * @example
 * ```ts
 * import type { IRI } from 'ob3kit/model';
 * const iRI: IRI = 'Achievement';
 * ```
 */
export type IRI = string;

/**
 * A `String` that may contain Markdown.
 * @example
 * ```ts
 * import type { Markdown } from 'ob3kit/model';
 * const markdown: Markdown = '# Requirements\nComplete the course.';
 * ```
 */
export type Markdown = string;

/**
 * A `String` in Compact JWS format (RFC 7515).
 * @example
 * ```ts
 * import type { CompactJws } from 'ob3kit/model';
 * const compactJws: CompactJws = 'eyJhbGciOiJFZERTQSJ9.e30.c2lnbmF0dXJl';
 * ```
 */
export type CompactJws = string;

/**
 * An algorithm identifier (`sha256` or `md5`), a `$` separator and a hex hash across an identifier and an optionally appended salt.
 * @example
 * ```ts
 * import type { IdentityHash } from 'ob3kit/model';
 * const identityHash: IdentityHash = 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399';
 * ```
 */
export type IdentityHash = string;

/**
 * A language code (BCP 47).
 * @example
 * ```ts
 * import type { LanguageCode } from 'ob3kit/model';
 * const languageCode: LanguageCode = 'en-US';
 * ```
 */
export type LanguageCode = string;

/**
 * An ISO 8601 / RFC 3339 date and time with a time zone (`Z` or an offset).
 * @example
 * ```ts
 * import type { DateTime } from 'ob3kit/model';
 * const dateTime: DateTime = '2024-01-01T00:00:00Z';
 * ```
 */
export type DateTime = string;

/**
 * A `DateTime` with the trailing time zone specifier included.
 * @example
 * ```ts
 * import type { DateTimeZ } from 'ob3kit/model';
 * const dateTimeZ: DateTimeZ = '2024-01-01T00:00:00Z';
 * ```
 */
export type DateTimeZ = string;

/**
 * A `NormalizedString` representing an email address.
 * @example
 * ```ts
 * import type { EmailAddress } from 'ob3kit/model';
 * const emailAddress: EmailAddress = 'info@example.com';
 * ```
 */
export type EmailAddress = string;

/**
 * A `NormalizedString` representing a phone number.
 * @example
 * ```ts
 * import type { PhoneNumber } from 'ob3kit/model';
 * const phoneNumber: PhoneNumber = '1-222-333-4444';
 * ```
 */
export type PhoneNumber = string;

/**
 * An extension term of an extensible vocabulary: `ext:` followed by the term.
 * @example
 * ```ts
 * import type { ExtensionTerm } from 'ob3kit/model';
 * const extensionTerm: ExtensionTerm = 'ext:MyTerm';
 * ```
 */
export type ExtensionTerm = `ext:${string}`;

// ---- Enumerations -------------------------------------------------------------------

/**
 * The terms of the AchievementType vocabulary (extensible: see {@link AchievementType}).
 * @example
 * ```ts
 * import { ACHIEVEMENT_TYPES } from 'ob3kit/model';
 * console.log(ACHIEVEMENT_TYPES.includes('Achievement')); // true
 * ```
 */
export const ACHIEVEMENT_TYPES = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;

/**
 * The type of achievement, for example 'Award' or 'Certification'.
 * Extensible: any `ext:`-prefixed term is allowed too.
 * @example
 * ```ts
 * import type { AchievementType } from 'ob3kit/model';
 * const achievementType: AchievementType = 'Achievement';
 * ```
 */
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number] | ExtensionTerm;

/**
 * The terms of the AlignmentTargetType vocabulary (extensible: see {@link AlignmentTargetType}).
 * @example
 * ```ts
 * import { ALIGNMENT_TARGET_TYPES } from 'ob3kit/model';
 * console.log(ALIGNMENT_TARGET_TYPES.includes('ceasn:Competency')); // true
 * ```
 */
export const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
] as const;

/**
 * The type of the alignment target node in the target framework.
 * Extensible: any `ext:`-prefixed term is allowed too.
 * @example
 * ```ts
 * import type { AlignmentTargetType } from 'ob3kit/model';
 * const alignmentTargetType: AlignmentTargetType = 'ceasn:Competency';
 * ```
 */
export type AlignmentTargetType = (typeof ALIGNMENT_TARGET_TYPES)[number] | ExtensionTerm;

/**
 * The terms of the IdentifierTypeEnum vocabulary (extensible: see {@link IdentifierTypeEnum}).
 * @example
 * ```ts
 * import { IDENTIFIER_TYPES } from 'ob3kit/model';
 * console.log(IDENTIFIER_TYPES.includes('name')); // true
 * ```
 */
export const IDENTIFIER_TYPES = [
  'name',
  'sourcedId',
  'systemId',
  'productId',
  'userName',
  'accountId',
  'emailAddress',
  'nationalIdentityNumber',
  'isbn',
  'issn',
  'lisSourcedId',
  'oneRosterSourcedId',
  'sisSourcedId',
  'ltiContextId',
  'ltiDeploymentId',
  'ltiToolId',
  'ltiPlatformId',
  'ltiUserId',
  'identifier',
] as const;

/**
 * The type of an identifier (CDM vocabulary).
 * Extensible: any `ext:`-prefixed term is allowed too.
 * @example
 * ```ts
 * import type { IdentifierTypeEnum } from 'ob3kit/model';
 * const identifierTypeEnum: IdentifierTypeEnum = 'name';
 * ```
 */
export type IdentifierTypeEnum = (typeof IDENTIFIER_TYPES)[number] | ExtensionTerm;

/**
 * The terms of the ResultType vocabulary (extensible: see {@link ResultType}).
 * @example
 * ```ts
 * import { RESULT_TYPES } from 'ob3kit/model';
 * console.log(RESULT_TYPES.includes('GradePointAverage')); // true
 * ```
 */
export const RESULT_TYPES = [
  'GradePointAverage',
  'LetterGrade',
  'Percent',
  'PerformanceLevel',
  'PredictedScore',
  'RawScore',
  'Result',
  'RubricCriterion',
  'RubricCriterionLevel',
  'RubricScore',
  'ScaledScore',
  'Status',
] as const;

/**
 * The type of result.
 * Extensible: any `ext:`-prefixed term is allowed too.
 * @example
 * ```ts
 * import type { ResultType } from 'ob3kit/model';
 * const resultType: ResultType = 'GradePointAverage';
 * ```
 */
export type ResultType = (typeof RESULT_TYPES)[number] | ExtensionTerm;

/**
 * The terms of the ResultStatusType vocabulary.
 * @example
 * ```ts
 * import { RESULT_STATUS_TYPES } from 'ob3kit/model';
 * console.log(RESULT_STATUS_TYPES.includes('Completed')); // true
 * ```
 */
export const RESULT_STATUS_TYPES = [
  'Completed',
  'Enrolled',
  'Failed',
  'InProgress',
  'OnHold',
  'Provisional',
  'Withdrew',
] as const;

/**
 * Defined vocabulary to convey the status of an achievement.
 * @example
 * ```ts
 * import type { ResultStatusType } from 'ob3kit/model';
 * const resultStatusType: ResultStatusType = 'Completed';
 * ```
 */
export type ResultStatusType = (typeof RESULT_STATUS_TYPES)[number];

/**
 * The terms of the AssociationType vocabulary.
 * @example
 * ```ts
 * import { ASSOCIATION_TYPES } from 'ob3kit/model';
 * console.log(ASSOCIATION_TYPES.includes('exactMatchOf')); // true
 * ```
 */
export const ASSOCIATION_TYPES = [
  'exactMatchOf',
  'isChildOf',
  'isParentOf',
  'isPartOf',
  'isPeerOf',
  'isRelatedTo',
  'precedes',
  'replacedBy',
] as const;

/**
 * The relations an Association may state between a source and a target achievement.
 * @example
 * ```ts
 * import type { AssociationType } from 'ob3kit/model';
 * const associationType: AssociationType = 'exactMatchOf';
 * ```
 */
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

/**
 * The terms of the Imsx_CodeMajor vocabulary.
 * @example
 * ```ts
 * import { IMSX_CODE_MAJOR_VALUES } from 'ob3kit/model';
 * console.log(IMSX_CODE_MAJOR_VALUES.includes('failure')); // true
 * ```
 */
export const IMSX_CODE_MAJOR_VALUES = [
  'failure',
  'processing',
  'success',
  'unsupported',
] as const;

/**
 * This is the set of primary status report values i.e. the major code assigned to the status block.
 * @example
 * ```ts
 * import type { Imsx_CodeMajor } from 'ob3kit/model';
 * const imsxCodeMajor: Imsx_CodeMajor = 'failure';
 * ```
 */
export type Imsx_CodeMajor = (typeof IMSX_CODE_MAJOR_VALUES)[number];

/**
 * The terms of the Imsx_Severity vocabulary.
 * @example
 * ```ts
 * import { IMSX_SEVERITY_VALUES } from 'ob3kit/model';
 * console.log(IMSX_SEVERITY_VALUES.includes('error')); // true
 * ```
 */
export const IMSX_SEVERITY_VALUES = [
  'error',
  'status',
  'warning',
] as const;

/**
 * This is the context for the status report values.
 * @example
 * ```ts
 * import type { Imsx_Severity } from 'ob3kit/model';
 * const imsxSeverity: Imsx_Severity = 'error';
 * ```
 */
export type Imsx_Severity = (typeof IMSX_SEVERITY_VALUES)[number];

/**
 * The terms of the Imsx_CodeMinorFieldValue vocabulary.
 * @example
 * ```ts
 * import { IMSX_CODE_MINOR_FIELD_VALUES } from 'ob3kit/model';
 * console.log(IMSX_CODE_MINOR_FIELD_VALUES.includes('forbidden')); // true
 * ```
 */
export const IMSX_CODE_MINOR_FIELD_VALUES = [
  'forbidden',
  'fullsuccess',
  'internal_server_error',
  'invalid_data',
  'invalid_query_parameter',
  'misdirected_request',
  'not_acceptable',
  'not_allowed',
  'not_found',
  'not_modified',
  'server_busy',
  'unauthorizedrequest',
  'unknown',
] as const;

/**
 * This is the set of codeMinor status codes that are used to provide further insight into the completion status of the end-to-end transaction i.e. this should be used to provide more information than would be supplied by an HTTP code.
 * @example
 * ```ts
 * import type { Imsx_CodeMinorFieldValue } from 'ob3kit/model';
 * const imsxCodeMinorFieldValue: Imsx_CodeMinorFieldValue = 'forbidden';
 * ```
 */
export type Imsx_CodeMinorFieldValue = (typeof IMSX_CODE_MINOR_FIELD_VALUES)[number];

// ---- Classes ------------------------------------------------------------------------

/**
 * A JSON-LD context: a URI or a map with a local context definition (model class `Context`).
 * @example
 * ```ts
 * import type { Context } from 'ob3kit/model';
 * const context: Context = 'https://www.w3.org/ns/credentials/v2';
 * ```
 */
export type Context = URI | JsonLdMap;

/**
 * A description of the individual, entity, or organization that issued the credential.
 * @example
 * ```ts
 * import type { ProfileRef } from 'ob3kit/model';
 * const profileRef: ProfileRef = 'https://example.com/profileref/id';
 * ```
 */
export type ProfileRef = URI | Profile;

/**
 * AnyAchievementCredential represents an AchievementCredential that might be built using [[VC-DATA-MODEL]] or [[VC-DATA-MODEL-2.0]].
 * @example
 * ```ts
 * import type { AnyAchievementCredential } from 'ob3kit/model';
 * const anyAchievementCredential: AnyAchievementCredential = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: 'https://example.com/achievementcredential/id', type: ['VerifiableCredential', 'AchievementCredential'], issuer: 'https://example.com/achievementcredential/issuer', validFrom: '2024-01-01T00:00:00Z', credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://example.com/achievement/id', type: ['Achievement'], criteria: {}, description: 'Example', name: 'Example' } } };
 * ```
 */
export type AnyAchievementCredential = AchievementCredential | AchievementCredentialv1p1;

/**
 * AnyEndorsementCredential represents an EndorsementCredential that might be built using [[VC-DATA-MODEL]] or [[VC-DATA-MODEL-2.0]].
 * @example
 * ```ts
 * import type { AnyEndorsementCredential } from 'ob3kit/model';
 * const anyEndorsementCredential: AnyEndorsementCredential = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: 'https://example.com/endorsementcredential/id', type: ['VerifiableCredential', 'EndorsementCredential'], issuer: 'https://example.com/endorsementcredential/issuer', validFrom: '2024-01-01T00:00:00Z', credentialSubject: { id: 'https://example.com/endorsementsubject/id', type: ['EndorsementSubject'] }, name: 'Example' };
 * ```
 */
export type AnyEndorsementCredential = EndorsementCredential | EndorsementCredentialv1p1;

/**
 * A collection of information about the accomplishment recognized by the Assertion.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Achievement } from 'ob3kit/model';
 * const achievement: Achievement = { id: 'https://example.com/achievement/id', type: ['Achievement'], criteria: {}, description: 'Example', name: 'Example' };
 * ```
 */
export interface Achievement {
  /** Unique URI for the Achievement. (1) */
  id: URI;
  /** The type MUST include the IRI 'Achievement'. (1..*) */
  type: IRI[];
  /** An object describing which objectives or educational standards this achievement aligns to, if any. (0..*) */
  alignment?: Alignment[];
  /** The type of achievement. (0..1) */
  achievementType?: AchievementType;
  /** The person or organization that created the achievement definition. (0..1) */
  creator?: Profile;
  /** Credit hours associated with this entity, or credit hours possible. (0..1) */
  creditsAvailable?: number;
  /** Criteria describing how to earn the achievement. (1) */
  criteria: Criteria;
  /** A short description of the achievement. (1) */
  description: string;
  /** Allows endorsers to make specific claims about the Achievement. (0..*) */
  endorsement?: EndorsementCredential[];
  /** Allows endorsers to make specific claims about the Achievement. (0..*) */
  endorsementJwt?: CompactJws[];
  /** Category, subject, area of study, discipline, or general branch of knowledge. (0..1) */
  fieldOfStudy?: string;
  /** The code, generally human readable, associated with an achievement. (0..1) */
  humanCode?: string;
  /** An image representing the achievement. (0..1) */
  image?: Image;
  /** The language of the achievement. (0..1) */
  inLanguage?: LanguageCode;
  /** The name of the achievement. (1) */
  name: string;
  /** A list of identifiers for the described entity. (0..*) */
  otherIdentifier?: IdentifierEntry[];
  /** The related property identifies another Achievement that should be considered the same for most purposes. (0..*) */
  related?: Related[];
  /** The set of result descriptions that may be asserted as results with this achievement. (0..*) */
  resultDescription?: ResultDescription[];
  /** Name given to the focus, concentration, or specific area of study defined in the achievement. (0..1) */
  specialization?: string;
  /** One or more short, human-friendly, searchable, keywords that describe the type of achievement. (0..*) */
  tag?: string[];
  /** The version property allows issuers to set a version string for an Achievement. (0..1) */
  version?: string;
  [key: string]: unknown;
}

/**
 * AchievementCredentials are representations of an awarded achievement, used to share information about a achievement belonging to one earner.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { AchievementCredential } from 'ob3kit/model';
 * const achievementCredential: AchievementCredential = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: 'https://example.com/achievementcredential/id', type: ['VerifiableCredential', 'AchievementCredential'], issuer: 'https://example.com/achievementcredential/issuer', validFrom: '2024-01-01T00:00:00Z', credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://example.com/achievement/id', type: ['Achievement'], criteria: {}, description: 'Example', name: 'Example' } } };
 * ```
 */
export interface AchievementCredential {
  /** The value of the `@context` property MUST be an ordered set where the first item is a URI with the value 'https://www.w3.org/ns/credentials/v2', and the second item is a URI with the value 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'. (2..*) */
  '@context': Context[];
  /** Unambiguous reference to the credential. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the URI 'VerifiableCredential', and one of the items MUST be the URI 'AchievementCredential' or the URI 'OpenBadgeCredential'. (1..*) */
  type: IRI[];
  /** A description of the individual, entity, or organization that issued the credential. (1) */
  issuer: ProfileRef;
  /** Timestamp of when the credential becomes valid. (1) */
  validFrom: DateTimeZ;
  /** If the credential has some notion of validity period, this indicates a timestamp when a credential should no longer be considered valid. (0..1) */
  validUntil?: DateTimeZ;
  /** The recipient of the achievement. (1) */
  credentialSubject: AchievementSubject;
  /** If present, one or more embedded cryptographic proofs that can be used to detect tampering and verify the authorship of the credential. (0..*) */
  proof?: Proof[];
  /** The value of the `credentialSchema` property MUST be one or more data schemas that provide verifiers with enough information to determine if the provided data conforms to the provided schema. (0..*) */
  credentialSchema?: CredentialSchema[];
  /** The information in CredentialStatus is used to discover information about the current status of a verifiable credential, such as whether it is suspended or revoked. (0..1) */
  credentialStatus?: CredentialStatus;
  /** The information in RefreshService is used to refresh the verifiable credential. (0..1) */
  refreshService?: RefreshService;
  /** The value of the `termsOfUse` property tells the verifier what actions it is required to perform (an obligation), not allowed to perform (a prohibition), or allowed to perform (a permission) if it is to accept the verifiable credential. (0..*) */
  termsOfUse?: TermsOfUse[];
  /** The name of the credential for display purposes in wallets. (0..1) */
  name?: string;
  /** The short description of the credential for display purposes in wallets. (0..1) */
  description?: string;
  /** The image representing the credential for display purposes in wallets. (0..1) */
  image?: Image;
  /** Timestamp of when the credential was awarded. (0..1) */
  awardedDate?: DateTimeZ;
  /** Allows endorsers to make specific claims about the credential, and the achievement and profiles in the credential. (0..*) */
  endorsement?: EndorsementCredential[];
  /** Allows endorsers to make specific claims about the credential, and the achievement and profiles in the credential. (0..*) */
  endorsementJwt?: CompactJws[];
  /** A description of the work that the recipient did to earn the achievement. (0..*) */
  evidence?: Evidence[];
  [key: string]: unknown;
}

/**
 * A collection of information about the recipient of an achievement.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { AchievementSubject } from 'ob3kit/model';
 * const achievementSubject: AchievementSubject = { type: ['AchievementSubject'], achievement: { id: 'https://example.com/achievement/id', type: ['Achievement'], criteria: {}, description: 'Example', name: 'Example' } };
 * ```
 */
export interface AchievementSubject {
  /** An identifier for the Credential Subject. (0..1) */
  id?: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'AchievementSubject'. (1..*) */
  type: IRI[];
  /** The datetime the activity ended. (0..1) */
  activityEndDate?: DateTime;
  /** The datetime the activity started. (0..1) */
  activityStartDate?: DateTime;
  /** The number of credits earned, generally in semester or quarter credit hours. (0..1) */
  creditsEarned?: number;
  /** The achievement being awarded. (1) */
  achievement: Achievement;
  /** Other identifiers for the recipient of the achievement. (0..*) */
  identifier?: IdentityObject[];
  /** An image representing this user's achievement. (0..1) */
  image?: Image;
  /** The license number that was issued with this credential. (0..1) */
  licenseNumber?: string;
  /** A narrative that connects multiple pieces of evidence. (0..1) */
  narrative?: Markdown;
  /** The set of results being asserted. (0..*) */
  result?: Result[];
  /** Role, position, or title of the learner when demonstrating or performing the achievement or evidence of learning being asserted. (0..1) */
  role?: string;
  /** The person, organization, or system that assessed the achievement on behalf of the issuer. (0..1) */
  source?: Profile;
  /** The academic term in which this assertion was achieved. (0..1) */
  term?: string;
  [key: string]: unknown;
}

/**
 * An address for the described entity.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Address } from 'ob3kit/model';
 * const address: Address = { type: ['Address'] };
 * ```
 */
export interface Address {
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'Address'. (1..*) */
  type: IRI[];
  /** A country. (0..1) */
  addressCountry?: string;
  /** A country code. (0..1) */
  addressCountryCode?: string;
  /** A region within the country. (0..1) */
  addressRegion?: string;
  /** A locality within the region. (0..1) */
  addressLocality?: string;
  /** A street address within the locality. (0..1) */
  streetAddress?: string;
  /** A post office box number for PO box addresses. (0..1) */
  postOfficeBoxNumber?: string;
  /** A postal code. (0..1) */
  postalCode?: string;
  /** (0..1) */
  geo?: GeoCoordinates;
  [key: string]: unknown;
}

/**
 * Describes an alignment between an achievement and a node in an educational framework.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Alignment } from 'ob3kit/model';
 * const alignment: Alignment = { type: ['Alignment'], targetName: 'Example', targetUrl: 'https://example.com/alignment/targeturl' };
 * ```
 */
export interface Alignment {
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'Alignment'. (1..*) */
  type: IRI[];
  /** If applicable, a locally unique string identifier that identifies the alignment target within its framework and/or targetUrl. (0..1) */
  targetCode?: string;
  /** Short description of the alignment target. (0..1) */
  targetDescription?: string;
  /** Name of the alignment. (1) */
  targetName: string;
  /** Name of the framework the alignment target. (0..1) */
  targetFramework?: string;
  /** The type of the alignment target node. (0..1) */
  targetType?: AlignmentTargetType;
  /** URL linking to the official description of the alignment target, for example an individual standard within an educational framework. (1) */
  targetUrl: URL;
  [key: string]: unknown;
}

/**
 * Descriptive metadata about the achievements necessary to be recognized with an assertion of a particular achievement.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Criteria } from 'ob3kit/model';
 * const criteria: Criteria = {};
 * ```
 */
export interface Criteria {
  /** The URI of a webpage that describes in a human-readable format the criteria for the achievement. (0..1) */
  id?: URI;
  /** A narrative of what is needed to earn the achievement. (0..1) */
  narrative?: Markdown;
  [key: string]: unknown;
}

/**
 * A verifiable credential that asserts a claim about an entity.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { EndorsementCredential } from 'ob3kit/model';
 * const endorsementCredential: EndorsementCredential = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: 'https://example.com/endorsementcredential/id', type: ['VerifiableCredential', 'EndorsementCredential'], issuer: 'https://example.com/endorsementcredential/issuer', validFrom: '2024-01-01T00:00:00Z', credentialSubject: { id: 'https://example.com/endorsementsubject/id', type: ['EndorsementSubject'] }, name: 'Example' };
 * ```
 */
export interface EndorsementCredential {
  /** The value of the `@context` property MUST be an ordered set where the first item is a URI with the value 'https://www.w3.org/ns/credentials/v2', and the second item is a URI with the value 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'. (2..*) */
  '@context': Context[];
  /** Unambiguous reference to the credential. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the URI 'VerifiableCredential', and one of the items MUST be the URI 'EndorsementCredential'. (1..*) */
  type: IRI[];
  /** A description of the individual, entity, or organization that issued the credential. (1) */
  issuer: ProfileRef;
  /** Timestamp of when the credential becomes valid. (1) */
  validFrom: DateTimeZ;
  /** If the credential has some notion of validity period, this indicates a timestamp when a credential should no longer be considered valid. (0..1) */
  validUntil?: DateTimeZ;
  /** The individual, entity, organization, assertion, or achievement that is endorsed and the endorsement comment. (1) */
  credentialSubject: EndorsementSubject;
  /** If present, one or more embedded cryptographic proofs that can be used to detect tampering and verify the authorship of the credential. (0..*) */
  proof?: Proof[];
  /** The value of the `credentialSchema` property MUST be one or more data schemas that provide verifiers with enough information to determine if the provided data conforms to the provided schema. (0..*) */
  credentialSchema?: CredentialSchema[];
  /** The information in CredentialStatus is used to discover information about the current status of a verifiable credential, such as whether it is suspended or revoked. (0..1) */
  credentialStatus?: CredentialStatus;
  /** The information in RefreshService is used to refresh the verifiable credential. (0..1) */
  refreshService?: RefreshService;
  /** The value of the `termsOfUse` property tells the verifier what actions it is required to perform (an obligation), not allowed to perform (a prohibition), or allowed to perform (a permission) if it is to accept the verifiable credential. (0..*) */
  termsOfUse?: TermsOfUse[];
  /** The name of the credential for display purposes in wallets. (1) */
  name: string;
  /** The short description of the credential for display purposes in wallets. (0..1) */
  description?: string;
  /** Timestamp of when the credential was awarded. (0..1) */
  awardedDate?: DateTimeZ;
  [key: string]: unknown;
}

/**
 * A collection of information about the subject of the endorsement.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { EndorsementSubject } from 'ob3kit/model';
 * const endorsementSubject: EndorsementSubject = { id: 'https://example.com/endorsementsubject/id', type: ['EndorsementSubject'] };
 * ```
 */
export interface EndorsementSubject {
  /** The identifier of the individual, entity, organization, assertion, or achievement that is endorsed. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the URI 'EndorsementSubject'. (1..*) */
  type: IRI[];
  /** Allows endorsers to make a simple claim in writing about the entity. (0..1) */
  endorsementComment?: Markdown;
  [key: string]: unknown;
}

/**
 * Descriptive metadata about evidence related to the achievement assertion.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Evidence } from 'ob3kit/model';
 * const evidence: Evidence = { type: ['Evidence'] };
 * ```
 */
export interface Evidence {
  /** The URL of a webpage presenting evidence of achievement or the evidence encoded as a Data URI. (0..1) */
  id?: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'Evidence'. (1..*) */
  type: IRI[];
  /** A narrative that describes the evidence and process of achievement that led to an assertion. (0..1) */
  narrative?: Markdown;
  /** A descriptive title of the evidence. (0..1) */
  name?: string;
  /** A longer description of the evidence. (0..1) */
  description?: string;
  /** A string that describes the type of evidence. (0..1) */
  genre?: string;
  /** A description of the intended audience for a piece of evidence. (0..1) */
  audience?: string;
  [key: string]: unknown;
}

/**
 * The geographic coordinates of a location.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { GeoCoordinates } from 'ob3kit/model';
 * const geoCoordinates: GeoCoordinates = { type: 'GeoCoordinates', latitude: 1, longitude: 1 };
 * ```
 */
export interface GeoCoordinates {
  /** MUST be the IRI 'GeoCoordinates'. (1) */
  type: 'GeoCoordinates';
  /** The latitude of the location [[WGS84]]. (1) */
  latitude: number;
  /** The longitude of the location [[WGS84]]. (1) */
  longitude: number;
  [key: string]: unknown;
}

/**
 * An identifier of the described entity, with its type.
 * @example
 * ```ts
 * import type { IdentifierEntry } from 'ob3kit/model';
 * const identifierEntry: IdentifierEntry = { type: 'IdentifierEntry', identifier: 'Example', identifierType: 'name' };
 * ```
 */
export interface IdentifierEntry {
  /** MUST be the IRI 'IdentifierEntry'. (1) */
  type: 'IdentifierEntry';
  /** An identifier. (1) */
  identifier: string;
  /** The identifier type. (1) */
  identifierType: IdentifierTypeEnum;
}

/**
 * A collection of information about the recipient of an achievement.
 * @example
 * ```ts
 * import type { IdentityObject } from 'ob3kit/model';
 * const identityObject: IdentityObject = { type: 'IdentityObject', hashed: true, identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399', identityType: 'name' };
 * ```
 */
export interface IdentityObject {
  /** MUST be the IRI 'IdentityObject'. (1) */
  type: 'IdentityObject';
  /** Whether or not the `identityHash` value is hashed. (1) */
  hashed: boolean;
  /** Either the IdentityHash of the identity or the plaintext value. (1) */
  identityHash: IdentityHash;
  /** The identity type. (1) */
  identityType: IdentifierTypeEnum;
  /** If the `identityHash` is hashed, this should contain the string used to salt the hash. (0..1) */
  salt?: string;
}

/**
 * Metadata about images that represent assertions, achieve or profiles.
 * @example
 * ```ts
 * import type { Image } from 'ob3kit/model';
 * const image: Image = { id: 'https://example.com/image/id', type: 'Image' };
 * ```
 */
export interface Image {
  /** The URI or Data URI of the image. (1) */
  id: URI;
  /** MUST be the IRI 'Image'. (1) */
  type: 'Image';
  /** The caption for the image. (0..1) */
  caption?: string;
}

/**
 * A Profile is a collection of information that describes the entity or organization using Open Badges.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Profile } from 'ob3kit/model';
 * const profile: Profile = { id: 'https://example.com/profile/id', type: ['Profile'] };
 * ```
 */
export interface Profile {
  /** Unique URI for the Issuer/Profile file. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'Profile'. (1..*) */
  type: IRI[];
  /** The name of the entity or organization. (0..1) */
  name?: string;
  /** The homepage or social media profile of the entity, whether individual or institutional. (0..1) */
  url?: URI;
  /** A phone number. (0..1) */
  phone?: PhoneNumber;
  /** A short description of the issuer entity or organization. (0..1) */
  description?: string;
  /** Allows endorsers to make specific claims about the individual or organization represented by this profile. (0..*) */
  endorsement?: EndorsementCredential[];
  /** Allows endorsers to make specific claims about the individual or organization represented by this profile. (0..*) */
  endorsementJwt?: CompactJws[];
  /** An image representing the issuer. (0..1) */
  image?: Image;
  /** An email address. (0..1) */
  email?: EmailAddress;
  /** An address for the individual or organization. (0..1) */
  address?: Address;
  /** A list of identifiers for the described entity. (0..*) */
  otherIdentifier?: IdentifierEntry[];
  /** If the entity is an organization, `official` is the name of an authorized official of the organization. (0..1) */
  official?: string;
  /** The parent organization of the entity. (0..1) */
  parentOrg?: Profile;
  /** Given name. (0..1) */
  givenName?: string;
  /** Family name. (0..1) */
  familyName?: string;
  /** Additional name. (0..1) */
  additionalName?: string;
  /** Patronymic name. (0..1) */
  patronymicName?: string;
  /** Honorific prefix(es) preceding a person's name (e.g. 'Dr', 'Mrs' or 'Mr'). (0..1) */
  honorificPrefix?: string;
  /** Honorific suffix(es) following a person's name (e.g. 'M.D, PhD'). (0..1) */
  honorificSuffix?: string;
  /** Family name prefix. (0..1) */
  familyNamePrefix?: string;
  /** Birthdate of the person. (0..1) */
  dateOfBirth?: string;
  [key: string]: unknown;
}

/**
 * Identifies a related achievement.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Related } from 'ob3kit/model';
 * const related: Related = { id: 'https://example.com/related/id', type: ['Related'] };
 * ```
 */
export interface Related {
  /** The related achievement. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'Related'. (1..*) */
  type: IRI[];
  /** The language of the related achievement. (0..1) */
  inLanguage?: LanguageCode;
  /** The version of the related achievement. (0..1) */
  version?: string;
  [key: string]: unknown;
}

/**
 * Describes a result that was achieved.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Result } from 'ob3kit/model';
 * const result: Result = { type: ['Result'] };
 * ```
 */
export interface Result {
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'Result'. (1..*) */
  type: IRI[];
  /** If the result represents an achieved rubric criterion level (e.g. Mastered), the value is the `id` of the RubricCriterionLevel in linked ResultDescription. (0..1) */
  achievedLevel?: URI;
  /** The alignments between this result and nodes in external frameworks. (0..*) */
  alignment?: Alignment[];
  /** An achievement can have many result descriptions describing possible results. (0..1) */
  resultDescription?: URI;
  /** The status of the achievement. (0..1) */
  status?: ResultStatusType;
  /** A string representing the result of the performance, or demonstration, of the achievement. (0..1) */
  value?: string;
  [key: string]: unknown;
}

/**
 * Describes a possible achievement result.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { ResultDescription } from 'ob3kit/model';
 * const resultDescription: ResultDescription = { id: 'https://example.com/resultdescription/id', type: ['ResultDescription'], name: 'Example', resultType: 'GradePointAverage' };
 * ```
 */
export interface ResultDescription {
  /** The unique URI for this result description. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'ResultDescription'. (1..*) */
  type: IRI[];
  /** Alignments between this result description and nodes in external frameworks. (0..*) */
  alignment?: Alignment[];
  /** An ordered list of allowed values. (0..*) */
  allowedValue?: string[];
  /** The name of the result. (1) */
  name: string;
  /** The `id` of the rubric criterion level required to pass as determined by the achievement creator. (0..1) */
  requiredLevel?: URI;
  /** A value from `allowedValue` or within the range of `valueMin` to `valueMax` required to pass as determined by the achievement creator. (0..1) */
  requiredValue?: string;
  /** The type of result this description represents. (1) */
  resultType: ResultType;
  /** An ordered array of rubric criterion levels that may be asserted in the linked result. (0..*) */
  rubricCriterionLevel?: RubricCriterionLevel[];
  /** The maximum possible `value` that may be asserted in a linked result. (0..1) */
  valueMax?: string;
  /** The minimum possible `value` that may be asserted in a linked result. (0..1) */
  valueMin?: string;
  [key: string]: unknown;
}

/**
 * Describes a rubric criterion level.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { RubricCriterionLevel } from 'ob3kit/model';
 * const rubricCriterionLevel: RubricCriterionLevel = { id: 'https://example.com/rubriccriterionlevel/id', type: ['RubricCriterionLevel'], name: 'Example' };
 * ```
 */
export interface RubricCriterionLevel {
  /** The unique URI for this rubric criterion level. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'RubricCriterionLevel'. (1..*) */
  type: IRI[];
  /** Alignments between this rubric criterion level and a rubric criterion levels defined in external frameworks. (0..*) */
  alignment?: Alignment[];
  /** Description of the rubric criterion level. (0..1) */
  description?: string;
  /** The rubric performance level in terms of success. (0..1) */
  level?: string;
  /** The name of the rubric criterion level. (1) */
  name: string;
  /** The points associated with this rubric criterion level. (0..1) */
  points?: string;
  [key: string]: unknown;
}

/**
 * A Verifiable Credential as defined in the [[VC-DATA-MODEL-2.0]].
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { VerifiableCredential } from 'ob3kit/model';
 * const verifiableCredential: VerifiableCredential = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'https://example.com/verifiablecredential/issuer', validFrom: '2024-01-01T00:00:00Z', credentialSubject: {} };
 * ```
 */
export interface VerifiableCredential {
  /** The value of the `@context` property MUST be an ordered set where the first item is a URI with the value 'https://www.w3.org/ns/credentials/v2'. (1..*) */
  '@context': Context[];
  /** Unambiguous reference to the credential. (0..1) */
  id?: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the URI 'VerifiableCredential'. (1..*) */
  type: IRI[];
  /** A description of the individual, entity, or organization that issued the credential. (1) */
  issuer: ProfileRef;
  /** Timestamp of when the credential becomes valid. (1) */
  validFrom: DateTimeZ;
  /** If the credential has some notion of validity period, this indicates a timestamp when a credential should no longer be considered valid. (0..1) */
  validUntil?: DateTimeZ;
  /** The subject of the credential. (1) */
  credentialSubject: CredentialSubject;
  /** If present, one or more embedded cryptographic proofs that can be used to detect tampering and verify the authorship of the credential. (0..*) */
  proof?: Proof[];
  /** The value of the `credentialSchema` property MUST be one or more data schemas that provide verifiers with enough information to determine if the provided data conforms to the provided schema. (0..*) */
  credentialSchema?: CredentialSchema[];
  /** The information in CredentialStatus is used to discover information about the current status of a verifiable credential, such as whether it is suspended or revoked. (0..1) */
  credentialStatus?: CredentialStatus;
  /** The information in RefreshService is used to refresh the verifiable credential. (0..1) */
  refreshService?: RefreshService;
  /** The value of the `termsOfUse` property tells the verifier what actions it is required to perform (an obligation), not allowed to perform (a prohibition), or allowed to perform (a permission) if it is to accept the verifiable credential. (0..*) */
  termsOfUse?: TermsOfUse[];
  [key: string]: unknown;
}

/**
 * Identify the type and location of a data schema.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { CredentialSchema } from 'ob3kit/model';
 * const credentialSchema: CredentialSchema = { id: 'https://example.com/credentialschema/id', type: 'https://example.com/credentialschema/type' };
 * ```
 */
export interface CredentialSchema {
  /** The value MUST be a URI identifying the schema file. (1) */
  id: URI;
  /** The value MUST identify the type of data schema validation. One instance of `CredentialSchema` MUST have a `type` of '1EdTechJsonSchemaValidator2019'. (1) */
  type: IRI;
  [key: string]: unknown;
}

/**
 * The information in CredentialStatus is used to discover information about the current status of a verifiable credential, such as whether it is suspended or revoked.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { CredentialStatus } from 'ob3kit/model';
 * const credentialStatus: CredentialStatus = { id: 'https://example.com/credentialstatus/id', type: 'https://example.com/credentialstatus/type' };
 * ```
 */
export interface CredentialStatus {
  /** The value MUST be the URL of the issuer's credential status method. (1) */
  id: URI;
  /** The name of the credential status method. (1) */
  type: IRI;
  [key: string]: unknown;
}

/**
 * Claims about the credential subject.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { CredentialSubject } from 'ob3kit/model';
 * const credentialSubject: CredentialSubject = {};
 * ```
 */
export interface CredentialSubject {
  /** The identity of the credential subject. (0..1) */
  id?: URI;
  [key: string]: unknown;
}

/**
 * A JSON-LD Linked Data proof.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Proof } from 'ob3kit/model';
 * const proof: Proof = { type: 'https://example.com/proof/type' };
 * ```
 */
export interface Proof {
  /** Signature suite used to produce proof. (1) */
  type: IRI;
  /** Date the proof was created. (0..1) */
  created?: DateTime;
  /** The suite used to create the proof. (0..1) */
  cryptosuite?: string;
  /** A value chosen by the verifier to mitigate authentication proof replay attacks. (0..1) */
  challenge?: string;
  /** The domain of the proof to restrict its use to a particular target. (0..1) */
  domain?: string;
  /** A value chosen by the creator of proof to randomize proof values for privacy purposes. (0..1) */
  nonce?: string;
  /** The purpose of the proof to be used with `verificationMethod`. (0..1) */
  proofPurpose?: string;
  /** Value of the proof. (0..1) */
  proofValue?: string;
  /** The URL of the public key that can verify the signature. (0..1) */
  verificationMethod?: URI;
  [key: string]: unknown;
}

/**
 * The information in RefreshService is used to refresh the verifiable credential.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { RefreshService } from 'ob3kit/model';
 * const refreshService: RefreshService = { id: 'https://example.com/refreshservice/id', type: 'https://example.com/refreshservice/type' };
 * ```
 */
export interface RefreshService {
  /** The value MUST be the URL of the issuer's refresh service. (1) */
  id: URI;
  /** The name of the refresh service method. (1) */
  type: IRI;
  [key: string]: unknown;
}

/**
 * Terms of use can be utilized by an issuer or a holder to communicate the terms under which a verifiable credential or verifiable presentation was issued
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { TermsOfUse } from 'ob3kit/model';
 * const termsOfUse: TermsOfUse = { type: 'https://example.com/termsofuse/type' };
 * ```
 */
export interface TermsOfUse {
  /** The value MUST be a URI identifying the term of use. (0..1) */
  id?: URI;
  /** The value MUST identify the type of the terms of use. (1) */
  type: IRI;
  [key: string]: unknown;
}

/**
 * A map representing an object with unknown, arbitrary properties
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { JsonLdMap } from 'ob3kit/model';
 * const map: JsonLdMap = {};
 * ```
 */
export interface JsonLdMap {
  [key: string]: unknown;
}

/**
 * AchievementCredentials are representations of an awarded achievement, used to share information about a achievement belonging to one earner.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { AchievementCredentialv1p1 } from 'ob3kit/model';
 * const achievementCredentialv1p1: AchievementCredentialv1p1 = { '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: 'https://example.com/achievementcredentialv1p1/id', type: ['VerifiableCredential', 'AchievementCredential'], issuer: { id: 'https://example.com/profilev1p1/id', type: ['Profile'] }, issuanceDate: '2024-01-01T00:00:00Z', credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://example.com/achievementv1p1/id', type: ['Achievement'], criteria: {}, description: 'Example', name: 'Example' } }, name: 'Example' };
 * ```
 */
export interface AchievementCredentialv1p1 {
  /** The value of the `@context` property MUST be an ordered set where the first item is a URI with the value 'https://www.w3.org/2018/credentials/v1', and the second item is a URI with the value 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'. (2..*) */
  '@context': Context[];
  /** Unambiguous reference to the credential. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the URI 'VerifiableCredential', and one of the items MUST be the URI 'AchievementCredential' or the URI 'OpenBadgeCredential'. (1..*) */
  type: IRI[];
  /** A description of the individual, entity, or organization that issued the credential. (1) */
  issuer: Profilev1p1;
  /** Timestamp of when the credential was issued. (1) */
  issuanceDate: DateTimeZ;
  /** If the credential has some notion of expiry, this indicates a timestamp when a credential should no longer be considered valid. (0..1) */
  expirationDate?: DateTimeZ;
  /** The recipient of the achievement. (1) */
  credentialSubject: AchievementSubjectv1p1;
  /** If present, one or more embedded cryptographic proofs that can be used to detect tampering and verify the authorship of the credential. (0..*) */
  proof?: Proof[];
  /** The value of the `credentialSchema` property MUST be one or more data schemas that provide verifiers with enough information to determine if the provided data conforms to the provided schema. (0..*) */
  credentialSchema?: CredentialSchema[];
  /** The information in CredentialStatus is used to discover information about the current status of a verifiable credential, such as whether it is suspended or revoked. (0..1) */
  credentialStatus?: CredentialStatus;
  /** The information in RefreshService is used to refresh the verifiable credential. (0..1) */
  refreshService?: RefreshService;
  /** The value of the `termsOfUse` property tells the verifier what actions it is required to perform (an obligation), not allowed to perform (a prohibition), or allowed to perform (a permission) if it is to accept the verifiable credential. (0..*) */
  termsOfUse?: TermsOfUse[];
  /** The name of the credential for display purposes in wallets. (1) */
  name: string;
  /** The short description of the credential for display purposes in wallets. (0..1) */
  description?: string;
  /** The image representing the credential for display purposes in wallets. (0..1) */
  image?: Image;
  /** Timestamp of when the credential was awarded. (0..1) */
  awardedDate?: DateTimeZ;
  /** Allows endorsers to make specific claims about the credential, and the achievement and profiles in the credential. (0..*) */
  endorsement?: EndorsementCredentialv1p1[];
  /** Allows endorsers to make specific claims about the credential, and the achievement and profiles in the credential. (0..*) */
  endorsementJwt?: CompactJws[];
  /** (0..*) */
  evidence?: Evidence[];
  [key: string]: unknown;
}

/**
 * A verifiable credential that asserts a claim about an entity.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { EndorsementCredentialv1p1 } from 'ob3kit/model';
 * const endorsementCredentialv1p1: EndorsementCredentialv1p1 = { '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: 'https://example.com/endorsementcredentialv1p1/id', type: ['VerifiableCredential', 'EndorsementCredential'], issuer: { id: 'https://example.com/profilev1p1/id', type: ['Profile'] }, issuanceDate: '2024-01-01T00:00:00Z', credentialSubject: { id: 'https://example.com/endorsementsubject/id', type: ['EndorsementSubject'] }, name: 'Example' };
 * ```
 */
export interface EndorsementCredentialv1p1 {
  /** The value of the `@context` property MUST be an ordered set where the first item is a URI with the value 'https://www.w3.org/2018/credentials/v1', and the second item is a URI with the value 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'. (2..*) */
  '@context': Context[];
  /** Unambiguous reference to the credential. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the URI 'VerifiableCredential', and one of the items MUST be the URI 'EndorsementCredential'. (1..*) */
  type: IRI[];
  /** A description of the individual, entity, or organization that issued the credential. (1) */
  issuer: Profilev1p1;
  /** Timestamp of when the credential was issued. (1) */
  issuanceDate: DateTimeZ;
  /** If the credential has some notion of expiry, this indicates a timestamp when a credential should no longer be considered valid. (0..1) */
  expirationDate?: DateTimeZ;
  /** The individual, entity, organization, assertion, or achievement that is endorsed and the endorsement comment. (1) */
  credentialSubject: EndorsementSubject;
  /** If present, one or more embedded cryptographic proofs that can be used to detect tampering and verify the authorship of the credential. (0..*) */
  proof?: Proof[];
  /** The value of the `credentialSchema` property MUST be one or more data schemas that provide verifiers with enough information to determine if the provided data conforms to the provided schema. (0..*) */
  credentialSchema?: CredentialSchema[];
  /** The information in CredentialStatus is used to discover information about the current status of a verifiable credential, such as whether it is suspended or revoked. (0..1) */
  credentialStatus?: CredentialStatus;
  /** The information in RefreshService is used to refresh the verifiable credential. (0..1) */
  refreshService?: RefreshService;
  /** The value of the `termsOfUse` property tells the verifier what actions it is required to perform (an obligation), not allowed to perform (a prohibition), or allowed to perform (a permission) if it is to accept the verifiable credential. (0..*) */
  termsOfUse?: TermsOfUse[];
  /** The name of the credential for display purposes in wallets. (1) */
  name: string;
  /** The short description of the credential for display purposes in wallets. (0..1) */
  description?: string;
  /** Timestamp of when the credential was awarded. (0..1) */
  awardedDate?: DateTimeZ;
  [key: string]: unknown;
}

/**
 * A Verifiable Credential as defined in the [[VC-DATA-MODEL]].
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { VerifiableCredentialv1p1 } from 'ob3kit/model';
 * const verifiableCredentialv1p1: VerifiableCredentialv1p1 = { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], issuer: { id: 'https://example.com/profilev1p1/id', type: ['Profile'] }, issuanceDate: '2024-01-01T00:00:00Z', credentialSubject: {} };
 * ```
 */
export interface VerifiableCredentialv1p1 {
  /** The value of the `@context` property MUST be an ordered set where the first item is a URI with the value 'https://www.w3.org/2018/credentials/v1'. (1..*) */
  '@context': Context[];
  /** Unambiguous reference to the credential. (0..1) */
  id?: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the URI 'VerifiableCredential'. (1..*) */
  type: IRI[];
  /** A description of the individual, entity, or organization that issued the credential. (1) */
  issuer: Profilev1p1;
  /** Timestamp of when the credential was issued. (1) */
  issuanceDate: DateTimeZ;
  /** If the credential has some notion of expiry, this indicates a timestamp when a credential should no longer be considered valid. (0..1) */
  expirationDate?: DateTimeZ;
  /** The subject of the credential. (1) */
  credentialSubject: CredentialSubject;
  /** If present, one or more embedded cryptographic proofs that can be used to detect tampering and verify the authorship of the credential. (0..*) */
  proof?: Proof[];
  /** The value of the `credentialSchema` property MUST be one or more data schemas that provide verifiers with enough information to determine if the provided data conforms to the provided schema. (0..*) */
  credentialSchema?: CredentialSchema[];
  /** The information in CredentialStatus is used to discover information about the current status of a verifiable credential, such as whether it is suspended or revoked. (0..1) */
  credentialStatus?: CredentialStatus;
  /** The information in RefreshService is used to refresh the verifiable credential. (0..1) */
  refreshService?: RefreshService;
  /** The value of the `termsOfUse` property tells the verifier what actions it is required to perform (an obligation), not allowed to perform (a prohibition), or allowed to perform (a permission) if it is to accept the verifiable credential. (0..*) */
  termsOfUse?: TermsOfUse[];
  [key: string]: unknown;
}

/**
 * A collection of information about the recipient of an achievement.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { AchievementSubjectv1p1 } from 'ob3kit/model';
 * const achievementSubjectv1p1: AchievementSubjectv1p1 = { type: ['AchievementSubject'], achievement: { id: 'https://example.com/achievementv1p1/id', type: ['Achievement'], criteria: {}, description: 'Example', name: 'Example' } };
 * ```
 */
export interface AchievementSubjectv1p1 {
  /** An identifier for the Credential Subject. (0..1) */
  id?: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'AchievementSubject'. (1..*) */
  type: IRI[];
  /** The datetime the activity ended. (0..1) */
  activityEndDate?: DateTime;
  /** The datetime the activity started. (0..1) */
  activityStartDate?: DateTime;
  /** The number of credits earned, generally in semester or quarter credit hours. (0..1) */
  creditsEarned?: number;
  /** The achievement being awarded. (1) */
  achievement: Achievementv1p1;
  /** Other identifiers for the recipient of the achievement. (0..*) */
  identifier?: IdentityObject[];
  /** An image representing this user's achievement. (0..1) */
  image?: Image;
  /** The license number that was issued with this credential. (0..1) */
  licenseNumber?: string;
  /** A narrative that connects multiple pieces of evidence. (0..1) */
  narrative?: Markdown;
  /** The set of results being asserted. (0..*) */
  result?: Result[];
  /** Role, position, or title of the learner when demonstrating or performing the achievement or evidence of learning being asserted. (0..1) */
  role?: string;
  /** The person, organization, or system that assessed the achievement on behalf of the issuer. (0..1) */
  source?: Profilev1p1;
  /** The academic term in which this assertion was achieved. (0..1) */
  term?: string;
  [key: string]: unknown;
}

/**
 * A collection of information about the accomplishment recognized by the Assertion.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Achievementv1p1 } from 'ob3kit/model';
 * const achievementv1p1: Achievementv1p1 = { id: 'https://example.com/achievementv1p1/id', type: ['Achievement'], criteria: {}, description: 'Example', name: 'Example' };
 * ```
 */
export interface Achievementv1p1 {
  /** Unique URI for the Achievement. (1) */
  id: URI;
  /** The type MUST include the IRI 'Achievement' (1..*) */
  type: IRI[];
  /** An object describing which objectives or educational standards this achievement aligns to, if any. (0..*) */
  alignment?: Alignment[];
  /** The type of achievement. (0..1) */
  achievementType?: AchievementType;
  /** The person or organization that created the achievement definition. (0..1) */
  creator?: Profilev1p1;
  /** Credit hours associated with this entity, or credit hours possible. (0..1) */
  creditsAvailable?: number;
  /** Criteria describing how to earn the achievement. (1) */
  criteria: Criteria;
  /** A short description of the achievement. (1) */
  description: string;
  /** Allows endorsers to make specific claims about the Achievement. (0..*) */
  endorsement?: EndorsementCredentialv1p1[];
  /** Allows endorsers to make specific claims about the Achievement. (0..*) */
  endorsementJwt?: CompactJws[];
  /** Category, subject, area of study, discipline, or general branch of knowledge. (0..1) */
  fieldOfStudy?: string;
  /** The code, generally human readable, associated with an achievement. (0..1) */
  humanCode?: string;
  /** An image representing the achievement. (0..1) */
  image?: Image;
  /** The language of the achievement. (0..1) */
  inLanguage?: LanguageCode;
  /** The name of the achievement. (1) */
  name: string;
  /** A list of identifiers for the described entity. (0..*) */
  otherIdentifier?: IdentifierEntry[];
  /** The related property identifies another Achievement that should be considered the same for most purposes. (0..*) */
  related?: Related[];
  /** The set of result descriptions that may be asserted as results with this achievement. (0..*) */
  resultDescription?: ResultDescription[];
  /** Name given to the focus, concentration, or specific area of study defined in the achievement. (0..1) */
  specialization?: string;
  /** One or more short, human-friendly, searchable, keywords that describe the type of achievement. (0..*) */
  tag?: string[];
  /** The version property allows issuers to set a version string for an Achievement. (0..1) */
  version?: string;
  [key: string]: unknown;
}

/**
 * A Profile is a collection of information that describes the entity or organization using Open Badges.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { Profilev1p1 } from 'ob3kit/model';
 * const profilev1p1: Profilev1p1 = { id: 'https://example.com/profilev1p1/id', type: ['Profile'] };
 * ```
 */
export interface Profilev1p1 {
  /** Unique URI for the Issuer/Profile file. (1) */
  id: URI;
  /** The value of the type property MUST be an unordered set. One of the items MUST be the IRI 'Profile'. (1..*) */
  type: IRI[];
  /** The name of the entity or organization. (0..1) */
  name?: string;
  /** The homepage or social media profile of the entity, whether individual or institutional. (0..1) */
  url?: URI;
  /** A phone number. (0..1) */
  phone?: PhoneNumber;
  /** A short description of the issuer entity or organization. (0..1) */
  description?: string;
  /** Allows endorsers to make specific claims about the individual or organization represented by this profile. (0..*) */
  endorsement?: EndorsementCredentialv1p1[];
  /** Allows endorsers to make specific claims about the individual or organization represented by this profile. (0..*) */
  endorsementJwt?: CompactJws[];
  /** An image representing the issuer. (0..1) */
  image?: Image;
  /** An email address. (0..1) */
  email?: EmailAddress;
  /** An address for the individual or organization. (0..1) */
  address?: Address;
  /** A list of identifiers for the described entity. (0..*) */
  otherIdentifier?: IdentifierEntry[];
  /** If the entity is an organization, `official` is the name of an authorized official of the organization. (0..1) */
  official?: string;
  /** The parent organization of the entity. (0..1) */
  parentOrg?: Profile;
  /** Given name. (0..1) */
  givenName?: string;
  /** Family name. (0..1) */
  familyName?: string;
  /** Additional name. (0..1) */
  additionalName?: string;
  /** Patronymic name. (0..1) */
  patronymicName?: string;
  /** Honorific prefix(es) preceding a person's name (e.g. 'Dr', 'Mrs' or 'Mr'). (0..1) */
  honorificPrefix?: string;
  /** Honorific suffix(es) following a person's name (e.g. 'M.D, PhD'). (0..1) */
  honorificSuffix?: string;
  /** Family name prefix. (0..1) */
  familyNamePrefix?: string;
  /** Birthdate of the person. (0..1) */
  dateOfBirth?: string;
  [key: string]: unknown;
}

/**
 * Multikey.
 * @example
 * ```ts
 * import type { Multikey } from 'ob3kit/model';
 * const multikey: Multikey = { id: 'https://example.com/multikey/id', cryptosuite: 'Example', publicKeyMultibase: 'Example' };
 * ```
 */
export interface Multikey {
  /** The `id` of the verification method MUST be the JWK thumbprint calculated from the `publicKeyMultibase` property value according to [[?MULTIBASE]]. (1) */
  id: URI;
  /** The `type` of the verification method MUST be the string `DataIntegrityProof`. (0..1) */
  type?: string;
  /** The `cryptosuite` of the verification method MUST be the string `eddsa-rdf-2022`. (1) */
  cryptosuite: string;
  /** The identify of the entity that controls this public key. (0..1) */
  controller?: URI;
  /** The `publicKeyMultibase` property of the verification method MUST be a public key encoded according to [[?MULTICODEC]] and formatted according to [[?MULTIBASE]]. (1) */
  publicKeyMultibase: string;
}

/**
 * A JSON Web Key (JWK) formatted according to [[RFC7517]].
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { JWK } from 'ob3kit/model';
 * const jWK: JWK = { kty: 'Example' };
 * ```
 */
export interface JWK {
  /** The `kty` (key type) parameter identifies the cryptographic algorithm family used with the key, such as `RSA` or `EC`. (1) */
  kty: string;
  /** The `use` (public key use) parameter identifies the intended use of the public key, such as `sig` (signature) or `end` (encryption). (0..1) */
  use?: string;
  /** The `key_ops` (key operations) parameter identifies the operation(s) for which the key is intended to be used, such as `sign` (compute digital signature or MAC) or `verify` (verify digital signature or MAC). (0..1) */
  key_ops?: string;
  /** The `alg` (algorithm) parameter identifies the algorithm intended for use with the key, such as `RS256` or `PS256`. (0..1) */
  alg?: string;
  /** The `kid` (key ID) parameter is used to match a specific key. (0..1) */
  kid?: string;
  /** The `x5u` (X.509 URL) parameter is a URI that refers to a resource for an X.509 public key certificate or certificate chain [[RFC5280]]. (0..1) */
  x5u?: URI;
  /** The `x5c` (X.509 certificate chain) parameter contains a chain of one or more PKIX certificates [[RFC5280]]. (0..*) */
  x5c?: string[];
  /** The `x5t` (X.509 certificate SHA-1 thumbprint) parameter is a base64url-encoded SHA-1 thumbprint (a.k.a. digest) of the DER encoding of an X.509 certificate [[RFC5280]]. (0..1) */
  x5t?: string;
  /** The `x5t#S256` (X.509 certificate SHA-256 thumbprint) parameter is a base64url-encoded SHA-256 thumbprint (a.k.a. digest) of the DER encoding of an X.509 certificate [[RFC5280]]. (0..1) */
  x5t_S256?: string;
  [key: string]: unknown;
}

/**
 * A JWK Set (JWKS) formatted according to [[RFC7517]].
 * @example
 * ```ts
 * import type { JWKS } from 'ob3kit/model';
 * const jWKS: JWKS = { keys: [{ kty: 'Example' }] };
 * ```
 */
export interface JWKS {
  /** A JWK Set is a JSON object that represents a set of JWKs. (1..*) */
  keys: JWK[];
}

/**
 * The Service Description Document (SDD) is a machine readable document that contains the description of the service features supported by the Provider/Platform.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { ServiceDescriptionDocument } from 'ob3kit/model';
 * const serviceDescriptionDocument: ServiceDescriptionDocument = { openapi: 'Example', info: { termsOfService: 'https://example.com/openapiinfo/termsofservice', title: 'Example', version: 'Example', 'x-imssf-privacyPolicyUrl': 'https://example.com/openapiinfo/x-imssf-privacypolicyurl' }, components: { securitySchemes: {} } };
 * ```
 */
export interface ServiceDescriptionDocument {
  /** This string MUST be the semantic version number of the OpenAPI Specification version that the OpenAPI document uses. (1) */
  openapi: string;
  /** Information about the API and the [=resource server=]. (1) */
  info: OpenApiInfo;
  /** Holds a set of reusable objects for different aspects of the OAS. (1) */
  components: OpenApiComponents;
  [key: string]: unknown;
}

/**
 * Holds a set of reusable objects for different aspects of the OAS.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { OpenApiComponents } from 'ob3kit/model';
 * const openApiComponents: OpenApiComponents = { securitySchemes: {} };
 * ```
 */
export interface OpenApiComponents {
  /** The Map of security scheme objects supported by this specification. (1) */
  securitySchemes: OpenApiSecuritySchemes;
  [key: string]: unknown;
}

/**
 * The object provides metadata about the API.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { OpenApiInfo } from 'ob3kit/model';
 * const openApiInfo: OpenApiInfo = { termsOfService: 'https://example.com/openapiinfo/termsofservice', title: 'Example', version: 'Example', 'x-imssf-privacyPolicyUrl': 'https://example.com/openapiinfo/x-imssf-privacypolicyurl' };
 * ```
 */
export interface OpenApiInfo {
  /** A fully qualified URL to the [=resource server=]'s terms of service. (1) */
  termsOfService: URL;
  /** The name of the [=resource server=]. (1) */
  title: string;
  /** The version of the API. (1) */
  version: string;
  /** An image representing the [=resource server=]. (0..1) */
  'x-imssf-image'?: URI;
  /** A fully qualified URL to the [=resource server=]'s privacy policy. (1) */
  'x-imssf-privacyPolicyUrl': URL;
  [key: string]: unknown;
}

/**
 * Defines an OAuth2 security scheme that can be used by the operations.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { OpenApiOAuth2SecurityScheme } from 'ob3kit/model';
 * const openApiOAuth2SecurityScheme: OpenApiOAuth2SecurityScheme = { type: 'Example', 'x-imssf-registrationUrl': 'https://example.com/openapioauth2securityscheme/x-imssf-registrationurl' };
 * ```
 */
export interface OpenApiOAuth2SecurityScheme {
  /** MUST be the string `oauth2`. (1) */
  type: string;
  /** A short description for the security scheme. (0..1) */
  description?: string;
  /** A fully qualified URL to the Client Registration endpoint. (1) */
  'x-imssf-registrationUrl': URL;
  [key: string]: unknown;
}

/**
 * The Map of security scheme objects supported by this specification.
 * @example
 * ```ts
 * import type { OpenApiSecuritySchemes } from 'ob3kit/model';
 * const openApiSecuritySchemes: OpenApiSecuritySchemes = {};
 * ```
 */
export interface OpenApiSecuritySchemes {
  /** REQUIRED if the [=authorization server=] supports the Authorization Code Grant Flow. (0..1) */
  OAuth2ACG?: OpenApiOAuth2SecurityScheme;
}

/**
 * GetOpenBadgeCredentialsResponse.
 * @example
 * ```ts
 * import type { GetOpenBadgeCredentialsResponse } from 'ob3kit/model';
 * const getOpenBadgeCredentialsResponse: GetOpenBadgeCredentialsResponse = {};
 * ```
 */
export interface GetOpenBadgeCredentialsResponse {
  /** OpenBadgeCredentials that have not been signed with the VC-JWT Proof Format MUST be in the `credential` array. (0..*) */
  credential?: AchievementCredential[];
  /** OpenBadgeCredentials that have been signed with the VC-JWT Proof Format MUST be in the `compactJwsString` array. (0..*) */
  compactJwsString?: CompactJws[];
}

/**
 * A Comprehensive Learner Record: a verifiable credential that bundles the credentials of one learner, the achievements they roll up into and the associations between them.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { ClrCredential } from 'ob3kit/model';
 * const clrCredential: ClrCredential = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: 'https://example.com/clrcredential/id', type: ['VerifiableCredential', 'ClrCredential'], issuer: 'https://example.com/clrcredential/issuer', validFrom: '2024-01-01T00:00:00Z', credentialSubject: { type: ['ClrSubject'], verifiableCredential: [{ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'https://example.com/verifiablecredential/issuer', validFrom: '2024-01-01T00:00:00Z', credentialSubject: {} }] }, name: 'Example' };
 * ```
 */
export interface ClrCredential {
  /** An ordered set: the VC 2.0 context, then a CLR 2.0 context, then an Open Badges 3.0 context. (3..*) */
  '@context': Context[];
  /** Unambiguous reference to the record. (1) */
  id: URI;
  /** An unordered set that includes 'VerifiableCredential' and 'ClrCredential'. (1..*) */
  type: IRI[];
  /** The publisher of the record. (1) */
  issuer: ProfileRef;
  /** When the record becomes valid. (1) */
  validFrom: DateTimeZ;
  /** When the record stops being valid. (0..1) */
  validUntil?: DateTimeZ;
  /** The learner and what the record holds about them. (1) */
  credentialSubject: ClrSubject;
  /** The embedded proofs of the record. (0..*) */
  proof?: Proof[];
  /** The JSON Schemas the record conforms to. (0..*) */
  credentialSchema?: CredentialSchema[];
  /** Where to learn whether the record is revoked or suspended. (0..1) */
  credentialStatus?: CredentialStatus;
  /** Where to obtain a refreshed record. (0..1) */
  refreshService?: RefreshService;
  /** Terms under which the record is issued. (0..*) */
  termsOfUse?: TermsOfUse[];
  /** The name of the record, for display. (1) */
  name: string;
  /** A short description of the record, for display. (0..1) */
  description?: string;
  /** Endorsements of the record or of what it holds, secured with a Data Integrity proof. (0..*) */
  endorsement?: EndorsementCredential[];
  /** Endorsements of the record or of what it holds, secured as VC-JWTs. (0..*) */
  endorsementJwt?: CompactJws[];
  /** An image representing the record, for display. (0..1) */
  image?: Image;
  /** True when the record holds only some of the credentials its publisher holds for the learner. (0..1) */
  partial?: boolean;
  /** When the record was first awarded, kept when the record is reissued. (0..1) */
  awardedDate?: DateTimeZ;
  /** Evidence about the record as a whole. (0..*) */
  evidence?: Evidence[];
  [key: string]: unknown;
}

/**
 * The learner a Comprehensive Learner Record is about: the credentials it bundles, further achievements and the associations between achievements.
 * Extensible: properties beyond those listed are allowed.
 * @example
 * ```ts
 * import type { ClrSubject } from 'ob3kit/model';
 * const clrSubject: ClrSubject = { type: ['ClrSubject'], verifiableCredential: [{ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'https://example.com/verifiablecredential/issuer', validFrom: '2024-01-01T00:00:00Z', credentialSubject: {} }] };
 * ```
 */
export interface ClrSubject {
  /** The learner's identifier. (0..1) */
  id?: URI;
  /** An unordered set that includes 'ClrSubject'. (1..*) */
  type: IRI[];
  /** Other identifiers of the learner. (0..*) */
  identifier?: IdentityObject[];
  /** Achievements of the record that may have no credential of their own, such as the program the bundled credentials add up to. (0..*) */
  achievement?: Achievement[];
  /** The credentials the record bundles, each as issued. (1..*) */
  verifiableCredential: VerifiableCredential[];
  /** Relations between the achievements of the record. (0..*) */
  association?: Association[];
  [key: string]: unknown;
}

/**
 * A relation between two achievements of a record: the source achievement is (associationType) the target achievement.
 * @example
 * ```ts
 * import type { Association } from 'ob3kit/model';
 * const association: Association = { type: 'Association', associationType: 'exactMatchOf', sourceId: 'https://example.com/association/sourceid', targetId: 'https://example.com/association/targetid' };
 * ```
 */
export interface Association {
  /** The IRI 'Association'. (1) */
  type: 'Association';
  /** How the source achievement relates to the target achievement. (1) */
  associationType: AssociationType;
  /** The id of the source achievement. (1) */
  sourceId: URI;
  /** The id of the target achievement. (1) */
  targetId: URI;
}

/**
 * This is the container for the status code and associated information returned within the HTTP messages received from the Service Provider.
 * @example
 * ```ts
 * import type { Imsx_StatusInfo } from 'ob3kit/model';
 * const imsxStatusInfo: Imsx_StatusInfo = { imsx_codeMajor: 'failure', imsx_severity: 'error' };
 * ```
 */
export interface Imsx_StatusInfo {
  /** The code major value (from the corresponding enumerated vocabulary). (1) */
  imsx_codeMajor: Imsx_CodeMajor;
  /** The severity value (from the corresponding enumerated vocabulary). (1) */
  imsx_severity: Imsx_Severity;
  /** A human readable description supplied by the entity creating the status code information. (0..1) */
  imsx_description?: string;
  /** (0..1) */
  imsx_codeMinor?: Imsx_CodeMinor;
}

/**
 * This is the container for the set of code minor status codes reported in the responses from the Service Provider.
 * @example
 * ```ts
 * import type { Imsx_CodeMinor } from 'ob3kit/model';
 * const imsxCodeMinor: Imsx_CodeMinor = { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'Example', imsx_codeMinorFieldValue: 'forbidden' }] };
 * ```
 */
export interface Imsx_CodeMinor {
  /** (1..*) */
  imsx_codeMinorField: Imsx_CodeMinorField[];
}

/**
 * This is the container for a single code minor status code.
 * @example
 * ```ts
 * import type { Imsx_CodeMinorField } from 'ob3kit/model';
 * const imsxCodeMinorField: Imsx_CodeMinorField = { imsx_codeMinorFieldName: 'Example', imsx_codeMinorFieldValue: 'forbidden' };
 * ```
 */
export interface Imsx_CodeMinorField {
  /** This should contain the identity of the system that has produced the code minor status code report. (1) */
  imsx_codeMinorFieldName: string;
  /** The code minor status code (this is a value from the corresponding enumerated vocabulary). (1) */
  imsx_codeMinorFieldValue: Imsx_CodeMinorFieldValue;
}

// ---- Runtime description ------------------------------------------------------------

/**
 * One property of a model class: its model type, cardinality and constraints.
 * @example
 * ```ts
 * import { MODEL, type ModelProperty } from 'ob3kit/model';
 * const name: ModelProperty | undefined = MODEL.Achievement?.props?.name;
 * console.log(name); // { type: 'String', card: '1' }
 * ```
 */
export interface ModelProperty {
  /** Model type name (`String`, `URI`, `DateTimeZ`, a class or an enumeration). */
  type: string;
  /** Cardinality as written in the model: '1', '0..1', '0..*', '1..*' or '2..*'. */
  card: string;
  /** Each inner list: one of these values MUST be present (`Constraint contains`). */
  contains?: readonly (readonly string[])[];
  /** The value MUST equal this (`Constraint equals`). */
  equals?: string;
  /** Leading items of an ordered array (`Constraint items`); `/regex/` items are patterns. */
  items?: readonly string[];
  /** A pattern the value MUST match. */
  pattern?: string;
}

/**
 * A model class, enumeration, selection (union) or derived type.
 * @example
 * ```ts
 * import { MODEL, type ModelClass } from 'ob3kit/model';
 * const image: ModelClass | undefined = MODEL.Image;
 * console.log(image?.kind, image?.extensible); // 'class' false
 * ```
 */
export interface ModelClass {
  kind: 'class' | 'enum' | 'enumext' | 'union' | 'derived';
  /** Classes: whether properties beyond those listed are allowed. */
  extensible?: boolean;
  /** Classes: the properties, in model order. */
  props?: Readonly<Record<string, ModelProperty>>;
  /** Enumerations: the terms. Unions: the member types. Derived types: the base type. */
  values?: readonly string[];
}

/**
 * Every class of the Open Badges 3.0 model (and the Common Data Model classes it uses), keyed
 * by model name, with properties, cardinalities and constraints.
 * @example
 * ```ts
 * import { MODEL } from 'ob3kit/model';
 * console.log(MODEL.Achievement?.props?.name?.card); // '1'
 * ```
 */
export const MODEL: Readonly<Record<string, ModelClass>> = {
  Achievement: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['Achievement']] },
      alignment: { type: 'Alignment', card: '0..*' },
      achievementType: { type: 'AchievementType', card: '0..1' },
      creator: { type: 'Profile', card: '0..1' },
      creditsAvailable: { type: 'Float', card: '0..1' },
      criteria: { type: 'Criteria', card: '1' },
      description: { type: 'String', card: '1' },
      endorsement: { type: 'EndorsementCredential', card: '0..*' },
      endorsementJwt: { type: 'CompactJws', card: '0..*' },
      fieldOfStudy: { type: 'String', card: '0..1' },
      humanCode: { type: 'String', card: '0..1' },
      image: { type: 'Image', card: '0..1' },
      inLanguage: { type: 'LanguageCode', card: '0..1' },
      name: { type: 'String', card: '1' },
      otherIdentifier: { type: 'IdentifierEntry', card: '0..*' },
      related: { type: 'Related', card: '0..*' },
      resultDescription: { type: 'ResultDescription', card: '0..*' },
      specialization: { type: 'String', card: '0..1' },
      tag: { type: 'String', card: '0..*' },
      version: { type: 'String', card: '0..1' },
    },
  },
  AchievementCredential: {
    kind: 'class',
    extensible: true,
    props: {
      '@context': { type: 'Context', card: '2..*', items: ['https://www.w3.org/ns/credentials/v2', '/^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$/'] },
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['VerifiableCredential'], ['AchievementCredential', 'OpenBadgeCredential']] },
      issuer: { type: 'ProfileRef', card: '1' },
      validFrom: { type: 'DateTimeZ', card: '1' },
      validUntil: { type: 'DateTimeZ', card: '0..1' },
      credentialSubject: { type: 'AchievementSubject', card: '1' },
      proof: { type: 'Proof', card: '0..*' },
      credentialSchema: { type: 'CredentialSchema', card: '0..*' },
      credentialStatus: { type: 'CredentialStatus', card: '0..1' },
      refreshService: { type: 'RefreshService', card: '0..1' },
      termsOfUse: { type: 'TermsOfUse', card: '0..*' },
      name: { type: 'String', card: '0..1' },
      description: { type: 'String', card: '0..1' },
      image: { type: 'Image', card: '0..1' },
      awardedDate: { type: 'DateTimeZ', card: '0..1' },
      endorsement: { type: 'EndorsementCredential', card: '0..*' },
      endorsementJwt: { type: 'CompactJws', card: '0..*' },
      evidence: { type: 'Evidence', card: '0..*' },
    },
  },
  AchievementSubject: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '0..1' },
      type: { type: 'IRI', card: '1..*', contains: [['AchievementSubject']] },
      activityEndDate: { type: 'DateTime', card: '0..1' },
      activityStartDate: { type: 'DateTime', card: '0..1' },
      creditsEarned: { type: 'Float', card: '0..1' },
      achievement: { type: 'Achievement', card: '1' },
      identifier: { type: 'IdentityObject', card: '0..*' },
      image: { type: 'Image', card: '0..1' },
      licenseNumber: { type: 'String', card: '0..1' },
      narrative: { type: 'Markdown', card: '0..1' },
      result: { type: 'Result', card: '0..*' },
      role: { type: 'String', card: '0..1' },
      source: { type: 'Profile', card: '0..1' },
      term: { type: 'String', card: '0..1' },
    },
  },
  Address: {
    kind: 'class',
    extensible: true,
    props: {
      type: { type: 'IRI', card: '1..*', contains: [['Address']] },
      addressCountry: { type: 'String', card: '0..1' },
      addressCountryCode: { type: 'CountryCode', card: '0..1' },
      addressRegion: { type: 'String', card: '0..1' },
      addressLocality: { type: 'String', card: '0..1' },
      streetAddress: { type: 'String', card: '0..1' },
      postOfficeBoxNumber: { type: 'String', card: '0..1' },
      postalCode: { type: 'String', card: '0..1' },
      geo: { type: 'GeoCoordinates', card: '0..1' },
    },
  },
  Alignment: {
    kind: 'class',
    extensible: true,
    props: {
      type: { type: 'IRI', card: '1..*', contains: [['Alignment']] },
      targetCode: { type: 'String', card: '0..1' },
      targetDescription: { type: 'String', card: '0..1' },
      targetName: { type: 'String', card: '1' },
      targetFramework: { type: 'String', card: '0..1' },
      targetType: { type: 'AlignmentTargetType', card: '0..1' },
      targetUrl: { type: 'URL', card: '1' },
    },
  },
  Criteria: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '0..1' },
      narrative: { type: 'Markdown', card: '0..1' },
    },
  },
  EndorsementCredential: {
    kind: 'class',
    extensible: true,
    props: {
      '@context': { type: 'Context', card: '2..*', items: ['https://www.w3.org/ns/credentials/v2', '/^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$/'] },
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['VerifiableCredential'], ['EndorsementCredential']] },
      issuer: { type: 'ProfileRef', card: '1' },
      validFrom: { type: 'DateTimeZ', card: '1' },
      validUntil: { type: 'DateTimeZ', card: '0..1' },
      credentialSubject: { type: 'EndorsementSubject', card: '1' },
      proof: { type: 'Proof', card: '0..*' },
      credentialSchema: { type: 'CredentialSchema', card: '0..*' },
      credentialStatus: { type: 'CredentialStatus', card: '0..1' },
      refreshService: { type: 'RefreshService', card: '0..1' },
      termsOfUse: { type: 'TermsOfUse', card: '0..*' },
      name: { type: 'String', card: '1' },
      description: { type: 'String', card: '0..1' },
      awardedDate: { type: 'DateTimeZ', card: '0..1' },
    },
  },
  EndorsementSubject: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['EndorsementSubject']] },
      endorsementComment: { type: 'Markdown', card: '0..1' },
    },
  },
  Evidence: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '0..1' },
      type: { type: 'IRI', card: '1..*', contains: [['Evidence']] },
      narrative: { type: 'Markdown', card: '0..1' },
      name: { type: 'String', card: '0..1' },
      description: { type: 'String', card: '0..1' },
      genre: { type: 'String', card: '0..1' },
      audience: { type: 'String', card: '0..1' },
    },
  },
  GeoCoordinates: {
    kind: 'class',
    extensible: true,
    props: {
      type: { type: 'IRI', card: '1', equals: 'GeoCoordinates' },
      latitude: { type: 'Float', card: '1' },
      longitude: { type: 'Float', card: '1' },
    },
  },
  IdentifierEntry: {
    kind: 'class',
    extensible: false,
    props: {
      type: { type: 'IRI', card: '1', equals: 'IdentifierEntry' },
      identifier: { type: 'Identifier', card: '1' },
      identifierType: { type: 'IdentifierTypeEnum', card: '1' },
    },
  },
  IdentityObject: {
    kind: 'class',
    extensible: false,
    props: {
      type: { type: 'IRI', card: '1', equals: 'IdentityObject' },
      hashed: { type: 'Boolean', card: '1' },
      identityHash: { type: 'IdentityHash', card: '1' },
      identityType: { type: 'IdentifierTypeEnum', card: '1' },
      salt: { type: 'String', card: '0..1' },
    },
  },
  Image: {
    kind: 'class',
    extensible: false,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1', equals: 'Image' },
      caption: { type: 'String', card: '0..1' },
    },
  },
  Profile: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['Profile']] },
      name: { type: 'String', card: '0..1' },
      url: { type: 'URI', card: '0..1' },
      phone: { type: 'PhoneNumber', card: '0..1' },
      description: { type: 'String', card: '0..1' },
      endorsement: { type: 'EndorsementCredential', card: '0..*' },
      endorsementJwt: { type: 'CompactJws', card: '0..*' },
      image: { type: 'Image', card: '0..1' },
      email: { type: 'EmailAddress', card: '0..1' },
      address: { type: 'Address', card: '0..1' },
      otherIdentifier: { type: 'IdentifierEntry', card: '0..*' },
      official: { type: 'String', card: '0..1' },
      parentOrg: { type: 'Profile', card: '0..1' },
      givenName: { type: 'String', card: '0..1' },
      familyName: { type: 'String', card: '0..1' },
      additionalName: { type: 'String', card: '0..1' },
      patronymicName: { type: 'String', card: '0..1' },
      honorificPrefix: { type: 'String', card: '0..1' },
      honorificSuffix: { type: 'String', card: '0..1' },
      familyNamePrefix: { type: 'String', card: '0..1' },
      dateOfBirth: { type: 'Date', card: '0..1' },
    },
  },
  Related: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['Related']] },
      inLanguage: { type: 'LanguageCode', card: '0..1' },
      version: { type: 'String', card: '0..1' },
    },
  },
  Result: {
    kind: 'class',
    extensible: true,
    props: {
      type: { type: 'IRI', card: '1..*', contains: [['Result']] },
      achievedLevel: { type: 'URI', card: '0..1' },
      alignment: { type: 'Alignment', card: '0..*' },
      resultDescription: { type: 'URI', card: '0..1' },
      status: { type: 'ResultStatusType', card: '0..1' },
      value: { type: 'String', card: '0..1' },
    },
  },
  ResultDescription: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['ResultDescription']] },
      alignment: { type: 'Alignment', card: '0..*' },
      allowedValue: { type: 'String', card: '0..*' },
      name: { type: 'String', card: '1' },
      requiredLevel: { type: 'URI', card: '0..1' },
      requiredValue: { type: 'String', card: '0..1' },
      resultType: { type: 'ResultType', card: '1' },
      rubricCriterionLevel: { type: 'RubricCriterionLevel', card: '0..*' },
      valueMax: { type: 'String', card: '0..1' },
      valueMin: { type: 'String', card: '0..1' },
    },
  },
  RubricCriterionLevel: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['RubricCriterionLevel']] },
      alignment: { type: 'Alignment', card: '0..*' },
      description: { type: 'String', card: '0..1' },
      level: { type: 'String', card: '0..1' },
      name: { type: 'String', card: '1' },
      points: { type: 'String', card: '0..1' },
    },
  },
  VerifiableCredential: {
    kind: 'class',
    extensible: true,
    props: {
      '@context': { type: 'Context', card: '1..*', items: ['https://www.w3.org/ns/credentials/v2'] },
      id: { type: 'URI', card: '0..1' },
      type: { type: 'IRI', card: '1..*', contains: [['VerifiableCredential']] },
      issuer: { type: 'ProfileRef', card: '1' },
      validFrom: { type: 'DateTimeZ', card: '1' },
      validUntil: { type: 'DateTimeZ', card: '0..1' },
      credentialSubject: { type: 'CredentialSubject', card: '1' },
      proof: { type: 'Proof', card: '0..*' },
      credentialSchema: { type: 'CredentialSchema', card: '0..*' },
      credentialStatus: { type: 'CredentialStatus', card: '0..1' },
      refreshService: { type: 'RefreshService', card: '0..1' },
      termsOfUse: { type: 'TermsOfUse', card: '0..*' },
    },
  },
  ProfileRef: { kind: 'union', values: ['URI', 'Profile'] },
  CredentialSchema: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1' },
    },
  },
  CredentialStatus: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1' },
    },
  },
  CredentialSubject: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '0..1' },
    },
  },
  Proof: {
    kind: 'class',
    extensible: true,
    props: {
      type: { type: 'IRI', card: '1' },
      created: { type: 'DateTime', card: '0..1' },
      cryptosuite: { type: 'String', card: '0..1' },
      challenge: { type: 'String', card: '0..1' },
      domain: { type: 'String', card: '0..1' },
      nonce: { type: 'String', card: '0..1' },
      proofPurpose: { type: 'String', card: '0..1' },
      proofValue: { type: 'String', card: '0..1' },
      verificationMethod: { type: 'URI', card: '0..1' },
    },
  },
  RefreshService: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1' },
    },
  },
  TermsOfUse: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '0..1' },
      type: { type: 'IRI', card: '1' },
    },
  },
  Context: { kind: 'union', values: ['URI', 'Map'] },
  Map: {
    kind: 'class',
    extensible: true,
    props: {
    },
  },
  AchievementType: { kind: 'enumext', values: ACHIEVEMENT_TYPES },
  AlignmentTargetType: { kind: 'enumext', values: ALIGNMENT_TARGET_TYPES },
  IdentifierTypeEnum: { kind: 'enumext', values: IDENTIFIER_TYPES },
  ResultType: { kind: 'enumext', values: RESULT_TYPES },
  ResultStatusType: { kind: 'enum', values: RESULT_STATUS_TYPES },
  AnyAchievementCredential: { kind: 'union', values: ['AchievementCredential', 'AchievementCredentialv1p1'] },
  AchievementCredentialv1p1: {
    kind: 'class',
    extensible: true,
    props: {
      '@context': { type: 'Context', card: '2..*', items: ['https://www.w3.org/2018/credentials/v1', '/^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$/'] },
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['VerifiableCredential'], ['AchievementCredential', 'OpenBadgeCredential']] },
      issuer: { type: 'Profilev1p1', card: '1' },
      issuanceDate: { type: 'DateTimeZ', card: '1' },
      expirationDate: { type: 'DateTimeZ', card: '0..1' },
      credentialSubject: { type: 'AchievementSubjectv1p1', card: '1' },
      proof: { type: 'Proof', card: '0..*' },
      credentialSchema: { type: 'CredentialSchema', card: '0..*' },
      credentialStatus: { type: 'CredentialStatus', card: '0..1' },
      refreshService: { type: 'RefreshService', card: '0..1' },
      termsOfUse: { type: 'TermsOfUse', card: '0..*' },
      name: { type: 'String', card: '1' },
      description: { type: 'String', card: '0..1' },
      image: { type: 'Image', card: '0..1' },
      awardedDate: { type: 'DateTimeZ', card: '0..1' },
      endorsement: { type: 'EndorsementCredentialv1p1', card: '0..*' },
      endorsementJwt: { type: 'CompactJws', card: '0..*' },
      evidence: { type: 'Evidence', card: '0..*' },
    },
  },
  AnyEndorsementCredential: { kind: 'union', values: ['EndorsementCredential', 'EndorsementCredentialv1p1'] },
  EndorsementCredentialv1p1: {
    kind: 'class',
    extensible: true,
    props: {
      '@context': { type: 'Context', card: '2..*', items: ['https://www.w3.org/2018/credentials/v1', '/^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$/'] },
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['VerifiableCredential'], ['EndorsementCredential']] },
      issuer: { type: 'Profilev1p1', card: '1' },
      issuanceDate: { type: 'DateTimeZ', card: '1' },
      expirationDate: { type: 'DateTimeZ', card: '0..1' },
      credentialSubject: { type: 'EndorsementSubject', card: '1' },
      proof: { type: 'Proof', card: '0..*' },
      credentialSchema: { type: 'CredentialSchema', card: '0..*' },
      credentialStatus: { type: 'CredentialStatus', card: '0..1' },
      refreshService: { type: 'RefreshService', card: '0..1' },
      termsOfUse: { type: 'TermsOfUse', card: '0..*' },
      name: { type: 'String', card: '1' },
      description: { type: 'String', card: '0..1' },
      awardedDate: { type: 'DateTimeZ', card: '0..1' },
    },
  },
  VerifiableCredentialv1p1: {
    kind: 'class',
    extensible: true,
    props: {
      '@context': { type: 'Context', card: '1..*', items: ['https://www.w3.org/2018/credentials/v1'] },
      id: { type: 'URI', card: '0..1' },
      type: { type: 'IRI', card: '1..*', contains: [['VerifiableCredential']] },
      issuer: { type: 'Profilev1p1', card: '1' },
      issuanceDate: { type: 'DateTimeZ', card: '1' },
      expirationDate: { type: 'DateTimeZ', card: '0..1' },
      credentialSubject: { type: 'CredentialSubject', card: '1' },
      proof: { type: 'Proof', card: '0..*' },
      credentialSchema: { type: 'CredentialSchema', card: '0..*' },
      credentialStatus: { type: 'CredentialStatus', card: '0..1' },
      refreshService: { type: 'RefreshService', card: '0..1' },
      termsOfUse: { type: 'TermsOfUse', card: '0..*' },
    },
  },
  AchievementSubjectv1p1: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '0..1' },
      type: { type: 'IRI', card: '1..*', contains: [['AchievementSubject']] },
      activityEndDate: { type: 'DateTime', card: '0..1' },
      activityStartDate: { type: 'DateTime', card: '0..1' },
      creditsEarned: { type: 'Float', card: '0..1' },
      achievement: { type: 'Achievementv1p1', card: '1' },
      identifier: { type: 'IdentityObject', card: '0..*' },
      image: { type: 'Image', card: '0..1' },
      licenseNumber: { type: 'String', card: '0..1' },
      narrative: { type: 'Markdown', card: '0..1' },
      result: { type: 'Result', card: '0..*' },
      role: { type: 'String', card: '0..1' },
      source: { type: 'Profilev1p1', card: '0..1' },
      term: { type: 'String', card: '0..1' },
    },
  },
  Achievementv1p1: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['Achievement']] },
      alignment: { type: 'Alignment', card: '0..*' },
      achievementType: { type: 'AchievementType', card: '0..1' },
      creator: { type: 'Profilev1p1', card: '0..1' },
      creditsAvailable: { type: 'Float', card: '0..1' },
      criteria: { type: 'Criteria', card: '1' },
      description: { type: 'String', card: '1' },
      endorsement: { type: 'EndorsementCredentialv1p1', card: '0..*' },
      endorsementJwt: { type: 'CompactJws', card: '0..*' },
      fieldOfStudy: { type: 'String', card: '0..1' },
      humanCode: { type: 'String', card: '0..1' },
      image: { type: 'Image', card: '0..1' },
      inLanguage: { type: 'LanguageCode', card: '0..1' },
      name: { type: 'String', card: '1' },
      otherIdentifier: { type: 'IdentifierEntry', card: '0..*' },
      related: { type: 'Related', card: '0..*' },
      resultDescription: { type: 'ResultDescription', card: '0..*' },
      specialization: { type: 'String', card: '0..1' },
      tag: { type: 'String', card: '0..*' },
      version: { type: 'String', card: '0..1' },
    },
  },
  Profilev1p1: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['Profile']] },
      name: { type: 'String', card: '0..1' },
      url: { type: 'URI', card: '0..1' },
      phone: { type: 'PhoneNumber', card: '0..1' },
      description: { type: 'String', card: '0..1' },
      endorsement: { type: 'EndorsementCredentialv1p1', card: '0..*' },
      endorsementJwt: { type: 'CompactJws', card: '0..*' },
      image: { type: 'Image', card: '0..1' },
      email: { type: 'EmailAddress', card: '0..1' },
      address: { type: 'Address', card: '0..1' },
      otherIdentifier: { type: 'IdentifierEntry', card: '0..*' },
      official: { type: 'String', card: '0..1' },
      parentOrg: { type: 'Profile', card: '0..1' },
      givenName: { type: 'String', card: '0..1' },
      familyName: { type: 'String', card: '0..1' },
      additionalName: { type: 'String', card: '0..1' },
      patronymicName: { type: 'String', card: '0..1' },
      honorificPrefix: { type: 'String', card: '0..1' },
      honorificSuffix: { type: 'String', card: '0..1' },
      familyNamePrefix: { type: 'String', card: '0..1' },
      dateOfBirth: { type: 'Date', card: '0..1' },
    },
  },
  Multikey: {
    kind: 'class',
    extensible: false,
    props: {
      id: { type: 'URI', card: '1' },
      type: { type: 'String', card: '0..1' },
      cryptosuite: { type: 'String', card: '1' },
      controller: { type: 'URI', card: '0..1' },
      publicKeyMultibase: { type: 'String', card: '1' },
    },
  },
  JWK: {
    kind: 'class',
    extensible: true,
    props: {
      kty: { type: 'String', card: '1' },
      use: { type: 'String', card: '0..1' },
      key_ops: { type: 'String', card: '0..1' },
      alg: { type: 'String', card: '0..1' },
      kid: { type: 'String', card: '0..1' },
      x5u: { type: 'URI', card: '0..1' },
      x5c: { type: 'String', card: '0..*' },
      x5t: { type: 'String', card: '0..1' },
      x5t_S256: { type: 'String', card: '0..1' },
    },
  },
  JWKS: {
    kind: 'class',
    extensible: false,
    props: {
      keys: { type: 'JWK', card: '1..*' },
    },
  },
  ServiceDescriptionDocument: {
    kind: 'class',
    extensible: true,
    props: {
      openapi: { type: 'String', card: '1' },
      info: { type: 'OpenApiInfo', card: '1' },
      components: { type: 'OpenApiComponents', card: '1' },
    },
  },
  OpenApiComponents: {
    kind: 'class',
    extensible: true,
    props: {
      securitySchemes: { type: 'OpenApiSecuritySchemes', card: '1' },
    },
  },
  OpenApiInfo: {
    kind: 'class',
    extensible: true,
    props: {
      termsOfService: { type: 'URL', card: '1' },
      title: { type: 'String', card: '1' },
      version: { type: 'String', card: '1' },
      'x-imssf-image': { type: 'URI', card: '0..1' },
      'x-imssf-privacyPolicyUrl': { type: 'URL', card: '1' },
    },
  },
  OpenApiOAuth2SecurityScheme: {
    kind: 'class',
    extensible: true,
    props: {
      type: { type: 'String', card: '1' },
      description: { type: 'String', card: '0..1' },
      'x-imssf-registrationUrl': { type: 'URL', card: '1' },
    },
  },
  OpenApiSecuritySchemes: {
    kind: 'class',
    extensible: false,
    props: {
      OAuth2ACG: { type: 'OpenApiOAuth2SecurityScheme', card: '0..1' },
    },
  },
  CompactJws: { kind: 'derived', values: ['String'], props: { pattern: { type: 'String', card: '0..1', pattern: '^[a-zA-Z0-9_-]+\\.[a-zA-Z0-9_-]*\\.[a-zA-Z0-9_-]+$' } } },
  IdentityHash: { kind: 'derived', values: ['String'] },
  Markdown: { kind: 'derived', values: ['String'] },
  GetOpenBadgeCredentialsResponse: {
    kind: 'class',
    extensible: false,
    props: {
      credential: { type: 'AchievementCredential', card: '0..*' },
      compactJwsString: { type: 'CompactJws', card: '0..*' },
    },
  },
  ClrCredential: {
    kind: 'class',
    extensible: true,
    props: {
      '@context': { type: 'Context', card: '3..*', items: ['https://www.w3.org/ns/credentials/v2', '/^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/clr\\/v2p0\\/context(-2\\.\\d\\.\\d)*\\.json$/', '/^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$/'] },
      id: { type: 'URI', card: '1' },
      type: { type: 'IRI', card: '1..*', contains: [['VerifiableCredential'], ['ClrCredential']] },
      issuer: { type: 'ProfileRef', card: '1' },
      validFrom: { type: 'DateTimeZ', card: '1' },
      validUntil: { type: 'DateTimeZ', card: '0..1' },
      credentialSubject: { type: 'ClrSubject', card: '1' },
      proof: { type: 'Proof', card: '0..*' },
      credentialSchema: { type: 'CredentialSchema', card: '0..*' },
      credentialStatus: { type: 'CredentialStatus', card: '0..1' },
      refreshService: { type: 'RefreshService', card: '0..1' },
      termsOfUse: { type: 'TermsOfUse', card: '0..*' },
      name: { type: 'String', card: '1' },
      description: { type: 'String', card: '0..1' },
      endorsement: { type: 'EndorsementCredential', card: '0..*' },
      endorsementJwt: { type: 'CompactJws', card: '0..*' },
      image: { type: 'Image', card: '0..1' },
      partial: { type: 'Boolean', card: '0..1' },
      awardedDate: { type: 'DateTimeZ', card: '0..1' },
      evidence: { type: 'Evidence', card: '0..*' },
    },
  },
  ClrSubject: {
    kind: 'class',
    extensible: true,
    props: {
      id: { type: 'URI', card: '0..1' },
      type: { type: 'IRI', card: '1..*', contains: [['ClrSubject']] },
      identifier: { type: 'IdentityObject', card: '0..*' },
      achievement: { type: 'Achievement', card: '0..*' },
      verifiableCredential: { type: 'VerifiableCredential', card: '1..*' },
      association: { type: 'Association', card: '0..*' },
    },
  },
  Association: {
    kind: 'class',
    extensible: false,
    props: {
      type: { type: 'IRI', card: '1', equals: 'Association' },
      associationType: { type: 'AssociationType', card: '1' },
      sourceId: { type: 'URI', card: '1' },
      targetId: { type: 'URI', card: '1' },
    },
  },
  AssociationType: { kind: 'enum', values: ASSOCIATION_TYPES },
  Imsx_StatusInfo: {
    kind: 'class',
    extensible: false,
    props: {
      imsx_codeMajor: { type: 'Imsx_CodeMajor', card: '1' },
      imsx_severity: { type: 'Imsx_Severity', card: '1' },
      imsx_description: { type: 'String', card: '0..1' },
      imsx_codeMinor: { type: 'Imsx_CodeMinor', card: '0..1' },
    },
  },
  Imsx_CodeMinor: {
    kind: 'class',
    extensible: false,
    props: {
      imsx_codeMinorField: { type: 'Imsx_CodeMinorField', card: '1..*' },
    },
  },
  Imsx_CodeMinorField: {
    kind: 'class',
    extensible: false,
    props: {
      imsx_codeMinorFieldName: { type: 'NormalizedString', card: '1' },
      imsx_codeMinorFieldValue: { type: 'Imsx_CodeMinorFieldValue', card: '1' },
    },
  },
  Imsx_CodeMajor: { kind: 'enum', values: IMSX_CODE_MAJOR_VALUES },
  Imsx_Severity: { kind: 'enum', values: IMSX_SEVERITY_VALUES },
  Imsx_CodeMinorFieldValue: { kind: 'enum', values: IMSX_CODE_MINOR_FIELD_VALUES },
};
