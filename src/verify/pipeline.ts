/** The verification pipeline (internal): one credential in, one report out. */
import { isObject, type JsonObject } from '../internal/json.js';
import { onDemand } from '../internal/lazy.js';
import { claimedRoles, partyId, roleIssue } from '../internal/roles.js';
import { compareLearners } from '../model/identity.js';
import { OB2_TOOLBOX } from '../ob2/toolbox.js';
import type { Ob2Outcome } from '../ob2/verify.js';
import type { CredentialJwtVerificationResult } from '../proof/jwt/types.js';
import { checkContext } from './checks/context.js';
import { findEndorsements } from './checks/endorsement.js';
import { checkEvidence } from './checks/evidence.js';
import { checkIssuerProfile } from './checks/issuer.js';
import { checkJsonLd } from './checks/jsonld.js';
import { checkPresentation } from './checks/presentation.js';
import type { ProofOutcome } from './checks/proof-common.js';
import { checkEmbeddedProof } from './checks/proof-embedded.js';
import { checkJwtProof, runJwtVerification } from './checks/proof-jwt.js';
import { checkRecipient } from './checks/recipient.js';
import { planRefresh } from './checks/refresh.js';
import { checkSchema } from './checks/schema.js';
import { checkCredentialStatus } from './checks/status.js';
import { checkSubject } from './checks/subject.js';
import { checkType, roleOf } from './checks/type.js';
import { result, typesOf } from './checks/util.js';
import { checkValidity } from './checks/validity.js';
import {
  type DecodedInput,
  decodeEnvelope,
  decodeJwtText,
  decodeText,
  fromObject,
} from './input.js';
import { type CredentialProfile, checkDataModel, profileFor, selectProfile } from './profile.js';
import { finalizeReport, nestedCategory, nestedOpenQuestion, withChecks } from './report.js';
import { type CredentialRole, type RunState, runCheck, withoutNetwork } from './state.js';
import type { CheckResult, VerificationReport, VerifyPolicy } from './types.js';

let ob2Module: Promise<typeof import('../ob2/verify.js')> | undefined;

/** The JWT claims mapping, loaded for a VP-JWT, or a VC-JWT whose signature could not be checked. */
const claimsCode = /* @__PURE__ */ onDemand(() => import('../proof/jwt/claims.js'));
/** The `endorsed` check, loaded when a credential carries an endorsement. */
const endorsedCode = /* @__PURE__ */ onDemand(() => import('./checks/endorsed.js'));

/** Build a report from its checks (with the outcomes the checks gave), under `policy`. */
export function makeReport(
  decoded: Pick<DecodedInput, 'format' | 'document' | 'presentation'>,
  checks: CheckResult[],
  policy: VerifyPolicy,
  extra: Pick<VerificationReport, 'endorsements' | 'credentials' | 'refreshed' | 'profile'> = {},
): VerificationReport {
  // Nested reports count through their summary checks (`endorsement`, `credentials`).
  return finalizeReport(
    {
      format: decoded.format,
      credential: decoded.document,
      checks,
      endorsements: extra.endorsements,
      credentials: extra.credentials,
      refreshed: extra.refreshed,
      presentation: decoded.presentation,
      verificationProfile: extra.profile,
    },
    policy,
  );
}

/** The report of an Open Badges 2.0 verification. */
export function ob2Report(
  format: DecodedInput['format'],
  found: Ob2Outcome,
  policy: VerifyPolicy,
): VerificationReport {
  const report = finalizeReport(
    { format, credential: found.credential, checks: found.checks, profile: 'ob2' },
    policy,
  );
  report.ob2 = found.details;
  return report;
}

/**
 * The input as a credential, whatever the document says it is: for a credential inside a
 * presentation, an endorsement, a refreshed credential, or what `verifyCredential` was given.
 * A presentation so verified fails closed (`type_role_mismatch`).
 */
export function asCredentialInput(decoded: DecodedInput): DecodedInput {
  if (!decoded.presentation) return decoded;
  return {
    ...decoded,
    presentation: false,
    format: decoded.format === 'presentation' ? 'json' : decoded.format,
  };
}

