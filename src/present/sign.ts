/** Signing presentations: Data Integrity (proofPurpose authentication) and VP-JWT. */

import type { Issue } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';
import { partyId } from '../internal/roles.js';
import { invalidError } from '../model/vc-data-model.js';
import { signPresentationDocument } from '../proof/data-integrity/sign.js';
import {
  extractCredential,
  payloadClaimClashes,
  presentationJsonLdView,
} from '../proof/jwt/claims.js';
import { prepareJwtSigning, sealJwt, toNumericDate } from '../proof/jwt/envelope.js';
import { DEFAULT_MAX_JWT_LENGTH, parseCompactJws } from '../proof/jwt/jws.js';
import { assertJsonLd, checkSigningChecks, preflight } from '../proof/preflight.js';
import type { SignPresentationJwtOptions, SignPresentationOptions } from './types.js';

/**
 * Sign a presentation with a Data Integrity proof whose `proofPurpose` is `authentication`,
 * carrying the verifier's `challenge` (and `domain`). Returns a new object.
 *
 * Throws `TypeError` for misuse (no presentation object, no challenge, not a KeyPair or
 * Signer), `ValidationError` `ERR_PRESENTATION_INVALID` when the presentation breaks the VC Data
 * Model rules (`validateVerifiablePresentation`; `validate: false` opts out), `ProofError`
 * `ERR_PRESENTATION_HOLDER_MISMATCH` when the presentation names a `holder` that is not one id or
 * does not control the key (`checkIssuer: false` opts out), `ERR_PROOF_ROLE_MISMATCH` for a
 * credential (its `type` names `VerifiableCredential`) and `ERR_PROOF_AMBIGUOUS_ROLE` for a
 * document typed as both, and the errors of `signCredential` (unsupported suite, key type).
 *
 * @example
 * ```ts
 * import { createDidKey, generateKeyPair } from 'ob3kit/keys';
 * import { createPresentation, signPresentation } from 'ob3kit/present';
 * const { did, keyPair } = createDidKey(await generateKeyPair());
 * const vp = createPresentation({ holder: did, credentials: [signedCredential] });
 * const signed = await signPresentation(vp, { key: keyPair, challenge: '8b2f...', domain: 'https://verifier.example' });
 * signed.proof.proofPurpose; // 'authentication'
 * ```
 */
export async function signPresentation(
  presentation: Record<string, unknown>,
  options: SignPresentationOptions,
): Promise<Record<string, unknown>> {
  const fn = 'signPresentation(presentation, options)';
  if (!isObject(presentation))
    throw new TypeError(
      `${fn}: presentation must be an object, found ${describeValue(presentation)}`,
    );
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  checkChallengeAndDomain(options.challenge, options.domain, fn);
  return signPresentationDocument(presentation, {
    key: options.key,
    suite: options.suite,
    created: options.created,
    verificationMethod: options.verificationMethod,
    documentLoader: options.documentLoader,
    signal: options.signal,
    proofPurpose: 'authentication',
    challenge: options.challenge,
    domain: options.domain,
    validate: options.validate,
    checkIssuer: options.checkIssuer,
  });
}

/**
 * Sign a presentation as a JWT (VP-JWT): `nonce` is the challenge, `aud` the domain, `iss` the
 * holder and `jti` the presentation id. With `payloadForm: 'vc-1.1'` (default for a VC 1.1
 * presentation) the presentation goes in the `vp` claim; otherwise the payload is the
 * presentation itself with these claims added.
 *
 * Throws `TypeError` for misuse, `ValidationError` `ERR_PRESENTATION_INVALID` for a
 * presentation that breaks the VC Data Model rules, `ProofError`
 * `ERR_PRESENTATION_HOLDER_MISMATCH` when the holder is not one id or does not control the key
 * (the same opt-outs as `signPresentation`), and `ERR_PROOF_ROLE_MISMATCH` /
 * `ERR_PROOF_AMBIGUOUS_ROLE` for a document whose `type` claims to be a credential.
 *
 * @example
 * ```ts
 * import { createPresentation, signPresentationJwt } from 'ob3kit/present';
 * const vp = createPresentation({ holder: did, credentials: [credentialJwt] });
 * const vpJwt = await signPresentationJwt(vp, { key: keyPair, challenge: '8b2f...', domain: 'https://verifier.example' });
 * ```
 */
