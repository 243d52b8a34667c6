import type { CheckResult, Verdict, VerificationReport } from './types.js';

/**
 * The verdict of a list of check results: any `fail` gives `invalid`; otherwise any `warn`
 * gives `warning`; otherwise `valid`. `skip` entries do not count.
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

const MARK: Record<CheckResult['outcome'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  skip: 'SKIP',
};

function describeCredential(credential: object | undefined): string | undefined {
  if (!credential || typeof credential !== 'object') return undefined;
  const c = credential as Record<string, unknown>;
  const parts: string[] = [];
  const types = Array.isArray(c.type) ? c.type : c.type === undefined ? [] : [c.type];
  const mainType = types.filter((t) => typeof t === 'string' && t !== 'VerifiableCredential')[0];
  if (typeof mainType === 'string') parts.push(mainType);
  if (typeof c.name === 'string') parts.push(JSON.stringify(c.name));
  if (typeof c.id === 'string') parts.push(`<${c.id}>`);
  const issuer = c.issuer;
  if (typeof issuer === 'string') parts.push(`issued by ${issuer}`);
  else if (issuer && typeof issuer === 'object') {
    const i = issuer as Record<string, unknown>;
    const name = typeof i.name === 'string' ? i.name : undefined;
    const id = typeof i.id === 'string' ? i.id : undefined;
    if (name || id) parts.push(`issued by ${[name, id && `<${id}>`].filter(Boolean).join(' ')}`);
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function renderInto(lines: string[], report: VerificationReport, indent: string, title: string) {
  lines.push(`${indent}${title}: ${report.verdict.toUpperCase()} (format: ${report.format})`);
  const about = describeCredential(report.credential);
  if (about) lines.push(`${indent}  ${about}`);
  for (const c of report.checks) {
    let line = `${indent}  [${MARK[c.outcome]}] ${c.id}`;
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
 * Render a report as plain text (no colour, one check a line, nested reports indented), for
 * logs and the command line.
 *
 * @example
 * ```ts
 * import { verify, formatReport } from 'ob3kit/verify';
 * const report = await verify(credentialJson);
 * console.log(formatReport(report));
 * // Verdict: WARNING (format: json)
 * //   OpenBadgeCredential "Teamwork Badge" <urn:uuid:...> issued by Example Corp <did:key:...>
 * //   [PASS] parse
 * //   ...
 * ```
 */
export function formatReport(report: VerificationReport): string {
  if (!report || typeof report !== 'object' || !Array.isArray(report.checks)) {
    throw new TypeError('formatReport: expected a VerificationReport');
  }
  const lines: string[] = [];
  renderInto(lines, report, '', 'Verdict');
  return `${lines.join('\n')}\n`;
}
