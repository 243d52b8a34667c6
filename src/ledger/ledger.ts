/** The issuance ledger: reserve, record, revoke, suspend, and build the lists to publish. */
import { LedgerError } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { randomBytes, randomUrnUuid } from '../internal/random.js';
import { createStatusList, setStatus } from '../status/bitstring.js';
import { createStatusEntry, createStatusListCredential } from '../status/credential.js';
import { allocate, IndexSource, type ResolvedSeries, resolveSeries } from './allocate.js';
import type {
  CredentialRow,
  EntryRow,
  IssuanceRecord,
  IssueRequest,
  LedgerEvent,
  LedgerPurpose,
  LedgerStore,
  LedgerTransaction,
  ListRow,
  StatusListSeries,
} from './types.js';

/**
 * Options of {@link createLedger}.
 *
 * @example
 * ```ts
 * const options: LedgerOptions = {
 *   lists: [
 *     { url: 'https://example.edu/status/revocation/{n}', purpose: 'revocation' },
 *     { url: 'https://example.edu/status/suspension/{n}', purpose: 'suspension' },
 *   ],
 * };
 * ```
 */
export interface LedgerOptions {
  /**
   * The series new credentials get entries in: one entry per series, at most one series per
   * purpose. May be empty for a ledger only used to revoke and publish. An Open Badges 3.0
   * credential carries at most one `credentialStatus`: give it one series (signing refuses two
   * entries); plain VC 2.0 credentials may have both.
   */
  lists?: StatusListSeries[];
  /** Clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** Secure random bytes. Default: WebCrypto (or the @noble/hashes CSPRNG). */
  randomBytes?: (length: number) => Uint8Array;
}

/**
 * Options of {@link Ledger.reserve} and {@link Ledger.issue}.
 *
 * @example
 * ```ts
 * const options: ReserveOptions = { purpose: 'revocation' }; // one entry, for an Open Badge
 * ```
 */
export interface ReserveOptions {
  /**
   * Reserve an entry in the series of this purpose only (the ledger must have one). Give it for
   * Open Badges 3.0 and CLR 2.0 credentials, which carry at most one `credentialStatus`. Default:
   * one entry in every series.
   */
  purpose?: LedgerPurpose;
}

/**
 * Who to revoke, suspend or unsuspend: one credential by id, or every credential of a recipient
 * (matching the recorded `recipient` or `subjectId`).
 *
 * @example
 * ```ts
 * const target: StatusTarget = { recipient: 'ada@example.com' };
 * ```
 */
export type StatusTarget = { credentialId: string } | { recipient: string };

/**
 * One entry a status operation looked at.
 *
 * @example
 * ```ts
 * const change: StatusChange = { credentialId: 'urn:uuid:…', purpose: 'revocation', list: 'https://example.edu/status/1', index: 7, changed: true };
 * ```
 */
export interface StatusChange {
  credentialId: string;
  purpose: LedgerPurpose;
  list: string;
  index: number;
  /** `false` when the entry already had the asked-for value. */
  changed: boolean;
}

/**
 * A status list as the ledger sees it.
 *
 * @example
 * ```ts
 * for (const l of await ledger.lists()) console.log(l.url, l.allocated, l.set);
 * ```
 */
export interface LedgerListInfo {
  url: string;
  purpose: LedgerPurpose;
  type: 'BitstringStatusList' | 'StatusList2021';
  length: number;
  /** Entries handed out. */
  allocated: number;
  /** Entries set (revoked or suspended). */
  set: number;
  /** The series URL template. */
  series: string;
}

/**
 * Options of {@link Ledger.statusListCredentials} and {@link Ledger.publish}.
 *
 * @example
 * ```ts
 * const options: PublishOptions = { issuer: 'did:web:example.edu', validUntil: new Date(Date.now() + 7 * 86400_000) };
 * ```
 */
