/**
 * JSON Schema validation of Open Badges 3.0 documents.
 *
 * ob3kit's own schemas (in the package's `schemas/` folder) are generated from the OB 3.0 data
 * model and proven to accept and reject exactly what 1EdTech's official schemas do. They are
 * precompiled: validating compiles nothing and runs no `new Function`.
 *
 * @packageDocumentation
 */
export { compileSchemas, createValidator } from './compile.js';
export {
  type CredentialSchemaEntry,
  detectVcVersion,
  OFFICIAL_SCHEMA_URLS,
  type ResolveCredentialSchemasOptions,
  resolveCredentialSchemas,
} from './credential-schemas.js';
export { errorsToIssues } from './issues.js';
export type {
  SchemaError,
  SchemaForm,
  SchemaKind,
  ValidationResult,
  Validator,
} from './types.js';
export {
  assertValidAchievement,
  assertValidCredential,
  assertValidEndorsementCredential,
  assertValidProfile,
  type SchemaValidationOptions,
  validateAchievement,
  validateCredential,
  validateEndorsementCredential,
  validateProfile,
} from './validate.js';
