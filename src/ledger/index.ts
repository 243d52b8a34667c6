/**
 * The issuance ledger: status list entries allocated at random and never handed out twice (also
 * not after a revocation or a crash), a record of every issuance (credential id, recipient,
 * achievement, list, index, purpose, time), revocation and suspension by credential id or by
 * recipient, and the status list credentials to publish, built from the ledger.
 *
 * This entry point is runtime-agnostic and has an in-memory store. The durable stores are Node
 * only: `ob3kit/ledger/sqlite` (an embedded SQLite file, needs `better-sqlite3`) and
 * `ob3kit/ledger/postgres` (several issuing workers on one PostgreSQL database, needs `pg`).
 *
 * @example
 * ```ts
 * import { createLedger } from 'ob3kit/ledger';
 * import { openSqliteLedgerStore } from 'ob3kit/ledger/sqlite';
 * import { signCredential } from 'ob3kit/proof';
 *
 * const ledger = createLedger(await openSqliteLedgerStore('ledger.sqlite'), {
 *   lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
 * });
 * const { result: signed } = await ledger.issue({ recipient: 'ada@example.com' }, (record) =>
 *   signCredential(ledger.attachStatus(unsignedCredential, record), { key }),
 * );
 * await ledger.revoke({ recipient: 'ada@example.com' });
 * const lists = await ledger.publish({ issuer: did, sign: (c) => signCredential(c, { key }) });
 * ```
 *
 * @packageDocumentation
 */
export { MAX_LEDGER_LIST_LENGTH } from './allocate.js';
export {
  attachStatus,
  createLedger,
  Ledger,
  type LedgerListInfo,
  type LedgerOptions,
  type PublishedList,
  type PublishOptions,
  type ReserveOptions,
  type StatusChange,
  type StatusTarget,
} from './ledger.js';
export { createMemoryLedgerStore } from './memory.js';
export type {
  CredentialFilter,
  CredentialRow,
  EntryRow,
  IssuanceRecord,
  IssueRequest,
  LedgerEvent,
  LedgerPurpose,
  LedgerStore,
  LedgerTransaction,
  ListRow,
  StatusAllocation,
  StatusListSeries,
} from './types.js';
