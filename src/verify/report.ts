/**
 * The report: the verdict under a policy and the four answers (the plain-text rendering is in
 * format.ts).
 */
import { classifyCheck, isAdvisory } from './codes.js';
import {
  type Answer,
  type CheckCategory,
  type CheckResult,
  REPORT_VERSION,
  type ReportAnswers,
  type UncheckedQuestion,
  type Verdict,
  type VerificationProfile,
  type VerificationReport,
  type VerifyPolicy,
} from './types.js';

/**
 * The verdict of a list of check results: any `fail` gives `invalid`; otherwise any `warn`
 * gives `warning`; otherwise `valid`. `skip` entries do not count. The outcomes are taken as
 * they are (a report's entries already follow its policy).
 *
 * @example
 * ```ts
 * import { computeVerdict } from 'ob3kit/verify';
 * computeVerdict([{ id: 'proof', outcome: 'pass' }, { id: 'status', outcome: 'warn' }]); // 'warning'
 * ```
 */
export function computeVerdict(checks: readonly CheckResult[]): Verdict {
  let verdict: Verdict = 'valid';
  for (const c of checks) {
    if (c.outcome === 'fail') return 'invalid';
    if (c.outcome === 'warn') verdict = 'warning';
  }
  return verdict;
}

/** Codes of `completeness` entries the verifier can resolve (a document, a resolver, a limit). */
const VERIFIER_FIXABLE = new Set([
  'proof_unchecked_offline',
  'presentation_unchecked_offline',
  'status_unchecked_offline',
  'status_list_proof_unchecked',
  'credential_schema_unchecked_offline',
  'context_unknown',
  'jsonld_context_unknown',
  'verification_method_unsupported',
  'verification_method_offline',
  'jwt_key_unresolved',
  'ob2_hosted_unchecked_offline',
  'ob2_unchecked_offline',
  'status_unchecked',
  'endorsement_depth_exceeded',
  'endorsement_limit',
  'credential_limit',
]);

/** The questions whose "could not be checked" matters under each policy. */
const MATTERS: Record<VerifyPolicy, ReadonlySet<UncheckedQuestion>> = {
  default: new Set(['authenticity', 'inForce']),
  conformance: new Set(['authenticity', 'inForce', 'conformance']),
};

/** The checks a credential's answers need to have run (the pipeline stops early otherwise). */
const AUTHENTIC_CHECKS = ['proof'];
const IN_FORCE_CHECKS = ['status', 'validity'];
/** Open Badges and CLR: the schema check; the `vc` profile: the data model check. */
const CONFORMANCE_CHECKS = ['schema'];
const VC_CONFORMANCE_CHECKS = ['data_model'];

/** The strict outcomes of each report's entries (before the policy), for re-finalising. */
const PARTS = new WeakMap<VerificationReport, ReportParts>();

/** What a report is built from: the entries with their strict outcomes, and nested reports. */
export interface ReportParts {
  format: VerificationReport['format'];
  credential?: object | undefined;
  /** The entries, with the outcomes the checks gave (the `conformance` policy's). */
  checks: CheckResult[];
  endorsements?: VerificationReport[] | undefined;
  credentials?: VerificationReport[] | undefined;
  refreshed?: VerificationReport | undefined;
  /** For a presentation: its answers also rest on the credentials it carries. */
  presentation?: boolean;
  /** For an Open Badges 2.0 assertion: its codes are classified by the 2.0 rules. */
  profile?: 'ob2';
  /** The rules a credential was verified by (`report.profile`). */
  verificationProfile?: VerificationProfile | undefined;
}

/**
 * What a nested report (a presented or bundled credential) that is `invalid` means for its
 * parent: the category of the parent's summary entry (unreadable or a security rule broken, not
 * authentic, not in force, else not conformant). Internal.
 */
export function nestedCategory(report: VerificationReport): CheckCategory {
  if (report.checks.some((c) => c.category === 'security' && c.outcome === 'fail')) {
    return 'security';
  }
  if (report.answers.authentic.value === 'no') return 'authenticity';
  if (report.answers.inForce.value === 'no') return 'inForce';
  return 'conformance';
}

/** For a nested report not fully checked: the first question it leaves open. Internal. */
export function nestedOpenQuestion(report: VerificationReport): UncheckedQuestion {
  const { authentic, inForce } = report.answers;
  if (authentic.value !== 'yes') return 'authenticity';
  if (inForce.value !== 'yes') return 'inForce';
  return 'conformance';
}

/**
 * The report with its entries (as the checks gave them, before the policy) changed by `edit`,
 * its verdict and answers computed again. Internal.
 */
