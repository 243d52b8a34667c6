/**
 * CLR 2.0 in `verify()` (loaded only when a `ClrCredential` arrives): the record's own
 * conformance checks (context order, type, CLR schema, ClrSubject), then each credential it
 * bundles verified with the full pipeline into its own report, and the checks 1EdTech's
 * validator leaves out: associations name achievements of the record and do not loop, and every
 * bundled credential is about the record's learner.
 */

import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import {
  CLR_V2_CONTEXT,
  CLR_V2_CONTEXT_PATTERN,
  OB_V3_CONTEXT,
  OB_V3_CONTEXT_PATTERN,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from '../internal/urls.js';
import type { LearnerIdentity } from '../model/identity.js';
import { resolveCredentialSchemas } from '../schema/credential-schemas.js';
import type { PrecompiledValidator, ValidationResult, Validator } from '../schema/types.js';
import { checkContextAt } from '../verify/checks/context.js';
import { checkSchema } from '../verify/checks/schema.js';
import { checkSubjectIdentity } from '../verify/checks/subject.js';
import { hasType, result, typesOf, valuesOf } from '../verify/checks/util.js';
import { type DecodedInput, decodeEnvelope, decodeJwtText, fromObject } from '../verify/input.js';
import type { CredentialProfile, ProfileContext } from '../verify/profile.js';
import { mapChecks, nestedCategory, nestedOpenQuestion } from '../verify/report.js';
import type { RunState } from '../verify/state.js';
import type { CheckResult, UncheckedQuestion, VerificationReport } from '../verify/types.js';
import { associationCycles, associationsOf, listOf, recordAchievements } from './record.js';
import { CLR_SCHEMA_URLS, loadClrValidators, runClrValidator } from './validators.js';

const SUBJECT = '$.credentialSubject';
const OB_CLASSES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];

/** `context`: the VC 2.0, CLR 2.0 and Open Badges 3.0 contexts, in that order. @internal */
export function checkClrContext(credential: JsonObject): CheckResult[] {
  const ID = 'context';
  const ctx = credential['@context'];
  if (ctx === undefined)
    return [result(ID, 'fail', 'context_missing', 'The record has no @context', '$')];
  const list = Array.isArray(ctx) ? ctx : [ctx];
  const out: CheckResult[] = [];
  const [first, second, third] = list;
  if (first === VC_V1_CONTEXT) {
    out.push(
      result(
        ID,
        'warn',
        'context_vc_v1',
        `@context[0] is the VC Data Model 1.1 context; CLR 2.0 expects ${VC_V2_CONTEXT}`,
        '$["@context"][0]',
      ),
    );
  } else if (first !== VC_V2_CONTEXT) {
    out.push(
      result(
        ID,
        'fail',
        'context_vc_missing',
        `@context[0] must be ${VC_V2_CONTEXT}, found ${describeValue(first)}`,
        '$["@context"][0]',
      ),
    );
  }
  out.push(
    ...checkContextAt(second, 1, {
      url: CLR_V2_CONTEXT,
      isVersion: (v) => CLR_V2_CONTEXT_PATTERN.test(v),
      current: 'CLR 2.0 context',
      required: 'CLR 2.0 context',
      codes: ['context_clr_version', 'context_clr_missing'],
    }),
    ...checkContextAt(third, 2, {
      url: OB_V3_CONTEXT,
      isVersion: (v) => OB_V3_CONTEXT_PATTERN.test(v),
      current: 'Open Badges context',
      required: 'Open Badges 3.0 context',
      codes: ['context_ob_version', 'context_ob_missing'],
    }),
  );
  return out.length > 0 ? out : [result(ID, 'pass')];
}

/**
 * `type`: `VerifiableCredential` and `ClrCredential`, and no Open Badges credential class.
 *
 * @internal
 */
export function checkClrType(credential: JsonObject): CheckResult[] {
  const ID = 'type';
  const types = typesOf(credential.type);
  const out: CheckResult[] = [];
  if (!types.includes('VerifiableCredential')) {
    out.push(
      result(
        ID,
        'fail',
        'type_not_vc',
        `type must include "VerifiableCredential", found ${describeValue(credential.type)}`,
        '$.type',
      ),
    );
  }
  const other = types.filter((t) => OB_CLASSES.includes(t));
  if (other.length > 0) {
    out.push(
      result(
        ID,
        'fail',
        'type_ambiguous_class',
        `The document claims to be a ClrCredential and an ${other.join(' and ')}: which checks apply would be ambiguous, so it is refused`,
        '$.type',
      ),
    );
  }
  return out.length > 0 ? out : [result(ID, 'pass', undefined, 'A CLR 2.0 ClrCredential')];
}

