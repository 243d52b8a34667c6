/** The ledger side of the command line: opening a ledger, status list options, batch markers, manifests. */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeJsonTextProblem, parseJsonText as parseBounded } from '../jsonld/index.js';
import {
  createLedger,
  type IssuanceRecord,
  type Ledger,
  type LedgerStore,
  type StatusListSeries,
} from '../ledger/index.js';
import { UsageError } from './errors.js';
import { bytesToText, type Io, parseJsonText, readInput } from './io.js';

/**
 * The default ledger file name (`ob3kit-ledger.sqlite`).
 *
 * @example
 * ```ts
 * path.join(process.cwd(), DEFAULT_LEDGER_FILE);
 * ```
 */
export const DEFAULT_LEDGER_FILE = 'ob3kit-ledger.sqlite';

/**
 * True for a PostgreSQL connection string.
 *
 * @example
 * ```ts
 * isPostgresUrl('postgresql://issuer@db/badges'); // true
 * ```
 */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * Where a ledger lives, as safe to print and to keep in a batch marker: the absolute file path,
 * or the PostgreSQL URL without its password.
 *
 * @example
 * ```ts
 * ledgerLocation(io, 'postgresql://u:secret@db/badges'); // 'postgresql://u:***@db/badges'
 * ```
 */
export function ledgerLocation(io: Io, spec: string): string {
  if (!isPostgresUrl(spec)) return path.resolve(io.cwd, spec);
  try {
    const u = new URL(spec);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(unparsable URL)';
  }
}

/**
 * Open the ledger store named by `--ledger`: a PostgreSQL URL, or a SQLite file (created when
 * missing).
 *
 * @example
 * ```ts
 * const store = await openLedgerStore(io, 'ledger.sqlite');
 * ```
 */
export async function openLedgerStore(io: Io, spec: string): Promise<LedgerStore> {
  if (isPostgresUrl(spec)) {
    const { openPostgresLedgerStore } = await import('../ledger/postgres.js');
    return openPostgresLedgerStore({ connectionString: spec, max: 2 });
  }
  const file = path.resolve(io.cwd, spec);
  if (!existsSync(path.dirname(file))) {
    throw new UsageError(
      `cannot open the ledger '${spec}': its folder does not exist`,
      'Create the folder, or give another --ledger.',
    );
  }
  const { openSqliteLedgerStore } = await import('../ledger/sqlite.js');
  const created = !existsSync(file);
  const store = await openSqliteLedgerStore(file);
  // A new ledger names recipients: readable by its owner only (its journal files follow).
  if (created) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  }
  return store;
}

/**
 * Open an existing ledger for `revoke` and `status publish`: a SQLite file must already exist
 * (a typo must not create an empty ledger).
 *
 * @example
 * ```ts
 * const ledger = await openExistingLedger(io, 'ob3kit-ledger.sqlite');
 * ```
 */
export async function openExistingLedger(io: Io, spec: string): Promise<Ledger> {
  if (!isPostgresUrl(spec) && !existsSync(path.resolve(io.cwd, spec))) {
    throw new UsageError(
      `no ledger at '${spec}'`,
      "Give the ledger the batch wrote with --ledger (a file or a postgresql:// URL); 'issue --batch --status-list' makes one.",
    );
  }
  return createLedger(await openLedgerStore(io, spec));
}

const PURPOSES = new Set(['revocation', 'suspension']);

/**
 * Parse `--status-list`: an http(s) URL (a revocation series; `{n}` numbers the lists), or a JSON
 * file with `{ "lists": [{ "url", "purpose", "length"?, "type"? }, ...] }`.
 *
 * @example
 * ```ts
 * await parseStatusListOption(io, 'https://example.edu/status/{n}');
 * // [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }]
 * ```
 */
