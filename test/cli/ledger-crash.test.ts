/**
 * A ledger batch killed with SIGKILL (`kill -9`) at random points, then run again until it
 * completes, on a SQLite file and on a PostgreSQL database, for several seeds. After every kill:
 * each credential file is complete, and its id and status entry are in the ledger (nothing signed
 * went unrecorded). At the end: every row issued exactly once, no entry used twice, every file
 * written before a kill unchanged, and a further rerun changes nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, type IssuanceRecord, type LedgerStore } from '../../src/ledger/index.js';
import { openPostgresLedgerStore } from '../../src/ledger/postgres.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite.js';
import { verify } from '../../src/verify/index.js';
import { type PgCluster, postgresUnavailable, startPostgres } from '../ledger/pg-cluster.js';
import { buildCli, cleanUp, isGoodReport, type RunResult, tempDir, unsigned } from './helpers.js';

const ROWS = 600;
const SEEDS = [11, 2024, 777];
const LIST = 'https://example.edu/status/{n}';
let bin: string;
let dir: string;
let cluster: PgCluster | undefined;
const unavailable = postgresUnavailable();
if (unavailable) console.warn(`\n*** SKIPPING the PostgreSQL kill -9 test: ${unavailable} ***\n`);

beforeAll(async () => {
  bin = await buildCli();
  dir = tempDir();
  const k = spawnCli(['keygen', '-o', 'key.json']);
  expect((await k.done).code).toBe(0);
  const did = JSON.parse(readFileSync(path.join(dir, 'key.json'), 'utf8')).controller;
  const template = unsigned(did, { name: 'Badge for {{name}}' });
  delete template.id;
  delete (template.credentialSubject as Record<string, unknown>).id;
  writeFileSync(path.join(dir, 'template.json'), JSON.stringify(template));
  const lines = ['name,email'];
  for (let i = 0; i < ROWS; i++) lines.push(`Learner ${i},learner${i}@example.com`);
  writeFileSync(path.join(dir, 'rows.csv'), `${lines.join('\n')}\n`);
  if (!unavailable) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  cleanUp(bin, dir);
});

function spawnCli(
  args: string[],
  onProgress?: (issued: number) => void,
): { child: ChildProcess; done: Promise<RunResult> } {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  let issued = 0;
  child.stderr?.on('data', (d) => {
    const text = String(d);
    stderr += text;
    issued += text.split(': issued ').length - 1;
    onProgress?.(issued);
  });
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms));

async function records(open: () => Promise<LedgerStore>): Promise<IssuanceRecord[]> {
  const ledger = createLedger(await open());
  try {
    return await ledger.find();
  } finally {
    await ledger.close();
  }
}

/** The credential files of a folder: name -> text, each parsed (a partial file fails here). */
function credentialFiles(out: string): Map<string, string> {
  const files = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return files;
  }
  for (const f of names.filter((n) => /^\d{4}-.*\.json$/.test(n))) {
    files.set(f, readFileSync(path.join(out, f), 'utf8'));
  }
  return files;
}

