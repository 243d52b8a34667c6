/** Types of the issuance ledger and of the stores that keep it. */
import type { StatusListType } from '../status/index.js';

/**
 * The status purposes the ledger allocates entries for: `revocation` (final) and `suspension`
 * (reversible).
 *
 * @example
 * ```ts
 * const purpose: LedgerPurpose = 'suspension';
 * ```
 */
export type LedgerPurpose = 'revocation' | 'suspension';

/**
 * A series of status lists of one purpose. `url` is where each list is published: `{n}` in it is
 * replaced by 1, 2, 3, ... and a new list starts when one is full. A URL without `{n}` is a single
 * list; allocating past its end fails with `ERR_LEDGER_LIST_FULL`.
 *
 * @example
 * ```ts
 * const series: StatusListSeries = { url: 'https://example.edu/status/revocation/{n}', purpose: 'revocation' };
 * ```
 */
export interface StatusListSeries {
  /** Publication URL of the lists, with `{n}` for the list number. */
  url: string;
  /** What a set entry means. */
  purpose: LedgerPurpose;
  /** Entries per list: a multiple of 8 from 131,072 (the default) to 16,777,216. */
  length?: number;
  /** `'BitstringStatusList'` (default) or `'StatusList2021'`. */
  type?: StatusListType;
}

/**
 * What to record about one credential about to be issued. Every field is optional.
 *
 * @example
 * ```ts
 * const request: IssueRequest = { key: 'batch-7/row-2', recipient: 'ada@example.com', achievement: 'https://example.edu/achievements/teamwork' };
 * ```
 */
export interface IssueRequest {
  /**
   * An idempotency key: a second request with the same key returns the first one's record
   * (same credential id, same indexes) instead of allocating again.
   */
  key?: string;
  /** The credential's id. Default: a random `urn:uuid:`. */
  credentialId?: string;
  /** Who receives it, as you will look it up to revoke (an email address, an account id). */
  recipient?: string;
  /** The credential subject's `id`, when it has one (revoking by recipient matches it too). */
  subjectId?: string;
  /** The achievement's `id`. */
  achievement?: string;
  /** A batch (job) this issuance belongs to. */
  batch?: string;
  /** The row of the batch (for example a CSV line number). */
  row?: number;
  /** Where the signed credential is written (a file name, an object key). */
  output?: string;
}

/**
 * One status entry allocated to a credential.
 *
 * @example
 * ```ts
 * const entry: StatusAllocation = { purpose: 'revocation', list: 'https://example.edu/status/1', index: 94567, type: 'BitstringStatusList', set: false };
 * ```
 */
export interface StatusAllocation {
  purpose: LedgerPurpose;
  /** URL of the status list credential. */
  list: string;
  /** The credential's entry in that list. */
  index: number;
  type: StatusListType;
  /** The entry's current value: `true` when revoked (or suspended). */
  set: boolean;
}

/**
 * The ledger's record of one issuance. `reserved` means the credential id and indexes are taken
 * and the credential may have been signed; `issued` means the caller reported it written.
 *
 * @example
 * ```ts
 * const [record] = await ledger.find({ recipient: 'ada@example.com' });
 * console.log(record.credentialId, record.status[0].index, record.state);
 * ```
 */
export interface IssuanceRecord {
  credentialId: string;
  key?: string;
  recipient?: string;
  subjectId?: string;
  achievement?: string;
  batch?: string;
  row?: number;
  output?: string;
  state: 'reserved' | 'issued';
  /** When the id and indexes were reserved (ISO 8601). */
  reservedAt: string;
  /** When the issuance was reported done (ISO 8601). */
  issuedAt?: string;
  /** The status entries, one per purpose. */
  status: StatusAllocation[];
}

/**
 * A status list as the store keeps it.
 *
 * @example
 * ```ts
 * const row: ListRow = { id: 1, series: 'https://example.edu/status/{n}', seq: 1, url: 'https://example.edu/status/1', purpose: 'revocation', type: 'BitstringStatusList', length: 131072, allocated: 0, createdAt: '2025-01-01T00:00:00Z' };
 * ```
 */
export interface ListRow {
  /** The store's key for the list. */
  id: number;
  /** The series URL template the list belongs to. */
  series: string;
  /** The list's number in its series, from 1. */
  seq: number;
  url: string;
  purpose: LedgerPurpose;
  type: StatusListType;
  length: number;
  /** Entries handed out so far. */
  allocated: number;
  createdAt: string;
}

