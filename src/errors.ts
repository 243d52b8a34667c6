/**
 * Error classes and stable error codes used across ob3kit.
 *
 * Every error thrown by ob3kit (other than `TypeError` for API misuse) is an {@link Ob3Error}
 * carrying a stable machine-readable `code` of the form `ERR_*`.
 *
 * @packageDocumentation
 */

/**
 * Every error code ob3kit gives, each with what it means: the keys of this interface are the
 * {@link Ob3ErrorCode} union. Codes never change meaning between releases; a new code is a new
 * key. `Ob3Error` and its subclasses carry them, and so do the builders' `TypeError`s
 * (`ERR_MODEL_*`). docs/errors.md lists them too.
 *
 * @example
 * ```ts
 * import type { Ob3ErrorCodes } from 'ob3kit';
 * const known: keyof Ob3ErrorCodes = 'ERR_FETCH_REDIRECT';
 * ```
 */
export interface Ob3ErrorCodes {
  // ---- Misuse and the platform
  /** The operation was stopped through its `AbortSignal` (`details.reason`). */
  ERR_ABORTED: true;
  /**
   * The runtime cannot do the cryptography needed: RSA without WebCrypto (`crypto.subtle`), or,
   * where WebCrypto lacks Ed25519 / ECDSA / SHA-384, ob3kit's pure-JS curves or hashes failed to
   * load.
   */
  ERR_CRYPTO_UNAVAILABLE: true;
  /** The runtime has no `crypto.getRandomValues` (React Native needs a polyfill). */
  ERR_NO_SECURE_RANDOM: true;
  // ---- Limits
  /** An input is larger than a configured limit (bytes, values, items). */
  ERR_LIMIT_SIZE: true;
  /** An input nests deeper than a configured limit. */
  ERR_LIMIT_DEPTH: true;
  // ---- JSON-LD and canonicalization
  /** A JSON-LD context or document is neither bundled nor registered (remote contexts are never fetched). */
  ERR_CONTEXT_UNKNOWN: true;
  /** A document cannot be registered under a URL that is a bundled context or already a context. */
  ERR_CONTEXT_CONFLICT: true;
  /** The document loader failed for a URL. */
  ERR_CONTEXT_LOAD: true;
  /** JSON-LD processing failed for another reason (`details.jsonldCode`). */
  ERR_JSONLD: true;
  /** JSON-LD safe mode: processing would drop or change data. */
  ERR_JSONLD_SAFE_MODE: true;
  /** A term the contexts do not define (safe mode), or an own `__proto__` member. */
  ERR_JSONLD_UNDEFINED_TERM: true;
  /** A context redefines a protected term. */
  ERR_JSONLD_PROTECTED_TERM: true;
  /** A string holds an unpaired UTF-16 surrogate, which cannot be hashed as signed. */
  ERR_JSONLD_INVALID_STRING: true;
  /** Canonicalization would exceed its work, size or depth budget (`maxCanonizeWork`, `maxQuads`). */
  ERR_CANONIZE_LIMIT: true;
  /** N-Quads text that does not parse. */
  ERR_NQUADS_SYNTAX: true;
  /** A value the JSON Canonicalization Scheme cannot hold (non-finite number, lone surrogate, too deep). */
  ERR_JCS_INVALID_VALUE: true;
  // ---- Schema and data model validation
  /** A document fails its JSON Schema (`ValidationError.issues`). */
  ERR_VALIDATION: true;
  /** A credential breaks the VC Data Model or Open Badges rules (refused before signing). */
  ERR_CREDENTIAL_INVALID: true;
  /** A presentation breaks the VC Data Model rules (refused before signing). */
  ERR_PRESENTATION_INVALID: true;
  /** A caller-supplied schema cannot be compiled here (no code generation under this Content Security Policy). */
  ERR_SCHEMA_COMPILER_UNAVAILABLE: true;
  // ---- Builders (thrown as `TypeError` with `code` and `path`)
  /** A builder input lacks a required property. */
  ERR_MODEL_REQUIRED: true;
  /** A builder input property has the wrong type. */
  ERR_MODEL_TYPE: true;
  /** A builder input property has a value the model does not allow. */
  ERR_MODEL_VALUE: true;
  /** A builder input has a property its class does not define (and the class is closed). */
  ERR_MODEL_UNKNOWN_PROPERTY: true;
  /** A builder input mixes VC 1.1 and VC 2.0 forms. */
  ERR_MODEL_CONFLICT: true;
  // ---- Keys, DIDs and resolution
  /** Key material in a form that cannot be read (Multikey, JWK, PEM). */
  ERR_KEY_FORMAT: true;
  /** Key material that is not a valid key (a point off the curve, a small-order key, an oversized RSA modulus). */
  ERR_KEY_INVALID: true;
  /** A key type or curve ob3kit does not support. */
  ERR_KEY_TYPE_UNSUPPORTED: true;
  /** The key cannot be written in the form asked (did:key of an RSA key, Ed25519VerificationKey2020 of another key). */
  ERR_KEY_EXPORT_UNSUPPORTED: true;
  /** Signing needs the secret part of the key, which this key pair lacks. */
  ERR_KEY_SECRET_MISSING: true;
  /** The key is not listed for the verification relationship needed (`assertionMethod`, `authentication`). */
  ERR_KEY_PURPOSE_MISMATCH: true;
  /** The controller document marks the key revoked. */
  ERR_KEY_REVOKED: true;
  /** The controller document gives the key an `expires` time that has passed. */
  ERR_KEY_EXPIRED: true;
  /** A `Signer` threw or rejected. */
  ERR_SIGNER_FAILED: true;
  /** A `Signer` returned a signature of the wrong size, or one that does not verify with its `publicKeyJwk`. */
  ERR_SIGNER_OUTPUT: true;
  /** A `Signer` (a worker, another process) did not answer in time. */
  ERR_SIGNER_TIMEOUT: true;
  /** A signature in a form that cannot be converted (DER ECDSA). */
  ERR_SIGNATURE_FORMAT: true;
  /** A DID that breaks its method's grammar. */
  ERR_DID_INVALID: true;
  /** A DID method with no resolver (pass a `didResolver`). */
  ERR_DID_METHOD_UNSUPPORTED: true;
  /** A DID document whose `id` is not the DID resolved. */
  ERR_DID_ID_MISMATCH: true;
  /** A DID or key document could not be resolved. */
  ERR_RESOLUTION_FAILED: true;
  /** Resolution needs the network, which was not allowed (no `fetch` given). */
  ERR_RESOLUTION_OFFLINE: true;
  /** The controller document has no verification method with that id. */
  ERR_VERIFICATION_METHOD_NOT_FOUND: true;
  /** A verification method without `controller`, `type` or key material. */
  ERR_VERIFICATION_METHOD_INVALID: true;
  /** Signing needs a verification method id (`KeyPair.id`). */
  ERR_VERIFICATION_METHOD_MISSING: true;
  /** A verification method names a controller whose document does not list it. */
  ERR_CONTROLLER_ID_MISMATCH: true;
  // ---- Fetching (FetchError)
  /** A document was needed and no `fetch` was given. */
  ERR_FETCH_OFFLINE: true;
  /** A URL that cannot be fetched (malformed, credentials in it). */
  ERR_FETCH_URL: true;
  /** A URL that is not https. */
  ERR_FETCH_NOT_HTTPS: true;
  /** A URL naming a loopback, private or other special-purpose address (`allowPrivateAddresses` allows them). */
  ERR_FETCH_PRIVATE_ADDRESS: true;
  /** The server answered with a redirect (never followed). */
  ERR_FETCH_REDIRECT: true;
  /** The server answered with an HTTP status other than 200. */
  ERR_FETCH_STATUS: true;
  /** The server answered with a content type that is not JSON (or the expected type). */
  ERR_FETCH_CONTENT_TYPE: true;
  /** A response body larger than `limits.maxDocumentBytes`. */
  ERR_FETCH_TOO_LARGE: true;
  /** The run has made `limits.maxFetches` requests. */
  ERR_FETCH_LIMIT_REQUESTS: true;
  /** The run has read `limits.maxFetchBytes` (or the decoded status list total). */
  ERR_FETCH_LIMIT_BYTES: true;
  /** A request did not finish within `limits.fetchTimeoutMs`. */
  ERR_FETCH_TIMEOUT: true;
  /** A response body that is not valid UTF-8. */
  ERR_FETCH_ENCODING: true;
  /** A response body that is not the JSON expected. */
  ERR_FETCH_MALFORMED: true;
  /** The caller's `fetch` failed (network error). */
  ERR_FETCH_FAILED: true;
  // ---- Proofs and JWTs
  /** A cryptosuite ob3kit does not sign or verify with. */
  ERR_SUITE_UNSUPPORTED: true;
  /** The key type does not fit the cryptosuite. */
  ERR_PROOF_KEY_MISMATCH: true;
  /** The document's `@context` cannot express the proof (add the Data Integrity context). */
  ERR_PROOF_CONTEXT_MISSING: true;
  /** The proof's `@context` differs from the document's. */
  ERR_PROOF_CONTEXT_MISMATCH: true;
  /** A new proof would reuse the id of an existing one. */
  ERR_PROOF_ID_DUPLICATE: true;
  /** `previousProof` names no proof, or several, of the document. */
  ERR_PREVIOUS_PROOF_MISSING: true;
  /** A document of the other role (a presentation signed as a credential, or the reverse). */
  ERR_PROOF_ROLE_MISMATCH: true;
  /** A document that claims both roles (credential and presentation). */
  ERR_PROOF_AMBIGUOUS_ROLE: true;
  /** The key does not belong to the credential's issuer (`checkIssuer: false` opts out). */
  ERR_ISSUER_KEY_MISMATCH: true;
  /** The key does not belong to the presentation's holder, or the holder is not one id. */
  ERR_PRESENTATION_HOLDER_MISMATCH: true;
  /** A credential to sign as a JWT names no issuer id. */
  ERR_JWT_ISSUER_MISSING: true;
  /** A credential date that cannot be written as a JWT time claim. */
  ERR_JWT_DATE_INVALID: true;
  // ---- Baked images
  /** Bytes that are neither a PNG nor an SVG. */
  ERR_IMAGE_FORMAT: true;
  /** An image (or its credential) larger than `maxImageBytes` / `maxCredentialBytes`. */
  ERR_IMAGE_TOO_LARGE: true;
  /** An image that carries more than one credential, or one that reads two ways. */
  ERR_BAKE_AMBIGUOUS: true;
  /** An image with no credential baked in. */
  ERR_BAKE_NO_CREDENTIAL: true;
  /** A credential to bake that is not an object, its JSON text or a compact JWT. */
  ERR_BAKE_PAYLOAD: true;
  /** A credential to bake larger than `maxCredentialBytes`. */
  ERR_BAKE_TOO_LARGE: true;
  /** A PNG whose chunks are out of order (IHDR first, IEND last and empty). */
  ERR_PNG_STRUCTURE: true;
  /** A PNG chunk with an invalid type or length. */
  ERR_PNG_CHUNK: true;
  /** A PNG chunk whose CRC does not match. */
  ERR_PNG_CRC: true;
  /** A PNG that ends inside a chunk. */
  ERR_PNG_TRUNCATED: true;
  /** An `iTXt` chunk that cannot be read (bad header, compression, or over its limit). */
  ERR_PNG_ITXT: true;
  /** SVG text that is not well-formed XML. */
  ERR_SVG_MALFORMED: true;
  /** SVG bytes that are not UTF-8 (or declare another encoding). */
  ERR_SVG_ENCODING: true;
  /** An SVG with a DOCTYPE internal subset (never processed). */
  ERR_SVG_DTD: true;
  /** An SVG that references an entity other than the five XML ones. */
  ERR_SVG_ENTITY: true;
  /** A character XML cannot hold. */
  ERR_SVG_INVALID_CHAR: true;
  /** The `<svg>` element binds the Open Badges prefix to another namespace. */
  ERR_SVG_NAMESPACE_CONFLICT: true;
  // ---- Status lists
  /** A status list index outside the list. */
  ERR_STATUS_INDEX_OUT_OF_RANGE: true;
  /** A status list length that is not a multiple of 8 or under the minimum (131,072). */
  ERR_STATUS_LIST_LENGTH: true;
  /** An `encodedList` that is not valid base64url and GZIP. */
  ERR_STATUS_LIST_ENCODING: true;
  /** A status list that decodes to more than its limit. */
  ERR_STATUS_LIST_TOO_LARGE: true;
  // ---- Open Badges 2.0
  /** An Open Badges 2.0 assertion to upgrade did not verify (`force` upgrades it anyway). */
  ERR_OB2_NOT_VERIFIED: true;
  /** The assertion, BadgeClass or issuer to upgrade from could not be read. */
  ERR_OB2_INCOMPLETE: true;
  // ---- Issuance ledger (LedgerError)
  /** A ledger option or status list series that cannot be used. */
  ERR_LEDGER_CONFIG: true;
  /** No credential or recipient with that id in the ledger. */
  ERR_LEDGER_NOT_FOUND: true;
  /** A request key reused for another request, or a change that contradicts the record. */
  ERR_LEDGER_CONFLICT: true;
  /** A credential without the status entry asked for (suspension). */
  ERR_LEDGER_NO_STATUS: true;
  /** Every entry of a single (not `{n}`) status list is taken. */
  ERR_LEDGER_LIST_FULL: true;
  /** The ledger was used after `close()`. */
  ERR_LEDGER_CLOSED: true;
  /** The ledger's store failed. */
  ERR_LEDGER_STORE: true;
  /** The ledger file stayed locked by another process. */
  ERR_LEDGER_BUSY: true;
  /** The store holds a ledger of another schema version. */
  ERR_LEDGER_SCHEMA: true;
  /** The store's driver package failed to load. */
  ERR_LEDGER_DRIVER: true;
  /** The store's driver package is not installed (`better-sqlite3`, `pg`). */
  ERR_LEDGER_DRIVER_MISSING: true;
  // ---- Pathways and stacked credentials (PathwayError)
  /** More credentials to evaluate against a pathway than its limit. */
  ERR_PATHWAY_TOO_LARGE: true;
  /** The credentials evaluated are about different learners, or cannot be shown to be one. */
  ERR_PATHWAY_LEARNERS_MIXED: true;
  /** The evaluation, or a report, is not of the pathway or credentials given. */
  ERR_PATHWAY_MISMATCH: true;
  /** The pathway is not met: nothing to issue. */
  ERR_PATHWAY_NOT_MET: true;
  /** A component credential cannot be named or carried in the stacked credential (no id, no embedded proof). */
  ERR_PATHWAY_COMPONENT: true;
}