export function mapChecks(
  report: VerificationReport,
  edit: (c: CheckResult) => CheckResult,
): VerificationReport {
  const parts = partsOf(report);
  const checks = parts.checks.map((c) => {
    const next = edit(c);
    if (next === c) return c;
    // An edited entry is classified again by its new code.
    const { category: _c, unchecked: _u, fixBy: _f, ...rest } = next;
    return rest as CheckResult;
  });
  return refinalize(report, { ...parts, checks });
}

/**
 * Build a report from its entries under `policy`: classify every entry, demote conformance and
 * completeness failures to warnings under the default policy, compute the verdict and the four
 * answers. Internal.
 */
export function finalizeReport(parts: ReportParts, policy: VerifyPolicy): VerificationReport {
  const advisory = new Set<CheckResult>();
  const strict = parts.checks.map((c) => {
    const { category, unchecked } = classifyCheck(c, parts.profile);
    // A broken security rule (unreadable input, a limit reached, ambiguity) is never a mere
    // warning: what it stopped was not checked, and nothing may pass in its place.
    const entry: CheckResult =
      category === 'security' && c.outcome === 'warn'
        ? { ...c, outcome: 'fail', category }
        : { ...c, category };
    if (unchecked !== undefined) entry.unchecked = unchecked;
    else delete entry.unchecked;
    if (c.outcome === 'warn' && category === 'conformance' && isAdvisory(c)) advisory.add(entry);
    if (c.outcome !== 'pass') {
      if (category === 'conformance' && c.outcome !== 'skip') entry.fixBy = 'issuer';
      else if (category === 'completeness' && c.code && VERIFIER_FIXABLE.has(c.code))
        entry.fixBy = 'verifier';
    }
    return entry;
  });
  const checks = strict.map((c) => {
    if (policy === 'default' && advisory.has(c)) {
      // A form the specifications allow: noted (code and message kept), not a warning.
      const { fixBy: _f, ...rest } = c;
      return { ...rest, outcome: 'pass' as const };
    }
    if (
      policy === 'default' &&
      c.outcome === 'fail' &&
      (c.category === 'conformance' || c.category === 'completeness')
    ) {
      return { ...c, outcome: 'warn' as const };
    }
    return c;
  });
  const answers = computeAnswers(strict, policy, parts);
  const report: VerificationReport = {
    reportVersion: REPORT_VERSION,
    verdict: computeVerdict(checks),
    policy,
    answers,
    format: parts.format,
    ...(parts.verificationProfile ? { profile: parts.verificationProfile } : {}),
    ...(parts.credential ? { credential: parts.credential } : {}),
    checks,
  };
  if (parts.endorsements && parts.endorsements.length > 0) report.endorsements = parts.endorsements;
  if (parts.credentials) report.credentials = parts.credentials;
  if (parts.refreshed) report.refreshed = parts.refreshed;
  PARTS.set(report, { ...parts, checks: strict });
  return report;
}

/**
 * The same report with more entries (given with their strict outcomes), re-finalised under its
 * policy. Internal.
 */
export function withChecks(report: VerificationReport, more: CheckResult[]): VerificationReport {
  const parts = partsOf(report);
  return refinalize(report, { ...parts, checks: [...parts.checks, ...more] });
}

/** What a report was built from (its entries with their strict outcomes). */
function partsOf(report: VerificationReport): ReportParts {
  return (
    PARTS.get(report) ?? {
      format: report.format,
      credential: report.credential,
      checks: report.checks,
      endorsements: report.endorsements,
      credentials: report.credentials,
      refreshed: report.refreshed,
      verificationProfile: report.profile,
      ...(report.ob2 ? { profile: 'ob2' as const } : {}),
    }
  );
}

function refinalize(report: VerificationReport, parts: ReportParts): VerificationReport {
  const next = finalizeReport(parts, report.policy);
  if (report.ob2) next.ob2 = report.ob2;
  return next;
}

function indexes(checks: readonly CheckResult[], keep: (c: CheckResult) => boolean): number[] {
  const out: number[] = [];
  checks.forEach((c, i) => {
    if (keep(c)) out.push(i);
  });
  return out;
}

function answer(value: Answer['value'], checks: number[]): Answer {
  return { value, checks };
}

/** The worst of several answers: any `no`, else any `unknown`, else `yes`. */
function combine(values: Answer['value'][]): Answer['value'] {
  if (values.includes('no')) return 'no';
  if (values.includes('unknown')) return 'unknown';
  return 'yes';
}

