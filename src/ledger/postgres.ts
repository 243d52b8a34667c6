/**
 * The ledger in a PostgreSQL database (Node only; needs the optional `pg` package), for platforms
 * that run several issuing workers: each allocation holds a lock on its list series for the
 * length of one short transaction, and the table's primary key on (list, index) makes a second
 * use of an index impossible. Commits are durable as the server is configured
 * (`synchronous_commit`, on by default).
 *
 * @example
 * ```ts
 * import { createLedger } from 'ob3kit/ledger';
 * import { openPostgresLedgerStore } from 'ob3kit/ledger/postgres';
 * const ledger = createLedger(await openPostgresLedgerStore(process.env.DATABASE_URL), {
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
import type { CredentialFilter, LedgerStore, LedgerTransaction } from './types.js';

/**
 * The part of a node-postgres client the store uses.
 *
 * @example
 * ```ts
 * const client: PgClientLike = await pool.connect();
 * ```
 */
export interface PgClientLike {
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
  release(error?: Error | boolean): void;
}

/**
 * The part of a node-postgres `Pool` the store uses (pass your own with `options.pool`).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool: PgPoolLike = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PgPoolLike {
  connect(): Promise<PgClientLike>;
  end(): Promise<void>;
}

/**
 * Options of {@link openPostgresLedgerStore}.
 *
 * @example
 * ```ts
 * const options: PostgresLedgerStoreOptions = { connectionString: 'postgresql://issuer@db.internal/badges', max: 4 };
 * ```
 */
export interface PostgresLedgerStoreOptions {
  /** A `postgresql://` URL (the `PG*` environment variables fill in what it leaves out). */
  connectionString?: string;
  /** Your own pool instead; the store does not end it on `close()`. */
  pool?: PgPoolLike;
  /** Connections of the pool the store makes. Default 4. */
  max?: number;
  /** Attempts of a transaction that hit a serialization failure, deadlock or race. Default 20. */
  retries?: number;
}

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS ob3kit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
  `CREATE TABLE IF NOT EXISTS ob3kit_lists (
    id SERIAL PRIMARY KEY,
    series TEXT NOT NULL,
    seq INTEGER NOT NULL,
    url TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
    type TEXT NOT NULL,
    length INTEGER NOT NULL,
    allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated <= length),
    created_at TEXT NOT NULL,
    UNIQUE (series, seq))`,
  `CREATE TABLE IF NOT EXISTS ob3kit_credentials (
    seq BIGSERIAL UNIQUE,
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
    issued_at TEXT)`,
  'CREATE INDEX IF NOT EXISTS ob3kit_credentials_recipient ON ob3kit_credentials (recipient)',
  'CREATE INDEX IF NOT EXISTS ob3kit_credentials_subject ON ob3kit_credentials (subject_id)',
  'CREATE INDEX IF NOT EXISTS ob3kit_credentials_batch ON ob3kit_credentials (batch)',
  `CREATE TABLE IF NOT EXISTS ob3kit_entries (
    list_id INTEGER NOT NULL REFERENCES ob3kit_lists (id),
    idx INTEGER NOT NULL CHECK (idx >= 0),
    credential_id TEXT NOT NULL REFERENCES ob3kit_credentials (credential_id),
    bit BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (list_id, idx))`,
  'CREATE INDEX IF NOT EXISTS ob3kit_entries_credential ON ob3kit_entries (credential_id)',
  `CREATE TABLE IF NOT EXISTS ob3kit_events (
    id BIGSERIAL PRIMARY KEY,
    credential_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    action TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT)`,
  'CREATE INDEX IF NOT EXISTS ob3kit_events_credential ON ob3kit_events (credential_id)',
];

/** Advisory lock key of schema creation (any constant; "ob3k" in ASCII). */
const SCHEMA_LOCK = 0x6f62336b;

const ENTRY_SELECT =
  'SELECT e.credential_id, e.list_id, e.idx, e.bit, l.url, l.purpose, l.type FROM ob3kit_entries e JOIN ob3kit_lists l ON l.id = e.list_id';

/** SQLSTATEs worth another attempt: serialization failure, deadlock, unique race. */
const RETRY = new Set(['40001', '40P01', '23505']);

function storeError(e: unknown): never {
  if (e instanceof LedgerError) throw e;
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = (e as Error)?.message ?? String(e);
  if (code === '23505' || code === '23503' || code === '23514') {
    throw new LedgerError('ERR_LEDGER_CONFLICT', `PostgreSQL ledger: ${message}`, { code }, e);
  }
  throw new LedgerError('ERR_LEDGER_STORE', `PostgreSQL ledger: ${message}`, { code }, e);
}

