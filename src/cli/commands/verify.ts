/** `ob3kit verify`: verify credentials in any form and print the reports. */

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { VerificationReport, VerifyOptions, VerifyPolicy } from '../../verify/index.js';
import { verify } from '../../verify/index.js';
import { createPalette, shouldColor } from '../color.js';
import { type Command, dateOpt, stringOpt, stringsOpt } from '../command.js';
import { loadContexts } from '../contexts.js';
import { EXIT_INVALID, EXIT_OK, EXIT_UNCHECKED, EXIT_USAGE, UsageError } from '../errors.js';
import { bytesToText, type Io, loadDocuments, readInput } from '../io.js';
import { renderReport } from '../render.js';

/** A hosted assertion's URL, given instead of a file. */
const URL_ARG = /^https?:\/\/\S+$/i;

/** Characters that make an argument a pattern (expanded here when the shell did not). */
const GLOB = /[*?[]/;

/** Most files one pattern may match. */
const MAX_MATCHES = 10_000;

/**
 * How one input ends: its exit code under the options, from its report.
 *
 * - 1 (invalid): the verdict is `invalid` (or `warning` with `--fail-on warning`);
 * - 3 (not fully checked): not invalid, but a check that matters could not be run, or it is
 *   not known to be authentic and in force (a presentation that carries no credential);
 * - 0 (accepted): otherwise: authentic, in force and fully checked.
 */
function exitFor(report: VerificationReport, failOnWarning: boolean): number {
  if (report.verdict === 'invalid') return EXIT_INVALID;
  const { authentic, inForce, fullyChecked } = report.answers;
  if (fullyChecked.value !== 'yes' || authentic.value !== 'yes' || inForce.value !== 'yes') {
    return EXIT_UNCHECKED;
  }
  if (failOnWarning && report.verdict === 'warning') return EXIT_INVALID;
  return EXIT_OK;
}

/** Match one path segment against a pattern segment (`*`, `?`, `[...]`). */
function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = segment
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Expand a file pattern (`*`, `?`, `[...]` within a folder; `**` for any depth) against the file
 * system, relative to `cwd`, in sorted order. Hidden files match only a pattern that names them.
 */
export function expandGlob(cwd: string, pattern: string): string[] {
  const absolute = path.isAbsolute(pattern);
  const parts = pattern.split(/[\\/]+/).filter((p, i) => p.length > 0 || (absolute && i === 0));
  const start = absolute ? path.parse(pattern).root : cwd;
  const out: string[] = [];
  const walk = (dir: string, rel: string, i: number) => {
    if (out.length > MAX_MATCHES) return;
    if (i === parts.length) {
      out.push(rel);
      return;
    }
    const part = parts[i] as string;
    if (part === '' || (absolute && i === 0)) return walk(start, rel, i + 1);
    if (!GLOB.test(part)) {
      const next = path.join(dir, part);
      const nextRel = rel ? path.join(rel, part) : part;
      if (i === parts.length - 1) {
        if (isFile(next)) out.push(nextRel);
      } else if (isDir(next)) walk(next, nextRel, i + 1);
      return;
    }
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    if (part === '**') {
      walk(dir, rel, i + 1);
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const next = path.join(dir, name);
        if (isDir(next)) walk(next, rel ? path.join(rel, name) : name, i);
      }
      return;
    }
    const re = segmentRegExp(part);
    for (const name of names) {
      if (name.startsWith('.') && !part.startsWith('.')) continue;
      if (!re.test(name)) continue;
      const next = path.join(dir, name);
      const nextRel = rel ? path.join(rel, name) : name;
      if (i === parts.length - 1) {
        if (isFile(next)) out.push(nextRel);
      } else if (isDir(next)) walk(next, nextRel, i + 1);
    }
  };
  walk(start, absolute ? start : '', 0);
  return [...new Set(out)];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The inputs named on the command line: files, `-`, hosted assertion URLs, patterns expanded. */
function inputsOf(io: Io, args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-' || URL_ARG.test(arg) || !GLOB.test(arg) || isFile(path.resolve(io.cwd, arg))) {
      out.push(arg);
      continue;
    }
    const matches = expandGlob(io.cwd, arg);
    if (matches.length === 0) {
      throw new UsageError(
        `no file matches '${arg}'`,
        'Check the pattern (quote it to let ob3kit expand it).',
      );
    }
    if (matches.length > MAX_MATCHES) {
      throw new UsageError(
        `'${arg}' matches more than ${MAX_MATCHES} files`,
        'Narrow the pattern.',
      );
    }
    out.push(...matches);
  }
  if (out.filter((a) => a === '-').length > 1) {
    throw new UsageError('standard input (-) can be read once only');
  }
  return out;
}