async function crashAndResume(
  name: string,
  seed: number,
  ledgerSpec: string,
  open: () => Promise<LedgerStore>,
): Promise<void> {
  const out = path.join(dir, `out-${name}-${seed}`);
  const args = [
    'issue',
    '--batch',
    'rows.csv',
    '--template',
    'template.json',
    '--key',
    'key.json',
    '--out',
    out,
    '--workers',
    '1',
    '--status-list',
    LIST,
    '--ledger',
    ledgerSpec,
  ];
  const random = mulberry32(seed);
  const firstSeen = new Map<string, string>();
  let kills = 0;

  const checkInvariants = async (): Promise<IssuanceRecord[]> => {
    const recs = await records(open);
    const byId = new Map(recs.map((r) => [r.credentialId, r]));
    for (const [f, text] of credentialFiles(out)) {
      const credential = JSON.parse(text) as {
        id: string;
        credentialStatus: { statusListIndex: string; statusListCredential: string };
      };
      const rec = byId.get(credential.id);
      expect(rec, `${f} was signed but is not in the ledger`).toBeDefined();
      expect(String(rec?.status[0]?.index)).toBe(credential.credentialStatus.statusListIndex);
      expect(rec?.status[0]?.list).toBe(credential.credentialStatus.statusListCredential);
      const before = firstSeen.get(f);
      if (before === undefined) firstSeen.set(f, text);
      else expect(text, `${f} changed after a kill`).toBe(before);
    }
    const entries = recs.map((r) => `${r.status[0]?.list}#${r.status[0]?.index}`);
    expect(new Set(entries).size).toBe(entries.length);
    const keys = recs.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(recs.length).toBeLessThanOrEqual(ROWS);
    return recs;
  };

  for (let attempt = 0; attempt < 5; attempt++) {
    // Kill either after a random time (start-up, reservation) or after a random number of
    // credentials were written (signing, between ledger transactions, near the end).
    const byTime = random() < 0.3;
    const delay = 50 + Math.floor(random() * 1500);
    const after = Math.floor(random() * (ROWS - credentialFiles(out).size));
    let killed = false;
    const run = spawnCli(args, (n) => {
      if (!byTime && !killed && n >= after) {
        killed = true;
        run.child.kill('SIGKILL');
      }
    });
    const outcome = await Promise.race([run.done, byTime ? sleep(delay) : run.done]);
    if (outcome === 'timeout') {
      killed = true;
      run.child.kill('SIGKILL');
    }
    const result = await run.done;
    if (result.code === null) kills++;
    else {
      expect(result.stderr).not.toMatch(/error/);
      expect(result.code).toBe(0);
    }
    await checkInvariants();
  }
  const last = await spawnCli(args).done;
  expect(last.stderr).not.toMatch(/error/);
  expect(last.code).toBe(0);
  const recs = await checkInvariants();
  expect(kills).toBeGreaterThan(0);
  expect(recs).toHaveLength(ROWS);
  expect(recs.every((r) => r.state === 'issued')).toBe(true);
  const files = credentialFiles(out);
  expect(files.size).toBe(ROWS);
  const manifest = readFileSync(path.join(out, 'manifest.csv'), 'utf8').trim().split('\n');
  expect(manifest).toHaveLength(ROWS + 1);
  const ids = new Set([...files.values()].map((t) => JSON.parse(t).id));
  expect(ids.size).toBe(ROWS);
  for (const line of manifest.slice(1)) expect(ids.has(line.split(',')[2] as string)).toBe(true);
  // A few of them, verified end to end.
  for (const text of [...files.values()].slice(0, 3)) {
    const report = await verify(JSON.parse(text));
    expect(isGoodReport(report), JSON.stringify(report.checks)).toBe(true);
  }
  // Once more: nothing to do, nothing changes.
  const again = await spawnCli(args).done;
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(`${ROWS} row(s) were already issued: skipped.`);
  expect(await records(open)).toHaveLength(ROWS);
  for (const [f, text] of credentialFiles(out)) expect(text).toBe(firstSeen.get(f));
}

describe('a ledger batch killed with kill -9 and run again', () => {
  for (const seed of SEEDS) {
    it(`SQLite, seed ${seed}: loses nothing, reuses no entry`, async () => {
      const file = path.join(dir, `ledger-${seed}.sqlite`);
      await crashAndResume('sqlite', seed, file, () => openSqliteLedgerStore(file));
    }, 180_000);
  }
  for (const seed of SEEDS) {
    it.skipIf(unavailable !== undefined)(
      `PostgreSQL, seed ${seed}: loses nothing, reuses no entry`,
      async () => {
        const url = await (cluster as PgCluster).createDatabase(`crash_${seed}`);
        await crashAndResume('pg', seed, url, () => openPostgresLedgerStore(url));
      },
      180_000,
    );
  }
});
