/**
 * Proofs: Data Integrity embedded proofs (`DataIntegrityProof` with `eddsa-rdfc-2022`,
 * `ecdsa-rdfc-2019`, `eddsa-jcs-2022`, `ecdsa-jcs-2019`, legacy `eddsa-2022`;
 * `Ed25519Signature2020`), proof sets and chains, and VC-JWT external proofs (RS256, ES256,
 * ES384, EdDSA): sign and verify.
 *
 * @packageDocumentation
 */

export type { ProofRole } from '../internal/roles.js';
export {
  createProofHashData,
  type ProofHashData,
  type ProofHashDataOptions,
} from './data-integrity/hash-data.js';
export { type SignCredentialOptions, signCredential } from './data-integrity/sign.js';
export {
  ECDSA_JCS_2019,
  ECDSA_RDFC_2019,
  ED25519_SIGNATURE_2020,
  EDDSA_2022,
  EDDSA_JCS_2022,
  EDDSA_RDFC_2022,
  SIGNING_SUITES,
  type SuiteName,
  VERIFYING_SUITES,
} from './data-integrity/suites.js';
export {
  type ProofIssue,
  type ProofIssueCode,
  type ProofResult,
  type VerifyCredentialProofOptions,
  type VerifyCredentialProofResult,
  verifyCredentialProof,
} from './data-integrity/verify.js';
export {
  type CredentialJwtVerificationResult,
  type JwtIssue,
  type JwtPayloadForm,
  type SignCredentialJwtOptions,
  signCredentialJwt,
  type VerifyCredentialJwtOptions,
  verifyCredentialJwt,
} from './jwt/index.js';
export type { SigningChecks } from './preflight.js';
export {
  type SigningKeyIds,
  type SigningRole,
  type SigningValidationOptions,
  signingKeyMismatch,
  validateBeforeSigning,
} from './preflight.js';
export {
  type CheckRelatedResourcesOptions,
  checkRelatedResources,
  type RelatedResourceCheck,
  type ResourceFetch,
} from './related-resource.js';
