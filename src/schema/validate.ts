/**
 * Validation of Open Badges 3.0 documents against ob3kit's bundled JSON Schemas.
 *
 * The validators are precompiled (`src/schema/generated/`, written by `npm run schemas`): no
 * schema is compiled and no `new Function` runs when validating, so it works under a strict
 * Content Security Policy and in React Native.
 */
import { type Issue, ValidationError } from '../errors.js';
import { asArray, isObject } from '../internal/json.js';
import {
  bundledSchemaName,
  detectVcVersion,
  formFor,
  OFFICIAL_SCHEMA_URLS,
  resolveCredentialSchemas,
} from './credential-schemas.js';
import * as lenient from './generated/lenient.generated.js';
import * as vc1 from './generated/vc1.generated.js';
import * as vc2 from './generated/vc2.generated.js';
import { dedupeIssues, errorsToIssues } from './issues.js';
import type {
  PrecompiledValidator,
  SchemaForm,
  SchemaKind,
  ValidationResult,
  Validator,
} from './types.js';

/** The precompiled validators by form and class (internal; not exported from the package). */
export const PRECOMPILED: Record<SchemaForm, Record<SchemaKind, PrecompiledValidator>> = {
  vc2: {
    AchievementCredential: vc2.achievementCredential,
    EndorsementCredential: vc2.endorsementCredential,
    Profile: vc2.profile,
    Achievement: vc2.achievement,
  },
  vc1: {
    AchievementCredential: vc1.achievementCredential,
    EndorsementCredential: vc1.endorsementCredential,
    Profile: vc1.profile,
    Achievement: vc1.achievement,
  },
  lenient: {
    AchievementCredential: lenient.achievementCredential,
    EndorsementCredential: lenient.endorsementCredential,
    Profile: lenient.profile,
    Achievement: lenient.achievement,
  },
};

/**
 * Options of the `validate*` and `assertValid*` functions.
 *
 * @example
 * ```ts
 * import { validateCredential } from 'ob3kit/schema';
 * validateCredential(credential, { version: '2.0', lenient: true });
 * ```
 */
export interface SchemaValidationOptions {
  /**
   * The VC data model version whose schema applies. `'auto'` (the default) picks VC 1.1 when the
   * document's `@context` includes `https://www.w3.org/2018/credentials/v1`, VC 2.0 otherwise.
   */
  version?: 'auto' | '2.0' | '1.1';
  /**
   * Accept what JSON-LD compaction produces in VC 2.0 documents: a single value where the schema
   * has an array, a language map where it has a string. This is what 1EdTech's JSON-LD schemas
   * (published since 2025) accept. Default `false`: the strict 2024 schemas.
   */
  lenient?: boolean;
  /**
   * Validators to use instead of the bundled schemas, by schema URL (see `createValidator`). A
   * validator supplied under an official OB 3.0 schema URL replaces the bundled schema of that
   * class; one supplied under any other URL is applied when a `credentialSchema` entry names it.
   */
  schemas?: Readonly<Record<string, Validator>>;
}

function checkOptions(name: string, options: unknown): SchemaValidationOptions {
  if (options === undefined) return {};
  if (!isObject(options)) throw new TypeError(`${name}: options must be an object`);
  const { version, lenient: lenientOption, schemas } = options as SchemaValidationOptions;
  if (version !== undefined && version !== 'auto' && version !== '2.0' && version !== '1.1') {
    throw new TypeError(`${name}: options.version must be 'auto', '2.0' or '1.1'`);
  }
  if (lenientOption !== undefined && typeof lenientOption !== 'boolean') {
    throw new TypeError(`${name}: options.lenient must be a boolean`);
  }
  if (schemas !== undefined) {
    if (!isObject(schemas)) throw new TypeError(`${name}: options.schemas must be an object`);
    for (const [url, v] of Object.entries(schemas)) {
      if (!isObject(v) || typeof (v as { validate?: unknown }).validate !== 'function') {
        throw new TypeError(
          `${name}: options.schemas["${url}"] must be a Validator (from createValidator)`,
        );
      }
    }
  }
  return options as SchemaValidationOptions;
}

function resolveForm(document: unknown, options: SchemaValidationOptions): SchemaForm {
  const version =
    options.version === undefined || options.version === 'auto'
      ? detectVcVersion(document)
      : options.version;
  return formFor(version, options.lenient === true);
}

/** Run one precompiled validator. */
function runPrecompiled(kind: SchemaKind, form: SchemaForm, document: unknown): Issue[] {
  const validate = PRECOMPILED[form][kind];
  if (validate(document)) return [];
  return errorsToIssues(validate.errors ?? [], document);
}

/** The caller's validator for an official URL of this class, if any. */
function suppliedFor(
  kind: SchemaKind,
  options: SchemaValidationOptions,
): [string, Validator] | undefined {
  if (!options.schemas) return undefined;
  for (const [url, validator] of Object.entries(options.schemas)) {
    if (OFFICIAL_SCHEMA_URLS[url] === kind) return [url, validator];
  }
  return undefined;
}

function validateAs(
  kind: SchemaKind,
  document: unknown,
  options: SchemaValidationOptions,
  withCredentialSchemas: boolean,
): ValidationResult {
  const applied: string[] = [];
  const issues: Issue[] = [];
  const apply = (name: string, run: () => Issue[]) => {
    if (applied.includes(name)) return;
    applied.push(name);
    issues.push(...run());
  };
  const form = resolveForm(document, options);
  const main = suppliedFor(kind, options);
  if (main) apply(main[0], () => main[1].validate(document).issues);
  else apply(bundledSchemaName(kind, form), () => runPrecompiled(kind, form, document));

  if (withCredentialSchemas) {
    const { entries } = resolveCredentialSchemas(document, options);
    for (const entry of entries) {
      const supplied = entry.supplied ? options.schemas?.[entry.id] : undefined;
      if (supplied) {
        apply(entry.id, () => supplied.validate(document).issues);
      } else if (entry.kind && entry.bundled) {
        const k = entry.kind;
        const replacement = suppliedFor(k, options);
        if (replacement) apply(replacement[0], () => replacement[1].validate(document).issues);
        else apply(entry.bundled, () => runPrecompiled(k, form, document));
      }
    }
  }
  const unique = dedupeIssues(issues);
  return { ok: unique.length === 0, issues: unique, schemas: applied };
}

/**
 * The class of a credential: by `type`; when `type` names neither, by the first
 * `credentialSchema` entry naming an official schema, then by the subject's `type`.
 */
function credentialKind(document: unknown, options: SchemaValidationOptions): SchemaKind {
  if (!isObject(document)) return 'AchievementCredential';
  const types = asArray(document.type as unknown);
  if (types.includes('EndorsementCredential')) return 'EndorsementCredential';
  if (types.includes('AchievementCredential') || types.includes('OpenBadgeCredential')) {
    return 'AchievementCredential';
  }
  const declared = resolveCredentialSchemas(document, options).entries.find(
    (e) => e.kind === 'AchievementCredential' || e.kind === 'EndorsementCredential',
  );
  if (declared?.kind) return declared.kind;
  const subject = document.credentialSubject;
  if (isObject(subject) && asArray(subject.type as unknown).includes('EndorsementSubject')) {
    return 'EndorsementCredential';
  }
  return 'AchievementCredential';
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
  return validateAs(credentialKind(credential, opts), credential, opts, true);
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
  return validateAs('EndorsementCredential', credential, opts, true);
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
  return validateAs('Profile', profile, opts, false);
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
  return validateAs('Achievement', achievement, opts, false);
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