/** Verify a decoded input (credential or presentation). */
export async function verifyDecoded(
  decoded: DecodedInput,
  state: RunState,
  role?: CredentialRole,
): Promise<VerificationReport> {
  const checks = [...decoded.checks];
  // Open Badges 2.0: its own rules (hosted or signed verification), the same report shape.
  if (decoded.ob2 && !checks.some((c) => c.outcome === 'fail')) {
    // Loaded on first use: Open Badges 3.0 verification does not carry its code.
    ob2Module ??= import('../ob2/verify.js');
    const { verifyOb2Input } = await ob2Module;
    const found = await verifyOb2Input(decoded.ob2, state, checks, OB2_TOOLBOX);
    return ob2Report(decoded.format, found, state.policy);
  }
  const doc = decoded.document;
  if (!doc || checks.some((c) => c.outcome === 'fail')) {
    return makeReport(decoded, checks, state.policy);
  }
  // Whose key must sign follows from the role; a document that claims both roles has none.
  const ambiguous = ambiguousRole(decoded, doc);
  if (ambiguous) return makeReport(decoded, [...checks, ambiguous], state.policy);
  if (decoded.presentation) return verifyPresentationDoc(decoded, state);
  return verifyCredentialDoc(decoded, doc, state, role ?? roleOf(doc));
}

/**
 * A `type` failure (`type_ambiguous_role`) for a document that claims to be both a credential
 * and a presentation (in any spelling of its type), or a JWT payload with both a `vc` and a
 * `vp` claim.
 */
function ambiguousRole(decoded: DecodedInput, doc: JsonObject): CheckResult | undefined {
  const payload = decoded.jwtPayload;
  if (payload && payload.vc !== undefined && payload.vp !== undefined) {
    return result(
      'type',
      'fail',
      'type_ambiguous_role',
      'The JWT payload has both a "vc" and a "vp" claim: it claims to be a credential and a presentation, and is refused',
      '$',
    );
  }
  const claims = claimedRoles(doc);
  if (!claims.credential || !claims.presentation) return undefined;
  return result(
    'type',
    'fail',
    'type_ambiguous_role',
    'The document claims to be both a VerifiableCredential and a VerifiablePresentation; it is refused (whose key must sign would be ambiguous)',
    '$.type',
  );
}

/**
 * The `type` check of the `vc` profile: only the role rule (a credential must not claim to be
 * a presentation); the data model check covers the rest of `type`.
 */
function vcRoleCheck(credential: JsonObject): CheckResult[] {
  const refused = roleIssue(credential, 'credential');
  if (!refused) return [];
  return [result('type', 'fail', refused.code, refused.message, refused.path)];
}

/** The `type` check of a credential, which must not claim to be a presentation. */
function checkCredentialType(
  credential: JsonObject,
  role: CredentialRole,
  profile: CredentialProfile | undefined,
): CheckResult[] {
  const out = profile ? profile.type(credential) : checkType(credential, role);
  const refused = roleIssue(credential, 'credential');
  if (!refused) return out;
  return [
    result('type', 'fail', refused.code, refused.message, refused.path),
    ...out.filter((c) => c.outcome !== 'pass'),
  ];
}

/**
 * A refreshed credential stands in for the original only when the original's issuer issued it
 * (otherwise `refresh_issuer_mismatch`) about the same subject (otherwise
 * `refresh_subject_mismatch`: a refresh service must not hand over another learner's
 * credential). Either failure is added to the refreshed credential's report.
 */
function checkRefreshed(original: JsonObject, refreshed: VerificationReport): VerificationReport {
  const more: CheckResult[] = [];
  const mine = partyId(original.issuer);
  const doc = refreshed.credential;
  const theirs = isObject(doc) ? partyId(doc.issuer) : undefined;
  if (typeof mine !== 'string' || mine !== theirs) {
    more.push(
      result(
        'issuer',
        'fail',
        'refresh_issuer_mismatch',
        `The refreshed credential is issued by ${theirs ?? '(no single issuer id)'}, not by the original credential's issuer ${mine ?? '(no single issuer id)'}`,
        '$.issuer',
      ),
    );
  }
  const before = subjectKeys(original.credentialSubject);
  const after = isObject(doc) ? subjectKeys(doc.credentialSubject) : [];
  if (before.length === 0 || before.join('\n') !== after.join('\n')) {
    more.push(
      result(
        'issuer',
        'fail',
        'refresh_subject_mismatch',
        before.length === 0
          ? 'The original credential names no subject (no credentialSubject id or identifier), so a refreshed credential cannot be tied to it'
          : `The refreshed credential is about ${after.length > 0 ? after.join(', ') : '(no identified subject)'}, not about the original credential's subject ${before.join(', ')}`,
        '$.credentialSubject',
      ),
    );
  }
  return more.length > 0 ? withChecks(refreshed, more) : refreshed;
}

