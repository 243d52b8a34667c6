/** `verifyPresentation`: a presentation's proof, holder, challenge and domain, then each credential. */
import { verifyCredentialProof } from '../proof/data-integrity/verify.js';
import type { PresentationVerificationResult, VerifyPresentationOptions } from './types.js';
import { verifyPresentationWith } from './verifier.js';

/**
 * Verify a verifiable presentation, secured either by a Data Integrity proof (a JSON object)
 * or as a VP-JWT (a compact JWS string):
 * 1. the proof verifies with a key that the `holder` controls and lists under `authentication`
 *    (`presentation_holder_mismatch` otherwise);
 * 2. the proof carries this verifier's `challenge` (`presentation_challenge_missing`,
 *    `presentation_challenge_mismatch`) and, when `domain` is given, its domain
 *    (`presentation_domain_missing`, `presentation_domain_mismatch`);
 * 3. each credential in `verifiableCredential` verifies: embedded proofs with
 *    `verifyCredentialProof`, JWT strings and `EnvelopedVerifiableCredential`s
 *    (`data:application/vc+jwt,...`) with `verifyCredentialJwt`. Each failed one adds a
 *    `presentation_credential_invalid` issue; details are in `credentials[i].issues`.
 *
 * Roles decide whose key must sign, never the documents' own `type`: the presentation is bound
 * to its holder, each credential in it to that credential's issuer. A presentation that claims
 * to be a credential too (or a payload with both a `vc` and a `vp` claim) is refused
 * (`type_ambiguous_role`); so is a credential in it that claims to be a presentation
 * (`type_role_mismatch`, `type_ambiguous_role` in `credentials[i].issues`).
 *
 * A presentation without `holder` is not tied to anyone: its proof is checked, but any key may
 * have made it. There is no default challenge: omitting `options.challenge` is a `TypeError`.
 * Never throws for a bad presentation; throws `KeyError` `ERR_CRYPTO_UNAVAILABLE` when the
 * runtime cannot check a signature at all (no verdict rather than a signature reported invalid).
 *
 * @example
 * ```ts
 * import { verifyPresentation } from 'ob3kit/present';
 * const result = await verifyPresentation(vp, { challenge: '8b2f...', domain: 'https://verifier.example' });
 * result.verified; // true
 * result.credentials.map((c) => c.verified); // [true, true]
 * ```
 */
export function verifyPresentation(
  presentation: Record<string, unknown> | string,
  options: VerifyPresentationOptions,
): Promise<PresentationVerificationResult> {
  return verifyPresentationWith(verifyCredentialProof, presentation, options);
}
