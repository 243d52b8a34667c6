/** Verification of Data Integrity proofs: never throws for a bad credential, returns a report. */
import { KeyError, Ob3Error } from '../../errors.js';
import { concatBytes } from '../../internal/bytes.js';
import { asArray, isObject, joinPath } from '../../internal/json.js';
import { checkCompactForm } from '../../jsonld/compact-form.js';
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
  /** The relationship the key must be listed under, and the proof's `proofPurpose`. Default `'assertionMethod'`. */
  expectedProofPurpose?: VerificationRelationship;
  /**
   * Check that the key belongs to the issuer (credentials) or holder (presentations): the
   * verification method's controller, or the DID of a DID URL, must be that id. Default `true`.
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
  | 'key_invalid'
  | 'key_type_mismatch'
  | 'verification_method_unresolved'
  | 'verification_method_offline'
  | 'verification_method_revoked'
  | 'controller_document_invalid'
  | 'jsonld_undefined_term'
  | 'jsonld_protected_term'
  | 'jsonld_context_unknown'
  | 'jsonld_not_compact'
  | 'jsonld_context_unsupported'
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

/** A problem of the document itself (not of one proof): reported once. */
class DocumentFail extends Fail {}

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
 * is of the suite's key type, and belongs to the issuer (or holder); the signature verifies
 * (Ed25519 strictly, without ZIP-215 leniency).
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
  const issues: ProofIssue[] = [];
  const proofs: ProofResult[] = [];

  const proofValue = credential.proof;
  const list = asArray(proofValue);
  if (proofValue === undefined || list.length === 0) {
    issues.push({ code: 'proof_missing', message: 'The document has no "proof"', path: '$.proof' });
    return { verified: false, issues, proofs };
  }

  const { proof: _p, ...unsecured } = credential;
  const hashOptions = { documentLoader: opts.documentLoader, signal: opts.signal };
  let docHash: Promise<Uint8Array> | undefined;
  const documentHash = () => {
    docHash ??= hashDocument(unsecured, hashOptions).then((r) => r.hash);
    return docHash;
  };
  let documentFailure: Fail | undefined;
  // The members read below (issuer / holder, proof options) must be what the proof signs: the
  // document and each proof's options must be in the one compact form their contexts give.
  let form: Promise<Fail | undefined> | undefined;
  const compactForm = () => {
    form ??= checkCompactForm(unsecured, { documentLoader: opts.documentLoader }).then((i) =>
      i === undefined ? undefined : new DocumentFail(i.code, i.message, i.path),
    );
    return form;
  };

  for (let i = 0; i < list.length; i++) {
    const path = Array.isArray(proofValue) ? joinPath('$.proof', i) : '$.proof';
    const proof = list[i];
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
    try {
      await verifyOne(proof, path, unsecured, opts, documentHash, compactForm);
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
      } else if ((e.path === '$' || e instanceof DocumentFail) && documentFailure) {
        result.code = e.code; // the same document problem, reported once
      } else {
        if (e.path === '$' || e instanceof DocumentFail) documentFailure = e;
        issues.push({ code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) });
        result.code = e.code;
      }
    }
    proofs.push(result);
  }
  return { verified: issues.length === 0 && proofs.every((p) => p.verified), issues, proofs };
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
}

async function verifyOne(
  proof: unknown,
  path: string,
  document: Record<string, unknown>,
  opts: VerifyCredentialProofOptions,
  documentHash: () => Promise<Uint8Array>,
  compactForm: () => Promise<Fail | undefined>,
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
  const expectedPurpose = opts.expectedProofPurpose ?? 'assertionMethod';
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

  // Canonicalization (document once, proof options per proof).
  let docHash: Uint8Array;
  try {
    docHash = await documentHash();
  } catch (e) {
    throw jsonLdIssue(e, 'The document cannot be canonicalized', '$');
  }
  const config = proofConfigOf(proof, document, suite);
  let configHash: Uint8Array;
  try {
    configHash = (
      await hashProofConfig(config, { documentLoader: opts.documentLoader, signal: opts.signal })
    ).hash;
  } catch (e) {
    throw jsonLdIssue(e, 'The proof options cannot be canonicalized', path);
  }
  const notCompact = await compactForm();
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
    const expected = opts.expectedController ?? controllerOf(document);
    if (expected === null) {
      throw new Fail(
        'issuer_key_mismatch',
        `The document does not name its ${asArray(document.type as unknown).includes('VerifiablePresentation') ? 'holder' : 'issuer'} as exactly one id, so the key ${vmId} cannot be bound to it`,
        joinPath(path, 'verificationMethod'),
      );
    }
    if (expected !== undefined && !checkKeyController({ id: vmId, controller }, expected)) {
      throw new Fail(
        'issuer_key_mismatch',
        `The key ${vmId} (controller ${controller}) does not belong to ${expected}`,
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
 * The id the key must belong to: the issuer of a credential, the holder of a presentation.
 * `undefined`: nothing to bind (a presentation without holder, a document that is not a
 * credential and names no issuer). `null`: the document names a party, but not as exactly one
 * id (an array, an object without one string `id` / `@id`), or is a credential without issuer:
 * fail closed. `@id` is read as well as `id`: both are the node's id in JSON-LD.
 */
function controllerOf(document: Record<string, unknown>): string | undefined | null {
  const types = asArray(document.type as unknown);
  const presentation = types.includes('VerifiablePresentation');
  const party = presentation ? document.holder : document.issuer;
  if (party === undefined) {
    return !presentation && types.includes('VerifiableCredential') ? null : undefined;
  }
  if (typeof party === 'string') return party;
  if (isObject(party)) {
    const id = party.id;
    const atId = party['@id'];
    if (typeof id === 'string' && atId === undefined) return id;
    if (typeof atId === 'string' && id === undefined) return atId;
  }
  return null;
}