/**
 * What identifies a credential's subjects: each subject's `id`, and each `identifier`
 * (identity type, hash and salt as written), sorted.
 */
function subjectKeys(raw: unknown): string[] {
  const keys: string[] = [];
  for (const s of Array.isArray(raw) ? raw : [raw]) {
    if (!isObject(s)) continue;
    if (typeof s.id === 'string') keys.push(`id ${s.id}`);
    for (const i of Array.isArray(s.identifier) ? s.identifier : [s.identifier]) {
      if (!isObject(i)) continue;
      keys.push(`identifier ${JSON.stringify([i.identityType, i.identityHash, i.hashed, i.salt])}`);
    }
  }
  return [...new Set(keys)].sort();
}

async function verifyCredentialDoc(
  decodedIn: DecodedInput,
  credentialIn: JsonObject,
  state: RunState,
  role: CredentialRole,
): Promise<VerificationReport> {
  let decoded = decodedIn;
  let credential = credentialIn;
  const checks = [...decoded.checks];
  // A VC-JWT is verified once, up front: its result gives the credential (VC 1.1 claims mapped
  // back) and feeds the proof and issuer checks.
  let jwtResult: CredentialJwtVerificationResult | undefined;
  let jwtError: unknown;
  if (decoded.jwt !== undefined) {
    try {
      jwtResult = await runJwtVerification(decoded.jwt, state);
      if (isObject(jwtResult.credential)) {
        credential = jwtResult.credential;
        decoded = { ...decoded, document: credential };
      }
    } catch (e) {
      jwtError = e;
      // The signature could not be checked (say, no crypto for its algorithm): the other checks
      // still read the credential the payload carries, not the JWT claims around it (`jti`,
      // `iss`, ... are no terms of the credential's contexts).
      // As the verifier reads it: a VC 1.1 `vc` claim gets the fields it leaves to the claims.
      if (decoded.jwtPayload !== undefined) {
        const { extractCredential, reconcileClaims } = await claimsCode();
        const extracted = extractCredential(decoded.jwtPayload, 'vc').value;
        if (extracted !== undefined) {
          reconcileClaims(decoded.jwtPayload, extracted);
          credential = extracted;
          decoded = { ...decoded, document: credential };
        }
      }
    }
  }
  // The profile decides which checks run: `ob3` all of them, `clr` the same with the CLR
  // record's own (a class profile), `vc` the VC Data Model rules, JSON-LD, proof, key binding,
  // status, validity and recipient.
  const profile = selectProfile(credential, state.options.profile, role, state);
  const ob3 = profile !== 'vc';
  const clr = profile === 'clr' ? await profileFor(credential, role, state) : undefined;
  // The proof is verified first (its key documents are the only requests made before the
  // credential is known to be authentic), and reported in the algorithm's order below.
  let outcome: ProofOutcome | undefined;
  const proofChecks = await runCheck('proof', async () => {
    if (jwtError !== undefined) throw jwtError;
    outcome = jwtResult ? checkJwtProof(jwtResult) : await checkEmbeddedProof(credential, state);
    return outcome.proof;
  });
  const proofPassed = outcome?.passed === true;
  const issuerChecks = await runCheck('issuer', () => {
    const entries = [...(ob3 ? checkIssuerProfile(credential) : []), ...(outcome?.issuer ?? [])];
    return entries.length > 0 ? entries : [result('issuer', 'pass')];
  });
  // Nothing is fetched on behalf of a credential that is not authentic so far (no request
  // oracle for a forged credential): its status list, credentialSchema and endorsements are
  // looked up in `documents` only.
  const bound = !outcome?.issuer.some((c) => c.outcome === 'fail');
  const withheld = !(proofPassed && bound) && state.fetcher.online;
  const gated = withheld
    ? withoutNetwork(
        state,
        proofPassed
          ? "the signing key is not bound to the issuer, so nothing is fetched on the credential's behalf"
          : "the credential's proof was not verified, so nothing is fetched on its behalf",
      )
    : state;
  // 1. Conformance: context, JSON-LD, type, schema, subject, evidence (ob3); data model (vc).
  if (ob3) {
    checks.push(
      ...(await runCheck('context', () =>
        clr ? clr.context(credential) : checkContext(credential),
      )),
    );
    checks.push(
      ...(await runCheck('jsonld', () =>
        checkJsonLd(credential, state.documentLoader, state.canonizeWork),
      )),
    );
    checks.push(...(await runCheck('type', () => checkCredentialType(credential, role, clr))));
    checks.push(
      ...withheldAs(
        await runCheck('schema', () =>
          clr ? clr.schema(credential, gated) : checkSchema(credential, gated),
        ),
        withheld,
        'credential_schema_unchecked_offline',
        'credential_schema_not_fetched',
      ),
    );
    checks.push(
      ...(await runCheck('subject', () =>
        clr ? clr.subject(credential) : checkSubject(credential, role),
      )),
    );
    checks.push(...(await runCheck('evidence', () => checkEvidence(credential))));
  } else {
    checks.push(...(await runCheck('data_model', () => checkDataModel(credential, 'credential'))));
    checks.push(
      ...(await runCheck('jsonld', () =>
        checkJsonLd(credential, state.documentLoader, state.canonizeWork),
      )),
    );
    checks.push(...(await runCheck('type', () => vcRoleCheck(credential))));
  }
  // 2. Proof, then the issuer (profile and key binding).
  checks.push(...proofChecks, ...issuerChecks);
  // 3. Refresh (ob3: 1EdTech's refresh service).
  let refreshed: VerificationReport | undefined;
  const refreshChecks = await runCheck('refresh', async () => {
    if (!ob3) return [];
    const plan = await planRefresh(credential, state, { proofPassed, checks });
    if (plan.refreshed === undefined) return plan.checks;
    const next: RunState = { ...state, allowRefresh: false };
    const inner =
      typeof plan.refreshed === 'string'
        ? decodeText(plan.refreshed, undefined, next)
        : fromObject(plan.refreshed, 'json', next);
    // Verified as a credential (in the original's role), and only by the original's issuer,
    // about the original's subject.
    refreshed = checkRefreshed(
      credential,
      await verifyDecoded(asCredentialInput(inner), next, role),
    );
    return [
      result(
        'refresh',
        refreshed.verdict === 'invalid' ? 'skip' : 'pass',
        refreshed.verdict === 'invalid' ? 'refresh_invalid' : 'refreshed',
        `Refreshed from ${plan.url}: the refreshed credential is ${refreshed.verdict}${
          refreshed.verdict === 'invalid' ? '; the original credential was verified' : ''
        }`,
      ),
    ];
  });
  checks.push(...refreshChecks);
  // 4. Status, then the validity period.
  checks.push(
    ...withheldAs(
      await runCheck('status', () => checkCredentialStatus(credential, gated)),
      withheld,
      'status_unchecked_offline',
      'status_not_fetched',
    ),
  );
  checks.push(
    ...(await runCheck('validity', () =>
      checkValidity(
        credential,
        state.now,
        decoded.jwtPayload as Parameters<typeof checkValidity>[2],
      ),
    )),
  );
  // 5. Recipient (top level only).
  if (state.depth === 0) {
    checks.push(
      ...(await runCheck('recipient', () => checkRecipient(credential, state.options.recipient))),
    );
  }
  // 6. Endorsements (ob3; a class profile may leave nested credentials' own to their reports).
  const endorsements: VerificationReport[] = [];
  if (ob3) {
    const endorsed = clr ? clr.endorsementScope(credential) : credential;
    checks.push(
      ...(await runCheck('endorsement', () => verifyEndorsements(endorsed, gated, endorsements))),
    );
  }
  // 7. Application profiles the caller asked for (never by default), for badges.
  if (profile === 'ob3' && role === 'credential') {
    for (const p of state.options.profiles ?? []) {
      checks.push(...(await runCheck(p.name, () => p.check(credential))));
    }
  }
  // 8. What the class profile adds (for a CLR: the credentials it bundles, each in its own
  // report; nothing is fetched for them on behalf of a record that is not authentic so far).
  let credentials: VerificationReport[] | undefined;
  if (clr) {
    checks.push(
      ...(await runCheck('credentials', async () => {
        const extra = await clr.finish(credential, gated, {
          // The record vouches for what it bundles only when its issuer's key signed it.
          proofPassed: proofPassed && bound,
          verifyNested: (inner, next) =>
            verifyDecoded(asCredentialInput(inner), next, 'credential'),
          compareLearners,
        });
        credentials = extra.credentials;
        return extra.checks;
      })),
    );
  }
  return makeReport(decoded, checks, state.policy, {
    endorsements,
    refreshed,
    credentials,
    profile,
  });
}

