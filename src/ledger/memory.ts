/** A ledger store in memory: for tests, examples and browsers. Nothing survives the process. */
import { LedgerError } from '../errors.js';
import { randomUrnUuid } from '../internal/random.js';
import type {
  CredentialFilter,
  CredentialRow,
  EntryRow,
  LedgerEvent,
  LedgerStore,
  LedgerTransaction,
  ListRow,
} from './types.js';

interface State {
  lists: ListRow[];
  credentials: Map<string, CredentialRow>;
  /** Reservation order of each credential. */
  order: Map<string, number>;
  keys: Map<string, string>;
  /** listId -> index -> entry */
  entries: Map<number, Map<number, EntryRow>>;
  byCredential: Map<string, EntryRow[]>;
  events: LedgerEvent[];
}

function matches(row: CredentialRow, f: CredentialFilter): boolean {
  if (f.credentialIds && !f.credentialIds.includes(row.credentialId)) return false;
  if (f.keys && (row.key === undefined || !f.keys.includes(row.key))) return false;
  if (f.recipient !== undefined && row.recipient !== f.recipient && row.subjectId !== f.recipient) {
    return false;
  }
  if (f.batch !== undefined && row.batch !== f.batch) return false;
  return true;
}

/**
 * A {@link LedgerStore} in memory. Transactions run one at a time and roll back on error, as the
 * persistent stores do; the data lasts as long as the object. Use the SQLite or PostgreSQL store
 * for real issuance.
 *
 * @example
 * ```ts
 * import { createLedger, createMemoryLedgerStore } from 'ob3kit/ledger';
 * const ledger = createLedger(createMemoryLedgerStore(), { lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }] });
 * ```
 */
export function createMemoryLedgerStore(): LedgerStore {
  const s: State = {
    lists: [],
    credentials: new Map(),
    order: new Map(),
    keys: new Map(),
    entries: new Map(),
    byCredential: new Map(),
    events: [],
  };
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let nextOrder = 0;

  const run = async <T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T> => {
    if (closed) throw new LedgerError('ERR_LEDGER_CLOSED', 'the ledger store is closed');
    const undo: Array<() => void> = [];
    const tx: LedgerTransaction = {
      lockSeries: async () => {},
      lists: async (series) =>
        s.lists.filter((l) => series === undefined || l.series === series).map((l) => ({ ...l })),
      addList: async (list) => {
        if (s.lists.some((l) => l.url === list.url)) {
          throw new LedgerError('ERR_LEDGER_CONFLICT', `the ledger already has a list ${list.url}`);
        }
        if (s.lists.some((l) => l.series === list.series && l.seq === list.seq)) {
          throw new LedgerError('ERR_LEDGER_CONFLICT', `list ${list.seq} of ${list.series} exists`);
        }
        const row: ListRow = { ...list, id: s.lists.length + 1, allocated: 0 };
        s.lists.push(row);
        s.entries.set(row.id, new Map());
        undo.push(() => {
          s.lists.pop();
          s.entries.delete(row.id);
        });
        return { ...row };
      },
      taken: async (listId, indexes) => {
        const m = s.entries.get(listId);
        return m ? indexes.filter((i) => m.has(i)) : [];
      },
      allTaken: async (listId) => [...(s.entries.get(listId)?.keys() ?? [])],
      addCredentials: async (rows, entries) => {
        for (const r of rows) {
          if (s.credentials.has(r.credentialId) || (r.key !== undefined && s.keys.has(r.key))) {
            throw new LedgerError('ERR_LEDGER_CONFLICT', `${r.credentialId} is already recorded`);
          }
        }
        const seen = new Set<string>();
        for (const e of entries) {
          const k = `${e.listId}:${e.index}`;
          if (seen.has(k) || s.entries.get(e.listId)?.has(e.index)) {
            throw new LedgerError('ERR_LEDGER_CONFLICT', `entry ${e.index} of ${e.list} is taken`);
          }
          seen.add(k);
        }
        for (const r of rows) {
          s.credentials.set(r.credentialId, { ...r });
          s.order.set(r.credentialId, nextOrder++);
          if (r.key !== undefined) s.keys.set(r.key, r.credentialId);
          undo.push(() => {
            s.credentials.delete(r.credentialId);
            s.order.delete(r.credentialId);
            if (r.key !== undefined) s.keys.delete(r.key);
          });
        }
        for (const e of entries) {
          const row = { ...e };
          s.entries.get(e.listId)?.set(e.index, row);
          const list = s.byCredential.get(e.credentialId) ?? [];
          list.push(row);
          s.byCredential.set(e.credentialId, list);
          const l = s.lists.find((x) => x.id === e.listId) as ListRow;
          l.allocated++;
          undo.push(() => {
            s.entries.get(e.listId)?.delete(e.index);
            s.byCredential.get(e.credentialId)?.pop();
            l.allocated--;
          });
        }
      },
      credentials: async (f) => {
        const byOrder = (rows: CredentialRow[]): CredentialRow[] =>
          rows
            .sort((a, b) => (s.order.get(a.credentialId) ?? 0) - (s.order.get(b.credentialId) ?? 0))
            .map((r) => ({ ...r }));
        if (f.keys && !f.credentialIds && f.recipient === undefined && f.batch === undefined) {
          const ids = new Set(f.keys.map((k) => s.keys.get(k)));
          return byOrder(
            [...ids]
              .filter((id): id is string => id !== undefined)
              .map((id) => s.credentials.get(id) as CredentialRow),
          );
        }
        if (f.credentialIds && !f.keys && f.recipient === undefined && f.batch === undefined) {
          return byOrder(
            [...new Set(f.credentialIds)]
              .map((id) => s.credentials.get(id))
              .filter((r): r is CredentialRow => r !== undefined),
          );
        }
        return [...s.credentials.values()].filter((r) => matches(r, f)).map((r) => ({ ...r }));
      },
      entries: async (ids) =>
        ids.flatMap((id) => (s.byCredential.get(id) ?? []).map((e) => ({ ...e }))),
      markIssued: async (ids, at) => {
        let n = 0;
        for (const id of ids) {
          const r = s.credentials.get(id);
          if (r && r.state === 'reserved') {
            const before = { ...r };
            r.state = 'issued';
            r.issuedAt = at;
            n++;
            undo.push(() => s.credentials.set(id, before));
          }
        }
        return n;
      },
      setBit: async (listId, index, value) => {
        const e = s.entries.get(listId)?.get(index);
        if (!e)
          throw new LedgerError('ERR_LEDGER_NOT_FOUND', `no entry ${index} in list ${listId}`);
        const before = e.set;
        e.set = value;
        undo.push(() => {
          e.set = before;
        });
      },
      setIndexes: async (listId) =>
        [...(s.entries.get(listId)?.values() ?? [])].filter((e) => e.set).map((e) => e.index),
      addEvents: async (events) => {
        s.events.push(...events.map((e) => ({ ...e })));
        undo.push(() => {
          s.events.length -= events.length;
        });
      },
      events: async (ids) =>
        s.events.filter((e) => ids.includes(e.credentialId)).map((e) => ({ ...e })),
    };
    try {
      return await fn(tx);
    } catch (e) {
      for (const u of undo.reverse()) u();
      throw e;
    }
  };

  return {
    kind: 'memory',
    id: randomUrnUuid(),
    transaction<T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T> {
      const p = queue.then(() => run(fn));
      queue = p.catch(() => undefined);
      return p;
    },
    async close() {
      closed = true;
    },
  };
}
