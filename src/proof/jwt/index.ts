/**
 * VC-JWT: credentials secured as JSON Web Tokens (Open Badges 3.0 section 8.2).
 *
 * Also the JWT envelope that presentations share with credential JWTs (`openJwt`,
 * `verifyJwtKey`, `prepareJwtSigning`, ...): internal, `ob3kit/proof` re-exports only
 * `signCredentialJwt`, `verifyCredentialJwt` and their types.
 *
 * @packageDocumentation
 */

export { verifyCredentialJwt } from './api.js';
/** @internal The credential (or presentation) a JWT payload carries, VC 1.1 claims mapped back. */
export { extractCredential } from './claims.js';
export {
  assertRole,
  type CheckedVerifyOptions,
  checkTime,
  checkVerifyOptions,
  type JwtSigning,
  type JwtSigningOptions,
  type OpenedJwt,
  openJwt,
  prepareJwtSigning,
  sealJwt,
  toNumericDate,
  verifyJwtKey,
} from './envelope.js';
export {
  checkHeader,
  checkJwsSignature,
  DEFAULT_MAX_JWT_LENGTH,
  type ParsedJws,
  parseCompactJws,
} from './jws.js';
export { signCredentialJwt } from './sign.js';
export type {
  CredentialJwtVerificationResult,
  JwtIssue,
  JwtPayloadForm,
  SignCredentialJwtOptions,
  VerifyCredentialJwtOptions,
} from './types.js';