/**
 * A stable error code: the closed union of the codes ob3kit gives, so a `switch` over
 * `err.code` is checked by TypeScript.
 *
 * @example
 * ```ts
 * import { Ob3Error, type Ob3ErrorCode } from 'ob3kit';
 * function advice(code: Ob3ErrorCode): string {
 *   switch (code) {
 *     case 'ERR_FETCH_OFFLINE':
 *       return 'pass fetch to allow the network';
 *     case 'ERR_CONTEXT_UNKNOWN':
 *       return 'register the context with createDocumentLoader';
 *     default:
 *       return 'see docs/errors.md';
 *   }
 * }
 * ```
 */
export type Ob3ErrorCode = keyof Ob3ErrorCodes;

/**
 * The same union as {@link Ob3ErrorCode} (the name of earlier releases).
 *
 * @example
 * ```ts
 * import type { ErrorCode } from 'ob3kit';
 * const code: ErrorCode = 'ERR_VALIDATION';
 * ```
 */
export type ErrorCode = Ob3ErrorCode;

/**
 * One problem found in a document: a stable snake_case `code`, a JSON path (`$.credentialSubject.achievement.name`),
 * and a human-readable message that says what was expected and what was found.
 */
export interface Issue {
  /** Stable snake_case code, for example `required`, `type`, `format`. */
  code: string;
  /** JSONPath-like location of the problem, rooted at `$`. */
  path: string;
  /** Human-readable explanation. */
  message: string;
}