/**
 * `subject`: a `ClrSubject` identified by `id` and/or `identifier` (IdentityObjects), bundling at
 * least one credential; its achievements have typed result descriptions and criteria with an
 * `id` or a narrative (as 1EdTech's ClrSubjectProbe).
 *
 * @internal
 */
export function checkClrSubject(credential: JsonObject): CheckResult[] {
  const ID = 'subject';
  const subject = credential.credentialSubject;
  if (!isObject(subject)) {
    return [
      result(ID, 'fail', 'subject_missing', 'The record has no credentialSubject object', '$'),
    ];
  }
  const out: CheckResult[] = [];
  if (!hasType(subject, 'ClrSubject')) {
    out.push(
      result(
        ID,
        'fail',
        'subject_type',
        'credentialSubject.type must include "ClrSubject"',
        `${SUBJECT}.type`,
      ),
    );
  }
  out.push(...checkSubjectIdentity(subject, SUBJECT));
  if (listOf(subject.verifiableCredential).length === 0) {
    out.push(
      result(
        ID,
        'fail',
        'subject_credentials_missing',
        'credentialSubject.verifiableCredential must bundle at least one credential',
        SUBJECT,
      ),
    );
  }
  const achievements = subject.achievement;
  listOf(achievements).forEach((a, i) => {
    const path = Array.isArray(achievements)
      ? `${SUBJECT}.achievement[${i}]`
      : `${SUBJECT}.achievement`;
    if (!isObject(a)) {
      out.push(result(ID, 'fail', 'achievement_not_object', 'achievement must be an object', path));
      return;
    }
    valuesOf(a.resultDescription).forEach((rd, j) => {
      if (!hasType(rd, 'ResultDescription')) {
        out.push(
          result(
            ID,
            'fail',
            'achievement_result_description_type',
            'Each achievement.resultDescription must be of type "ResultDescription"',
            `${path}.resultDescription[${j}]`,
          ),
        );
      }
    });
    const c = a.criteria;
    const ok =
      isObject(c) &&
      ((typeof c.id === 'string' && c.id.length > 0) ||
        (typeof c.narrative === 'string' && c.narrative.length > 0));
    if (!ok)
      out.push(
        result(
          ID,
          'fail',
          'achievement_criteria',
          'achievement.criteria must have an id or a narrative',
          `${path}.criteria`,
        ),
      );
  });
  return out.length > 0 ? out : [result(ID, 'pass')];
}

/**
 * Validate against the bundled CLR schema, and the caller's schemas that `credentialSchema` names.
 *
 * @internal
 */
export function validateForVerify(
  validators: Record<'vc2' | 'lenient', PrecompiledValidator>,
  credential: JsonObject,
  options: { schemas: Readonly<Record<string, Validator>>; lenient?: boolean | undefined },
): ValidationResult {
  const form = options.lenient === true ? 'lenient' : 'vc2';
  const main = runClrValidator(validators[form], form, credential);
  const issues = [...main.issues];
  const schemas = [...main.schemas];
  for (const entry of resolveCredentialSchemas(credential, options).entries) {
    const supplied = entry.supplied ? options.schemas[entry.id] : undefined;
    if (supplied && !schemas.includes(entry.id)) {
      schemas.push(entry.id);
      issues.push(...supplied.validate(credential).issues);
    } else if (entry.kind) {
      issues.push({
        code: 'credential_schema_class',
        path: `${entry.path}.id`,
        message: `names the Open Badges 3.0 ${entry.kind} schema; a ClrCredential conforms to the CLR 2.0 schema`,
      });
    }
  }
  return { ok: issues.length === 0, issues, schemas };
}

async function checkClrSchema(credential: JsonObject, state: RunState): Promise<CheckResult[]> {
  const ctx = credential['@context'];
  if ((Array.isArray(ctx) ? ctx : [ctx]).includes(VC_V1_CONTEXT)) {
    return [
      result(
        'schema',
        'warn',
        'schema_clr_vc1_unchecked',
        'CLR 2.0 has JSON Schemas for VC 2.0 records only; this VC 1.1 record was not checked against a schema (each credential it bundles is checked in its own report)',
      ),
    ];
  }
  const validators = await loadClrValidators();
  return checkSchema(credential, state, {
    validate: (doc, options) => validateForVerify(validators, doc, options),
    urls: CLR_SCHEMA_URLS,
  });
}

/** The record without its bundled credentials: their endorsements are verified in their reports. */
function endorsementScope(credential: JsonObject): JsonObject {
  const subject = credential.credentialSubject;
  if (!isObject(subject) || subject.verifiableCredential === undefined) return credential;
  const { verifiableCredential: _bundled, ...rest } = subject;
  return { ...credential, credentialSubject: rest };
}

/** Decode one bundled credential: an object, an enveloped VC-JWT, or (not CLR 2.0) a JWT string. */
function decodeBundled(item: unknown, state: RunState): DecodedInput {
  if (typeof item === 'string') return decodeJwtText(item, state);
  if (isObject(item) && isEnvelope(item)) return decodeEnvelope(item, state);
  return fromObject(item, 'json', state);
}

