/** The shape of a command, its help text, and argument parsing on top of `node:util` parseArgs. */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

/**
 * One option of a command.
 *
 * @example
 * ```ts
 * const json: OptionSpec = { type: 'boolean', description: 'Print JSON' };
 * ```
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help, e.g. `<file>`. */
  value?: string;
  description: string;
}

/**
 * Parsed option values, keyed by long option name.
 *
 * @example
 * ```ts
 * const values: OptionValues = { json: true, document: ['https://x.example/1=list.json'] };
 * ```
 */
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/**
 * What a command receives when it runs.
 *
 * @example
 * ```ts
 * async run({ values, positionals, io }: CommandContext) { io.out(`${positionals[0]}\n`); return 0; }
 * ```
 *
 * @example
 * ```ts
 * const hello: Command = { name: 'hello', summary: 'Say hello', usage: ['hello'], options: {}, positionals: { min: 0, max: 0, names: '' }, run: async ({ io }) => (io.out('hello\n'), 0) };
 * ```
 */
export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  io: Io;
  /** The full command name, e.g. `status create`. */
  name: string;
}

/** A command of the `ob3kit` program. */
export interface Command {
  /** Name as typed, e.g. `verify` or `status create`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage lines without the leading `ob3kit `. */
  usage: string[];
  /** Longer explanation, printed under the usage. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Allowed number of positional arguments. */
  positionals: { min: number; max: number; names: string };
  examples?: string[];
  /** The help's exit code line, when the command's codes differ from the common ones. */
  exitCodes?: string;
  run(ctx: CommandContext): Promise<number>;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help.' };

/**
 * Render the help text of a command.
 *
 * @example
 * ```ts
 * io.out(formatCommandHelp(verifyCommand));
 * ```
 */
export function formatCommandHelp(cmd: Command): string {
  const lines: string[] = [];
  lines.push(`ob3kit ${cmd.name} — ${cmd.summary}`, '', 'Usage:');
  for (const u of cmd.usage) lines.push(`  ob3kit ${u}`);
  if (cmd.description) lines.push('', ...cmd.description.split('\n'));
  const opts = { ...cmd.options, help: HELP_OPTION };
  const rows = Object.entries(opts).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.description + (spec.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.min(34, Math.max(...rows.map(([f]) => f.length)) + 2);
  lines.push('', 'Options:');
  for (const [flag, desc] of rows) {
    const pad =
      flag.length + 2 > width ? `\n  ${' '.repeat(width)}` : ' '.repeat(width - flag.length);
    lines.push(`  ${flag}${pad}${desc}`);
  }
  if (cmd.examples?.length) {
    lines.push('', 'Examples:');
    for (const e of cmd.examples) lines.push(`  ${e}`);
  }
  lines.push(
    '',
    cmd.exitCodes ??
      'Exit codes: 0 success, 1 credential invalid (verify/validate/status check), 2 usage or input error.',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Parse `argv` (the arguments after the command name) against a command's options. Unknown
 * options, missing values and wrong positional counts become a {@link UsageError}.
 *
 * @example
 * ```ts
 * const { values, positionals, help } = parseCommandArgs(verifyCommand, ['cred.json', '--json']);
 * ```
 */
export function parseCommandArgs(
  cmd: Command,
  argv: string[],
): { values: OptionValues; positionals: string[]; help: boolean } {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
  > = {};
  for (const [name, spec] of Object.entries({ ...cmd.options, help: HELP_OPTION })) {
    options[name] = { type: spec.type };
    if (spec.short) options[name].short = spec.short;
    if (spec.multiple) options[name].multiple = true;
  }
  const helpHint = `Run 'ob3kit ${cmd.name} --help' for the usage.`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const msg = String(err.message ?? e);
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const m = /option '([^']+)'/.exec(msg);
      throw new UsageError(`unknown option ${m ? `'${m[1]}'` : ''}`.trim(), helpHint);
    }
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const m = /Option '([^']+)'/.exec(msg);
      const name = m?.[1] ?? '';
      if (msg.includes('argument missing')) {
        throw new UsageError(`option '${name}' needs a value`, helpHint);
      }
      throw new UsageError(`option '${name}' does not take a value`, helpHint);
    }
    throw new UsageError(msg.split('\n')[0] ?? msg, helpHint);
  }
  const values = parsed.values as OptionValues;
  const help = values.help === true;
  delete values.help;
  if (!help) {
    const n = parsed.positionals.length;
    if (n < cmd.positionals.min) {
      throw new UsageError(`missing ${cmd.positionals.names}`, helpHint);
    }
    if (n > cmd.positionals.max) {
      const extra = parsed.positionals[cmd.positionals.max];
      throw new UsageError(`unexpected argument '${extra}'`, helpHint);
    }
  }
  return { values, positionals: parsed.positionals, help };
}

/**
 * A string option's value, or `undefined`.
 *
 * @example
 * ```ts
 * stringOpt({ out: 'dir' }, 'out'); // 'dir'
 * ```
 */
export function stringOpt(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A repeatable string option's values.
 *
 * @example
 * ```ts
 * stringsOpt({ document: ['a=b', 'c=d'] }, 'document'); // ['a=b', 'c=d']
 * ```
 */
export function stringsOpt(values: OptionValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/**
 * A required string option's value; a {@link UsageError} naming it when absent.
 *
 * @example
 * ```ts
 * const keyFile = requireOpt(values, 'key', 'issue'); // UsageError 'missing --key' when absent
 * ```
 */
export function requireOpt(values: OptionValues, name: string, cmd: string): string {
  const v = stringOpt(values, name);
  if (v === undefined || v === '') {
    throw new UsageError(`missing --${name}`, `Run 'ob3kit ${cmd} --help' for the usage.`);
  }
  return v;
}

/**
 * Parse a non-negative integer option.
 *
 * @example
 * ```ts
 * intOpt('7', '--index'); // 7
 * ```
 */
export function intOpt(text: string, label: string, min = 0): number {
  if (!/^\d+$/.test(text.trim())) {
    throw new UsageError(`${label} must be a whole number, got '${text}'`);
  }
  const n = Number(text.trim());
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${label} must be a whole number of at least ${min}, got '${text}'`);
  }
  return n;
}

/**
 * Parse an ISO 8601 date-time option into a `Date`.
 *
 * @example
 * ```ts
 * dateOpt('2024-01-01T00:00:00Z', '--now');
 * ```
 */
export function dateOpt(text: string, label: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text);
  const d = new Date(text);
  if (!ok || Number.isNaN(d.getTime())) {
    throw new UsageError(
      `${label} must be an ISO 8601 date-time such as 2025-01-31T12:00:00Z, got '${text}'`,
    );
  }
  return d;
}
