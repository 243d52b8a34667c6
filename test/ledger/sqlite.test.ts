import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLedger } from '../../src/ledger/index.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite.js';
import { ledgerContract } from './contract.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ob3kit-ledger-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const files = new WeakMap<object, string>();

ledgerContract(
  'SQLite',
  {
    fresh: async () => {
      const file = path.join(dir, `l${++n}.sqlite`);
      const store = await openSqliteLedgerStore(file);
      files.set(store, file);
      return store;
    },
    reopen: async (store) => {
      const file = files.get(store) as string;
      await store.close();
      return openSqliteLedgerStore(file);
    },
  },
  6,
);

describe('SQLite ledger file', () => {
  it('refuses a ledger of a newer schema and a file that is not a database', async () => {
    const file = path.join(dir, 'newer.sqlite');
    const store = await openSqliteLedgerStore(file);
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    db.prepare("UPDATE ob3kit_meta SET value = '2' WHERE name = 'schema'").run();
    db.close();
    await expect(openSqliteLedgerStore(file)).rejects.toMatchObject({ code: 'ERR_LEDGER_SCHEMA' });
    const junk = path.join(dir, 'junk.sqlite');
    (await import('node:fs')).writeFileSync(junk, 'not a database, just text '.repeat(100));
    await expect(openSqliteLedgerStore(junk)).rejects.toMatchObject({ code: 'ERR_LEDGER_STORE' });
    await expect(
      openSqliteLedgerStore(path.join(dir, 'no/such/dir/l.sqlite')),
    ).rejects.toMatchObject({ code: 'ERR_LEDGER_STORE' });
  });

  it('rolls back a transaction that fails half-way', async () => {
    const store = await openSqliteLedgerStore(path.join(dir, 'rollback.sqlite'));
    const ledger = createLedger(store, {
      lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
    });
    try {
      await ledger.reserve([{}]);
      await expect(
        store.transaction(async (tx) => {
          const [list] = await tx.lists();
          await tx.addCredentials(
            [{ credentialId: 'urn:x:1', state: 'reserved', reservedAt: '2025-01-01T00:00:00Z' }],
            [],
          );
          // The same index twice: the primary key refuses it.
          const taken = await tx.allTaken(list?.id as number);
          await tx.addCredentials(
            [{ credentialId: 'urn:x:2', state: 'reserved', reservedAt: '2025-01-01T00:00:00Z' }],
            [
              {
                credentialId: 'urn:x:2',
                listId: list?.id as number,
                index: taken[0] as number,
                set: false,
                list: list?.url as string,
                purpose: 'revocation',
                type: 'BitstringStatusList',
              },
            ],
          );
        }),
      ).rejects.toMatchObject({ code: 'ERR_LEDGER_CONFLICT' });
      expect((await ledger.find()).map((r) => r.credentialId)).not.toContain('urn:x:1');
      expect((await ledger.lists())[0]?.allocated).toBe(1);
    } finally {
      await ledger.close();
    }
  });
});
