/** `proof` for embedded Data Integrity proofs. */
import type { JsonObject } from '../../internal/json.js';
import { verifyCredentialProof } from '../../proof/data-integrity/verify.js';
import type { RunState } from '../state.js';
import type { CheckResult } from '../types.js';
import {
  BINDING_CODES,
  bindingEntries,
  failures,
  ID,
  type ProofOutcome,
  resolutionOptions,
} from './proof-common.js';
import { result } from './util.js';

/**
 * Verify the embedded Data Integrity proofs. One verified proof is enough (the specification
 * lets a verifier accept any one proof); other proofs that fail are warnings. A key not
 * controlled by the issuer is reported under `issuer`, and the signature is still checked.
 */
export async function checkEmbeddedProof(
  credential: JsonObject,
  state: RunState,
): Promise<ProofOutcome> {
  // Verified as a credential: the key must be the issuer's, whatever the document's type says.
  const base = {
    role: 'credential' as const,
    documentLoader: state.documentLoader,
    runBudget: state.canonizeWork,
    ...resolutionOptions(state),
  };
  let res = await verifyCredentialProof(credential, base);
  const issuer = bindingEntries(res.issues);
  if (issuer.length > 0) {
    // Learn whether the signature itself holds, without the controller comparison.
    res = await verifyCredentialProof(credential, { ...base, checkController: false });
  }
  const verified = res.proofs.filter((p) => p.verified);
  if (verified.length === 0) return { proof: failures(res.issues), issuer, passed: false };
  const proof: CheckResult[] = [];
  const p = verified[0]!;
  const suite = p.cryptosuite ?? p.type;
  proof.push(result(ID, 'pass', undefined, `${suite} proof verified with ${p.verificationMethod}`));
  if (suite === 'eddsa-2022') {
    // The signature holds (authentic); the suite name is a finding for the issuer.
    proof.push(
      result(
        ID,
        'warn',
        'proof_suite_legacy',
        'The legacy eddsa-2022 suite name was used; current issuers use eddsa-rdfc-2022',
      ),
    );
  }
  for (const issue of res.issues) {
    if (BINDING_CODES.has(issue.code)) continue;
    proof.push(
      result(
        ID,
        'warn',
        'proof_additional_invalid',
        `Another proof does not verify: ${issue.message}`,
        issue.path,
      ),
    );
  }
  return { proof, issuer, passed: true };
}
