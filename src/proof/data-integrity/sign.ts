/** Adding a Data Integrity proof to a credential (or any JSON-LD document). */

import { ProofError } from '../../errors.js';
import { concatBytes } from '../../internal/bytes.js';
import { describeValue } from '../../internal/describe.js';
import { asArray, cloneJson, isObject } from '../../internal/json.js';
import { abortedError, untilAborted } from '../../jsonld/aborted.js';
import type { DocumentLoader } from '../../jsonld/index.js';
import { encodeBase58btc } from '../../keys/base58.js';
import { type Signer, toSigningKey } from '../../keys/signer.js';
import type { KeyPair, VerificationRelationship } from '../../keys/types.js';
import { invalidError } from '../../model/vc-data-model.js';
import { assertRole } from '../jwt/envelope.js';
import {
  checkSigningChecks,
  compactFormIssues,
  preflight,
  type SigningChecks,
  type SigningRole,
} from '../preflight.js';
import {
  appendContext,
  canonicalFormOf,
  definesDataIntegrityProof,
  digestFor,
  includesContext,
  isDateTimeStamp,
  previousProofsOf,
  proofConfigOf,
  relocateError,
} from './hash-data.js';
import {
  DATA_INTEGRITY_V2_CONTEXT,
  ECDSA_RDFC_2019,
  ED25519_2020_CONTEXT,
  EDDSA_RDFC_2022,
  SIGNING_SUITES,
  type SuiteName,
  suiteByName,
  VC_V2_CONTEXT,
} from './suites.js';

/** Options of {@link signCredential}. */
export interface SignCredentialOptions extends SigningChecks {
  /**
   * The signing key: a `KeyPair` (from `generateKeyPair`, `importKeyPair`,
   * `createDidKey(...).keyPair`, ...) or a `Signer` (a key ob3kit does not hold: a KMS, an HSM,
   * a non-extractable WebCrypto key, another process).
   */
  key: KeyPair | Signer;
  /**
   * `'eddsa-rdfc-2022'` (the default for Ed25519 keys), `'ecdsa-rdfc-2019'` (P-256 or P-384; the
   * default for those keys),
   * `'eddsa-jcs-2022'` (Ed25519), `'ecdsa-jcs-2019'` (P-256 or P-384) or `'Ed25519Signature2020'`
   * (Ed25519; adds its suite context to the document).
   */
  suite?: SuiteName;
  /**
   * An `id` for the new proof (a URL, for example `urn:uuid:...`), so that a later proof can name
   * it in `previousProof`. Must differ from the ids of the document's other proofs.
   */
  id?: string;
  /**
   * Make the new proof part of a proof chain: the id (or ids) of the document's existing proofs
   * it follows. The new proof then signs the document together with those proofs, so they cannot
   * be removed or changed without breaking it (W3C VC Data Integrity 1.0, proof chains).
   */
  previousProof?: string | string[];
  /** Proof creation time (`Date` or XSD dateTime string). Default: now, to the second, UTC. Inject it for reproducible signatures. */
  created?: Date | string;
  /** Verification method id written in the proof. Default: `key.id`. */
  verificationMethod?: string;
  /** Proof purpose. Default `'assertionMethod'` (credentials); `'authentication'` for presentations. */
  proofPurpose?: VerificationRelationship;
  /** Challenge (presentations). */
  challenge?: string;
  /** Domain (presentations). */
  domain?: string | string[];
  /** Proof expiry (`Date` or XSD dateTime string). */
  expires?: Date | string;
  /** JSON-LD document loader. Default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
  /** Abort signal. */
  signal?: AbortSignal;
  /**
   * How a first proof is written: `'array'` (`proof: [ ... ]`) or `'object'` (`proof: { ... }`).
   * Both mean the same (the canonical form is identical). Default: `'array'` for VC 2.0 Open
   * Badges credentials (`OpenBadgeCredential`, `AchievementCredential`, `EndorsementCredential`)
   * and CLR 2.0 records (`ClrCredential`), because 1EdTech's 2024 JSON Schema accepts only the
   * array form (and its CLR examples write one); `'object'` otherwise, as the
   * reference implementation writes it. A document that already has proofs always gets an array.
   */
  proofForm?: 'array' | 'object';
}

