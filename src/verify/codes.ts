/**
 * The classification of every report code: what each entry is about (authenticity, in force,
 * completeness, conformance, security), from which the four answers and the verdict under each
 * policy follow. docs/verifying.md has the same table for people; a test keeps both, and the
 * codes the source can emit, in step.
 */
import type { CheckCategory, CheckResult, UncheckedQuestion } from './types.js';

/**
 * How one report code is classified: its category, and (for a `completeness` code) the question
 * it leaves open when the check it appears in does not say otherwise. `checks` overrides the
 * category for entries of the named checks.
 *
 * @example
 * ```ts
 * import { CHECK_CODES, type CodeClass } from 'ob3kit/verify';
 * const c: CodeClass | undefined = CHECK_CODES.status_revoked; // { category: 'inForce' }
 * ```
 */
export interface CodeClass {
  /** What an entry with this code is about. */
  readonly category: CheckCategory;
  /** For `completeness`: the question left open (default: the one its check answers). */
  readonly unchecked?: UncheckedQuestion;
  /** Another category when the code appears under one of these checks. */
  readonly checks?: Readonly<Record<string, CheckCategory>>;
  /** Another category in the report of an Open Badges 2.0 assertion. */
  readonly ob2?: CheckCategory;
  /**
   * A form a published version of the specifications allows, which 1EdTech's validator reports
   * as a warning (an older context version, a compacted single value): a `warn` entry is `warn`
   * under the `conformance` policy and `pass` (code and message kept) under the default policy.
   */
  readonly advisory?: boolean;
}

const A: CodeClass = { category: 'authenticity' };
const I: CodeClass = { category: 'inForce' };
const U: CodeClass = { category: 'completeness' };
const C: CodeClass = { category: 'conformance' };
const S: CodeClass = { category: 'security' };
/** Conformance, advisory: allowed by a published version of the specifications. */
const N: CodeClass = { category: 'conformance', advisory: true };
/** A fetch that failed: the document could not be had (not fully checked); refresh is optional. */
const FETCH: CodeClass = { category: 'completeness', checks: { refresh: 'conformance' } };
/** A fetch stopped by a size or count limit: a security rule (bounded work). */
const FETCH_LIMIT: CodeClass = { category: 'security', checks: { refresh: 'conformance' } };

/**
 * Every code a report entry can carry, with its classification (see {@link CodeClass} and
 * docs/verifying.md, "Every code"). Codes of JSON Schema issues (`required`, `type`, `enum`,
 * ...) are not listed: every entry of the `schema` check without a listed code is a
 * conformance finding.
 *
 * @example
 * ```ts
 * import { CHECK_CODES } from 'ob3kit/verify';
 * CHECK_CODES.jsonld_not_compact.category; // 'security'
 * CHECK_CODES.subject_unidentified.category; // 'conformance'
 * ```
 */
