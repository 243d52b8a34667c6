/** `ob3kit issue --batch`: one signed (optionally baked) credential a CSV row, on worker threads. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sniffFormat } from '../bake/index.js';
import {
  createLedger,
  type IssuanceRecord,
  type Ledger,
  type LedgerStore,
} from '../ledger/index.js';
import {
  DEFAULT_LEDGER_FILE,
  fileCredentialId,
  isPostgresUrl,
  ledgerLocation,
  manifestCsv,
  newBatchId,
  openLedgerStore,
  otherLedger,
  parseStatusListOption,
  readBatchMarker,
  refuseSeveralStatusEntries,
  writeBatchMarker,
} from './batch-ledger.js';
import {
  type BatchResult,
  type BatchTask,
  type BatchWorkerData,
  writeFileAtomic,
} from './batch-worker.js';
import { type CsvRecord, parseCsv } from './csv.js';
import { getEntryUrl } from './entry.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { bytesToText, type Io, readInput, readJsonObject } from './io.js';
import { keyFromJson, parseKeyJson } from './keyfile.js';
import { createProgress } from './progress.js';
import { checkKeyIsIssuer, type SignSettings } from './sign.js';
import {
  fillTemplate,
  rowObject,
  rowSlug,
  TemplateError,
  templatePlaceholders,
} from './template.js';

/**
 * Inputs of a batch run.
 *
 * @example
 * ```ts
 * const opts: BatchOptions = { csvFile: 'r.csv', templateFile: 't.json', keyFile: 'k.json', outDir: 'out', sign: { format: 'di' } };
 * ```
 */
export interface BatchOptions {
  csvFile: string;
  templateFile: string;
  keyFile: string;
  outDir: string;
  bakeFile?: string;
  sign: SignSettings;
  /** Number of worker threads (default: the number of available cores). */
  workers?: number;
  /** Replace output files that already exist (otherwise the batch refuses to start). */
  force?: boolean;
  /** Allocate status entries from a ledger: a list URL (`{n}` numbers the lists) or a config file. */
  statusList?: string;
  /** The ledger: a SQLite file or a `postgresql://` URL (default: `ob3kit-ledger.sqlite` beside `--out`). */
  ledger?: string;
}

function imageKind(bytes: Uint8Array, file: string): 'png' | 'svg' {
  const kind = sniffFormat(bytes);
  if (kind === 'png' || kind === 'svg') return kind;
  throw new UsageError(
    `--bake image '${file}' is neither a PNG nor an SVG`,
    'Give a .png or .svg badge image.',
  );
}

/**
 * Run a batch: parse the CSV, check the template against its columns, then issue every row on
 * worker threads, reporting progress on standard error and a summary at the end. Bad rows are
 * reported with their line numbers; the others are still issued. Output files that exist are
 * not replaced without `force`. With `statusList`, every credential gets status entries from the
 * ledger, every issuance is recorded before the credential is signed, and a rerun skips the rows
 * already issued. Returns the exit code (0 when every row was issued, 2 when any row failed).
 *
 * @example
 * ```ts
 * const code = await runBatch(io, { csvFile: 'r.csv', templateFile: 't.json', keyFile: 'k.json', outDir: 'out', sign: { format: 'di' } });
 * ```
 */
