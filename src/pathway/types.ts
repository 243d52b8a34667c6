/** Pathway definitions and evaluation results (types only). */
import type { AchievementInput } from '../model/inputs.js';
import type { Achievement } from '../model/types.generated.js';

/**
 * The format of a pathway definition: `type` is always `'Pathway'` and `formatVersion` the
 * version of this format (1). A later format gets a new number; a reader refuses versions it
 * does not know.
 *
 * @example
 * ```ts
 * import { PATHWAY_FORMAT_VERSION } from 'ob3kit/pathway';
 * PATHWAY_FORMAT_VERSION; // 1
 * ```
 */
export const PATHWAY_FORMAT_VERSION = 1;

/**
 * Which component achievements a leaf requirement accepts: by the achievement's `id` (exact;
 * the usual form), by an `alignment` of the achievement (its `targetUrl`, or its `targetCode`
 * within a `targetFramework`, for example an ESCO skill or a framework competency), or by
 * `achievementType` (and optionally `fieldOfStudy`).
 *
 * @example
 * ```ts
 * import type { AchievementMatch } from 'ob3kit/pathway';
 * const byId: AchievementMatch = { id: 'https://example.edu/achievements/sql' };
 * const bySkill: AchievementMatch = {
 *   alignment: { targetUrl: 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d' },
 * };
 * const byType: AchievementMatch = { achievementType: 'Course', fieldOfStudy: 'Statistics' };
 * ```
 */
export type AchievementMatch =
  | { id: string }
  | { alignment: { targetUrl: string } | { targetCode: string; targetFramework: string } }
  | { achievementType: string; fieldOfStudy?: string };

/**
 * A threshold on the results a component credential asserts (`credentialSubject.result`): at
 * least one Result, of the given `resultDescription` (by id) or `resultType` when named, must
 * meet every constraint given. `minValue`/`maxValue` compare a numeric `value`; `values` lists
 * accepted values; `levels` accepted `achievedLevel`s (rubric level ids); `meetsRequired` asks
 * the value (or level) to reach the `requiredValue` (or `requiredLevel`) the achievement's own
 * ResultDescription states, ordered by its `allowedValue` (or `rubricCriterionLevel`) list when
 * it has one, numerically otherwise.
 *
 * @example
 * ```ts
 * import type { ResultThreshold } from 'ob3kit/pathway';
 * const atLeast70: ResultThreshold = { resultType: 'Percent', minValue: 70 };
 * const passed: ResultThreshold = { meetsRequired: true };
 * ```
 */
export interface ResultThreshold {
  resultDescription?: string;
  resultType?: string;
  minValue?: number;
  maxValue?: number;
  values?: string[];
  levels?: string[];
  meetsRequired?: boolean;
}

/** Fields every requirement may carry: a `name` to show, and an `id` to refer to it. */
interface RequirementBase {
  /** What to call this requirement in progress views and in the stacked credential. */
  name?: string;
  /** An identifier of the requirement, for the caller's use. */
  id?: string;
}

/**
 * One credential (or `count` of them) of a matching achievement, from an accepted issuer,
 * optionally meeting a result threshold.
 *
 * @example
 * ```ts
 * import type { AchievementRequirement } from 'ob3kit/pathway';
 * const r: AchievementRequirement = {
 *   achievement: { id: 'https://example.edu/achievements/sql' },
 *   result: { resultType: 'Percent', minValue: 70 },
 * };
 * ```
 */
export interface AchievementRequirement extends RequirementBase {
  achievement: AchievementMatch;
  /** Issuer ids accepted for this requirement; default: the pathway's `issuers`. */
  issuers?: string[];
  result?: ResultThreshold;
  /** How many distinct credentials must match (default 1). */
  count?: number;
}

/**
 * Every requirement listed must be met.
 * @example
 * ```ts
 * import type { AllRequirement } from 'ob3kit/pathway';
 * const r: AllRequirement = { all: [{ achievement: { id: 'https://example.edu/a/1' } }, { achievement: { id: 'https://example.edu/a/2' } }] };
 * ```
 */
export interface AllRequirement extends RequirementBase {
  all: Requirement[];
}

/**
 * One of the requirements listed must be met.
 * @example
 * ```ts
 * import type { AnyRequirement } from 'ob3kit/pathway';
 * const r: AnyRequirement = { any: [{ achievement: { id: 'https://example.edu/a/1' } }, { achievement: { id: 'https://example.edu/a/2' } }] };
 * ```
 */
export interface AnyRequirement extends RequirementBase {
  any: Requirement[];
}

