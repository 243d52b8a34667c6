/**
 * Credential profiles (internal): a class of credential with its own conformance checks and
 * extra verification steps. CLR 2.0 is one (`src/clr/verify.ts`; its schema validators are
 * loaded only when a CLR arrives); everything else is verified as an Open Badges 3.0 credential.
 */
import { CLR_PROFILE } from '../clr/verify.js';
import type { JsonObject } from '../internal/json.js';
import { typesOf } from './checks/util.js';
import type { DecodedInput } from './input.js';
import type { CredentialRole, RunState } from './state.js';
import type { CheckResult, VerificationReport } from './types.js';

/** What the pipeline gives a profile's extra steps. */
export interface ProfileContext {
  /** Whether the credential's own proof (embedded or JWT) verified. */
  proofPassed: boolean;
  /** Verify a nested credential with the full pipeline, in the credential role. */
  verifyNested(decoded: DecodedInput, state: RunState): Promise<VerificationReport>;
}

/** The checks a profile replaces, and what it adds after the credential's own. */
export interface CredentialProfile {
  context(credential: JsonObject): CheckResult[];
  type(credential: JsonObject): CheckResult[];
  schema(credential: JsonObject, state: RunState): Promise<CheckResult[]>;
  subject(credential: JsonObject): CheckResult[];
  /** The part of the credential whose endorsements are verified in this report. */
  endorsementScope(credential: JsonObject): JsonObject;
  /** Steps after the credential's own checks: entries, and the reports of nested credentials. */
  finish(
    credential: JsonObject,
    state: RunState,
    context: ProfileContext,
  ): Promise<{ checks: CheckResult[]; credentials: VerificationReport[] }>;
}

/**
 * The profile a credential is verified under, when not plain Open Badges 3.0: a
 * `ClrCredential` verified as a credential (not one bundled in another CLR) is a CLR 2.0 record.
 */
export function profileFor(
  credential: JsonObject,
  role: CredentialRole,
  state: RunState,
): CredentialProfile | undefined {
  if (role !== 'credential' || state.inClr) return undefined;
  if (!typesOf(credential.type).includes('ClrCredential')) return undefined;
  return CLR_PROFILE;
}