export async function parseStatusListOption(io: Io, value: string): Promise<StatusListSeries[]> {
  if (/^https?:\/\//i.test(value)) return [{ url: value, purpose: 'revocation' }];
  const hint =
    'Give the URL the lists are published at (with {n} for the list number), or a JSON file {"lists": [{"url": ..., "purpose": "revocation"}]}.';
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    throw new UsageError(`--status-list '${value}' is not an http(s) URL`, hint);
  }
  const text = bytesToText(await readInput(io, value, 'status list configuration'));
  const json = parseJsonText(text, `status list configuration '${value}'`) as unknown;
  const obj = json as { lists?: unknown; credentialSubject?: unknown };
  if (obj && typeof obj === 'object' && obj.credentialSubject !== undefined) {
    throw new UsageError(
      `--status-list '${value}' is a status list credential; with a ledger, the ledger makes and publishes its lists`,
      `${hint} Keep using 'issue --status-list <file> --index <n>' for a list you manage by hand.`,
    );
  }
  const lists = Array.isArray(json) ? json : obj?.lists;
  if (!Array.isArray(lists) || lists.length === 0) {
    throw new UsageError(`status list configuration '${value}' has no "lists" array`, hint);
  }
  return lists.map((l, i) => {
    const at = `status list configuration '${value}', lists[${i}]`;
    if (!l || typeof l !== 'object' || Array.isArray(l)) {
      throw new UsageError(`${at} must be an object`, hint);
    }
    const { url, purpose, length, type } = l as Record<string, unknown>;
    if (typeof url !== 'string') throw new UsageError(`${at} has no "url"`, hint);
    if (purpose !== undefined && !(typeof purpose === 'string' && PURPOSES.has(purpose))) {
      throw new UsageError(`${at}: "purpose" must be "revocation" or "suspension"`, hint);
    }
    if (length !== undefined && typeof length !== 'number') {
      throw new UsageError(`${at}: "length" must be a number`, hint);
    }
    if (type !== undefined && type !== 'BitstringStatusList' && type !== 'StatusList2021') {
      throw new UsageError(`${at}: "type" must be "BitstringStatusList" or "StatusList2021"`, hint);
    }
    return {
      url,
      purpose: (purpose ?? 'revocation') as StatusListSeries['purpose'],
      ...(length !== undefined ? { length: length as number } : {}),
      ...(type !== undefined ? { type: type as StatusListSeries['type'] } : {}),
    };
  });
}

/** The Open Badges 3.0 credential types: their `credentialStatus` is one object (0..1). */
const OPEN_BADGES_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];

/**
 * Refuse, before the ledger records anything, series that would give an Open Badges credential
 * more than one status entry: Open Badges 3.0 allows one `credentialStatus` (0..1), so signing
 * would refuse every credential, and verifiers fail the Open Badges schema. A plain VC 2.0
 * credential may carry several entries.
 *
 * @example
 * ```ts
 * refuseSeveralStatusEntries(template, series, 'lists.json', "the template 'template.json'");
 * ```
 */
export function refuseSeveralStatusEntries(
  credential: Record<string, unknown>,
  series: readonly StatusListSeries[],
  option: string,
  what: string,
): void {
  // (Two series of one purpose are the ledger's to refuse.)
  if (new Set(series.map((s) => s.purpose)).size < 2) return;
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  const ob = types.find((t): t is string => typeof t === 'string' && OPEN_BADGES_TYPES.includes(t));
  if (ob === undefined) return;
  throw new UsageError(
    `${what} is an ${ob}, which carries at most one credentialStatus (Open Badges 3.0), but --status-list '${option}' gives each credential ${series.length} entries (${series.map((s) => s.purpose).join(', ')}); nothing was issued`,
    'Keep one series in the configuration (revocation or suspension), or pass --no-validate to issue them anyway (verifiers will fail the Open Badges schema).',
  );
}

/** The marker a ledger batch keeps in its output folder, so a rerun resumes it. */
export const BATCH_MARKER = '.ob3kit-batch.json';

/**
 * What an output folder's batch marker says: the batch id, and the ledger it was issued with (its
 * id and where it was).
 *
 * @example
 * ```ts
 * const marker: BatchMarker = { batch: 'urn:uuid:…', ledgerId: 'urn:uuid:…', ledger: '/srv/ob3kit-ledger.sqlite' };
 * ```
 */
export interface BatchMarker {
  batch: string;
  ledgerId: string;
  ledger: string;
}

/**
 * Read the output folder's batch marker, or undefined when the folder has none (a new batch).
 *
 * @example
 * ```ts
 * const marker = readBatchMarker(outDir);
 * ```
 */
