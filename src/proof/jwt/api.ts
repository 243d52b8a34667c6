/**
 * `verifyCredentialJwt` as the package exports it: a thin function over its implementation
 * (verify.ts), which ob3kit's own modules call. `verify()` loads VC-JWT verification on demand;
 * if the root barrel re-exported the implementation itself, esbuild would move it, and
 * everything it imports, into the first chunk of every app that imports anything from 'ob3kit'.
 */
import type { CredentialJwtVerificationResult, VerifyCredentialJwtOptions } from './types.js';
import { verifyCredentialJwt as verifyJwt } from './verify.js';

/**
 * Verify a credential JWT (Open Badges 3.0 section 8.2.4, "Verify a Credential"): decode it,
 * find the key from the header `kid` (a DID URL or https URL, resolved through `documents`,
 * `fetch` or `resolvers`) or `jwk`, check that the issuer controls that key for
 * `assertionMethod`, verify the signature, check `iss`, `sub`, `jti`, `nbf` and `exp` against
 * the credential, and check `nbf` and `exp` against `now`.
 *
 * Accepts both payload forms: the credential in the `vc` claim (VC 1.1, whose claims fill in
 * fields the `vc` claim leaves out) and the credential as the payload (VC 2.0 / Open Badges 3.0).
 *
 * Never throws for a bad JWT: every problem is an entry in `issues` with a stable code
 * (`jwt_too_large`, `jwt_malformed`, `jwt_duplicate_member`, `jwt_alg_missing`, `jwt_alg_forbidden`,
 * `jwt_alg_unsupported`, `jwt_alg_key_mismatch`, `jwt_crit_unsupported`, `jwt_typ_unsupported`,
 * `jwt_payload_invalid`, `jwt_key_missing`, `jwt_jwk_private`, `jwt_key_invalid`,
 * `jwt_key_unresolved`, `jwt_jwk_kid_mismatch`, `key_purpose_mismatch`, `key_revoked`, `key_expired`,
 * `issuer_key_mismatch`, `jwt_signature_invalid`, `jwt_claim_missing`, `jwt_claim_invalid`,
 * `jwt_claim_mismatch`, `jwt_expired`, `jwt_not_yet_valid`, and `type_role_mismatch` /
 * `type_ambiguous_role` for a presentation, or a payload or document that claims to be both a
 * credential and a presentation). Throws `TypeError` only for misuse, and `KeyError`
 * `ERR_CRYPTO_UNAVAILABLE` when the runtime cannot check the signature at all (RS256 without
 * WebCrypto; without WebCrypto Ed25519 / ECDSA, ob3kit's pure-JS curves failing to load): no
 * verdict rather than a valid signature reported invalid.
 *
 * The key is always bound to the credential's issuer (exactly one id; `iss` fills in a missing
 * one), whatever the document's `type` says: this function verifies credentials only.
 *
 * @example
 * ```ts
 * import { verifyCredentialJwt } from 'ob3kit/proof';
 * const result = await verifyCredentialJwt(jwt, { documents: { [issuerUrl]: issuerProfile } });
 * if (result.verified) console.log(result.credential);
 * else console.log(result.issues.map((i) => i.code)); // ['jwt_signature_invalid']
 * ```
 */
export function verifyCredentialJwt(
  jwt: string,
  options: VerifyCredentialJwtOptions = {},
): Promise<CredentialJwtVerificationResult> {
  return verifyJwt(jwt, options);
}
