/**
 * The VC Data Model functions the package exports (`ob3kit/model` and the root barrel), as thin
 * functions over their implementations (`vc-data-model.ts`), which ob3kit's own modules call.
 * `verify()` loads the implementations on demand (the `data_model` check); if the barrels
 * re-exported those very functions, esbuild would move them, and everything they import, into
 * the first chunk of every app that imports anything from 'ob3kit'.
 */
import {
  isAbsoluteUrl as absoluteUrl,
  assertValidVerifiableCredential as assertCredential,
  assertValidVerifiablePresentation as assertPresentation,
  type DataModelValidationOptions,
  type DataModelValidationResult,
  type PresentationValidationOptions,
  validateVerifiableCredential as validateCredential,
  validateVerifiablePresentation as validatePresentation,
} from './vc-data-model.js';

export type {
  DataModelValidationOptions,
  DataModelValidationResult,
  PresentationValidationOptions,
} from './vc-data-model.js';

/**
 * True for a URL as the data model means it: an absolute IRI (a scheme, no white space or
 * control characters) that the WHATWG URL parser also accepts. `https ://x`, `fake-issuer`,
 * `''` and `https://a.example/\u0001` are not.
 *
 * @example
 * ```ts
 * import { isAbsoluteUrl } from 'ob3kit/model';
 * isAbsoluteUrl('did:example:123'); // true
 * isAbsoluteUrl('https ://example.com'); // false
 * ```
 */
export function isAbsoluteUrl(value: unknown): value is string {
  return absoluteUrl(value);
}

/**
 * Check a credential against the W3C Verifiable Credentials Data Model (2.0, or 1.1 for a
 * document whose `@context` starts with the VC 1.1 context): `@context` (base context first,
 * then URLs and objects), `type` (includes `VerifiableCredential`; terms and absolute URLs),
 * `id` (one URL), `issuer` (a URL or an object with an `id` URL), `credentialSubject` (objects,
 * each with at least one claim), `validFrom`/`validUntil` (VC 1.1: `issuanceDate`, required, and
 * `expirationDate`) as date-times with a time zone, the end not before the start, a `type` on
 * every `credentialStatus`, `credentialSchema` (with an `id` URL), `refreshService`, `termsOfUse`
 * and `evidence` entry, `name`/`description` as strings or language value objects, `@direction`
 * `ltr`/`rtl`, and `relatedResource` entries with a unique `id` and a well-formed digest.
 * Every broken rule is reported, with its path; never throws for a bad document.
 *
 * JSON-LD rules (every term defined, protected terms not redefined) are checked when the
 * document is canonicalized (signing does), not here. Open Badges rules are in
 * `validateCredential` (`ob3kit/schema`).
 *
 * @example
 * ```ts
 * import { validateVerifiableCredential } from 'ob3kit/model';
 * const r = validateVerifiableCredential({
 *   '@context': ['https://www.w3.org/ns/credentials/v2'],
 *   type: ['VerifiableCredential'],
 *   issuer: null,
 *   credentialSubject: {},
 * });
 * r.issues.map((i) => i.code); // ['issuer_invalid', 'subject_empty']
 * ```
 */
export function validateVerifiableCredential(
  credential: unknown,
  options?: DataModelValidationOptions,
): DataModelValidationResult {
  return validateCredential(credential, options);
}

/**
 * Like {@link validateVerifiableCredential}, but throws a `ValidationError` (code
 * `ERR_CREDENTIAL_INVALID`) holding every issue when the credential breaks a rule.
 *
 * @example
 * ```ts
 * import { assertValidVerifiableCredential } from 'ob3kit/model';
 * assertValidVerifiableCredential(credential); // throws ValidationError with .issues
 * ```
 */
export function assertValidVerifiableCredential(
  credential: unknown,
  options?: DataModelValidationOptions,
): void {
  assertCredential(credential, options);
}

/**
 * Check a presentation against the W3C Verifiable Credentials Data Model (2.0, or 1.1):
 * `@context`, `type` (includes `VerifiablePresentation`), `id` (one URL), `holder` (a URL or an
 * object with an `id` URL), `termsOfUse` entries with a `type`, and `verifiableCredential`:
 * objects only in VC 2.0 (a JWT goes in an `EnvelopedVerifiableCredential`; VC 1.1
 * presentations may hold compact JWTs), each a credential that passes
 * {@link validateVerifiableCredential} (its issues prefixed with its path; not checked with
 * `credentials: false`) or an enveloped credential (`type` `EnvelopedVerifiableCredential`,
 * `id` a `data:` URL).
 *
 * @example
 * ```ts
 * import { validateVerifiablePresentation } from 'ob3kit/model';
 * validateVerifiablePresentation({
 *   '@context': ['https://www.w3.org/ns/credentials/v2'],
 *   type: ['VerifiablePresentation'],
 *   verifiableCredential: ['eyJhbGciOi...'],
 * }).issues[0]?.code; // 'presentation_credential_invalid'
 * ```
 */
export function validateVerifiablePresentation(
  presentation: unknown,
  options?: PresentationValidationOptions,
): DataModelValidationResult {
  return validatePresentation(presentation, options);
}

/**
 * Like {@link validateVerifiablePresentation}, but throws a `ValidationError` (code
 * `ERR_PRESENTATION_INVALID`) holding every issue when the presentation breaks a rule.
 *
 * @example
 * ```ts
 * import { assertValidVerifiablePresentation } from 'ob3kit/model';
 * assertValidVerifiablePresentation(presentation);
 * ```
 */
export function assertValidVerifiablePresentation(
  presentation: unknown,
  options?: PresentationValidationOptions,
): void {
  assertPresentation(presentation, options);
}