/**
 * At least `atLeast` of the requirements listed must be met.
 * @example
 * ```ts
 * import type { AtLeastRequirement } from 'ob3kit/pathway';
 * const r: AtLeastRequirement = { atLeast: 2, of: [
 *   { achievement: { id: 'https://example.edu/a/1' } },
 *   { achievement: { id: 'https://example.edu/a/2' } },
 *   { achievement: { id: 'https://example.edu/a/3' } },
 * ] };
 * ```
 */
export interface AtLeastRequirement extends RequirementBase {
  atLeast: number;
  of: Requirement[];
}

/**
 * The credentials that satisfy the requirements listed must add up to at least `credits`
 * credits: each distinct credential counts its `creditsEarned`, else its achievement's
 * `creditsAvailable` (ECTS in the EU profile). Within it, an achievement requirement contributes
 * every matching credential.
 * @example
 * ```ts
 * import type { CreditsRequirement } from 'ob3kit/pathway';
 * const r: CreditsRequirement = { credits: 6, of: [{ achievement: { achievementType: 'Course' } }] };
 * ```
 */
export interface CreditsRequirement extends RequirementBase {
  credits: number;
  of: Requirement[];
}

/**
 * A node of a pathway's requirement tree.
 * @example
 * ```ts
 * import type { Requirement } from 'ob3kit/pathway';
 * const r: Requirement = { all: [{ achievement: { id: 'https://example.edu/a/1' } }] };
 * ```
 */
export type Requirement =
  | AchievementRequirement
  | AllRequirement
  | AnyRequirement
  | AtLeastRequirement
  | CreditsRequirement;

/**
 * A pathway: the destination achievement, the requirement tree of component achievements that
 * earns it, and the issuers whose credentials count. Plain JSON (see the JSON Schema
 * `schemas/pathway/pathway-v1.json`); nothing of it goes into the credentials issued, which stay
 * plain Open Badges 3.0 and CLR 2.0.
 *
 * @example
 * ```ts
 * import type { Pathway } from 'ob3kit/pathway';
 * const pathway: Pathway = {
 *   type: 'Pathway',
 *   formatVersion: 1,
 *   id: 'https://example.edu/pathways/data-analyst',
 *   name: 'Data Analyst',
 *   issuers: ['did:web:example.edu'],
 *   destination: {
 *     id: 'https://example.edu/achievements/data-analyst',
 *     name: 'Data Analyst Certificate',
 *     description: 'Holds the three data badges.',
 *     achievementType: 'Certificate',
 *   },
 *   requirement: {
 *     all: [
 *       { achievement: { id: 'https://example.edu/achievements/sql' } },
 *       { achievement: { id: 'https://example.edu/achievements/statistics' } },
 *       { achievement: { id: 'https://example.edu/achievements/visualisation' } },
 *     ],
 *   },
 * };
 * ```
 */
export interface Pathway {
  type: 'Pathway';
  formatVersion: typeof PATHWAY_FORMAT_VERSION;
  /** The pathway's URI. When it is an https URL, the stacked credential's criteria link to it. */
  id: string;
  name: string;
  description?: string;
  /**
   * Issuer ids whose credentials count (a requirement may list its own). `'*'` accepts any
   * issuer whose key verifies: anyone can then issue a matching badge to themselves, so use it
   * only with matches that other checks make meaningful.
   */
  issuers?: string[];
  /** The achievement the pathway leads to: an Open Badges 3.0 Achievement (criteria optional). */
  destination:
    | (Omit<AchievementInput, 'criteria'> & { id: string; criteria?: AchievementInput['criteria'] })
    | Achievement;
  requirement: Requirement;
}

/**
 * Why a credential does not count towards a pathway:
 * - `not_a_badge`: not an Open Badges 3.0 AchievementCredential (an endorsement, a CLR itself);
 * - `unreadable`: its report has no credential (it could not be decoded);
 * - `not_authentic`: its proof or its issuer's key binding failed;
 * - `proof_unchecked`: its proof was not verified (no network for the key, or no proof of its own);
 * - `revoked`, `suspended`: its status list says so; `status_unchecked`: it has a status that was
 *   not checked (no network);
 * - `expired`, `not_yet_valid`: outside its validity period;
 * - `invalid`: its report is invalid for another reason;
 * - `other_learner`: about another learner than the one evaluated;
 * - `not_completed`: a result says its status is not `Completed`;
 * - `ambiguous_subject`: more than one credential subject;
 * - `duplicate`: the same credential (the same issuer and `id`, or the same document when it
 *   has no id) as one given before it, which already counts.
 *
 * @example
 * ```ts
 * import type { ExclusionCode } from 'ob3kit/pathway';
 * const why: ExclusionCode = 'revoked';
 * ```
 */
export type ExclusionCode =
  | 'not_a_badge'
  | 'unreadable'
  | 'not_authentic'
  | 'proof_unchecked'
  | 'revoked'
  | 'suspended'
  | 'status_unchecked'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid'
  | 'other_learner'
  | 'not_completed'
  | 'ambiguous_subject'
  | 'duplicate';