export interface PublishOptions {
  /** The issuer of the list credentials (the issuer of the credentials that point at them). */
  issuer: string | JsonObject;
  /** Only these list URLs (default: every list in the ledger). */
  lists?: string[];
  /** `validFrom`. Default: now. */
  validFrom?: Date | string;
  /** `validUntil`. */
  validUntil?: Date | string;
  /** `credentialSubject.ttl` in milliseconds. */
  ttl?: number;
}

/**
 * A status list credential built from the ledger.
 *
 * @example
 * ```ts
 * const [{ url, credential }] = await ledger.publish({ issuer: did, sign });
 * ```
 */
export interface PublishedList<T = JsonObject> {
  url: string;
  purpose: LedgerPurpose;
  credential: T;
}

const PURPOSES: readonly LedgerPurpose[] = ['revocation', 'suspension'];
const MAX_BATCH = 10_000;

function checkText(value: unknown, name: string, fn: string): void {
  if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
    throw new TypeError(`${fn}: ${name} must be a non-empty string when given`);
  }
}

function checkRequest(r: unknown, i: number, fn: string): IssueRequest {
  if (!isObject(r)) throw new TypeError(`${fn}: requests[${i}] must be an object`);
  for (const k of [
    'key',
    'credentialId',
    'recipient',
    'subjectId',
    'achievement',
    'batch',
    'output',
  ] as const) {
    checkText(r[k], `requests[${i}].${k}`, fn);
  }
  if (r.row !== undefined && !(Number.isSafeInteger(r.row) && (r.row as number) >= 0)) {
    throw new TypeError(`${fn}: requests[${i}].row must be a non-negative integer when given`);
  }
  if (r.credentialId !== undefined) {
    try {
      new URL(r.credentialId as string);
    } catch {
      throw new LedgerError(
        'ERR_LEDGER_CONFIG',
        `${fn}: requests[${i}].credentialId must be a URL (a credential id), found ${describeValue(r.credentialId)}`,
      );
    }
  }
  return r as IssueRequest;
}

/** Request fields a repeated key must agree on (anything else would be a different issuance). */
const KEY_FIELDS = ['credentialId', 'recipient', 'subjectId', 'achievement', 'batch'] as const;

function groupEntries(entries: EntryRow[]): Map<string, EntryRow[]> {
  const by = new Map<string, EntryRow[]>();
  for (const e of entries) {
    const list = by.get(e.credentialId);
    if (list) list.push(e);
    else by.set(e.credentialId, [e]);
  }
  return by;
}

function toRecord(row: CredentialRow, entries: EntryRow[] | undefined): IssuanceRecord {
  const status = (entries ?? [])
    .slice()
    .sort((a, b) => PURPOSES.indexOf(a.purpose) - PURPOSES.indexOf(b.purpose))
    .map(({ purpose, list, index, type, set }) => ({ purpose, list, index, type, set }));
  return { ...row, status };
}

async function recordsOf(tx: LedgerTransaction, rows: CredentialRow[]): Promise<IssuanceRecord[]> {
  if (rows.length === 0) return [];
  const by = groupEntries(await tx.entries(rows.map((r) => r.credentialId)));
  return rows.map((r) => toRecord(r, by.get(r.credentialId)));
}

function isoNow(now: () => Date): string {
  return now().toISOString();
}

/**
 * The issuance ledger: allocates status list entries at random (never the same one twice, also
 * not after a revocation or a crash), records every issuance, revokes and suspends by credential
 * id or recipient, and builds the status list credentials to publish. Make one with
 * {@link createLedger}.
 *
 * @example
 * ```ts
 * import { createLedger, createMemoryLedgerStore } from 'ob3kit/ledger';
 * const ledger = createLedger(createMemoryLedgerStore(), {
 *   lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
 * });
 * const { record } = await ledger.issue({ recipient: 'ada@example.com' }, async (r) => {
 *   // sign ledger.attachStatus(credential, r) and store it
 * });
 * await ledger.revoke({ credentialId: record.credentialId });
 * ```
 */
