/** The batch issuance worker: runs in a worker thread, issues one CSV row at a time. */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { bakeBadge } from '../bake/index.js';
import type { Issue } from '../errors.js';
import type { KeyPair } from '../keys/index.js';
import { createIdentityObject } from '../model/index.js';
import { keyFromJson } from './keyfile.js';
import { formatIssues, type SignSettings, signedText, signWith } from './sign.js';
import {
  applyRowConventions,
  fillTemplate,
  type IdentityFactory,
  rowObject,
  rowSlug,
} from './template.js';

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
 * Issue one row: fill the template, sign, optionally bake, and write the files.
 *
 * @example
 * ```ts
 * const files = await issueRow(data, key, { type: 'task', line: 2, fields: ['Ada', 'ada@example.com'] });
 * ```
 */
export async function issueRow(
  data: BatchWorkerData,
  key: KeyPair,
  task: BatchTask,
): Promise<string[]> {
  const row = rowObject(data.header, task.fields);
  const credential = applyRowConventions(
    fillTemplate(data.template, row),
    row,
    makeIdentity,
    new Date(),
    () => `urn:uuid:${randomUUID()}`,
  );
  const signed = await signWith(credential, key, data.sign);
  const slug = rowSlug(row);
  const base = `${String(task.line).padStart(4, '0')}${slug ? `-${slug}` : ''}`;
  const files: string[] = [];
  const credFile = path.join(data.outDir, `${base}.${typeof signed === 'string' ? 'jwt' : 'json'}`);
  writeFileSync(credFile, signedText(signed));
  files.push(credFile);
  if (data.bake) {
    const baked = bakeBadge(data.bake.bytes, signed);
    const imgFile = path.join(data.outDir, `${base}.${data.bake.ext}`);
    writeFileSync(imgFile, baked);
    files.push(imgFile);
  }
  return files;
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
      (files) => port.postMessage({ type: 'result', line: msg.line, ok: true, files }),
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
