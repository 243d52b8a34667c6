/**
 * The lookup behind `checkStatus` (internal): each `credentialStatus` entry read in its list.
 * Loading, verifying and decoding lists is in `run.ts` and `load.ts`, each kind of entry in its
 * own module. The list credential's proof is checked by the verifier the caller passes
 * (`checkStatus` passes ob3kit's own), so that `verify()` can load this code only for a
 * credential that has a `credentialStatus`.
 *
 * @internal
 */
import { isObject, joinPath } from '../internal/json.js';
import type { CheckStatusOptions, StatusCheck, StatusResult } from './check.js';
import { BITSTRING, checkBitstringEntry, SL2021 } from './entry-bitstring.js';
import { checkRevocationList } from './entry-revocation-list.js';
import { type DefaultListVerifier, errorText, StatusRun } from './run.js';

export type { DefaultListVerifier } from './run.js';

/**
 * `checkStatus` with `verifyDefault` verifying list credentials when `options` gives no
 * `verifyListCredential` (see `checkStatus` for the rules).
 *
 * @internal
 */
export async function lookupStatus(
  credential: object,
  options: CheckStatusOptions,
  verifyDefault: DefaultListVerifier,
): Promise<StatusResult> {
  const fn = 'checkStatus(credential, options)';
  if (!isObject(credential)) throw new TypeError(`${fn}: credential must be a credential object`);
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object`);
  if (options.documents !== undefined && !isObject(options.documents)) {
    throw new TypeError(`${fn}: options.documents must be an object mapping URLs to documents`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError(`${fn}: options.fetch must be a function`);
  }
  const v = options.verifyListCredential;
  if (v !== undefined && v !== false && typeof v !== 'function') {
    throw new TypeError(`${fn}: options.verifyListCredential must be a function or false`);
  }
  if (
    options.now !== undefined &&
    !(options.now instanceof Date && !Number.isNaN(options.now.getTime()))
  ) {
    throw new TypeError(`${fn}: options.now must be a valid Date`);
  }
  const run = new StatusRun(options, verifyDefault);
  const raw = credential.credentialStatus;
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const checks = await Promise.all(
    entries.map(async (entry, i): Promise<StatusCheck> => {
      const path = Array.isArray(raw) ? joinPath('$.credentialStatus', i) : '$.credentialStatus';
      if (!isObject(entry)) {
        return {
          path,
          type: '(none)',
          status: 'unknown',
          code: 'status_entry_malformed',
          message: `${path} must be an object`,
        };
      }
      const type =
        typeof entry.type === 'string'
          ? entry.type
          : Array.isArray(entry.type)
            ? entry.type.join(',')
            : '(none)';
      const base: StatusCheck = { path, type, status: 'unknown' };
      try {
        if (type === BITSTRING.entry)
          return await checkBitstringEntry(credential, entry, base, BITSTRING, run);
        if (type === SL2021.entry)
          return await checkBitstringEntry(credential, entry, base, SL2021, run);
        if (type === '1EdTechRevocationList')
          return await checkRevocationList(credential, entry, base, run);
      } catch (e) {
        return {
          ...base,
          status: 'unknown',
          code: 'status_list_malformed',
          message: `Unexpected error: ${errorText(e)}`,
        };
      }
      return {
        ...base,
        status: 'unknown',
        code: 'status_type_unsupported',
        message: `${path} has type ${type}, which ob3kit does not check (supported: BitstringStatusListEntry, StatusList2021Entry, 1EdTechRevocationList)`,
      };
    }),
  );
  const revoked = checks.some((c) => c.status === 'revoked');
  const suspended = checks.some((c) => c.status === 'suspended');
  return { checks, revoked, suspended, ok: checks.every((c) => c.status === 'ok') };
}