/**
 * A credential row as the store keeps it (a record without its status entries).
 *
 * @example
 * ```ts
 * const row: CredentialRow = { credentialId: 'urn:uuid:…', state: 'reserved', reservedAt: '2025-01-01T00:00:00Z' };
 * ```
 */
export type CredentialRow = Omit<IssuanceRecord, 'status'>;

/**
 * A status entry as the store keeps it, with its list's URL, purpose and type.
 *
 * @example
 * ```ts
 * const entry: EntryRow = { credentialId: 'urn:uuid:…', listId: 1, index: 7, set: false, list: 'https://example.edu/status/1', purpose: 'revocation', type: 'BitstringStatusList' };
 * ```
 */
export interface EntryRow extends StatusAllocation {
  credentialId: string;
  listId: number;
}

/**
 * A change of status, kept as an audit trail.
 *
 * @example
 * ```ts
 * const e: LedgerEvent = { credentialId: 'urn:uuid:…', purpose: 'revocation', action: 'revoke', at: '2025-01-01T00:00:00Z', reason: 'issued in error' };
 * ```
 */
export interface LedgerEvent {
  credentialId: string;
  purpose: LedgerPurpose;
  action: 'revoke' | 'suspend' | 'unsuspend';
  at: string;
  reason?: string;
}

/**
 * Which credentials to read: every given filter must match.
 *
 * @example
 * ```ts
 * const filter: CredentialFilter = { recipient: 'ada@example.com' };
 * ```
 */
export interface CredentialFilter {
  credentialIds?: string[];
  keys?: string[];
  /** Matches the `recipient` or the `subjectId` of a record. */
  recipient?: string;
  batch?: string;
}

/**
 * The operations a store offers inside one transaction. The ledger's logic (random allocation,
 * new lists, idempotency) runs on top of them, so every store behaves the same.
 *
 * @example
 * ```ts
 * await store.transaction(async (tx) => (await tx.lists()).length);
 * ```
 */
export interface LedgerTransaction {
  /**
   * Serialize allocation on a series until the transaction ends (a lock other transactions of
   * other processes wait for).
   */
  lockSeries(series: string): Promise<void>;
  /** The lists of a series (every list when omitted), in series then `seq` order. */
  lists(series?: string): Promise<ListRow[]>;
  /** Add a list; its `allocated` count starts at 0. */
  addList(list: Omit<ListRow, 'id' | 'allocated'>): Promise<ListRow>;
  /** Which of `indexes` are already allocated in the list. */
  taken(listId: number, indexes: number[]): Promise<number[]>;
  /** Every allocated index of the list. */
  allTaken(listId: number): Promise<number[]>;
  /**
   * Insert credential rows and their entries, and raise each list's `allocated` count by the
   * number of its new entries. An index taken twice must fail (a unique key on list and index).
   */
  addCredentials(rows: CredentialRow[], entries: EntryRow[]): Promise<void>;
  /** Credential rows matching the filter, in reservation order. */
  credentials(filter: CredentialFilter): Promise<CredentialRow[]>;
  /** The entries of these credentials. */
  entries(credentialIds: string[]): Promise<EntryRow[]>;
  /** Mark reserved credentials issued; returns how many changed. */
  markIssued(credentialIds: string[], at: string): Promise<number>;
  /** Set or clear one entry. */
  setBit(listId: number, index: number, value: boolean): Promise<void>;
  /** The indexes whose entry is set. */
  setIndexes(listId: number): Promise<number[]>;
  /** Append to the audit trail. */
  addEvents(events: LedgerEvent[]): Promise<void>;
  /** The audit trail of these credentials, oldest first. */
  events(credentialIds: string[]): Promise<LedgerEvent[]>;
}

/**
 * Where the ledger lives. `transaction` runs `fn` atomically (all or nothing) and isolated from
 * other processes using the same store; a store may run `fn` again after a conflict, so `fn`
 * must have no effect outside the transaction.
 *
 * @example
 * ```ts
 * import { createMemoryLedgerStore } from 'ob3kit/ledger';
 * const store: LedgerStore = createMemoryLedgerStore();
 * ```
 */
export interface LedgerStore {
  /** `'memory'`, `'sqlite'`, `'postgres'` or your own. */
  readonly kind: string;
  /**
   * The ledger's own id (a `urn:uuid:` made when the ledger was created): the same through every
   * connection, file path or host name, so two ledgers are never taken for one.
   */
  readonly id: string;
  transaction<T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T>;
  /** Release the connection(s). */
  close(): Promise<void>;
}
