/**
 * The ledger in an embedded SQLite file (Node only; needs the optional `better-sqlite3` package,
 * version 12). The default store: one file, durable at every commit (WAL journal, full sync), and
 * safe for several processes on one machine (each transaction takes the file's write lock).
 *
 * @example
 * ```ts
 * import { createLedger } from 'ob3kit/ledger';
 * import { openSqliteLedgerStore } from 'ob3kit/ledger/sqlite';
 * const ledger = createLedger(await openSqliteLedgerStore('ledger.sqlite'), {
 *   lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
 * });
 * ```
 *
 * @packageDocumentation
 */
import { LedgerError } from '../errors.js';
import { randomUrnUuid } from '../internal/random.js';
import {
  CREDENTIAL_COLUMNS,
  checkSchemaVersion,
  credentialFromSql,
  credentialToSql,
  entryFromSql,
  eventFromSql,
  listFromSql,
  loadDriver,
  SCHEMA_VERSION,
  type SqlRow,
} from './sql.js';
import type { CredentialFilter, LedgerStore, LedgerTransaction, ListRow } from './types.js';

interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): SqlRow | undefined;
  all(...params: unknown[]): SqlRow[];
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  close(): void;
  readonly inTransaction: boolean;
}
type DatabaseConstructor = new (file: string, options?: { timeout?: number }) => Database;

/**
 * Options of {@link openSqliteLedgerStore}.
 *
 * @example
 * ```ts
 * const options: SqliteLedgerStoreOptions = { busyTimeoutMs: 60_000 };
 * ```
 */