export class Ledger {
  /** The store the ledger lives in. */
  readonly store: LedgerStore;
  private readonly series: ResolvedSeries[];
  private readonly now: () => Date;
  private readonly source: IndexSource;

  constructor(store: LedgerStore, options: LedgerOptions = {}) {
    const fn = 'createLedger(store, options)';
    if (!isObject(store) || typeof (store as LedgerStore).transaction !== 'function') {
      throw new TypeError(`${fn}: store must be a LedgerStore (SQLite, PostgreSQL or memory)`);
    }
    if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
    const lists = options.lists ?? [];
    if (!Array.isArray(lists)) throw new TypeError(`${fn}: options.lists must be an array`);
    this.series = lists.map((s, i) => resolveSeries(s, `options.lists[${i}]`));
    const purposes = this.series.map((s) => s.purpose);
    if (new Set(purposes).size !== purposes.length) {
      throw new LedgerError(
        'ERR_LEDGER_CONFIG',
        `${fn}: options.lists has two series of one purpose; give at most one revocation and one suspension series`,
      );
    }
    const urls = this.series.map((s) => s.url);
    if (new Set(urls).size !== urls.length) {
      throw new LedgerError('ERR_LEDGER_CONFIG', `${fn}: options.lists names one URL twice`);
    }
    this.store = store;
    const opts = options as LedgerOptions;
    this.now = opts.now ?? (() => new Date());
    this.source = new IndexSource(opts.randomBytes ?? randomBytes);
  }

