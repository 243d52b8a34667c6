/** `evaluatePathway`: progress on a pathway over verified credentials (pure, deterministic). */
import { PathwayError } from '../errors.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { compareLearners, isLearner, type LearnerIdentity } from '../model/identity.js';
import type { VerificationReport } from '../verify/types.js';
import { assertValidPathway, childPath, childrenOf, kindOf, labelOf } from './definition.js';
import { issuerOf, refOf, standingOf, subjectOf } from './standing.js';
import type {
  AchievementMatch,
  AchievementRequirement,
  CredentialRef,
  CredentialStanding,
  MissingRequirement,
  Pathway,
  PathwayEvaluation,
  Progress,
  Requirement,
  RequirementResult,
  ResultThreshold,
} from './types.js';

/**
 * Most credentials one evaluation takes (after opening presentations and CLRs); more is
 * `ERR_PATHWAY_TOO_LARGE`.
 *
 * @example
 * ```ts
 * import { MAX_EVALUATED_CREDENTIALS } from 'ob3kit/pathway';
 * MAX_EVALUATED_CREDENTIALS; // 10000
 * ```
 */
export const MAX_EVALUATED_CREDENTIALS = 10_000;

/**
 * Most (requirement, matching credential) pairs one evaluation reads: each is listed in the
 * result (satisfying or rejected), so a tree of 1,000 requirements over 10,000 credentials that
 * all match would build ten million entries. More is `ERR_PATHWAY_TOO_LARGE`.
 */
const MAX_MATCHED_PAIRS = 1_000_000;

/**
 * Options of {@link evaluatePathway}.
 *
 * @example
 * ```ts
 * import type { EvaluatePathwayOptions } from 'ob3kit/pathway';
 * const o: EvaluatePathwayOptions = { learner: 'did:example:learner' };
 * ```
 */
export interface EvaluatePathwayOptions {
  /**
   * The learner, when known (their `id`, or a plaintext identity such as an email address with
   * its type): credentials about anyone else do not count (`other_learner`). Without it, every
   * credential that counts must be shown to be about one learner, or the evaluation is refused
   * (`ERR_PATHWAY_LEARNERS_MIXED`).
   */
  learner?: LearnerIdentity | LearnerIdentity[];
  /**
   * Count credentials whose status (revocation) entry could not be checked. Default `false`: such
   * a credential does not count (`status_unchecked`).
   */
  acceptUncheckedStatus?: boolean;
}

function listOf(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function typesOf(v: unknown): string[] {
  return listOf(v).filter((x): x is string => typeof x === 'string');
}

/**
 * The reports of credentials an evaluation indexes: presentations and CLRs opened into the
 * credentials they hold, in order, at any depth (a CLR in a presentation). @internal
 */
export function flattenReports(reports: readonly VerificationReport[]): VerificationReport[] {
  const out: VerificationReport[] = [];
  // Depth first, without recursion: a report handed in (not from verify()) may nest deeper than
  // verify() would.
  const stack: VerificationReport[] = [...reports].reverse();
  let opened = 0;
  while (stack.length > 0) {
    const r = stack.pop() as VerificationReport;
    const types = typesOf((r.credential as JsonObject | undefined)?.type);
    const container =
      r.format === 'presentation' ||
      types.includes('VerifiablePresentation') ||
      types.includes('ClrCredential');
    if (container) {
      const inner = Array.isArray(r.credentials) ? r.credentials : [];
      opened += inner.length;
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i] as VerificationReport);
    } else out.push(r);
    if (out.length > MAX_EVALUATED_CREDENTIALS || opened > MAX_EVALUATED_CREDENTIALS * 4) {
      throw new PathwayError(
        'ERR_PATHWAY_TOO_LARGE',
        `More than ${MAX_EVALUATED_CREDENTIALS} credentials to evaluate`,
        { limit: MAX_EVALUATED_CREDENTIALS },
      );
    }
  }
  return out;
}

function matches(match: AchievementMatch, achievement: JsonObject): boolean {
  if ('id' in match) return achievement.id === match.id;
  if ('alignment' in match) {
    const want = match.alignment;
    return listOf(achievement.alignment).some((a) => {
      if (!isObject(a)) return false;
      if ('targetUrl' in want) return a.targetUrl === want.targetUrl;
      return a.targetCode === want.targetCode && a.targetFramework === want.targetFramework;
    });
  }
  return (
    achievement.achievementType === match.achievementType &&
    (match.fieldOfStudy === undefined || achievement.fieldOfStudy === match.fieldOfStudy)
  );
}