export interface SqliteLedgerStoreOptions {
  /** How long a transaction waits for another process's write lock. Default 30,000 ms. */
  busyTimeoutMs?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ob3kit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ob3kit_lists (
  id INTEGER PRIMARY KEY,
  series TEXT NOT NULL,
  seq INTEGER NOT NULL,
  url TEXT NOT NULL UNIQUE,
  purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  type TEXT NOT NULL,
  length INTEGER NOT NULL,
  allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated <= length),
  created_at TEXT NOT NULL,
  UNIQUE (series, seq)
);
CREATE TABLE IF NOT EXISTS ob3kit_credentials (
  credential_id TEXT PRIMARY KEY,
  request_key TEXT UNIQUE,
  recipient TEXT,
  subject_id TEXT,
  achievement TEXT,
  batch TEXT,
  row_number INTEGER,
  output TEXT,
  state TEXT NOT NULL CHECK (state IN ('reserved', 'issued')),
  reserved_at TEXT NOT NULL,
  issued_at TEXT
);
CREATE INDEX IF NOT EXISTS ob3kit_credentials_recipient ON ob3kit_credentials (recipient);
CREATE INDEX IF NOT EXISTS ob3kit_credentials_subject ON ob3kit_credentials (subject_id);
CREATE INDEX IF NOT EXISTS ob3kit_credentials_batch ON ob3kit_credentials (batch);
CREATE TABLE IF NOT EXISTS ob3kit_entries (
  list_id INTEGER NOT NULL REFERENCES ob3kit_lists (id),
  idx INTEGER NOT NULL CHECK (idx >= 0),
  credential_id TEXT NOT NULL REFERENCES ob3kit_credentials (credential_id),
  bit INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (list_id, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ob3kit_entries_credential ON ob3kit_entries (credential_id);
CREATE TABLE IF NOT EXISTS ob3kit_events (
  id INTEGER PRIMARY KEY,
  credential_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  action TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX IF NOT EXISTS ob3kit_events_credential ON ob3kit_events (credential_id);
`;

const ENTRY_SELECT =
  'SELECT e.credential_id, e.list_id, e.idx, e.bit, l.url, l.purpose, l.type FROM ob3kit_entries e JOIN ob3kit_lists l ON l.id = e.list_id';

function storeError(e: unknown, file: string): never {
  if (e instanceof LedgerError) throw e;
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = (e as Error)?.message ?? String(e);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    throw new LedgerError(
      'ERR_LEDGER_BUSY',
      `the ledger '${file}' stayed locked by another process: ${message}`,
      { file },
      e,
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    throw new LedgerError('ERR_LEDGER_CONFLICT', `ledger '${file}': ${message}`, { file }, e);
  }
  throw new LedgerError('ERR_LEDGER_STORE', `ledger '${file}': ${message}`, { file, code }, e);
}

/**
 * Open (creating when missing) a ledger in a SQLite file. Several processes may open the same
 * file: each transaction holds the file's write lock, so allocations never collide. Every commit
 * is synced to disk before it returns.
 *
 * @throws `LedgerError` `ERR_LEDGER_DRIVER_MISSING` when `better-sqlite3` is not installed;
 *   `ERR_LEDGER_STORE` when the file cannot be opened or is not a ledger; `ERR_LEDGER_SCHEMA` for
 *   a ledger written by a newer version.
 * @example
 * ```ts
 * import { openSqliteLedgerStore } from 'ob3kit/ledger/sqlite';
 * const store = await openSqliteLedgerStore('ledger.sqlite');
 * ```
 */
export async function openSqliteLedgerStore(
  file: string,
  options: SqliteLedgerStoreOptions = {},
): Promise<LedgerStore> {
  if (typeof file !== 'string' || file.length === 0) {
    throw new TypeError('openSqliteLedgerStore(file, options): file must be a file path');
  }
  const timeout = options.busyTimeoutMs ?? 30_000;
  if (!Number.isSafeInteger(timeout) || timeout < 0) {
    throw new TypeError(
      'openSqliteLedgerStore(file, options): options.busyTimeoutMs must be a non-negative integer',
    );
  }
  const mod = await loadDriver(
    () => import('better-sqlite3') as Promise<unknown>,
    'better-sqlite3',
    '^12',
    'SQLite',
  );
  const Driver = ((mod as { default?: unknown }).default ?? mod) as DatabaseConstructor;
  let db: Database;
  let id = '';
  try {
    db = new Driver(file, { timeout });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.exec('BEGIN IMMEDIATE');
    try {
      const hasMeta = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ob3kit_meta'")
        .get();
      if (hasMeta) {
        const v = db.prepare("SELECT value FROM ob3kit_meta WHERE name = 'schema'").get();
        checkSchemaVersion(v?.value, `'${file}'`);
      }
      db.exec(SCHEMA);
      db.prepare("INSERT OR IGNORE INTO ob3kit_meta (name, value) VALUES ('schema', ?)").run(
        String(SCHEMA_VERSION),
      );
      db.prepare("INSERT OR IGNORE INTO ob3kit_meta (name, value) VALUES ('id', ?)").run(
        randomUrnUuid(),
      );
      id = String(db.prepare("SELECT value FROM ob3kit_meta WHERE name = 'id'").get()?.value);
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
      throw e;
    }
  } catch (e) {
    storeError(e, file);
  }
  return sqliteStore(db, file, id);
}

function sqliteStore(db: Database, file: string, id: string): LedgerStore {
  const cache = new Map<string, Statement>();
  const q = (sql: string): Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const json = (values: unknown[]): string => JSON.stringify(values);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const tx: LedgerTransaction = {
    lockSeries: async () => {},
    lists: async (series) =>
      (series === undefined
        ? q('SELECT * FROM ob3kit_lists ORDER BY series, seq').all()
        : q('SELECT * FROM ob3kit_lists WHERE series = ? ORDER BY seq').all(series)
      ).map(listFromSql),
    addList: async (list) => {
      const r = q(
        'INSERT INTO ob3kit_lists (series, seq, url, purpose, type, length, allocated, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
      ).run(list.series, list.seq, list.url, list.purpose, list.type, list.length, list.createdAt);
      const row: ListRow = { ...list, id: Number(r.lastInsertRowid), allocated: 0 };
      return row;
    },
    taken: async (listId, indexes) =>
      q(
        'SELECT idx FROM ob3kit_entries WHERE list_id = ? AND idx IN (SELECT value FROM json_each(?))',
      )
        .all(listId, json(indexes))
        .map((r) => Number(r.idx)),
    allTaken: async (listId) =>
      q('SELECT idx FROM ob3kit_entries WHERE list_id = ?')
        .all(listId)
        .map((r) => Number(r.idx)),
    addCredentials: async (rows, entries) => {
      const insert = q(
        `INSERT INTO ob3kit_credentials (${CREDENTIAL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of rows) insert.run(...credentialToSql(r));
      const entry = q(
        'INSERT INTO ob3kit_entries (list_id, idx, credential_id, bit) VALUES (?, ?, ?, 0)',
      );
      const counts = new Map<number, number>();
      for (const e of entries) {
        entry.run(e.listId, e.index, e.credentialId);
        counts.set(e.listId, (counts.get(e.listId) ?? 0) + 1);
      }
      const bump = q('UPDATE ob3kit_lists SET allocated = allocated + ? WHERE id = ?');
      for (const [listId, n] of counts) bump.run(n, listId);
    },
    credentials: async (f: CredentialFilter) => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (f.credentialIds) {
        where.push('credential_id IN (SELECT value FROM json_each(?))');
        params.push(json(f.credentialIds));
      }
      if (f.keys) {
        where.push('request_key IN (SELECT value FROM json_each(?))');
        params.push(json(f.keys));
      }
      if (f.recipient !== undefined) {
        where.push('(recipient = ? OR subject_id = ?)');
        params.push(f.recipient, f.recipient);
      }
      if (f.batch !== undefined) {
        where.push('batch = ?');
        params.push(f.batch);
      }
      const sql = `SELECT * FROM ob3kit_credentials${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`;
      return q(sql)
        .all(...params)
        .map(credentialFromSql);
    },
    entries: async (ids) =>
      q(`${ENTRY_SELECT} WHERE e.credential_id IN (SELECT value FROM json_each(?))`)
        .all(json(ids))
        .map(entryFromSql),
    markIssued: async (ids, at) =>
      q(
        "UPDATE ob3kit_credentials SET state = 'issued', issued_at = ? WHERE state = 'reserved' AND credential_id IN (SELECT value FROM json_each(?))",
      ).run(at, json(ids)).changes,
    setBit: async (listId, index, value) => {
      const r = q('UPDATE ob3kit_entries SET bit = ? WHERE list_id = ? AND idx = ?').run(
        value ? 1 : 0,
        listId,
        index,
      );
      if (r.changes !== 1) {
        throw new LedgerError('ERR_LEDGER_NOT_FOUND', `no entry ${index} in list ${listId}`);
      }
    },
    setIndexes: async (listId) =>
      q('SELECT idx FROM ob3kit_entries WHERE list_id = ? AND bit = 1 ORDER BY idx')
        .all(listId)
        .map((r) => Number(r.idx)),
    addEvents: async (events) => {
      const s = q(
        'INSERT INTO ob3kit_events (credential_id, purpose, action, at, reason) VALUES (?, ?, ?, ?, ?)',
      );
      for (const e of events) s.run(e.credentialId, e.purpose, e.action, e.at, e.reason ?? null);
    },
    events: async (ids) =>
      q(
        'SELECT * FROM ob3kit_events WHERE credential_id IN (SELECT value FROM json_each(?)) ORDER BY id',
      )
        .all(json(ids))
        .map(eventFromSql),
  };

  const run = async <T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T> => {
    if (closed) throw new LedgerError('ERR_LEDGER_CLOSED', `the ledger '${file}' is closed`);
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      storeError(e, file);
    }
    try {
      const out = await fn(tx);
      db.exec('COMMIT');
      return out;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      storeError(e, file);
    }
  };

  return {
    kind: 'sqlite',
    id,
    transaction<T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T> {
      const p = queue.then(() => run(fn));
      queue = p.catch(() => undefined);
      return p;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      db.close();
    },
  };
}
