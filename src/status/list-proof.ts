/**
 * How `checkStatus` verifies a status list credential by default: ob3kit's own Data Integrity
 * (`verifyCredentialProof`) or VC-JWT (`verifyCredentialJwt`) verification, with the documents,
 * fetch and clock of the status check.
 *
 * @internal
 */
import type { FetchFunction } from '../internal/fetch.js';
import type { JsonObject } from '../internal/json.js';
import { onDemand } from '../internal/lazy.js';
import type { DidResolver } from '../keys/resolve.js';
import { verifyCredentialProof } from '../proof/data-integrity/verify.js';
import type { ListVerification } from './check.js';

/** VC-JWT verification, loaded for a status list credential that is a JWT. */
const jwtCode = /* @__PURE__ */ onDemand(() => import('../proof/jwt/verifying.js'));

/**
 * JWT issues that only say the list is outside its validity period (`exp`, `nbf`): the list's
 * signature is sound, and the entry check judges the period itself (a set bit is final; a clear
 * one says nothing out of the period), as it does for a list with a Data Integrity proof.
 */
const PERIOD = new Set(['jwt_expired', 'jwt_not_yet_valid']);

/** What the status check shares with the list credential's verification. */
export interface ListProofOptions {
  documents?: Record<string, unknown>;
  resolvers?: Record<string, DidResolver>;
  webJwkBinding?: 'path' | 'origin';
  fetch: FetchFunction;
  signal?: AbortSignal;
  now: Date;
}

/**
 * Verify a status list credential (an object, or a compact VC-JWT) as a credential: its key
 * must be its issuer's (compared with the checked credential's issuer by the caller), whatever
 * the list's type says.
 *
 * @internal
 */
export async function verifyListProof(
  listCredential: JsonObject | string,
  options: ListProofOptions,
): Promise<ListVerification> {
  if (typeof listCredential === 'string') {
    const { verifyCredentialJwt } = await jwtCode();
    const r = await verifyCredentialJwt(listCredential, options);
    const issues = r.issues.filter((i) => !PERIOD.has(i.code));
    return { verified: r.verified || (r.issues.length > 0 && issues.length === 0), issues };
  }
  const r = await verifyCredentialProof(listCredential, { ...options, role: 'credential' });
  return { verified: r.verified, issues: r.issues };
}
