/** Verification of Data Integrity proofs: never throws for a bad credential, returns a report. */
import { KeyError, Ob3Error } from '../../errors.js';
import { concatBytes } from '../../internal/bytes.js';
import { asArray, isObject, joinPath } from '../../internal/json.js';
import { graphRoleIssue, type ProofRole, partyId, roleIssue } from '../../internal/roles.js';
import type { DocumentLoader } from '../../jsonld/index.js';
import { decodeBase58btc } from '../../keys/base58.js';
import {
  checkKeyController,
  type DidResolver,
  type FetchLike,
  resolveVerificationMethod,
} from '../../keys/resolve.js';
import type { KeyPair, VerificationRelationship } from '../../keys/types.js';
import { hashDocument, hashProofConfig, includesContext, proofConfigOf } from './hash-data.js';
import { isDateTimeStamp } from './sign.js';
import { ED25519_2020_CONTEXT, type SuiteName, suiteOfProof, VERIFYING_SUITES } from './suites.js';

/** Options of {@link verifyCredentialProof}. */
export interface VerifyCredentialProofOptions {
  /** JSON-LD document loader. Default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
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
  /** Suites to accept. Default: all of `eddsa-rdfc-2022`, `ecdsa-rdfc-2019`, `Ed25519Signature2020`, `eddsa-2022`. */
  suites?: readonly SuiteName[];
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
  | 'proof_value_malformed'
  | 'proof_purpose_mismatch'
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
  | 'verification_method_offline'
  | 'verification_method_revoked'
  | 'controller_document_invalid'
  | 'jsonld_undefined_term'
  | 'jsonld_protected_term'
  | 'jsonld_context_unknown'
  | 'jsonld_error';

class Fail extends Error {
  constructor(
    readonly code: ProofIssueCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

function jsonLdIssue(e: unknown, where: string, path: string): Fail {
  const code = e instanceof Ob3Error ? e.code : undefined;
  const message = e instanceof Error ? e.message : String(e);
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
  return new Fail('jsonld_error', `${where}: ${message}`, path);
}

const RESOLUTION_CODES: Record<string, ProofIssueCode> = {
  ERR_RESOLUTION_OFFLINE: 'verification_method_offline',
  ERR_KEY_PURPOSE_MISMATCH: 'proof_purpose_mismatch',
  ERR_KEY_REVOKED: 'verification_method_revoked',
  ERR_KEY_INVALID: 'key_invalid',
  ERR_KEY_FORMAT: 'key_invalid',
  ERR_KEY_TYPE_UNSUPPORTED: 'key_invalid',
  ERR_DID_ID_MISMATCH: 'controller_document_invalid',
  ERR_CONTROLLER_ID_MISMATCH: 'controller_document_invalid',
};

/**
 * Verify every Data Integrity proof of a credential or presentation: `DataIntegrityProof` with
 * `eddsa-rdfc-2022`, `ecdsa-rdfc-2019` (P-256) or legacy `eddsa-2022`, and `Ed25519Signature2020`.
 *
 * For each proof: the suite is known and allowed; `proofPurpose` is the expected one; `proofValue`
 * is `z` base58btc of a 64-byte signature; `created`/`expires` are dateTimes and it has not expired;
 * challenge/domain match when asked; the document and proof options canonicalize in JSON-LD safe
 * mode; the verification method resolves (did:key, did:jwk offline; did:web / https through
 * `documents` or `fetch`), is listed under the expected relationship of its controller document,
 * is of the suite's key type, and belongs to the party of the `role` it is verified in (default
 * `'credential'`: the issuer; `'presentation'`: the holder); the signature verifies (Ed25519
 * strictly, without ZIP-215 leniency).
 *
 * The role is the caller's, never the document's own `type`: a document that claims the other
 * role, or both, in its JSON or in its signed graph, is refused (`type_role_mismatch`,
 * `type_ambiguous_role`).
 *
 * Never throws for a bad document; returns `{ verified, issues, proofs }` with stable codes (see
 * docs/proofs.md). Throws `TypeError` only for misuse.
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

  // What the document says it is never decides whose key signs: claiming the other role (or
  // both) is refused before any work.
  const claimed = roleIssue(credential, role);
  if (claimed) {
    issues.push(claimed);
    const refused = list.map((p) => ({ ...describeProof(p), code: claimed.code }));
    return { verified: false, issues, proofs: refused };
  }

  const { proof: _p, ...unsecured } = credential;
  const hashOptions = { documentLoader: opts.documentLoader, signal: opts.signal };
  // The document is canonicalized once; what its signed graph declares is checked then, once.
  let documentCheck: Promise<Uint8Array> | undefined;
  const documentHash = () => {
    documentCheck ??= hashDocument(unsecured, hashOptions).then(
      (r) => {
        const issue = graphRoleIssue(r.canonical, role);
        if (issue) throw new Fail(issue.code, issue.message, issue.path);
        return r.hash;
      },
      (e: unknown) => {
        throw jsonLdIssue(e, 'The document cannot be canonicalized', '$');
      },
    );
    return documentCheck;
  };
  // Document-level failures are thrown as one shared instance, and reported once.
  const reported = new Set<Fail>();

  for (let i = 0; i < list.length; i++) {
    const path = Array.isArray(proofValue) ? joinPath('$.proof', i) : '$.proof';
    const proof = list[i];
    const result = describeProof(proof);
    try {
      await verifyOne(proof, path, unsecured, opts, role, documentHash);
      result.verified = true;
    } catch (e) {
      if (!(e instanceof Fail)) {
        if (e instanceof Ob3Error && e.code === 'ERR_ABORTED') throw e;
        // Unexpected: still a report entry, never a crash.
        const fail = new Fail(
          'jsonld_error',
          `Unexpected error: ${e instanceof Error ? e.message : String(e)}`,
          path,
        );
        issues.push({ code: fail.code, message: fail.message, path: fail.path });
        result.code = fail.code;
      } else {
        if (!reported.has(e)) {
          reported.add(e);
          issues.push({ code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) });
        }
        result.code = e.code;
      }
    }
    proofs.push(result);
  }
  return { verified: issues.length === 0 && proofs.every((p) => p.verified), issues, proofs };
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

async function verifyOne(
  proof: unknown,
  path: string,
  document: Record<string, unknown>,
  opts: VerifyCredentialProofOptions,
  role: ProofRole,
  documentHash: () => Promise<Uint8Array>,
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
  const signature = decodeProofValue(proof.proofValue, joinPath(path, 'proofValue'));
  for (const field of ['created', 'expires'] as const) {
    if (proof[field] !== undefined && !isDateTimeStamp(proof[field])) {
      throw new Fail(
        'proof_malformed',
        `proof.${field} must be an XSD dateTime with time zone, found ${JSON.stringify(proof[field])}`,
        joinPath(path, field),
      );
    }
  }
  const now = opts.now ?? new Date();
  if (typeof proof.expires === 'string' && Date.parse(proof.expires) <= now.getTime()) {
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

  // Canonicalization (document once, with its role check; proof options per proof).
  const docHash = await documentHash();
  let configHash: Uint8Array;
  try {
    configHash = (
      await hashProofConfig(proofConfigOf(proof, document, suite), {
        documentLoader: opts.documentLoader,
        signal: opts.signal,
      })
    ).hash;
  } catch (e) {
    throw jsonLdIssue(e, 'The proof options cannot be canonicalized', path);
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
    throw new Fail(
      'verification_method_unresolved',
      `Verification method ${vmId} could not be resolved: ${e instanceof Error ? e.message : String(e)}`,
      joinPath(path, 'verificationMethod'),
    );
  }
  if (key.type !== suite.keyType) {
    throw new Fail(
      'key_type_mismatch',
      `${suite.name} needs an ${suite.keyType} key; ${vmId} is a ${key.type} key`,
      joinPath(path, 'verificationMethod'),
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

  // Signature.
  const ok = await key.verify(concatBytes(configHash, docHash), signature);
  if (!ok) {
    throw new Fail(
      'proof_signature_invalid',
      'The signature does not match the document and proof options (the document or proof was changed, or signed with another key)',
      joinPath(path, 'proofValue'),
    );
  }
}

function decodeProofValue(value: unknown, path: string): Uint8Array {
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
  const bytes = decodeBase58btc(value.slice(1));
  if (!bytes) throw new Fail('proof_value_malformed', 'proofValue is not valid base58btc', path);
  if (bytes.length !== 64) {
    throw new Fail(
      'proof_value_malformed',
      `proofValue must hold a 64-byte signature, found ${bytes.length} bytes`,
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