/** Position of `value` in an ordered list (low to high), or -1. */
function rank(list: unknown[], value: unknown): number {
  return list.findIndex((x) => x === value || (isObject(x) && x.id === value));
}

function number(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Whether the result's value or level reaches what its ResultDescription requires. */
function meetsRequired(result: JsonObject, rd: JsonObject | undefined): boolean {
  if (!rd) return false;
  if (rd.requiredLevel !== undefined) {
    const levels = listOf(rd.rubricCriterionLevel);
    const need = rank(levels, rd.requiredLevel);
    const got = rank(levels, result.achievedLevel);
    return need >= 0 && got >= need;
  }
  if (rd.requiredValue !== undefined) {
    const allowed = listOf(rd.allowedValue);
    if (allowed.length > 0) {
      const need = rank(allowed, rd.requiredValue);
      const got = rank(allowed, result.value);
      return need >= 0 && got >= need;
    }
    const need = number(rd.requiredValue);
    const got = number(result.value);
    return need !== undefined && got !== undefined && got >= need;
  }
  return false;
}

function meetsThreshold(credential: JsonObject, t: ResultThreshold): boolean {
  const subject = subjectOf(credential);
  if (!subject) return false;
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const descriptions = listOf(achievement.resultDescription).filter(isObject);
  return listOf(subject.result).some((raw) => {
    if (!isObject(raw)) return false;
    const rd = descriptions.find((d) => d.id !== undefined && d.id === raw.resultDescription);
    if (t.resultDescription !== undefined && raw.resultDescription !== t.resultDescription)
      return false;
    if (t.resultType !== undefined && rd?.resultType !== t.resultType) return false;
    const value = number(raw.value);
    if (t.minValue !== undefined && !(value !== undefined && value >= t.minValue)) return false;
    if (t.maxValue !== undefined && !(value !== undefined && value <= t.maxValue)) return false;
    if (t.values !== undefined && !t.values.includes(raw.value as string)) return false;
    if (t.levels !== undefined && !t.levels.includes(raw.achievedLevel as string)) return false;
    if (t.meetsRequired && !meetsRequired(raw, rd)) return false;
    return true;
  });
}

interface Node {
  result: RequirementResult;
  /** Credentials that count towards a credit sum above (every matching one). */
  contributing: number[];
}

interface Ctx {
  pathway: Pathway;
  items: Array<{
    credential: JsonObject | undefined;
    standing: CredentialStanding;
    /** The achievement of its one subject, read once. */
    achievement: JsonObject | undefined;
  }>;
  /** The reference of each credential, made once (see {@link refs}). */
  refs: Array<CredentialRef | undefined>;
  /** The credentials by what requirements match, made when first needed (see {@link candidates}). */
  index?: Map<string, number[]>;
  /** (requirement, matching credential) pairs read so far (see MAX_MATCHED_PAIRS). */
  matched: number;
}

function progress(
  required: number,
  achieved: number,
  ratio: number,
  unit: Progress['unit'],
): Progress {
  return { required, achieved, ratio: Math.min(1, Math.max(0, ratio)), unit };
}

/** The indexes in any of the lists, ascending (marked in one pass, no list concatenated). */
function union(size: number, lists: number[][]): number[] {
  const mark = new Uint8Array(size);
  for (const list of lists) for (const i of list) mark[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < size; i++) if (mark[i] === 1) out.push(i);
  return out;
}

function refOfItem(ctx: Ctx, i: number): CredentialRef {
  const s = ctx.items[i]?.standing;
  const ref: CredentialRef = { index: i };
  for (const k of [
    'id',
    'name',
    'achievementId',
    'achievementName',
    'issuer',
    'issuerName',
  ] as const) {
    if (s?.[k] !== undefined) ref[k] = s[k];
  }
  return ref;
}

/**
 * The references of credentials, one object per credential for the whole evaluation: a tree of
 * many requirements over many credentials lists the same credential in many places.
 */
function refs(ctx: Ctx, indexes: number[]): CredentialRef[] {
  return indexes.map((i) => {
    let ref = ctx.refs[i];
    if (ref === undefined) {
      ref = refOfItem(ctx, i);
      ctx.refs[i] = ref;
    }
    return ref;
  });
}

/**
 * The indexes of the credentials a requirement may match, ascending, each once: those with its
 * achievement id, achievementType or alignment (an index made once; `matches` still decides).
 */
function candidates(ctx: Ctx, match: AchievementMatch): readonly number[] {
  if (!ctx.index) {
    const index = new Map<string, number[]>();
    const add = (key: string, i: number) => {
      const list = index.get(key);
      if (!list) index.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    ctx.items.forEach((x, i) => {
      const a = x.achievement;
      if (typeof a?.id === 'string') add(`id:${a.id}`, i);
      if (typeof a?.achievementType === 'string') add(`type:${a.achievementType}`, i);
      for (const al of listOf(a?.alignment)) {
        if (!isObject(al)) continue;
        if (typeof al.targetUrl === 'string') add(`url:${al.targetUrl}`, i);
        if (typeof al.targetCode === 'string' && typeof al.targetFramework === 'string')
          add(`code:${JSON.stringify([al.targetCode, al.targetFramework])}`, i);
      }
    });
    ctx.index = index;
  }
  const want = 'alignment' in match ? match.alignment : undefined;
  const key =
    'id' in match
      ? `id:${match.id}`
      : want === undefined
        ? `type:${(match as { achievementType: string }).achievementType}`
        : 'targetUrl' in want
          ? `url:${want.targetUrl}`
          : `code:${JSON.stringify([want.targetCode, want.targetFramework])}`;
  return ctx.index.get(key) ?? [];
}

function leafLabel(ctx: Ctx, r: AchievementRequirement): string {
  if (r.name || !('id' in r.achievement)) return labelOf(r);
  const id = r.achievement.id;
  let name: string | undefined;
  for (const i of candidates(ctx, r.achievement)) {
    const s = ctx.items[i]?.standing;
    if (s?.achievementId === id && s.achievementName) {
      name = s.achievementName;
      break;
    }
  }
  const base = name ?? labelOf(r);
  return r.count && r.count > 1 ? `${r.count} × ${base}` : base;
}

function evaluateLeaf(ctx: Ctx, r: AchievementRequirement, path: string): Node {
  const accepted = r.issuers ?? ctx.pathway.issuers ?? [];
  const count = r.count ?? 1;
  const used: number[] = [];
  const rejected: NonNullable<RequirementResult['rejected']> = [];
  const acceptsAny = accepted.includes('*');
  for (const i of candidates(ctx, r.achievement)) {
    const { credential, standing, achievement } = ctx.items[i] as Ctx['items'][number];
    if (!credential || !achievement || !matches(r.achievement, achievement)) continue;
    ctx.matched++;
    if (ctx.matched > MAX_MATCHED_PAIRS) {
      throw new PathwayError(
        'ERR_PATHWAY_TOO_LARGE',
        `More than ${MAX_MATCHED_PAIRS} (requirement, matching credential) pairs to evaluate: the pathway's requirements match too many of the credentials given`,
        { limit: MAX_MATCHED_PAIRS },
      );
    }
    const ref = refs(ctx, [i])[0] as CredentialRef;
    if (!standing.counts) {
      rejected.push({
        credential: ref,
        reason: standing.reason ?? 'invalid',
        message: standing.message ?? 'Does not count',
      });
    } else if (!acceptsAny && !accepted.includes(issuerOf(credential) ?? '')) {
      rejected.push({
        credential: ref,
        reason: 'issuer_not_accepted',
        message: `Issued by ${issuerOf(credential) ?? 'an unnamed issuer'}, which this requirement does not accept`,
      });
    } else if (r.result && !meetsThreshold(credential, r.result)) {
      rejected.push({
        credential: ref,
        reason: 'result_below_threshold',
        message: 'Its result does not meet the required threshold',
      });
    } else {
      used.push(i);
    }
  }
  const achieved = Math.min(used.length, count);
  return {
    result: {
      path,
      kind: 'achievement',
      label: leafLabel(ctx, r),
      met: achieved >= count,
      progress: progress(count, achieved, achieved / count, 'credentials'),
      satisfiedBy: refs(ctx, used.slice(0, count)),
      rejected,
    },
    contributing: used,
  };
}

function evaluateNode(ctx: Ctx, r: Requirement, path: string): Node {
  const kind = kindOf(r);
  if (kind === 'achievement') return evaluateLeaf(ctx, r as AchievementRequirement, path);
  const children = childrenOf(r).map((ch, i) => evaluateNode(ctx, ch, childPath(r, path, i)));
  const contributing = union(
    ctx.items.length,
    children.map((c) => c.contributing),
  );
  if (kind === 'credits') {
    const need = (r as { credits: number }).credits;
    const sum = contributing.reduce((s, i) => s + (ctx.items[i]?.standing.credits ?? 0), 0);
    // Float sums (0.1 + 0.2) may fall a hair short of what they add up to.
    const met = sum >= need - 1e-9;
    return {
      result: {
        path,
        kind,
        label: labelOf(r),
        met,
        progress: progress(need, met ? need : sum, met ? 1 : sum / need, 'credits'),
        satisfiedBy: refs(ctx, contributing),
        children: children.map((c) => c.result),
      },
      contributing,
    };
  }
  const n =
    kind === 'all' ? children.length : kind === 'any' ? 1 : (r as { atLeast: number }).atLeast;
  const met = children.filter((c) => c.result.met);
  const top = children
    .map((c) => c.result.progress.ratio)
    .sort((a, b) => b - a)
    .slice(0, n);
  const ratio = top.reduce((s, x) => s + x, 0) / n;
  const isMet = met.length >= n;
  return {
    result: {
      path,
      kind,
      label: labelOf(r),
      met: isMet,
      progress: progress(n, Math.min(met.length, n), isMet ? 1 : ratio, 'requirements'),
      satisfiedBy: refs(
        ctx,
        union(
          ctx.items.length,
          met.slice(0, n).map((c) => c.result.satisfiedBy.map((s) => s.index)),
        ),
      ),
      children: children.map((c) => c.result),
    },
    contributing,
  };
}

function missingOf(r: RequirementResult, out: MissingRequirement[]): void {
  if (r.met) return;
  const p = r.progress;
  if (r.kind === 'achievement') {
    const left = p.required - p.achieved;
    out.push({
      path: r.path,
      label: r.label,
      needed:
        p.required > 1
          ? `${left} more credential(s) for ${r.label}`
          : `a credential for ${r.label}`,
      options: [],
    });
  } else if (r.kind === 'all') {
    for (const c of r.children ?? []) missingOf(c, out);
  } else if (r.kind === 'credits') {
    const left = Math.round((p.required - p.achieved) * 1000) / 1000;
    out.push({
      path: r.path,
      label: r.label,
      needed: `${left} more credit(s) from these requirements`,
      options: (r.children ?? []).map((c) => c.label),
    });
  } else {
    const left = p.required - p.achieved;
    out.push({
      path: r.path,
      label: r.label,
      needed: `${left} more of these requirements`,
      options: (r.children ?? []).filter((c) => !c.met).map((c) => c.label),
    });
  }
}

/**
 * Evaluate a pathway over credentials that were verified: a pure, deterministic function of the
 * pathway, the verification reports (from `verify()`, in any format; a presentation's or a CLR's
 * report stands for the credentials it holds) and the options.
 *
 * A credential counts only when its report shows it authentic (its proof verified and its
 * issuer's key is the issuer's), in force (not revoked or suspended, its status checked, inside
 * its validity period) and completed (no result with another status than `Completed`); every
 * other input is listed in `credentials` with the reason. A requirement accepts a credential of a
 * matching achievement from an accepted issuer, meeting its result threshold. The credentials
 * that count must all be about one learner (`options.learner`, or shown by their ids or
 * identifiers); otherwise `PathwayError` `ERR_PATHWAY_LEARNERS_MIXED`. An invalid pathway throws
 * `ValidationError`.
 *
 * Returns whether the pathway is met, the progress of every requirement (numbers a UI can draw),
 * which credential satisfied what, which matching credentials did not count and why, and what is
 * missing.
 *
 * @example
 * ```ts
 * import { verify } from 'ob3kit/verify';
 * import { evaluatePathway } from 'ob3kit/pathway';
 * const reports = await Promise.all(badges.map((b) => verify(b, { fetch })));
 * const result = evaluatePathway(pathway, reports, { learner: 'did:example:learner' });
 * console.log(result.met, result.progress); // false { required: 3, achieved: 2, ratio: 0.667, unit: 'requirements' }
 * for (const m of result.missing) console.log(m.needed);
 * ```
 */
export function evaluatePathway(
  pathway: Pathway,
  reports: readonly VerificationReport[],
  options: EvaluatePathwayOptions = {},
): PathwayEvaluation {
  assertValidPathway(pathway);
  if (!Array.isArray(reports))
    throw new TypeError('evaluatePathway: reports must be an array of verification reports');
  if (!isObject(options)) throw new TypeError('evaluatePathway: options must be an object');
  for (const [i, r] of reports.entries()) {
    if (!isObject(r) || !Array.isArray((r as unknown as VerificationReport).checks)) {
      throw new TypeError(
        `evaluatePathway: reports[${i}] is not a verification report (from verify())`,
      );
    }
    if (!isObject((r as unknown as VerificationReport).answers)) {
      throw new TypeError(
        `evaluatePathway: reports[${i}] has no answers (a report of an earlier version): verify the credential again`,
      );
    }
  }
  const known: LearnerIdentity[] =
    options.learner === undefined
      ? []
      : Array.isArray(options.learner)
        ? options.learner
        : [options.learner];
  for (const k of known) {
    const ok =
      typeof k === 'string'
        ? k !== ''
        : isObject(k) && typeof k.identity === 'string' && k.identity !== '';
    if (!ok)
      throw new TypeError(
        'evaluatePathway: options.learner must be an identity string or { identity, identityType? }',
      );
  }
  const flat = flattenReports(reports);
  const items = flat.map((r, i) => ({
    credential: isObject(r.credential) ? (r.credential as JsonObject) : undefined,
    standing: standingOf(i, r, { acceptUncheckedStatus: options.acceptUncheckedStatus === true }),
  }));
  // One credential counts once, however many times it is given (alone, in presentations, in
  // CLRs): a count or credit requirement is not met by showing one badge twice. An issuer's
  // credential is known by its id (a re-signed copy is the same credential).
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (!item.standing.counts || !item.credential) continue;
    const id = item.credential.id;
    const key =
      typeof id === 'string'
        ? `id:${issuerOf(item.credential) ?? ''}\u0000${id}`
        : `doc:${JSON.stringify(item.credential)}`;
    if (seen.has(key)) {
      item.standing = {
        ...refOf(i, item.credential),
        counts: false,
        reason: 'duplicate',
        message: 'The same credential as one given before it, which already counts',
        credits: 0,
      };
    } else seen.add(key);
  }
  // One learner.
  let reference: JsonObject | undefined;
  let referenceIndex = -1;
  for (const [i, item] of items.entries()) {
    if (!item.standing.counts || !item.credential) continue;
    const subject = subjectOf(item.credential) as JsonObject;
    if (known.length > 0) {
      if (!isLearner(subject, known)) {
        item.standing = {
          ...refOf(i, item.credential),
          counts: false,
          reason: 'other_learner',
          message: 'About another learner than the one evaluated',
          credits: 0,
        };
        continue;
      }
    } else if (reference) {
      const match = compareLearners(reference, subject);
      if (match !== 'same') {
        const a = refOf(referenceIndex, items[referenceIndex]?.credential);
        const b = refOf(i, item.credential);
        throw new PathwayError(
          'ERR_PATHWAY_LEARNERS_MIXED',
          `Credentials ${referenceIndex} (${a.id ?? a.name ?? 'no id'}) and ${i} (${b.id ?? b.name ?? 'no id'}) ${match === 'different' ? 'are about different learners' : 'cannot be shown to be about the same learner'}; a pathway is evaluated for one learner (pass options.learner to evaluate for a known learner)`,
          { credentials: [referenceIndex, i], match },
        );
      }
    }
    if (!reference) {
      reference = subject;
      referenceIndex = i;
    }
  }
  const ctx: Ctx = {
    pathway,
    items: items.map((x) => {
      const a = x.credential ? subjectOf(x.credential)?.achievement : undefined;
      return { ...x, achievement: isObject(a) ? a : undefined };
    }),
    refs: [],
    matched: 0,
  };
  const root = evaluateNode(ctx, pathway.requirement, '$.requirement').result;
  const missing: MissingRequirement[] = [];
  missingOf(root, missing);
  const out: PathwayEvaluation = {
    pathway: { id: pathway.id, name: pathway.name },
    met: root.met,
    progress: root.progress,
    requirement: root,
    missing,
    credentials: items.map((x) => x.standing),
  };
  if (reference) {
    const learner: { id?: string; identifier?: unknown[] } = {};
    if (typeof reference.id === 'string') learner.id = reference.id;
    const ids = listOf(reference.identifier);
    if (ids.length > 0) learner.identifier = ids;
    out.learner = learner;
  }
  return out;
}