/**
 * An `EnvelopedVerifiableCredential`, its type written as a string or in an array (one RDF
 * type either way): what it carries is the credential, verified as such.
 */
function isEnvelope(item: unknown): boolean {
  return isObject(item) && typesOf(item.type).includes('EnvelopedVerifiableCredential');
}

/** A bundled credential given as a JSON object with no proof member at all. */
function isUnsigned(item: unknown): boolean {
  return isObject(item) && !isEnvelope(item) && item.proof === undefined;
}

/**
 * An unsigned bundled credential vouched for by the record: its `proof_missing` failure becomes a
 * warning (`proof_vouched_by_record`), the rest of its report unchanged.
 */
function vouched(report: VerificationReport): VerificationReport {
  return mapChecks(report, (c) =>
    c.id === 'proof' && c.code === 'proof_missing'
      ? result(
          'proof',
          'warn',
          'proof_vouched_by_record',
          "The credential has no proof of its own; the CLR that bundles it is signed by its issuer, whose proof covers it (the credential's own issuer is not proven)",
          c.path,
        )
      : c,
  );
}

/**
 * The bundled entries that repeat an earlier one, with the index of the first: the same JWT, or
 * an object with the same `id`. The CLR context reads `verifiableCredential` as a set of nodes,
 * so the record's proof signs them once: repeats (whole or split in parts) and their order are
 * not signed, and would let anyone pad the list (pushing a revoked credential past
 * `limits.maxBundledCredentials`) or re-spell a credential without breaking the proof.
 */
