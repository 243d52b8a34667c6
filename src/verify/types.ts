/**
 * Types of the verification report and of the options `verify()` accepts.
 *
 * @packageDocumentation
 */
import type { FetchFunction } from '../internal/fetch.js';
import type { DidResolver } from '../keys/index.js';
import type { Ob2Details } from '../ob2/types.js';

/**
 * Overall verdict of a verification, under the report's {@link VerifyPolicy}: any failed check
 * makes the credential `invalid`; otherwise any warning makes it `warning`; otherwise it is
 * `valid`. Under the default policy a check fails only when the credential is not authentic, not
 * in force, unreadable or breaks a security rule; conformance findings and what could not be
 * checked are warnings. Skipped checks do not change the verdict (see `docs/verifying.md`). A
 * `warning` may mean "not fully checked": read `report.answers.fullyChecked` before accepting.
 *
 * @example
 * ```ts
 * import type { VerificationReport } from 'ob3kit/verify';
 * const accept = (r: VerificationReport) =>
 *   r.verdict !== 'invalid' && r.answers.fullyChecked.value === 'yes';
 * ```
 */
export type Verdict = 'valid' | 'warning' | 'invalid';

/**
 * The outcome of one check.
 *
 * @example
 * ```ts
 * import type { CheckOutcome } from 'ob3kit/verify';
 * const counts: CheckOutcome[] = ['fail', 'warn']; // the outcomes that change the verdict
 * ```
 */
export type CheckOutcome = 'pass' | 'fail' | 'warn' | 'skip';

/**
 * The serialization the input arrived in (`url`: the URL of a hosted Open Badges 2.0 assertion).
 *
 * @example
 * ```ts
 * import type { InputFormat } from 'ob3kit/verify';
 * const baked = (f: InputFormat) => f === 'png' || f === 'svg';
 * ```
 */
export type InputFormat = 'json' | 'jwt' | 'png' | 'svg' | 'presentation' | 'url';

/**
 * What a report entry is about, for the four answers and the policy:
 *
 * - `authenticity`: whether a proof verified and its key is bound to the issuer (or holder);
 * - `inForce`: revocation, suspension, the validity period;
 * - `completeness`: something that matters could not be checked (no network, an unreachable or
 *   unverifiable document, an unknown DID method, an unsupported suite); see `unchecked`;
 * - `conformance`: the Open Badges 3.0 data model, schemas and contexts (the issuer's to fix);
 * - `security`: the input is unreadable or breaks a security rule (ambiguity, the compact form,
 *   a role mismatch, a limit). Always `fail` under every policy.
 *
 * @example
 * ```ts
 * import type { CheckCategory } from 'ob3kit/verify';
 * const blocking: CheckCategory[] = ['authenticity', 'inForce', 'security'];
 * ```
 */
export type CheckCategory =
  | 'authenticity'
  | 'inForce'
  | 'completeness'
  | 'conformance'
  | 'security';

/**
 * For a `completeness` entry: which question could not be answered because of it.
 *
 * @example
 * ```ts
 * import type { UncheckedQuestion } from 'ob3kit/verify';
 * const q: UncheckedQuestion = 'inForce'; // a status list that could not be had
 * ```
 */
export type UncheckedQuestion = 'authenticity' | 'inForce' | 'conformance';

/**
 * The rules a credential was verified by: `ob3`, the Open Badges 3.0 verification algorithm
 * (the VC Data Model plus the Open Badges context, types, schemas, subject, evidence, issuer
 * profile, refresh and endorsements); `clr`, the same algorithm for a CLR 2.0 record, with the
 * CLR's context, type, schema and subject rules and its bundled credentials; `vc`, the W3C
 * Verifiable Credentials Data Model (2.0, or 1.1 for a credential in its context) for a
 * credential that is neither: data model rules, JSON-LD, proofs, key binding, status and
 * validity, without the Open Badges checks.
 *
 * @example
 * ```ts
 * import { verify, type VerificationProfile } from 'ob3kit/verify';
 * const report = await verify(credential);
 * const profile: VerificationProfile | undefined = report.profile; // 'ob3', 'clr' or 'vc'
 * ```
 */
export type VerificationProfile = 'ob3' | 'clr' | 'vc';

/**
 * One entry of a report: which check (`id`, a stable name such as `proof`), what it concluded,
 * and, when useful, a stable snake_case `code`, a human-readable `message` and a JSON `path`.
 * A check may contribute several entries (for example one a schema issue). Every entry of a
 * report from `verify()` has a `category` (from `CHECK_CODES` in `ob3kit/verify`); a `completeness` entry
 * says what it left `unchecked`. `fixBy` names who can act on it: the `issuer` (a conformance
 * finding) or the `verifier` (give the missing document, allow the network).
 *
 * @example
 * ```ts
 * import type { CheckResult } from 'ob3kit/verify';
 * const entry: CheckResult = {
 *   id: 'status', outcome: 'warn', code: 'status_unchecked_offline',
 *   category: 'completeness', unchecked: 'inForce', fixBy: 'verifier',
 * };
 * ```
 */
