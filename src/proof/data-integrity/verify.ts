/** Verification of Data Integrity proofs: never throws for a bad credential, returns a report. */

import { KeyError, Ob3Error } from '../../errors.js';
import { concatBytes } from '../../internal/bytes.js';
import { hasEnded, parseDateTime } from '../../internal/datetime.js';
import { describeValue } from '../../internal/describe.js';
import { type FetchReportCode, fetchReportCode } from '../../internal/fetch.js';
import { asArray, isObject, joinPath } from '../../internal/json.js';
import { graphRoleIssue, type ProofRole, partyId, roleIssue } from '../../internal/roles.js';
import { checkCompactForm } from '../../jsonld/compact-form.js';
import type { DocumentLoader } from '../../jsonld/index.js';
import type { WorkBudget } from '../../jsonld/work.js';
import { decodeBase58btc } from '../../keys/base58.js';
import {
  checkKeyController,
  type DidResolver,
  type FetchLike,
  resolveVerificationMethod,
} from '../../keys/resolve.js';
import type { KeyPair, VerificationRelationship } from '../../keys/types.js';
import { DEFAULT_MAX_PROOFS, planProofChain } from './chain.js';
import {
  canonicalFormOf,
  digestFor,
  includesContext,
  isDateTimeStamp,
  jcsCoversContext,
  jcsSignedView,
  proofConfigOf,
} from './hash-data.js';
import {
  ED25519_2020_CONTEXT,
  EDDSA_RDFC_2022,
  type SuiteInfo,
  type SuiteName,
  suiteByName,
  suiteOfProof,
  VERIFYING_SUITES,
} from './suites.js';

/** Options of {@link verifyCredentialProof}. */
export interface VerifyCredentialProofOptions {
  /** JSON-LD document loader. Default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
  /**
   * A canonicalization budget shared by a verification run (`verify()`), spent by every
   * canonicalization of this call as well as each one's own `maxCanonizeWork`.
   *
   * @internal
   */
  runBudget?: WorkBudget;
  /** Fetch for did:web and https key documents. Without it those keys are `verification_method_offline`. */
  fetch?: FetchLike;
  /** Known DID / controller / key documents by URL or DID (looked up before fetching). */
  documents?: Record<string, unknown>;
  /** Resolvers for other DID methods. */
  resolvers?: Record<string, DidResolver>;
  /**
   * The role in which the document is verified, which decides whose key must have signed it:
   * `'credential'` (default): its `issuer`, which must be exactly one id; `'presentation'`: its
   * `holder`, when it names one (a presentation without holder is bound to no one). Never the
   * document's own `type`: a document that claims the other role, or both, is refused
   * (`type_role_mismatch`, `type_ambiguous_role`), and so is a presentation whose signed graph
   * declares no `VerifiablePresentation`.
   */
  role?: ProofRole;
  /**
   * The relationship the key must be listed under, and the proof's `proofPurpose`. Default
   * `'assertionMethod'` for a credential, `'authentication'` for a presentation.
   */
  expectedProofPurpose?: VerificationRelationship;
  /**
   * Check that the key belongs to the issuer (role `'credential'`) or holder (role
   * `'presentation'`): the verification method's controller, or the DID of a DID URL, must be
   * that id. Default `true`.
   */
  checkController?: boolean;
  /** Compare the key's controller with this id instead of the document's issuer / holder. */
  expectedController?: string;
  /** Required `challenge` (presentations). */
  challenge?: string;
  /** Required `domain` (presentations): the proof's domain must be or include it. */
  domain?: string;
  /**
   * Suites to accept. Default: all of `eddsa-rdfc-2022`, `ecdsa-rdfc-2019`, `eddsa-jcs-2022`,
   * `ecdsa-jcs-2019`, `Ed25519Signature2020`, `eddsa-2022`.
   */
  suites?: readonly SuiteName[];
  /**
   * Most proofs a document may carry (default 32). A document with more fails with
   * `proof_limit_exceeded` before any proof is verified.
   */
  maxProofs?: number;
  /** Clock for `expires` and key `revoked` checks. Default: now. */
  now?: Date;
  /** Abort signal. */
  signal?: AbortSignal;
}

/** One problem found: a stable snake_case code, a message, and where. */
export interface ProofIssue {
  code: ProofIssueCode;
  message: string;
  path?: string;
}

