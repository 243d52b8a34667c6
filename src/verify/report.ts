/**
 * The report: the verdict under a policy, the four answers, and the plain-text rendering.
 */
import { isObject } from '../internal/json.js';
import { classifyCheck } from './codes.js';
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
    if (c.outcome !== 'pass') {
      if (category === 'conformance' && c.outcome !== 'skip') entry.fixBy = 'issuer';
      else if (category === 'completeness' && c.code && VERIFIER_FIXABLE.has(c.code))
        entry.fixBy = 'verifier';
    }
    return entry;
  });
  const checks = strict.map((c) => {
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
  const openChecks = indexes(
    strict,
    (c) => c.category === 'completeness' && c.unchecked !== undefined && matters.has(c.unchecked),
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

// ---------------------------------------------------------------------------------------------
// Plain-text rendering.

const MARK: Record<CheckResult['outcome'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  skip: 'SKIP',
};

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim().length > 0) return value.trim();
  // A language map or a multilingual value: the first string.
  if (isObject(value)) {
    for (const v of Object.values(value)) if (typeof v === 'string') return v;
  }
  return undefined;
}

function oneLine(s: string, max = 160): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function first<T>(value: T | T[] | undefined): T | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function partyText(party: unknown): string | undefined {
  if (typeof party === 'string') return `<${party}>`;
  if (!isObject(party)) return undefined;
  const name = text(party.name);
  const id = typeof party.id === 'string' ? `<${party.id}>` : undefined;
  const both = [name, id].filter(Boolean).join(' ');
  return both.length > 0 ? both : undefined;
}

function recipientText(subject: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  const name = text(subject.name);
  if (name) parts.push(name);
  if (typeof subject.id === 'string') parts.push(`<${subject.id}>`);
  const ids = Array.isArray(subject.identifier) ? subject.identifier : [subject.identifier];
  for (const idObj of ids) {
    if (!isObject(idObj)) continue;
    const type = typeof idObj.identityType === 'string' ? idObj.identityType : 'identifier';
    const hashed = idObj.hashed === true;
    if (typeof idObj.identityHash === 'string') {
      parts.push(hashed ? `${type} (hashed)` : `${type} ${idObj.identityHash}`);
    }
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** The lines a person reads first: what was achieved, by whom, from whom, when. */
function describe(report: VerificationReport): string[] {
  const c = report.credential;
  if (!isObject(c)) return [];
  const lines: [string, string][] = [];
  if (report.ob2) {
    const badge = report.ob2.badgeClass as Record<string, unknown> | undefined;
    if (isObject(badge)) {
      const name = text(badge.name);
      const description = text(badge.description);
      if (name) lines.push(['Achievement', description ? `${name}: ${description}` : name]);
      const criteria = isObject(badge.criteria) ? text(badge.criteria.narrative) : undefined;
      if (criteria) lines.push(['Criteria', criteria]);
      else if (typeof badge.criteria === 'string') lines.push(['Criteria', badge.criteria]);
    }
    const recipient = isObject(c.recipient) ? c.recipient : undefined;
    if (recipient) {
      const type = typeof recipient.type === 'string' ? recipient.type : 'identity';
      lines.push([
        'Recipient',
        recipient.hashed === true ? `${type} (hashed)` : `${type} ${String(recipient.identity)}`,
      ]);
    }
    const issuer = partyText(report.ob2.issuer);
    if (issuer) lines.push(['Issuer', issuer]);
    if (typeof c.issuedOn === 'string') lines.push(['Issued', c.issuedOn]);
    lines.push(['Valid until', typeof c.expires === 'string' ? c.expires : 'no end date']);
    return lines.map(([k, v]) => `  ${`${k}:`.padEnd(14)}${oneLine(v)}`);
  }
  const types = Array.isArray(c.type) ? c.type : [c.type];
  if (types.includes('VerifiablePresentation')) {
    const holder = partyText(c.holder);
    const n = report.credentials?.length ?? 0;
    lines.push(['Presentation', `${n} credential(s)${holder ? `, presented by ${holder}` : ''}`]);
    return lines.map(([k, v]) => `  ${`${k}:`.padEnd(14)}${oneLine(v)}`);
  }
  const subject = first(c.credentialSubject as unknown);
  const achievement = isObject(subject) ? first(subject.achievement as unknown) : undefined;
  if (isObject(achievement)) {
    const name = text(achievement.name);
    const description = text(achievement.description);
    if (name) lines.push(['Achievement', description ? `${name}: ${description}` : name]);
    const criteria = isObject(achievement.criteria)
      ? (text(achievement.criteria.narrative) ?? text(achievement.criteria.id))
      : undefined;
    if (criteria) lines.push(['Criteria', criteria]);
  } else if (text(c.name)) {
    lines.push(['Credential', text(c.name) as string]);
  }
  if (isObject(subject)) {
    if (types.includes('EndorsementCredential')) {
      const about = typeof subject.id === 'string' ? `<${subject.id}>` : undefined;
      const comment = text(subject.endorsementComment);
      if (about) lines.push(['Endorses', about]);
      if (comment) lines.push(['Comment', comment]);
    } else {
      const recipient = recipientText(subject);
      lines.push(['Recipient', recipient ?? '(not named)']);
    }
  }
  const issuer = partyText(c.issuer);
  if (issuer) lines.push(['Issuer', issuer]);
  const issued = text(c.awardedDate) ?? text(c.validFrom) ?? text(c.issuanceDate);
  if (issued) lines.push(['Issued', issued]);
  lines.push(['Valid until', text(c.validUntil) ?? text(c.expirationDate) ?? 'no end date']);
  return lines.map(([k, v]) => `  ${`${k}:`.padEnd(14)}${oneLine(v)}`);
}

/** The first message among the entries an answer rests on that match `keep`. */
function reason(
  report: VerificationReport,
  a: Answer,
  keep: (c: CheckResult) => boolean,
): string | undefined {
  for (const i of a.checks) {
    const c = report.checks[i];
    if (c && keep(c)) return c.message ?? c.code;
  }
  return undefined;
}

function answerLines(report: VerificationReport): string[] {
  const { authentic, inForce, fullyChecked, conformant } = report.answers;
  const failed = (c: CheckResult) => c.outcome === 'fail' || c.outcome === 'warn';
  const open = (c: CheckResult) => c.category === 'completeness';
  const lines: [string, string][] = [];
  const say = (a: Answer, yes: string, no: string, open_: string) =>
    a.value === 'yes' ? yes : a.value === 'no' ? no : open_;
  lines.push([
    'Authentic',
    say(
      authentic,
      report.credential && report.format === 'presentation'
        ? 'yes: the holder signed it and every credential in it is authentic'
        : "yes: a proof verified with the issuer's key",
      `NO: ${reason(report, authentic, (c) => c.outcome === 'fail' && c.category !== 'completeness') ?? 'not authentic'}`,
      `unknown: ${reason(report, authentic, open) ?? reason(report, authentic, failed) ?? 'no proof could be checked'}`,
    ),
  ]);
  const noStatus = report.checks.some((c) => c.code === 'status_absent');
  lines.push([
    'In force',
    say(
      inForce,
      noStatus
        ? 'yes: within its validity period (it has no revocation status to check)'
        : 'yes: not revoked or suspended, within its validity period',
      `NO: ${reason(report, inForce, (c) => c.outcome === 'fail' && c.category === 'inForce') ?? 'not in force'}`,
      `unknown: ${reason(report, inForce, open) ?? reason(report, inForce, failed) ?? 'its status could not be checked'}`,
    ),
  ]);
  const openCount = fullyChecked.checks.length;
  lines.push([
    'Fully checked',
    fullyChecked.value === 'yes'
      ? 'yes'
      : openCount > 0
        ? `NO: ${openCount} thing(s) could not be checked (see [${MARK.warn}] below)`
        : 'NO: verification stopped early',
  ]);
  const findings = conformant.checks.filter((i) => {
    const c = report.checks[i];
    return (
      c !== undefined &&
      (c.outcome === 'fail' || c.outcome === 'warn') &&
      c.category === 'conformance'
    );
  }).length;
  lines.push([
    'Conformant',
    conformant.value === 'yes'
      ? findings > 0
        ? `yes, with ${findings} warning(s) for the issuer`
        : 'yes'
      : conformant.value === 'no'
        ? `no: ${findings} finding(s) the issuer should fix (below)`
        : 'unknown: not every Open Badges rule could be checked',
  ]);
  return lines.map(([k, v]) => `  ${`${k}:`.padEnd(16)}${oneLine(v, 200)}`);
}

function renderInto(lines: string[], report: VerificationReport, indent: string, title: string) {
  lines.push(
    `${indent}${title}: ${report.verdict.toUpperCase()} (policy: ${report.policy}, format: ${report.format})`,
  );
  for (const l of describe(report)) lines.push(`${indent}${l}`);
  for (const l of answerLines(report)) lines.push(`${indent}${l}`);
  lines.push(`${indent}  Checks:`);
  for (const c of report.checks) {
    let line = `${indent}    [${MARK[c.outcome]}] ${c.id}`;
    if (c.code) line += ` (${c.code})`;
    if (c.message) line += `: ${c.message}`;
    if (c.path && c.path !== '$') line += ` at ${c.path}`;
    lines.push(line);
  }
  if (report.refreshed) renderInto(lines, report.refreshed, `${indent}  `, 'Refreshed credential');
  // A presentation carries credentials; a CLR bundles them.
  const type = (report.credential as { type?: unknown } | undefined)?.type;
  const clr = type === 'ClrCredential' || (Array.isArray(type) && type.includes('ClrCredential'));
  const label = clr ? 'Bundled credential' : 'Credential';
  report.credentials?.forEach((r, i) => {
    renderInto(lines, r, `${indent}  `, `${label} ${i + 1}`);
  });
  report.endorsements?.forEach((r, i) => {
    renderInto(lines, r, `${indent}  `, `Endorsement ${i + 1}`);
  });
}

/**
 * Render a report as plain text (no colour), for logs and the command line: the verdict, what
 * the credential says (achievement, recipient, issuer, dates), the four answers in plain words,
 * then one check a line; nested reports indented.
 *
 * @example
 * ```ts
 * import { verify, formatReport } from 'ob3kit/verify';
 * const report = await verify(credentialJson);
 * console.log(formatReport(report));
 * // Verdict: VALID (policy: default, format: json)
 * //   Achievement:  Teamwork: Works well in a team.
 * //   ...
 * //   Authentic:      yes: a proof verified with the issuer's key
 * //   ...
 * ```
 */
export function formatReport(report: VerificationReport): string {
  if (
    !report ||
    typeof report !== 'object' ||
    !Array.isArray(report.checks) ||
    !isObject(report.answers)
  ) {
    throw new TypeError('formatReport: expected a VerificationReport');
  }
  const lines: string[] = [];
  renderInto(lines, report, '', 'Verdict');
  return `${lines.join('\n')}\n`;
}