function repeatedEntries(list: unknown[]): Map<number, number> {
  const seen = new Map<string, number>();
  const out = new Map<number, number>();
  list.forEach((item, i) => {
    const key =
      typeof item === 'string'
        ? `jwt:${item}`
        : isObject(item) && typeof item.id === 'string'
          ? `id:${item.id}`
          : undefined;
    if (key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.set(i, first);
  });
  return out;
}

function knownLearner(state: RunState): LearnerIdentity[] {
  const r = state.options.recipient;
  if (r === undefined) return [];
  return [
    typeof r === 'string'
      ? r
      : { identity: r.identity, ...(r.type ? { identityType: r.type } : {}) },
  ];
}

async function finish(
  credential: JsonObject,
  state: RunState,
  context: ProfileContext,
): Promise<{ checks: CheckResult[]; credentials: VerificationReport[] }> {
  const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
  const raw = subject.verifiableCredential;
  const list = listOf(raw);
  const pathOf = (i: number) =>
    Array.isArray(raw)
      ? `${SUBJECT}.verifiableCredential[${i}]`
      : `${SUBJECT}.verifiableCredential`;
  const out: CheckResult[] = [];
  const reports: VerificationReport[] = [];
  const read: Array<{ document: unknown; path: string } | undefined> = [];
  const nested: RunState = {
    ...state,
    depth: state.depth + 1,
    allowRefresh: true,
    inClr: true,
  };
  const requireProofs = state.options.requireNestedProofs === true;
  // 1. Each bundled credential, with the full pipeline, into its own report.
  const entries: CheckResult[] = [];
  const repeats = repeatedEntries(list);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const path = pathOf(i);
    const first = repeats.get(i);
    if (first !== undefined) {
      // Not verified again: a repeat costs nothing and cannot push others past the limit.
      entries.push(
        result(
          'credentials',
          'fail',
          'clr_credential_repeated',
          `Bundled credential ${i + 1} repeats credential ${first + 1} (${typeof item === 'string' ? 'the same JWT' : 'the same id'}): the record's proof signs them as one, so the list is not the one signed`,
          path,
        ),
      );
      read.push(undefined);
      continue;
    }
    if (state.budget.bundledCredentials <= 0) {
      entries.push(
        result(
          'credentials',
          'warn',
          'credential_limit',
          `${list.length - i} bundled credential(s) not verified: the run reached limits.maxBundledCredentials (${state.limits.maxBundledCredentials})`,
          path,
        ),
      );
      for (let j = i; j < list.length; j++)
        read.push(isObject(list[j]) ? { document: list[j], path: pathOf(j) } : undefined);
      break;
    }
    state.budget.bundledCredentials--;
    let report = await context.verifyNested(decodeBundled(item, nested), nested);
    const unsigned = isUnsigned(item);
    if (unsigned && !requireProofs && context.proofPassed) report = vouched(report);
    reports.push(report);
    read.push(report.credential ? { document: report.credential, path } : undefined);
    const n = i + 1;
    if (report.verdict === 'invalid') {
      const why = unsigned
        ? requireProofs
          ? ' (it has no proof of its own, and requireNestedProofs is set)'
          : context.proofPassed
            ? ''
            : " (it has no proof of its own, and the record's proof does not vouch for it)"
        : '';
      // The record's answers follow what the credential's report found (a revoked credential
      // makes the record not in force, a forged one not authentic).
      entries.push({
        ...result(
          'credentials',
          'fail',
          'credential_invalid',
          `Bundled credential ${n} is invalid${why}`,
          path,
        ),
        category: nestedCategory(report),
      });
    } else if (unsigned && !requireProofs) {
      entries.push(
        result(
          'credentials',
          'warn',
          'clr_credential_unsigned',
          `Bundled credential ${n} has no proof of its own; the record's issuer vouches for it`,
          path,
        ),
      );
      // What its report left open (its status, its validity) stays open in the record: the
      // record's proof vouches for what the credential says, not for whether it is in force.
      if (report.answers.fullyChecked.value !== 'yes') {
        entries.push(
          uncheckedEntry(
            n,
            path,
            report.answers.inForce.value !== 'yes' ? 'inForce' : nestedOpenQuestion(report),
          ),
        );
      }
    } else if (report.answers.fullyChecked.value !== 'yes') {
      entries.push(uncheckedEntry(n, path, nestedOpenQuestion(report)));
    } else if (report.verdict === 'warning') {
      entries.push(
        result(
          'credentials',
          'warn',
          'credential_warning',
          `Bundled credential ${n} has warnings`,
          path,
        ),
      );
    }
  }
  out.push(
    ...(entries.length > 0
      ? entries
      : [
          result(
            'credentials',
            'pass',
            undefined,
            `${reports.length} bundled credential(s) verified`,
          ),
        ]),
  );
  // 2. Associations name achievements of the record, and do not loop.
  const associations = associationsOf(subject);
  if (associations.length === 0) {
    out.push(
      result('association', 'skip', 'association_absent', 'The record states no associations'),
    );
  } else {
    const known = recordAchievements(subject, read);
    const found: CheckResult[] = [];
    for (const a of associations) {
      for (const end of ['sourceId', 'targetId'] as const) {
        if (!known.has(a[end])) {
          found.push(
            result(
              'association',
              'warn',
              'association_unknown_achievement',
              `${end} ${a[end]} names no achievement of the record (in credentialSubject.achievement or a bundled credential)`,
              `${a.path}.${end}`,
            ),
          );
        }
      }
    }
    for (const a of associationCycles(associations)) {
      found.push(
        result(
          'association',
          'warn',
          'association_cycle',
          `This ${a.associationType} association closes a cycle: a hierarchy or sequence of achievements cannot loop`,
          a.path,
        ),
      );
    }
    out.push(
      ...(found.length > 0
        ? found
        : [
            result(
              'association',
              'pass',
              undefined,
              `${associations.length} association(s) between achievements of the record`,
            ),
          ]),
    );
  }
  // 3. Every bundled credential is about the record's learner.
  const learner = knownLearner(state);
  const mismatches: CheckResult[] = [];
  read.forEach((r, i) => {
    if (!r || !isObject(r.document)) return;
    const s = r.document.credentialSubject;
    listOf(s).forEach((ns, j) => {
      const at = Array.isArray(s)
        ? `${r.path}.credentialSubject[${j}]`
        : `${r.path}.credentialSubject`;
      const match = context.compareLearners(subject, ns, learner);
      if (match === 'different') {
        mismatches.push(
          result(
            'learner',
            'warn',
            'clr_learner_mismatch',
            `Bundled credential ${i + 1} is about another learner than the record`,
            at,
          ),
        );
      } else if (match === 'unknown') {
        mismatches.push(
          result(
            'learner',
            'warn',
            'clr_learner_unverified',
            `Bundled credential ${i + 1} cannot be shown to be about the record's learner (no common id or comparable identifier; pass options.recipient to compare through it)`,
            at,
          ),
        );
      }
    });
  });
  out.push(
    ...(mismatches.length > 0
      ? mismatches
      : [
          result(
            'learner',
            'pass',
            undefined,
            "Every bundled credential is about the record's learner",
          ),
        ]),
  );
  return { checks: out, credentials: reports };
}

/** The CLR 2.0 profile of the verification pipeline. */
export const CLR_PROFILE: CredentialProfile = {
  context: checkClrContext,
  type: checkClrType,
  schema: checkClrSchema,
  subject: checkClrSubject,
  endorsementScope,
  finish,
};

/** A bundled credential that could not be fully checked: what it left open stays open here. */
function uncheckedEntry(n: number, path: string, open: UncheckedQuestion): CheckResult {
  return {
    ...result(
      'credentials',
      'warn',
      'credential_unchecked',
      `Bundled credential ${n} could not be fully checked`,
      path,
    ),
    category: 'completeness',
    unchecked: open,
  };
}
