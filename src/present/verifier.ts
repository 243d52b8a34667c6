/**
 * Verifying a presentation (internal): its proof, holder, challenge and domain, then each
 * credential, with the Data Integrity verifier passed in. `verifyPresentation` passes
 * ob3kit's; `verify()` loads this module only for a presentation and passes the one it holds.
 *
 * @internal
 */
import { describeValue } from '../internal/describe.js';
import { ENVELOPED_JWT_MEDIA_TYPES, envelopeContent } from '../internal/envelope.js';
import { asArray, isObject, joinPath } from '../internal/json.js';
import { onDemand } from '../internal/lazy.js';
import { partyId } from '../internal/roles.js';
import type { verifyCredentialProof } from '../proof/data-integrity/verify.js';
import { checkTime, checkVerifyOptions, timeClaimIssues } from '../proof/jwt/options.js';
import type {
  PresentationIssue,
  PresentationVerificationResult,
  PresentedCredentialResult,
  VerifyPresentationOptions,
} from './types.js';

/** The JWT envelope and VC-JWT verification, loaded for a VP-JWT or a presented JWT credential. */
const jwtCode = /* @__PURE__ */ onDemand(() => import('../proof/jwt/verifying.js'));

/** The presentation's holder id (as `signPresentationJwt` reads it). */
function holderId(presentation: Record<string, unknown>): string | undefined {
  return partyId(presentation.holder) ?? undefined;
}

/** The Data Integrity verifier presentations and their credentials are checked with. @internal */
export type ProofVerifier = typeof verifyCredentialProof;

/** The Data Integrity verification options of a presentation, or of a credential in it, by role. */
function proofOptions(
  options: VerifyPresentationOptions,
  role: 'presentation' | 'credential',
): Parameters<ProofVerifier>[1] {
  return {
    role,
    documentLoader: options.documentLoader,
    fetch: options.fetch,
    documents: options.documents,
    resolvers: options.resolvers,
    ...(options.suites !== undefined ? { suites: options.suites } : {}),
    now: options.now,
    signal: options.signal,
    runBudget: options.runBudget,
  };
}

/** `verifyPresentation` with `verifyProof` verifying Data Integrity proofs. @internal */
export async function verifyPresentationWith(
  verifyProof: ProofVerifier,
  presentation: Record<string, unknown> | string,
  options: VerifyPresentationOptions,
): Promise<PresentationVerificationResult> {
  const fn = 'verifyPresentation(presentation, options)';
  if (!isObject(options))
    throw new TypeError(`${fn}: options must be an object with the verifier's challenge`);
  if (typeof options.challenge !== 'string' || options.challenge.length === 0)
    throw new TypeError(
      `${fn}: options.challenge is required (the challenge this verifier issued), found ${describeValue(options.challenge)}`,
    );
  if (options.domain !== undefined && (typeof options.domain !== 'string' || options.domain === ''))
    throw new TypeError(`${fn}: options.domain must be a non-empty string`);
  checkVerifyOptions(options, fn);
  if (typeof presentation === 'string')
    return verifyJwtPresentation(verifyProof, presentation, options, fn);
  if (!isObject(presentation))
    throw new TypeError(`${fn}: presentation must be an object or a JWT string`);
  return verifyDataIntegrityPresentation(verifyProof, presentation, options);
}

async function verifyDataIntegrityPresentation(
  verifyProof: ProofVerifier,
  vp: Record<string, unknown>,
  options: VerifyPresentationOptions,
): Promise<PresentationVerificationResult> {
  const issues: PresentationIssue[] = [];
  const holder = holderId(vp);
  const result: PresentationVerificationResult = {
    verified: false,
    format: 'data-integrity',
    presentation: vp,
    issues,
    credentials: [],
  };
  if (holder !== undefined) result.holder = holder;
  issues.push(...checkShape(vp, '$'));

  const proofs = asArray(vp.proof as unknown);
  if (proofs.length === 0) {
    issues.push({
      code: 'presentation_proof_missing',
      path: '$.proof',
      message: 'The presentation has no "proof"; sign it with signPresentation or present a VP-JWT',
    });
  } else {
    proofs.forEach((proof, i) => {
      const path = Array.isArray(vp.proof) ? joinPath('$.proof', i) : '$.proof';
      if (!isObject(proof)) return; // reported by verifyCredentialProof
      issues.push(
        ...checkChallenge(proof.challenge, options.challenge, joinPath(path, 'challenge')),
      );
      issues.push(...checkDomain(proof.domain, options.domain, joinPath(path, 'domain')));
    });
    // Verified as a presentation: the key must be the holder's (when it names one, as exactly
    // one id), the purpose `authentication`; a document that also claims to be a credential is
    // refused.
    const proofResult = await verifyProof(vp, proofOptions(options, 'presentation'));
    issues.push(...proofResult.issues);
  }
  await verifyCredentials(verifyProof, vp, '$', options, result);
  result.verified = issues.length === 0;
  return result;
}