export const CHECK_CODES: Readonly<Record<string, CodeClass>> = Object.freeze({
  // parse: the input could not be read as one credential.
  json_invalid: S,
  json_duplicate_key: S,
  json_not_object: S,
  jwt_invalid: S,
  jwt_no_credential: S,
  format_unknown: S,
  envelope_unsupported: { category: 'completeness', unchecked: 'authenticity' },
  encoding_invalid: S,
  input_empty: S,
  input_too_large: S,
  input_too_deep: S,
  image_no_credential: S,
  image_payload_invalid: S,
  image_ambiguous: S,
  image_clr_only: S,
  image_invalid: S,
  image_chunk_compressed: C,
  ob2_version_unsupported: S,
  ob2_not_assertion: S,
  // context
  context_missing: C,
  context_vc_missing: C,
  context_ob_missing: C,
  context_vc_v1: N,
  context_ob_version: N,
  ob2_context_missing: C,
  ob2_context_redefines: S,
  // jsonld: what the checks read is what was signed.
  context_unknown: { category: 'completeness', unchecked: 'authenticity' },
  jsonld_undefined_term: S,
  jsonld_protected_term: S,
  jsonld_too_large: S,
  jsonld_invalid: S,
  jsonld_not_compact: S,
  jsonld_context_unsupported: S,
  jsonld_graph_mismatch: S,
  jsonld_context_unknown: { category: 'completeness', unchecked: 'authenticity' },
  jsonld_error: S,
  ob2_context_unknown: C,
  ob2_jsonld_invalid: C,
  ob2_ambiguous_member: S,
  // type
  type_missing: C,
  type_not_vc: C,
  type_not_open_badge: C,
  type_not_endorsement: C,
  type_role_mismatch: S,
  type_ambiguous_role: S,
  ob2_type_mismatch: C,
  // schema (and every JSON Schema keyword code)
  credential_schema_invalid: C,
  credential_schema_unavailable: C,
  credential_schema_type: C,
  credential_schema_unchecked_offline: U,
  credential_schema_uncompiled: U,
  pattern_budget_exceeded: U,
  credential_schema_not_fetched: U,
  schema_plain_json_invalid: N,
  ob2_property_missing: C,
  ob2_property_invalid: C,
  ob2_date_invalid: C,
  ob2_identity_hash_invalid: C,
  // subject
  subject_missing: C,
  subject_not_object: C,
  subject_type: C,
  subject_unidentified: C,
  subject_identifier_type: C,
  subject_result_type: C,
  subject_source_type: C,
  subject_achievement_missing: C,
  achievement_not_object: C,
  achievement_result_description_type: C,
  achievement_criteria: C,
  // evidence
  evidence_absent: C,
  evidence_type: C,
  // proof (Data Integrity, VC-JWT, Open Badges 2.0)
  proof_missing: A,
  proof_malformed: A,
  proof_suite_unsupported: U,
  proof_context_missing: A,
  proof_context_mismatch: A,
  proof_value_malformed: A,
  proof_purpose_mismatch: A,
  proof_previous_missing: A,
  proof_previous_invalid: A,
  proof_chain_cycle: A,
  proof_limit_exceeded: S,
  proof_expired: A,
  proof_challenge_mismatch: A,
  proof_domain_mismatch: A,
  proof_signature_invalid: A,
  proof_not_verified: A,
  proof_unchecked_offline: U,
  proof_suite_legacy: C,
  proof_additional_invalid: A,
  key_invalid: A,
  key_type_mismatch: A,
  key_revoked: A,
  key_expired: A,
  verification_method_unresolved: A,
  verification_method_unsupported: U,
  verification_method_offline: U,
  verification_method_revoked: A,
  verification_method_expired: A,
  controller_document_invalid: A,
  jwt_too_large: S,
  jwt_malformed: S,
  jwt_duplicate_member: S,
  jwt_alg_missing: A,
  jwt_alg_forbidden: S,
  // An algorithm ob3kit does not implement; Open Badges 2.0 allows RS256 only.
  jwt_alg_unsupported: { category: 'completeness', ob2: 'authenticity' },
  jwt_alg_key_mismatch: A,
  jwt_crit_unsupported: A,
  jwt_typ_unsupported: A,
  jwt_payload_invalid: S,
  jwt_key_missing: A,
  jwt_jwk_private: S,
  jwt_key_invalid: A,
  jwt_key_unresolved: U,
  jwt_jwk_kid_mismatch: A,
  jwt_signature_invalid: A,
  jwt_claim_missing: C,
  jwt_claim_invalid: S,
  jwt_claim_mismatch: S,
  ob2_hosted: A,
  ob2_signed: A,
  ob2_hosted_copy_differs: A,
  ob2_hosted_unchecked_offline: U,
  ob2_hosted_id_mismatch: A,
  ob2_hosted_id_invalid: A,
  ob2_hosted_gone: A,
  ob2_not_https: U,
  ob2_verification_missing: A,
  ob2_verification_type_mismatch: A,
  ob2_signature_missing: A,
  ob2_key_missing: A,
  ob2_key_invalid: A,
  ob2_key_id_mismatch: A,
  ob2_issuer_unavailable: U,
  ob2_assertion_unavailable: U,
  ob2_document_invalid: U,
  ob2_document_too_large: S,
  // issuer
  issuer_missing: C,
  issuer_type: C,
  issuer_id_missing: C,
  issuer_other_identifier_type: C,
  issuer_parent_org_type: C,
  issuer_key_mismatch: A,
  key_purpose_mismatch: A,
  refresh_issuer_mismatch: A,
  refresh_subject_mismatch: A,
  ob2_hosted_out_of_scope: A,
  ob2_verification_policy_invalid: A,
  ob2_key_owner_mismatch: A,
  ob2_key_not_listed: A,
  ob2_badge_id_mismatch: A,
  ob2_issuer_id_mismatch: A,
  ob2_unchecked_offline: U,
  ob2_embedded_issuer_differs: C,
  ob2_issuer_unchecked: A,
  // refresh (optional: never changes the original's answers)
  refresh_absent: C,
  refresh_type_unsupported: C,
  refresh_not_fetched: C,
  refresh_not_repeated: C,
  refresh_proof_not_verified: C,
  refresh_issuer_not_verified: C,
  refresh_credential_refused: C,
  refresh_invalid: C,
  refresh_id_missing: C,
  refreshed: C,
  // status
  status_absent: I,
  status_revoked: I,
  status_suspended: I,
  status_flag_set: I,
  status_issuer_mismatch: I,
  status_unchecked_offline: U,
  status_unchecked: U,
  status_not_fetched: U,
  status_entry_malformed: U,
  status_entry_nonconformant: C,
  status_type_unsupported: U,
  status_size_unsupported: U,
  status_credential_id_missing: U,
  status_list_malformed: U,
  status_list_type_mismatch: C,
  status_list_unverified: U,
  status_list_proof_invalid: U,
  status_list_proof_unchecked: U,
  status_list_not_yet_valid: U,
  status_list_expired: U,
  status_purpose_mismatch: C,
  status_purpose_unchecked: U,
  status_list_too_short: C,
  status_index_out_of_range: U,
  status_list_too_large: S,
  status_list_total_too_large: S,
  ob2_revoked: I,
  // validity
  not_yet_valid: I,
  expired: I,
  validity_inverted: I,
  date_invalid: S,
  // recipient
  recipient_not_requested: A,
  recipient_mismatch: A,
  // endorsements (never change the answers about the credential itself)
  endorsement_absent: C,
  endorsement_invalid: C,
  // (in an endorsement's own report) it endorses something other than what it is attached to:
  // a genuine endorsement copied into another badge is refused
  endorsement_subject_mismatch: S,
  endorsement_malformed: C,
  endorsement_warning: C,
  endorsement_depth_exceeded: { category: 'completeness', unchecked: 'conformance' },
  endorsement_limit: { category: 'completeness', unchecked: 'conformance' },
  ob2_endorsement_not_verified: { category: 'completeness', unchecked: 'conformance' },
  // presentation
  presentation_challenge_mismatch: A,
  presentation_challenge_missing: A,
  presentation_challenge_unchecked: A,
  presentation_domain_mismatch: A,
  presentation_domain_missing: A,
  presentation_holder_mismatch: A,
  presentation_proof_missing: A,
  presentation_type_invalid: C,
  presentation_credential_malformed: C,
  presentation_credential_unsupported: U,
  presentation_unchecked_offline: U,
  // credentials (of a presentation): the summaries take the category of what the nested report found
  presentation_empty: A,
  credential_invalid: A,
  credential_warning: C,
  credential_unchecked: { category: 'completeness', unchecked: 'authenticity' },
  // Credentials past a limit are not verified: what a presentation or record carries unverified
  // must not pass with it (a limit is a security rule).
  credential_limit: S,
  // parse, images: a CLR under a badge's carrier or the reverse (readers may miss it)
  image_carrier_mismatch: C,
  // CLR 2.0 records (the clr profile)
  context_clr_missing: C,
  context_clr_version: C,
  type_ambiguous_class: S,
  subject_credentials_missing: C,
  schema_clr_vc1_unchecked: { category: 'completeness', unchecked: 'conformance' },
  credential_schema_class: C,
  clr_credential_unsigned: C,
  clr_credential_repeated: S,
  proof_vouched_by_record: A,
  clr_learner_mismatch: C,
  clr_learner_unverified: { category: 'completeness', unchecked: 'conformance' },
  association_absent: C,
  association_unknown_achievement: C,
  association_cycle: C,
  // application profiles (on request)
  eu_element_missing: C,
  eu_element_invalid: C,
  // data_model (the vc profile): the W3C VC Data Model rules
  context_invalid: C,
  date_property_version: C,
  digest_multibase_invalid: C,
  digest_sri_invalid: C,
  direction_invalid: C,
  entry_id_missing: C,
  entry_invalid: C,
  entry_type_missing: C,
  id_invalid: C,
  issuance_date_missing: C,
  issuer_invalid: C,
  language_invalid: C,
  language_value_invalid: C,
  media_type_invalid: C,
  not_object: C,
  proof_invalid: C,
  proof_type_missing: C,
  related_resource_digest_missing: C,
  related_resource_duplicate: C,
  related_resource_id_missing: C,
  related_resource_invalid: C,
  subject_empty: C,
  type_invalid: C,
  type_not_vp: S,
  value_object_invalid: C,
  // fetch (any check that needed a document)
  fetch_url: FETCH,
  fetch_not_https: FETCH,
  fetch_private_address: FETCH,
  fetch_redirect: FETCH,
  fetch_status: FETCH,
  fetch_content_type: FETCH,
  fetch_timeout: FETCH,
  fetch_encoding: FETCH,
  fetch_malformed: FETCH,
  fetch_failed: FETCH,
  fetch_offline: FETCH,
  fetch_aborted: FETCH,
  fetch_too_large: FETCH_LIMIT,
  fetch_limit_requests: FETCH_LIMIT,
  fetch_limit_bytes: FETCH_LIMIT,
  // any check
  internal_error: S,
});

