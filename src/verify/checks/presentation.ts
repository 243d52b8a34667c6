/** `presentation` check: a presentation's proof, holder binding, challenge and domain. */
import type { JsonObject } from '../../internal/json.js';
import { onDemand } from '../../internal/lazy.js';
import { verifyCredentialProof } from '../../proof/data-integrity/verify.js';
import type { RunState } from '../state.js';
import type { CheckResult } from '../types.js';
import { isOffline, resolutionOptions } from './proof-common.js';
import { result } from './util.js';

const ID = 'presentation';

/** Presentation verification, loaded for a presentation. */
const presentationCode = /* @__PURE__ */ onDemand(() => import('../../present/verifier.js'));

/** Stands in for the caller's challenge when none was given (never a real nonce). */
const NO_CHALLENGE = 'urn:ob3kit:no-challenge-given';
const CHALLENGE_CODES = new Set([
  'presentation_challenge_missing',
  'presentation_challenge_mismatch',
]);

/**
 * Verify the presentation itself with `verifyPresentation`: its proof (Data Integrity with
 * `authentication` purpose, or VP-JWT), that the holder controls the key, and the challenge and
 * domain the caller expects. Without `options.challenge` the proof is still checked, but the
 * presentation could be a replay: that is a `warn` (`presentation_challenge_unchecked`). The
 * credentials it carries are verified separately (the `credentials` check).
 */
export async function checkPresentation(
  vp: JsonObject,
  jwt: string | undefined,
  state: RunState,
): Promise<CheckResult[]> {
  const { challenge, domain } = state.options;
  const { verifyPresentationWith } = await presentationCode();
  // `verifyPresentation`, with the Data Integrity verifier this run already has.
  const res = await verifyPresentationWith(verifyCredentialProof, jwt ?? vp, {
    challenge: challenge ?? NO_CHALLENGE,
    ...(domain !== undefined ? { domain } : {}),
    documentLoader: state.documentLoader,
    runBudget: state.canonizeWork,
    ...resolutionOptions(state),
    // Each presented credential goes through the whole pipeline (the `credentials` check).
    verifyCredentials: false,
  });
  const out: CheckResult[] = [];
  for (const issue of res.issues) {
    if (issue.code === 'presentation_credential_invalid') continue;
    if (challenge === undefined && CHALLENGE_CODES.has(issue.code)) continue;
    if (challenge === undefined && issue.code === 'presentation_proof_missing') {
      out.push(result(ID, 'warn', issue.code, `${issue.message} (it binds no holder)`, issue.path));
    } else if (isOffline(issue)) {
      out.push(
        result(
          ID,
          'warn',
          'presentation_unchecked_offline',
          `The presentation proof could not be checked (offline): ${issue.message}`,
          issue.path,
        ),
      );
    } else {
      out.push(result(ID, 'fail', issue.code, issue.message, issue.path));
    }
  }
  if (challenge === undefined && !out.some((c) => c.code === 'presentation_proof_missing')) {
    out.push(
      result(
        ID,
        'warn',
        'presentation_challenge_unchecked',
        'No challenge was given: the presentation proof was checked, but it may be a replay',
      ),
    );
  }
  if (out.length === 0) {
    const holder = res.holder ? ` by holder ${res.holder}` : '';
    out.push(result(ID, 'pass', undefined, `Presentation proof (${res.format}) verified${holder}`));
  }
  return out;
}
