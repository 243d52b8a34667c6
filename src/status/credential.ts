/** Status list credentials and the `credentialStatus` entries that point into them. */
import { parseDateTime } from '../internal/datetime.js';
import { describeValue } from '../internal/describe.js';
import type { JsonObject } from '../internal/json.js';
import { isObject } from '../internal/json.js';
import {
  encodeStatusList,
  type StatusList,
  type StatusListType,
  type StatusPurpose,
} from './bitstring.js';

/**
 * The VC 2.0 context (Bitstring Status List terms are part of it).
 *
 * @example
 * ```ts
 * VC_V2_CONTEXT; // 'https://www.w3.org/ns/credentials/v2'
 * ```
 */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/**
 * The VC 1.1 context.
 *
 * @example
 * ```ts
 * VC_V1_CONTEXT; // 'https://www.w3.org/2018/credentials/v1'
 * ```
 */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
/**
 * The StatusList2021 context.
 *
 * @example
 * ```ts
 * STATUS_LIST_2021_CONTEXT; // 'https://w3id.org/vc/status-list/2021/v1'
 * ```
 */
export const STATUS_LIST_2021_CONTEXT = 'https://w3id.org/vc/status-list/2021/v1';

/**
 * Options of {@link createStatusListCredential}.
 *
 * @example
 * ```ts
 * const options: CreateStatusListCredentialOptions = {
 *   id: 'https://example.edu/status/1',
 *   issuer: 'did:web:example.edu',
 *   list,
 *   validUntil: new Date(Date.now() + 30 * 86400_000),
 *   ttl: 86400_000,
 * };
 * ```
 */
export interface CreateStatusListCredentialOptions {
  /** The URL where the list credential will be published (entries point here). */
  id: string;
  /** The issuer: its id, or a profile object with an `id`. */
  issuer: string | JsonObject;
  /** The list to publish. */
  list: StatusList;
  /** The list's purpose (or purposes). Default: the list's own `purpose`. */
  purpose?: StatusPurpose | StatusPurpose[];
  /** `'BitstringStatusList'` (default; VC 2.0) or `'StatusList2021'` (VC 1.1). */
  type?: StatusListType;
  /** `validFrom` (VC 2.0) / `issuanceDate` (VC 1.1). For StatusList2021 it defaults to `now`. */
  validFrom?: string | Date;
  /** `validUntil` (VC 2.0) / `expirationDate` (VC 1.1). */
  validUntil?: string | Date;
  /** `credentialSubject.ttl`: milliseconds before a verifier should fetch the list again. */
  ttl?: number;
  /** Clock for the default StatusList2021 `issuanceDate`. Default: now. */
  now?: Date;
}

function isUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function dateText(value: unknown, name: string, fn: string): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${fn}: ${name} is an invalid Date`);
    return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (typeof value === 'string' && parseDateTime(value, { requireZone: true }) !== undefined) {
    return value;
  }
  throw new TypeError(`${fn}: ${name} must be a Date or an XML Schema dateTime with a time zone`);
}

/**
 * Create the unsigned status list credential to publish at `id`: a
 * `BitstringStatusListCredential` (VC 2.0 context; subject `BitstringStatusList` with
 * `statusPurpose` and `encodedList`), or, with `type: 'StatusList2021'`, a
 * `StatusList2021Credential` (VC 1.1 and StatusList2021 contexts). Sign it like any credential,
 * then publish it; re-sign and republish after every change.
 *
 * @example
 * ```ts
 * import { createStatusList, createStatusListCredential, setStatus } from 'ob3kit/status';
 * const list = createStatusList({ purpose: 'revocation' });
 * setStatus(list, 94567, true);
 * const unsigned = await createStatusListCredential({
 *   id: 'https://example.edu/status/3',
 *   issuer: 'did:web:example.edu',
 *   list,
 *   validFrom: new Date(),
 * });
 * // unsigned.credentialSubject.encodedList starts with 'uH4sI'
 * ```
 */
export async function createStatusListCredential(
  options: CreateStatusListCredentialOptions,
): Promise<JsonObject> {
  const fn = 'createStatusListCredential(options)';
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  const { id, issuer, list } = options;
  if (!isUrl(id)) throw new TypeError(`${fn}: options.id must be the URL of the list credential`);
  const issuerId = typeof issuer === 'string' ? issuer : isObject(issuer) ? issuer.id : undefined;
  if (!isUrl(issuerId)) {
    throw new TypeError(
      `${fn}: options.issuer must be a URL (a DID or https URL) or an object with one as id`,
    );
  }
  const type = options.type ?? 'BitstringStatusList';
  if (type !== 'BitstringStatusList' && type !== 'StatusList2021') {
    throw new TypeError(`${fn}: options.type must be 'BitstringStatusList' or 'StatusList2021'`);
  }
  const purpose = options.purpose ?? list?.purpose;
  const purposes = Array.isArray(purpose) ? purpose : [purpose];
  if (purposes.length === 0 || !purposes.every((p) => typeof p === 'string' && p.length > 0)) {
    throw new TypeError(`${fn}: options.purpose (or list.purpose) must name the list's purpose`);
  }
  if (type === 'StatusList2021' && purposes.length !== 1) {
    throw new TypeError(`${fn}: a StatusList2021 credential has exactly one statusPurpose`);
  }
  if (options.ttl !== undefined && !(Number.isSafeInteger(options.ttl) && options.ttl >= 0)) {
    throw new TypeError(`${fn}: options.ttl must be a non-negative integer (milliseconds)`);
  }
  const encodedList = await encodeStatusList(list, { type });
  const validUntil = dateText(options.validUntil, 'options.validUntil', fn);
  if (type === 'StatusList2021') {
    const issuanceDate =
      dateText(options.validFrom, 'options.validFrom', fn) ??
      dateText(options.now ?? new Date(), 'options.now', fn);
    return {
      '@context': [VC_V1_CONTEXT, STATUS_LIST_2021_CONTEXT],
      id,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer,
      issuanceDate,
      ...(validUntil ? { expirationDate: validUntil } : {}),
      credentialSubject: {
        id: `${id}#list`,
        type: 'StatusList2021',
        statusPurpose: purposes[0],
        encodedList,
        ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
      },
    };
  }
  const validFrom = dateText(options.validFrom, 'options.validFrom', fn);
  return {
    '@context': [VC_V2_CONTEXT],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purposes.length === 1 ? purposes[0] : purposes,
      encodedList,
      ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
    },
  };
}