  /**
   * Reserve credential ids and status entries, one credential per request, in one transaction.
   * A request whose `key` the ledger already holds gets its earlier record back (same id, same
   * indexes, whatever its state), so a rerun after a crash never takes a new index for the same
   * work. Records come back in request order.
   *
   * `options.purpose` reserves an entry in that one series only: an Open Badges 3.0 or CLR 2.0
   * credential carries at most one `credentialStatus`, so a ledger with a revocation and a
   * suspension series must pick one for it before anything is reserved.
   *
   * @throws `LedgerError` `ERR_LEDGER_CONFLICT` when a key is repeated with different details (or,
   *   with `options.purpose`, was recorded with entries of another purpose) or a credential id is
   *   already recorded; `ERR_LEDGER_LIST_FULL` when a single list is full; `ERR_LEDGER_CONFIG` when
   *   the ledger has no series of `options.purpose`.
   * @example
   * ```ts
   * const [record] = await ledger.reserve([{ key: 'row-2', recipient: 'ada@example.com' }]);
   * record.status[0].index; // a random free entry of the current revocation list
   * // An Open Badge: one entry, in the revocation series only.
   * const [badge] = await ledger.reserve([{}], { purpose: 'revocation' });
   * ```
   */
  async reserve(requests: IssueRequest[], options: ReserveOptions = {}): Promise<IssuanceRecord[]> {
    const fn = 'ledger.reserve(requests)';
    if (!Array.isArray(requests)) throw new TypeError(`${fn}: requests must be an array`);
    if (requests.length > MAX_BATCH) {
      throw new TypeError(`${fn}: at most ${MAX_BATCH} requests at a time, got ${requests.length}`);
    }
    const series = this.seriesFor(options, fn);
    const reqs = requests.map((r, i) => checkRequest(r, i, fn));
    if (reqs.length === 0) return [];
    const keys = reqs.map((r) => r.key).filter((k): k is string => k !== undefined);
    if (new Set(keys).size !== keys.length) {
      throw new LedgerError('ERR_LEDGER_CONFLICT', `${fn}: two requests share one key`);
    }
    const ids = reqs.map((r) => r.credentialId).filter((k): k is string => k !== undefined);
    if (new Set(ids).size !== ids.length) {
      throw new LedgerError('ERR_LEDGER_CONFLICT', `${fn}: two requests share one credentialId`);
    }
    return this.store.transaction(async (tx) => {
      const now = isoNow(this.now);
      const byKey = new Map<string, CredentialRow>();
      if (keys.length)
        for (const row of await tx.credentials({ keys })) byKey.set(row.key as string, row);
      const fresh: Array<{ req: IssueRequest; at: number }> = [];
      for (const [at, req] of reqs.entries()) {
        const old = req.key === undefined ? undefined : byKey.get(req.key);
        if (old) {
          for (const f of KEY_FIELDS) {
            if (req[f] !== undefined && req[f] !== old[f]) {
              throw new LedgerError(
                'ERR_LEDGER_CONFLICT',
                `${fn}: key ${JSON.stringify(req.key)} was recorded with ${f} ${JSON.stringify(old[f] ?? null)}, now ${JSON.stringify(req[f])}`,
                { key: req.key, field: f },
              );
            }
          }
        } else {
          fresh.push({ req, at });
        }
      }
      const freshIds = fresh.map(({ req }) => req.credentialId).filter((x): x is string => !!x);
      if (freshIds.length) {
        const dup = await tx.credentials({ credentialIds: freshIds });
        if (dup.length) {
          throw new LedgerError(
            'ERR_LEDGER_CONFLICT',
            `${fn}: the ledger already records credential ${dup[0]?.credentialId}; a credential id is issued once`,
            { credentialId: dup[0]?.credentialId },
          );
        }
      }
      const rows: CredentialRow[] = fresh.map(({ req }) => ({
        credentialId: req.credentialId ?? randomUrnUuid(),
        ...(req.key !== undefined ? { key: req.key } : {}),
        ...(req.recipient !== undefined ? { recipient: req.recipient } : {}),
        ...(req.subjectId !== undefined ? { subjectId: req.subjectId } : {}),
        ...(req.achievement !== undefined ? { achievement: req.achievement } : {}),
        ...(req.batch !== undefined ? { batch: req.batch } : {}),
        ...(req.row !== undefined ? { row: req.row } : {}),
        ...(req.output !== undefined ? { output: req.output } : {}),
        state: 'reserved',
        reservedAt: now,
      }));
      const entries: EntryRow[] = [];
      if (rows.length) {
        for (const s of series) {
          await tx.lockSeries(s.url);
          const got = await allocate(tx, s, rows.length, this.source, now);
          got.forEach(({ list, index }, i) => {
            entries.push({
              credentialId: (rows[i] as CredentialRow).credentialId,
              listId: list.id,
              list: list.url,
              purpose: list.purpose,
              type: list.type,
              index,
              set: false,
            });
          });
        }
        await tx.addCredentials(rows, entries);
      }
      const out: IssuanceRecord[] = new Array(reqs.length);
      const by = groupEntries(entries);
      fresh.forEach(({ at }, i) => {
        const row = rows[i] as CredentialRow;
        out[at] = toRecord(row, by.get(row.credentialId));
      });
      const old = reqs
        .map((r, at) => ({ row: r.key === undefined ? undefined : byKey.get(r.key), at }))
        .filter((x): x is { row: CredentialRow; at: number } => x.row !== undefined);
      const oldRecords = await recordsOf(
        tx,
        old.map((o) => o.row),
      );
      old.forEach(({ at }, i) => {
        const record = oldRecords[i] as IssuanceRecord;
        const wrong = record.status.find((e) => !series.some((s) => s.purpose === e.purpose));
        if (options.purpose !== undefined && wrong !== undefined) {
          // Handing it back would give the credential an entry of the other purpose.
          throw new LedgerError(
            'ERR_LEDGER_CONFLICT',
            `${fn}: key ${JSON.stringify(record.key)} was recorded with a ${wrong.purpose} entry, now asked for ${options.purpose} only`,
            { key: record.key, purpose: wrong.purpose },
          );
        }
        out[at] = record;
      });
      return out;
    });
  }

