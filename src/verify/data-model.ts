/** The `data_model` check's rules (internal; `profile.ts` loads this module on first use). */
import type { JsonObject } from '../internal/json.js';
import {
  validateVerifiableCredential,
  validateVerifiablePresentation,
} from '../model/vc-data-model.js';
import type { CheckResult } from './types.js';

/**
 * The `data_model` check: the VC Data Model rules every credential (or presentation) obeys
 * (`validateVerifiableCredential`, `validateVerifiablePresentation`); each broken rule is a
 * failure.
 */
export function checkDataModel(
  document: JsonObject,
  role: 'credential' | 'presentation',
): CheckResult[] {
  // A presentation's credentials are verified one by one (each by its own profile).
  const { issues } =
    role === 'presentation'
      ? validateVerifiablePresentation(document, { credentials: false })
      : validateVerifiableCredential(document);
  if (issues.length === 0) return [{ id: 'data_model', outcome: 'pass' }];
  return issues.map((i) => ({
    id: 'data_model',
    outcome: 'fail',
    code: i.code,
    message: i.message,
    path: i.path,
  }));
}