const OB_CREDENTIAL_TYPES = new Set([
  'OpenBadgeCredential',
  'AchievementCredential',
  'EndorsementCredential',
  'ClrCredential',
]);

/** The default `proofForm` for a document: an array for VC 2.0 Open Badges credentials. */
function defaultProofForm(document: Record<string, unknown>): 'array' | 'object' {
  const types = asArray(document.type);
  const isOb = types.some((t) => typeof t === 'string' && OB_CREDENTIAL_TYPES.has(t));
  return isOb && includesContext(document['@context'], VC_V2_CONTEXT) ? 'array' : 'object';
}

function formatDate(value: Date | string, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new TypeError(`signCredential: options.${name} is an invalid Date`);
    return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (!isDateTimeStamp(value)) {
    throw new TypeError(
      `signCredential: options.${name} must be a Date or an XSD dateTime with time zone (2024-01-01T00:00:00Z), found ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Sign a credential with a Data Integrity proof and return a new signed object; the input is
 * not changed. (Presentations are signed with `signPresentation`.)
 *
 * First it refuses what would be a bad credential (unless `validate: false`): the W3C VC Data
 * Model rules (`validateVerifiableCredential`), and for Open Badges credentials the Open Badges
 * 3.0 schema and data-model rules, all reported at once in a `ValidationError`
 * (`ERR_CREDENTIAL_INVALID`, `issues` with paths); and a key that does not belong to the issuer
 * (unless `checkIssuer: false`). The key is a `KeyPair` or a `Signer` (a KMS, an HSM, a
 * non-extractable WebCrypto key, another process).
 *
 * A document that already has proofs gets
 * one more: a proof set (each proof signs the document without the others), or with
 * `previousProof` a proof chain (the new proof also signs the proofs it names).
 *
 * Steps (W3C VC Data Integrity, vc-di-eddsa, vc-di-ecdsa): canonicalize the document without
 * `proof` and the proof options in the document's `@context` with RDFC-1.0 in JSON-LD safe mode
 * (for the JCS suites: both as RFC 8785 JSON, the proof carrying the document's `@context`),
 * hash each with SHA-256 (SHA-384 for P-384 keys), sign proof hash then document hash, encode as
 * `z` base58btc `proofValue`.
 * A VC 1.1 document gets the Data Integrity v2 context appended for `DataIntegrityProof`, and any
 * document gets the Ed25519 2020 context for `Ed25519Signature2020`, as the reference
 * implementation does.
 *
 * Throws: `TypeError` for misuse; `ValidationError` `ERR_CREDENTIAL_INVALID` (every issue);
 * `ProofError` `ERR_ISSUER_KEY_MISMATCH` (the key is not the issuer's), `ERR_SUITE_UNSUPPORTED`,
 * `ERR_PROOF_KEY_MISMATCH`
 * (key type does not fit the suite), `ERR_VERIFICATION_METHOD_MISSING`, `ERR_PROOF_CONTEXT_MISSING`
 * (the context would have to change under existing proofs), `ERR_PREVIOUS_PROOF_MISSING` (a
 * `previousProof` id that no existing proof has, or that several have), `ERR_PROOF_ID_DUPLICATE`;
 * `KeyError` `ERR_KEY_SECRET_MISSING`, `ERR_SIGNER_OUTPUT` (a Signer's answer is not a signature
 * of the right size, or does not verify with its `publicKeyJwk`);
 * `JsonLdError` `ERR_JSONLD_UNDEFINED_TERM` (a term no context defines; `details.term`, and
 * `details.path` where it is), `ERR_CONTEXT_UNKNOWN`, `ERR_JSONLD_PROTECTED_TERM` (`details.path`:
 * the `@context` entry at fault, when found).
 *
 * @example
 * ```ts
 * import { createDidKey, generateKeyPair } from 'ob3kit/keys';
 * import { signCredential } from 'ob3kit/proof';
 * const { did, keyPair } = createDidKey(await generateKeyPair());
 * const signed = await signCredential({ ...credential, issuer: { ...credential.issuer, id: did } }, {
 *   key: keyPair,
 *   created: '2024-01-01T00:00:00Z',
 * });
 * signed.proof; // { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z...' , ... }
 * ```
 */
export async function signCredential<T extends object>(
  credential: T,
  options: SignCredentialOptions,
): Promise<T & { proof: unknown }> {
  return signDocument(credential, options, 'credential', 'signCredential');
}

/**
 * Sign a presentation with a Data Integrity proof (its holder signs): `signPresentation` of
 * `ob3kit/present` is the public way, with the challenge and domain checks.
 *
 * @internal
 * @example
 * ```ts
 * await signPresentationDocument(vp, { key, proofPurpose: 'authentication', challenge: 'n' });
 * ```
 */
export async function signPresentationDocument<T extends object>(
  presentation: T,
  options: SignCredentialOptions,
): Promise<T & { proof: unknown }> {
  return signDocument(presentation, options, 'presentation', 'signPresentation');
}

/**
 * Sign a document in a role (the credential's issuer or the presentation's holder signs).
 *
 * @internal
 */
export async function signDocument<T extends object>(
  credential: T,
  options: SignCredentialOptions,
  role: SigningRole,
  fn: string,
): Promise<T & { proof: unknown }> {
  if (!isObject(credential))
    throw new TypeError(`${fn}(credential, options): credential must be a JSON object`);
  if (!isObject(options))
    throw new TypeError(`${fn}(credential, options): options must be an object`);
  const key = toSigningKey(options.key, fn);
  checkSigningChecks(options, fn);
  const suiteName =
    options.suite ??
    (key.keyType === 'P-256' || key.keyType === 'P-384' ? ECDSA_RDFC_2019 : EDDSA_RDFC_2022);
  const suite = suiteByName(suiteName);
  if (!suite?.canSign) {
    throw new ProofError(
      'ERR_SUITE_UNSUPPORTED',
      `signCredential: suite ${JSON.stringify(suiteName)} cannot sign; use one of ${SIGNING_SUITES.map((n) => `'${n}'`).join(', ')}`,
      { suite: suiteName },
    );
  }
  if (!suite.keyTypes.includes(key.keyType)) {
    throw new ProofError(
      'ERR_PROOF_KEY_MISMATCH',
      `${fn}: suite ${suite.name} needs a ${suite.keyTypes.join(' or ')} key, the key is ${key.keyType}`,
      { suite: suite.name, keyType: key.keyType },
    );
  }
  const verificationMethod = options.verificationMethod ?? key.id;
  if (typeof verificationMethod !== 'string' || verificationMethod.length === 0) {
    throw new ProofError(
      'ERR_VERIFICATION_METHOD_MISSING',
      `${fn}: no verification method id; pass options.verificationMethod or use a key with an id (createDidKey, bindKeyPair)`,
    );
  }
  const proofPurpose = options.proofPurpose ?? 'assertionMethod';
  if (typeof proofPurpose !== 'string')
    throw new TypeError('signCredential: options.proofPurpose must be a string');
  const created = formatDate(options.created ?? new Date(), 'created');
  if (
    options.proofForm !== undefined &&
    options.proofForm !== 'array' &&
    options.proofForm !== 'object'
  ) {
    throw new TypeError(
      `signCredential: options.proofForm must be 'array' or 'object', found ${describeValue(options.proofForm)}`,
    );
  }

  if (options.id !== undefined && (typeof options.id !== 'string' || options.id.length === 0)) {
    throw new TypeError('signCredential: options.id must be a non-empty string');
  }

  const document = cloneJson(credential) as Record<string, unknown>;
  await preflight(
    document,
    role,
    { id: verificationMethod, controller: key.controller },
    options,
    false,
  );
  // A document that claims the other role, or both, is refused as verifiers would refuse it.
  if (options.validate !== false) assertRole(document, role);
  const existingValue = document.proof;
  const existing = asArray(existingValue);
  delete document.proof;
  if (options.id !== undefined && existing.some((p) => isObject(p) && p.id === options.id)) {
    throw new ProofError(
      'ERR_PROOF_ID_DUPLICATE',
      `signCredential: the document already has a proof with id ${JSON.stringify(options.id)}`,
      { id: options.id },
    );
  }
  // The proofs a chained proof signs with the document (throws ERR_PREVIOUS_PROOF_MISSING).
  const previous =
    options.previousProof === undefined
      ? undefined
      : previousProofsOf(existingValue, options.previousProof);
  const proofForm = options.proofForm ?? defaultProofForm(document);

  // Make sure the proof's terms are defined, as the reference implementation does.
  const context = document['@context'];
  let needed: string | undefined;
  if (suite.proofType === 'DataIntegrityProof') {
    if (!definesDataIntegrityProof(context)) needed = DATA_INTEGRITY_V2_CONTEXT;
  } else if (!includesContext(context, ED25519_2020_CONTEXT)) {
    needed = ED25519_2020_CONTEXT;
  }
  if (needed !== undefined) {
    if (existing.length > 0) {
      throw new ProofError(
        'ERR_PROOF_CONTEXT_MISSING',
        `signCredential: ${suite.name} needs ${needed} in @context, and adding it would break the existing proof(s); add it before the first signature`,
        { context: needed },
      );
    }
    document['@context'] = appendContext(context, needed);
  }

  const proof: Record<string, unknown> = { type: suite.proofType };
  if (options.id !== undefined) proof.id = options.id;
  proof.created = created;
  proof.verificationMethod = verificationMethod;
  if (suite.cryptosuite !== undefined) proof.cryptosuite = suite.cryptosuite;
  proof.proofPurpose = proofPurpose;
  if (options.previousProof !== undefined) proof.previousProof = options.previousProof;
  if (options.challenge !== undefined) proof.challenge = options.challenge;
  if (options.domain !== undefined) proof.domain = options.domain;
  if (options.expires !== undefined) proof.expires = formatDate(options.expires, 'expires');
  // The JCS suites carry the document's @context in the proof (vc-di-eddsa, vc-di-ecdsa).
  if (suite.canonicalization === 'jcs' && document['@context'] !== undefined) {
    proof['@context'] = cloneJson(document['@context']);
  }

  const hashOptions = { documentLoader: options.documentLoader, signal: options.signal };
  const signedDocument = previous === undefined ? document : { ...document, proof: previous };
  // A failure's place (details.path) is given in the document being signed: under `proof` only
  // the proofs a chain names are canonicalized, and the options' own members are no place in it.
  const [doc, config] = await Promise.all([
    canonicalFormOf(suite, signedDocument, hashOptions).catch((e: unknown) => {
      throw relocateError(e, (p) =>
        previous !== undefined && /^\$\.proof(?:$|[.[])/.test(p) ? undefined : p,
      );
    }),
    canonicalFormOf(suite, proofConfigOf(proof, document, suite), hashOptions).catch(
      (e: unknown) => {
        throw relocateError(e, (p) => (p.startsWith('$["@context"]') ? p : undefined));
      },
    ),
  ]);
  // Verifiers read the one compact form (checked once the document is known to be JSON-LD).
  if (options.validate !== false) {
    const issues = await compactFormIssues(document, options.documentLoader);
    if (issues.length > 0) {
      throw invalidError(
        role === 'presentation' ? 'ERR_PRESENTATION_INVALID' : 'ERR_CREDENTIAL_INVALID',
        role,
        issues,
      );
    }
  }
  const hash = digestFor(key.keyType);
  const [configHash, docHash] = await Promise.all([hash(config), hash(doc)]);
  // An abort during hashing: the key is not asked to sign. A signer (a KMS, another process)
  // that never answers ends at the caller's abort.
  if (options.signal?.aborted) throw abortedError(options.signal);
  const signature = await untilAborted(key.sign(concatBytes(configHash, docHash)), options.signal);
  proof.proofValue = `z${encodeBase58btc(signature)}`;

  return {
    ...document,
    proof: existing.length === 0 && proofForm === 'object' ? proof : [...existing, proof],
  } as T & { proof: unknown };
}
