/**
 * The status ledger `ob3kit serve` runs on. `memory`: a ledger held in the process (entries
 * chosen at random, never handed out twice, lost when the process stops), for tests and
 * demonstrations.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type {
  StatusLedger,
  StatusLedgerEntry,
  StatusLedgerPurpose,
  StatusLedgerRecord,
} from '../serve/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  MIN_STATUS_LIST_LENGTH,
  setStatus,
} from '../status/index.js';
import { UsageError } from './errors.js';

/**
 * A series of lists: the URL template (`{n}`: 1, 2, 3, ...) and the purpose.
 *
 * @example
 * ```ts
 * const s: ServeSeries = { url: 'https://issuer.example/status-lists/revocation/{n}', purpose: 'revocation' };
 * ```
 */
export interface ServeSeries {
  url: string;
  purpose: StatusLedgerPurpose;
  length?: number;
}

interface List {
  url: string;
  purpose: StatusLedgerPurpose;
  length: number;
  taken: Set<number>;
  set: Set<number>;
}

/**
 * A ledger held in memory: for each series, lists of `length` entries; each credential gets one
 * entry per series, at a random free index.
 *
 * @example
 * ```ts
 * const ledger = createMemoryServeLedger([{ url: 'https://x.example/status/{n}', purpose: 'revocation' }]);
 * ```
 */
export function createMemoryServeLedger(series: ServeSeries[]): StatusLedger & {
  close(): Promise<void>;
} {
  const lists: List[] = [];
  const records = new Map<string, StatusLedgerRecord>();
  const seriesLists = new Map<string, List[]>();

  function current(s: ServeSeries): List {
    const own = seriesLists.get(s.url) ?? [];
    const last = own[own.length - 1];
    if (last && last.taken.size < last.length) return last;
    if (!s.url.includes('{n}') && last) {
      throw new UsageError(`status list ${s.url} is full; give a URL with {n} for more lists`);
    }
    const list: List = {
      url: s.url.replace('{n}', String(own.length + 1)),
      purpose: s.purpose,
      length: s.length ?? MIN_STATUS_LIST_LENGTH,
      taken: new Set(),
      set: new Set(),
    };
    own.push(list);
    seriesLists.set(s.url, own);
    lists.push(list);
    return list;
  }

  function entryOf(list: List, index: number): StatusLedgerEntry {
    return {
      purpose: list.purpose,
      list: list.url,
      index,
      type: 'BitstringStatusList',
      set: list.set.has(index),
    };
  }

  function fresh(record: StatusLedgerRecord): StatusLedgerRecord {
    return {
      credentialId: record.credentialId,
      status: record.status.map((e) => {
        const list = lists.find((l) => l.url === e.list) as List;
        return entryOf(list, e.index);
      }),
    };
  }

  function change(id: string, purpose: StatusLedgerPurpose, value: boolean): void {
    const record = records.get(id);
    const e = record?.status.find((x) => x.purpose === purpose);
    if (!e) throw new UsageError(`no ${purpose} entry for ${id}`);
    const list = lists.find((l) => l.url === e.list) as List;
    if (value) list.set.add(e.index);
    else list.set.delete(e.index);
  }

  return {
    async reserve(requests) {
      return requests.map((r) => {
        const credentialId = r.credentialId ?? `urn:uuid:${randomUUID()}`;
        if (records.has(credentialId)) {
          throw Object.assign(new Error(`credential ${credentialId} was issued before`), {
            code: 'ERR_LEDGER_CONFLICT',
          });
        }
        const status = series.map((s) => {
          const list = current(s);
          let index: number;
          do index = randomInt(list.length);
          while (list.taken.has(index));
          list.taken.add(index);
          return entryOf(list, index);
        });
        const record = { credentialId, status };
        records.set(credentialId, record);
        return record;
      });
    },
    async markIssued() {},
    attachStatus<T extends object>(
      credential: T,
      record: StatusLedgerRecord,
    ): T & Record<string, unknown> {
      const entries = record.status.map((e) =>
        createStatusEntry({ statusListCredential: e.list, index: e.index, purpose: e.purpose }),
      );
      const out: Record<string, unknown> = { ...(credential as Record<string, unknown>) };
      if (out.id === undefined) out.id = record.credentialId;
      if (entries.length) out.credentialStatus = entries.length === 1 ? entries[0] : entries;
      return out as T & Record<string, unknown>;
    },
    async find({ credentialId }) {
      const r = records.get(credentialId);
      return r ? [fresh(r)] : [];
    },
    async revoke({ credentialId }) {
      change(credentialId, 'revocation', true);
    },
    async suspend({ credentialId }) {
      change(credentialId, 'suspension', true);
    },
    async unsuspend({ credentialId }) {
      change(credentialId, 'suspension', false);
    },
    async lists() {
      return lists.map((l) => ({ url: l.url, purpose: l.purpose }));
    },
    async statusListCredentials({ issuer, lists: wanted, validFrom }) {
      const out = [];
      for (const l of lists) {
        if (wanted && !wanted.includes(l.url)) continue;
        const list = createStatusList({ purpose: l.purpose, length: l.length });
        for (const i of l.set) setStatus(list, i, true);
        const credential = await createStatusListCredential({
          id: l.url,
          issuer,
          list,
          validFrom: validFrom ?? new Date(),
        });
        out.push({ url: l.url, purpose: l.purpose, credential });
      }
      return out;
    },
    async close() {},
  };
}
