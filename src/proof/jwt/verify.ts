/** Verify a VC-JWT. */
import { isObject } from '../../internal/json.js';
import type { JwsAlgorithm } from '../../keys/types.js';
import { extractCredential, issuerId, reconcileClaims } from './claims.js';
import {
  checkHeader,
  checkJwsSignature,
  DEFAULT_CLOCK_TOLERANCE,
  DEFAULT_MAX_JWT_LENGTH,
  parseCompactJws,
  pickAlgorithms,
} from './jws.js';
import { resolveJwtKey } from './key.js';
import type {
  CredentialJwtVerificationResult,
  JwtIssue,
  VerifyCredentialJwtOptions,
} from './types.js';

/** Header `typ` values accepted on a credential JWT (compared case-insensitively). */
const CREDENTIAL_TYPS = ['jwt', 'vc+jwt', 'vc-ld+jwt', 'vc+ld+jwt'];

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
 * (`jwt_too_large`, `jwt_malformed`, `jwt_alg_missing`, `jwt_alg_forbidden`,
 * `jwt_alg_unsupported`, `jwt_alg_key_mismatch`, `jwt_crit_unsupported`, `jwt_typ_unsupported`,
 * `jwt_payload_invalid`, `jwt_key_missing`, `jwt_jwk_private`, `jwt_key_invalid`,
 * `jwt_key_unresolved`, `jwt_jwk_kid_mismatch`, `key_purpose_mismatch`, `key_revoked`,
 * `issuer_key_mismatch`, `jwt_signature_invalid`, `jwt_claim_missing`, `jwt_claim_invalid`,
 * `jwt_claim_mismatch`, `jwt_expired`, `jwt_not_yet_valid`). Throws `TypeError` only for misuse.
 *
 * @example
 * ```ts
 * import { verifyCredentialJwt } from 'ob3kit/proof';
 * const result = await verifyCredentialJwt(jwt, { documents: { [issuerUrl]: issuerProfile } });
 * if (result.verified) console.log(result.credential);
 * else console.log(result.issues.map((i) => i.code)); // ['jwt_signature_invalid']
 * ```
 */
export async function verifyCredentialJwt(
  jwt: string,
  options: VerifyCredentialJwtOptions = {},
): Promise<CredentialJwtVerificationResult> {
  const fn = 'verifyCredentialJwt(jwt, options)';
  if (typeof jwt !== 'string') throw new TypeError(`${fn}: jwt must be a string`);
  const checked = checkVerifyOptions(options, fn);
  const { parsed, issues } = parseCompactJws(jwt, checked.maxLength);
  if (!parsed) return { verified: false, issues };
  const { header, payload } = parsed;
  const result: CredentialJwtVerificationResult = { verified: false, header, payload, issues };

  issues.push(...checkHeader(header, checked.algorithms));
  issues.push(...checkTyp(header, CREDENTIAL_TYPS, 'credential'));

  const extracted = extractCredential(payload, 'vc');
  if (extracted.issue) {
    issues.push(extracted.issue);
    return result;
  }
  const credential = extracted.value as Record<string, unknown>;
  result.credential = credential;
  result.payloadForm = extracted.form;
  issues.push(...reconcileClaims(payload, credential));

  // Key and signature (only when the header itself is acceptable).
  if (!issues.some((i) => i.path?.startsWith('header'))) {
    const issuer =
      issuerId(credential) ?? (typeof payload.iss === 'string' ? payload.iss : undefined);
    const found = await resolveJwtKey(header, issuer, 'assertionMethod', 'issuer', {
      documents: options.documents,
      fetch: options.fetch,
      resolvers: options.resolvers,
      signal: options.signal,
      now: checked.now,
    });
    issues.push(...found.issues);
    if (found.verificationMethod !== undefined)
      result.verificationMethod = found.verificationMethod;
    if (found.key !== undefined) {
      issues.push(...(await checkJwsSignature(parsed, header.alg, found.key, 'JWT')));
    }
  }

  issues.push(...checkTime(payload, checked.now, checked.clockTolerance));
  result.verified = issues.length === 0;
  return result;
}

/** Validated verification options. */
export interface CheckedVerifyOptions {
  now: Date;
  clockTolerance: number;
  maxLength: number;
  algorithms: readonly JwsAlgorithm[];
}

/** Check the options shared by credential and presentation JWT verification. */
export function checkVerifyOptions(
  options: VerifyCredentialJwtOptions,
  fn: string,
): CheckedVerifyOptions {
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError(`${fn}: options.now must be a valid Date`);
  const clockTolerance = options.clockTolerance ?? DEFAULT_CLOCK_TOLERANCE;
  if (typeof clockTolerance !== 'number' || !(clockTolerance >= 0))
    throw new TypeError(`${fn}: options.clockTolerance must be a number of seconds >= 0`);
  const maxLength = options.maxLength ?? DEFAULT_MAX_JWT_LENGTH;
  if (typeof maxLength !== 'number' || !(maxLength > 0))
    throw new TypeError(`${fn}: options.maxLength must be a positive number`);
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new TypeError(`${fn}: options.fetch must be a function`);
  if (options.documents !== undefined && !isObject(options.documents))
    throw new TypeError(`${fn}: options.documents must be an object`);
  if (options.resolvers !== undefined && !isObject(options.resolvers))
    throw new TypeError(`${fn}: options.resolvers must be an object`);
  return { now, clockTolerance, maxLength, algorithms: pickAlgorithms(options.algorithms, fn) };
}

/** Check `typ` (optional; media types compare case-insensitively, `application/` optional). */
export function checkTyp(
  header: Record<string, unknown>,
  accepted: string[],
  noun: string,
): JwtIssue[] {
  const typ = header.typ;
  if (typ === undefined) return [];
  const bare = typeof typ === 'string' ? typ.toLowerCase().replace(/^application\//, '') : '';
  if (accepted.includes(bare)) return [];
  return [
    {
      code: 'jwt_typ_unsupported',
      path: 'header.typ',
      message: `"typ": ${JSON.stringify(typ)} is not a ${noun} JWT type; expected one of ${accepted.map((t) => (t === 'jwt' ? 'JWT' : t)).join(', ')}`,
    },
  ];
}

/** `exp` and `nbf` against the clock. Issues: `jwt_expired`, `jwt_not_yet_valid`. */
export function checkTime(
  payload: Record<string, unknown>,
  now: Date,
  tolerance: number,
): JwtIssue[] {
  const issues: JwtIssue[] = [];
  const t = now.getTime() / 1000;
  const { exp, nbf } = payload;
  if (typeof exp === 'number' && Number.isFinite(exp) && t > exp + tolerance) {
    issues.push({
      code: 'jwt_expired',
      path: 'payload.exp',
      message: `The JWT expired at ${new Date(exp * 1000).toISOString()} (now is ${now.toISOString()})`,
    });
  }
  if (typeof nbf === 'number' && Number.isFinite(nbf) && t < nbf - tolerance) {
    issues.push({
      code: 'jwt_not_yet_valid',
      path: 'payload.nbf',
      message: `The JWT is not valid before ${new Date(nbf * 1000).toISOString()} (now is ${now.toISOString()})`,
    });
  }
  return issues;
}
