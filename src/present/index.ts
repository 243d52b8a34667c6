/**
 * Verifiable presentations: build one from credentials (objects or JWTs), sign it for a
 * verifier's challenge and domain (Data Integrity or VP-JWT), and verify one.
 *
 * @packageDocumentation
 */
export { createPresentation, VC_JWT_MEDIA_TYPE } from './create.js';
export { signPresentation, signPresentationJwt } from './sign.js';
export type {
  CreatePresentationOptions,
  PresentationIssue,
  PresentationVerificationResult,
  PresentedCredentialResult,
  SignPresentationJwtOptions,
  SignPresentationOptions,
  VerifyPresentationOptions,
} from './types.js';
export { verifyPresentation } from './verify.js';