/**
 * Entries of a check run without the network for a credential not authentic so far: "could not
 * be had offline" is then "not requested" (`notFetched`), with the reason.
 */
function withheldAs(
  entries: CheckResult[],
  withheld: boolean,
  offline: string,
  notFetched: string,
): CheckResult[] {
  if (!withheld) return entries;
  return entries.map((c) =>
    c.code === offline
      ? {
          ...c,
          outcome: 'skip',
          code: notFetched,
          message:
            'The document this check needs was not requested: the credential is not authentic so far, so nothing is fetched on its behalf',
        }
      : c,
  );
}

async function verifyEndorsements(
  credential: JsonObject,
  state: RunState,
  reports: VerificationReport[],
): Promise<CheckResult[]> {
  const found = findEndorsements(credential);
  const ID = 'endorsement';
  if (found.length === 0)
    return [result(ID, 'skip', 'endorsement_absent', 'The credential has no endorsements')];
  if (state.depth >= state.maxEndorsementDepth) {
    return [
      result(
        ID,
        'warn',
        'endorsement_depth_exceeded',
        `${found.length} endorsement(s) not verified: deeper than maxEndorsementDepth ${state.maxEndorsementDepth}`,
      ),
    ];
  }
  const { checkEndorsedSubject } = await endorsedCode();
  const out: CheckResult[] = [];
  // No cycle can be written in finite JSON (an object that contains itself is refused before),
  // so every endorsement is verified; chains end at maxEndorsementDepth. An endorsement that
  // reuses the id of the credential it sits in is one node with it in the graph: the `jsonld`
  // check of that credential refuses it (node merging).
  for (const e of found) {
    if (state.budget.endorsements <= 0) {
      // One entry for all the endorsements left out, naming the first.
      if (!out.some((c) => c.code === 'endorsement_limit')) {
        const left = found.length - found.indexOf(e);
        out.push(
          result(
            ID,
            'warn',
            'endorsement_limit',
            `${left} endorsement(s) not verified: the run reached limits.maxEndorsements (${state.limits.maxEndorsements})`,
            e.path,
          ),
        );
      }
      continue;
    }
    state.budget.endorsements--;
    let decoded: DecodedInput;
    if (e.kind === 'endorsementJwt') {
      if (typeof e.value !== 'string') {
        out.push(
          result(
            ID,
            'fail',
            'endorsement_malformed',
            'endorsementJwt must be a compact JWT string',
            e.path,
          ),
        );
        continue;
      }
      decoded = decodeJwtText(e.value, state);
    } else {
      if (!isObject(e.value)) {
        out.push(
          result(
            ID,
            'fail',
            'endorsement_malformed',
            'endorsement must be an EndorsementCredential object',
            e.path,
          ),
        );
        continue;
      }
      decoded = fromObject(e.value, 'json', state);
    }
    // It must endorse the object it is attached to (else a genuine endorsement of anything
    // could be copied into any badge): a mismatch fails the endorsement's own report.
    const mismatch = decoded.document ? checkEndorsedSubject(e, decoded.document) : undefined;
    const nested: RunState = { ...state, depth: state.depth + 1, allowRefresh: true };
    let report = await verifyDecoded(asCredentialInput(decoded), nested, 'endorsement');
    if (mismatch) report = withChecks(report, [mismatch]);
    reports.push(report);
    if (report.verdict === 'invalid') {
      // An endorsement problem alone does not make the credential untrustworthy (its own report
      // says what is wrong), unless the endorsement breaks a security rule: that is refused.
      const refused = report.checks.some((c) => c.category === 'security' && c.outcome === 'fail');
      out.push({
        ...result(
          ID,
          'fail',
          'endorsement_invalid',
          mismatch
            ? `Endorsement ${reports.length} is invalid: it endorses something else (endorsement_subject_mismatch)`
            : `Endorsement ${reports.length} is invalid${refused ? ': it is unreadable or breaks a security rule' : ''}`,
          e.path,
        ),
        ...(refused ? { category: 'security' as const } : {}),
      });
    } else if (report.verdict === 'warning') {
      out.push(
        result(
          ID,
          'warn',
          'endorsement_warning',
          `Endorsement ${reports.length} has warnings`,
          e.path,
        ),
      );
    }
  }
  if (out.length === 0) {
    return [result(ID, 'pass', undefined, `${reports.length} endorsement(s) verified`)];
  }
  return out;
}