function computeAnswers(
  strict: readonly CheckResult[],
  policy: VerifyPolicy,
  parts: ReportParts,
): ReportAnswers {
  const has = (ids: string[]) => ids.every((id) => strict.some((c) => c.id === id));
  const securityFail = strict.some((c) => c.category === 'security' && c.outcome === 'fail');
  const uncheckedAbout = (q: UncheckedQuestion) => (c: CheckResult) =>
    c.category === 'completeness' && c.unchecked === q;
  const security = (c: CheckResult) => c.category === 'security' && c.outcome === 'fail';

  // Authentic: a proof verified, its key bound; nothing says otherwise or left it open.
  const authChecks = indexes(
    strict,
    (c) => c.category === 'authenticity' || uncheckedAbout('authenticity')(c) || security(c),
  );
  const authFail = strict.some((c) => c.category === 'authenticity' && c.outcome === 'fail');
  const proofPassed = strict.some(
    (c) =>
      (c.id === 'proof' || c.id === 'presentation') &&
      c.category === 'authenticity' &&
      c.outcome === 'pass',
  );
  const authOpen = strict.some(uncheckedAbout('authenticity'));
  let authentic: Answer['value'] = authFail
    ? 'no'
    : proofPassed && !authOpen && !securityFail
      ? 'yes'
      : 'unknown';

  // In force: not revoked or suspended, inside the validity period.
  const forceChecks = indexes(
    strict,
    (c) => c.category === 'inForce' || uncheckedAbout('inForce')(c) || security(c),
  );
  const forceFail = strict.some((c) => c.category === 'inForce' && c.outcome === 'fail');
  const forceOpen = strict.some(uncheckedAbout('inForce'));
  let inForce: Answer['value'] = forceFail
    ? 'no'
    : forceOpen || securityFail || !has(IN_FORCE_CHECKS)
      ? 'unknown'
      : 'yes';

  // Fully checked: nothing that matters under the policy was left open, and nothing stopped early.
  const matters = MATTERS[policy];
  // A check that stopped on an unexpected error (`internal_error`, for example a signature the
  // runtime has no crypto for) did not check what it is about.
  const openChecks = indexes(
    strict,
    (c) =>
      (c.category === 'completeness' && c.unchecked !== undefined && matters.has(c.unchecked)) ||
      (c.code === 'internal_error' && c.outcome === 'fail'),
  );
  let fullyChecked: Answer['value'] =
    openChecks.length > 0 || !has([...AUTHENTIC_CHECKS, ...IN_FORCE_CHECKS]) ? 'no' : 'yes';

  // Conformant: no conformance error.
  const confChecks = indexes(
    strict,
    (c) => c.category === 'conformance' || uncheckedAbout('conformance')(c),
  );
  const confFail = strict.some((c) => c.category === 'conformance' && c.outcome === 'fail');
  const confOpen = strict.some(uncheckedAbout('conformance'));
  let conformant: Answer['value'] = confFail
    ? 'no'
    : confOpen ||
        !has(parts.verificationProfile === 'vc' ? VC_CONFORMANCE_CHECKS : CONFORMANCE_CHECKS)
      ? 'unknown'
      : 'yes';

  if (!parts.presentation && parts.credentials && parts.credentials.length > 0 && !confFail) {
    // A record that bundles credentials (CLR) conforms only if each of them does; their
    // authenticity, force and completeness reach it through its `credentials` entries.
    conformant = combine([conformant, ...parts.credentials.map((r) => r.answers.conformant.value)]);
  }
  if (parts.presentation) {
    // A presentation: its own proof (holder binding) and what each credential it carries is.
    const nested = parts.credentials ?? [];
    const presented = strict.some((c) => c.id === 'presentation' && c.outcome === 'pass');
    authentic = authFail
      ? 'no'
      : combine([
          presented && !authOpen && !securityFail ? 'yes' : 'unknown',
          ...nested.map((r) => r.answers.authentic.value),
        ]);
    inForce = forceFail
      ? 'no'
      : combine([
          securityFail || nested.length === 0 ? 'unknown' : 'yes',
          ...nested.map((r) => r.answers.inForce.value),
        ]);
    fullyChecked =
      openChecks.length > 0 || securityFail
        ? 'no'
        : combine(['yes', ...nested.map((r) => r.answers.fullyChecked.value)]) === 'yes'
          ? 'yes'
          : 'no';
    conformant = confFail
      ? 'no'
      : combine([confOpen ? 'unknown' : 'yes', ...nested.map((r) => r.answers.conformant.value)]);
  }
  return {
    authentic: answer(authentic, authChecks),
    inForce: answer(inForce, forceChecks),
    fullyChecked: answer(fullyChecked, openChecks),
    conformant: answer(conformant, confChecks),
  };
}
