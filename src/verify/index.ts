/**
 * Verification: one `verify()` for a credential in any format (object, JSON text, VC-JWT,
 * baked PNG/SVG, presentation), following the Open Badges 3.0 verification algorithm, and a
 * report with a verdict and one entry a check.
 *
 * @packageDocumentation
 */
export { computeVerdict, formatReport } from './report.js';
export type {
  ApplicationProfile,
  CheckOutcome,
  CheckResult,
  FetchLike,
  InputFormat,
  KnownRecipient,
  Verdict,
  VerificationProfile,
  VerificationReport,
  VerifyLimits,
  VerifyOptions,
} from './types.js';
export { verify, verifyCredential } from './verify.js';