async function verifyJwtPresentation(
  verifyProof: ProofVerifier,
  jwt: string,
  options: VerifyPresentationOptions,
  fn: string,
): Promise<PresentationVerificationResult> {
  const checked = checkVerifyOptions(options, fn);
  const { openJwt, verifyJwtKey } = await jwtCode();
  const opened = openJwt(jwt, 'presentation', checked);
  const { parsed, issues } = opened;
  const result: PresentationVerificationResult = {
    verified: false,
    format: 'jwt',
    issues,
    credentials: [],
  };
  if (!parsed || opened.document === undefined) return result;
  const { payload } = parsed;
  const vp = opened.document;
  result.presentation = vp;
  const base = opened.base ?? 'payload';
  issues.push(...checkShape(vp, base));

  // iss <-> holder, jti <-> id (filled in when the vp claim leaves them out).
  let holder = holderId(vp);
  if (vp.holder !== undefined && holder === undefined) {
    issues.push({
      code: 'presentation_holder_mismatch',
      path: `${base}.holder`,
      message: `The presentation holder must be one URI (a string or an object with one "id"), found ${describeValue(vp.holder)}`,
    });
  }
  if (payload.iss !== undefined) {
    if (typeof payload.iss !== 'string') {
      issues.push({
        code: 'jwt_claim_invalid',
        path: 'payload.iss',
        message: `The "iss" claim must be the holder URI, found ${describeValue(payload.iss)}`,
      });
    } else if (holder === undefined) {
      holder = payload.iss;
      if (vp.holder === undefined) vp.holder = holder;
    } else if (holder !== payload.iss) {
      issues.push({
        code: 'jwt_claim_mismatch',
        path: 'payload.iss',
        message: `The "iss" claim (${payload.iss}) does not match the presentation holder (${holder})`,
      });
    }
  }
  // `sub`, when there, can only name the holder: the key is bound to the holder, never to `sub`.
  if (payload.sub !== undefined && payload.sub !== holder) {
    issues.push({
      code: 'jwt_claim_mismatch',
      path: 'payload.sub',
      message: `The "sub" claim (${describeValue(payload.sub)}) is not the presentation holder (${holder ?? 'none named'}); the presentation's key is bound to its holder only`,
    });
  }
  if (typeof payload.jti === 'string') {
    if (vp.id === undefined) vp.id = payload.jti;
    else if (vp.id !== payload.jti)
      issues.push({
        code: 'jwt_claim_mismatch',
        path: 'payload.jti',
        message: `The "jti" claim (${payload.jti}) does not match the presentation id (${describeValue(vp.id)})`,
      });
  }
  if (holder !== undefined) result.holder = holder;

  issues.push(...checkChallenge(payload.nonce, options.challenge, 'payload.nonce'));
  issues.push(...checkDomain(payload.aud, options.domain, 'payload.aud'));

  if (opened.proceed) {
    // The key must be the holder's (the one id of `holder`, or `iss`); without either, the
    // presentation is bound to no one.
    const found = await verifyJwtKey(
      parsed,
      holder,
      'presentation',
      {
        documents: options.documents,
        fetch: options.fetch,
        resolvers: options.resolvers,
        signal: options.signal,
        now: checked.now,
        ...(options.webJwkBinding ? { webJwkBinding: options.webJwkBinding } : {}),
      },
      `${base}.holder`,
    );
    issues.push(...found.issues);
  }
  issues.push(...timeClaimIssues(payload));
  issues.push(...checkTime(payload, checked.now, checked.clockTolerance));
  await verifyCredentials(verifyProof, vp, base, options, result);
  result.verified = issues.length === 0;
  return result;
}

/**
 * The presentation's type must include `VerifiablePresentation` (`presentation_type_invalid`).
 * A presentation that also claims to be a credential is refused by `verifyCredentialProof` and
 * `openJwt` (`type_ambiguous_role`, `type_role_mismatch`).
 */
function checkShape(vp: Record<string, unknown>, base: string): PresentationIssue[] {
  if (asArray(vp.type as unknown).includes('VerifiablePresentation')) return [];
  return [
    {
      code: 'presentation_type_invalid',
      path: joinPath(base, 'type'),
      message: `A presentation's "type" must include "VerifiablePresentation", found ${describeValue(vp.type)}`,
    },
  ];
}

