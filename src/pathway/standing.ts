/**
 * Whether a verified credential counts towards a pathway (internal): read from its verification
 * report, check by check, so that "counts" means authentic, in force and about a completed
 * achievement, never merely "not invalid".
 */
import { isObject, type JsonObject } from '../internal/json.js';
import type { VerificationReport } from '../verify/types.js';
import type { CredentialRef, CredentialStanding, ExclusionCode } from './types.js';

function listOf(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function typesOf(v: unknown): string[] {
  return listOf(v).filter((x): x is string => typeof x === 'string');
}

/** The one credential subject of a badge, or undefined (none, several, not an object). */
export function subjectOf(credential: JsonObject): JsonObject | undefined {
  const s = credential.credentialSubject;
  if (Array.isArray(s)) return s.length === 1 && isObject(s[0]) ? s[0] : undefined;
  return isObject(s) ? s : undefined;
}

/** The issuer id of a credential. */
export function issuerOf(credential: JsonObject): string | undefined {
  const i = credential.issuer;
  if (typeof i === 'string') return i;
  return isObject(i) && typeof i.id === 'string' ? i.id : undefined;
}

/** The reference of a credential in an evaluation. */
export function refOf(index: number, credential: JsonObject | undefined): CredentialRef {
  const ref: CredentialRef = { index };
  if (!credential) return ref;
  if (typeof credential.id === 'string') ref.id = credential.id;
  if (typeof credential.name === 'string') ref.name = credential.name;
  const s = subjectOf(credential);
  const a = s?.achievement;
  if (isObject(a)) {
    if (typeof a.id === 'string') ref.achievementId = a.id;
    if (typeof a.name === 'string') ref.achievementName = a.name;
  }
  const issuer = issuerOf(credential);
  if (issuer) ref.issuer = issuer;
  const i = credential.issuer;
  if (isObject(i) && typeof i.name === 'string') ref.issuerName = i.name;
  return ref;
}

/** Credits a credential carries: creditsEarned, else the achievement's creditsAvailable. */
export function creditsOf(credential: JsonObject): number {
  const s = subjectOf(credential);
  if (!s) return 0;
  const earned = s.creditsEarned;
  if (typeof earned === 'number' && Number.isFinite(earned) && earned >= 0) return earned;
  const a = s.achievement;
  const available = isObject(a) ? a.creditsAvailable : undefined;
  return typeof available === 'number' && Number.isFinite(available) && available >= 0
    ? available
    : 0;
}

const BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

/** The first check entries of `id` with the given outcome. */
function has(report: VerificationReport, id: string, outcome: string, code?: string): boolean {
  return report.checks.some(
    (c) => c.id === id && c.outcome === outcome && (code === undefined || c.code === code),
  );
}

function exclude(
  index: number,
  credential: JsonObject | undefined,
  reason: ExclusionCode,
  message: string,
): CredentialStanding {
  return { ...refOf(index, credential), counts: false, reason, message, credits: 0 };
}

/**
 * The standing of one verified credential: it counts when it is an Open Badges 3.0
 * AchievementCredential whose report answers `authentic: yes` (a proof verified with the
 * issuer's key) and `inForce: yes` (not revoked or suspended, its status checked, inside its
 * validity period; `acceptUncheckedStatus` lets `unknown` count), that is not invalid for any
 * other reason (under the report's policy), with one subject, and with no result whose status is
 * other than `Completed`.
 */
export function standingOf(
  index: number,
  report: VerificationReport,
  options: { acceptUncheckedStatus?: boolean },
): CredentialStanding {
  const credential = isObject(report.credential) ? (report.credential as JsonObject) : undefined;
  if (!credential)
    return exclude(index, undefined, 'unreadable', 'The input could not be read as a credential');
  const types = typesOf(credential.type);
  if (!types.some((t) => BADGE_TYPES.includes(t)) || types.includes('ClrCredential')) {
    return exclude(
      index,
      credential,
      'not_a_badge',
      'Not an Open Badges 3.0 AchievementCredential',
    );
  }
  // The report's answers decide (authentic, in force); the entries behind them say why not.
  const { authentic, inForce } = report.answers;
  if (authentic.value === 'no') {
    return exclude(
      index,
      credential,
      'not_authentic',
      "Its proof, or its issuer's key, does not verify",
    );
  }
  if (inForce.value === 'no') {
    if (has(report, 'status', 'fail', 'status_revoked'))
      return exclude(index, credential, 'revoked', 'Revoked by its issuer');
    if (has(report, 'status', 'fail', 'status_suspended'))
      return exclude(index, credential, 'suspended', 'Suspended by its issuer');
    if (has(report, 'validity', 'fail', 'expired'))
      return exclude(index, credential, 'expired', 'Expired');
    if (has(report, 'validity', 'fail', 'not_yet_valid'))
      return exclude(index, credential, 'not_yet_valid', 'Not yet valid');
    return exclude(index, credential, 'invalid', 'It is not in force');
  }
  if (report.verdict === 'invalid')
    return exclude(index, credential, 'invalid', 'Its verification report is invalid');
  if (authentic.value !== 'yes') {
    return exclude(
      index,
      credential,
      'proof_unchecked',
      'Its proof was not verified (no key without network, or no proof of its own)',
    );
  }
  if (inForce.value !== 'yes' && !options.acceptUncheckedStatus) {
    return exclude(
      index,
      credential,
      'status_unchecked',
      'It has a status (revocation) entry that was not checked; allow fetching or pass the status list in documents',
    );
  }
  const subject = subjectOf(credential);
  if (!subject)
    return exclude(
      index,
      credential,
      'ambiguous_subject',
      'It does not have exactly one credential subject',
    );
  for (const r of listOf(subject.result)) {
    if (isObject(r) && r.status !== undefined && r.status !== 'Completed') {
      return exclude(
        index,
        credential,
        'not_completed',
        `A result's status is ${JSON.stringify(r.status)}, not "Completed"`,
      );
    }
  }
  return { ...refOf(index, credential), counts: true, credits: creditsOf(credential) };
}
