/**
 * The `ob3kit` command line: build, sign, bake, revoke and verify Open Badges 3.0 credentials.
 *
 * Run `ob3kit --help` for the commands. This file is the bin entry and also the batch worker's
 * entry (a worker thread runs this same file with its own `workerData`).
 *
 * @packageDocumentation
 */
import process from 'node:process';
import { isMainThread, workerData } from 'node:worker_threads';
import { isBatchWorkerData, runBatchWorker } from './batch-worker.js';
import { setEntryUrl } from './entry.js';
import { runCli } from './run.js';

setEntryUrl(import.meta.url);

if (!isMainThread && isBatchWorkerData(workerData)) {
  runBatchWorker(workerData);
} else {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`ob3kit: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
