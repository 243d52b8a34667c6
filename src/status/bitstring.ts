/**
 * Status lists as bitstrings (W3C Bitstring Status List v1.0 and its predecessor StatusList2021):
 * create, set, read, and the GZIP + base64url `encodedList` form.
 */
import { gzipSync } from 'fflate';
import { StatusError } from '../errors.js';
import { fromBase64Url, maxEncodedLength, toBase64Url } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { inflateBounded } from '../internal/inflate.js';

/**
 * The purposes status lists are made for (`statusPurpose`): `revocation` (final), `suspension`
 * (reversible), `refresh` and `message` (informational).
 *
 * @example
 * ```ts
 * const purpose: StatusPurpose = 'revocation';
 * ```
 */
export type StatusPurpose = 'revocation' | 'suspension' | 'refresh' | 'message';

/**
 * The two bitstring status list formats: W3C Bitstring Status List, and StatusList2021.
 *
 * @example
 * ```ts
 * const type: StatusListType = 'StatusList2021';
 * await encodeStatusList(list, { type }); // no multibase prefix
 * ```
 */
export type StatusListType = 'BitstringStatusList' | 'StatusList2021';

/**
 * The smallest list both specs allow, and the default length: 131,072 entries (16 KiB
 * uncompressed), for group privacy.
 *
 * @example
 * ```ts
 * import { MIN_STATUS_LIST_LENGTH, createStatusList } from 'ob3kit/status';
 * createStatusList({ purpose: 'revocation', length: 8 * MIN_STATUS_LIST_LENGTH });
 * ```
 */
export const MIN_STATUS_LIST_LENGTH = 131072;

/**
 * Default largest decompressed list `decodeStatusList` accepts: 16 MiB (134,217,728 entries).
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_STATUS_LIST_BYTES, decodeStatusList } from 'ob3kit/status';
 * await decodeStatusList(encodedList, { maxBytes: DEFAULT_MAX_STATUS_LIST_BYTES / 16 });
 * ```
 */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/**
 * A status list: `length` one-bit entries; entry 0 is the most significant (left-most) bit of
 * `bytes[0]`, as both specs require.
 *
 * @example
 * ```ts
 * const list: StatusList = createStatusList({ purpose: 'revocation' });
 * list.length; // 131072
 * ```
 */
export interface StatusList {
  /** Number of entries. Always a multiple of 8. */
  readonly length: number;
  /** The purpose the list was made for, when known (decoded lists don't carry one). */
  purpose?: StatusPurpose;
  /** The bitstring itself. */
  readonly bytes: Uint8Array;
}

/**
 * Options of {@link createStatusList}.
 *
 * @example
 * ```ts
 * const options: CreateStatusListOptions = { purpose: 'suspension', length: 262144 };
 * ```
 */
export interface CreateStatusListOptions {
  /** Number of entries: a multiple of 8, at least 131,072 (the default). */
  length?: number;
  /** What a set entry means. */
  purpose: StatusPurpose;
}

const PURPOSES: readonly string[] = ['revocation', 'suspension', 'refresh', 'message'];

function isStatusList(list: unknown): list is StatusList {
  return (
    typeof list === 'object' &&
    list !== null &&
    (list as StatusList).bytes instanceof Uint8Array &&
    (list as StatusList).length === (list as StatusList).bytes.length * 8
  );
}

function assertList(list: unknown, fn: string): asserts list is StatusList {
  if (!isStatusList(list)) {
    throw new TypeError(
      `${fn}: list must be a status list from createStatusList or decodeStatusList`,
    );
  }
}

function checkIndex(list: StatusList, index: unknown, fn: string): number {
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    throw new TypeError(
      `${fn}: index must be a non-negative integer, found ${describeValue(index)}`,
    );
  }
  if (index >= list.length) {
    throw new StatusError(
      'ERR_STATUS_INDEX_OUT_OF_RANGE',
      `${fn}: index ${index} is outside the list (0 to ${list.length - 1})`,
      { index, length: list.length },
    );
  }
  return index;
}

/**
 * Create an all-clear status list.
 *
 * @param options `purpose` (what a set entry means) and `length` (default and minimum 131,072,
 *   a multiple of 8).
 * @returns The list; change it with {@link setStatus}, publish it with `createStatusListCredential`.
 * @example
 * ```ts
 * import { createStatusList, setStatus } from 'ob3kit/status';
 * const list = createStatusList({ purpose: 'revocation' });
 * setStatus(list, 94567, true);
 * ```
 */
