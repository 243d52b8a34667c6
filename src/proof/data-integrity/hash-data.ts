/** The Data Integrity transformation and hashing steps shared by signing and verification. */

import { JsonLdError, Ob3Error, ProofError } from '../../errors.js';
import { concatBytes, toHex } from '../../internal/bytes.js';
import { parseDateTime } from '../../internal/datetime.js';
import { digest } from '../../internal/hash.js';
import { isObject } from '../../internal/json.js';
import { onDemand } from '../../internal/lazy.js';
import { hasLoneSurrogate } from '../../internal/text.js';
import { abortedError } from '../../jsonld/aborted.js';
import { canonize } from '../../jsonld/canonize.js';
import type { DocumentLoader } from '../../jsonld/loader.js';
import type { WorkBudget } from '../../jsonld/work.js';
import type { KeyType } from '../../keys/types.js';
import {
  DATA_INTEGRITY_V1_CONTEXT,
  DATA_INTEGRITY_V2_CONTEXT,
  type SuiteInfo,
  suiteOfProof,
  VC_V2_CONTEXT,
} from './suites.js';

/** JSON Canonicalization Scheme (RFC 8785), loaded for the JCS cryptosuites. */
const jcsCode = /* @__PURE__ */ onDemand(() => import('../../jsonld/jcs.js'));

/** Options of {@link createProofHashData}. */
export interface ProofHashDataOptions {
  /** JSON-LD document loader. Default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
  /** Abort signal for canonicalization. */
  signal?: AbortSignal;
  /**
   * The type of the key that signs (or signed): it decides the hash of the ECDSA suites, SHA-384
   * for `'P-384'` and SHA-256 otherwise. Default: SHA-256.
   */
  keyType?: KeyType;
  /**
   * A canonicalization budget shared by a verification run.
   *
   * @internal
   */
  runBudget?: WorkBudget;
}

/** Every intermediate value of the Data Integrity hashing, for inspection and tests. */
export interface ProofHashData {
  /**
   * The canonical document without its proof (with the previous proofs a chained proof names):
   * RDFC-1.0 N-Quads, or JCS text for the JCS suites.
   */
  canonicalDocument: string;
  /**
   * The canonical proof configuration (the proof without `proofValue`; for the RDFC suites with
   * the document's `@context`): RDFC-1.0 N-Quads, or JCS text.
   */
  canonicalProofConfig: string;
  /** Hash (SHA-256, or SHA-384 for P-384 keys) of `canonicalDocument`, hex. */
  documentHash: string;
  /** Hash of `canonicalProofConfig`, hex. */
  proofConfigHash: string;
  /** The bytes that are signed: proof configuration hash then document hash (64 or 96 bytes). */
  hashData: Uint8Array;
}

/**
 * The hash a suite uses with a key type, SHA-384 for P-384 (vc-di-ecdsa) and SHA-256 otherwise,
 * of the UTF-8 text.
 */
export function digestFor(keyType: KeyType | undefined): (text: string) => Promise<Uint8Array> {
  const algorithm = keyType === 'P-384' ? 'SHA-384' : 'SHA-256';
  return (text) => digest(algorithm, text);
}

/** True when `@context` includes `url` (as a string or an array entry). */
export function includesContext(context: unknown, url: string): boolean {
  return context === url || (Array.isArray(context) && context.includes(url));
}

/** `@context` with `url` appended. */
export function appendContext(context: unknown, url: string): unknown[] {
  if (context === undefined) return [url];
  return Array.isArray(context) ? [...context, url] : [context, url];
}

/**
 * True when `@context` brings a definition of `DataIntegrityProof`: the VC 2.0 context, or the
 * Data Integrity v2 or v1 context. The v1 context is what VC 1.1 credentials of the `eddsa-2022`
 * era carry; appending v2 after it would redefine its protected terms, so a document that has it
 * keeps its own `@context` (the rule of the reference implementation's legacy-context mode).
 */
export function definesDataIntegrityProof(context: unknown): boolean {
  return (
    includesContext(context, VC_V2_CONTEXT) ||
    includesContext(context, DATA_INTEGRITY_V2_CONTEXT) ||
    includesContext(context, DATA_INTEGRITY_V1_CONTEXT)
  );
}

/**
 * The proof configuration: the proof without `proofValue`. For the RDFC suites it takes the
 * document's `@context` (with Data Integrity v2 appended when nothing in it defines
 * `DataIntegrityProof`); for the JCS suites it is the proof as written, its own `@context` included.
 */
