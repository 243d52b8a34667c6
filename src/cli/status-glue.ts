/** Pointing a credential at a status list file (used by `issue --status-list`). */
import {
  createStatusEntry,
  decodeStatusList,
  type StatusListType,
  type StatusPurpose,
} from '../status/index.js';
import { UsageError } from './errors.js';

/**
 * What `issue` needs from a status list credential file.
 *
 * @example
 * ```ts
 * const info: StatusListInfo = { id: 'https://example.edu/status/1', purpose: 'revocation', type: 'BitstringStatusList', length: 131072 };
 * ```
 */
export interface StatusListInfo {
  id: string;
  purpose: StatusPurpose;
  type: StatusListType;
  length: number;
}

/**
 * Read the id, purpose, type and length of a status list credential (as `ob3kit status create`
 * writes it), with messages that name the file.
 *
 * @example
 * ```ts
 * const info = await readStatusListInfo(listCredential, 'status-list.json');
 * ```
 */
export async function readStatusListInfo(
  list: Record<string, unknown>,
  file: string,
): Promise<StatusListInfo> {
  const subject = list.credentialSubject as Record<string, unknown> | undefined;
  const hint = "Make one with 'ob3kit status create'.";
  if (typeof list.id !== 'string' || !subject || typeof subject.encodedList !== 'string') {
    throw new UsageError(
      `'${file}' is not a status list credential (it needs an id and credentialSubject.encodedList)`,
      hint,
    );
  }
  const type: StatusListType =
    subject.type === 'StatusList2021' ? 'StatusList2021' : 'BitstringStatusList';
  const purposes = Array.isArray(subject.statusPurpose)
    ? subject.statusPurpose
    : [subject.statusPurpose];
  const purpose = purposes[0];
  if (typeof purpose !== 'string') {
    throw new UsageError(`'${file}' has no credentialSubject.statusPurpose`, hint);
  }
  const decoded = await decodeStatusList(subject.encodedList, { type });
  return { id: list.id, purpose: purpose as StatusPurpose, type, length: decoded.length };
}

/**
 * A copy of the credential with a `credentialStatus` entry for entry `index` of the list.
 * Refuses a credential that already has one, and an index past the list's end.
 *
 * @example
 * ```ts
 * const withStatus = addStatusEntry(credential, info, 42);
 * ```
 */
export function addStatusEntry(
  credential: Record<string, unknown>,
  info: StatusListInfo,
  index: number,
): Record<string, unknown> {
  if (credential.credentialStatus !== undefined) {
    throw new UsageError(
      'the credential already has a credentialStatus',
      'Remove it, or issue without --status-list.',
    );
  }
  if (index >= info.length) {
    throw new UsageError(
      `--index ${index} is past the end of the status list (entries 0 to ${info.length - 1})`,
    );
  }
  return {
    ...credential,
    credentialStatus: createStatusEntry({
      statusListCredential: info.id,
      index,
      purpose: info.purpose,
      type: info.type,
    }),
  };
}