  /** The series a reservation takes entries in (every series, or the one of `options.purpose`). */
  private seriesFor(options: ReserveOptions, fn: string): ResolvedSeries[] {
    if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
    const { purpose } = options;
    if (purpose === undefined) return this.series;
    if (purpose !== 'revocation' && purpose !== 'suspension') {
      throw new TypeError(`${fn}: options.purpose must be 'revocation' or 'suspension'`);
    }
    const one = this.series.filter((s) => s.purpose === purpose);
    if (one.length === 0) {
      throw new LedgerError(
        'ERR_LEDGER_CONFIG',
        `${fn}: the ledger has no ${purpose} series (options.lists); nothing was reserved`,
        { purpose },
      );
    }
    return one;
  }

  /**
   * Record that these credentials were signed and stored. Call it only once the credential is
   * safely written: a crash before leaves the record `reserved`, and a rerun with the same key
   * resumes it with the same id and indexes. Already issued ones are left as they are.
   *
   * @throws `LedgerError` `ERR_LEDGER_NOT_FOUND` for an id the ledger does not hold.
   * @example
   * ```ts
   * await ledger.markIssued([record.credentialId]);
   * ```
   */
  async markIssued(credentialIds: string[]): Promise<void> {
    const fn = 'ledger.markIssued(credentialIds)';
    if (!Array.isArray(credentialIds) || !credentialIds.every((x) => typeof x === 'string')) {
      throw new TypeError(`${fn}: credentialIds must be an array of strings`);
    }
    if (credentialIds.length === 0) return;
    const unique = [...new Set(credentialIds)];
    await this.store.transaction(async (tx) => {
      const found = await tx.credentials({ credentialIds: unique });
      if (found.length !== unique.length) {
        const have = new Set(found.map((r) => r.credentialId));
        const missing = unique.find((id) => !have.has(id));
        throw new LedgerError('ERR_LEDGER_NOT_FOUND', `${fn}: the ledger holds no ${missing}`, {
          credentialId: missing,
        });
      }
      await tx.markIssued(unique, isoNow(this.now));
    });
  }

  /**
   * Reserve, run `work` (sign the credential with {@link Ledger.attachStatus} and store it), then
   * mark it issued. When `work` throws, the record stays `reserved` (its indexes are never handed
   * to another credential) and the error is rethrown. `options` as for {@link Ledger.reserve}
   * (`{ purpose: 'revocation' }` for an Open Badge when the ledger has two series).
   *
   * @example
   * ```ts
   * const { record, result } = await ledger.issue({ recipient: 'ada@example.com' }, async (r) => {
   *   const signed = await signCredential(ledger.attachStatus(credential, r), { key });
   *   await save(signed);
   *   return signed;
   * });
   * ```
   */
  async issue<T>(
    request: IssueRequest,
    work: (record: IssuanceRecord) => Promise<T>,
    options: ReserveOptions = {},
  ): Promise<{ record: IssuanceRecord; result: T }> {
    if (typeof work !== 'function') {
      throw new TypeError('ledger.issue(request, work): work must be a function');
    }
    const [record] = (await this.reserve([request], options)) as [IssuanceRecord];
    const result = await work(record);
    await this.markIssued([record.credentialId]);
    return { record: { ...record, state: 'issued' }, result };
  }

  /**
   * A copy of the unsigned credential with the record's id (when it has none) and its
   * `credentialStatus` entries (one object, or an array for two purposes).
   *
   * @throws `LedgerError` `ERR_LEDGER_CONFLICT` when the credential has another id or already a
   *   `credentialStatus`.
   * @example
   * ```ts
   * const unsigned = ledger.attachStatus(credential, record);
   * unsigned.credentialStatus.statusListIndex; // String(record.status[0].index)
   * ```
   */
  attachStatus<T extends object>(credential: T, record: IssuanceRecord): T & JsonObject {
    return attachStatus(credential, record);
  }

