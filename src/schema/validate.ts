/**
 * Validation of Open Badges 3.0 documents against ob3kit's bundled JSON Schemas.
 *
 * The validators are precompiled (`src/schema/generated/`, written by `npm run schemas`): no
 * schema is compiled and no `new Function` runs when validating, so it works under a strict
 * Content Security Policy and in React Native. These synchronous functions hold the validators
 * of all three forms; `verify()` loads only the form a credential needs (`forms.ts`).
 */
import { ValidationError } from '../errors.js';
// For the {@link} in validateCredential's documentation.
import type { resolveCredentialSchemas } from './credential-schemas.js';
import * as lenient from './generated/lenient.generated.js';
import * as vc1 from './generated/vc1.generated.js';
import * as vc2 from './generated/vc2.generated.js';
import { errorsToIssues } from './issues.js';
import {
  checkOptions,
  credentialKind,
  type FormValidators,
  formTable,
  resolveForm,
  type SchemaValidationOptions,
  validateAs,
} from './run.js';
import type { SchemaForm, SchemaKind, ValidationResult } from './types.js';

export type { SchemaValidationOptions } from './run.js';

/** The precompiled validators by form and class (internal; not exported from the package). */
export const PRECOMPILED: Readonly<Record<SchemaForm, FormValidators>> = Object.freeze({
  vc2: formTable(vc2),
  vc1: formTable(vc1),
  lenient: formTable(lenient),
});

/** Validate with every form at hand. */
function validateWithAll(
  kind: SchemaKind,
  document: unknown,
  options: SchemaValidationOptions,
  withCredentialSchemas: boolean,
): ValidationResult {
  const form = resolveForm(document, options);
  return validateAs(
    kind,
    document,
    options,
    withCredentialSchemas,
    form,
    PRECOMPILED[form],
    errorsToIssues,
  );
}

function assertOk(result: ValidationResult, what: string): void {
  if (result.ok) return;
  const first = result.issues[0];
  throw new ValidationError(
    result.issues,
    `Invalid ${what}: ${result.issues.length} issue(s)${
      first ? `, first at ${first.path}: ${first.message}` : ''
    }`,
  );
}

/**
 * Validate an Open Badges 3.0 credential against the schema of its type and VC version.
 *
 * An `EndorsementCredential` is checked with the endorsement schema, an `AchievementCredential`
 * or `OpenBadgeCredential` with the AchievementCredential schema (a credential whose `type` names
 * neither: by its `credentialSchema`, then its subject's type, else as an AchievementCredential). VC 1.1 documents (with the
 * `https://www.w3.org/2018/credentials/v1` context) get the VC 1.1 schema. Each
 * `credentialSchema` entry naming an official OB 3.0 schema (or a URL in `options.schemas`) is
 * applied too; entries that cannot be checked are reported by {@link resolveCredentialSchemas},
 * not here. Never throws for a bad credential.
 *
 * @example
 * ```ts
 * import { validateCredential } from 'ob3kit/schema';
 * const result = validateCredential({
 *   '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
 *   id: 'urn:uuid:2d7a4c3e-1b8f-4a43-9d2e-5c1e6f7a8b9c',
 *   type: ['VerifiableCredential', 'OpenBadgeCredential'],
 *   validFrom: '2024-01-01T00:00:00Z',
 *   credentialSubject: {
 *     type: ['AchievementSubject'],
 *     achievement: {
 *       id: 'https://example.com/achievements/1', type: ['Achievement'],
 *       name: 'Teamwork', description: 'Works well in a team.', criteria: { narrative: 'Be nominated.' },
 *     },
 *   },
 * });
 * console.log(result.ok); // false
 * console.log(result.issues[0]); // { code: 'required', path: '$.issuer', message: '"issuer" is required' }
 * ```
 */
export function validateCredential(
  credential: unknown,
  options?: SchemaValidationOptions,
): ValidationResult {
  const opts = checkOptions('validateCredential', options);
  return validateWithAll(credentialKind(credential, opts), credential, opts, true);
}

