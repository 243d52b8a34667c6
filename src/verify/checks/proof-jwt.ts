/** `proof` for VC-JWT credentials. */
import { onDemand } from '../../internal/lazy.js';
import type { CredentialJwtVerificationResult } from '../../proof/jwt/types.js';
import type { RunState } from '../state.js';
import {
  BINDING_CODES,
  bindingEntries,
  failures,
  ID,
  type ProofOutcome,
  resolutionOptions,
  TIME_CODES,
} from './proof-common.js';
import { result } from './util.js';

/** VC-JWT verification, loaded for a credential that came as a JWT. */
const jwtCode = /* @__PURE__ */ onDemand(() => import('../../proof/jwt/verifying.js'));

/** Verify a VC-JWT (run once while parsing; the result feeds `proof`, `issuer` and the credential). */
export async function runJwtVerification(
  jwt: string,
  state: RunState,
): Promise<CredentialJwtVerificationResult> {
  const { verifyCredentialJwt } = await jwtCode();
  return verifyCredentialJwt(jwt, resolutionOptions(state));
}

/**
 * Turn a VC-JWT verification result into the `proof` and `issuer` entries. The JWT's `exp` and
 * `nbf` are left to the `validity` check; a key not controlled by the issuer goes to `issuer`.
 */
export function checkJwtProof(res: CredentialJwtVerificationResult): ProofOutcome {
  const issuer = bindingEntries(res.issues);
  const remaining = res.issues.filter((i) => !BINDING_CODES.has(i.code) && !TIME_CODES.has(i.code));
  if (remaining.length > 0) return { proof: failures(remaining), issuer, passed: false };
  const alg = typeof res.header?.alg === 'string' ? res.header.alg : 'JWS';
  const by = res.verificationMethod ? ` with ${res.verificationMethod}` : '';
  return {
    proof: [result(ID, 'pass', undefined, `VC-JWT signature (${alg}) verified${by}`)],
    issuer,
    passed: true,
  };
}
