/**
 * The mapping between a credential and its JWT claims (Open Badges 3.0 section 8.2 and
 * VC-JWT 1.1): iss = issuer id, sub = credentialSubject.id, jti = id, nbf = validFrom
 * (issuanceDate), exp = validUntil (expirationDate).
 */

import { type Issue, ProofError } from '../../errors.js';
import { isNumericDate, parseDateTime as parseXsdDateTime } from '../../internal/datetime.js';
import { describeValue } from '../../internal/describe.js';
import { isObject } from '../../internal/json.js';
import { partyId } from '../../internal/roles.js';
import { VC_V1_CONTEXT } from '../../internal/urls.js';
import type { JwtIssue, JwtPayloadForm } from './types.js';

/** Registered JWT claim names (RFC 7519 section 4.1) that are removed from a VC 2.0 payload. */
export const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'] as const;

/**
 * Members of a document that the VC 2.0 payload form (the document is the JWT payload) would
 * mix with the JWT's claims: the registered claim names, `vc` and `vp`, and for a presentation
 * `nonce`. The signer would overwrite such a member with its claim, or a verifier read it as the
 * claim (`exp` as the expiry) and the document without it. Issues `jwt_payload_invalid`, one per
 * member, at the member.
 *
 * @example
 * ```ts
 * payloadClaimClashes({ '@context': [...], type: ['VerifiableCredential'], exp: 1 }, 'vc');
 * // [{ code: 'jwt_payload_invalid', path: '$.exp', message: '...' }]
 * ```
 */
export function payloadClaimClashes(document: Record<string, unknown>, kind: 'vc' | 'vp'): Issue[] {
  const names: readonly string[] = [
    ...REGISTERED_CLAIMS,
    'vc',
    'vp',
    ...(kind === 'vp' ? ['nonce'] : []),
  ];
  const noun = kind === 'vc' ? 'credential' : 'presentation';
  return names
    .filter((name) => Object.hasOwn(document, name))
    .map((name) => ({
      code: 'jwt_payload_invalid',
      path: `$.${name}`,
      message: `The ${noun} has a member "${name}": in the VC 2.0 payload form it would be read as the JWT's "${name}" claim, not as the ${noun}'s (use the vc-1.1 payload form, or rename the member)`,
    }));
}

/** Milliseconds of an XML Schema dateTime with a time zone, or undefined (also for 30 February). */
export function parseDateTime(value: unknown): number | undefined {
  return parseXsdDateTime(value, { requireZone: true });
}

