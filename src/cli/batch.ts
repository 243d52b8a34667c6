/** `ob3kit issue --batch`: one signed (optionally baked) credential a CSV row, on worker threads. */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sniffFormat } from '../bake/index.js';
import type { BatchResult, BatchTask, BatchWorkerData } from './batch-worker.js';
import { parseCsv } from './csv.js';
import { getEntryUrl } from './entry.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { bytesToText, type Io, readInput, readJsonObject } from './io.js';
import { keyFromJson, parseKeyJson } from './keyfile.js';
import { createProgress } from './progress.js';
import { checkKeyIsIssuer, type SignSettings } from './sign.js';
import { templatePlaceholders } from './template.js';

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
 * reported with their line numbers; the others are still issued. Returns the exit code
 * (0 when every row was issued, 2 when any row failed).
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
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create --out folder '${opts.outDir}': ${(e as Error).message}`);
  }

  const total = records.length + problems.length;
  const progress = createProgress(io, total);
  const failures: Array<{ line: number; message: string }> = [];
  let issued = 0;
  for (const p of problems) {
    failures.push(p);
    progress.tick(false, `line ${p.line}: error: ${p.message}`);
  }

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
  const queue: BatchTask[] = records.map((r) => ({ type: 'task', line: r.line, fields: r.fields }));
  const cores = opts.workers ?? os.availableParallelism();
  const count = Math.max(1, Math.min(cores, queue.length));
  if (queue.length > 0) {
    await new Promise<void>((resolve) => {
      let alive = count;
      const finishWorker = (): void => {
        alive--;
        if (alive === 0) {
          // Rows that no worker could take (every worker failed to start).
          for (const t of queue.splice(0)) {
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
          current = queue.shift();
          if (current) worker.postMessage(current);
          else {
            worker.postMessage({ type: 'stop' });
          }
        };
        worker.on(
          'message',
          (msg: BatchResult | { type: 'ready' } | { type: 'fatal'; error: string }) => {
            if (msg.type === 'ready') return next();
            if (msg.type === 'fatal') {
              io.err(`worker could not start: ${msg.error}\n`);
              return;
            }
            const rel = (f: string): string => path.relative(io.cwd, f) || f;
            if (msg.ok) {
              issued++;
              progress.tick(
                true,
                `line ${msg.line}: issued ${(msg.files ?? []).map(rel).join(', ')}`,
              );
            } else {
              failures.push({ line: msg.line, message: msg.error ?? 'failed' });
              progress.tick(false, `line ${msg.line}: error: ${msg.error}`);
            }
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
  }
  progress.done();
  failures.sort((a, b) => a.line - b.line);
  const workers = records.length ? count : 0;
  io.out(
    `Issued ${issued} of ${total} credential(s) into ${outDir} (${workers} worker thread${workers === 1 ? '' : 's'}).\n`,
  );
  if (failures.length) {
    io.out(`${failures.length} row(s) failed:\n`);
    for (const f of failures) io.out(`  line ${f.line}: ${f.message}\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