export async function signPresentationJwt(
  presentation: Record<string, unknown>,
  options: SignPresentationJwtOptions,
): Promise<string> {
  const fn = 'signPresentationJwt(presentation, options)';
  if (!isObject(presentation))
    throw new TypeError(
      `${fn}: presentation must be an object, found ${describeValue(presentation)}`,
    );
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  checkChallengeAndDomain(options.challenge, options.domain, fn);
  if (Array.isArray(options.domain)) throw new TypeError(`${fn}: options.domain must be a string`);
  if (
    options.expiresIn !== undefined &&
    (typeof options.expiresIn !== 'number' || !(options.expiresIn > 0))
  )
    throw new TypeError(`${fn}: options.expiresIn must be a positive number of seconds`);
  const { key, form, now, header } = await prepareJwtSigning(
    presentation,
    'presentation',
    { ...options, includeJwk: undefined },
    fn,
  );
  checkSigningChecks(options, fn);
  await preflight(
    presentation,
    'presentation',
    { id: options.kid ?? key.id, controller: key.controller, publicKeyJwk: key.publicKeyJwk },
    options,
    false,
  );
  // A JWT signs its bytes, but verifiers read its presentation as JSON-LD all the same (the
  // compact JWTs of the VC-JWT 1.1 form aside: each is a credential verified on its own).
  await assertJsonLd(
    presentation,
    'presentation',
    options,
    presentationJsonLdView(presentation, form),
  );
  if (options.validate !== false) {
    // The VC 2.0 form puts the presentation's members beside the claims: none may share a name.
    // The VC 1.1 form's JWTs are verified as credentials: each must carry one.
    const issues =
      form === 'vc-2.0' ? payloadClaimClashes(presentation, 'vp') : listedJwtIssues(presentation);
    if (issues.length > 0) throw invalidError('ERR_PRESENTATION_INVALID', 'presentation', issues);
  }

  const claims: Record<string, unknown> = {};
  const holder = holderId(presentation);
  if (holder !== undefined) claims.iss = holder;
  if (typeof presentation.id === 'string') claims.jti = presentation.id;
  if (options.domain !== undefined) claims.aud = options.domain;
  claims.nonce = options.challenge;
  claims.iat = toNumericDate(now);
  if (options.expiresIn !== undefined)
    claims.exp = toNumericDate(now) + Math.floor(options.expiresIn);
  const payload =
    form === 'vc-2.0' ? { ...presentation, ...claims } : { ...claims, vp: presentation };
  return sealJwt(header, payload, key);
}

/**
 * The compact JWTs a VC 1.1 presentation lists as credentials, read as verifiers read them (the
 * payload only, no signature): one that is no JWS, or whose payload is no credential (a `vp`
 * claim, a presentation), is an issue `presentation_credential_invalid` at the entry.
 */
function listedJwtIssues(presentation: Record<string, unknown>): Issue[] {
  const list = presentation.verifiableCredential;
  const entries = Array.isArray(list) ? list : [list];
  const issues: Issue[] = [];
  entries.forEach((entry, i) => {
    if (typeof entry !== 'string') return;
    const path = Array.isArray(list) ? `$.verifiableCredential[${i}]` : '$.verifiableCredential';
    const parsed = parseCompactJws(entry, DEFAULT_MAX_JWT_LENGTH);
    const payload = parsed.parsed?.payload;
    const found = payload === undefined ? undefined : extractCredential(payload, 'vc');
    const type = found?.value?.type;
    const problem =
      payload === undefined
        ? (parsed.issues[0]?.message ?? 'not a compact JWS')
        : found?.issue !== undefined
          ? found.issue.message
          : (Array.isArray(type) ? type : [type]).includes('VerifiablePresentation')
            ? 'its payload is a presentation'
            : undefined;
    if (problem !== undefined) {
      issues.push({
        code: 'presentation_credential_invalid',
        path,
        message: `The JWT listed as a credential carries none: ${problem}`,
      });
    }
  });
  return issues;
}

/** The holder id of a presentation (a string, or an object's one `id` or `@id`). */
export function holderId(presentation: Record<string, unknown>): string | undefined {
  return partyId(presentation.holder) ?? undefined;
}

function checkChallengeAndDomain(challenge: unknown, domain: unknown, fn: string): void {
  if (typeof challenge !== 'string' || challenge.length === 0)
    throw new TypeError(
      `${fn}: options.challenge must be the verifier's non-empty challenge string, found ${describeValue(challenge)}`,
    );
  const ok = (d: unknown) => typeof d === 'string' && d.length > 0;
  if (
    domain !== undefined &&
    !(ok(domain) || (Array.isArray(domain) && domain.length > 0 && domain.every(ok)))
  )
    throw new TypeError(`${fn}: options.domain must be a non-empty string (or array of strings)`);
}