export interface CheckResult {
  /** Stable check name: `parse`, `context`, `type`, `schema`, `subject`, `proof`, ... */
  id: string;
  /** `pass`, `fail`, `warn` or `skip`, under the report's policy. */
  outcome: CheckOutcome;
  /** Stable snake_case code (for example `status_unchecked_offline`). */
  code?: string;
  /** Human-readable explanation. */
  message?: string;
  /** JSONPath-like location, rooted at `$`. */
  path?: string;
  /** What the entry is about (always set in a report from `verify()`). */
  category?: CheckCategory;
  /** For a `completeness` entry: the question it leaves open. */
  unchecked?: UncheckedQuestion;
  /** Who can act on a finding: the credential's `issuer`, or the `verifier` running the check. */
  fixBy?: 'issuer' | 'verifier';
}

/**
 * How a verdict is reached from the checks:
 *
 * - `default` (wallets, employers, anyone deciding whether to trust a badge): `invalid` only
 *   when the credential is not authentic, not in force, unreadable, or breaks a security rule;
 *   conformance findings and what could not be checked are warnings;
 * - `conformance` (conformance testers, issuers checking their own output): conformance errors
 *   are `invalid` too, as 1EdTech's validator reports them (see docs/conformance.md).
 *
 * @example
 * ```ts
 * import { verify, type VerifyPolicy } from 'ob3kit/verify';
 * const policy: VerifyPolicy = 'conformance';
 * const report = await verify(credential, { policy });
 * ```
 */
export type VerifyPolicy = 'default' | 'conformance';

/**
 * One of the four answers: `yes`, `no`, or `unknown` (it could not be established), with the
 * indexes (into `report.checks`) of the entries behind it.
 *
 * @example
 * ```ts
 * import type { Answer, VerificationReport } from 'ob3kit/verify';
 * const why = (r: VerificationReport, a: Answer) => a.checks.map((i) => r.checks[i]?.message);
 * ```
 */
export interface Answer {
  /** The answer. */
  value: 'yes' | 'no' | 'unknown';
  /** Indexes into `report.checks` of the entries this answer rests on. */
  checks: number[];
}

/**
 * The four questions a report answers separately (see docs/verifying.md):
 *
 * - `authentic`: a proof verified and its key is bound to the issuer (for a presentation: the
 *   holder, and each credential it carries is authentic);
 * - `inForce`: not revoked or suspended, inside its validity period;
 * - `fullyChecked`: nothing that matters under the policy was left unchecked;
 * - `conformant`: it follows Open Badges 3.0 (data model, schema, contexts).
 *
 * @example
 * ```ts
 * import { verify } from 'ob3kit/verify';
 * const { answers } = await verify(badge);
 * if (answers.authentic.value === 'yes' && answers.inForce.value === 'yes') console.log('trusted');
 * ```
 */
export interface ReportAnswers {
  authentic: Answer;
  inForce: Answer;
  fullyChecked: Answer;
  conformant: Answer;
}

/**
 * The version of the report's shape ({@link VerificationReport.reportVersion}). It changes only
 * when a field is removed or changes meaning; new fields may appear within a version.
 *
 * @example
 * ```ts
 * import { REPORT_VERSION, verify } from 'ob3kit/verify';
 * const report = await verify(badge);
 * if (report.reportVersion !== REPORT_VERSION) throw new Error('unexpected report version');
 * ```
 */
export const REPORT_VERSION = 2;

/**
 * What `verify()` returns: the verdict under the policy, the four answers, the input format,
 * the credential that was checked and every check's result, with nested reports (each with its
 * own verdict and answers) for endorsements, the credentials of a presentation, and a refreshed
 * credential.
 *
 * @example
 * ```ts
 * import { verify, type VerificationReport } from 'ob3kit/verify';
 * const report: VerificationReport = await verify(credential);
 * const failed = report.checks.filter((c) => c.outcome === 'fail').map((c) => c.code);
 * console.log(report.answers.inForce.value); // 'yes' | 'no' | 'unknown'
 * ```
 */
