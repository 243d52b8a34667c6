/**
 * The ledger contract on a real PostgreSQL server (a throwaway cluster; see pg-cluster.ts). Skipped,
 * loudly, only when PostgreSQL is missing and this user is not root (as root, and so in CI, the
 * set-up installs it and a missing server fails the tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, type LedgerStore } from '../../src/ledger/index.js';
import { openPostgresLedgerStore } from '../../src/ledger/postgres.js';
import { ledgerContract } from './contract.js';
import { type PgCluster, postgresUnavailable, startPostgres } from './pg-cluster.js';

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`\n*** SKIPPING the PostgreSQL ledger tests: ${unavailable} ***\n`);

let cluster: PgCluster | undefined;
let n = 0;
const urls = new WeakMap<LedgerStore, string>();

beforeAll(async () => {
  if (!unavailable) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

const fresh = async (): Promise<LedgerStore> => {
  const url = await (cluster as PgCluster).createDatabase(`contract_${++n}`);
  const store = await openPostgresLedgerStore(url);
  urls.set(store, url);
  return store;
};

describe.skipIf(unavailable !== undefined)('PostgreSQL', () => {
  ledgerContract(
    'PostgreSQL',
    {
      fresh,
      reopen: async (store) => {
        await store.close();
        return openPostgresLedgerStore(urls.get(store) as string);
      },
    },
    5,
  );

  it('refuses a database holding a ledger of a newer schema, and an unreachable server', async () => {
    const store = await fresh();
    const url = urls.get(store) as string;
    await store.close();
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE ob3kit_meta SET value = '2' WHERE name = 'schema'");
    await client.end();
    await expect(openPostgresLedgerStore(url)).rejects.toMatchObject({ code: 'ERR_LEDGER_SCHEMA' });
    await expect(
      openPostgresLedgerStore(
        `postgresql://postgres@localhost/nosuchdb?host=${encodeURIComponent((cluster as PgCluster).dir)}`,
      ),
    ).rejects.toMatchObject({ code: 'ERR_LEDGER_STORE' });
  });

  it('lets several ledgers in one process allocate at once without sharing an index', async () => {
    const first = await fresh();
    const url = urls.get(first) as string;
    const stores = [
      first,
      ...(await Promise.all([1, 2, 3].map(() => openPostgresLedgerStore(url)))),
    ];
    const lists = [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' as const }];
    try {
      const got = await Promise.all(
        stores.map(async (s) => {
          const ledger = createLedger(s, { lists });
          const out: string[] = [];
          for (let i = 0; i < 10; i++) {
            for (const r of await ledger.reserve(Array.from({ length: 20 }, () => ({})))) {
              out.push(`${r.status[0]?.list}#${r.status[0]?.index}`);
            }
          }
          return out;
        }),
      );
      const all = got.flat();
      expect(all).toHaveLength(800);
      expect(new Set(all).size).toBe(800);
    } finally {
      for (const s of stores) await s.close();
    }
  });
});