function checkChallenge(found: unknown, expected: string, path: string): PresentationIssue[] {
  if (found === undefined) {
    return [
      {
        code: 'presentation_challenge_missing',
        path,
        message: `The presentation carries no challenge; expected ${JSON.stringify(expected)}`,
      },
    ];
  }
  if (found !== expected) {
    return [
      {
        code: 'presentation_challenge_mismatch',
        path,
        message: `The presentation's challenge is ${describeValue(found)}; expected ${JSON.stringify(expected)} (a replayed or foreign presentation)`,
      },
    ];
  }
  return [];
}

function checkDomain(
  found: unknown,
  expected: string | undefined,
  path: string,
): PresentationIssue[] {
  if (expected === undefined) return [];
  if (found === undefined) {
    return [
      {
        code: 'presentation_domain_missing',
        path,
        message: `The presentation is not bound to a domain; expected ${JSON.stringify(expected)}`,
      },
    ];
  }
  if (!asArray(found as unknown).includes(expected)) {
    return [
      {
        code: 'presentation_domain_mismatch',
        path,
        message: `The presentation is bound to ${describeValue(found)}; expected ${JSON.stringify(expected)}`,
      },
    ];
  }
  return [];
}

async function verifyCredentials(
  verifyProof: ProofVerifier,
  vp: Record<string, unknown>,
  base: string,
  options: VerifyPresentationOptions,
  result: PresentationVerificationResult,
): Promise<void> {
  if (options.verifyCredentials === false) return;
  const entries = asArray(vp.verifiableCredential as unknown);
  const listPath = joinPath(base, 'verifiableCredential');
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    const path = Array.isArray(vp.verifiableCredential) ? joinPath(listPath, index) : listPath;
    const one = await verifyOneCredential(verifyProof, entry, index, options);
    result.credentials.push(one);
    if (!one.verified) {
      result.issues.push({
        code: 'presentation_credential_invalid',
        path,
        message: `Credential ${index} does not verify: ${one.issues.map((i) => i.code).join(', ')}`,
      });
    }
  }
}

async function verifyOneCredential(
  verifyProof: ProofVerifier,
  entry: unknown,
  index: number,
  options: VerifyPresentationOptions,
): Promise<PresentedCredentialResult> {
  const jwt = jwtOf(entry);
  if (jwt.issue) return { index, format: 'jwt', verified: false, issues: [jwt.issue] };
  if (jwt.value !== undefined) {
    const { verifyCredentialJwt } = await jwtCode();
    const r = await verifyCredentialJwt(jwt.value, {
      fetch: options.fetch,
      documents: options.documents,
      resolvers: options.resolvers,
      now: options.now,
      algorithms: options.algorithms,
      clockTolerance: options.clockTolerance,
      maxLength: options.maxLength,
      signal: options.signal,
      ...(options.webJwkBinding ? { webJwkBinding: options.webJwkBinding } : {}),
    });
    const out: PresentedCredentialResult = {
      index,
      format: 'jwt',
      verified: r.verified,
      issues: r.issues,
    };
    if (r.credential) out.credential = r.credential;
    return out;
  }
  if (!isObject(entry)) {
    return {
      index,
      format: 'data-integrity',
      verified: false,
      issues: [
        {
          code: 'presentation_credential_malformed',
          message: `A credential must be an object or a JWT string, found ${describeValue(entry)}`,
        },
      ],
    };
  }
  // Verified as a credential: the key must be its issuer's, whatever its type says.
  const r = await verifyProof(entry, proofOptions(options, 'credential'));
  return {
    index,
    format: 'data-integrity',
    verified: r.verified,
    credential: entry,
    issues: r.issues,
  };
}

/** The JWT of a string entry or an `EnvelopedVerifiableCredential`. */
function jwtOf(entry: unknown): { value?: string; issue?: PresentationIssue } {
  if (typeof entry === 'string') return { value: entry };
  if (!isObject(entry) || !asArray(entry.type as unknown).includes('EnvelopedVerifiableCredential'))
    return {};
  const id = entry.id;
  const content = envelopeContent(id);
  if ('jwt' in content) return { value: content.jwt };
  if (content.problem === 'not_data_url') {
    return {
      issue: {
        code: 'presentation_credential_malformed',
        path: 'id',
        message: `An EnvelopedVerifiableCredential's id must be a data: URL, found ${describeValue(id)}`,
      },
    };
  }
  return {
    issue: {
      code: 'presentation_credential_unsupported',
      path: 'id',
      message: `Enveloped credentials of media type "${content.mediaType}" are not supported; expected ${ENVELOPED_JWT_MEDIA_TYPES[0]}`,
    },
  };
}