export interface VerificationReport {
  /** The version of this shape: {@link REPORT_VERSION}. */
  reportVersion: typeof REPORT_VERSION;
  /** Overall verdict, under `policy`. */
  verdict: Verdict;
  /** The policy the verdict follows. */
  policy: VerifyPolicy;
  /** The four answers, each with the entries behind it. */
  answers: ReportAnswers;
  /** The format the input arrived in. */
  format: InputFormat;
  /**
   * The rules the document was verified by: `ob3`, `clr` or `vc` for a credential; `vc` for a
   * presentation (its credentials each have their own). Absent for an Open Badges 2.0
   * assertion (`report.ob2`) and when the input could not be read.
   */
  profile?: VerificationProfile;
  /** What was checked: the credential (decoded from JWT/PNG/SVG) or the presentation. */
  credential?: object;
  /** Every check's result, in pipeline order. */
  checks: CheckResult[];
  /** Reports of embedded endorsements (`endorsement` / `endorsementJwt`), verified the same way. */
  endorsements?: VerificationReport[];
  /**
   * For a presentation: one report for each credential it carries. For a CLR: one report for
   * each credential it bundles (`credentialSubject.verifiableCredential`), in order.
   */
  credentials?: VerificationReport[];
  /** When a refresh service was followed: the report of the refreshed credential. */
  refreshed?: VerificationReport;
  /**
   * For an Open Badges 2.0 assertion: the badge objects that were read (the BadgeClass holds the
   * badge's name and image). See docs/ob2.md.
   */
  ob2?: Ob2Details;
}

/**
 * A `fetch`-compatible function; the global `fetch` fits. ob3kit calls it only with a canonical
 * https URL that passed its fetch rules, as a GET with `redirect: 'manual'` and an abort signal,
 * and reads the body as a stream with a byte cap (see docs/security.md, "Fetching").
 *
 * @example
 * ```ts
 * import { verify, type FetchLike } from 'ob3kit/verify';
 * const report = await verify(credential, { fetch: globalThis.fetch as FetchLike });
 * ```
 */
export type FetchLike = FetchFunction;

/**
 * The identity a verifier already knows, to check against the credential's recipient.
 *
 * @example
 * ```ts
 * import type { KnownRecipient } from 'ob3kit/verify';
 * const r: KnownRecipient = { identity: 'learner@example.com', type: 'emailAddress' };
 * ```
 */
export type KnownRecipient =
  | string
  | {
      /** The plaintext identity (email address, URL, DID, ...). */
      identity: string;
      /** The identity type (`emailAddress`, `url`, `did`, ... from IdentifierTypeEnum). */
      type?: string;
    };

/**
 * Resource limits (all optional; the defaults suit badges of ordinary size).
 *
 * @example
 * ```ts
 * import { verify } from 'ob3kit/verify';
 * await verify(upload, { limits: { maxInputBytes: 2 * 1024 * 1024, maxEndorsements: 20 } });
 * ```
 */
export interface VerifyLimits {
  /** Largest input accepted, in bytes (default 16 MiB). */
  maxInputBytes?: number;
  /** Most endorsements verified in one run, nested ones included (default 100). */
  maxEndorsements?: number;
  /** Deepest JSON nesting accepted (default 64). */
  maxJsonDepth?: number;
  /** Most credentials of one presentation that are verified (default 100); the rest are a warning. */
  maxCredentials?: number;
  /** Most network requests through `fetch` in one run, nested verifications included (default 64). */
  maxFetches?: number;
  /** Time allowed for one request through `fetch`, body included, in ms (default 10,000). */
  fetchTimeoutMs?: number;
  /** Most bytes read through `fetch` in one run, all documents together (default 16 MiB). */
  maxFetchBytes?: number;
  /** Largest document read through `fetch`, in bytes (default 4 MiB). */
  maxDocumentBytes?: number;
  /** Most decoded status list bytes in one run, all lists together (default 64 MiB). */
  maxStatusListTotalBytes?: number;
  /**
   * Most credentials bundled in CLRs that are verified in one run, all records together
   * (default 200); the rest are a warning (`credential_limit`).
   */
  maxBundledCredentials?: number;
  /**
   * Most canonicalization work in one run, in the units of `maxCanonizeWork` (which bounds each
   * document), every JSON-LD conversion and canonicalization of the run together: the input,
   * its endorsements and presented or bundled credentials, each for the `jsonld` check and for
   * its proofs (default 8,000,000: twice one document's bound). Past it, the remaining
   * documents fail `jsonld_too_large` (and their proofs cannot be checked).
   */
  maxCanonizeWorkTotal?: number;
}