export function readBatchMarker(outDir: string): BatchMarker | undefined {
  const file = path.join(outDir, BATCH_MARKER);
  if (!existsSync(file)) return undefined;
  let marker: Partial<BatchMarker>;
  try {
    const parsed = parseBounded(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(describeJsonTextProblem(parsed.problem));
    marker = parsed.value as Partial<BatchMarker>;
  } catch (e) {
    throw new UsageError(
      `the batch marker '${file}' is unreadable: ${(e as Error).message}`,
      'Restore it, or issue into a new --out folder.',
    );
  }
  if (
    typeof marker.batch !== 'string' ||
    typeof marker.ledgerId !== 'string' ||
    typeof marker.ledger !== 'string'
  ) {
    throw new UsageError(`the batch marker '${file}' lacks its batch or ledger id`);
  }
  return marker as BatchMarker;
}

/**
 * The refusal when a batch folder is resumed with another ledger (which would hand out the same
 * status entries a second time).
 *
 * @example
 * ```ts
 * throw otherLedger(outDir, marker, location);
 * ```
 */
export function otherLedger(outDir: string, marker: BatchMarker, location: string): UsageError {
  return new UsageError(
    `'${outDir}' was issued with the ledger ${marker.ledger} (${marker.ledgerId}), not ${location}`,
    'Rerun with that --ledger (a second ledger would hand out the same status entries again), or use a new --out folder.',
  );
}

/**
 * A new batch id.
 *
 * @example
 * ```ts
 * newBatchId(); // 'urn:uuid:…'
 * ```
 */
export function newBatchId(): string {
  return `urn:uuid:${randomUUID()}`;
}

/**
 * Write the batch marker (only when it does not exist yet).
 *
 * @example
 * ```ts
 * writeBatchMarker(outDir, { batch, ledgerId: store.id, ledger: location });
 * ```
 */
export function writeBatchMarker(outDir: string, marker: BatchMarker): void {
  const file = path.join(outDir, BATCH_MARKER);
  writeFileSync(file, `${JSON.stringify(marker, null, 2)}\n`, { flag: 'wx' });
}

/**
 * The credential id in a written credential file (JSON, or a JWT's payload), or undefined when
 * the file is missing, empty or unreadable.
 *
 * @example
 * ```ts
 * fileCredentialId('/tmp/out/0002-ada.json'); // 'urn:uuid:…'
 * ```
 */
export function fileCredentialId(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  try {
    if (text.startsWith('{')) {
      const parsed = parseBounded(text);
      const id = parsed.ok ? (parsed.value as { id?: unknown } | null)?.id : undefined;
      return typeof id === 'string' ? id : undefined;
    }
    const payload = text.split('.')[1];
    if (payload === undefined) return undefined;
    const parsed = parseBounded(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return undefined;
    const claims = parsed.value as Record<string, unknown>;
    const vc = claims.vc as { id?: unknown } | undefined;
    const id = claims.id ?? claims.jti ?? vc?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

function csvCell(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The manifest of a ledger batch as CSV: one line per issued credential, in row order, with its
 * file, credential id, recipient and status entries.
 *
 * @example
 * ```ts
 * writeFileSync('manifest.csv', manifestCsv(records, '.png'));
 * ```
 */
export function manifestCsv(records: IssuanceRecord[], imageExt?: string): string {
  const purposes = (['revocation', 'suspension'] as const).filter((p) =>
    records.some((r) => r.status.some((s) => s.purpose === p)),
  );
  const header = ['row', 'file', ...(imageExt ? ['image'] : []), 'credential_id', 'recipient'];
  for (const p of purposes) header.push(`${p}_list`, `${p}_index`);
  const lines = [header.join(',')];
  const sorted = [...records].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  for (const r of sorted) {
    const cells: unknown[] = [r.row, r.output];
    if (imageExt) cells.push(r.output?.replace(/\.(json|jwt)$/, imageExt));
    cells.push(r.credentialId, r.recipient ?? r.subjectId);
    for (const p of purposes) {
      const s = r.status.find((x) => x.purpose === p);
      cells.push(s?.list, s?.index);
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
