/**
 * Error classes and stable error codes used across ob3kit.
 *
 * Every error thrown by ob3kit (other than `TypeError` for API misuse) is an {@link Ob3Error}
 * carrying a stable machine-readable `code` of the form `ERR_*`.
 *
 * @packageDocumentation
 */

/** A stable error code. Codes never change meaning between releases. */
export type ErrorCode = `ERR_${string}`;

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
 *   throw new Ob3Error('ERR_EXAMPLE', 'something went wrong');
 * } catch (e) {
 *   if (e instanceof Ob3Error) console.log(e.code); // 'ERR_EXAMPLE'
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
 * console.log(new StatusError('ERR_STATUS_INDEX', 'index out of range').code);
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
