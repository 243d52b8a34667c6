/**
 * Types of the verification report and of the options `verify()` accepts.
 *
 * @packageDocumentation
 */
import type { FetchFunction } from '../internal/fetch.js';
import type { DidResolver } from '../keys/index.js';
import type { Ob2Details } from '../ob2/types.js';

/**
 * Overall verdict of a verification, as 1EdTech's validator gives it: any failed check makes
 * the credential `invalid`; otherwise any warning makes it `warning`; otherwise it is `valid`.
 * Skipped checks do not change the verdict (see `docs/verifying.md`).
 *
 * @example
 * ```ts
 * import type { Verdict } from 'ob3kit/verify';
 * const ok = (v: Verdict) => v !== 'invalid';
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
 * A check may contribute several entries (for example one a schema issue).
 *
 * @example
 * ```ts
 * import type { CheckResult } from 'ob3kit/verify';
 * const entry: CheckResult = { id: 'status', outcome: 'warn', code: 'status_unchecked_offline' };
 * ```
 */
export interface CheckResult {
  /** Stable check name: `parse`, `context`, `type`, `schema`, `subject`, `proof`, ... */
  id: string;
  /** `pass`, `fail`, `warn` or `skip`. */
  outcome: CheckOutcome;
  /** Stable snake_case code (for example `status_unchecked_offline`). */
  code?: string;
  /** Human-readable explanation. */
  message?: string;
  /** JSONPath-like location, rooted at `$`. */
  path?: string;
}

/**
 * What `verify()` returns: the verdict, the input format, the credential that was checked and
 * every check's result, with nested reports for endorsements (and, for presentations, for the
 * credentials they carry).
 *
 * @example
 * ```ts
 * import { verify, type VerificationReport } from 'ob3kit/verify';
 * const report: VerificationReport = await verify(credential);
 * const failed = report.checks.filter((c) => c.outcome === 'fail').map((c) => c.code);
 * ```
 */
export interface VerificationReport {
  /** Overall verdict. */
  verdict: Verdict;
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
}
