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
 * Unknown statuses that point at a broken entry or list, or a list that does not verify: `fail`
 * as the checks give them (the `conformance` policy), a warning under the default policy (the
 * status could not be checked, which `fullyChecked` says). Every other unknown status is a
 * warning under both.
 */
const FAILING = new Set([
  'status_entry_malformed',
  'status_credential_id_missing',
  'status_list_malformed',
  'status_list_proof_invalid',
  'status_issuer_mismatch',
  'status_index_out_of_range',
]);

/** Findings beside the answer that the `conformance` policy counts as errors. */
const FAILING_FINDINGS = new Set([
  'status_list_type_mismatch',
  'status_purpose_mismatch',
  'status_list_too_short',
]);

function entriesOf(c: StatusCheck): CheckResult[] {
  const where = c.listId
    ? ` (${c.type} ${c.listId}${c.index !== undefined ? ` #${c.index}` : ''})`
    : '';
  let main: CheckResult;
  if (c.status === 'revoked') {
    main = result(
      ID,
      'fail',
      c.code ?? 'status_revoked',
      `The credential is revoked${where}${c.message ? `: ${c.message}` : ''}`,
      c.path,
    );
  } else if (c.status === 'suspended') {
    main = result(
      ID,
      'fail',
      c.code ?? 'status_suspended',
      `The credential is suspended${where}${c.message ? `: ${c.message}` : ''}`,
      c.path,
    );
  } else if (c.status === 'unknown') {
    const code = c.code ?? 'status_unchecked';
    main = result(
      ID,
      FAILING.has(code) ? 'fail' : 'warn',
      code,
      c.message ?? `The status could not be determined${where}`,
      c.path,
    );
  } else if (c.code !== undefined) {
    main = result(ID, 'warn', c.code, c.message, c.path);
  } else {
    main = result(
      ID,
      'pass',
      undefined,
      `Not revoked or suspended${where}${c.message ? `: ${c.message}` : ''}`,
      c.path,
    );
  }
  const findings = (c.findings ?? []).map((f) =>
    result(ID, FAILING_FINDINGS.has(f.code) ? 'fail' : 'warn', f.code, f.message, c.path),
  );
  return [main, ...findings];
}

/**
 * Verification step 4 (status): each `credentialStatus` entry (1EdTechRevocationList,
 * BitstringStatusListEntry, StatusList2021Entry) is looked up in its list, from `documents` or,
 * when allowed, through `fetch`; the list credential's own proof is verified against its own
 * issuer and the entry is read whenever it can be. Revoked or suspended fails; a list that cannot
 * be had or checked is a `completeness` entry (for example `status_unchecked_offline`); what is
 * wrong with the entry or list besides is a finding of its own.
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
  return res.checks.flatMap(entriesOf);
}
