/** Shared parts of the `proof` check (and the key-binding part of `issuer`). */
import type { FetchLike as KeysFetchLike } from '../../keys/index.js';
import type { RunState } from '../state.js';
import type { CheckResult } from '../types.js';
import { result } from './util.js';

export const ID = 'proof';
export const ISSUER = 'issuer';

/** Issue codes that say the key is not the issuer's (reported under `issuer`). */
export const BINDING_CODES = new Set(['issuer_key_mismatch', 'key_purpose_mismatch']);
/** JWT time claims: the `validity` check reports those. */
export const TIME_CODES = new Set(['jwt_expired', 'jwt_not_yet_valid']);

/** What the proof step concluded. */
export interface ProofOutcome {
  /** Entries of the `proof` check. */
  proof: CheckResult[];
  /** Key-binding entries of the `issuer` check. */
  issuer: CheckResult[];
  /** True when at least one proof (or the JWT signature) verified. */
  passed: boolean;
}

/** An issue as the proof modules report them. */
export interface AnyIssue {
  code: string;
  message: string;
  path?: string;
  /** The `ERR_*` code of the error behind the issue, when the proof module gives one. */
  errorCode?: string;
}

/** Resolution options shared by both proof kinds. */
export function resolutionOptions(state: RunState) {
  const o = state.options;
  return {
    ...(o.fetch ? { fetch: o.fetch as unknown as KeysFetchLike } : {}),
    ...(o.documents ? { documents: o.documents } : {}),
    ...(o.resolvers ? { resolvers: o.resolvers } : {}),
    ...(o.webJwkBinding ? { webJwkBinding: o.webJwkBinding } : {}),
    now: state.now,
  };
}

/** True when the issue only says a key document could not be had without network. */
export function isOffline(issue: AnyIssue): boolean {
  return (
    issue.code === 'verification_method_offline' ||
    // read from the error's code, never from the message (which quotes the issuer's "kid")
    (issue.code === 'jwt_key_unresolved' && issue.errorCode === 'ERR_RESOLUTION_OFFLINE')
  );
}

/** `proof` entries for a proof that did not verify: offline is a warning, the rest failures. */
export function failures(issues: readonly AnyIssue[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const i of issues) {
    if (BINDING_CODES.has(i.code) || TIME_CODES.has(i.code)) continue;
    out.push(
      isOffline(i)
        ? result(
            ID,
            'warn',
            'proof_unchecked_offline',
            `The proof could not be checked (offline): ${i.message}`,
            i.path,
          )
        : result(ID, 'fail', i.code, i.message, i.path),
    );
  }
  if (out.length === 0)
    out.push(result(ID, 'fail', 'proof_not_verified', 'No proof could be verified'));
  return out;
}

/** `issuer` entries for key-binding issues. */
export function bindingEntries(issues: readonly AnyIssue[]): CheckResult[] {
  return issues
    .filter((i) => BINDING_CODES.has(i.code))
    .map((i) => result(ISSUER, 'fail', i.code, i.message, i.path));
}