export async function runBatch(io: Io, opts: BatchOptions): Promise<number> {
  const csvText = bytesToText(await readInput(io, opts.csvFile, 'recipients CSV'));
  const template = await readJsonObject(io, opts.templateFile, 'template');
  const keyFileText = bytesToText(await readInput(io, opts.keyFile, 'key file'));
  const keyJson = parseKeyJson(keyFileText, opts.keyFile);
  const key = keyFromJson(keyJson, opts.keyFile); // fail early, before any worker starts
  // A key that is not the template issuer's would make every badge of the batch unusable.
  if (opts.sign.checkIssuer !== false && templatePlaceholders(template.issuer).length === 0) {
    checkKeyIsIssuer(
      template,
      key,
      opts.keyFile,
      `the template '${opts.templateFile}'`,
      'every credential of the batch would fail verification; nothing was issued',
    );
  }
  let bake: BatchWorkerData['bake'];
  if (opts.bakeFile !== undefined) {
    const bytes = await readInput(io, opts.bakeFile, 'badge image');
    bake = { bytes, ext: imageKind(bytes, opts.bakeFile) };
  }
  const { header, records, problems } = parseCsv(csvText);
  if (header.length === 0 || header.every((h) => h === '')) {
    throw new UsageError(
      `recipients CSV '${opts.csvFile}' has no header row`,
      'The first line names the columns, e.g. name,email',
    );
  }
  const seen = new Set<string>();
  for (const [i, h] of header.entries()) {
    if (h === '') {
      throw new UsageError(
        `recipients CSV '${opts.csvFile}': column ${i + 1} of the header has no name`,
        'Name every column in the first line, e.g. name,email',
      );
    }
    if (seen.has(h)) {
      throw new UsageError(`recipients CSV '${opts.csvFile}': the header names '${h}' twice`);
    }
    seen.add(h);
  }
  if (records.length + problems.length === 0) {
    throw new UsageError(
      `recipients CSV '${opts.csvFile}' has a header but no rows`,
      'Add one line per recipient under the header.',
    );
  }
  const missing = templatePlaceholders(template).filter((p) => !header.includes(p));
  if (missing.length) {
    throw new UsageError(
      `the template uses ${missing.map((m) => `{{${m}}}`).join(', ')} but the CSV has no such column (columns: ${header.join(', ')})`,
      'Rename the CSV header or the placeholders so they match.',
    );
  }
  const outDir = path.resolve(io.cwd, opts.outDir);
  const total = records.length + problems.length;
  const failures: Array<{ line: number; message: string }> = [...problems];
  const rel = (f: string): string => path.relative(io.cwd, f) || f;
  const credExt = opts.sign.format === 'jwt' ? 'jwt' : 'json';
  const baseOf = (r: CsvRecord): string => {
    const slug = rowSlug(rowObject(header, r.fields));
    return `${String(r.line).padStart(4, '0')}${slug ? `-${slug}` : ''}`;
  };
  const data: BatchWorkerData = {
    kind: 'ob3kit-batch-worker',
    keyJson,
    keyFile: opts.keyFile,
    template,
    header,
    outDir,
    sign: opts.sign,
    ...(bake ? { bake } : {}),
  };
  const filesOf = (base: string): string[] => [
    path.join(outDir, `${base}.${credExt}`),
    ...(bake ? [path.join(outDir, `${base}.${bake.ext}`)] : []),
  ];

  if (opts.statusList === undefined) {
    const tasks: BatchTask[] = records.map((r) => ({
      type: 'task',
      line: r.line,
      fields: r.fields,
      base: baseOf(r),
    }));
    refuseOverwrite(
      opts,
      tasks.flatMap((t) => filesOf(t.base)).filter((f) => existsSync(f)),
      rel,
    );
    makeOutDir(outDir, opts.outDir);
    const progress = createProgress(io, total);
    for (const p of problems) progress.tick(false, `line ${p.line}: error: ${p.message}`);
    const queue = [...tasks];
    let issued = 0;
    let workers = 0;
    if (tasks.length) {
      const pool = startWorkers(io, data, workerCount(opts, tasks.length));
      ({ issued, workers } = await pool.run({
        next: async () => queue.shift(),
        drain: () => queue.splice(0),
        progress,
        failures,
        rel,
      }));
    }
    progress.done();
    return summary(io, { issued, total, outDir, workers, failures });
  }

  // With a ledger.
  if (template.credentialStatus !== undefined) {
    throw new UsageError(
      'the template has a credentialStatus; with --status-list the ledger adds one to each credential',
      'Remove credentialStatus from the template.',
    );
  }
  const series = await parseStatusListOption(io, opts.statusList);
  if (opts.sign.validate !== false) {
    refuseSeveralStatusEntries(
      template,
      series,
      opts.statusList,
      `the template '${opts.templateFile}'`,
    );
  }
  const ledgerSpec = opts.ledger ?? path.join(path.dirname(outDir), DEFAULT_LEDGER_FILE);
  const location = ledgerLocation(io, ledgerSpec);
  const marker = readBatchMarker(outDir);
  const resumed = marker !== undefined;
  const batch = marker?.batch ?? newBatchId();
  if (marker && !isPostgresUrl(ledgerSpec) && !existsSync(path.resolve(io.cwd, ledgerSpec))) {
    // Not the batch's ledger (that one exists): refuse before a new, empty file is made.
    throw otherLedger(outDir, marker, location);
  }
  const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
  const templateHash = sha256Hex(JSON.stringify(template));
  // Row identity: the batch, the template and the row's own cells (the nth such row), so a rerun
  // finds every row again even after rows were added, fixed or moved.
  const occurrences = new Map<string, number>();
  const rows = records.map((r) => {
    const digest = sha256Hex(JSON.stringify([templateHash, header, r.fields]));
    const n = (occurrences.get(digest) ?? 0) + 1;
    occurrences.set(digest, n);
    return { r, key: `${batch}#${digest}#${n}` };
  });
  // The workers load while the ledger is read.
  const pool = records.length
    ? startWorkers(io, data, workerCount(opts, records.length))
    : undefined;
  let poolRunning = false;
  let store: LedgerStore | undefined;
  let ledger: Ledger | undefined;
  try {
    store = await openLedgerStore(io, ledgerSpec);
    if (marker && marker.ledgerId !== store.id) throw otherLedger(outDir, marker, location);
    ledger = createLedger(store, { lists: series });
    const known = new Map<string, IssuanceRecord>();
    if (resumed)
      for (const rec of await ledger.find({ batch })) if (rec.key) known.set(rec.key, rec);

    const conflicts: string[] = [];
    const existing = new Set(existsSync(outDir) ? readdirSync(outDir) : []);
    const toMark: string[] = [];
    const again: BatchTask[] = [];
    const fresh: Array<{ r: CsvRecord; key: string; base: string; meta: RowMeta }> = [];
    let skipped = 0;
    const ids = new Map<string, number>();
    for (const { r, key } of rows) {
      const rec = known.get(key);
      if (rec) {
        const name = rec.output ?? `${baseOf(r)}.${credExt}`;
        if (path.basename(name) !== name || name.startsWith('.')) {
          throw new UsageError(
            `the ledger records the output '${name}' for line ${r.line}, which is not a file name in --out`,
          );
        }
        const file = path.join(outDir, name);
        const inFile = fileCredentialId(file);
        const task: BatchTask = {
          type: 'task',
          line: r.line,
          fields: r.fields,
          base: path.basename(file).replace(/\.(json|jwt)$/, ''),
          record: { credentialId: rec.credentialId, now: rec.reservedAt, status: rec.status },
        };
        if (inFile === rec.credentialId) {
          skipped++;
          if (rec.state === 'reserved') toMark.push(rec.credentialId);
        } else if (inFile !== undefined && !opts.force) {
          conflicts.push(file);
        } else {
          again.push(task);
        }
        continue;
      }
      let meta: RowMeta;
      try {
        meta = rowMeta(template, header, r.fields);
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        failures.push({ line: r.line, message: e.message });
        continue;
      }
      if (meta.credentialId !== undefined) {
        const other = ids.get(meta.credentialId);
        if (other !== undefined) {
          throw new UsageError(
            `lines ${other} and ${r.line} would both be issued with the id '${meta.credentialId}'`,
            'Give each row its own credential id, or leave id out of the template (each credential then gets a new urn:uuid).',
          );
        }
        ids.set(meta.credentialId, r.line);
      }
      const base = baseOf(r);
      conflicts.push(...filesOf(base).filter((f) => existing.has(path.basename(f))));
      fresh.push({ r, key, base, meta });
    }
    if (!resumed && existsSync(path.join(outDir, 'manifest.csv'))) {
      conflicts.push(path.join(outDir, 'manifest.csv'));
    }
    refuseOverwrite(opts, conflicts, rel);
    makeOutDir(outDir, opts.outDir);
    removeTemporaryFiles(outDir);
    if (!resumed) writeBatchMarker(outDir, { batch, ledgerId: store.id, ledger: location });
    if (toMark.length) await ledger.markIssued(toMark);
    // What the manifest lists: every credential of the batch the ledger holds as issued.
    const issuedRecords = new Map<string, IssuanceRecord>();
    const recordsById = new Map<string, IssuanceRecord>();
    const marked = new Set(toMark);
    for (const rec of known.values()) {
      recordsById.set(rec.credentialId, rec);
      if (rec.state === 'issued' || marked.has(rec.credentialId)) {
        issuedRecords.set(rec.credentialId, rec);
      }
    }

    const progress = createProgress(io, total - skipped);
    for (const f of failures) progress.tick(false, `line ${f.line}: error: ${f.message}`);
    const l = ledger;
    const ready: BatchTask[] = [...again];
    let nextFresh = 0;
    let reserving: Promise<void> | undefined;
    let fatal: string | undefined;
    const CHUNK = 512;
    const reserveMore = (): Promise<void> => {
      if (reserving) return reserving;
      const chunk = fresh.slice(nextFresh, nextFresh + CHUNK);
      nextFresh += chunk.length;
      reserving = l
        .reserve(
          chunk.map(({ r, key, base, meta }) => ({
            key,
            batch,
            row: r.line,
            output: `${base}.${credExt}`,
            ...meta.request,
          })),
        )
        .then((recs) => {
          recs.forEach((rec, i) => {
            recordsById.set(rec.credentialId, rec);
            const { r, base } = chunk[i] as (typeof chunk)[number];
            ready.push({
              type: 'task',
              line: r.line,
              fields: r.fields,
              base,
              record: { credentialId: rec.credentialId, now: rec.reservedAt, status: rec.status },
            });
          });
        })
        .catch((e: unknown) => {
          // The ledger refused (a full single list, a conflict) or failed: no row after this
          // one gets a status entry, so none is issued.
          const message = errorText(e);
          fatal = message;
          const rest = [...chunk, ...fresh.slice(nextFresh)];
          nextFresh = fresh.length;
          for (const { r } of rest) {
            failures.push({ line: r.line, message });
            progress.tick(false, `line ${r.line}: error: ${message}`);
          }
        })
        .finally(() => {
          reserving = undefined;
        });
      return reserving;
    };
    const next = async (): Promise<BatchTask | undefined> => {
      for (;;) {
        if (ready.length < CHUNK / 2 && nextFresh < fresh.length && fatal === undefined) {
          void reserveMore();
        }
        const t = ready.shift();
        if (t) return t;
        if (reserving) {
          await reserving;
          continue;
        }
        return undefined;
      }
    };
    // Mark issued in batches, one transaction at a time, after each file is written.
    let pending: string[] = [];
    let marking: Promise<void> = Promise.resolve();
    let markError: string | undefined;
    const flush = (): Promise<void> => {
      if (pending.length === 0) return marking;
      const ids2 = pending;
      pending = [];
      marking = marking.then(() =>
        l.markIssued(ids2).then(
          () => {
            for (const id of ids2) {
              const rec = recordsById.get(id);
              if (rec) issuedRecords.set(id, rec);
            }
          },
          (e: unknown) => {
            markError = errorText(e);
          },
        ),
      );
      return marking;
    };
    let issued = 0;
    let workers = 0;
    if (pool && again.length + fresh.length > 0) {
      poolRunning = true;
      ({ issued, workers } = await pool.run({
        next,
        drain: () => {
          const left = [...ready.splice(0)];
          for (const f of fresh.slice(nextFresh)) {
            left.push({ type: 'task', line: f.r.line, fields: f.r.fields, base: f.base });
          }
          nextFresh = fresh.length;
          return left;
        },
        progress,
        failures,
        rel,
        onIssued: (id) => {
          if (id !== undefined) pending.push(id);
          if (pending.length >= CHUNK) void flush();
        },
      }));
    }
    await flush();
    progress.done();
    if (markError !== undefined) {
      io.err(
        `ob3kit issue: warning: could not mark every credential issued in the ledger (${markError}); a rerun finds their files and marks them.\n`,
      );
    }
    const done = [...issuedRecords.values()];
    // It names recipients: readable by its owner only.
    writeFileAtomic(
      path.join(outDir, 'manifest.csv'),
      manifestCsv(done, bake ? `.${bake.ext}` : undefined),
      { private: true },
    );
    const lines = [
      `Ledger: ${location}${resumed ? ` (resumed batch ${batch})` : ''}`,
      `Manifest: ${rel(path.join(outDir, 'manifest.csv'))} (${done.length} credential(s))`,
    ];
    if (skipped) lines.unshift(`${skipped} row(s) were already issued: skipped.`);
    io.out(`${lines.join('\n')}\n`);
    return summary(io, { issued, total: total - skipped, outDir, workers, failures });
  } finally {
    if (pool && !poolRunning) await pool.terminate();
    await (ledger ?? store)?.close();
  }
}

