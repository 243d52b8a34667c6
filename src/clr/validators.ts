/**
 * The CLR 2.0 precompiled validators, run (internal). Kept apart from the generated code so that
 * `verify()` can load the validators only when a CLR arrives.
 */
import { errorsToIssues } from '../schema/issues.js';
import { dedupeIssues } from '../schema/run.js';
import type { PrecompiledValidator, ValidationResult } from '../schema/types.js';

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
export const CLR_SCHEMA_URLS: readonly string[] = Object.freeze(
  ['json/', 'json-ld/'].map(
    (folder) =>
      `https://purl.imsglobal.org/spec/clr/v2p0/schema/${folder}clr_v2p0_clrcredential_schema.json`,
  ),
);

/** Run one precompiled CLR validator (`form` names the bundled schema). */
export function runClrValidator(
  validate: PrecompiledValidator,
  form: 'vc2' | 'lenient',
  credential: unknown,
): ValidationResult {
  const name = `${form}/clr-credential`;
  if (validate(credential)) return { ok: true, issues: [], schemas: [name] };
  const issues = dedupeIssues(errorsToIssues(validate.errors ?? [], credential));
  return { ok: issues.length === 0, issues, schemas: [name] };
}

/** Both forms' validators, loaded on first use (a dynamic import each). */
let loaded: Promise<Record<'vc2' | 'lenient', PrecompiledValidator>> | undefined;

/** The CLR validators, loaded once. */
export function loadClrValidators(): Promise<Record<'vc2' | 'lenient', PrecompiledValidator>> {
  loaded ??= Promise.all([
    import('../schema/generated/clr-vc2.generated.js'),
    import('../schema/generated/clr-lenient.generated.js'),
  ]).then(([vc2, lenient]) => ({ vc2: vc2.clrCredential, lenient: lenient.clrCredential }));
  return loaded;
}
