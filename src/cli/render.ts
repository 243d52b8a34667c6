/** Rendering the library's verification report for a person, with optional colour. */

import type { CheckResult, VerificationReport } from '../verify/index.js';
import { formatReport } from '../verify/index.js';
import type { Palette } from './color.js';

/**
 * Library wording that names the library's options, and what it is on the command line.
 * Applied to report messages so that they name the flags a person can pass.
 */
const CLI_WORDS: Array<[RegExp, string]> = [
  [
    /\(pass it in documents, or pass fetch\)/g,
    '(give it with --document <url>=<file>, or pass --allow-network)',
  ],
  [
    /no fetch was given \(pass options\.fetch or options\.documents\)/g,
    'the network is not allowed (give it with --document <url>=<file>, or pass --allow-network)',
  ],
  [
    /\(no fetch allowed, not in documents\)/g,
    '(offline: give it with --document <url>=<file>, or pass --allow-network)',
  ],
  [
    /is not among the given documents and no fetch was allowed/g,
    'was not given with --document, and --allow-network was not given',
  ],
  [
    /pass options\.resolvers\.(\w+)/g,
    'the command line resolves did:key, did:jwk and did:web only (give the DID document with --document <did>=<file>)',
  ],
  [/options\.contexts|`contexts`/g, '--context <url>=<file>'],
  [/\(verifyListCredential: false\)/g, ''],
  [/\blimits\.(max\w+)/g, 'the $1 limit'],
  [/\bmaxEndorsementDepth\b/g, 'the endorsement depth limit'],
  [
    /\biTXt chunk\b/,
    'iTXt chunk (the text chunk of a PNG in which a badge image carries its credential)',
  ],
];

/**
 * A report message in the command line's language: library option names replaced by the flags
 * that do the same (`--document <url>=<file>`, `--allow-network`, `--context`), a PNG's "iTXt
 * chunk" explained.
 *
 * @example
 * ```ts
 * cliMessage('x is needed and no fetch was given (pass it in documents, or pass fetch)');
 * // 'x is needed and no fetch was given (give it with --document <url>=<file>, or pass --allow-network)'
 * ```
 */
export function cliMessage(message: string): string {
  let out = message;
  for (const [from, to] of CLI_WORDS) out = out.replace(from, to);
  return out;
}

/**
 * A hint for an entry the person running the command can act on (a document that could not be
 * had offline, an unsupported DID method), in the command line's terms; `undefined` otherwise.
 */
function hintFor(c: CheckResult): string | undefined {
  if (c.fixBy !== 'verifier' || c.outcome === 'pass') return undefined;
  const url = /\b((?:https?:\/\/|did:)[^\s,;)'"]+)/
    .exec(c.message ?? '')?.[1]
    ?.replace(/[.:]$/, '');
  const doc = url ? `--document ${url.split('#')[0]}=<file>` : '--document <url>=<file>';
  switch (c.code) {
    case 'context_unknown':
    case 'jsonld_context_unknown':
      return 'give the context with --context <url>=<file> (JSON-LD contexts are never fetched)';
    case 'verification_method_unsupported':
      return 'give the DID document with --document <did>=<file>';
    case 'endorsement_depth_exceeded':
    case 'endorsement_limit':
    case 'credential_limit':
      return undefined;
    default:
      return `to check it: give it with ${doc}, or pass --allow-network`;
  }
}

/**
 * The same report with its messages in the command line's language (see {@link cliMessage}),
 * nested reports included. The answers' indexes stay valid (entries are not reordered).
 *
 * @example
 * ```ts
 * const forPeople = inCliLanguage(report);
 * ```
 */
export function inCliLanguage(report: VerificationReport): VerificationReport {
  const checks = report.checks.map((c) =>
    c.message === undefined ? c : { ...c, message: cliMessage(c.message) },
  );
  const out: VerificationReport = { ...report, checks };
  if (report.endorsements) out.endorsements = report.endorsements.map(inCliLanguage);
  if (report.credentials) out.credentials = report.credentials.map(inCliLanguage);
  if (report.refreshed) out.refreshed = inCliLanguage(report.refreshed);
  return out;
}

/**
 * The library's plain-text report in the command line's language, each entry the person can act
 * on followed by what to pass; outcome tags, answers and the verdict coloured when the palette is
 * enabled (never otherwise).
 *
 * @example
 * ```ts
 * io.out(renderReport(report, createPalette(false)));
 * ```
 */
export function renderReport(report: VerificationReport, c: Palette): string {
  const cli = inCliLanguage(report);
  const lines = formatReport(cli).split('\n');
  // Hints go under the entries they are about, matched in report order.
  const hints = new Map<string, string[]>();
  const collect = (r: VerificationReport) => {
    for (const entry of r.checks) {
      const hint = hintFor(entry);
      if (!hint) continue;
      const key = `[${entry.outcome.toUpperCase()}] ${entry.id}${entry.code ? ` (${entry.code})` : ''}`;
      const list = hints.get(key) ?? [];
      list.push(hint);
      hints.set(key, list);
    }
    r.refreshed && collect(r.refreshed);
    r.credentials?.forEach(collect);
    r.endorsements?.forEach(collect);
  };
  collect(cli);
  const out: string[] = [];
  for (const line of lines) {
    out.push(line);
    const m = /^(\s*)(\[(?:WARN|FAIL|SKIP)\] \S+(?: \([a-z0-9_]+\))?)/.exec(line);
    const list = m ? hints.get(m[2] as string) : undefined;
    const hint = list?.shift();
    if (m && hint) out.push(`${m[1]}       → ${hint}`);
  }
  if (!c.enabled) return out.join('\n');
  const ANSWER = /^(\s*(?:Authentic|In force|Fully checked|Conformant):\s+)(yes|NO|no|unknown)\b/;
  return out
    .map((line) => {
      const a = ANSWER.exec(line);
      if (a) {
        const word = a[2] as string;
        const paint = word === 'yes' ? c.green : word === 'unknown' ? c.yellow : c.red;
        return `${a[1]}${paint(word)}${line.slice(a[0].length)}`;
      }
      return line
        .replace(/\[PASS\]/g, c.green('[PASS]'))
        .replace(/\[FAIL\]/g, c.red('[FAIL]'))
        .replace(/\[WARN\]/g, c.yellow('[WARN]'))
        .replace(/\[SKIP\]/g, c.dim('[SKIP]'))
        .replace(/^(\s*\S[^:]*: )(VALID|INVALID|WARNING)\b/, (_, head: string, v: string) => {
          const paint = v === 'VALID' ? c.green : v === 'INVALID' ? c.red : c.yellow;
          return `${head}${c.bold(paint(v))}`;
        });
    })
    .join('\n');
}