/**
 * The category of an entry without a listed code (a `pass`, a JSON Schema keyword), by check.
 * Checks not listed here (for example a check added by another credential profile) count as
 * conformance, except that an unlisted failing code is treated as a security failure.
 */
const CHECK_DEFAULTS: Readonly<Record<string, CheckCategory>> = {
  parse: 'security',
  context: 'conformance',
  jsonld: 'security',
  type: 'conformance',
  schema: 'conformance',
  subject: 'conformance',
  evidence: 'conformance',
  data_model: 'conformance',
  proof: 'authenticity',
  issuer: 'authenticity',
  refresh: 'conformance',
  status: 'inForce',
  validity: 'inForce',
  recipient: 'authenticity',
  endorsement: 'conformance',
  presentation: 'authenticity',
  credentials: 'authenticity',
  association: 'conformance',
  learner: 'conformance',
  verify: 'security',
};

/** The question a check answers: what a `completeness` entry of it leaves open. */
const CHECK_QUESTIONS: Readonly<Record<string, UncheckedQuestion>> = {
  jsonld: 'authenticity',
  proof: 'authenticity',
  issuer: 'authenticity',
  recipient: 'authenticity',
  presentation: 'authenticity',
  credentials: 'authenticity',
  status: 'inForce',
  validity: 'inForce',
};

