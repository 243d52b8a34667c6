/**
 * Credential status: Bitstring Status List v1.0 (and StatusList2021) lists for revocation and
 * suspension — create, set, encode, publish as a credential, point credentials at them — and
 * `checkStatus` for those and for 1EdTech Revocation Lists.
 *
 * @example
 * ```ts
 * import { createStatusEntry, createStatusList, createStatusListCredential, setStatus } from 'ob3kit/status';
 * const list = createStatusList({ purpose: 'revocation' });
 * const credentialStatus = createStatusEntry({ statusListCredential: 'https://example.edu/status/1', index: 42, purpose: 'revocation' });
 * setStatus(list, 42, true); // revoke
 * const unsigned = await createStatusListCredential({ id: 'https://example.edu/status/1', issuer: 'did:web:example.edu', list });
 * ```
 *
 * @packageDocumentation
 */
export type { FetchReportCode } from '../internal/fetch.js';
export {
  type CreateStatusListOptions,
  createStatusList,
  DEFAULT_MAX_STATUS_LIST_BYTES,
  type DecodeStatusListOptions,
  decodeStatusList,
  type EncodeStatusListOptions,
  encodeStatusList,
  getStatus,
  MIN_STATUS_LIST_LENGTH,
  type StatusList,
  type StatusListType,
  type StatusPurpose,
  setStatus,
} from './bitstring.js';
export {
  type CheckStatusOptions,
  checkStatus,
  type ListVerification,
  type StatusCheck,
  type StatusCheckCode,
  type StatusFinding,
  type StatusResult,
} from './check.js';
export {
  type CreateStatusEntryOptions,
  type CreateStatusListCredentialOptions,
  createStatusEntry,
  createStatusListCredential,
  STATUS_LIST_2021_CONTEXT,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from './credential.js';
