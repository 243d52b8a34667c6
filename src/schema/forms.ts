/**
 * The precompiled validators loaded on demand, one form at a time: a VC 2.0 credential needs
 * only the VC 2.0 validators (the lenient ones only when it fails them), so a browser bundle of
 * `verify()` carries the other forms as chunks it fetches when a credential needs them, and a
 * Node process does not parse them at start-up.
 *
 * @internal
 */
import { onDemand } from '../internal/lazy.js';
import {
  checkOptions,
  credentialKind,
  type FormValidators,
  formTable,
  resolveForm,
  type SchemaValidationOptions,
  validateAs,
} from './run.js';
import type { SchemaForm, ValidationResult } from './types.js';

const loading: Partial<Record<SchemaForm, Promise<FormValidators>>> = {};

/** The error-to-issue conversion, loaded when a document fails a validator. */
const issuesCode = /* @__PURE__ */ onDemand(() => import('./issues.js'));

/** The import of one form's module (a literal specifier each, so bundlers split them). */
function importForm(form: SchemaForm): Promise<FormValidators> {
  switch (form) {
    case 'vc2':
      return import('./generated/vc2.generated.js').then(formTable);
    case 'vc1':
      return import('./generated/vc1.generated.js').then(formTable);
    case 'lenient':
      return import('./generated/lenient.generated.js').then(formTable);
  }
}

/**
 * The validators of one form, loaded once (a failed load is retried on the next call).
 * @internal
 */
export function loadForm(form: SchemaForm): Promise<FormValidators> {
  const pending = loading[form];
  if (pending) return pending;
  const load = importForm(form);
  loading[form] = load;
  load.catch(() => {
    if (loading[form] === load) delete loading[form];
  });
  return load;
}

/**
 * `validateCredential` with only the form the credential needs loaded: the same checks and
 * result, asynchronous. Throws `TypeError` for bad options, as `validateCredential` does.
 * @internal
 */
export async function validateCredentialOnDemand(
  credential: unknown,
  options?: SchemaValidationOptions,
): Promise<ValidationResult> {
  const opts = checkOptions('validateCredential', options);
  const form = resolveForm(credential, opts);
  const validators = await loadForm(form);
  const kind = credentialKind(credential, opts);
  // A document that passes needs no issues; one that fails runs again with the conversion.
  let failed = false;
  const passing = validateAs(kind, credential, opts, true, form, validators, () => {
    failed = true;
    return [];
  });
  if (!failed) return passing;
  const { errorsToIssues } = await issuesCode();
  return validateAs(kind, credential, opts, true, form, validators, errorsToIssues);
}
