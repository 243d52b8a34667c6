/**
 * Several processes allocating from one ledger at once (one SQLite file, one PostgreSQL database)
 * never get the same entry, also while the list fills up and the next one starts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, type LedgerStore } from '../../src/ledger/index.js';
import { openPostgresLedgerStore } from '../../src/ledger/postgres.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite.js';
import { type PgCluster, postgresUnavailable, startPostgres } from './pg-cluster.js';

const root = path.resolve(__dirname, '../..');
const L = 131072;
const FREE = 600;
const PROCESSES = 4;
const EACH = 400;
let child: string;
let dir: string;
let cluster: PgCluster | undefined;
const unavailable = postgresUnavailable();
if (unavailable)
  console.warn(`\n*** SKIPPING the PostgreSQL multi-process test: ${unavailable} ***\n`);

beforeAll(async () => {
  dir = mkdtempSync(path.join(root, 'node_modules', '.ob3kit-ledger-test-'));
  child = path.join(dir, 'child.js');
  await build({
    entryPoints: [path.join(__dirname, 'allocator-child.ts')],
    outfile: child,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  if (!unavailable) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Fill list 1 but FREE entries, directly in the store, so the processes cross into list 2. */
async function prefill(store: LedgerStore): Promise<void> {
  const ledger = createLedger(store, {
    lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
  });
  const [first] = await ledger.reserve([{}]);
  const skip = new Set<number>([first?.status[0]?.index as number]);
  // Leave FREE spread-out entries free: every 200th from 1,000.
  for (let k = 0; k < FREE; k++) skip.add(1000 + k * 200);
  await store.transaction(async (tx) => {
    const [list] = await tx.lists();
    if (!list) throw new Error('no list');
    for (let m = 0; m < L; m += 16_384) {
      const rows = [];
      const entries = [];
      for (let i = m; i < m + 16_384; i++) {
        if (skip.has(i)) continue;
        const credentialId = `urn:prefill:${i}`;
        rows.push({ credentialId, state: 'issued' as const, reservedAt: '2025-01-01T00:00:00Z' });
        entries.push({
          credentialId,
          listId: list.id,
          list: list.url,
          purpose: list.purpose,
          type: list.type,
          index: i,
          set: false,
        });
      }
      await tx.addCredentials(rows, entries);
    }
  });
  await ledger.close();
}

async function contend(spec: string, reopen: () => Promise<LedgerStore>): Promise<void> {
  const results = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) => run([spec, String(EACH), String(i * 7919 + 1)])),
  );
  const lines: string[] = [];
  for (const r of results) {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n');
    expect(out.pop()).toBe('done');
    expect(out).toHaveLength(EACH);
    lines.push(...out);
  }
  const entries = lines.map((l) => l.split(' ')[0] as string);
  expect(new Set(entries).size).toBe(PROCESSES * EACH);
  // The first list's free entries went first, then list 2 took the rest.
  const inFirst = entries.filter((e) => e.startsWith('https://example.edu/status/1#'));
  expect(inFirst).toHaveLength(FREE);
  for (const e of inFirst) {
    const i = Number(e.split('#')[1]);
    expect(i >= 1000 && (i - 1000) % 200 === 0).toBe(true);
  }
  // What the processes were told is what the ledger holds.
  const ledger = createLedger(await reopen());
  try {
    const lists = await ledger.lists();
    expect(lists.map((l) => [l.url, l.allocated])).toEqual([
      ['https://example.edu/status/1', L],
      ['https://example.edu/status/2', PROCESSES * EACH - FREE],
    ]);
    const records = new Map(
      (await ledger.find()).map((r) => [
        r.credentialId,
        `${r.status[0]?.list}#${r.status[0]?.index}`,
      ]),
    );
    for (const line of lines) {
      const [entry, id] = line.split(' ');
      expect(records.get(id as string)).toBe(entry);
    }
  } finally {
    await ledger.close();
  }
}

describe('several processes on one ledger', () => {
  it('SQLite file: no entry handed out twice', async () => {
    const file = path.join(dir, 'shared.sqlite');
    await prefill(await openSqliteLedgerStore(file));
    await contend(file, () => openSqliteLedgerStore(file));
  }, 120_000);

  it.skipIf(unavailable !== undefined)(
    'PostgreSQL database: no entry handed out twice',
    async () => {
      const url = await (cluster as PgCluster).createDatabase('contend');
      await prefill(await openPostgresLedgerStore(url));
      await contend(url, () => openPostgresLedgerStore(url));
    },
    120_000,
  );
});