export function createStatusList(options: CreateStatusListOptions): StatusList {
  const fn = 'createStatusList(options)';
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object with a purpose`);
  }
  const { purpose } = options;
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
    throw new TypeError(
      `${fn}: options.purpose must be one of ${PURPOSES.join(', ')}, found ${describeValue(purpose)}`,
    );
  }
  const length = options.length ?? MIN_STATUS_LIST_LENGTH;
  if (typeof length !== 'number' || !Number.isSafeInteger(length)) {
    throw new TypeError(`${fn}: options.length must be an integer, found ${describeValue(length)}`);
  }
  if (length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new StatusError(
      'ERR_STATUS_LIST_LENGTH',
      `${fn}: length must be a multiple of 8 and at least ${MIN_STATUS_LIST_LENGTH} (16 KiB, for group privacy); got ${length}`,
      { length },
    );
  }
  if (length / 8 > DEFAULT_MAX_STATUS_LIST_BYTES) {
    throw new StatusError(
      'ERR_STATUS_LIST_TOO_LARGE',
      `${fn}: length ${length} is more than ${DEFAULT_MAX_STATUS_LIST_BYTES * 8} entries`,
      { length },
    );
  }
  return { length, purpose: purpose as StatusPurpose, bytes: new Uint8Array(length / 8) };
}

/**
 * Set (`true`: revoked, suspended, ...) or clear (`false`) one entry.
 *
 * @throws `StatusError` `ERR_STATUS_INDEX_OUT_OF_RANGE` when `index` is past the end;
 *   `TypeError` for a non-integer index or a non-boolean value.
 * @example
 * ```ts
 * import { createStatusList, setStatus, getStatus } from 'ob3kit/status';
 * const list = createStatusList({ purpose: 'suspension' });
 * setStatus(list, 7, true);
 * getStatus(list, 7); // true
 * ```
 */
export function setStatus(list: StatusList, index: number, value: boolean): void {
  const fn = 'setStatus(list, index, value)';
  assertList(list, fn);
  const i = checkIndex(list, index, fn);
  if (typeof value !== 'boolean') throw new TypeError(`${fn}: value must be a boolean`);
  const mask = 0x80 >>> (i & 7);
  const at = i >>> 3;
  list.bytes[at] = value
    ? (list.bytes[at] as number) | mask
    : (list.bytes[at] as number) & ~mask & 0xff;
}

/**
 * Read one entry: `true` when it is set.
 *
 * @throws `StatusError` `ERR_STATUS_INDEX_OUT_OF_RANGE` when `index` is past the end.
 * @example
 * ```ts
 * import { decodeStatusList, getStatus } from 'ob3kit/status';
 * const list = await decodeStatusList(listCredential.credentialSubject.encodedList);
 * if (getStatus(list, 94567)) console.log('revoked');
 * ```
 */
export function getStatus(list: StatusList, index: number): boolean {
  const fn = 'getStatus(list, index)';
  assertList(list, fn);
  const i = checkIndex(list, index, fn);
  return ((list.bytes[i >>> 3] as number) & (0x80 >>> (i & 7))) !== 0;
}

/**
 * Options of {@link encodeStatusList}.
 *
 * @example
 * ```ts
 * await encodeStatusList(list, { type: 'StatusList2021' });
 * ```
 */
export interface EncodeStatusListOptions {
  /**
   * `'BitstringStatusList'` (default): multibase base64url, with the `u` prefix.
   * `'StatusList2021'`: plain base64url, no prefix.
   */
  type?: StatusListType;
}

function checkType(type: unknown, fn: string): StatusListType {
  if (type === undefined) return 'BitstringStatusList';
  if (type !== 'BitstringStatusList' && type !== 'StatusList2021') {
    throw new TypeError(
      `${fn}: options.type must be 'BitstringStatusList' or 'StatusList2021', found ${describeValue(type)}`,
    );
  }
  return type;
}

/**
 * Encode a list as its `encodedList` value: GZIP (RFC 1952, modification time 0, so the output
 * is deterministic), then base64url without padding, with the multibase `u` prefix for a
 * Bitstring Status List (none for StatusList2021).
 *
 * @example
 * ```ts
 * import { createStatusList, encodeStatusList } from 'ob3kit/status';
 * const encodedList = await encodeStatusList(createStatusList({ purpose: 'revocation' }));
 * encodedList.startsWith('uH4sI'); // true
 * ```
 */
export async function encodeStatusList(
  list: StatusList,
  options: EncodeStatusListOptions = {},
): Promise<string> {
  const fn = 'encodeStatusList(list, options)';
  assertList(list, fn);
  const type = checkType(options?.type, fn);
  const gz = gzipSync(list.bytes, { level: 9, mtime: 0 });
  const b64 = toBase64Url(gz);
  return type === 'BitstringStatusList' ? `u${b64}` : b64;
}

/**
 * Options of {@link decodeStatusList}.
 *
 * @example
 * ```ts
 * await decodeStatusList(encodedList, { type: 'StatusList2021', maxBytes: 1 << 20 });
 * ```
 */
export interface DecodeStatusListOptions {
  /** `'BitstringStatusList'` (default, requires the `u` prefix) or `'StatusList2021'` (no prefix). */
  type?: StatusListType;
  /** Largest decompressed list, in bytes. Default 16 MiB. */
  maxBytes?: number;
  /** Smallest accepted list, in entries. Default 131,072 (both specs' minimum). */
  minLength?: number;
}

/** Gunzip, stopping as soon as the output passes `max` bytes. */
function gunzipLimited(data: Uint8Array, max: number): Uint8Array {
  const out = inflateBounded(data, max, 'gzip');
  switch (out.status) {
    case 'ok':
      return out.bytes;
    case 'corrupt':
      throw new StatusError(
        'ERR_STATUS_LIST_ENCODING',
        `The status list is not valid GZIP data: ${out.message}`,
      );
    case 'too_large':
      throw new StatusError(
        'ERR_STATUS_LIST_TOO_LARGE',
        `The status list expands past maxBytes (${max}) when decompressed`,
        { limit: max },
      );
    case 'truncated':
      throw new StatusError('ERR_STATUS_LIST_ENCODING', 'The status list GZIP data is truncated');
  }
}

/**
 * Decode an `encodedList` value: multibase (`u`) base64url for a Bitstring Status List, plain
 * base64url for StatusList2021, then GZIP, never inflating past `maxBytes`.
 *
 * Errors are `StatusError`s: `ERR_STATUS_LIST_ENCODING` (bad prefix, base64url or GZIP),
 * `ERR_STATUS_LIST_TOO_LARGE` (expands past `maxBytes`), `ERR_STATUS_LIST_LENGTH` (fewer than
 * `minLength` entries).
 *
 * @example
 * ```ts
 * import { decodeStatusList, getStatus } from 'ob3kit/status';
 * const list = await decodeStatusList('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA');
 * list.length; // 131072
 * getStatus(list, 0); // false
 * ```
 */
export async function decodeStatusList(
  encoded: string,
  options: DecodeStatusListOptions = {},
): Promise<StatusList> {
  const fn = 'decodeStatusList(encoded, options)';
  if (typeof encoded !== 'string') throw new TypeError(`${fn}: encoded must be a string`);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object`);
  }
  const type = checkType(options.type, fn);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES;
  const minLength = options.minLength ?? MIN_STATUS_LIST_LENGTH;
  for (const [name, v] of [
    ['maxBytes', maxBytes],
    ['minLength', minLength],
  ] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new TypeError(`${fn}: options.${name} must be a non-negative integer`);
    }
  }
  let body = encoded;
  if (type === 'BitstringStatusList') {
    if (!encoded.startsWith('u')) {
      throw new StatusError(
        'ERR_STATUS_LIST_ENCODING',
        `A Bitstring Status List encodedList must be multibase base64url (start with 'u'); it starts with ${JSON.stringify(encoded.slice(0, 5))}`,
      );
    }
    body = encoded.slice(1);
  }
  // Bound before work: GZIP of maxBytes takes at most maxBytes plus 5 bytes for every 65,535
  // (stored blocks, for data that does not compress) plus its header and trailer.
  const maxGzip = maxBytes + 5 * Math.ceil(maxBytes / 65_535) + 1024;
  const maxText = maxEncodedLength('base64url', maxGzip);
  if (body.length > maxText) {
    throw new StatusError(
      'ERR_STATUS_LIST_TOO_LARGE',
      `The encodedList is ${body.length} characters, more than a GZIP of maxBytes (${maxBytes}) can take (${maxText})`,
      { limit: maxBytes },
    );
  }
  const gz = fromBase64Url(body, maxGzip);
  if (!gz || gz.length === 0) {
    throw new StatusError(
      'ERR_STATUS_LIST_ENCODING',
      'The encodedList is not base64url without padding (RFC 4648 section 5)',
    );
  }
  const bytes = gunzipLimited(gz, maxBytes);
  const length = bytes.length * 8;
  if (length < minLength) {
    throw new StatusError(
      'ERR_STATUS_LIST_LENGTH',
      `The status list has ${length} entries, fewer than the minimum ${minLength}`,
      { length, minLength },
    );
  }
  return { length, bytes };
}