/**
 * Like {@link validateCredential}, but throws a `ValidationError` (code `ERR_VALIDATION`) holding
 * the issues when the credential is not valid.
 *
 * @example
 * ```ts
 * import { assertValidCredential } from 'ob3kit/schema';
 * import { ValidationError } from 'ob3kit';
 * try {
 *   assertValidCredential({ type: ['VerifiableCredential', 'OpenBadgeCredential'] });
 * } catch (e) {
 *   if (e instanceof ValidationError) console.log(e.issues.map((i) => i.path)); // ['$.@context', '$.id', ...]
 * }
 * ```
 */
export function assertValidCredential(
  credential: unknown,
  options?: SchemaValidationOptions,
): void {
  assertOk(validateCredential(credential, options), 'credential');
}

/**
 * Validate an EndorsementCredential against the endorsement schema of its VC version.
 *
 * @example
 * ```ts
 * import { validateEndorsementCredential } from 'ob3kit/schema';
 * const { ok, issues } = validateEndorsementCredential({ type: ['VerifiableCredential', 'EndorsementCredential'] });
 * console.log(ok, issues.some((i) => i.path === '$.name')); // false true
 * ```
 */
export function validateEndorsementCredential(
  credential: unknown,
  options?: SchemaValidationOptions,
): ValidationResult {
  const opts = checkOptions('validateEndorsementCredential', options);
  return validateWithAll('EndorsementCredential', credential, opts, true);
}

/**
 * Like {@link validateEndorsementCredential}, but throws a `ValidationError` when not valid.
 *
 * @example
 * ```ts
 * import { assertValidEndorsementCredential } from 'ob3kit/schema';
 * try {
 *   assertValidEndorsementCredential({});
 * } catch (e) {
 *   console.log((e as { code: string }).code); // 'ERR_VALIDATION'
 * }
 * ```
 */
export function assertValidEndorsementCredential(
  credential: unknown,
  options?: SchemaValidationOptions,
): void {
  assertOk(validateEndorsementCredential(credential, options), 'endorsement credential');
}

/**
 * Validate an issuer (or any) Profile. The VC 2.0 form applies unless `options.version` is
 * `'1.1'` (or the profile has the VC 1.1 context).
 *
 * @example
 * ```ts
 * import { validateProfile } from 'ob3kit/schema';
 * console.log(validateProfile({ id: 'https://example.com/issuer', type: ['Profile'], name: 'Example' }).ok); // true
 * console.log(validateProfile({ id: 'https://example.com/issuer', type: 'Profile' }).issues[0]?.code); // 'type'
 * ```
 */
export function validateProfile(
  profile: unknown,
  options?: SchemaValidationOptions,
): ValidationResult {
  const opts = checkOptions('validateProfile', options);
  return validateWithAll('Profile', profile, opts, false);
}

/**
 * Like {@link validateProfile}, but throws a `ValidationError` when not valid.
 *
 * @example
 * ```ts
 * import { assertValidProfile } from 'ob3kit/schema';
 * assertValidProfile({ id: 'https://example.com/issuer', type: ['Profile'] }); // passes
 * ```
 */
export function assertValidProfile(profile: unknown, options?: SchemaValidationOptions): void {
  assertOk(validateProfile(profile, options), 'profile');
}

/**
 * Validate an Achievement (the `credentialSubject.achievement` of a credential, or a standalone
 * achievement definition). 1EdTech publishes no Achievement schema; this is the `Achievement`
 * definition of the credential schemas.
 *
 * @example
 * ```ts
 * import { validateAchievement } from 'ob3kit/schema';
 * const r = validateAchievement({ id: 'https://example.com/a/1', type: ['Achievement'], name: 'A', description: 'B' });
 * console.log(r.issues); // [{ code: 'required', path: '$.criteria', message: '"criteria" is required' }]
 * ```
 */
export function validateAchievement(
  achievement: unknown,
  options?: SchemaValidationOptions,
): ValidationResult {
  const opts = checkOptions('validateAchievement', options);
  return validateWithAll('Achievement', achievement, opts, false);
}

/**
 * Like {@link validateAchievement}, but throws a `ValidationError` when not valid.
 *
 * @example
 * ```ts
 * import { assertValidAchievement } from 'ob3kit/schema';
 * assertValidAchievement({
 *   id: 'https://example.com/a/1', type: ['Achievement'], name: 'A', description: 'B', criteria: {},
 * }); // passes
 * ```
 */
export function assertValidAchievement(
  achievement: unknown,
  options?: SchemaValidationOptions,
): void {
  assertOk(validateAchievement(achievement, options), 'achievement');
}
