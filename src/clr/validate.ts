/**
 * Validation of CLR 2.0 credentials against ob3kit's CLR 2.0 JSON Schemas (`schemas/vc2/` and
 * `schemas/lenient/clr-credential.json`), precompiled like the Open Badges 3.0 ones.
 */
import { ValidationError } from '../errors.js';
import { isObject } from '../internal/json.js';
import * as lenientForm from '../schema/generated/clr-lenient.generated.js';
import * as vc2Form from '../schema/generated/clr-vc2.generated.js';
import type { ValidationResult, Validator } from '../schema/types.js';
import { runClrValidator } from './validators.js';

/**
 * The official CLR 2.0 ClrCredential schema URLs (under `schema/json/` and `schema/json-ld/`),
 * which a `credentialSchema` entry may name: the bundled CLR schema stands in for them.
 *
 * @example
 * ```ts
 * import { CLR_SCHEMA_URLS } from 'ob3kit/clr';
 * CLR_SCHEMA_URLS.includes('https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json'); // true
 * ```
 */
export { CLR_SCHEMA_URLS } from './validators.js';

/**
 * Options of {@link validateClrCredential}.
 *
 * @example
 * ```ts
 * import { validateClrCredential } from 'ob3kit/clr';
 * validateClrCredential(record, { lenient: true });
 * ```
 */
export interface ClrValidationOptions {
  /**
   * Accept what JSON-LD compaction produces (single values for arrays, language maps for
   * strings), as 1EdTech's published CLR 2.0 schema does. Default `false`: the strict form, which
   * accepts a subset of that.
   */
  lenient?: boolean;
  /**
   * A validator (from `createValidator`) to use instead of the bundled schema, for example one
   * compiled from the official schema's bytes.
   */
  schema?: Validator;
}

function checkOptions(name: string, options: unknown): ClrValidationOptions {
  if (options === undefined) return {};
  if (!isObject(options)) throw new TypeError(`${name}: options must be an object`);
  const { lenient, schema } = options as ClrValidationOptions;
  if (lenient !== undefined && typeof lenient !== 'boolean') {
    throw new TypeError(`${name}: options.lenient must be a boolean`);
  }
  if (schema !== undefined && !(isObject(schema) && typeof schema.validate === 'function')) {
    throw new TypeError(`${name}: options.schema must be a Validator (from createValidator)`);
  }
  return options as ClrValidationOptions;
}

/**
 * Validate a CLR 2.0 `ClrCredential` against ob3kit's CLR 2.0 schema: the strict form (single
 * values and arrays as the model has them) unless `options.lenient` is true, then the form that
 * agrees with 1EdTech's published (JSON-LD compaction tolerant) schema. The credentials the record
 * bundles are checked as generic verifiable credentials, as 1EdTech's schema does; `verify()`
 * verifies each of them in full. Never throws for a bad document.
 *
 * @example
 * ```ts
 * import { validateClrCredential } from 'ob3kit/clr';
 * const { ok, issues } = validateClrCredential({ type: ['VerifiableCredential', 'ClrCredential'] });
 * console.log(ok, issues.map((i) => i.path)); // false ['$.@context', '$.id', ...]
 * ```
 */
export function validateClrCredential(
  credential: unknown,
  options?: ClrValidationOptions,
): ValidationResult {
  const opts = checkOptions('validateClrCredential', options);
  if (opts.schema) {
    const r = opts.schema.validate(credential);
    return { ok: r.ok, issues: r.issues, schemas: [opts.schema.id] };
  }
  const lenient = opts.lenient === true;
  return runClrValidator(
    lenient ? lenientForm.clrCredential : vc2Form.clrCredential,
    lenient ? 'lenient' : 'vc2',
    credential,
  );
}

/**
 * Like {@link validateClrCredential}, but throws a `ValidationError` (code `ERR_VALIDATION`)
 * holding the issues when the record is not valid.
 *
 * @example
 * ```ts
 * import { assertValidClrCredential } from 'ob3kit/clr';
 * assertValidClrCredential(createClrCredential(input)); // a built record passes
 * ```
 */
export function assertValidClrCredential(
  credential: unknown,
  options?: ClrValidationOptions,
): void {
  const result = validateClrCredential(credential, options);
  if (result.ok) return;
  const first = result.issues[0];
  throw new ValidationError(
    result.issues,
    `Invalid CLR credential: ${result.issues.length} issue(s)${
      first ? `, first at ${first.path}: ${first.message}` : ''
    }`,
  );
}
