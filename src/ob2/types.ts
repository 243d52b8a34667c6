/** Public types and constants of Open Badges 2.0 verification and upgrade. */
import type { JsonObject } from '../internal/json.js';
import type { VerificationReport, VerifyOptions } from '../verify/types.js';

/**
 * The JSON-LD context URL of Open Badges 2.0 (bundled; see docs/contexts.md).
 *
 * @example
 * ```ts
 * import { OB2_CONTEXT_URL } from 'ob3kit/ob2';
 * assertion['@context'] === OB2_CONTEXT_URL;
 * ```
 */
export const OB2_CONTEXT_URL = 'https://w3id.org/openbadges/v2';

/**
 * How an Open Badges 2.0 assertion is verified: `hosted` (fetched from its own `id` on the
 * issuer's site) or `signed` (a compact JWS whose key the issuer's profile lists).
 *
 * @example
 * ```ts
 * import type { Ob2VerificationType } from 'ob3kit/ob2';
 * const kind: Ob2VerificationType = 'hosted';
 * ```
 */
export type Ob2VerificationType = 'hosted' | 'signed';

/**
 * What an Open Badges 2.0 verification found, beside the checks: the badge objects that were
 * read, so that a wallet can show the badge (its name and image live on the BadgeClass) and
 * `upgradeOb2` can build an Open Badges 3.0 credential from the same data. Every document here
 * is the copy that was checked: the hosted assertion as fetched from its `id`, the JWS payload
 * of a signed one, the BadgeClass and the issuer Profile as found at their `id`s (a BadgeClass
 * embedded in a verified assertion is kept as embedded).
 *
 * @example
 * ```ts
 * import { verify } from 'ob3kit';
 * const report = await verify(bakedPng, { fetch });
 * console.log(report.ob2?.badgeClass?.name, report.ob2?.verificationType);
 * ```
 */
export interface Ob2Details {
  /** Always `'2.0'`. */
  version: '2.0';
  /** The verification method the assertion declares (when it declares a known one). */
  verificationType?: Ob2VerificationType;
  /** The assertion that was checked. */
  assertion?: JsonObject;
  /** The BadgeClass. */
  badgeClass?: JsonObject;
  /** The issuer Profile, as published at its own `id`. */
  issuer?: JsonObject;
  /** Hosted: the URL the assertion was read from. */
  url?: string;
  /** Signed: the compact JWS. */
  jws?: string;
}

/**
 * Options of {@link verifyOb2}: the options of `verify()` (clock, `fetch`, `documents` by URL,
 * `recipient`, limits).
 *
 * @example
 * ```ts
 * const options: VerifyOb2Options = { fetch: globalThis.fetch, recipient: 'learner@example.org' };
 * ```
 */
export interface VerifyOb2Options extends VerifyOptions {}

/**
 * Options of {@link upgradeOb2}: the verification options, and how the new credential is made.
 *
 * @example
 * ```ts
 * const options: UpgradeOb2Options = {
 *   documents: { 'https://example.org/assertions/1': hostedAssertion },
 *   issuerId: 'did:web:example.org',
 * };
 * ```
 */
export interface UpgradeOb2Options extends VerifyOb2Options {
  /** Upgrade even when the assertion did not verify (its report is returned with the credential). */
  force?: boolean;
  /** The new credential's `id` (default: a random `urn:uuid`). */
  id?: string;
  /**
   * The Achievement's `id` (default: the name-based `urn:uuid` (UUID version 5, URL namespace) of
   * the BadgeClass `id`, so that every upgraded assertion of one BadgeClass shares it).
   */
  achievementId?: string;
  /**
   * The issuer Profile's `id` in the new credential, for example the issuer's `did:web` (default:
   * the Open Badges 2.0 issuer Profile `id`). The Achievement's `creator` keeps the 2.0 `id`.
   */
  issuerId?: string;
  /** The recipient's `credentialSubject.id` (for example a DID), when known. */
  subjectId?: string;
}

/**
 * What {@link upgradeOb2} returns: the unsigned Open Badges 3.0 credential, ready for the issuer
 * to sign, and the report of the Open Badges 2.0 verification it was made from.
 *
 * @example
 * ```ts
 * const { credential, report } = await upgradeOb2(assertion, { fetch });
 * const signed = await signCredential(credential, { key });
 * ```
 */
export interface UpgradeOb2Result {
  /** The upgraded, unsigned OpenBadgeCredential. */
  credential: JsonObject;
  /** The verification report of the original assertion. */
  report: VerificationReport;
}
