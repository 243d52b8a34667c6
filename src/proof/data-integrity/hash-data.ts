/** The Data Integrity transformation and hashing steps shared by signing and verification. */

import { JsonLdError } from '../../errors.js';
import { concatBytes, toHex } from '../../internal/bytes.js';
import { sha256 } from '../../internal/hash.js';
import { isObject } from '../../internal/json.js';
import { canonize, type DocumentLoader } from '../../jsonld/index.js';
import {
  DATA_INTEGRITY_V2_CONTEXT,
  type SuiteInfo,
  suiteOfProof,
  VC_V2_CONTEXT,
} from './suites.js';

/** Options of {@link createProofHashData}. */
export interface ProofHashDataOptions {
  /** JSON-LD document loader. Default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
  /** Abort signal for canonicalization. */
  signal?: AbortSignal;
}

/** Every intermediate value of the Data Integrity hashing, for inspection and tests. */
export interface ProofHashData {
  /** RDFC-1.0 N-Quads of the document without its proof. */
  canonicalDocument: string;
  /** RDFC-1.0 N-Quads of the proof configuration (the proof without `proofValue`, with the document's `@context`). */
  canonicalProofConfig: string;
  /** SHA-256 of `canonicalDocument`, hex. */
  documentHash: string;
  /** SHA-256 of `canonicalProofConfig`, hex. */
  proofConfigHash: string;
  /** The bytes that are signed: proof configuration hash then document hash (64 bytes). */
  hashData: Uint8Array;
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

/** The proof configuration: the proof without `proofValue`, in the document's `@context`. */
export function proofConfigOf(
  proof: Record<string, unknown>,
  document: Record<string, unknown>,
  suite: SuiteInfo,
) {
  const { proofValue: _ignored, ...rest } = proof;
  const config: Record<string, unknown> = { '@context': document['@context'], ...rest };
  if (
    suite.proofType === 'DataIntegrityProof' &&
    !includesContext(config['@context'], VC_V2_CONTEXT) &&
    !includesContext(config['@context'], DATA_INTEGRITY_V2_CONTEXT)
  ) {
    config['@context'] = appendContext(config['@context'], DATA_INTEGRITY_V2_CONTEXT);
  }
  return config;
}

/**
 * True when `text` holds an unpaired UTF-16 surrogate: such text is not Unicode, has no UTF-8
 * form, and UTF-8 encoding replaces it with U+FFFD, so different strings would hash the same.
 */
function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return true;
  }
  return false;
}

/** Canonize and hash a document (without proof); cached per call site by the caller. */
export async function hashDocument(
  document: object,
  options: ProofHashDataOptions,
): Promise<{ canonical: string; hash: Uint8Array }> {
  const canonical = await canonize(document, {
    documentLoader: options.documentLoader,
    safe: true,
    signal: options.signal,
  });
  if (hasLoneSurrogate(canonical)) {
    // Hashing would encode it as U+FFFD: "\ud800", "\udc00" and "\ufffd" would all verify.
    throw new JsonLdError(
      'ERR_JSONLD_INVALID_STRING',
      'The document holds a string with an unpaired UTF-16 surrogate (for example "\\ud800"): ' +
        'it is not Unicode text and cannot be signed or verified; remove or replace it',
    );
  }
  return { canonical, hash: sha256(canonical) };
}

/** Canonize and hash a proof configuration. */
export async function hashProofConfig(
  config: object,
  options: ProofHashDataOptions,
): Promise<{ canonical: string; hash: Uint8Array }> {
  return hashDocument(config, options);
}

/**
 * Compute the Data Integrity hashing steps for a document and a proof (or proof options):
 * canonicalize the document without `proof` and the proof without `proofValue` (in the
 * document's `@context`) with RDFC-1.0, hash both with SHA-256, and concatenate proof hash then
 * document hash. This is exactly what `eddsa-rdfc-2022`, `ecdsa-rdfc-2019` (P-256) and
 * `Ed25519Signature2020` sign.
 *
 * Throws `JsonLdError` (`ERR_JSONLD_UNDEFINED_TERM`, `ERR_CONTEXT_UNKNOWN`, ...) from canonicalization,
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
  const { proof: _p, ...unsecured } = document;
  const [doc, config] = await Promise.all([
    hashDocument(unsecured, options),
    hashProofConfig(proofConfigOf(proof, unsecured, suite), options),
  ]);
  return {
    canonicalDocument: doc.canonical,
    canonicalProofConfig: config.canonical,
    documentHash: toHex(doc.hash),
    proofConfigHash: toHex(config.hash),
    hashData: concatBytes(config.hash, doc.hash),
  };
}
