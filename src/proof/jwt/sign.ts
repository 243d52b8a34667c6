/** Sign a credential as a VC-JWT (compact JWS). */

import { describeValue } from '../../internal/describe.js';
import { isObject } from '../../internal/json.js';
import { invalidError } from '../../model/vc-data-model.js';
import { assertJsonLd, checkSigningChecks, preflight } from '../preflight.js';
import { claimsForCredential, payloadClaimClashes } from './claims.js';
import { prepareJwtSigning, sealJwt, toNumericDate } from './envelope.js';
import type { SignCredentialJwtOptions } from './types.js';

/**
 * Sign a credential as a JSON Web Token (Open Badges 3.0 section 8.2, "JSON Web Token Proof
 * Format") and return the compact JWS.
 *
 * The claims `iss` (issuer id), `sub` (credentialSubject.id), `jti` (id), `nbf` (validFrom or
 * issuanceDate), `exp` (validUntil or expirationDate) and `iat` (now) are set from the
 * credential. With `payloadForm: 'vc-2.0'` (the default for VC 2.0 credentials) the payload is
 * the credential with these claims added; with `'vc-1.1'` the credential goes in the `vc` claim.
 * The header has `alg`, `typ` (`JWT`) and `kid` (the key's id), or the public `jwk` when the key
 * has no id. Any embedded `proof` must be added before, and stays in the payload.
 *
 * Like `signCredential`, it first refuses a credential that breaks the VC Data Model (and, for
 * Open Badges credentials, the Open Badges 3.0) rules, with a `ValidationError`
 * `ERR_CREDENTIAL_INVALID` listing every issue (`validate: false` opts out), and a key that
 * does not belong to the issuer, with `ProofError` `ERR_ISSUER_KEY_MISMATCH` (`checkIssuer:
 * false` opts out). The key is a `KeyPair`, a private key document or a `Signer`.
 *
 * Throws `TypeError` for misuse (no credential object, no key, an `alg` that does not fit the
 * key), `ProofError` `ERR_JWT_ISSUER_MISSING` / `ERR_JWT_DATE_INVALID` for a credential the
 * claims cannot be made from, `ERR_PROOF_ROLE_MISMATCH` for a presentation (its `type` names
 * `VerifiablePresentation`) and `ERR_PROOF_AMBIGUOUS_ROLE` for a document typed as both, and
 * `KeyError` `ERR_KEY_SECRET_MISSING` for a public key.
 *
 * @example
 * ```ts
 * import { createDidKey, generateKeyPair } from 'ob3kit/keys';
 * import { signCredentialJwt } from 'ob3kit/proof';
 * const { did, keyPair } = createDidKey(await generateKeyPair());
 * const jwt = await signCredentialJwt({ ...credential, issuer: { ...credential.issuer, id: did } }, { key: keyPair });
 * // 'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6ImRpZDprZXk6...'
 * ```
 */
export async function signCredentialJwt(
  credential: Record<string, unknown>,
  options: SignCredentialJwtOptions,
): Promise<string> {
  const fn = 'signCredentialJwt(credential, options)';
  if (!isObject(credential))
    throw new TypeError(`${fn}: credential must be an object, found ${describeValue(credential)}`);
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object with a key`);
  const { key, form, now, header } = await prepareJwtSigning(credential, 'credential', options, fn);
  checkSigningChecks(options, fn);
  await preflight(
    credential,
    'credential',
    { id: options.kid ?? key.id, controller: key.controller, publicKeyJwk: key.publicKeyJwk },
    options,
    false,
  );
  // A JWT signs its bytes, but verifiers read its credential as JSON-LD all the same.
  await assertJsonLd(credential, 'credential', options);
  // The VC 2.0 form puts the credential's members beside the claims: none may share a name.
  if (form === 'vc-2.0' && options.validate !== false) {
    const clashes = payloadClaimClashes(credential, 'vc');
    if (clashes.length > 0) throw invalidError('ERR_CREDENTIAL_INVALID', 'credential', clashes);
  }
  const claims = claimsForCredential(credential);
  const payload: Record<string, unknown> =
    form === 'vc-2.0'
      ? { ...credential, ...claims, iat: toNumericDate(now) }
      : { ...claims, iat: toNumericDate(now), vc: credential };
  return sealJwt(header, payload, key);
}
