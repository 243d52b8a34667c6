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
import { setEntryUrl } from './entry.js';
import { runCli } from './run.js';

setEntryUrl(import.meta.url);

// Only what runs is loaded: `--help` and `--version` load no command and none of the library.
const worker = isMainThread ? undefined : await import('./batch-worker.js');
if (worker?.isBatchWorkerData(workerData)) {
  worker.runBatchWorker(workerData);
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
