/**
 * VC-JWT: credentials secured as JSON Web Tokens (Open Badges 3.0 section 8.2).
 *
 * @packageDocumentation
 */
export { signCredentialJwt } from './sign.js';
export type {
  CredentialJwtVerificationResult,
  JwtIssue,
  JwtPayloadForm,
  SignCredentialJwtOptions,
  VerifyCredentialJwtOptions,
} from './types.js';
export { verifyCredentialJwt } from './verify.js';
