/**
 * Verification profiles (internal): which rules a credential is checked by. `ob3` is the Open
 * Badges 3.0 verification algorithm; `vc` the W3C Verifiable Credentials Data Model rules for
 * any credential, without the Open Badges checks.
 */
import type { JsonObject } from '../internal/json.js';
import {
  validateVerifiableCredential,
  validateVerifiablePresentation,
} from '../model/vc-data-model.js';
import { typesOf } from './checks/util.js';
import type { CredentialRole } from './state.js';
import type { CheckResult, VerificationProfile } from './types.js';

/** The `type` values that make a credential an Open Badge (verified by the `ob3` profile). */
const OB_TYPES = new Set(['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential']);

/**
 * The profile a credential is verified by: the one asked for, or (`auto`, the default) `ob3`
 * for a credential typed as an Open Badge and `vc` for any other. Endorsements are always
 * verified as Open Badges.
 */
export function selectProfile(
  credential: JsonObject,
  requested: 'auto' | VerificationProfile | undefined,
  role: CredentialRole,
): VerificationProfile {
  if (role === 'endorsement') return 'ob3';
  if (requested === 'ob3' || requested === 'vc') return requested;
  return typesOf(credential.type).some((t) => OB_TYPES.has(t)) ? 'ob3' : 'vc';
}

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
