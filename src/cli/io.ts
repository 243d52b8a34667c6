/** Reading inputs and writing outputs for the command line, with messages a person can act on. */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeJsonTextProblem, parseJsonText as parseBounded } from '../jsonld/index.js';
import { UsageError } from './errors.js';
import { locateJsonError } from './json-locate.js';

// The process streams live in their own module, which `ob3kit --help` and `--version` load
// without the library (this module reads JSON through the library's bounded parser).
export { type Io, processIo } from './process-io.js';

import type { Io } from './process-io.js';

/**
 * Read a file (or standard input for `-`) as bytes, turning file-system errors into a
 * {@link UsageError} that names the file and what to do.
 *
 * @example
 * ```ts
 * const bytes = await readInput(io, 'badge.png', 'credential');
 * ```
 */
export async function readInput(io: Io, file: string, what: string): Promise<Uint8Array> {
  if (file === '-') return io.readStdin();
  const full = path.resolve(io.cwd, file);
  try {
    if (statSync(full).isDirectory()) {
      throw new UsageError(`${what} '${file}' is a folder, not a file`, 'Give the path of a file.');
    }
    return new Uint8Array(readFileSync(full));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') {
      throw new UsageError(`cannot read ${what} '${file}': no such file`, 'Check the path.');
    }
    if (code === 'EACCES') {
      throw new UsageError(`cannot read ${what} '${file}': permission denied`);
    }
    throw new UsageError(`cannot read ${what} '${file}': ${(e as Error).message}`);
  }
}

/**
 * Decode bytes as UTF-8 text, dropping a byte-order mark.
 *
 * @example
 * ```ts
 * bytesToText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])); // 'A'
 * ```
 */
export function bytesToText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parse JSON text; a syntax error becomes a {@link UsageError} with the line and column. The text
 * is measured first (depth, values, array length: the library's default limits) and a member
 * name given twice in one object is refused, as everywhere JSON text enters the library.
 *
 * @example
 * ```ts
 * parseJsonText('{"a":1}', 'key file k.json'); // { a: 1 }
 * ```
 */
export function parseJsonText(text: string, label: string): unknown {
  const parsed = parseBounded(text);
  if (parsed.ok) return parsed.value;
  if (parsed.problem.kind !== 'syntax') {
    throw new UsageError(
      `${label} ${describeJsonTextProblem(parsed.problem)}`,
      parsed.problem.kind === 'duplicate'
        ? 'Give each member name once in each object.'
        : 'Split or flatten the document.',
    );
  }
  const pos = locateJsonError(text);
  let where = '';
  if (pos === undefined) {
    where = `: ${parsed.problem.message}`;
  } else if (pos >= text.length) {
    where = ` at its end (line ${text.split('\n').length}): the text stops too early`;
  } else {
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${col}: unexpected ${JSON.stringify(text[pos])}`;
  }
  throw new UsageError(
    `${label} is not valid JSON${where}`,
    'Fix the JSON (a JSON linter shows the exact spot).',
  );
}

/**
 * Read and parse a JSON file (or `-`), requiring a JSON object.
 *
 * @example
 * ```ts
 * const credential = await readJsonObject(io, 'unsigned.json', 'credential');
 * ```
 */
export async function readJsonObject(
  io: Io,
  file: string,
  what: string,
): Promise<Record<string, unknown>> {
  const text = bytesToText(await readInput(io, file, what));
  const label = `${what} '${file === '-' ? 'stdin' : file}'`;
  const value = parseJsonText(text, label);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(
      `${label} must hold a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : `a ${typeof value}`}`,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Write text or bytes to a file, creating parent folders. With `secret`, the file is created
 * with mode 0600 (owner read/write only).
 *
 * @example
 * ```ts
 * writeOutput(io, 'signed.json', json, {});
 * ```
 */
export function writeOutput(
  io: Io,
  file: string,
  data: string | Uint8Array,
  options: { secret?: boolean; overwrite?: boolean } = {},
): string {
  const full = path.resolve(io.cwd, file);
  if (options.overwrite === false && existsSync(full)) {
    throw new UsageError(
      `'${file}' already exists; not overwriting it`,
      'Choose another file name, or pass --force to replace it.',
    );
  }
  try {
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, data, options.secret ? { mode: 0o600 } : {});
    if (options.secret) chmodSync(full, 0o600);
  } catch (e) {
    throw new UsageError(`cannot write '${file}': ${(e as Error).message}`);
  }
  return full;
}

/**
 * Write to `-o <file>` when given, else to standard output.
 *
 * @example
 * ```ts
 * emit(io, values.output, JSON.stringify(signed, null, 2) + '\n');
 * ```
 */
export function emit(io: Io, file: string | undefined, text: string): void {
  if (file === undefined || file === '-') io.out(text);
  else writeOutput(io, file, text);
}

/**
 * Parse `--document <url>=<file>` pairs (or another flag's, named in messages) and load each
 * file as JSON (or as text when not JSON, e.g. a JWT), keyed by URL.
 *
 * @example
 * ```ts
 * const docs = await loadDocuments(io, ['https://example.edu/status/1=list.json']);
 * ```
 */
export async function loadDocuments(
  io: Io,
  pairs: string[],
  flag = '--document',
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const example =
    flag === '--document'
      ? 'Example: --document https://example.edu/status/1=status-list.json'
      : `Example: ${flag} https://example.org/contexts/v1=context.json`;
  for (const pair of pairs) {
    // A URL may hold '=' in its query; a file name rarely does: split on the last '='.
    const idx = pair.lastIndexOf('=');
    if (idx <= 0 || idx === pair.length - 1) {
      throw new UsageError(`${flag} '${pair}' is not <url>=<file>`, example);
    }
    const url = pair.slice(0, idx);
    const file = pair.slice(idx + 1);
    if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      throw new UsageError(`${flag} '${pair}': '${url}' is not a URL`, example);
    }
    const text = bytesToText(await readInput(io, file, 'document')).trim();
    out[url] =
      text.startsWith('{') || text.startsWith('[')
        ? parseJsonText(text, `document '${file}'`)
        : text;
  }
  return out;
}

/**
 * A command line as a POSIX shell reads it: each argument as it is when it is made of safe
 * characters only, else in single quotes (a quote inside written as `'\''`).
 *
 * @example
 * ```ts
 * shellCommand(['npx', 'ob3kit', 'verify', 'my badges/badge.png']);
 * // "npx ob3kit verify 'my badges/badge.png'"
 * ```
 */
export function shellCommand(args: readonly string[]): string {
  return args
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`))
    .join(' ');
}
