/**
 * The validation engine shared by the synchronous `validate*` functions (every form loaded up
 * front) and the on-demand path (`forms.ts`: one form loaded when a document needs it).
 *
 * @internal
 */
import type { Issue } from '../errors.js';
import { asArray, isObject } from '../internal/json.js';
import {
  bundledSchemaName,
  detectVcVersion,
  formFor,
  OFFICIAL_SCHEMA_URLS,
  resolveCredentialSchemas,
} from './credential-schemas.js';
import type {
  PrecompiledValidator,
  SchemaError,
  SchemaForm,
  SchemaKind,
  ValidationResult,
  Validator,
} from './types.js';

/**
 * What turns a precompiled validator's errors into issues (`errorsToIssues`): passed in, so that
 * a document that passes never loads it. @internal
 */
export type ToIssues = (errors: readonly SchemaError[], root: unknown) => Issue[];

/** Drop repeated issues (same code, path and message), keeping the first. @internal */
export function dedupeIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const issue of issues) {
    const key = `${issue.code}\u0000${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

/** The precompiled validators of one form, by class. @internal */
export type FormValidators = Readonly<Record<SchemaKind, PrecompiledValidator>>;

/** A generated module (`generated/<form>.generated.js`) as a table by class. @internal */
export function formTable(module: {
  achievementCredential: PrecompiledValidator;
  endorsementCredential: PrecompiledValidator;
  profile: PrecompiledValidator;
  achievement: PrecompiledValidator;
}): FormValidators {
  return Object.freeze({
    AchievementCredential: module.achievementCredential,
    EndorsementCredential: module.endorsementCredential,
    Profile: module.profile,
    Achievement: module.achievement,
  });
}

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

/** Check the options argument of a `validate*` function. @internal */
export function checkOptions(name: string, options: unknown): SchemaValidationOptions {
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

/** The schema form that applies to a document under these options. @internal */
export function resolveForm(document: unknown, options: SchemaValidationOptions): SchemaForm {
  const version =
    options.version === undefined || options.version === 'auto'
      ? detectVcVersion(document)
      : options.version;
  return formFor(version, options.lenient === true);
}

/** Run one precompiled validator. */
function runPrecompiled(
  validate: PrecompiledValidator,
  document: unknown,
  toIssues: ToIssues,
): Issue[] {
  if (validate(document)) return [];
  return toIssues(validate.errors ?? [], document);
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

/**
 * Validate a document as `kind` with the validators of `form` (which must be the form
 * `resolveForm` gives for it), then, when asked, against its `credentialSchema` entries.
 * @internal
 */
export function validateAs(
  kind: SchemaKind,
  document: unknown,
  options: SchemaValidationOptions,
  withCredentialSchemas: boolean,
  form: SchemaForm,
  validators: FormValidators,
  toIssues: ToIssues,
): ValidationResult {
  const applied: string[] = [];
  const issues: Issue[] = [];
  const apply = (name: string, run: () => Issue[]) => {
    if (applied.includes(name)) return;
    applied.push(name);
    issues.push(...run());
  };
  const main = suppliedFor(kind, options);
  if (main) apply(main[0], () => main[1].validate(document).issues);
  else
    apply(bundledSchemaName(kind, form), () =>
      runPrecompiled(validators[kind], document, toIssues),
    );

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
        else apply(entry.bundled, () => runPrecompiled(validators[k], document, toIssues));
      }
    }
  }
  const unique = dedupeIssues(issues);
  return { ok: unique.length === 0, issues: unique, schemas: applied };
}

/**
 * The class of a credential: by `type`; when `type` names neither, by the first
 * `credentialSchema` entry naming an official schema, then by the subject's `type`.
 * @internal
 */
export function credentialKind(document: unknown, options: SchemaValidationOptions): SchemaKind {
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