/** The result for one proof. */
export interface ProofResult {
  type: string;
  cryptosuite?: string;
  verificationMethod: string;
  verified: boolean;
  /** The first issue's code when not verified. */
  code?: ProofIssueCode;
}

/** What {@link verifyCredentialProof} returns. */
export interface VerifyCredentialProofResult {
  /** True when there is at least one proof and every proof verified. */
  verified: boolean;
  issues: ProofIssue[];
  proofs: ProofResult[];
}

/** Every issue code `verifyCredentialProof` reports (documented in docs/proofs.md). */
export type ProofIssueCode =
  | 'proof_missing'
  | 'proof_malformed'
  | 'proof_suite_unsupported'
  | 'proof_context_missing'
  | 'proof_context_mismatch'
  | 'proof_value_malformed'
  | 'proof_purpose_mismatch'
  | 'proof_previous_missing'
  | 'proof_previous_invalid'
  | 'proof_chain_cycle'
  | 'proof_limit_exceeded'
  | 'proof_expired'
  | 'proof_challenge_mismatch'
  | 'proof_domain_mismatch'
  | 'proof_signature_invalid'
  | 'issuer_key_mismatch'
  | 'presentation_holder_mismatch'
  | 'type_ambiguous_role'
  | 'type_role_mismatch'
  | 'key_invalid'
  | 'key_type_mismatch'
  | 'verification_method_unresolved'
  | 'verification_method_unsupported'
  | 'verification_method_offline'
  | 'verification_method_revoked'
  | 'verification_method_expired'
  | 'controller_document_invalid'
  | 'jsonld_undefined_term'
  | 'jsonld_protected_term'
  | 'jsonld_context_unknown'
  | 'jsonld_not_compact'
  | 'jsonld_context_unsupported'
  | 'jsonld_error'
  | FetchReportCode;

