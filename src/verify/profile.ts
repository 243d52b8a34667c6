/**
 * Verification profiles (internal): which rules a credential is checked by. `ob3` is the Open
 * Badges 3.0 verification algorithm; `clr` the same pipeline with the CLR 2.0 record's own
 * conformance checks and extra steps (`src/clr/verify.ts`; its schema validators are loaded
 * only when a CLR arrives); `vc` the W3C Verifiable Credentials Data Model rules for any other
 * credential, without the Open Badges checks.
 */
import type { JsonObject } from '../internal/json.js';
import { onDemand } from '../internal/lazy.js';
import type { compareLearners } from '../model/identity.js';
import { typesOf } from './checks/util.js';
import type { DecodedInput } from './input.js';
import type { CredentialRole, RunState } from './state.js';
import type { CheckResult, VerificationProfile, VerificationReport } from './types.js';

/** The `type` values that make a credential an Open Badge (verified by the `ob3` profile). */
const OB_TYPES = new Set(['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential']);

/** The CLR 2.0 profile (`src/clr/verify.ts`), loaded when a CLR record arrives. */
const clrProfile = /* @__PURE__ */ onDemand(() =>
  import('../clr/verify.js').then((m): CredentialProfile => m.CLR_PROFILE),
);

/** What the pipeline gives a profile's extra steps. */
export interface ProfileContext {
  /** Whether the credential's own proof (embedded or JWT) verified with its issuer's key. */
  proofPassed: boolean;
  /** Verify a nested credential with the full pipeline, in the credential role. */
  verifyNested(decoded: DecodedInput, state: RunState): Promise<VerificationReport>;
  /**
   * `compareLearners` (`model/identity.ts`), handed over so that the profile's code, loaded on
   * demand, does not keep the identity module (re-exported by the root) alive on its own.
   */
  compareLearners: typeof compareLearners;
}

/** The checks a class of credential replaces in the `ob3` pipeline, and what it adds after. */
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
 * Whether a credential is a CLR 2.0 record in the `ob3` pipeline: a `ClrCredential` verified as
 * a credential (not one bundled in another CLR).
 */
function isClrRecord(credential: JsonObject, role: CredentialRole, state: RunState): boolean {
  if (role !== 'credential' || state.inClr) return false;
  return typesOf(credential.type).includes('ClrCredential');
}

/**
 * The class profile of a credential in the `ob3` pipeline, when it is not plain Open Badges
 * 3.0: the CLR 2.0 profile for a CLR 2.0 record (see {@link isClrRecord}).
 */
export async function profileFor(
  credential: JsonObject,
  role: CredentialRole,
  state: RunState,
): Promise<CredentialProfile | undefined> {
  return isClrRecord(credential, role, state) ? clrProfile() : undefined;
}

/**
 * The profile a credential is verified by. Endorsements are always Open Badges. `vc` when
 * asked; otherwise a CLR 2.0 record (see {@link profileFor}) is `clr`; then `ob3` when asked,
 * or (`auto`, the default) for a credential typed as an Open Badge or as a CLR (a CLR bundled
 * in another one is not read as a record: it fails as an Open Badge), and `vc` for any other.
 */
export function selectProfile(
  credential: JsonObject,
  requested: 'auto' | 'ob3' | 'vc' | undefined,
  role: CredentialRole,
  state: RunState,
): VerificationProfile {
  if (role === 'endorsement') return 'ob3';
  if (requested === 'vc') return 'vc';
  if (isClrRecord(credential, role, state)) return 'clr';
  if (requested === 'ob3') return 'ob3';
  return typesOf(credential.type).some((t) => OB_TYPES.has(t) || t === 'ClrCredential')
    ? 'ob3'
    : 'vc';
}

/**
 * The VC Data Model rules, loaded for the `data_model` check (through `data-model.ts`, which
 * exports nothing else: a dynamic import keeps every export of its target).
 */
const dataModel = /* @__PURE__ */ onDemand(() => import('./data-model.js'));

/**
 * The `data_model` check: the VC Data Model rules every credential (or presentation) obeys
 * (`validateVerifiableCredential`, `validateVerifiablePresentation`); each broken rule is a
 * failure. The rules (`data-model.ts`) load on first use.
 */
export async function checkDataModel(
  document: JsonObject,
  role: 'credential' | 'presentation',
): Promise<CheckResult[]> {
  return (await dataModel()).checkDataModel(document, role);
}