  /**
   * Records matching a filter (every record when the filter is empty), oldest first.
   *
   * @example
   * ```ts
   * const records = await ledger.find({ recipient: 'ada@example.com' });
   * ```
   */
  async find(
    filter: { credentialId?: string; recipient?: string; batch?: string; key?: string } = {},
  ): Promise<IssuanceRecord[]> {
    const fn = 'ledger.find(filter)';
    if (!isObject(filter)) throw new TypeError(`${fn}: filter must be an object`);
    for (const k of ['credentialId', 'recipient', 'batch', 'key'] as const) {
      checkText(filter[k], k, fn);
    }
    return this.store.transaction(async (tx) => {
      const rows = await tx.credentials({
        ...(filter.credentialId !== undefined ? { credentialIds: [filter.credentialId] } : {}),
        ...(filter.key !== undefined ? { keys: [filter.key] } : {}),
        ...(filter.recipient !== undefined ? { recipient: filter.recipient } : {}),
        ...(filter.batch !== undefined ? { batch: filter.batch } : {}),
      });
      return recordsOf(tx, rows);
    });
  }

  /**
   * The audit trail (revoke, suspend, unsuspend) of a credential, oldest first.
   *
   * @example
   * ```ts
   * const events = await ledger.history(record.credentialId);
   * ```
   */
  async history(credentialId: string): Promise<LedgerEvent[]> {
    checkText(credentialId, 'credentialId', 'ledger.history(credentialId)');
    return this.store.transaction((tx) => tx.events([credentialId]));
  }

  /**
   * Revoke (final): set the revocation entry of one credential, or of every credential of a
   * recipient. Re-publish the lists afterwards ({@link Ledger.publish}).
   *
   * @throws `LedgerError` `ERR_LEDGER_NOT_FOUND` when nothing matches; `ERR_LEDGER_NO_STATUS` when
   *   a matching credential has no revocation entry (nothing is changed then).
   * @example
   * ```ts
   * await ledger.revoke({ recipient: 'ada@example.com' }, { reason: 'issued in error' });
   * ```
   */
  async revoke(target: StatusTarget, options: { reason?: string } = {}): Promise<StatusChange[]> {
    return this.change(target, 'revocation', true, 'revoke', options.reason);
  }

  /**
   * Suspend (reversible): set the suspension entry.
   *
   * @throws like {@link Ledger.revoke}.
   * @example
   * ```ts
   * await ledger.suspend({ credentialId: 'urn:uuid:…' });
   * ```
   */
  async suspend(target: StatusTarget, options: { reason?: string } = {}): Promise<StatusChange[]> {
    return this.change(target, 'suspension', true, 'suspend', options.reason);
  }

  /**
   * Lift a suspension: clear the suspension entry.
   *
   * @throws like {@link Ledger.revoke}.
   * @example
   * ```ts
   * await ledger.unsuspend({ credentialId: 'urn:uuid:…' });
   * ```
   */
  async unsuspend(
    target: StatusTarget,
    options: { reason?: string } = {},
  ): Promise<StatusChange[]> {
    return this.change(target, 'suspension', false, 'unsuspend', options.reason);
  }

