/** `status` check: revocation and suspension through `checkStatus`. */
import type { JsonObject } from '../../internal/json.js';
import { onDemand } from '../../internal/lazy.js';
import type { StatusCheck } from '../../status/check.js';
import { verifyListProof } from '../../status/list-proof.js';
import type { RunState } from '../state.js';
import type { CheckResult } from '../types.js';
import { resolutionOptions } from './proof-common.js';
import { result } from './util.js';

const ID = 'status';

/** The status list machinery, loaded for a credential that has a `credentialStatus`. */
const statusCode = /* @__PURE__ */ onDemand(() => import('../../status/lookup.js'));

/**
 * Codes of an unknown status that point at a broken or tampered entry or list (`fail`); every
 * other unknown status (offline, unreachable, unsupported, list outside its validity period)
 * means the status could not be determined (`warn`), never a pass.
 */
const FAILING = new Set([
  'status_entry_malformed',
  'status_credential_id_missing',
  'status_list_malformed',
  'status_list_type_mismatch',
  'status_list_proof_invalid',
  'status_issuer_mismatch',
  'status_purpose_mismatch',
  'status_list_too_short',
  'status_index_out_of_range',
]);

function entryOf(c: StatusCheck): CheckResult {
  const where = c.listId
    ? ` (${c.type} ${c.listId}${c.index !== undefined ? ` #${c.index}` : ''})`
    : '';
  if (c.status === 'revoked') {
    return result(
      ID,
      'fail',
      c.code ?? 'status_revoked',
      `The credential is revoked${where}${c.message ? `: ${c.message}` : ''}`,
      c.path,
    );
  }
  if (c.status === 'suspended') {
    return result(
      ID,
      'fail',
      c.code ?? 'status_suspended',
      `The credential is suspended${where}${c.message ? `: ${c.message}` : ''}`,
      c.path,
    );
  }
  if (c.status === 'unknown') {
    const code = c.code ?? 'status_unknown';
    return result(
      ID,
      FAILING.has(code) ? 'fail' : 'warn',
      code,
      c.message ?? `The status could not be determined${where}`,
      c.path,
    );
  }
  if (c.code !== undefined) return result(ID, 'warn', c.code, c.message, c.path);
  return result(ID, 'pass', undefined, `Not revoked or suspended${where}`, c.path);
}

/**
 * Verification step 4 (status): each `credentialStatus` entry (1EdTechRevocationList,
 * BitstringStatusListEntry, StatusList2021Entry) is looked up in its list, from `documents` or,
 * when allowed, through `fetch`; the list credential's own proof is verified. Revoked or
 * suspended fails; a list that cannot be obtained offline is `status_unchecked_offline` (warn).
 */
export async function checkCredentialStatus(
  credential: JsonObject,
  state: RunState,
): Promise<CheckResult[]> {
  if (credential.credentialStatus === undefined || credential.credentialStatus === null) {
    return [result(ID, 'skip', 'status_absent', 'The credential has no credentialStatus')];
  }
  const { lookupStatus } = await statusCode();
  // `checkStatus`, with the list credential's proof verified by the code this check already has.
  const res = await lookupStatus(credential, resolutionOptions(state), verifyListProof);
  if (res.checks.length === 0) {
    return [result(ID, 'skip', 'status_absent', 'The credential has no credentialStatus')];
  }
  return res.checks.map(entryOf);
}