function makeTx(client: PgClientLike): LedgerTransaction {
  const rows = async (sql: string, values: unknown[] = []): Promise<SqlRow[]> =>
    (await client.query(sql, values)).rows;
  return {
    lockSeries: async (series) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ob3kit:${series}`]);
    },
    lists: async (series) =>
      (series === undefined
        ? await rows('SELECT * FROM ob3kit_lists ORDER BY series, seq')
        : await rows('SELECT * FROM ob3kit_lists WHERE series = $1 ORDER BY seq', [series])
      ).map(listFromSql),
    addList: async (list) => {
      const [r] = await rows(
        'INSERT INTO ob3kit_lists (series, seq, url, purpose, type, length, allocated, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING *',
        [list.series, list.seq, list.url, list.purpose, list.type, list.length, list.createdAt],
      );
      return listFromSql(r as SqlRow);
    },
    taken: async (listId, indexes) =>
      (
        await rows('SELECT idx FROM ob3kit_entries WHERE list_id = $1 AND idx = ANY($2::int[])', [
          listId,
          indexes,
        ])
      ).map((r) => Number(r.idx)),
    allTaken: async (listId) =>
      (await rows('SELECT idx FROM ob3kit_entries WHERE list_id = $1', [listId])).map((r) =>
        Number(r.idx),
      ),
    addCredentials: async (creds, entries) => {
      if (creds.length) {
        const cols = creds.map(credentialToSql);
        const column = (i: number): unknown[] => cols.map((c) => c[i]);
        await client.query(
          `INSERT INTO ob3kit_credentials (${CREDENTIAL_COLUMNS}) SELECT a, b, c, d, e, f, g, h, i, j, k FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[]) WITH ORDINALITY AS t(a, b, c, d, e, f, g, h, i, j, k, o) ORDER BY o`,
          Array.from({ length: 11 }, (_, i) => column(i)),
        );
      }
      if (entries.length) {
        await client.query(
          'INSERT INTO ob3kit_entries (list_id, idx, credential_id) SELECT * FROM unnest($1::int[], $2::int[], $3::text[])',
          [
            entries.map((e) => e.listId),
            entries.map((e) => e.index),
            entries.map((e) => e.credentialId),
          ],
        );
        await client.query(
          'UPDATE ob3kit_lists l SET allocated = l.allocated + c.n FROM (SELECT id, count(*)::int AS n FROM unnest($1::int[]) AS u(id) GROUP BY id) c WHERE l.id = c.id',
          [entries.map((e) => e.listId)],
        );
      }
    },
    credentials: async (f: CredentialFilter) => {
      const where: string[] = [];
      const values: unknown[] = [];
      if (f.credentialIds) {
        values.push(f.credentialIds);
        where.push(`credential_id = ANY($${values.length}::text[])`);
      }
      if (f.keys) {
        values.push(f.keys);
        where.push(`request_key = ANY($${values.length}::text[])`);
      }
      if (f.recipient !== undefined) {
        values.push(f.recipient);
        where.push(`(recipient = $${values.length} OR subject_id = $${values.length})`);
      }
      if (f.batch !== undefined) {
        values.push(f.batch);
        where.push(`batch = $${values.length}`);
      }
      const sql = `SELECT * FROM ob3kit_credentials${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
      return (await rows(sql, values)).map(credentialFromSql);
    },
    entries: async (ids) =>
      (await rows(`${ENTRY_SELECT} WHERE e.credential_id = ANY($1::text[])`, [ids])).map(
        entryFromSql,
      ),
    markIssued: async (ids, at) =>
      (
        await client.query(
          "UPDATE ob3kit_credentials SET state = 'issued', issued_at = $1 WHERE state = 'reserved' AND credential_id = ANY($2::text[])",
          [at, ids],
        )
      ).rowCount ?? 0,
    setBit: async (listId, index, value) => {
      const r = await client.query(
        'UPDATE ob3kit_entries SET bit = $1 WHERE list_id = $2 AND idx = $3',
        [value, listId, index],
      );
      if (r.rowCount !== 1) {
        throw new LedgerError('ERR_LEDGER_NOT_FOUND', `no entry ${index} in list ${listId}`);
      }
    },
    setIndexes: async (listId) =>
      (
        await rows('SELECT idx FROM ob3kit_entries WHERE list_id = $1 AND bit ORDER BY idx', [
          listId,
        ])
      ).map((r) => Number(r.idx)),
    addEvents: async (events) => {
      await client.query(
        'INSERT INTO ob3kit_events (credential_id, purpose, action, at, reason) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])',
        [
          events.map((e) => e.credentialId),
          events.map((e) => e.purpose),
          events.map((e) => e.action),
          events.map((e) => e.at),
          events.map((e) => e.reason ?? null),
        ],
      );
    },
    events: async (ids) =>
      (
        await rows(
          'SELECT * FROM ob3kit_events WHERE credential_id = ANY($1::text[]) ORDER BY id',
          [ids],
        )
      ).map(eventFromSql),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Open a ledger in a PostgreSQL database, creating its tables (all named `ob3kit_*`) when
 * missing. Any number of processes may use one database at once.
 *
 * @throws `LedgerError` `ERR_LEDGER_DRIVER_MISSING` when `pg` is not installed;
 *   `ERR_LEDGER_STORE` when the server cannot be reached; `ERR_LEDGER_SCHEMA` for a ledger
 *   written by a newer version.
 * @example
 * ```ts
 * import { openPostgresLedgerStore } from 'ob3kit/ledger/postgres';
 * const store = await openPostgresLedgerStore('postgresql://issuer@localhost/badges');
 * ```
 */
export async function openPostgresLedgerStore(
  options: string | PostgresLedgerStoreOptions,
): Promise<LedgerStore> {
  const fn = 'openPostgresLedgerStore(options)';
  const o: PostgresLedgerStoreOptions =
    typeof options === 'string' ? { connectionString: options } : options;
  if (typeof o !== 'object' || o === null) {
    throw new TypeError(`${fn}: options must be a connection string or an object`);
  }
  if (o.pool === undefined && (typeof o.connectionString !== 'string' || !o.connectionString)) {
    throw new TypeError(`${fn}: give options.connectionString or options.pool`);
  }
  const retries = o.retries ?? 20;
  if (!Number.isSafeInteger(retries) || retries < 1) {
    throw new TypeError(`${fn}: options.retries must be a positive integer`);
  }
  let pool: PgPoolLike;
  const own = o.pool === undefined;
  if (o.pool !== undefined) {
    pool = o.pool;
  } else {
    const mod = await loadDriver(() => import('pg') as Promise<unknown>, 'pg', '^8', 'PostgreSQL');
    const pg = ((mod as { default?: unknown }).default ?? mod) as {
      Pool: new (config: {
        connectionString: string;
        max: number;
      }) => PgPoolLike & {
        on(event: 'error', listener: (e: Error) => void): void;
      };
    };
    const p = new pg.Pool({ connectionString: o.connectionString as string, max: o.max ?? 4 });
    // An idle connection dropped by the server must not crash the process.
    p.on('error', () => {});
    pool = p;
  }
  let closed = false;

  const attempt = async <T>(fn: (client: PgClientLike) => Promise<T>): Promise<T> => {
    let client: PgClientLike;
    try {
      client = await pool.connect();
    } catch (e) {
      storeError(e);
    }
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      client.release();
      return out;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch {
        client.release(true);
      }
      throw e;
    }
  };

  const transaction = async <T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T> => {
    if (closed) throw new LedgerError('ERR_LEDGER_CLOSED', 'the PostgreSQL ledger is closed');
    for (let i = 1; ; i++) {
      try {
        return await attempt((client) => fn(makeTx(client)));
      } catch (e) {
        const code = String((e as { code?: unknown })?.code ?? '');
        if (i < retries && RETRY.has(code)) {
          await sleep(Math.min(200, 2 ** i) * Math.random());
          continue;
        }
        storeError(e);
      }
    }
  };

  let id = '';
  try {
    id = await attempt(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      const meta = await client.query("SELECT to_regclass('ob3kit_meta') AS t");
      if (meta.rows[0]?.t) {
        const v = await client.query("SELECT value FROM ob3kit_meta WHERE name = 'schema'");
        checkSchemaVersion(v.rows[0]?.value, 'the PostgreSQL database');
      }
      for (const sql of SCHEMA) await client.query(sql);
      await client.query(
        "INSERT INTO ob3kit_meta (name, value) VALUES ('schema', $1), ('id', $2) ON CONFLICT DO NOTHING",
        [String(SCHEMA_VERSION), randomUrnUuid()],
      );
      const row = await client.query("SELECT value FROM ob3kit_meta WHERE name = 'id'");
      return String(row.rows[0]?.value);
    });
  } catch (e) {
    if (own) await pool.end().catch(() => undefined);
    storeError(e);
  }

  return {
    kind: 'postgres',
    id,
    transaction,
    async close() {
      if (closed) return;
      closed = true;
      if (own) await pool.end();
    },
  };
}