export function proofConfigOf(
  proof: Record<string, unknown>,
  document: Record<string, unknown>,
  suite: SuiteInfo,
) {
  const { proofValue: _ignored, ...rest } = proof;
  if (suite.canonicalization === 'jcs') return rest;
  const config: Record<string, unknown> = { '@context': document['@context'], ...rest };
  if (suite.proofType === 'DataIntegrityProof' && !definesDataIntegrityProof(config['@context'])) {
    config['@context'] = appendContext(config['@context'], DATA_INTEGRITY_V2_CONTEXT);
  }
  return config;
}

/**
 * The document a JCS proof signed (vc-di-eddsa / vc-di-ecdsa "Verify Proof" for the JCS suites):
 * when the proof has an `@context`, the document's `@context` must start with exactly its entries,
 * in order, and the document is hashed with the proof's `@context` in place of its own. Throws
 * `ProofError` `ERR_PROOF_CONTEXT_MISMATCH` otherwise.
 */
export async function jcsSignedView(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (!Object.hasOwn(proof, '@context')) return document;
  const signed = proof['@context'];
  const ours = document['@context'];
  const { canonicalizeJcs } = await jcsCode();
  if (!contextStartsWith(ours, signed, canonicalizeJcs)) {
    throw new ProofError(
      'ERR_PROOF_CONTEXT_MISMATCH',
      "The document's @context does not start with the proof's @context (the JCS suites sign the proof's)",
    );
  }
  return { ...document, '@context': signed };
}

/**
 * True when the JCS proof's `@context` is the whole of the document's, so every `@context` entry
 * is signed (`false` when the document has entries after the proof's).
 */
export function jcsCoversContext(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
): boolean {
  if (!Object.hasOwn(proof, '@context')) return true;
  const a = contextList(document['@context']);
  const b = contextList(proof['@context']);
  return a !== undefined && b !== undefined && a.length === b.length;
}

/** `@context` as a list of entries; `undefined` for a value that is no context. */
function contextList(context: unknown): unknown[] | undefined {
  if (context === undefined || context === null) return undefined;
  return Array.isArray(context) ? context : [context];
}

/** True when `context` starts with every entry of `prefix`, in order (each compared as JCS text). */
function contextStartsWith(
  context: unknown,
  prefix: unknown,
  canonicalizeJcs: (value: unknown) => string,
): boolean {
  const a = contextList(context);
  const b = contextList(prefix);
  if (a === undefined || b === undefined || b.length === 0 || b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] !== 'object' || typeof b[i] !== 'object') return false;
    try {
      if (canonicalizeJcs(a[i]) !== canonicalizeJcs(b[i])) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * A canonicalization error whose place (`details.path`, in the document canonicalized) is mapped
 * by `map` into the caller's document; `undefined` drops it (the place is in data the caller did
 * not give as such). Other errors are returned unchanged.
 */
export function relocateError(e: unknown, map: (path: string) => string | undefined): unknown {
  if (!(e instanceof Ob3Error)) return e;
  const path = e.details?.path;
  if (typeof path !== 'string') return e;
  const to = map(path);
  if (to === path) return e;
  const { path: _path, ...details } = e.details as Record<string, unknown>;
  const message =
    to === undefined
      ? e.message.split(` at ${path}`).join(' in the proof options')
      : e.message.split(path).join(to);
  return new JsonLdError(
    e.code,
    message,
    to === undefined ? details : { ...details, path: to },
    e.cause,
  );
}

/**
 * The canonical form of a document (or proof configuration) for a suite: RDFC-1.0 N-Quads in
 * JSON-LD safe mode, or JCS text. Unpaired surrogates are refused either way.
 */
export async function canonicalFormOf(
  suite: SuiteInfo,
  document: object,
  options: ProofHashDataOptions,
): Promise<string> {
  if (suite.canonicalization === 'jcs') {
    const { canonicalizeJcs } = await jcsCode();
    if (options.signal?.aborted) throw abortedError(options.signal);
    return canonicalizeJcs(document);
  }
  const canonical = await canonize(document, {
    documentLoader: options.documentLoader,
    safe: true,
    signal: options.signal,
    ...(options.runBudget ? { runBudget: options.runBudget } : {}),
  });
  if (hasLoneSurrogate(canonical)) {
    // Hashing would encode it as U+FFFD: "\ud800", "\udc00" and "\ufffd" would all verify.
    throw new JsonLdError(
      'ERR_JSONLD_INVALID_STRING',
      'The document holds a string with an unpaired UTF-16 surrogate (for example "\\ud800"): ' +
        'it is not Unicode text and cannot be signed or verified; remove or replace it',
    );
  }
  return canonical;
}