/**
 * Options of {@link createStatusEntry}.
 *
 * @example
 * ```ts
 * const options: CreateStatusEntryOptions = {
 *   statusListCredential: 'https://example.edu/status/1',
 *   index: 1234,
 *   purpose: 'revocation',
 * };
 * ```
 */
export interface CreateStatusEntryOptions {
  /** The URL of the status list credential. */
  statusListCredential: string;
  /** The credential's entry in the list. Assign indexes at random (the spec asks for it). */
  index: number;
  /** What a set entry means. */
  purpose: StatusPurpose;
  /** `'BitstringStatusList'` (default: `BitstringStatusListEntry`) or `'StatusList2021'`. */
  type?: StatusListType;
  /** The entry's own `id`. Default `<statusListCredential>#<index>`; `null` leaves it out. */
  id?: string | null;
}

/**
 * Create the `credentialStatus` entry of a credential whose status lives at `index` of the list
 * published at `statusListCredential`: a `BitstringStatusListEntry` (or `StatusList2021Entry`)
 * with `statusPurpose`, `statusListIndex` (a base-10 string) and `statusListCredential`.
 *
 * @example
 * ```ts
 * import { createStatusEntry } from 'ob3kit/status';
 * const credentialStatus = createStatusEntry({
 *   statusListCredential: 'https://example.edu/status/3',
 *   index: 94567,
 *   purpose: 'revocation',
 * });
 * // { id: 'https://example.edu/status/3#94567', type: 'BitstringStatusListEntry', ... }
 * ```
 */
export function createStatusEntry(options: CreateStatusEntryOptions): JsonObject {
  const fn = 'createStatusEntry(options)';
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  const { statusListCredential, index, purpose } = options;
  if (!isUrl(statusListCredential)) {
    throw new TypeError(
      `${fn}: options.statusListCredential must be the URL of the list credential`,
    );
  }
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    throw new TypeError(
      `${fn}: options.index must be a non-negative integer, found ${describeValue(index)}`,
    );
  }
  if (typeof purpose !== 'string' || purpose.length === 0) {
    throw new TypeError(`${fn}: options.purpose must be a status purpose such as 'revocation'`);
  }
  const type = options.type ?? 'BitstringStatusList';
  if (type !== 'BitstringStatusList' && type !== 'StatusList2021') {
    throw new TypeError(`${fn}: options.type must be 'BitstringStatusList' or 'StatusList2021'`);
  }
  const id = options.id === undefined ? `${statusListCredential}#${index}` : options.id;
  if (id !== null && !isUrl(id)) throw new TypeError(`${fn}: options.id must be a URL or null`);
  if (id === statusListCredential) {
    throw new TypeError(`${fn}: options.id must not be the URL of the status list itself`);
  }
  return {
    ...(id !== null ? { id } : {}),
    type: type === 'BitstringStatusList' ? 'BitstringStatusListEntry' : 'StatusList2021Entry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential,
  };
}
