/** What the CLR 2.0 builders accept. */
import type {
  AchievementInput,
  CredentialInputBase,
  DateInput,
  EndorsementInput,
  EvidenceInput,
  IdentityObjectInput,
  ImageInput,
  ProfileInput,
  TypeInput,
  ValidityInput,
} from '../model/inputs.js';
import type {
  Achievement,
  Association,
  AssociationType,
  ClrSubject,
  CompactJws,
  URI,
} from '../model/types.generated.js';

/**
 * Input of `createAssociation`: the source achievement is (`associationType`) the target
 * achievement, both named by their `id`. `type` defaults to `'Association'`.
 *
 * @example
 * ```ts
 * import type { AssociationInput } from 'ob3kit/clr';
 * const a: AssociationInput = {
 *   associationType: 'isPartOf',
 *   sourceId: 'https://example.edu/achievements/sql',
 *   targetId: 'https://example.edu/achievements/data-analyst',
 * };
 * ```
 */
export interface AssociationInput {
  type?: 'Association';
  associationType: AssociationType;
  sourceId: URI;
  targetId: URI;
}

/**
 * A credential a CLR bundles: a credential object exactly as issued (signed or not). It is kept
 * as given, byte for byte in its JSON form.
 *
 * @example
 * ```ts
 * import type { BundledCredential } from 'ob3kit/clr';
 * const c: BundledCredential = signedBadge;
 * ```
 */
export type BundledCredential = Record<string, unknown>;

/**
 * Input of `createClrSubject`: the learner (an `id` and/or `identifier`s), the credentials the
 * record bundles, further achievements and the associations between achievements.
 *
 * @example
 * ```ts
 * import type { ClrSubjectInput } from 'ob3kit/clr';
 * const s: ClrSubjectInput = { id: 'did:example:learner', verifiableCredential: [signedBadge] };
 * ```
 */
export interface ClrSubjectInput {
  id?: URI;
  type?: TypeInput;
  identifier?: IdentityObjectInput[];
  achievement?: Array<AchievementInput | Achievement>;
  verifiableCredential: BundledCredential[];
  association?: Array<AssociationInput | Association>;
  [key: string]: unknown;
}

/**
 * Input of `createClrCredential` (VC 2.0, which CLR 2.0 is defined on).
 *
 * @example
 * ```ts
 * import type { ClrCredentialInput } from 'ob3kit/clr';
 * const input: ClrCredentialInput = {
 *   name: 'Transcript',
 *   issuer: { id: 'https://example.edu/issuers/1', name: 'Example University' },
 *   credentialSubject: { id: 'did:example:learner', verifiableCredential: [signedBadge] },
 * };
 * ```
 */
export interface ClrCredentialInput extends CredentialInputBase, ValidityInput {
  /** The publisher's URI or Profile (a Profile object without `type` gets `['Profile']`). */
  issuer: URI | ProfileInput;
  name: string;
  description?: string;
  image?: ImageInput;
  partial?: boolean;
  awardedDate?: DateInput;
  endorsement?: EndorsementInput[];
  endorsementJwt?: CompactJws[];
  evidence?: EvidenceInput[];
  credentialSubject: ClrSubjectInput | ClrSubject;
}