  private async change(
    target: StatusTarget,
    purpose: LedgerPurpose,
    value: boolean,
    action: LedgerEvent['action'],
    reason: string | undefined,
  ): Promise<StatusChange[]> {
    const fn = `ledger.${action}(target, options)`;
    if (!isObject(target)) throw new TypeError(`${fn}: target must be an object`);
    const t = target as { credentialId?: unknown; recipient?: unknown };
    if ((t.credentialId === undefined) === (t.recipient === undefined)) {
      throw new TypeError(`${fn}: target names a credentialId or a recipient (one of them)`);
    }
    checkText(t.credentialId, 'target.credentialId', fn);
    checkText(t.recipient, 'target.recipient', fn);
    checkText(reason, 'options.reason', fn);
    return this.store.transaction(async (tx) => {
      const rows = await tx.credentials(
        t.credentialId !== undefined
          ? { credentialIds: [t.credentialId as string] }
          : { recipient: t.recipient as string },
      );
      if (rows.length === 0) {
        const what =
          t.credentialId !== undefined
            ? `credential ${t.credentialId}`
            : `credential of recipient ${t.recipient}`;
        throw new LedgerError('ERR_LEDGER_NOT_FOUND', `${fn}: the ledger holds no ${what}`, {
          ...(t.credentialId !== undefined ? { credentialId: t.credentialId } : {}),
          ...(t.recipient !== undefined ? { recipient: t.recipient } : {}),
        });
      }
      const entries = await tx.entries(rows.map((r) => r.credentialId));
      const chosen: EntryRow[] = [];
      for (const r of rows) {
        const e = entries.find((x) => x.credentialId === r.credentialId && x.purpose === purpose);
        if (!e) {
          throw new LedgerError(
            'ERR_LEDGER_NO_STATUS',
            `${fn}: credential ${r.credentialId} was issued without a ${purpose} entry; nothing was changed`,
            { credentialId: r.credentialId, purpose },
          );
        }
        chosen.push(e);
      }
      const at = isoNow(this.now);
      const events: LedgerEvent[] = [];
      const out: StatusChange[] = [];
      for (const e of chosen) {
        const changed = e.set !== value;
        if (changed) {
          await tx.setBit(e.listId, e.index, value);
          events.push({
            credentialId: e.credentialId,
            purpose,
            action,
            at,
            ...(reason !== undefined ? { reason } : {}),
          });
        }
        out.push({ credentialId: e.credentialId, purpose, list: e.list, index: e.index, changed });
      }
      if (events.length) await tx.addEvents(events);
      return out;
    });
  }

  /**
   * Every status list in the ledger with its counts.
   *
   * @example
   * ```ts
   * const lists = await ledger.lists();
   * ```
   */
  async lists(): Promise<LedgerListInfo[]> {
    return this.store.transaction(async (tx) => {
      const out: LedgerListInfo[] = [];
      for (const l of await tx.lists()) {
        out.push(listInfo(l, (await tx.setIndexes(l.id)).length));
      }
      return out;
    });
  }

  /**
   * Build the unsigned status list credentials from the ledger: every list (or `options.lists`),
   * with the entries of revoked or suspended credentials set. All are read in one transaction,
   * so they show one moment of the ledger.
   *
   * @throws `LedgerError` `ERR_LEDGER_NOT_FOUND` for a list URL the ledger does not hold.
   * @example
   * ```ts
   * const lists = await ledger.statusListCredentials({ issuer: 'did:web:example.edu' });
   * ```
   */
  async statusListCredentials(options: PublishOptions): Promise<PublishedList[]> {
    const fn = 'ledger.statusListCredentials(options)';
    if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
    if (options.lists !== undefined && !Array.isArray(options.lists)) {
      throw new TypeError(`${fn}: options.lists must be an array of list URLs`);
    }
    const snapshot = await this.store.transaction(async (tx) => {
      let rows = await tx.lists();
      if (options.lists) {
        const wanted = options.lists;
        for (const url of wanted) {
          if (!rows.some((r) => r.url === url)) {
            throw new LedgerError('ERR_LEDGER_NOT_FOUND', `${fn}: the ledger has no list ${url}`, {
              list: url,
            });
          }
        }
        rows = rows.filter((r) => wanted.includes(r.url));
      }
      const out: Array<{ row: ListRow; set: number[] }> = [];
      for (const row of rows) out.push({ row, set: await tx.setIndexes(row.id) });
      return out;
    });
    const validFrom = options.validFrom ?? this.now();
    const result: PublishedList[] = [];
    for (const { row, set } of snapshot) {
      const list = createStatusList({ purpose: row.purpose, length: row.length });
      for (const i of set) setStatus(list, i, true);
      const credential = await createStatusListCredential({
        id: row.url,
        issuer: options.issuer,
        list,
        type: row.type,
        validFrom,
        ...(options.validUntil !== undefined ? { validUntil: options.validUntil } : {}),
        ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
        now: this.now(),
      });
      result.push({ url: row.url, purpose: row.purpose, credential });
    }
    return result;
  }