/**
 * Base class of every error ob3kit throws on purpose.
 *
 * @example
 * ```ts
 * import { Ob3Error } from 'ob3kit';
 * try {
 *   throw new Ob3Error('ERR_ABORTED', 'stopped');
 * } catch (e) {
 *   if (e instanceof Ob3Error) console.log(e.code); // 'ERR_ABORTED'
 * }
 * ```
 */
export class Ob3Error extends Error {
  /** Stable error code. */
  readonly code: ErrorCode;
  /** Extra structured details, when any. */
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options?.details) this.details = options.details;
  }
}

/**
 * Thrown by `assertValid*` functions; holds the same issues that `validate*` returns. The code
 * is `ERR_VALIDATION` (JSON Schema), `ERR_CREDENTIAL_INVALID` or `ERR_PRESENTATION_INVALID`
 * (refused before signing, or by the data model validators).
 *
 * @example
 * ```ts
 * import { ValidationError } from 'ob3kit';
 * const err = new ValidationError([{ code: 'required', path: '$.issuer', message: 'issuer is required' }]);
 * console.log(err.code, err.issues.length); // 'ERR_VALIDATION' 1
 * ```
 */
export class ValidationError extends Ob3Error {
  /** The problems found. */
  readonly issues: Issue[];

  constructor(issues: Issue[], message?: string, code: ErrorCode = 'ERR_VALIDATION') {
    super(
      code,
      message ??
        `Validation failed with ${issues.length} issue(s): ${issues
          .slice(0, 3)
          .map((i) => `${i.path}: ${i.message}`)
          .join('; ')}${issues.length > 3 ? '; ...' : ''}`,
    );
    this.issues = issues;
  }
}