/** A NumericDate as an XML Schema dateTime (`2024-01-01T00:00:00Z`). */
export function numericDateToDateTime(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** True when the credential uses the VC 1.1 context (`issuanceDate` / `expirationDate`). */
export function isVc11(credential: Record<string, unknown>): boolean {
  const ctx = credential['@context'];
  return Array.isArray(ctx) ? ctx[0] === VC_V1_CONTEXT : ctx === VC_V1_CONTEXT;
}

/** The one issuer id of a credential (a string, or an object's `id` or `@id`). */
export function issuerId(credential: Record<string, unknown>): string | undefined {
  return partyId(credential.issuer) ?? undefined;
}

function subjectIds(credential: Record<string, unknown>): string[] {
  const subjects = Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject
    : [credential.credentialSubject];
  return subjects.flatMap((s) => (isObject(s) && typeof s.id === 'string' ? [s.id] : []));
}

function dateFields(credential: Record<string, unknown>): { from: string; until: string } {
  // A credential that already uses one naming keeps it; otherwise the context decides.
  if (credential.validFrom !== undefined || credential.validUntil !== undefined)
    return { from: 'validFrom', until: 'validUntil' };
  if (credential.issuanceDate !== undefined || credential.expirationDate !== undefined)
    return { from: 'issuanceDate', until: 'expirationDate' };
  return isVc11(credential)
    ? { from: 'issuanceDate', until: 'expirationDate' }
    : { from: 'validFrom', until: 'validUntil' };
}

/**
 * The JWT claims for a credential, for signing. Throws `ProofError` `ERR_JWT_ISSUER_MISSING`
 * (no issuer id) or `ERR_JWT_DATE_INVALID` (a validity date that is not a dateTime with zone).
 */
export function claimsForCredential(
  credential: Record<string, unknown>,
): Record<string, number | string> {
  const claims: Record<string, number | string> = {};
  const iss = issuerId(credential);
  if (iss === undefined) {
    throw new ProofError(
      'ERR_JWT_ISSUER_MISSING',
      `credential.issuer must be a URI or an object with an "id" to set the "iss" claim, found ${describeValue(credential.issuer)}`,
      { path: '$.issuer' },
    );
  }
  claims.iss = iss;
  const subjects = subjectIds(credential);
  if (subjects.length === 1 && !Array.isArray(credential.credentialSubject))
    claims.sub = subjects[0] as string;
  if (typeof credential.id === 'string') claims.jti = credential.id;
  const { from, until } = dateFields(credential);
  for (const [field, claim] of [
    [from, 'nbf'],
    [until, 'exp'],
  ] as const) {
    const value = credential[field];
    if (value === undefined) continue;
    const ms = parseDateTime(value);
    if (ms === undefined) {
      throw new ProofError(
        'ERR_JWT_DATE_INVALID',
        `credential.${field} must be a dateTime with a time zone (2024-01-01T00:00:00Z) to set the "${claim}" claim, found ${describeValue(value)}`,
        { path: `$.${field}` },
      );
    }
    claims[claim] = Math.floor(ms / 1000);
  }
  return claims;
}

/**
 * Check the JWT claims against the credential they carry; where the credential lacks a field
 * that a claim maps to (VC-JWT 1.1 lets the `vc` claim leave them out), set it from the claim.
 * Issues: `jwt_claim_missing`, `jwt_claim_invalid`, `jwt_claim_mismatch`.
 */
export function reconcileClaims(
  payload: Record<string, unknown>,
  credential: Record<string, unknown>,
): JwtIssue[] {
  const issues: JwtIssue[] = [];
  const credPath = 'credential';

  // iss <-> issuer (required)
  const iss = payload.iss;
  const issuer = issuerId(credential);
  if (iss === undefined) {
    issues.push({
      code: 'jwt_claim_missing',
      path: 'payload.iss',
      message: `The "iss" claim is required; it must equal the issuer id${issuer ? ` (${issuer})` : ''}`,
    });
  } else if (typeof iss !== 'string') {
    issues.push(invalid('iss', 'a URI string', iss));
  } else if (issuer === undefined) {
    if (credential.issuer === undefined) credential.issuer = iss;
    else issues.push(mismatch('iss', iss, `${credPath}.issuer.id`, credential.issuer));
  } else if (issuer !== iss) {
    issues.push(mismatch('iss', iss, `${credPath}.issuer.id`, issuer));
  }

  // jti <-> id
  stringClaim(payload, credential, 'jti', 'id', issues);

  // sub <-> credentialSubject.id
  const sub = payload.sub;
  const subjects = subjectIds(credential);
  if (sub === undefined) {
    if (subjects.length > 0 && !Array.isArray(credential.credentialSubject)) {
      issues.push({
        code: 'jwt_claim_missing',
        path: 'payload.sub',
        message: `The "sub" claim is required when credentialSubject.id is present (${subjects[0]})`,
      });
    }
  } else if (typeof sub !== 'string') {
    issues.push(invalid('sub', 'a URI string', sub));
  } else if (subjects.length === 0) {
    if (isObject(credential.credentialSubject)) credential.credentialSubject.id = sub;
    else if (credential.credentialSubject === undefined) credential.credentialSubject = { id: sub };
    else
      issues.push(
        mismatch('sub', sub, `${credPath}.credentialSubject.id`, credential.credentialSubject),
      );
  } else if (!subjects.includes(sub)) {
    issues.push(mismatch('sub', sub, `${credPath}.credentialSubject.id`, subjects[0]));
  }

  // nbf <-> validFrom / issuanceDate, exp <-> validUntil / expirationDate
  const { from, until } = dateFields(credential);
  dateClaim(payload, credential, 'nbf', from, issues);
  dateClaim(payload, credential, 'exp', until, issues);
  return issues;
}

function stringClaim(
  payload: Record<string, unknown>,
  credential: Record<string, unknown>,
  claim: string,
  field: string,
  issues: JwtIssue[],
): void {
  const value = payload[claim];
  const expected = credential[field];
  if (value === undefined) {
    if (expected !== undefined) {
      issues.push({
        code: 'jwt_claim_missing',
        path: `payload.${claim}`,
        message: `The "${claim}" claim is required; it must equal credential.${field} (${describeValue(expected)})`,
      });
    }
    return;
  }
  if (typeof value !== 'string') {
    issues.push(invalid(claim, 'a URI string', value));
    return;
  }
  if (expected === undefined) credential[field] = value;
  else if (expected !== value) issues.push(mismatch(claim, value, `credential.${field}`, expected));
}

function dateClaim(
  payload: Record<string, unknown>,
  credential: Record<string, unknown>,
  claim: 'nbf' | 'exp',
  field: string,
  issues: JwtIssue[],
): void {
  const value = payload[claim];
  const expected = credential[field];
  if (value === undefined) {
    if (expected !== undefined) {
      issues.push({
        code: 'jwt_claim_missing',
        path: `payload.${claim}`,
        message: `The "${claim}" claim is required when credential.${field} is present (${describeValue(expected)})`,
      });
    }
    return;
  }
  if (!isNumericDate(value)) {
    issues.push(
      invalid(claim, 'a NumericDate (seconds since 1970) of the years 0000 to 9999', value),
    );
    return;
  }
  if (expected === undefined) {
    credential[field] = numericDateToDateTime(value);
    return;
  }
  const ms = parseDateTime(expected);
  if (ms === undefined) {
    issues.push({
      code: 'jwt_claim_mismatch',
      path: `credential.${field}`,
      message: `credential.${field} must be a dateTime with a time zone to compare with the "${claim}" claim, found ${describeValue(expected)}`,
    });
    return;
  }
  if (Math.floor(ms / 1000) !== Math.floor(value)) {
    issues.push(
      mismatch(
        claim,
        `${value} (${numericDateToDateTime(value)})`,
        `credential.${field}`,
        expected,
      ),
    );
  }
}

function mismatch(claim: string, found: unknown, field: string, expected: unknown): JwtIssue {
  return {
    code: 'jwt_claim_mismatch',
    path: `payload.${claim}`,
    message: `The "${claim}" claim (${typeof found === 'string' ? found : describeValue(found)}) does not match ${field} (${describeValue(expected)})`,
  };
}

function invalid(claim: string, expected: string, found: unknown): JwtIssue {
  return {
    code: 'jwt_claim_invalid',
    path: `payload.${claim}`,
    message: `The "${claim}" claim must be ${expected}, found ${describeValue(found)}`,
  };
}

/**
 * A VP-JWT's presentation as JSON-LD reads it: in the VC-JWT 1.1 form (`vp` claim) without the
 * compact JWTs listed in `verifiableCredential`. The JWS signs them as text and each is verified
 * as a credential of its own; JSON-LD would read such a string as a relative IRI and drop it.
 *
 * @example
 * ```ts
 * presentationJsonLdView({ type: 'VerifiablePresentation', verifiableCredential: ['eyJ...'] }, 'vc-1.1');
 * // { type: 'VerifiablePresentation' }
 * ```
 */
export function presentationJsonLdView(
  vp: Record<string, unknown>,
  form: JwtPayloadForm | undefined,
): Record<string, unknown> {
  const list = vp.verifiableCredential;
  if (form !== 'vc-1.1' || list === undefined) return vp;
  const { verifiableCredential: _texts, ...rest } = vp;
  if (!Array.isArray(list)) return typeof list === 'string' ? rest : vp;
  if (!list.some((c) => typeof c === 'string')) return vp;
  const kept = list.filter((c) => typeof c !== 'string');
  return kept.length === 0 ? rest : { ...rest, verifiableCredential: kept };
}

/**
 * Take the credential (or presentation) out of a payload. `vc-1.1`: the `vc` (`vp`) claim;
 * `vc-2.0`: the payload without the registered JWT claims. Issues: `jwt_payload_invalid` (also
 * for a payload with a `vc` / `vp` claim and its own `@context` or `type`: two documents), and
 * `type_ambiguous_role` for a payload with both a `vc` and a `vp` claim.
 */
export function extractCredential(
  payload: Record<string, unknown>,
  kind: 'vc' | 'vp',
): { value?: Record<string, unknown>; form?: JwtPayloadForm; issue?: JwtIssue } {
  const other = kind === 'vc' ? 'vp' : 'vc';
  const noun = kind === 'vc' ? 'credential' : 'presentation';
  if (payload.vc !== undefined && payload.vp !== undefined) {
    return {
      issue: {
        code: 'type_ambiguous_role',
        path: 'payload',
        message:
          'The payload has both a "vc" and a "vp" claim: it claims to be a credential and a presentation, and is refused',
      },
    };
  }
  if (payload[kind] !== undefined) {
    const inner = payload[kind];
    // A payload that is a document itself (VC 2.0) and carries another in its claim (VC 1.1)
    // holds two: one reader would take the claim, another the payload.
    const own = ['@context', 'type'].find((m) => payload[m] !== undefined);
    if (own !== undefined) {
      return {
        issue: {
          code: 'jwt_payload_invalid',
          path: `payload.${own}`,
          message: `The payload has a "${kind}" claim and its own "${own}": it holds two ${noun}s (VC 1.1 and VC 2.0 forms), and is refused`,
        },
      };
    }
    if (!isObject(inner)) {
      return {
        issue: {
          code: 'jwt_payload_invalid',
          path: `payload.${kind}`,
          message: `The "${kind}" claim must be a ${noun} object, found ${describeValue(inner)}`,
        },
      };
    }
    return { value: structuredCloneJson(inner), form: 'vc-1.1' };
  }
  if (payload[other] !== undefined) {
    return {
      issue: {
        code: 'jwt_payload_invalid',
        path: `payload.${other}`,
        message: `Expected a ${noun} JWT, found a "${other}" claim (a ${kind === 'vc' ? 'presentation' : 'credential'})`,
      },
    };
  }
  if (payload['@context'] === undefined || payload.type === undefined) {
    return {
      issue: {
        code: 'jwt_payload_invalid',
        path: 'payload',
        message: `The payload carries no ${noun}: expected a "${kind}" claim (VC 1.1) or a ${noun} with "@context" and "type" (VC 2.0)`,
      },
    };
  }
  const value = structuredCloneJson(payload);
  for (const c of REGISTERED_CLAIMS) delete value[c];
  if (kind === 'vp') delete value.nonce;
  return { value, form: 'vc-2.0' };
}

function structuredCloneJson(v: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
}