/**
 * A credential, as the evaluation refers to it: its position among the inputs (after
 * presentations and CLRs are opened), its id, name, achievement and issuer.
 * @example
 * ```ts
 * import type { CredentialRef } from 'ob3kit/pathway';
 * const ref: CredentialRef = { index: 0, id: 'urn:uuid:1', name: 'SQL', achievementId: 'https://example.edu/achievements/sql', issuer: 'did:web:example.edu' };
 * ```
 */
export interface CredentialRef {
  index: number;
  id?: string;
  name?: string;
  achievementId?: string;
  achievementName?: string;
  issuer?: string;
  issuerName?: string;
}

/**
 * One input credential and whether it counts (and why not).
 * @example
 * ```ts
 * import type { CredentialStanding } from 'ob3kit/pathway';
 * const s: CredentialStanding = { index: 1, counts: false, reason: 'revoked', message: 'Revoked by its issuer', credits: 0 };
 * ```
 */
export interface CredentialStanding extends CredentialRef {
  counts: boolean;
  reason?: ExclusionCode;
  message?: string;
  /** Credits it carries (creditsEarned, else the achievement's creditsAvailable; 0 when none). */
  credits: number;
}

/**
 * Progress as numbers a UI can draw: `achieved` of `required` in a `unit` (credentials for an
 * achievement requirement, credits, or requirements for all/any/at least), and a `ratio` from 0
 * to 1 that also counts partial progress inside unmet requirements. `ratio` is 1 exactly when
 * the requirement is met, and never decreases when a credential is added.
 * @example
 * ```ts
 * import type { Progress } from 'ob3kit/pathway';
 * const p: Progress = { required: 3, achieved: 2, ratio: 0.667, unit: 'requirements' };
 * ```
 */
export interface Progress {
  required: number;
  achieved: number;
  ratio: number;
  unit: 'credentials' | 'credits' | 'requirements';
}

/**
 * The evaluation of one requirement: met or not, progress, the credentials it used, and (for an
 * achievement requirement) the matching credentials that did not count and why.
 * @example
 * ```ts
 * import type { RequirementResult } from 'ob3kit/pathway';
 * const r: RequirementResult = {
 *   path: '$.requirement', kind: 'achievement', label: 'SQL', met: true,
 *   progress: { required: 1, achieved: 1, ratio: 1, unit: 'credentials' },
 *   satisfiedBy: [{ index: 0, id: 'urn:uuid:1' }], rejected: [],
 * };
 * ```
 */
export interface RequirementResult {
  /** Where the requirement is in the definition (`$.requirement.all[1]`). */
  path: string;
  kind: 'achievement' | 'all' | 'any' | 'atLeast' | 'credits';
  /** The requirement's `name`, or a description made from it. */
  label: string;
  met: boolean;
  progress: Progress;
  /** The credentials used to meet it (for groups: those of their children). */
  satisfiedBy: CredentialRef[];
  /** Achievement requirements: credentials of a matching achievement that did not count, and why. */
  rejected?: Array<{
    credential: CredentialRef;
    reason: ExclusionCode | 'issuer_not_accepted' | 'result_below_threshold';
    message: string;
  }>;
  children?: RequirementResult[];
}

/**
 * What is still missing: an unmet requirement (an achievement requirement, a credit sum, or a
 * choice among options), and what would meet it.
 * @example
 * ```ts
 * import type { MissingRequirement } from 'ob3kit/pathway';
 * const m: MissingRequirement = { path: '$.requirement.all[2]', label: 'Visualisation', needed: 'a credential for Visualisation', options: [] };
 * ```
 */
export interface MissingRequirement {
  path: string;
  label: string;
  /** A sentence saying what is needed. */
  needed: string;
  /** For a choice (any / at least): the unmet options. */
  options: string[];
}

/**
 * The evaluation of a pathway over a set of verified credentials.
 * @example
 * ```ts
 * import { evaluatePathway, type PathwayEvaluation } from 'ob3kit/pathway';
 * const e: PathwayEvaluation = evaluatePathway(pathway, reports);
 * console.log(e.met, `${Math.round(e.progress.ratio * 100)}%`);
 * ```
 */
export interface PathwayEvaluation {
  pathway: { id: string; name: string };
  met: boolean;
  progress: Progress;
  requirement: RequirementResult;
  missing: MissingRequirement[];
  credentials: CredentialStanding[];
  /**
   * The learner the credentials are about: the subject (`id` and/or `identifier`) of the first
   * credential that counts, when one does.
   */
  learner?: { id?: string; identifier?: unknown[] };
}