/**
 * A JSON-LD context could not be loaded (unknown URL, network not allowed) or a JSON-LD
 * processing rule was broken (undefined term in safe mode, protected term redefinition).
 *
 * @example
 * ```ts
 * import { JsonLdError } from 'ob3kit';
 * const err = new JsonLdError('ERR_CONTEXT_UNKNOWN', 'Unknown context https://example.com/ctx', { url: 'https://example.com/ctx' });
 * console.log(err.code); // 'ERR_CONTEXT_UNKNOWN'
 * ```
 */
export class JsonLdError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}

/**
 * A key could not be generated, imported, exported or resolved.
 *
 * @example
 * ```ts
 * import { KeyError } from 'ob3kit';
 * console.log(new KeyError('ERR_KEY_FORMAT', 'bad key').code); // 'ERR_KEY_FORMAT'
 * ```
 */
export class KeyError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}

/**
 * Signing or proof processing failed.
 *
 * @example
 * ```ts
 * import { ProofError } from 'ob3kit';
 * console.log(new ProofError('ERR_SUITE_UNSUPPORTED', 'unknown suite').code);
 * ```
 */
export class ProofError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}

/**
 * Baking or unbaking a badge image failed.
 *
 * @example
 * ```ts
 * import { BakeError } from 'ob3kit';
 * console.log(new BakeError('ERR_IMAGE_FORMAT', 'not a PNG or SVG').code);
 * ```
 */