/**
 * An application profile `verify()` can check badges against when asked (`options.profiles`):
 * its `name`, and `check`, a pure function from the credential to report entries.
 *
 * @example
 * ```ts
 * import { verify, type ApplicationProfile } from 'ob3kit/verify';
 * const hasImage: ApplicationProfile = {
 *   name: 'has-image',
 *   check: (c) => [{ id: 'has_image', outcome: 'image' in c ? 'pass' : 'warn' }],
 * };
 * const report = await verify(badge, { profiles: [hasImage] });
 * ```
 */
export interface ApplicationProfile {
  /** A name for the profile (for messages). */
  readonly name: string;
  /** The profile's entries for one credential; must not throw for a bad credential. */
  check(credential: Record<string, unknown>): CheckResult[];
}

/**
 * Options of `verify` and `verifyCredential`.
 *
 * @example
 * ```ts
 * import { verify, type VerifyOptions } from 'ob3kit/verify';
 * const options: VerifyOptions = {
 *   now: new Date('2025-06-01T00:00:00Z'),
 *   documents: { 'https://issuer.example/status/1': statusListCredential },
 *   recipient: 'did:example:learner',
 * };
 * const report = await verify(badge, options);
 * ```
 */
export interface VerifyOptions {
  /** The current time (default `new Date()`). */
  now?: Date;
  /**
   * Network access. Without it nothing is fetched: checks that need a remote document use
   * `documents` or report `skip`/`warn` with a code. With it, requests follow ob3kit's fetch
   * rules: https only, no redirects followed, no private addresses, bounded size, time and
   * count (`limits`), each URL at most once a run.
   */
  fetch?: FetchLike;
  /**
   * Let requests reach loopback, private, link-local and unique-local addresses and local
   * names (`localhost`, `10.0.0.0/8`, `192.168.0.0/16`, `::1`, `*.local`, ...). Default `false`:
   * such URLs fail with `fetch_private_address`. Meant for tests against a local https server.
   */
  allowPrivateAddresses?: boolean;
  /** Documents by URL (status lists, DID documents, key documents, issuer profiles, schemas). */
  documents?: Record<string, unknown>;
  /** Extra JSON-LD contexts by URL, on top of the bundled ones. */
  contexts?: Record<string, object>;
  /** DID resolvers by method name (`{ ion: async (did) => didDocument }`), for key resolution. */
  resolvers?: Record<string, DidResolver>;
  /**
   * How far a JWK published at an https `kid` (a bare JWK or JWK Set, naming no controller)
   * speaks for an issuer or holder: `'path'` (default) for the id at its URL or one path segment
   * above it; `'origin'` for any id on its origin (only for hosts that serve one party). See
   * docs/jwt.md.
   */
  webJwkBinding?: 'path' | 'origin';
  /** The recipient identity to check against `credentialSubject.id` / `identifier`. */
  recipient?: KnownRecipient;
  /** For presentations: the expected challenge (nonce). */
  challenge?: string;
  /** For presentations: the expected domain. */
  domain?: string;
  /**
   * Which rules a credential is verified by: `'auto'` (default) picks `clr` for a CLR 2.0 record
   * (`ClrCredential`), `ob3` for a credential typed `OpenBadgeCredential`,
   * `AchievementCredential` or `EndorsementCredential` and `vc` for any other; `'ob3'` verifies
   * every credential as an Open Badge (a plain VC then fails the Open Badges checks; a CLR record
   * stays `clr`); `'vc'` checks only the VC Data Model rules, proofs, status and validity (a CLR's
   * bundled credentials are then not verified). Applies to the credential and to the credentials
   * of a presentation; endorsements are always Open Badges. The report says which one was used
   * (`report.profile`).
   */
  profile?: 'auto' | 'ob3' | 'vc';
  /** How deep endorsements of endorsements are followed (default 3; 0 checks none). */
  maxEndorsementDepth?: number;
  /**
   * For a CLR: a bundled credential without a proof of its own is invalid. By default it is a
   * warning when the record's own proof verifies (its issuer vouches for what it bundles, as the
   * CLR specification allows), and invalid otherwise. See docs/stacking.md.
   */
  requireNestedProofs?: boolean;
  /**
   * Application profiles to check each badge against, on request only (never by default): for
   * example `euMicroCredentialProfile` from `ob3kit/model`, which adds `eu_profile` entries
   * naming each element of the EU Council Recommendation on micro-credentials (Annex I) that the
   * badge lacks (see docs/eu-profile.md). Applies to every badge verified in the run (those a
   * presentation or a CLR carries included), not to endorsements.
   */
  profiles?: readonly ApplicationProfile[];
  /** Resource limits. */
  limits?: VerifyLimits;
  /**
   * How the verdict is reached: `'default'` (trust decisions; conformance findings are
   * warnings) or `'conformance'` (conformance errors are `invalid`, as 1EdTech's validator).
   */
  policy?: VerifyPolicy;
}