/** What the ledger records about a row, read from the filled template. */
interface RowMeta {
  credentialId?: string;
  request: { credentialId?: string; recipient?: string; subjectId?: string; achievement?: string };
}

function rowMeta(template: Record<string, unknown>, header: string[], fields: string[]): RowMeta {
  // Only the strings the ledger records are filled (the template was checked against the header).
  const row = rowObject(header, fields);
  const text = (v: unknown): string | undefined => {
    if (typeof v !== 'string') return undefined;
    const filled = fillTemplate(v, row);
    return filled.length > 0 ? filled : undefined;
  };
  const cell = (v: string | undefined): string | undefined => (v ? v : undefined);
  const subject = template.credentialSubject as Record<string, unknown> | undefined;
  const subjectId = text(subject?.id) ?? cell(row.id);
  const achievement = subject?.achievement;
  const achievementId = text(
    (Array.isArray(achievement) ? achievement[0] : (achievement as { id?: unknown } | undefined))
      ?.id,
  );
  const credentialId = text(template.id);
  const recipient = cell(row.email) ?? subjectId ?? cell(row.name);
  return {
    ...(credentialId !== undefined ? { credentialId } : {}),
    request: {
      ...(credentialId !== undefined ? { credentialId } : {}),
      ...(recipient !== undefined ? { recipient } : {}),
      ...(subjectId !== undefined ? { subjectId } : {}),
      ...(achievementId !== undefined ? { achievement: achievementId } : {}),
    },
  };
}