export class BakeError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}

/**
 * Creating, updating or reading a status list failed.
 *
 * @example
 * ```ts
 * import { StatusError } from 'ob3kit';
 * console.log(new StatusError('ERR_STATUS_INDEX_OUT_OF_RANGE', 'index out of range').code);
 * ```
 */
export class StatusError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}

/**
 * An input exceeded a configured limit (size, depth, count, time).
 *
 * @example
 * ```ts
 * import { LimitError } from 'ob3kit';
 * console.log(new LimitError('ERR_LIMIT_SIZE', 'input too large').code);
 * ```
 */
export class LimitError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}

/**
 * A remote document could not be fetched under ob3kit's fetch rules (https only, no redirects,
 * no private addresses, bounded size, time and count). The `code` says which rule:
 * `ERR_FETCH_OFFLINE`, `ERR_FETCH_URL`, `ERR_FETCH_NOT_HTTPS`, `ERR_FETCH_PRIVATE_ADDRESS`,
 * `ERR_FETCH_REDIRECT`, `ERR_FETCH_STATUS`, `ERR_FETCH_CONTENT_TYPE`, `ERR_FETCH_TOO_LARGE`,
 * `ERR_FETCH_LIMIT_REQUESTS`, `ERR_FETCH_LIMIT_BYTES`, `ERR_FETCH_TIMEOUT`, `ERR_FETCH_ENCODING`,
 * `ERR_FETCH_MALFORMED`, `ERR_FETCH_FAILED`. `details.url` names the URL. Verification reports
 * carry the same codes in snake_case (`fetch_redirect`, ...). See docs/security.md.
 *
 * @example
 * ```ts
 * import { FetchError } from 'ob3kit';
 * const e = new FetchError('ERR_FETCH_REDIRECT', 'GET https://a.example/ answered 302', { url: 'https://a.example/' });
 * console.log(e.code); // 'ERR_FETCH_REDIRECT'
 * ```
 */
export class FetchError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}

/**
 * The issuance ledger refused an operation (unknown credential, conflicting request, full list,
 * missing store driver) or its store failed.
 *
 * @example
 * ```ts
 * import { LedgerError } from 'ob3kit';
 * console.log(new LedgerError('ERR_LEDGER_NOT_FOUND', 'no such credential').code);
 * ```
 */
export class LedgerError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}

/**
 * A pathway could not be evaluated or its stacked credential issued: the credentials are about
 * more than one learner (`ERR_PATHWAY_LEARNERS_MIXED`), the pathway is not met
 * (`ERR_PATHWAY_NOT_MET`), an evaluation belongs to another pathway (`ERR_PATHWAY_MISMATCH`), a
 * component cannot be carried as issued (`ERR_PATHWAY_COMPONENT`), or there are too many
 * credentials to evaluate (`ERR_PATHWAY_TOO_LARGE`). `details` names the credentials concerned.
 *
 * @example
 * ```ts
 * import { PathwayError } from 'ob3kit';
 * const e = new PathwayError('ERR_PATHWAY_NOT_MET', 'Data Analyst is not met: 1 requirement missing');
 * console.log(e.code); // 'ERR_PATHWAY_NOT_MET'
 * ```
 */
export class PathwayError extends Ob3Error {
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(code, message, { details, cause });
  }
}
