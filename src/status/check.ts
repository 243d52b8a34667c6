/**
 * `checkStatus`: look a credential's `credentialStatus` entries up in their lists
 * (BitstringStatusListEntry, StatusList2021Entry, 1EdTechRevocationList). Never throws for a bad
 * credential or list; every entry gets a result with a stable code. The lookup is in `lookup.ts`
 * (which `verify()` loads on demand), loading and verifying lists in `run.ts` and `load.ts`, each
 * kind of entry in its own module.
 */
import type { FetchReportCode } from '../internal/fetch.js';
import type { DidResolver, FetchLike } from '../keys/index.js';
import { verifyListProof } from './list-proof.js';
import { lookupStatus } from './lookup.js';

/**
 * Stable snake_case codes of {@link StatusCheck} entries (see docs/revocation.md).
 *
 * @example
 * ```ts
 * const offline: StatusCheckCode = 'status_unchecked_offline';
 * ```
 */
export type StatusCheckCode =
  | 'status_revoked'
  | 'status_suspended'
  | 'status_flag_set'
  | 'status_unchecked_offline'
  | 'status_entry_malformed'
  | 'status_entry_nonconformant'
  | 'status_type_unsupported'
  | 'status_size_unsupported'
  | 'status_credential_id_missing'
  | 'status_list_malformed'
  | 'status_list_type_mismatch'
  | 'status_list_unverified'
  | 'status_list_proof_invalid'
  | 'status_list_proof_unchecked'
  | 'status_issuer_mismatch'
  | 'status_list_not_yet_valid'
  | 'status_list_expired'
  | 'status_purpose_mismatch'
  | 'status_purpose_unchecked'
  | 'status_list_too_large'
  | 'status_list_total_too_large'
  | 'status_list_too_short'
  | 'status_index_out_of_range'
  | FetchReportCode;

/**
 * The result for one `credentialStatus` entry.
 *
 * @example
 * ```ts
 * const check: StatusCheck = {
 *   path: '$.credentialStatus', type: 'BitstringStatusListEntry', purpose: 'revocation',
 *   index: 94567, listId: 'https://example.edu/status/3', status: 'revoked', value: 1,
 *   code: 'status_revoked',
 * };
 * ```
 */
export interface StatusCheck {
  /** Where the entry is: `$.credentialStatus` or `$.credentialStatus[i]`. */
  path: string;
  /** The entry's `type`. */
  type: string;
  /** The entry's `statusPurpose` (`revocation` for a 1EdTechRevocationList). */
  purpose?: string;
  /** The entry's index in the list (bitstring lists). */
  index?: number;
  /** The list's URL: `statusListCredential`, or the 1EdTechRevocationList `id`. */
  listId?: string;
  /**
   * `ok`: checked, not revoked or suspended. `revoked` / `suspended`: checked and set.
   * `unknown`: could not be checked (offline, list unverifiable, malformed, ...); never a pass.
   */
  status: 'ok' | 'revoked' | 'suspended' | 'unknown';
  /** The bit read (bitstring lists). */
  value?: 0 | 1;
  /** Why, as a stable code: set for every status other than a plain `ok`. */
  code?: StatusCheckCode;
  /** Human-readable explanation (for a revocation list: the issuer's `revocationReason`). */
  message?: string;
  /**
   * What else is wrong with the entry or the list, beside the answer in `status` (the entry was
   * read all the same): `status_entry_nonconformant`, `status_list_type_mismatch`,
   * `status_purpose_mismatch`, `status_list_too_short`, `status_issuer_mismatch`.
   */
  findings?: StatusFinding[];
}

/**
 * A problem found beside a status entry's answer: the entry or list breaks a rule of its
 * specification, or the list is issued by another party than the credential; the entry was read.
 *
 * @example
 * ```ts
 * const f: StatusFinding = { code: 'status_list_too_short', message: 'the list has 8 entries' };
 * ```
 */
export interface StatusFinding {
  code: StatusCheckCode;
  message: string;
}

/**
 * What {@link checkStatus} returns.
 *
 * @example
 * ```ts
 * const { revoked, suspended, ok, checks }: StatusResult = await checkStatus(credential, { documents });
 * ```
 */
export interface StatusResult {
  /** One entry per `credentialStatus` entry, in order. Empty when there is none. */
  checks: StatusCheck[];
  /** Some entry says the credential is revoked. */
  revoked: boolean;
  /** Some entry says the credential is suspended. */
  suspended: boolean;
  /** Every entry was checked and none is revoked or suspended (true when there is no entry). */
  ok: boolean;
}

/**
 * The outcome of verifying a status list credential (what `verifyListCredential` returns).
 *
 * @example
 * ```ts
 * const verifyListCredential = async (vc: object | string): Promise<ListVerification> =>
 *   myVerifier(vc) ? { verified: true } : { verified: false, issues: ['bad signature'] };
 * ```
 */
export interface ListVerification {
  verified: boolean;
  issues?: unknown[];
}

