/**
 * The secret-key arithmetic of key import and generation, from `@noble/curves`: the Ed25519
 * public key of a seed, the P-256 / P-384 secret-scalar check and public point. Importing a key
 * with its secret key is synchronous and cross-checks the public key it comes with, so this
 * module imports the curves statically; only the importers that accept secret keys
 * (`import.ts`, `generate.ts`) import it. Verification imports public keys only and never loads
 * it (`test/package/lazy-curves.test.ts`).
 *
 * @internal
 */
import type { ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { ed25519, getP384, p256 } from './curves.js';
import type { EcType, SecretKeyMath } from './key-pair.js';

function curveOf(type: EcType): ECDSA {
  return type === 'P-256' ? p256 : getP384();
}

/** Secret-key arithmetic for the key builders of `key-pair.ts`. */
export const SECRET_KEY_MATH: SecretKeyMath = Object.freeze({
  ed25519PublicKey: (seed: Uint8Array) => ed25519.getPublicKey(seed),
  isValidEcSecretKey: (type: EcType, scalar: Uint8Array) =>
    curveOf(type).utils.isValidSecretKey(scalar),
  ecPublicKey: (type: EcType, scalar: Uint8Array) => curveOf(type).getPublicKey(scalar, true),
});
