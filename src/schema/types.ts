/** Types shared by the schema validators. */
import type { Issue } from '../errors.js';

/**
 * The form of a schema:
 * - `vc2`: VC Data Model 2.0 (agrees with 1EdTech's 2024 schemas);
 * - `vc1`: VC Data Model 1.1 (agrees with 1EdTech's 2022–2023 schemas, the first OB 3.0 release);
 * - `lenient`: VC Data Model 2.0 tolerating JSON-LD compaction, single values for arrays and
 *   language maps for strings (agrees with the JSON-LD adaptation 1EdTech publishes since 2025).
 *
 * @example
 * ```ts
 * import type { SchemaForm } from 'ob3kit/schema';
 * const form: SchemaForm = 'vc2'; // the bundled schema files are schemas/<form>/<class>.json
 * ```
 */
export type SchemaForm = 'vc2' | 'vc1' | 'lenient';

/**
 * The Open Badges 3.0 classes ob3kit has schemas for.
 *
 * @example
 * ```ts
 * import { OFFICIAL_SCHEMA_URLS, type SchemaKind } from 'ob3kit/schema';
 * const kind: SchemaKind | undefined = OFFICIAL_SCHEMA_URLS[url];
 * ```
 */
export type SchemaKind =
  | 'AchievementCredential'
  | 'EndorsementCredential'
  | 'Profile'
  | 'Achievement';

/**
 * The outcome of a validation: `ok` when there is no issue.
 *
 * @example
 * ```ts
 * import { validateProfile, type ValidationResult } from 'ob3kit/schema';
 * const r: ValidationResult = validateProfile({ id: 'https://example.com/i', type: ['Profile'] });
 * console.log(r); // { ok: true, issues: [], schemas: ['vc2/profile'] }
 * ```
 */
export interface ValidationResult {
  /** `true` when the document satisfies every schema applied. */
  ok: boolean;
  /** The problems found, each with a stable `code`, a JSON `path` and a `message`. */
  issues: Issue[];
  /**
   * The schemas applied: a bundled schema's name (`vc2/achievement-credential`) or the URL under
   * which a caller supplied a validator.
   */
  schemas: string[];
}

/**
 * A compiled validator: sync, reusable, safe to call concurrently.
 *
 * @example
 * ```ts
 * import { createValidator, type Validator } from 'ob3kit/schema';
 * const v: Validator = await createValidator({ type: 'object', required: ['id'] });
 * v.validate({}).issues; // [{ code: 'required', path: '$.id', message: '"id" is required' }]
 * ```
 */
export interface Validator {
  /** The schema's `$id` (or `'anonymous'` when it has none). */
  readonly id: string;
  /** Validate a document. Never throws for a bad document. */
  validate(document: unknown): ValidationResult;
  /** Validate a document; throws a `ValidationError` holding the issues when it is not valid. */
  assertValid(document: unknown): void;
}

/**
 * The error objects ajv produces (with `verbose: true`); only what ob3kit reads.
 *
 * @example
 * ```ts
 * import { errorsToIssues, type SchemaError } from 'ob3kit/schema';
 * const errors: SchemaError[] = [{ keyword: 'required', instancePath: '', schemaPath: '#/required', params: { missingProperty: 'id' } }];
 * errorsToIssues(errors, {}); // [{ code: 'required', path: '$.id', message: '"id" is required' }]
 * ```
 */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  propertyName?: string;
  schema?: unknown;
  parentSchema?: unknown;
  data?: unknown;
}

/** A validation function as ajv compiles it (precompiled or at run time). @internal */
export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}