class Fail extends Error {
  constructor(
    readonly code: ProofIssueCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** A problem of the document itself (not of one proof): reported once. */
class DocumentFail extends Fail {}

/**
 * Where a place in the document canonicalized for a proof is in the verified document: the same
 * path, except under `proof` (there only the previous proofs of a chain, in another order).
 */
function documentPath(located: string): string | undefined {
  return /^\$\.proof(?:$|[.[])/.test(located) ? undefined : located;
}

/**
 * A canonicalization failure as a proof issue. When the conversion placed it in the document it
 * converted (`details.path`), `rebase` maps that path into the verified document (`undefined`:
 * keep `path`); the message then names the mapped path.
 */
function jsonLdIssue(
  e: unknown,
  where: string,
  path: string,
  rebase?: (located: string) => string | undefined,
): Fail {
  const code = e instanceof Ob3Error ? e.code : undefined;
  let message = e instanceof Error ? e.message : String(e);
  const located = e instanceof Ob3Error ? e.details?.path : undefined;
  const at = typeof located === 'string' ? rebase?.(located) : undefined;
  if (at !== undefined && typeof located === 'string') {
    message = message.split(located).join(at);
    // A failure of the document itself stays one issue, however many proofs meet it.
    const Issue = path === '$' ? DocumentFail : Fail;
    if (code === 'ERR_JSONLD_UNDEFINED_TERM')
      return new Issue('jsonld_undefined_term', `${where}: ${message}`, at);
    if (code === 'ERR_JSONLD_PROTECTED_TERM')
      return new Issue('jsonld_protected_term', `${where}: ${message}`, at);
    if (code === 'ERR_CONTEXT_UNKNOWN')
      return new Issue('jsonld_context_unknown', `${where}: ${message}`, at);
  }
  if (code === 'ERR_JSONLD_UNDEFINED_TERM') {
    const term = (e as Ob3Error).details?.term;
    return new Fail(
      'jsonld_undefined_term',
      `${where}: the term ${JSON.stringify(term ?? '')} is not defined by any @context (JSON-LD safe mode). ${message}`,
      path,
    );
  }
  if (code === 'ERR_JSONLD_PROTECTED_TERM')
    return new Fail('jsonld_protected_term', `${where}: ${message}`, path);
  if (code === 'ERR_CONTEXT_UNKNOWN')
    return new Fail('jsonld_context_unknown', `${where}: ${message}`, path);
  if (code === 'ERR_ABORTED') throw e;
  if (code === 'ERR_PROOF_CONTEXT_MISMATCH')
    return new Fail('proof_context_mismatch', `${where}: ${message}`, path);
  return new Fail('jsonld_error', `${where}: ${message}`, path);
}

const RESOLUTION_CODES: Record<string, ProofIssueCode> = {
  ERR_RESOLUTION_OFFLINE: 'verification_method_offline',
  ERR_DID_METHOD_UNSUPPORTED: 'verification_method_unsupported',
  ERR_KEY_PURPOSE_MISMATCH: 'proof_purpose_mismatch',
  ERR_KEY_REVOKED: 'verification_method_revoked',
  ERR_KEY_EXPIRED: 'verification_method_expired',
  ERR_KEY_INVALID: 'key_invalid',
  ERR_KEY_FORMAT: 'key_invalid',
  ERR_KEY_TYPE_UNSUPPORTED: 'key_invalid',
  ERR_DID_ID_MISMATCH: 'controller_document_invalid',
  ERR_CONTROLLER_ID_MISMATCH: 'controller_document_invalid',
  ERR_VERIFICATION_METHOD_INVALID: 'controller_document_invalid',
};

/**
 * Verify every Data Integrity proof of a credential or presentation: `DataIntegrityProof` with
 * `eddsa-rdfc-2022`, `ecdsa-rdfc-2019` (P-256, P-384), `eddsa-jcs-2022`, `ecdsa-jcs-2019` or legacy
 * `eddsa-2022`, and `Ed25519Signature2020`. Proof sets and proof chains: a proof with
 * `previousProof` is verified after the proofs it names, over the document with those proofs, and
 * holds only when they hold too (a dangling name, an ambiguous one or a cycle fails).
 *
 * For each proof: the suite is known and allowed; `proofPurpose` is the expected one; `proofValue`
 * is `z` base58btc of a signature of the suite's size; `created`/`expires` are dateTimes and it
 * has not expired; challenge/domain match when asked; the document and proof options canonicalize
 * (RDFC-1.0 in JSON-LD safe mode, or JCS); the verification method resolves (did:key, did:jwk
 * offline; did:web / https through `documents` or `fetch`), is listed under the expected
 * relationship of its controller document, is of a key type of the suite, and belongs to the
 * party of the `role` it is verified in (default `'credential'`: the issuer; `'presentation'`: the
 * holder); the signature verifies (Ed25519 strictly, without ZIP-215 leniency).
 *
 * The role is the caller's, never the document's own `type`: a document that claims the other
 * role, or both, in its JSON or in its signed graph, is refused (`type_role_mismatch`,
 * `type_ambiguous_role`).
 *
 * Never throws for a bad document; returns `{ verified, issues, proofs }` with stable codes (see
 * docs/proofs.md). Throws `TypeError` only for misuse, and `KeyError` `ERR_CRYPTO_UNAVAILABLE`
 * when the runtime cannot check the signature at all (without WebCrypto Ed25519 / ECDSA,
 * ob3kit's pure-JS curves failing to load): no verdict rather than a valid signature reported
 * invalid.
 *
 * @example
 * ```ts
 * import { verifyCredentialProof } from 'ob3kit/proof';
 * const result = await verifyCredentialProof(signed, {
 *   documents: { 'https://example.edu/issuers/565049': controllerDocument },
 * });
 * if (!result.verified) console.log(result.issues); // [{ code: 'proof_signature_invalid', ... }]
 * ```
 */
export async function verifyCredentialProof(
  credential: object,
  options: VerifyCredentialProofOptions = {},
): Promise<VerifyCredentialProofResult> {
  if (!isObject(credential)) {
    throw new TypeError(
      'verifyCredentialProof(credential, options): credential must be a JSON object',
    );
  }
  if (!isObject(options))
    throw new TypeError('verifyCredentialProof(credential, options): options must be an object');
  checkOptions(options as VerifyCredentialProofOptions);
  const opts = options as VerifyCredentialProofOptions;
  const role = opts.role ?? 'credential';
  const issues: ProofIssue[] = [];
  const proofs: ProofResult[] = [];

  const proofValue = credential.proof;
  const list = asArray(proofValue);
  if (proofValue === undefined || list.length === 0) {
    issues.push({ code: 'proof_missing', message: 'The document has no "proof"', path: '$.proof' });
    return { verified: false, issues, proofs };
  }
  const maxProofs = opts.maxProofs ?? DEFAULT_MAX_PROOFS;
  if (list.length > maxProofs) {
    issues.push({
      code: 'proof_limit_exceeded',
      message: `The document has ${list.length} proofs, more than the limit of ${maxProofs} (options.maxProofs); none was verified`,
      path: '$.proof',
    });
    return { verified: false, issues, proofs };
  }

  // What the document says it is never decides whose key signs: claiming the other role (or
  // both) is refused before any work.
  const claimed = roleIssue(credential, role);
  if (claimed) {
    issues.push(claimed);
    const refused = list.map((p) => ({ ...describeProof(p), code: claimed.code }));
    return { verified: false, issues, proofs: refused };
  }

  const { proof: _p, ...unsecured } = credential;
  const pathOf = (i: number) => (Array.isArray(proofValue) ? joinPath('$.proof', i) : '$.proof');
  const chain = planProofChain(list, pathOf);
  const hashOptions = {
    documentLoader: opts.documentLoader,
    signal: opts.signal,
    runBudget: opts.runBudget,
  };
  // RDFC canonical forms of the document, by the previous proofs it carries ('' = none).
  const canonicalDocuments = new Map<string, Promise<string>>();
  const documentFor = (i: number) => {
    const previous = chain.previous[i] as number[];
    if (previous.length === 0) return unsecured;
    return { ...unsecured, proof: previous.map((j) => list[j]) };
  };
  const canonicalDocument = (i: number, suite: SuiteInfo) => {
    const key = (chain.previous[i] as number[]).join(',');
    let found = canonicalDocuments.get(key);
    if (found === undefined) {
      found = canonicalFormOf(suite, documentFor(i), hashOptions);
      canonicalDocuments.set(key, found);
    }
    return found;
  };
  // What the signed graph declares is checked once, on the RDFC canonical form of the document
  // without proofs (computed anyway for RDFC proofs; for JCS proofs too, since their JSON may
  // declare a role through JSON-LD the JSON check does not read).
  let graphRoleCheck: Promise<void> | undefined;
  const checkGraphRole = () => {
    graphRoleCheck ??= (
      canonicalDocuments.get('') ??
      canonicalFormOf(suiteByName(EDDSA_RDFC_2022) as SuiteInfo, unsecured, hashOptions)
    ).then(
      (canonical) => {
        const issue = graphRoleIssue(canonical, role);
        if (issue) throw new Fail(issue.code, issue.message, issue.path);
      },
      (e: unknown) => {
        throw jsonLdIssue(e, 'The document cannot be canonicalized', '$', documentPath);
      },
    );
    return graphRoleCheck;
  };
  let documentFailure: Fail | undefined;
  const results: ProofResult[] = [];
  const failuresAt: Array<Fail | undefined> = [];
  // A document-level failure shared by several proofs is one instance, reported once.
  const reportedFails = new Set<Fail>();
  // The members read below (issuer / holder, proof options) must be what the proof signs: the
  // document and each proof's options must be in the one compact form their contexts give.
  let form: Promise<Fail | undefined> | undefined;
  const compactForm = () => {
    form ??= checkCompactForm(unsecured, { documentLoader: opts.documentLoader }).then((i) =>
      i === undefined ? undefined : new DocumentFail(i.code, i.message, i.path),
    );
    return form;
  };

  for (const i of chain.order) {
    const path = pathOf(i);
    const proof = list[i];
    const result = describeProof(proof);
    results[i] = result;
    try {
      const problem = chain.problems[i];
      if (problem) throw new Fail(problem.code, problem.message, problem.path);
      for (const j of chain.previous[i] as number[]) {
        if (results[j]?.verified !== true) {
          throw new Fail(
            'proof_previous_invalid',
            `previousProof names ${JSON.stringify((list[j] as { id?: unknown }).id)} (${pathOf(j)}), which does not verify, so this proof of the chain does not hold either`,
            joinPath(path, 'previousProof'),
          );
        }
      }
      const context = {
        document: documentFor(i),
        canonicalDocument: (s: SuiteInfo) => canonicalDocument(i, s),
        checkGraphRole,
        compactForm,
      };
      await verifyOne(proof, path, unsecured, opts, role, context);
      result.verified = true;
    } catch (e) {
      if (!(e instanceof Fail)) {
        // Stopped, or the runtime cannot check the signature at all: no verdict to report.
        if (
          e instanceof Ob3Error &&
          (e.code === 'ERR_ABORTED' || e.code === 'ERR_CRYPTO_UNAVAILABLE')
        )
          throw e;
        // Unexpected: still a report entry, never a crash.
        failuresAt[i] = new Fail(
          'jsonld_error',
          `Unexpected error: ${e instanceof Error ? e.message : String(e)}`,
          path,
        );
      } else {
        failuresAt[i] = e;
      }
      result.code = failuresAt[i]?.code;
    }
  }
  uncoveredJcsContext(list, unsecured, results, failuresAt, pathOf);

  for (let i = 0; i < list.length; i++) {
    const result = results[i] as ProofResult;
    const e = failuresAt[i];
    if (e !== undefined) {
      result.verified = false;
      result.code = e.code;
      if (
        ((e.path === '$' || e instanceof DocumentFail) && documentFailure) ||
        reportedFails.has(e)
      ) {
        // the same document problem, reported once
      } else {
        reportedFails.add(e);
        if (e.path === '$' || e instanceof DocumentFail) documentFailure = e;
        issues.push({ code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) });
      }
    }
    proofs.push(result);
  }
  return { verified: issues.length === 0 && proofs.every((p) => p.verified), issues, proofs };
}

/**
 * A JCS proof signs the document in its own `@context`, which may be only the start of the
 * document's (so that a later proof of a set may add contexts). Entries after it are signed by no
 * such proof: they hold only when another verified proof signs the whole `@context` (any RDFC
 * proof, or a JCS proof whose `@context` is the document's). Otherwise the JCS proofs that leave
 * entries unsigned fail with `proof_context_mismatch`: an appended context could change what the
 * document means.
 */
function uncoveredJcsContext(
  list: unknown[],
  document: Record<string, unknown>,
  results: ProofResult[],
  failuresAt: Array<Fail | undefined>,
  pathOf: (i: number) => string,
): void {
  const partial: number[] = [];
  let covered = false;
  list.forEach((proof, i) => {
    if (!results[i]?.verified || !isObject(proof)) return;
    const suite = suiteOfProof(proof);
    if (suite?.canonicalization === 'jcs' && !jcsCoversContext(document, proof)) partial.push(i);
    else covered = true;
  });
  if (covered) return;
  for (const i of partial) {
    failuresAt[i] = new Fail(
      'proof_context_mismatch',
      "The document's @context has entries after the proof's @context, and no verified proof signs them (a context added after signing could change what the document means)",
      joinPath(pathOf(i), '@context'),
    );
  }
}

/** The result entry of one proof, not (yet) verified. */
function describeProof(proof: unknown): ProofResult {
  const result: ProofResult = {
    type: isObject(proof) && typeof proof.type === 'string' ? proof.type : '',
    verificationMethod:
      isObject(proof) && typeof proof.verificationMethod === 'string'
        ? proof.verificationMethod
        : '',
    verified: false,
  };
  if (isObject(proof) && typeof proof.cryptosuite === 'string')
    result.cryptosuite = proof.cryptosuite;
  return result;
}

function checkOptions(o: VerifyCredentialProofOptions): void {
  if (o.documentLoader !== undefined && typeof o.documentLoader !== 'function') {
    throw new TypeError('verifyCredentialProof: options.documentLoader must be a function');
  }
  if (o.fetch !== undefined && typeof o.fetch !== 'function')
    throw new TypeError('verifyCredentialProof: options.fetch must be a function');
  if (o.documents !== undefined && !isObject(o.documents))
    throw new TypeError('verifyCredentialProof: options.documents must be an object');
  if (o.resolvers !== undefined && !isObject(o.resolvers))
    throw new TypeError('verifyCredentialProof: options.resolvers must be an object');
  if (o.now !== undefined && !(o.now instanceof Date))
    throw new TypeError('verifyCredentialProof: options.now must be a Date');
  if (o.suites !== undefined && !Array.isArray(o.suites))
    throw new TypeError('verifyCredentialProof: options.suites must be an array');
  if (
    o.maxProofs !== undefined &&
    (typeof o.maxProofs !== 'number' || !Number.isSafeInteger(o.maxProofs) || o.maxProofs < 1)
  )
    throw new TypeError('verifyCredentialProof: options.maxProofs must be a positive integer');
  if (o.role !== undefined && o.role !== 'credential' && o.role !== 'presentation')
    throw new TypeError(
      "verifyCredentialProof: options.role must be 'credential' or 'presentation'",
    );
  if (
    o.expectedController !== undefined &&
    (typeof o.expectedController !== 'string' || o.expectedController.length === 0)
  )
    throw new TypeError(
      'verifyCredentialProof: options.expectedController must be a non-empty string',
    );
}

/** The document a proof signed: without proofs, or with the previous proofs it names. */
interface SignedDocument {
  document: Record<string, unknown>;
  /** Its RDFC canonical form (cached across proofs that share it). */
  canonicalDocument(suite: SuiteInfo): Promise<string>;
  /** Refuse a signed graph that declares another role than the one verified (once a document). */
  checkGraphRole(): Promise<void>;
  /** The document's compact-form problem, if any (once a document). */
  compactForm(): Promise<Fail | undefined>;
}

async function verifyOne(
  proof: unknown,
  path: string,
  document: Record<string, unknown>,
  opts: VerifyCredentialProofOptions,
  role: ProofRole,
  signed: SignedDocument,
): Promise<void> {
  if (!isObject(proof)) throw new Fail('proof_malformed', 'A proof must be a JSON object', path);
  if (typeof proof.type !== 'string')
    throw new Fail('proof_malformed', 'The proof has no "type"', joinPath(path, 'type'));

  // Suite.
  const suite = suiteOfProof(proof);
  if (!suite) {
    const what =
      proof.type === 'DataIntegrityProof'
        ? `cryptosuite ${JSON.stringify(proof.cryptosuite)}`
        : `proof type ${JSON.stringify(proof.type)}`;
    throw new Fail(
      'proof_suite_unsupported',
      `Unsupported ${what}; supported: ${VERIFYING_SUITES.join(', ')}`,
      joinPath(path, proof.type === 'DataIntegrityProof' ? 'cryptosuite' : 'type'),
    );
  }
  if (opts.suites !== undefined && !opts.suites.includes(suite.name)) {
    throw new Fail(
      'proof_suite_unsupported',
      `Suite ${suite.name} is not accepted here (allowed: ${opts.suites.join(', ') || 'none'})`,
      joinPath(path, suite.cryptosuite ? 'cryptosuite' : 'type'),
    );
  }
  if (
    suite.proofType === 'Ed25519Signature2020' &&
    !includesContext(document['@context'], ED25519_2020_CONTEXT)
  ) {
    throw new Fail(
      'proof_context_missing',
      `An Ed25519Signature2020 proof needs ${ED25519_2020_CONTEXT} in the document's @context`,
      '$["@context"]',
    );
  }

  // Structure.
  const expectedPurpose =
    opts.expectedProofPurpose ?? (role === 'presentation' ? 'authentication' : 'assertionMethod');
  if (typeof proof.proofPurpose !== 'string') {
    throw new Fail(
      'proof_malformed',
      'The proof has no "proofPurpose"',
      joinPath(path, 'proofPurpose'),
    );
  }
  if (proof.proofPurpose !== expectedPurpose) {
    throw new Fail(
      'proof_purpose_mismatch',
      `proofPurpose is ${JSON.stringify(proof.proofPurpose)}; expected ${JSON.stringify(expectedPurpose)}`,
      joinPath(path, 'proofPurpose'),
    );
  }
  const vmId = proof.verificationMethod;
  if (typeof vmId !== 'string' || vmId.length === 0) {
    throw new Fail(
      'proof_malformed',
      'The proof has no "verificationMethod" URL',
      joinPath(path, 'verificationMethod'),
    );
  }
  const signature = decodeProofValue(proof.proofValue, joinPath(path, 'proofValue'), suite);
  for (const field of ['created', 'expires'] as const) {
    if (proof[field] !== undefined && !isDateTimeStamp(proof[field])) {
      throw new Fail(
        'proof_malformed',
        `proof.${field} must be an XSD dateTime with time zone, found ${describeValue(proof[field])}`,
        joinPath(path, field),
      );
    }
  }
  const now = opts.now ?? new Date();
  const expires = parseDateTime(proof.expires, { requireZone: true });
  if (expires !== undefined && hasEnded(expires, now.getTime())) {
    throw new Fail(
      'proof_expired',
      `The proof expired at ${proof.expires}`,
      joinPath(path, 'expires'),
    );
  }
  if (opts.challenge !== undefined && proof.challenge !== opts.challenge) {
    throw new Fail(
      'proof_challenge_mismatch',
      `proof.challenge is ${JSON.stringify(proof.challenge)}; expected ${JSON.stringify(opts.challenge)}`,
      joinPath(path, 'challenge'),
    );
  }
  if (opts.domain !== undefined && !asArray(proof.domain as unknown).includes(opts.domain)) {
    throw new Fail(
      'proof_domain_mismatch',
      `proof.domain is ${JSON.stringify(proof.domain)}; expected ${JSON.stringify(opts.domain)}`,
      joinPath(path, 'domain'),
    );
  }

  // Canonicalization (RDFC: the document once per set of previous proofs, proof options per
  // proof; JCS: the document in the proof's @context).
  let canonicalDoc: string;
  try {
    canonicalDoc =
      suite.canonicalization === 'jcs'
        ? await canonicalFormOf(suite, await jcsSignedView(signed.document, proof), {
            signal: opts.signal,
            runBudget: opts.runBudget,
          })
        : await signed.canonicalDocument(suite);
  } catch (e) {
    if (e instanceof Ob3Error && e.code === 'ERR_PROOF_CONTEXT_MISMATCH') {
      throw jsonLdIssue(e, 'The proof cannot apply to this document', joinPath(path, '@context'));
    }
    throw jsonLdIssue(e, 'The document cannot be canonicalized', '$', documentPath);
  }
  await signed.checkGraphRole();
  const config = proofConfigOf(proof, document, suite);
  let canonicalConfig: string;
  try {
    canonicalConfig = await canonicalFormOf(suite, config, {
      documentLoader: opts.documentLoader,
      signal: opts.signal,
      runBudget: opts.runBudget,
    });
  } catch (e) {
    throw jsonLdIssue(e, 'The proof options cannot be canonicalized', path, (located) =>
      // The options are signed as a document of their own: the proof's members, and the
      // proof's @context or else the document's.
      located.startsWith('$["@context"]') && !Object.hasOwn(proof, '@context')
        ? located
        : `${path}${located.slice(1)}`,
    );
  }
  const notCompact = await signed.compactForm();
  if (notCompact !== undefined) throw notCompact;
  const options = await checkCompactForm(config, { documentLoader: opts.documentLoader });
  if (options !== undefined) {
    // The proof options are checked as the document they are signed as: rebase the path.
    const at = `${path}${options.path.slice(1)}`;
    const message =
      options.path === '$' ? options.message : options.message.split(options.path).join(at);
    throw new Fail(options.code, message, at);
  }

  // Key.
  let key: KeyPair;
  let controller: string;
  try {
    const resolved = await resolveVerificationMethod(vmId, {
      documents: opts.documents,
      fetch: opts.fetch,
      resolvers: opts.resolvers,
      signal: opts.signal,
      purpose: expectedPurpose,
      now,
    });
    key = resolved.keyPair;
    controller = resolved.verificationMethod.controller;
  } catch (e) {
    if (e instanceof KeyError) {
      const code = RESOLUTION_CODES[e.code] ?? 'verification_method_unresolved';
      throw new Fail(
        code,
        `Verification method ${vmId}: ${e.message}`,
        joinPath(path, 'verificationMethod'),
      );
    }
    if (e instanceof Ob3Error && e.code === 'ERR_ABORTED') throw e;
    // A key document that could not be fetched: "could not be checked", not "wrong".
    const fetchCode = fetchReportCode(e);
    if (fetchCode !== undefined) {
      throw new Fail(
        fetchCode,
        `Verification method ${vmId} could not be resolved: ${e instanceof Error ? e.message : String(e)}`,
        joinPath(path, 'verificationMethod'),
      );
    }
    throw new Fail(
      'verification_method_unresolved',
      `Verification method ${vmId} could not be resolved: ${e instanceof Error ? e.message : String(e)}`,
      joinPath(path, 'verificationMethod'),
    );
  }
  if (!suite.keyTypes.includes(key.type)) {
    throw new Fail(
      'key_type_mismatch',
      `${suite.name} needs a ${suite.keyTypes.join(' or ')} key; ${vmId} is a ${key.type} key`,
      joinPath(path, 'verificationMethod'),
    );
  }
  const size = SIGNATURE_BYTES[key.type];
  if (signature.length !== size) {
    throw new Fail(
      'proof_value_malformed',
      `proofValue must hold a ${size}-byte signature for the ${key.type} key ${vmId}, found ${signature.length} bytes`,
      joinPath(path, 'proofValue'),
    );
  }
  if (opts.checkController !== false) {
    const expected = opts.expectedController ?? boundParty(document, role);
    const code = role === 'presentation' ? 'presentation_holder_mismatch' : 'issuer_key_mismatch';
    if (expected === null) {
      throw new Fail(
        code,
        `The document, verified as a ${role}, does not name its ${role === 'presentation' ? 'holder' : 'issuer'} as exactly one id, so the key ${vmId} cannot be bound to it`,
        joinPath(path, 'verificationMethod'),
      );
    }
    if (expected !== undefined && !checkKeyController({ id: vmId, controller }, expected)) {
      throw new Fail(
        code,
        `The key ${vmId} (controller ${controller}) does not belong to the ${role === 'presentation' ? 'holder' : 'issuer'} ${expected}`,
        joinPath(path, 'verificationMethod'),
      );
    }
  }

  // Signature (SHA-384 hashes for P-384 keys, SHA-256 otherwise).
  const hash = digestFor(key.type);
  const [configHash, docHash] = await Promise.all([hash(canonicalConfig), hash(canonicalDoc)]);
  const ok = await key.verify(concatBytes(configHash, docHash), signature);
  if (!ok) {
    throw new Fail(
      'proof_signature_invalid',
      'The signature does not match the document and proof options (the document or proof was changed, or signed with another key)',
      joinPath(path, 'proofValue'),
    );
  }
}

/** Signature sizes by key type: Ed25519 and P-256 64 bytes, P-384 96 bytes (`r || s`). */
const SIGNATURE_BYTES: Record<string, number> = { Ed25519: 64, 'P-256': 64, 'P-384': 96 };

function decodeProofValue(value: unknown, path: string, suite: SuiteInfo): Uint8Array {
  if (typeof value !== 'string' || value.length < 2) {
    throw new Fail('proof_value_malformed', 'proofValue must be a multibase string', path);
  }
  if (value[0] !== 'z') {
    throw new Fail(
      'proof_value_malformed',
      `proofValue must be base58btc multibase (prefix "z"), found prefix "${value[0]}"`,
      path,
    );
  }
  // Bound before decoding: the suite's largest signature, base58 (at most 138 characters for 96 bytes).
  const sizes = [...new Set(suite.keyTypes.map((t) => SIGNATURE_BYTES[t] as number))];
  const longest = Math.max(...sizes);
  if (value.length - 1 > Math.ceil((longest * 138) / 100) + 1) {
    throw new Fail(
      'proof_value_malformed',
      `proofValue is too long for a ${sizes.join(' or ')}-byte signature (${value.length} characters)`,
      path,
    );
  }
  const bytes = decodeBase58btc(value.slice(1));
  if (!bytes) throw new Fail('proof_value_malformed', 'proofValue is not valid base58btc', path);
  if (!sizes.includes(bytes.length)) {
    throw new Fail(
      'proof_value_malformed',
      `proofValue must hold a ${sizes.join(' or ')}-byte signature, found ${bytes.length} bytes`,
      path,
    );
  }
  return bytes;
}

/**
 * The id the key must belong to, by role: a credential's issuer (absent or not exactly one id:
 * `null`, fail closed); a presentation's holder (`undefined` when it names none: a presentation
 * without holder is bound to no one; `null` when it is there but not exactly one id).
 */
function boundParty(document: Record<string, unknown>, role: ProofRole): string | undefined | null {
  if (role === 'presentation') return partyId(document.holder);
  return partyId(document.issuer) ?? null;
}