/** Read one input: a URL as given, else the file's bytes; an empty input is an input error. */
async function readOne(io: Io, arg: string): Promise<string | Uint8Array> {
  if (URL_ARG.test(arg)) return arg;
  const bytes = await readInput(io, arg, 'credential');
  if (bytes.length === 0 || bytesToText(bytes).trim().length === 0) {
    throw new UsageError(
      `${arg === '-' ? 'standard input' : `'${arg}'`} is empty: there is no credential to verify`,
      'Give a credential: a JSON or JWT file, a baked PNG or SVG badge, or a hosted assertion URL.',
    );
  }
  return bytes;
}

/**
 * The `verify` command.
 *
 * @example
 * ```ts
 * // ob3kit verify badge.png --json
 * await runCli(['verify', 'badge.png', '--json']);
 * ```
 */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify credentials (JSON, JWT, baked PNG or SVG, presentations) and print the reports',
  usage: [
    'verify <file|-|url|pattern>... [--json | --ndjson] [--policy default|conformance] [--fail-on warning] [--now <iso>] [--document <url>=<file> ...] [--context <url>=<file> ...] [--allow-network] [--allow-private-addresses] [--recipient <identity>] [--challenge <nonce>] [--domain <domain>]',
  ],
  description: [
    'Reads each file (or standard input for -) and lets the library detect its form: a JSON',
    'credential or presentation (each credential it carries is verified too), a compact JWT, or a',
    'PNG/SVG image with a baked credential; Open Badges 2.0 assertions too (JSON, signed JWS,',
    'baked images, or the URL of a hosted assertion). A quoted pattern (badges/*.png, **/*.json)',
    'is expanded here.',
    '',
    "The report answers four questions: is it authentic (a proof verified with the issuer's key),",
    'in force (not revoked or suspended, not expired), fully checked (nothing that matters was',
    'left unchecked), conformant (it follows Open Badges 3.0). Under the default policy a badge is',
    'invalid only when it is not authentic, not in force, unreadable or breaks a security rule;',
    'conformance findings are warnings for the issuer. --policy conformance makes them errors, as',
    "1EdTech's validator reports them.",
    '',
    'Nothing is fetched unless --allow-network is given: remote documents a check needs (status',
    'list credentials, did:web or key documents, issuer profiles, hosted assertions) come from',
    '--document, else that check could not be checked (offline) and the exit code is 3.',
    '',
    'Exit codes (for several inputs, the first that applies to any of them):',
    '  1  invalid: not authentic, revoked, suspended, expired, unreadable, a security rule',
    '     broken (or, with --fail-on warning, any warning)',
    '  2  usage or input error: a bad option, a file that cannot be read or is empty',
    '  3  not fully checked: nothing wrong was found, but a proof, key or status could not be',
    '     checked (offline, unreachable, unsupported); pass --document or --allow-network',
    '  0  accepted: authentic, in force, fully checked (warnings allowed)',
  ].join('\n'),
  exitCodes:
    'Exit codes: 0 accepted, 1 invalid, 2 usage or input error, 3 not fully checked (see above).',
  options: {
    json: {
      type: 'boolean',
      description: 'Print the report as JSON (an array for several inputs)',
    },
    ndjson: {
      type: 'boolean',
      description: 'Print one JSON report a line, each with its "file" (for conformance runs)',
    },
    policy: {
      type: 'string',
      value: 'default|conformance',
      description: 'How the verdict is reached (default: default)',
    },
    'fail-on': {
      type: 'string',
      value: 'warning',
      description: 'Exit 1 for a warning verdict too',
    },
    now: { type: 'string', value: '<iso>', description: 'Verify as of this time (default: now)' },
    document: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'Use a local file for the document at this URL (or DID)',
    },
    context: {
      type: 'string',
      multiple: true,
      value: '<url>=<file>',
      description: 'Add a JSON-LD context the credential uses (never fetched)',
    },
    'allow-network': { type: 'boolean', description: 'Let checks fetch remote documents' },
    'allow-private-addresses': {
      type: 'boolean',
      description:
        'With --allow-network: let requests reach localhost and private networks (tests, intranets)',
    },
    recipient: {
      type: 'string',
      value: '<identity>',
      description: 'Check the credential was issued to this email, URL or DID',
    },
    challenge: {
      type: 'string',
      value: '<nonce>',
      description: 'Presentations: the challenge (nonce) you asked the holder to sign',
    },
    domain: {
      type: 'string',
      value: '<domain>',
      description: 'Presentations: the domain you expect the proof to be bound to',
    },
  },
  positionals: {
    min: 1,
    max: Number.POSITIVE_INFINITY,
    names:
      '<file> (a credential file, - for stdin, a pattern, or a hosted Open Badges 2.0 assertion URL)',
  },
  examples: [
    'ob3kit verify badge.png',
    'ob3kit verify credential.json --document https://example.edu/status/1=status-list.json',
    'ob3kit verify credential.jwt --json --now 2030-01-01T00:00:00Z',
    "ob3kit verify 'badges/*.png' --ndjson --policy conformance > reports.ndjson",
    'ob3kit verify https://example.org/assertions/1 --allow-network',
  ],
  async run({ values, positionals, io }) {
    const options: VerifyOptions = {};
    const policy = stringOpt(values, 'policy');
    if (policy !== undefined) {
      if (policy !== 'default' && policy !== 'conformance') {
        throw new UsageError(
          `--policy must be default or conformance, got '${policy}'`,
          "default: trust decisions (conformance findings are warnings); conformance: as 1EdTech's validator.",
        );
      }
      options.policy = policy as VerifyPolicy;
    }
    const failOn = stringOpt(values, 'fail-on');
    if (failOn !== undefined && failOn !== 'warning') {
      throw new UsageError(`--fail-on takes 'warning', got '${failOn}'`);
    }
    if (values.json === true && values.ndjson === true) {
      throw new UsageError('--json and --ndjson cannot be used together');
    }
    const now = stringOpt(values, 'now');
    if (now !== undefined) options.now = dateOpt(now, '--now');
    const docs = stringsOpt(values, 'document');
    if (docs.length) options.documents = await loadDocuments(io, docs);
    const contexts = stringsOpt(values, 'context');
    if (contexts.length) options.contexts = await loadContexts(io, contexts);
    if (values['allow-network'] === true) {
      options.fetch = globalThis.fetch as unknown as NonNullable<VerifyOptions['fetch']>;
    }
    if (values['allow-private-addresses'] === true) {
      if (values['allow-network'] !== true) {
        throw new UsageError(
          '--allow-private-addresses needs --allow-network',
          'It lets requests reach localhost and private networks; nothing is fetched without --allow-network.',
        );
      }
      options.allowPrivateAddresses = true;
    }
    const recipient = stringOpt(values, 'recipient');
    if (recipient !== undefined) options.recipient = recipient;
    const challenge = stringOpt(values, 'challenge');
    if (challenge !== undefined) options.challenge = challenge;
    const domain = stringOpt(values, 'domain');
    if (domain !== undefined) options.domain = domain;

    const inputs = inputsOf(io, positionals);
    const several = inputs.length > 1;
    const failOnWarning = failOn === 'warning';
    const palette = createPalette(shouldColor({ isTTY: io.stdoutIsTTY }, io.env));
    const codes: number[] = [];
    const collected: Array<Record<string, unknown>> = [];
    for (const arg of inputs) {
      const file = arg === '-' ? '-' : arg;
      let report: VerificationReport;
      try {
        const input = await readOne(io, arg);
        if (
          typeof input === 'string' &&
          options.fetch === undefined &&
          !options.documents?.[input]
        ) {
          io.err(
            `ob3kit verify: ${input} is a URL: it is fetched only with --allow-network (or give the assertion with --document ${input}=<file>)\n`,
          );
        }
        report = await verify(input, options);
      } catch (e) {
        if (!(e instanceof UsageError) || !several) throw e;
        // One unreadable input among several: say so, go on with the others.
        codes.push(EXIT_USAGE);
        io.err(`ob3kit verify: error: ${e.message}\n`);
        if (values.ndjson === true) io.out(`${JSON.stringify({ file, error: e.message })}\n`);
        else if (values.json === true) collected.push({ file, error: e.message });
        continue;
      }
      codes.push(exitFor(report, failOnWarning));
      if (values.ndjson === true) {
        io.out(`${JSON.stringify({ file, ...report })}\n`);
      } else if (values.json === true) {
        if (several) collected.push({ file, ...report });
        else io.out(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        if (several) io.out(`${palette.bold(`== ${file}`)}\n`);
        io.out(renderReport(report, palette));
        io.out(`${outcomeLine(exitFor(report, failOnWarning))}\n`);
        if (several) io.out('\n');
      }
    }
    if (values.json === true && several) io.out(`${JSON.stringify(collected, null, 2)}\n`);
    if (several && values.json !== true && values.ndjson !== true) {
      const count = (c: number) => codes.filter((x) => x === c).length;
      io.out(
        `${inputs.length} inputs: ${count(EXIT_OK)} accepted, ${count(EXIT_INVALID)} invalid, ${count(EXIT_UNCHECKED)} not fully checked, ${count(EXIT_USAGE)} unreadable\n`,
      );
    }
    for (const code of [EXIT_INVALID, EXIT_USAGE, EXIT_UNCHECKED]) {
      if (codes.includes(code)) return code;
    }
    return EXIT_OK;
  },
};

/** The last line of a human report: what the exit code says. */
function outcomeLine(code: number): string {
  if (code === EXIT_OK) return 'Result: accepted (exit 0)';
  if (code === EXIT_INVALID) return 'Result: not accepted (exit 1)';
  return 'Result: not fully checked (exit 3): see what could not be checked above';
}