/**
 * The `credentials` entry for one credential of a presentation: it takes the category of what
 * the credential's own report found (a revoked credential makes the presentation not in force,
 * a forged one not authentic), so the presentation's answers and verdict follow its contents.
 */
function credentialSummary(
  report: VerificationReport,
  i: number,
  path: string,
): CheckResult | undefined {
  const n = i + 1;
  if (report.verdict === 'invalid') {
    const category = nestedCategory(report);
    const why =
      category === 'security'
        ? 'it is unreadable or breaks a security rule'
        : category === 'authenticity'
          ? 'it is not authentic'
          : category === 'inForce'
            ? 'it is not in force'
            : 'it does not conform to Open Badges 3.0';
    return {
      ...result(
        'credentials',
        'fail',
        'credential_invalid',
        `Credential ${n} is invalid: ${why}`,
        path,
      ),
      category,
    };
  }
  if (report.answers.fullyChecked.value !== 'yes') {
    return {
      ...result(
        'credentials',
        'warn',
        'credential_unchecked',
        `Credential ${n} could not be fully checked`,
        path,
      ),
      category: 'completeness',
      unchecked: nestedOpenQuestion(report),
    };
  }
  if (report.verdict === 'warning') {
    return result(
      'credentials',
      'warn',
      'credential_warning',
      `Credential ${n} has warnings`,
      path,
    );
  }
  return undefined;
}

