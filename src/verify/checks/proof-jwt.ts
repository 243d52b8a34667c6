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
 * JWT claims that restate a member of the signed credential: a missing one leaves nothing
 * ambiguous (the credential says it), so it is a conformance finding, not a failed proof. A claim
 * that disagrees with the credential is still a failure (`jwt_claim_mismatch`).
 */
const RESTATING = new Set(['jwt_claim_missing']);

/**
 * Turn a VC-JWT verification result into the `proof` and `issuer` entries. The JWT's `exp` and
 * `nbf` are left to the `validity` check; a key not controlled by the issuer goes to `issuer`; a
 * registered claim that is missing (1EdTech's example badges carry no `sub`) is a warning.
 */
export function checkJwtProof(res: CredentialJwtVerificationResult): ProofOutcome {
  const issuer = bindingEntries(res.issues);
  const remaining = res.issues.filter((i) => !BINDING_CODES.has(i.code) && !TIME_CODES.has(i.code));
  const findings = remaining.filter((i) => RESTATING.has(i.code));
  const fatal = remaining.filter((i) => !RESTATING.has(i.code));
  if (fatal.length > 0) return { proof: failures(remaining), issuer, passed: false };
  const alg = typeof res.header?.alg === 'string' ? res.header.alg : 'JWS';
  const by = res.verificationMethod ? ` with ${res.verificationMethod}` : '';
  return {
    proof: [
      result(ID, 'pass', undefined, `VC-JWT signature (${alg}) verified${by}`),
      ...findings.map((i) =>
        result(ID, 'warn', i.code, `${i.message} (the signed credential states it)`, i.path),
      ),
    ],
    issuer,
    passed: true,
  };
}
