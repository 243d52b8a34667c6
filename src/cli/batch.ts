/** `ob3kit issue --batch`: one signed (optionally baked) credential a CSV row, on worker threads. */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sniffFormat } from '../bake/index.js';
import { sha256Hex } from '../internal/hash.js';
import { createLedger, type IssuanceRecord, type Ledger } from '../ledger/index.js';
import {
  DEFAULT_LEDGER_FILE,
  fileCredentialId,
  ledgerLocation,
  manifestCsv,
  openLedgerStore,
  parseStatusListOption,
  readBatchMarker,
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
import type { SignSettings } from './sign.js';
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
  keyFromJson(keyJson, opts.keyFile); // fail early, before any worker starts
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
    const { issued, workers } = await runWorkers(io, data, opts.workers, tasks.length, {
      next: async () => queue.shift(),
      drain: () => queue.splice(0),
      progress,
      failures,
      rel,
    });
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
  const ledgerSpec = opts.ledger ?? path.join(path.dirname(outDir), DEFAULT_LEDGER_FILE);
  const location = ledgerLocation(io, ledgerSpec);
  const { batch, resumed } = readBatchMarker(outDir, location);
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
  const store = await openLedgerStore(io, ledgerSpec);
  let ledger: Ledger | undefined;
  try {
    ledger = createLedger(store, { lists: series });
    const known = new Map<string, IssuanceRecord>();
    if (resumed)
      for (const rec of await ledger.find({ batch })) if (rec.key) known.set(rec.key, rec);

    const conflicts: string[] = [];
    const toMark: string[] = [];
    const again: BatchTask[] = [];
    const fresh: Array<{ r: CsvRecord; key: string; base: string; meta: RowMeta }> = [];
    let skipped = 0;
    const ids = new Map<string, number>();
    for (const { r, key } of rows) {
      const rec = known.get(key);
      if (rec) {
        const file = path.join(outDir, rec.output ?? `${baseOf(r)}.${credExt}`);
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
      conflicts.push(...filesOf(base).filter((f) => existsSync(f)));
      fresh.push({ r, key, base, meta });
    }
    if (!resumed && existsSync(path.join(outDir, 'manifest.csv'))) {
      conflicts.push(path.join(outDir, 'manifest.csv'));
    }
    refuseOverwrite(opts, conflicts, rel);
    makeOutDir(outDir, opts.outDir);
    removeTemporaryFiles(outDir);
    if (!resumed) writeBatchMarker(outDir, batch, location);
    if (toMark.length) await ledger.markIssued(toMark);

    const progress = createProgress(io, total - skipped);
    for (const f of failures) progress.tick(false, `line ${f.line}: error: ${f.message}`);
    const l = ledger;
    const ready: BatchTask[] = [...again];
    let nextFresh = 0;
    let reserving: Promise<void> | undefined;
    let fatal: string | undefined;
    const CHUNK = 256;
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
        l.markIssued(ids2).catch((e: unknown) => {
          markError = errorText(e);
        }),
      );
      return marking;
    };
    const { issued, workers } = await runWorkers(
      io,
      data,
      opts.workers,
      again.length + fresh.length,
      {
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
      },
    );
    await flush();
    progress.done();
    if (markError !== undefined) {
      io.err(
        `ob3kit issue: warning: could not mark every credential issued in the ledger (${markError}); a rerun finds their files and marks them.\n`,
      );
    }
    const done = (await l.find({ batch })).filter((r) => r.state === 'issued');
    writeFileAtomic(
      path.join(outDir, 'manifest.csv'),
      manifestCsv(done, bake ? `.${bake.ext}` : undefined),
    );
    const lines = [
      `Ledger: ${location}${resumed ? ` (resumed batch ${batch})` : ''}`,
      `Manifest: ${rel(path.join(outDir, 'manifest.csv'))} (${done.length} credential(s))`,
    ];
    if (skipped) lines.unshift(`${skipped} row(s) were already issued: skipped.`);
    io.out(`${lines.join('\n')}\n`);
    return summary(io, { issued, total: total - skipped, outDir, workers, failures });
  } finally {
    await (ledger ?? { close: () => store.close() }).close();
  }
}

