/**
 * Verification: one `verify()` for a credential in any format (object, JSON text, VC-JWT,
 * baked PNG/SVG, presentation), following the Open Badges 3.0 verification algorithm, and a
 * report that answers four questions (authentic, in force, fully checked, conformant), with a
 * verdict under a policy and one entry a check.
 *
 * @packageDocumentation
 */
export { CHECK_CODES, type CodeClass, classifyCheck } from './codes.js';
export { formatReport } from './format.js';
export { computeVerdict } from './report.js';
export {
  type Answer,
  type ApplicationProfile,
  type CheckCategory,
  type CheckOutcome,
  type CheckResult,
  type FetchLike,
  type InputFormat,
  type KnownRecipient,
  REPORT_VERSION,
  type ReportAnswers,
  type UncheckedQuestion,
  type Verdict,
  type VerificationProfile,
  type VerificationReport,
  type VerifyLimits,
  type VerifyOptions,
  type VerifyPolicy,
} from './types.js';
export { verify, verifyCredential } from './verify.js';