function errorText(e: unknown): string {
  const err = e as { message?: string; code?: string };
  const message = err?.message ?? String(e);
  return typeof err?.code === 'string' && err.code.startsWith('ERR_')
    ? `${message} (${err.code})`
    : message;
}

function workerCount(opts: BatchOptions, tasks: number): number {
  return Math.max(1, Math.min(opts.workers ?? os.availableParallelism(), tasks));
}

function refuseOverwrite(
  opts: BatchOptions,
  conflicts: string[],
  rel: (f: string) => string,
): void {
  if (conflicts.length === 0 || opts.force) return;
  const shown = conflicts.slice(0, 5).map(rel).join(', ');
  throw new UsageError(
    `${conflicts.length} output file(s) already exist: ${shown}${conflicts.length > 5 ? ', ...' : ''}; nothing was issued`,
    'Choose a new --out folder, or pass --force to replace them.',
  );
}

function makeOutDir(outDir: string, given: string): void {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create --out folder '${given}': ${(e as Error).message}`);
  }
}

/** Temporary files a killed run left behind (never a complete output). */
function removeTemporaryFiles(outDir: string): void {
  for (const f of readdirSync(outDir)) {
    if (f.startsWith('.') && f.endsWith('.ob3kit-tmp'))
      rmSync(path.join(outDir, f), { force: true });
  }
}

function summary(
  io: Io,
  s: {
    issued: number;
    total: number;
    outDir: string;
    workers: number;
    failures: Array<{ line: number; message: string }>;
  },
): number {
  s.failures.sort((a, b) => a.line - b.line);
  io.out(
    `Issued ${s.issued} of ${s.total} credential(s) into ${s.outDir} (${s.workers} worker thread${s.workers === 1 ? '' : 's'}).\n`,
  );
  if (s.failures.length) {
    io.out(`${s.failures.length} row(s) failed:\n`);
    for (const f of s.failures) io.out(`  line ${f.line}: ${f.message}\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

/** Rows handed to a worker before its earlier ones are back. */
const DEPTH = 8;

interface WorkerHooks {
  next: () => Promise<BatchTask | undefined>;
  /** Take every task not handed out yet (when no worker is left). */
  drain: () => BatchTask[];
  progress: ReturnType<typeof createProgress>;
  failures: Array<{ line: number; message: string }>;
  rel: (f: string) => string;
  onIssued?: (credentialId: string | undefined) => void;
}

interface WorkerPool {
  /** Issue tasks until `hooks.next` has none left; resolves when every worker has exited. */
  run(hooks: WorkerHooks): Promise<{ issued: number; workers: number }>;
  /** Stop the workers without running anything. */
  terminate(): Promise<void>;
}

/**
 * Start `count` worker threads now (they take a moment to load), to be given work with `run`.
 * Each keeps a few rows in flight, so it has work while the main thread waits on the ledger.
 */
function startWorkers(io: Io, data: BatchWorkerData, count: number): WorkerPool {
  const workers: Worker[] = [];
  const pumps: Array<() => void> = [];
  const readyEarly = new Set<number>();
  let hooks: WorkerHooks | undefined;
  let issued = 0;
  let alive = count;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const finish = (): void => {
    if (!hooks) return;
    // Rows that no worker could take (every worker failed to start or died).
    for (const t of hooks.drain()) {
      hooks.failures.push({ line: t.line, message: 'no worker left to issue this row' });
      hooks.progress.tick(false, `line ${t.line}: error: no worker left to issue this row`);
    }
    resolveDone();
  };
  for (let w = 0; w < count; w++) {
    const worker = new Worker(new URL(getEntryUrl()), { workerData: data });
    workers.push(worker);
    const inFlight = new Map<number, BatchTask>();
    let asking = 0;
    let exhausted = false;
    let stopSent = false;
    let ended = false;
    const maybeStop = (): void => {
      if (exhausted && !stopSent && inFlight.size === 0 && asking === 0) {
        stopSent = true;
        worker.postMessage({ type: 'stop' });
      }
    };
    const pump = (): void => {
      const h = hooks as WorkerHooks;
      while (!exhausted && inFlight.size + asking < DEPTH) {
        asking++;
        h.next().then(
          (task) => {
            asking--;
            if (task) {
              inFlight.set(task.line, task);
              worker.postMessage(task);
            } else {
              exhausted = true;
            }
            maybeStop();
          },
          () => {
            asking--;
            exhausted = true;
            maybeStop();
          },
        );
      }
    };
    pumps.push(pump);
    worker.on(
      'message',
      (msg: BatchResult | { type: 'ready' } | { type: 'fatal'; error: string }) => {
        if (msg.type === 'ready') {
          if (hooks) pump();
          else readyEarly.add(w);
          return;
        }
        if (msg.type === 'fatal') {
          io.err(`worker could not start: ${msg.error}\n`);
          return;
        }
        const h = hooks as WorkerHooks;
        inFlight.delete(msg.line);
        if (msg.ok) {
          issued++;
          h.onIssued?.(msg.credentialId);
          h.progress.tick(
            true,
            `line ${msg.line}: issued ${(msg.files ?? []).map(h.rel).join(', ')}`,
          );
        } else {
          h.failures.push({ line: msg.line, message: msg.error ?? 'failed' });
          h.progress.tick(false, `line ${msg.line}: error: ${msg.error}`);
        }
        pump();
        maybeStop();
      },
    );
    worker.on('error', (e) => {
      if (!hooks) return;
      for (const t of inFlight.values()) {
        hooks.failures.push({ line: t.line, message: e.message });
        hooks.progress.tick(false, `line ${t.line}: error: ${e.message}`);
      }
      inFlight.clear();
    });
    worker.on('exit', () => {
      if (ended) return;
      ended = true;
      alive--;
      if (alive === 0) finish();
    });
  }
  return {
    async run(h) {
      hooks = h;
      if (alive === 0) finish();
      for (const w of readyEarly) pumps[w]?.();
      await done;
      return { issued, workers: count };
    },
    async terminate() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