/** What the ledger records about a row, read from the filled template. */
interface RowMeta {
  credentialId?: string;
  request: { credentialId?: string; recipient?: string; subjectId?: string; achievement?: string };
}

function rowMeta(template: Record<string, unknown>, header: string[], fields: string[]): RowMeta {
  const row = rowObject(header, fields);
  const filled = fillTemplate(template, row);
  const subject = filled.credentialSubject as Record<string, unknown> | undefined;
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' && v.length > 0 ? v : undefined;
  const subjectId = text(subject?.id) ?? text(row.id);
  const achievement = subject?.achievement;
  const achievementId = text(
    (Array.isArray(achievement) ? achievement[0] : (achievement as { id?: unknown } | undefined))
      ?.id,
  );
  const credentialId = text(filled.id);
  const recipient = text(row.email) ?? subjectId ?? text(row.name);
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

interface WorkerHooks {
  next: () => Promise<BatchTask | undefined>;
  /** Take every task not handed out yet (when no worker is left). */
  drain: () => BatchTask[];
  progress: ReturnType<typeof createProgress>;
  failures: Array<{ line: number; message: string }>;
  rel: (f: string) => string;
  onIssued?: (credentialId: string | undefined) => void;
}

/** Issue tasks on worker threads until `next` has none left. */
async function runWorkers(
  io: Io,
  data: BatchWorkerData,
  wanted: number | undefined,
  taskCount: number,
  hooks: WorkerHooks,
): Promise<{ issued: number; workers: number }> {
  const { progress, failures, rel } = hooks;
  const cores = wanted ?? os.availableParallelism();
  const count = Math.max(1, Math.min(cores, taskCount));
  let issued = 0;
  if (taskCount === 0) return { issued, workers: 0 };
  await new Promise<void>((resolve) => {
    let alive = count;
    const finishWorker = (): void => {
      alive--;
      if (alive === 0) {
        // Rows that no worker could take (every worker failed to start).
        for (const t of hooks.drain()) {
          failures.push({ line: t.line, message: 'no worker left to issue this row' });
          progress.tick(false, `line ${t.line}: error: no worker left to issue this row`);
        }
        resolve();
      }
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(new URL(getEntryUrl()), { workerData: data });
      let current: BatchTask | undefined;
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        finishWorker();
      };
      const next = (): void => {
        hooks.next().then(
          (task) => {
            current = task;
            if (task) worker.postMessage(task);
            else worker.postMessage({ type: 'stop' });
          },
          () => worker.postMessage({ type: 'stop' }),
        );
      };
      worker.on(
        'message',
        (msg: BatchResult | { type: 'ready' } | { type: 'fatal'; error: string }) => {
          if (msg.type === 'ready') return next();
          if (msg.type === 'fatal') {
            io.err(`worker could not start: ${msg.error}\n`);
            return;
          }
          if (msg.ok) {
            issued++;
            hooks.onIssued?.(msg.credentialId);
            progress.tick(
              true,
              `line ${msg.line}: issued ${(msg.files ?? []).map(rel).join(', ')}`,
            );
          } else {
            failures.push({ line: msg.line, message: msg.error ?? 'failed' });
            progress.tick(false, `line ${msg.line}: error: ${msg.error}`);
          }
          current = undefined;
          next();
        },
      );
      worker.on('error', (e) => {
        if (current) {
          failures.push({ line: current.line, message: e.message });
          progress.tick(false, `line ${current.line}: error: ${e.message}`);
          current = undefined;
        }
      });
      worker.on('exit', end);
    }
  });
  return { issued, workers: count };
}
