/**
 * `formatReport`: the plain-text rendering of a report. Kept apart from the report's assembly
 * (report.ts), which code that `verify()` loads on demand imports: if the root barrel
 * re-exported a function of that module, esbuild would move the module, and everything it
 * imports, into the first chunk of every app that imports anything from 'ob3kit'.
 */
import { isObject } from '../internal/json.js';
import type { Answer, CheckResult, VerificationReport } from './types.js';

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