/**
 * Options of {@link checkStatus}.
 *
 * @example
 * ```ts
 * const options: CheckStatusOptions = {
 *   documents: { 'https://example.edu/status/3': statusListCredential },
 *   fetch: globalThis.fetch, // only if the network is allowed
 *   now: new Date(),
 * };
 * ```
 */
export interface CheckStatusOptions {
  /**
   * Known documents by URL: status list credentials (objects, or VC-JWT strings), revocation
   * lists, and the DID / key documents their proofs need. Looked up before `fetch`.
   */
  documents?: Record<string, unknown>;
  /**
   * Fetch for lists (and keys) not in `documents`. Without it nothing is fetched. Requests
   * follow ob3kit's fetch rules (https only, no redirects, no private addresses, bounded size,
   * time and count; each URL once a call); a refused or failed one gives its `fetch_*` code.
   */
  fetch?: FetchLike;
  /**
   * DID resolvers by method name (`{ ion: async (did) => didDocument }`), for the key of a list
   * credential's proof, as `verify()` takes them. Used by the default list verification.
   */
  resolvers?: Record<string, DidResolver>;
  /**
   * How far a JWK published at an https `kid` speaks for a VC-JWT list's issuer (`'path'`, the
   * default, or `'origin'`), as `verify()` takes it. Used by the default list verification.
   */
  webJwkBinding?: 'path' | 'origin';
  /**
   * Verifies a status list credential (an object, or a compact JWT string). Default: ob3kit's
   * own Data Integrity (`verifyCredentialProof`) and VC-JWT (`verifyCredentialJwt`)
   * verification with the same `documents`, `fetch` and `now`; `false` skips verification, and
   * every list is then reported `status_list_unverified`.
   */
  verifyListCredential?: ((listCredential: object | string) => Promise<ListVerification>) | false;
  /** Clock for the list's validity period. Default: now. */
  now?: Date;
  /**
   * Refuse a list issued by another party than the credential's issuer (its entry is then not
   * read: `unknown`, `status_issuer_mismatch`). Default `false`: the Bitstring Status List
   * specification lets another party publish the list; its proof is verified against its own
   * issuer, the entry is read, and the difference is a finding.
   */
  requireSameIssuer?: boolean;
  /**
   * The length the specification requires of a list, in entries (default 131,072): a shorter
   * list is read, with a `status_list_too_short` finding.
   */
  minLength?: number;
  /** Largest decompressed list, in bytes. Default 16 MiB. */
  maxListBytes?: number;
  /** Largest fetched document, in bytes. Default 4 MiB. */
  maxDocumentSize?: number;
  /**
   * Let requests reach loopback, private and link-local addresses and local names. Default
   * `false` (`fetch_private_address`). Meant for tests against a local https server.
   */
  allowPrivateAddresses?: boolean;
  /** Abort signal passed to `fetch`. */
  signal?: AbortSignal;
}

/**
 * Check a credential's status: every `credentialStatus` entry (one or an array) is looked up,
 * and each gets a {@link StatusCheck}.
 *
 * - `BitstringStatusListEntry` / `StatusList2021Entry` (Bitstring Status List v1.0 section 3.2):
 *   the list credential comes from `documents` or the caller's `fetch` (neither:
 *   `status_unchecked_offline`, never a pass); its proof is verified against its own issuer
 *   (`verifyListCredential`; a proof that could not be checked is `status_list_proof_unchecked`,
 *   one that is wrong `status_list_proof_invalid`). Then the bit is read, whatever else is wrong:
 *   a set bit means `revoked` (purpose `revocation`) or `suspended` (`suspension`), other
 *   purposes report `status_flag_set` and stay `ok`; a clear bit is `ok` when the list is within
 *   its validity period and holds the entry's purpose, else `unknown`. A list issued by another
 *   party, a list shorter than 131,072 entries, an index written as a number, a list of the
 *   other format or purpose are `findings` beside the answer.
 * - `1EdTechRevocationList` (1EdTech Revocation List Status Method): the list at the entry's
 *   `id` revokes the credential when its `revokedCredentials` holds an entry whose `id` is the
 *   credential's `id` and whose `revoked` is not `false`; the `revocationReason` becomes the
 *   message. This list is a plain JSON document, not a credential: there is no proof to verify.
 * - Any other type: `unknown` with `status_type_unsupported`.
 *
 * Each list is fetched, verified and decoded once per call, so several entries pointing at the
 * same list, and lists of millions of entries, stay fast. Never throws for a bad credential or
 * list; throws `TypeError` only for misuse.
 *
 * @example
 * ```ts
 * import { checkStatus } from 'ob3kit/status';
 * const result = await checkStatus(credential, {
 *   documents: { 'https://example.edu/status/3': signedStatusListCredential },
 * });
 * if (result.revoked) console.log('revoked');
 * for (const c of result.checks) if (c.status === 'unknown') console.log(c.code, c.message);
 * ```
 */
export async function checkStatus(
  credential: object,
  options: CheckStatusOptions = {},
): Promise<StatusResult> {
  return lookupStatus(credential, options, verifyListProof);
}