  /**
   * Build and sign the status list credentials to publish: {@link Ledger.statusListCredentials},
   * each passed to `sign` (for example `(c) => signCredential(c, { key })`). Upload each at its
   * `url`.
   *
   * @example
   * ```ts
   * import { signCredential } from 'ob3kit/proof';
   * const lists = await ledger.publish({ issuer: did, sign: (c) => signCredential(c, { key }) });
   * for (const { url, credential } of lists) await upload(url, JSON.stringify(credential));
   * ```
   */
  async publish<T>(
    options: PublishOptions & { sign: (unsigned: JsonObject) => Promise<T> },
  ): Promise<PublishedList<T>[]> {
    if (!isObject(options) || typeof options.sign !== 'function') {
      throw new TypeError('ledger.publish(options): options.sign must be a function');
    }
    const lists = await this.statusListCredentials(options);
    const out: PublishedList<T>[] = [];
    for (const l of lists) out.push({ ...l, credential: await options.sign(l.credential) });
    return out;
  }

  /**
   * Close the store.
   *
   * @example
   * ```ts
   * await ledger.close();
   * ```
   */
  async close(): Promise<void> {
    await this.store.close();
  }
}

function listInfo(l: ListRow, set: number): LedgerListInfo {
  return {
    url: l.url,
    purpose: l.purpose,
    type: l.type,
    length: l.length,
    allocated: l.allocated,
    set,
    series: l.series,
  };
}

/**
 * A copy of an unsigned credential with the record's id (when it has none) and its
 * `credentialStatus` entries (one object, or an array for two purposes).
 *
 * @throws `LedgerError` `ERR_LEDGER_CONFLICT` when the credential has another id or already a
 *   `credentialStatus`.
 * @example
 * ```ts
 * const unsigned = attachStatus(credential, record);
 * ```
 */
export function attachStatus<T extends object>(
  credential: T,
  record: IssuanceRecord,
): T & JsonObject {
  const fn = 'attachStatus(credential, record)';
  if (!isObject(credential)) throw new TypeError(`${fn}: credential must be a JSON object`);
  if (!isObject(record) || !Array.isArray(record.status)) {
    throw new TypeError(`${fn}: record must be an IssuanceRecord from the ledger`);
  }
  const c = credential as JsonObject;
  if (c.id !== undefined && c.id !== record.credentialId) {
    throw new LedgerError(
      'ERR_LEDGER_CONFLICT',
      `${fn}: the credential's id ${JSON.stringify(c.id)} is not the recorded ${record.credentialId}`,
      { credentialId: record.credentialId },
    );
  }
  if (c.credentialStatus !== undefined) {
    throw new LedgerError(
      'ERR_LEDGER_CONFLICT',
      `${fn}: the credential already has a credentialStatus`,
      { credentialId: record.credentialId },
    );
  }
  const entries = record.status.map((s) =>
    createStatusEntry({
      statusListCredential: s.list,
      index: s.index,
      purpose: s.purpose,
      type: s.type,
    }),
  );
  const out: JsonObject = { ...c };
  if (out.id === undefined) {
    // Keep `id` near the top, where a reader expects it.
    const { '@context': ctx, ...rest } = out;
    return {
      ...(ctx !== undefined ? { '@context': ctx } : {}),
      id: record.credentialId,
      ...rest,
      ...(entries.length ? { credentialStatus: entries.length === 1 ? entries[0] : entries } : {}),
    } as unknown as T & JsonObject;
  }
  if (entries.length) out.credentialStatus = entries.length === 1 ? entries[0] : entries;
  return out as T & JsonObject;
}

/**
 * Make a ledger on a store.
 *
 * @example
 * ```ts
 * import { createLedger } from 'ob3kit/ledger';
 * import { openSqliteLedgerStore } from 'ob3kit/ledger/sqlite';
 * const ledger = createLedger(await openSqliteLedgerStore('ledger.sqlite'), {
 *   lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
 * });
 * ```
 */
export function createLedger(store: LedgerStore, options: LedgerOptions = {}): Ledger {
  return new Ledger(store, options);
}
