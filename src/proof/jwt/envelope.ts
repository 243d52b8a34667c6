/**
 * The JWT envelope shared by credential JWTs and presentation JWTs: opening one (strict
 * parsing, header and `typ` checks, taking the credential or presentation out of the payload,
 * the role check), binding its key to the party of the role it is verified in and checking the
 * signature, and sealing one. Credential JWT verification and presentations both use these, so
 * the two cannot drift apart. Not exported from the package.
 *
 * @internal
 */
import { ProofError } from '../../errors.js';
import { type ProofRole, roleIssue } from '../../internal/roles.js';
import type { ResolveOptions } from '../../keys/resolve.js';
import type { SigningKey } from '../../keys/signer.js';
import type { JwsAlgorithm } from '../../keys/types.js';
import { extractCredential, isVc11 } from './claims.js';
import {
  checkHeader,
  checkJwsSignature,
  type ParsedJws,
  parseCompactJws,
  pickAlgorithm,
  signCompactJws,
  toNumericDate,
  toSigningKey,
} from './jws.js';
import { resolveJwtKey, type WebJwkBinding } from './key.js';
import type { CheckedVerifyOptions } from './options.js';
import type { JwtIssue, JwtPayloadForm } from './types.js';

export { type CheckedVerifyOptions, checkTime, checkVerifyOptions } from './options.js';
export { type ParsedJws, toNumericDate };

/** Header `typ` values accepted on a credential JWT (compared case-insensitively). */
const CREDENTIAL_TYPS = ['jwt', 'vc+jwt', 'vc-ld+jwt', 'vc+ld+jwt'];
/** Header `typ` values accepted on a presentation JWT. */
const PRESENTATION_TYPS = ['jwt', 'vp+jwt', 'vp-ld+jwt', 'vp+ld+jwt'];

