/** The batch issuance worker: runs in a worker thread, issues one CSV row at a time. */
import { randomUUID } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, threadId } from 'node:worker_threads';
import { bakeBadge } from '../bake/index.js';
import type { Issue } from '../errors.js';
import type { KeyPair } from '../keys/index.js';
import { attachStatus, type IssuanceRecord, type StatusAllocation } from '../ledger/index.js';
import { createIdentityObject } from '../model/index.js';
import { keyFromJson } from './keyfile.js';
import { formatIssues, type SignSettings, signedText, signWith } from './sign.js';
import { applyRowConventions, fillTemplate, type IdentityFactory, rowObject } from './template.js';

/** IdentityObjects through the library's builder (a salted SHA-256 hash when hashed). */
const makeIdentity: IdentityFactory = (identityType, identity, hashed) =>
  createIdentityObject({ identityType, identity, hashed }) as unknown as Record<string, unknown>;

/**
 * What the main thread passes to each worker.
 *
 * @example
 * ```ts
 * const data: BatchWorkerData = { kind: 'ob3kit-batch-worker', keyJson, keyFile: 'k.json', template, header: ['name'], outDir: '/tmp/out', sign: { format: 'di' } };
 * ```
 */
export interface BatchWorkerData {
  kind: 'ob3kit-batch-worker';
  keyJson: Record<string, unknown>;
  keyFile: string;
  template: Record<string, unknown>;
  header: string[];
  outDir: string;
  sign: SignSettings;
  bake?: { bytes: Uint8Array; ext: 'png' | 'svg' };
}

/**
 * A row sent to a worker.
 *
 * @example
 * ```ts
 * worker.postMessage({ type: 'task', line: 2, fields: ['Ada', 'ada@example.com'] } satisfies BatchTask);
 * ```
 */
export interface BatchTask {
  type: 'task';
  line: number;
  fields: string[];
  /** The output file name without its extension (`0002-ada-lovelace`). */
  base: string;
  /** With a ledger: the recorded credential id, issuance time and status entries. */
  record?: { credentialId: string; now: string; status: StatusAllocation[] };
}

/**
 * A worker's answer for one row.
 *
 * @example
 * ```ts
 * const r: BatchResult = { type: 'result', line: 2, ok: true, files: ['/tmp/out/0002-ada.json'] };
 * ```
 */
export interface BatchResult {
  type: 'result';
  line: number;
  ok: boolean;
  files?: string[];
  /** The id of the credential written. */
  credentialId?: string;
  error?: string;
}

/**
 * True when `data` is a batch worker's start data.
 *
 * @example
 * ```ts
 * if (!isMainThread && isBatchWorkerData(workerData)) runBatchWorker(workerData);
 * ```
 */
export function isBatchWorkerData(data: unknown): data is BatchWorkerData {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { kind?: unknown }).kind === 'ob3kit-batch-worker'
  );
}

/**
 * Write a file so that it is either absent or complete: into a temporary file beside it, then
 * renamed over it (a crash in between leaves only the temporary file). `private` makes it
 * readable by its owner only (mode 0600).
 *
 * @example
 * ```ts
 * writeFileAtomic('/tmp/out/0002-ada.json', text);
 * ```
 */
export function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { private?: boolean } = {},
): void {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${threadId}.ob3kit-tmp`,
  );
  writeFileSync(tmp, data, options.private ? { mode: 0o600 } : {});
  renameSync(tmp, file);
}

/**
 * Issue one row: fill the template, attach the recorded status entries (with a ledger), sign,
 * optionally bake, and write the files (the image first, the credential last, each atomically:
 * a credential file that exists is complete).
 *
 * @example
 * ```ts
 * const { files } = await issueRow(data, key, { type: 'task', line: 2, fields: ['Ada', 'ada@example.com'], base: '0002-ada' });
 * ```
 */
export async function issueRow(
  data: BatchWorkerData,
  key: KeyPair,
  task: BatchTask,
): Promise<{ files: string[]; credentialId: string | undefined }> {
  const row = rowObject(data.header, task.fields);
  const rec = task.record;
  let credential = applyRowConventions(
    fillTemplate(data.template, row),
    row,
    makeIdentity,
    rec ? new Date(rec.now) : new Date(),
    () => rec?.credentialId ?? `urn:uuid:${randomUUID()}`,
  );
  if (rec) {
    const record: IssuanceRecord = {
      credentialId: rec.credentialId,
      state: 'reserved',
      reservedAt: rec.now,
      status: rec.status,
    };
    credential = attachStatus(credential, record);
  }
  const signed = await signWith(credential, key, data.sign);
  const files: string[] = [];
  if (data.bake) {
    const baked = bakeBadge(data.bake.bytes, signed);
    const imgFile = path.join(data.outDir, `${task.base}.${data.bake.ext}`);
    writeFileAtomic(imgFile, baked);
    files.push(imgFile);
  }
  const credFile = path.join(
    data.outDir,
    `${task.base}.${typeof signed === 'string' ? 'jwt' : 'json'}`,
  );
  writeFileAtomic(credFile, signedText(signed));
  files.unshift(credFile);
  const id = credential.id;
  return { files, credentialId: typeof id === 'string' ? id : undefined };
}

/**
 * Serve rows from the parent until told to stop.
 *
 * @example
 * ```ts
 * if (!isMainThread && isBatchWorkerData(workerData)) runBatchWorker(workerData);
 * ```
 */
export function runBatchWorker(data: BatchWorkerData): void {
  const port = parentPort;
  if (!port) return;
  let key: KeyPair;
  try {
    key = keyFromJson(data.keyJson, data.keyFile);
  } catch (e) {
    port.postMessage({ type: 'fatal', error: (e as Error).message });
    return;
  }
  port.on('message', (msg: BatchTask | { type: 'stop' }) => {
    if (msg.type === 'stop') {
      port.close();
      return;
    }
    issueRow(data, key, msg).then(
      ({ files, credentialId }) =>
        port.postMessage({ type: 'result', line: msg.line, ok: true, files, credentialId }),
      (e: unknown) => {
        const err = e as { message?: string; code?: string; issues?: unknown };
        let message = err?.message ?? String(e);
        if (typeof err?.code === 'string' && err.code.startsWith('ERR_')) {
          message += ` (${err.code})`;
        }
        if (Array.isArray(err?.issues) && err.issues.length > 0) {
          // Every issue, located: the row's credential, then the JSON path.
          message = `the credential is not valid (${err.code}):\n${formatIssues(err.issues as Issue[], `line ${msg.line}`)}`;
        }
        port.postMessage({ type: 'result', line: msg.line, ok: false, error: message });
      },
    );
  });
  port.postMessage({ type: 'ready' });
}
