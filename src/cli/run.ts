/** Command dispatch: global help and version, per-command help, errors mapped to exit codes. */
import { version } from '../../package.json';
import { formatCommandHelp, parseCommandArgs } from './command.js';
import { type CommandEntry, commands } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { type Io, processIo } from './process-io.js';

/**
 * The global help text: every command with its one-line summary.
 *
 * @example
 * ```ts
 * process.stdout.write(formatGlobalHelp());
 * ```
 */
export function formatGlobalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = [
    `ob3kit ${version} — Open Badges 3.0 on W3C Verifiable Credentials`,
    '',
    'Usage: ob3kit <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help      Show help (also after a command: ob3kit verify --help)',
    '  -v, --version   Print the version',
    '',
    'Start with:  ob3kit demo',
    '',
    'Exit codes: 0 success (verify: accepted), 1 credential invalid, 2 usage or input error,',
    '            3 verify: not fully checked (a proof, key or status could not be checked).',
    '',
  ];
  return lines.join('\n');
}

function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  const exact = commands.find((c) => c.name === two);
  if (exact) return { entry: exact, rest: argv.slice(2) };
  const one = commands.find((c) => c.name === argv[0]);
  if (one) return { entry: one, rest: argv.slice(1) };
  return undefined;
}

function groupHelp(group: string): string | undefined {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  if (members.length === 0) return undefined;
  return [
    `ob3kit ${group} — subcommands:`,
    '',
    ...members.map((c) => `  ob3kit ${c.name.padEnd(16)}${c.summary}`),
    '',
    `Run 'ob3kit ${group} <subcommand> --help' for the options.`,
    '',
  ].join('\n');
}

/** Map a thrown error to a message on stderr and an exit code. */
function reportError(io: Io, name: string, e: unknown): number {
  const prefix = name ? `ob3kit ${name}` : 'ob3kit';
  if (e instanceof UsageError) {
    io.err(`${prefix}: error: ${e.message}\n`);
    if (e.hint) io.err(`  ${e.hint}\n`);
    return e.exitCode;
  }
  const err = e as { code?: unknown; message?: unknown; issues?: unknown; stack?: unknown };
  if (typeof err?.code === 'string' && err.code.startsWith('ERR_')) {
    io.err(`${prefix}: error: ${plainMessage(String(err.message))} (${err.code})\n`);
    if (Array.isArray(err.issues)) {
      for (const i of err.issues.slice(0, 20) as Array<{ path?: string; message?: string }>) {
        io.err(`  ${i.path ?? '$'}: ${i.message ?? ''}\n`);
      }
    }
    const hint = hintFor(err.code);
    if (hint) io.err(`  ${hint}\n`);
    if (io.env.OB3KIT_DEBUG) io.err(`${String(err.stack)}\n`);
    return EXIT_USAGE;
  }
  io.err(`${prefix}: error: ${(e as Error)?.message ?? String(e)}\n`);
  if (io.env.OB3KIT_DEBUG) io.err(`${String((e as Error)?.stack)}\n`);
  else io.err('  Set OB3KIT_DEBUG=1 to see where it happened.\n');
  return EXIT_USAGE;
}

function hintFor(code: string): string | undefined {
  if (code.startsWith('ERR_KEY')) {
    return "Check the key file: make one with 'ob3kit keygen -o issuer-key.json'.";
  }
  if (code === 'ERR_VALIDATION') return "Run 'ob3kit validate <file>' to see every issue.";
  if (code === 'ERR_BAKE_NO_CREDENTIAL') {
    return "This image has no credential baked in: bake one with 'ob3kit bake <image> <credential> -o <out>'.";
  }
  if (code === 'ERR_IMAGE_FORMAT' || code.startsWith('ERR_PNG') || code.startsWith('ERR_SVG')) {
    return 'Use a PNG or SVG badge image.';
  }
  if (code === 'ERR_JSONLD_UNDEFINED_TERM') {
    return "Every property must be defined by the credential's @context: check its spelling, or add the context that defines it.";
  }
  if (code === 'ERR_CONTEXT_UNKNOWN') {
    return 'ob3kit never fetches JSON-LD contexts: use the published URLs of the bundled contexts (VC, Open Badges 3.0, ...).';
  }
  return undefined;
}

/** Drop the library's `fn(args): ` prefix: on the command line the command names the operation. */
function plainMessage(message: string): string {
  return message.replace(/^[A-Za-z][\w.]*\([^)]*\):\s*/, '');
}

/**
 * Run the command line on `argv` (the arguments after `ob3kit`) and return the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(['verify', 'badge.png']);
 * ```
 */
export async function runCli(argv: string[], io: Io = processIo()): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && argv[1]) return runCli([...argv.slice(1), '--help'], io);
    io.out(formatGlobalHelp());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    io.out(`${version}\n`);
    return EXIT_OK;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = groupHelp(first);
    if (group) {
      const sub = argv[1];
      if (sub === undefined || sub === '--help' || sub === '-h') {
        io.out(group);
        return sub === undefined ? EXIT_USAGE : EXIT_OK;
      }
      io.err(`ob3kit ${first}: error: unknown subcommand '${sub}'\n`);
      io.err(group);
      return EXIT_USAGE;
    }
    io.err(`ob3kit: error: unknown command '${first}'\n`);
    const close = commands.map((c) => c.name).filter((n) => n.startsWith(first.slice(0, 2)));
    if (close.length) io.err(`  Did you mean: ${close.join(', ')}?\n`);
    io.err("  Run 'ob3kit --help' for the list of commands.\n");
    return EXIT_USAGE;
  }
  const { entry, rest } = found;
  const cmd = await entry.load();
  try {
    const { values, positionals, help } = parseCommandArgs(cmd, rest);
    if (help) {
      io.out(formatCommandHelp(cmd));
      return EXIT_OK;
    }
    return await cmd.run({ values, positionals, io, name: cmd.name });
  } catch (e) {
    return reportError(io, cmd.name, e);
  }
}