/** Check `typ` (optional; media types compare case-insensitively, `application/` optional). */
function checkTyp(header: Record<string, unknown>, accepted: string[], noun: string): JwtIssue[] {
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

/** A JWT opened for the role it is verified in. @internal */
export interface OpenedJwt {
  /** The decoded JWS, unless it could not be parsed. */
  parsed?: ParsedJws;
  /** The credential (role `'credential'`) or presentation (`'presentation'`) it carries. */
  document?: Record<string, unknown>;
  /** Where the document sat in the payload. */
  form?: JwtPayloadForm;
  /** The JSON path of the document in the payload (`payload.vc`, `payload.vp` or `payload`). */
  base?: string;
  /**
   * False when the key must not even be looked for: the header is not acceptable, or the
   * document claims another role than the one it is verified in.
   */
  proceed: boolean;
  /** Every problem found so far. */
  issues: JwtIssue[];
}

/**
 * Open a JWT for `role`: parse it (bounded by `maxLength`), check `alg`, `crit` and `typ`, take
 * the credential (`vc` claim or payload) or presentation (`vp` claim or payload) out of it, and
 * refuse a payload or document that claims the other role, or both (`type_ambiguous_role`,
 * `type_role_mismatch`). Never throws for a bad JWT. @internal
 */
export function openJwt(jwt: string, role: ProofRole, checked: CheckedVerifyOptions): OpenedJwt {
  const { parsed, issues } = parseCompactJws(jwt, checked.maxLength);
  if (!parsed) return { proceed: false, issues };
  const { header, payload } = parsed;
  issues.push(...checkHeader(header, checked.algorithms));
  const presentation = role === 'presentation';
  issues.push(
    ...checkTyp(
      header,
      presentation ? PRESENTATION_TYPS : CREDENTIAL_TYPS,
      presentation ? 'presentation' : 'credential',
    ),
  );
  const headerOk = !issues.some((i) => i.path?.startsWith('header'));
  const extracted = extractCredential(payload, presentation ? 'vp' : 'vc');
  if (extracted.issue) {
    issues.push(extracted.issue);
    return { parsed, proceed: false, issues };
  }
  const document = extracted.value as Record<string, unknown>;
  const claim = presentation ? 'vp' : 'vc';
  const base = extracted.form === 'vc-1.1' ? `payload.${claim}` : 'payload';
  const refused = roleIssue(document, role, base);
  if (refused) issues.push(refused);
  return {
    parsed,
    document,
    ...(extracted.form ? { form: extracted.form } : {}),
    base,
    proceed: headerOk && !refused,
    issues,
  };
}

/**
 * Find the key the header names, check that the party of `role` controls it (the issuer for
 * `assertionMethod`, the holder for `authentication`) and verify the signature with it.
 * `party`: that party's one id; `undefined` when there is none to bind (a presentation without
 * holder); `null` when the document names it but not as exactly one id (fails closed: the
 * signature is still checked, for the report). @internal
 */
export async function verifyJwtKey(
  parsed: ParsedJws,
  party: string | null | undefined,
  role: ProofRole,
  options: ResolveOptions & { now?: Date; webJwkBinding?: WebJwkBinding },
  path: string,
): Promise<{ verificationMethod?: string; issues: JwtIssue[] }> {
  const presentation = role === 'presentation';
  const issues: JwtIssue[] = [];
  if (party === null) {
    issues.push({
      code: presentation ? 'presentation_holder_mismatch' : 'issuer_key_mismatch',
      path,
      message: `The ${presentation ? 'presentation does not name its holder' : 'credential does not name its issuer'} as exactly one id, so the key cannot be bound to it`,
    });
  }
  const found = await resolveJwtKey(
    parsed.header,
    party ?? undefined,
    presentation ? 'authentication' : 'assertionMethod',
    presentation ? 'holder' : 'issuer',
    options,
  );
  issues.push(...found.issues);
  if (found.key !== undefined) {
    issues.push(
      ...(await checkJwsSignature(
        parsed,
        parsed.header.alg,
        found.key,
        presentation ? 'presentation JWT' : 'JWT',
      )),
    );
  }
  return {
    ...(found.verificationMethod !== undefined
      ? { verificationMethod: found.verificationMethod }
      : {}),
    issues,
  };
}

/** What signing a JWT needs, checked. @internal */
export interface JwtSigning {
  key: SigningKey;
  alg: JwsAlgorithm;
  form: JwtPayloadForm;
  now: Date;
  header: Record<string, unknown>;
}

/** The signing options shared by credential and presentation JWTs. @internal */
export interface JwtSigningOptions {
  key: unknown;
  alg?: unknown;
  kid?: unknown;
  includeJwk?: boolean;
  payloadForm?: unknown;
  typ?: unknown;
  now?: unknown;
}

/**
 * Check the signing options (misuse: `TypeError`) and the document's role: a credential signed
 * as a presentation JWT (or the reverse) throws `ProofError` `ERR_PROOF_ROLE_MISMATCH`, one that
 * claims both roles `ERR_PROOF_AMBIGUOUS_ROLE`. Returns the key, algorithm, payload form, clock
 * and JOSE header. @internal
 */
export async function prepareJwtSigning(
  document: Record<string, unknown>,
  role: ProofRole,
  options: JwtSigningOptions,
  fn: string,
): Promise<JwtSigning> {
  const key = await toSigningKey(options.key, fn);
  const alg = pickAlgorithm(key, options.alg, fn);
  const form = options.payloadForm ?? (isVc11(document) ? 'vc-1.1' : 'vc-2.0');
  if (form !== 'vc-1.1' && form !== 'vc-2.0')
    throw new TypeError(`${fn}: options.payloadForm must be 'vc-1.1' or 'vc-2.0'`);
  if (options.kid !== undefined && (typeof options.kid !== 'string' || options.kid === ''))
    throw new TypeError(`${fn}: options.kid must be a non-empty string`);
  if (options.typ !== undefined && typeof options.typ !== 'string')
    throw new TypeError(`${fn}: options.typ must be a string`);
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError(`${fn}: options.now must be a valid Date`);
  assertRole(document, role);
  const header = buildHeader(
    key,
    alg,
    options.kid as string | undefined,
    options.includeJwk,
    (options.typ as string | undefined) ?? 'JWT',
  );
  return { key, alg, form, now, header };
}

/**
 * Throw `ProofError` `ERR_PROOF_AMBIGUOUS_ROLE` / `ERR_PROOF_ROLE_MISMATCH` when a document to
 * be signed in `role` claims both roles, or the other one. @internal
 */
export function assertRole(document: Record<string, unknown>, role: ProofRole): void {
  const issue = roleIssue(document, role);
  if (!issue) return;
  throw new ProofError(
    issue.code === 'type_ambiguous_role' ? 'ERR_PROOF_AMBIGUOUS_ROLE' : 'ERR_PROOF_ROLE_MISMATCH',
    `${issue.message}; verifiers would refuse it`,
    { path: issue.path, type: document.type },
  );
}

/** The JOSE header: alg, typ, kid and/or the public jwk. @internal */
export function buildHeader(
  key: { id: string | undefined; publicKeyJwk: Record<string, unknown> | undefined },
  alg: string,
  kid: string | undefined,
  includeJwk: boolean | undefined,
  typ: string,
): Record<string, unknown> {
  const header: Record<string, unknown> = { alg, typ };
  const keyId = kid ?? key.id;
  if (keyId !== undefined) header.kid = keyId;
  if ((includeJwk === true || keyId === undefined) && key.publicKeyJwk !== undefined)
    header.jwk = key.publicKeyJwk;
  return header;
}

/** Encode and sign a compact JWS. @internal */
export function sealJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: SigningKey,
): Promise<string> {
  return signCompactJws(header, payload, key);
}