/**
 * Whether an entry's code is advisory (see {@link CodeClass.advisory}): a form a published
 * version of the specifications allows, `pass` under the default policy. Internal.
 */
export function isAdvisory(entry: Pick<CheckResult, 'code'>): boolean {
  const code = entry.code;
  if (code === undefined || !Object.hasOwn(CHECK_CODES, code)) return false;
  return CHECK_CODES[code]?.advisory === true;
}

/**
 * Classify one entry: its category and, for `completeness`, the question it leaves open. An
 * entry that already carries a category (a nested report's summary) keeps it. An unknown code
 * on a failing entry is a security failure (fail closed); on other outcomes it takes its
 * check's category. `profile` `'ob2'` classifies the entries of an Open Badges 2.0 report.
 *
 * @example
 * ```ts
 * import { classifyCheck } from 'ob3kit/verify';
 * classifyCheck({ id: 'status', outcome: 'warn', code: 'status_unchecked_offline' });
 * // { category: 'completeness', unchecked: 'inForce' }
 * ```
 */
export function classifyCheck(
  entry: Pick<CheckResult, 'id' | 'outcome' | 'code' | 'category' | 'unchecked'>,
  profile?: 'ob2',
): {
  category: CheckCategory;
  unchecked?: UncheckedQuestion;
} {
  let category = entry.category;
  let unchecked = entry.unchecked;
  if (category === undefined) {
    const known = entry.code === undefined ? undefined : CHECK_CODES[entry.code];
    if (known !== undefined && Object.hasOwn(CHECK_CODES, entry.code as string)) {
      category =
        (profile === 'ob2' ? known.ob2 : undefined) ?? known.checks?.[entry.id] ?? known.category;
      if (category === 'completeness') unchecked ??= known.unchecked;
    } else if (entry.code !== undefined && entry.outcome === 'fail' && entry.id !== 'schema') {
      category = 'security';
    } else {
      category = CHECK_DEFAULTS[entry.id] ?? 'conformance';
    }
  }
  if (category !== 'completeness') return { category };
  unchecked ??= CHECK_QUESTIONS[entry.id] ?? 'conformance';
  return { category, unchecked };
}
