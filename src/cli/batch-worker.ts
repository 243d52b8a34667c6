/** The batch issuance worker: runs in a worker thread, issues one row at a time. */
import { parentPort } from 'node:worker_threads';

/** What the main thread passes to each worker. */
export interface BatchWorkerData {
  kind: 'ob3kit-batch-worker';
}

/** True when `data` is a batch worker's start data. */
export function isBatchWorkerData(data: unknown): data is BatchWorkerData {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { kind?: unknown }).kind === 'ob3kit-batch-worker'
  );
}

/** Serve rows until told to stop. */
export function runBatchWorker(_data: BatchWorkerData): void {
  parentPort?.postMessage({ type: 'ready' });
}
