/** What the SQLite and PostgreSQL stores share: table names, row mapping, driver loading. */
import { LedgerError } from '../errors.js';
import type { CredentialRow, EntryRow, LedgerEvent, LedgerPurpose, ListRow } from './types.js';

/** The ledger's schema version, kept in `ob3kit_meta`. */
export const SCHEMA_VERSION = 1;

/** A row as a driver returns it. */
export type SqlRow = Record<string, unknown>;

const opt = <T>(v: unknown): T | undefined =>
  v === null || v === undefined ? undefined : (v as T);

/** A `ob3kit_lists` row. */
export function listFromSql(r: SqlRow): ListRow {
  return {
    id: Number(r.id),
    series: String(r.series),
    seq: Number(r.seq),
    url: String(r.url),
    purpose: r.purpose as LedgerPurpose,
    type: r.type as ListRow['type'],
    length: Number(r.length),
    allocated: Number(r.allocated),
    createdAt: String(r.created_at),
  };
}

/** A `ob3kit_credentials` row. */
export function credentialFromSql(r: SqlRow): CredentialRow {
  const row: CredentialRow = {
    credentialId: String(r.credential_id),
    state: r.state === 'issued' ? 'issued' : 'reserved',
    reservedAt: String(r.reserved_at),
  };
  const set = <K extends keyof CredentialRow>(k: K, v: CredentialRow[K] | undefined): void => {
    if (v !== undefined) row[k] = v;
  };
  set('key', opt<string>(r.request_key));
  set('recipient', opt<string>(r.recipient));
  set('subjectId', opt<string>(r.subject_id));
  set('achievement', opt<string>(r.achievement));
  set('batch', opt<string>(r.batch));
  const rowNumber = opt<number | string>(r.row_number);
  if (rowNumber !== undefined) row.row = Number(rowNumber);
  set('output', opt<string>(r.output));
  set('issuedAt', opt<string>(r.issued_at));
  return row;
}

/** A `ob3kit_entries` row joined with its list. */
export function entryFromSql(r: SqlRow): EntryRow {
  return {
    credentialId: String(r.credential_id),
    listId: Number(r.list_id),
    index: Number(r.idx),
    set: r.bit === true || r.bit === 1 || r.bit === '1',
    list: String(r.url),
    purpose: r.purpose as LedgerPurpose,
    type: r.type as EntryRow['type'],
  };
}

/** A `ob3kit_events` row. */
export function eventFromSql(r: SqlRow): LedgerEvent {
  const e: LedgerEvent = {
    credentialId: String(r.credential_id),
    purpose: r.purpose as LedgerPurpose,
    action: r.action as LedgerEvent['action'],
    at: String(r.at),
  };
  if (r.reason !== null && r.reason !== undefined) e.reason = String(r.reason);
  return e;
}

/** The credential columns in insert order, from a row. */
export function credentialToSql(r: CredentialRow): unknown[] {
  return [
    r.credentialId,
    r.key ?? null,
    r.recipient ?? null,
    r.subjectId ?? null,
    r.achievement ?? null,
    r.batch ?? null,
    r.row ?? null,
    r.output ?? null,
    r.state,
    r.reservedAt,
    r.issuedAt ?? null,
  ];
}

/** Column list matching {@link credentialToSql}. */
export const CREDENTIAL_COLUMNS =
  'credential_id, request_key, recipient, subject_id, achievement, batch, row_number, output, state, reserved_at, issued_at';

/**
 * Import an optional driver package, or fail with `ERR_LEDGER_DRIVER_MISSING` telling what to
 * install.
 */
export async function loadDriver<T>(
  load: () => Promise<T>,
  name: string,
  range: string,
  store: string,
): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: unknown })?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new LedgerError(
        'ERR_LEDGER_DRIVER_MISSING',
        `the ${store} ledger store needs the '${name}' package: npm install ${name}@${range}`,
        { package: name },
        e,
      );
    }
    throw new LedgerError(
      'ERR_LEDGER_DRIVER',
      `the '${name}' package could not be loaded: ${(e as Error)?.message ?? String(e)}`,
      { package: name },
      e,
    );
  }
}

/** Check the schema version a store found. */
export function checkSchemaVersion(found: unknown, where: string): void {
  if (found === undefined || found === null) return;
  if (Number(found) !== SCHEMA_VERSION) {
    throw new LedgerError(
      'ERR_LEDGER_SCHEMA',
      `${where} holds a ledger of schema version ${String(found)}; this version of ob3kit reads version ${SCHEMA_VERSION}`,
      { found, expected: SCHEMA_VERSION },
    );
  }
}
