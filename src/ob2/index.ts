/**
 * Open Badges 2.0: verify the assertions that already exist (hosted and signed, as JSON, JWS,
 * baked PNG or SVG, or a hosted URL) in the report shape of `verify()`, and upgrade a verified
 * one to an unsigned Open Badges 3.0 credential, as the Open Badges 3.0 Implementation Guide's
 * migration section describes. `verify()` itself sends Open Badges 2.0 input here.
 *
 * @example
 * ```ts
 * import { upgradeOb2, verifyOb2 } from 'ob3kit/ob2';
 * const report = await verifyOb2(bakedPng, { fetch: globalThis.fetch });
 * console.log(report.verdict, report.ob2?.badgeClass?.name);
 * const { credential } = await upgradeOb2(bakedPng, { fetch: globalThis.fetch });
 * ```
 *
 * @packageDocumentation
 */

import { makeReport, ob2Report } from '../verify/pipeline.js';
import type { VerificationReport } from '../verify/types.js';
import { readInput } from '../verify/verify.js';
import { OB2_TOOLBOX } from './toolbox.js';
import type { UpgradeOb2Options, UpgradeOb2Result, VerifyOb2Options } from './types.js';
import { upgradeWith } from './upgrade.js';
import { verifyOb2Input } from './verify.js';

export type { CarrierLocation } from '../bake/carriers.js';
export { type BakedOb2Assertion, readBakedOb2 } from '../bake/ob2.js';
export { isOb2Assertion } from './detect.js';
export {
  OB2_CONTEXT_URL,
  type Ob2Details,
  type Ob2VerificationType,
  type UpgradeOb2Options,
  type UpgradeOb2Result,
  type VerifyOb2Options,
} from './types.js';

/**
 * Verify an Open Badges 2.0 assertion, whatever form it came in: an assertion object or its
 * JSON text, a signed assertion's compact JWS, a baked PNG (bytes) or SVG (text or bytes), or a
 * hosted assertion's URL. Returns the report `verify()` returns for such input (with
 * `report.ob2` holding the assertion, BadgeClass and issuer Profile that were read); input that
 * is not an Open Badges 2.0 assertion gets a `parse` failure `ob2_not_assertion` instead of
 * being verified as something else.
 *
 * Hosted assertions are read from their own `id` (the fetched copy wins); nothing is fetched
 * without `options.fetch`, and what needs the network is then reported `warn` or `skip`, never
 * `pass` (serve documents offline with `options.documents`). See docs/ob2.md for every check.
 * Throws only for misuse (`TypeError`).
 *
 * @param input The assertion, in any form listed above.
 * @param options Clock, `fetch`, `documents` by URL, `recipient`, limits.
 * @returns The verification report.
 * @example
 * ```ts
 * import { verifyOb2 } from 'ob3kit/ob2';
 * const report = await verifyOb2('https://example.org/assertions/123', {
 *   fetch: globalThis.fetch,
 *   recipient: 'learner@example.org',
 * });
 * if (report.verdict !== 'invalid') console.log(report.ob2?.badgeClass?.name);
 * ```
 */
export async function verifyOb2(
  input: unknown,
  options?: VerifyOb2Options,
): Promise<VerificationReport> {
  const { state, decoded } = await readInput(input, options);
  const failed = decoded.checks.some((c) => c.outcome === 'fail');
  if (!decoded.ob2 || failed) {
    if (failed) return makeReport(decoded, decoded.checks, state.policy);
    return makeReport(
      decoded,
      [
        {
          id: 'parse',
          outcome: 'fail',
          code: 'ob2_not_assertion',
          message:
            'The input is not an Open Badges 2.0 assertion (use verify() for Open Badges 3.0 credentials)',
        },
      ],
      state.policy,
    );
  }
  return ob2Report(
    decoded.format,
    await verifyOb2Input(decoded.ob2, state, decoded.checks, OB2_TOOLBOX),
    state.policy,
  );
}

/**
 * Turn a verified Open Badges 2.0 assertion into an unsigned Open Badges 3.0
 * `OpenBadgeCredential`, ready for the issuer to sign, following the Open Badges 3.0
 * Implementation Guide ("Migrating from OB 2.0"):
 *
 * - a new `id` (`options.id`, default a random `urn:uuid`);
 * - the original assertion kept in `evidence`, typed
 *   `["Evidence", "https://w3id.org/openbadges#Assertion"]` (a hosted one by its URL, a signed
 *   one as a `data:application/jose,` URI of its JWS);
 * - the BadgeClass as the `Achievement` (name, description, image, criteria, alignment, tags,
 *   version), `related` to the BadgeClass with `version: "Open Badges v2p0"`, its `id` the
 *   name-based `urn:uuid` of the BadgeClass `id` unless `options.achievementId` is given;
 * - the issuer Profile as the `issuer` and as the Achievement's `creator` (`options.issuerId`
 *   gives the `issuer` a new `id`, such as the issuer's `did:web`; the `creator` keeps the 2.0
 *   `id`);
 * - `recipient` as a `credentialSubject.identifier` IdentityObject (a hashed identity stays
 *   hashed, with its salt), `issuedOn` as `validFrom` and `awardedDate`, `expires` as
 *   `validUntil`, `evidence` and `narrative` carried over.
 *
 * The assertion is verified first (with the same options as {@link verifyOb2}); an assertion
 * that did not verify — a failure, or an authenticity, issuer, revocation or validity check
 * that could not run — is refused with `Ob3Error` `ERR_OB2_NOT_VERIFIED` (its `details` hold the
 * `verdict`, the blocking `codes` and the `report`) unless `force` is set.
 * The result is checked against the Open Badges 3.0 schema (`ValidationError` otherwise);
 * `ERR_OB2_INCOMPLETE` when the BadgeClass or issuer could not be read at all.
 *
 * @param input The assertion, in any form {@link verifyOb2} takes.
 * @param options Verification options, `force`, and the new ids.
 * @returns The unsigned credential and the verification report.
 * @example
 * ```ts
 * import { upgradeOb2 } from 'ob3kit/ob2';
 * import { signCredential } from 'ob3kit';
 * const { credential } = await upgradeOb2(hostedAssertionUrl, { fetch: globalThis.fetch });
 * const signed = await signCredential(credential, { key: issuerKey });
 * ```
 */
export function upgradeOb2(input: unknown, options?: UpgradeOb2Options): Promise<UpgradeOb2Result> {
  return upgradeWith((i, o) => verifyOb2(i, o as VerifyOb2Options), input, options);
}