/**
 * Compute the Data Integrity hashing steps for a document and a proof (or proof options), as a
 * verifier does: the document without `proof` (plus the previous proofs a `previousProof` names,
 * for a chained proof) and the proof without `proofValue` are canonicalized (RDFC-1.0 in JSON-LD
 * safe mode, the proof in the document's `@context`; or JCS for `eddsa-jcs-2022` /
 * `ecdsa-jcs-2019`, the document in the proof's `@context` when it has one), both are hashed
 * (SHA-256; SHA-384 with `keyType: 'P-384'`), and the proof hash is followed by the document hash.
 * This is exactly what the suites sign.
 *
 * Throws `JsonLdError` (`ERR_JSONLD_UNDEFINED_TERM`, `ERR_CONTEXT_UNKNOWN`, ...) from canonicalization,
 * `ProofError` `ERR_PROOF_CONTEXT_MISMATCH` (JCS `@context` rule) or `ERR_PREVIOUS_PROOF_MISSING`,
 * and `TypeError` when the proof names no known suite.
 *
 * @example
 * ```ts
 * import { createProofHashData } from 'ob3kit/proof';
 * const { canonicalDocument, proofConfigHash, documentHash } = await createProofHashData(credential, {
 *   type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2010-01-01T19:23:24Z',
 *   verificationMethod: 'https://example.edu/issuers/565049#z6Mk...', proofPurpose: 'assertionMethod',
 * });
 * ```
 */
export async function createProofHashData(
  document: object,
  proof: object,
  options: ProofHashDataOptions = {},
): Promise<ProofHashData> {
  if (!isObject(document))
    throw new TypeError('createProofHashData(document, proof): document must be an object');
  if (!isObject(proof))
    throw new TypeError('createProofHashData(document, proof): proof must be an object');
  const suite = suiteOfProof(proof);
  if (!suite) {
    throw new TypeError(
      `createProofHashData(document, proof): unknown proof type ${String(proof.type)} / cryptosuite ${String(proof.cryptosuite)}`,
    );
  }
  const { proof: existing, ...unsecured } = document;
  let input: Record<string, unknown> = unsecured;
  if (proof.previousProof !== undefined) {
    input = { ...unsecured, proof: previousProofsOf(existing, proof.previousProof) };
  }
  if (suite.canonicalization === 'jcs') input = await jcsSignedView(input, proof);
  const [doc, config] = await Promise.all([
    canonicalFormOf(suite, input, options),
    canonicalFormOf(suite, proofConfigOf(proof, unsecured, suite), options),
  ]);
  const hash = digestFor(options.keyType);
  const [docHash, configHash] = await Promise.all([hash(doc), hash(config)]);
  return {
    canonicalDocument: doc,
    canonicalProofConfig: config,
    documentHash: toHex(docHash),
    proofConfigHash: toHex(configHash),
    hashData: concatBytes(configHash, docHash),
  };
}

/**
 * The proofs a `previousProof` value names, in its order, taken from `existing` (a document's
 * `proof`). Throws `ProofError` `ERR_PREVIOUS_PROOF_MISSING` when one is not there (or not only
 * once), `TypeError` when the value is not a string or an array of strings.
 */
export function previousProofsOf(existing: unknown, previousProof: unknown): unknown[] {
  const ids = typeof previousProof === 'string' ? [previousProof] : previousProof;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
    throw new TypeError('previousProof must be a proof id or a non-empty array of proof ids');
  }
  const all = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return ids.map((id) => {
    const found = all.filter((p) => isObject(p) && p.id === id);
    if (found.length !== 1) {
      throw new ProofError(
        'ERR_PREVIOUS_PROOF_MISSING',
        found.length === 0
          ? `previousProof names ${JSON.stringify(id)}, and no proof of the document has that id`
          : `previousProof names ${JSON.stringify(id)}, and ${found.length} proofs of the document have that id`,
        { id },
      );
    }
    return found[0];
  });
}

/** True for an XSD dateTimeStamp (a dateTime with a time zone) naming a real instant. */
export function isDateTimeStamp(value: unknown): value is string {
  return typeof value === 'string' && parseDateTime(value, { requireZone: true }) !== undefined;
}
