/**
 * What verifying a JWT needs, in one module that `verify()` and presentation verification load
 * on demand (a dynamic import keeps every export of its target: this one has only these).
 *
 * @internal
 */
export { openJwt, verifyJwtKey } from './envelope.js';
export { verifyCredentialJwt } from './verify.js';