async function verifyPresentationDoc(
  decoded: DecodedInput,
  state: RunState,
): Promise<VerificationReport> {
  const checks = [...decoded.checks];
  const vp = decoded.document as JsonObject;
  const credentials: VerificationReport[] = [];
  checks.push(...(await runCheck('data_model', () => checkDataModel(vp, 'presentation'))));
  // The presentation's own members (holder, proof options) are read as its graph says. A VP-JWT
  // is checked without its JWT claims (nonce, aud, ...), which are not JSON-LD, and without the
  // compact JWTs its VC-JWT 1.1 form lists as credentials (each is verified below).
  let ld = vp;
  if (decoded.jwtPayload !== undefined) {
    const claims = await claimsCode();
    const extracted = claims.extractCredential(decoded.jwtPayload, 'vp');
    ld = claims.presentationJsonLdView(extracted.value ?? vp, extracted.form);
  }
  checks.push(
    ...(await runCheck('jsonld', () => checkJsonLd(ld, state.documentLoader, state.canonizeWork))),
  );
  checks.push(...(await runCheck('presentation', () => checkPresentation(vp, decoded.jwt, state))));
  const list =
    vp.verifiableCredential === undefined
      ? []
      : Array.isArray(vp.verifiableCredential)
        ? vp.verifiableCredential
        : [vp.verifiableCredential];
  checks.push(
    ...(await runCheck('credentials', async () => {
      if (list.length === 0) {
        return [
          result(
            'credentials',
            'skip',
            'presentation_empty',
            'The presentation carries no credentials',
          ),
        ];
      }
      const out: CheckResult[] = [];
      const max = state.limits.maxCredentials;
      if (list.length > max) {
        // Each credential costs a full verification: past the limit they are not verified.
        out.push(
          result(
            'credentials',
            'warn',
            'credential_limit',
            `The presentation carries ${list.length} credentials; only the first ${max} were verified (limits.maxCredentials)`,
            `$.verifiableCredential[${max}]`,
          ),
        );
      }
      for (let i = 0; i < Math.min(list.length, max); i++) {
        const item = list[i];
        const path = `$.verifiableCredential[${i}]`;
        let inner: DecodedInput;
        if (typeof item === 'string') inner = decodeJwtText(item, state);
        else if (isObject(item) && typesOf(item.type).includes('EnvelopedVerifiableCredential'))
          inner = decodeEnvelope(item, state);
        else inner = fromObject(item, 'json', state);
        const report = await verifyDecoded(asCredentialInput(inner), state);
        credentials.push(report);
        const summary = credentialSummary(report, i, path);
        if (summary) out.push(summary);
      }
      return out.length > 0
        ? out
        : [result('credentials', 'pass', undefined, `${list.length} credential(s) verified`)];
    })),
  );
  return makeReport(decoded, checks, state.policy, { credentials, profile: 'vc' });
}
