/** Verifying credentials for a pathway: `checkPathway` and `verifyStackedCredential`. */
import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { compareLearners } from '../model/identity.js';
import type { VerificationReport, VerifyOptions } from '../verify/types.js';
import { verify } from '../verify/verify.js';
import { assertValidPathway, childrenOf } from './definition.js';
import { type EvaluatePathwayOptions, evaluatePathway, flattenReports } from './evaluate.js';
import { issuerOf, subjectOf } from './standing.js';
import type { Pathway, PathwayEvaluation, Requirement } from './types.js';

/**
 * Options of {@link checkPathway} and {@link verifyStackedCredential}: `verify()`'s options
 * (clock, network, documents, limits) and `evaluatePathway`'s (learner, unchecked status).
 *
 * @example
 * ```ts
 * import type { CheckPathwayOptions } from 'ob3kit/pathway';
 * const o: CheckPathwayOptions = { now: new Date(), learner: 'did:example:learner' };
 * ```
 */
export type CheckPathwayOptions = VerifyOptions & EvaluatePathwayOptions;

function split(options: CheckPathwayOptions | undefined): {
  verifyOptions: VerifyOptions;
  evaluateOptions: EvaluatePathwayOptions;
} {
  if (options !== undefined && !isObject(options)) throw new TypeError('options must be an object');
  const { learner, acceptUncheckedStatus, ...verifyOptions } = (options ??
    {}) as CheckPathwayOptions;
  const evaluateOptions: EvaluatePathwayOptions = {};
  if (learner !== undefined) evaluateOptions.learner = learner;
  if (acceptUncheckedStatus !== undefined)
    evaluateOptions.acceptUncheckedStatus = acceptUncheckedStatus;
  return { verifyOptions, evaluateOptions };
}

/**
 * Verify credentials in any form `verify()` takes (objects, JSON text, VC-JWTs, baked PNG or SVG
 * badges, presentations, CLRs), then evaluate a pathway over them: `evaluatePathway` with the
 * reports, which are returned too (for `createClrForPathway`).
 *
 * @example
 * ```ts
 * import { checkPathway } from 'ob3kit/pathway';
 * const { evaluation, reports } = await checkPathway(pathway, [pngBytes, jwt, credentialObject]);
 * console.log(evaluation.met, evaluation.missing.map((m) => m.needed));
 * ```
 */
export async function checkPathway(
  pathway: Pathway,
  credentials: readonly unknown[],
  options?: CheckPathwayOptions,
): Promise<{ evaluation: PathwayEvaluation; reports: VerificationReport[] }> {
  if (!Array.isArray(credentials))
    throw new TypeError('checkPathway: credentials must be an array');
  const { verifyOptions, evaluateOptions } = split(options);
  const reports: VerificationReport[] = [];
  for (const c of credentials) reports.push(await verify(c, verifyOptions));
  return { evaluation: evaluatePathway(pathway, reports, evaluateOptions), reports };
}

/**
 * The issuers whose certificate for the destination counts: the pathway's `issuers`, or, when it
 * lists none, those its requirements list.
 */
function certificateIssuers(pathway: Pathway): string[] {
  if (Array.isArray(pathway?.issuers)) return pathway.issuers;
  const out: string[] = [];
  const stack: Requirement[] = isObject(pathway?.requirement) ? [pathway.requirement] : [];
  while (stack.length > 0) {
    const r = stack.pop() as Requirement;
    if ('issuers' in r && Array.isArray(r.issuers)) out.push(...r.issuers);
    stack.push(...childrenOf(r));
  }
  return out;
}

/**
 * One finding of {@link verifyStackedCredential}: a stable snake_case `code` and a message.
 * @example
 * ```ts
 * import type { StackedIssue } from 'ob3kit/pathway';
 * const i: StackedIssue = { code: 'component_missing', message: 'urn:uuid:1 was not given', path: '$.evidence[0]' };
 * ```
 */
export interface StackedIssue {
  code:
    | 'stacked_invalid'
    | 'stacked_unchecked'
    | 'stacked_wrong_achievement'
    | 'stacked_issuer_not_accepted'
    | 'component_missing'
    | 'component_not_counting'
    | 'learner_mismatch'
    | 'pathway_not_met';
  message: string;
  path?: string;
}

/**
 * What {@link verifyStackedCredential} found: whether the stacked credential still holds (it
 * verifies, it is for the pathway's destination, and the components it names, verified now,
 * still meet the pathway for its learner), its report, the re-evaluation, and the findings.
 * @example
 * ```ts
 * import type { StackedVerification } from 'ob3kit/pathway';
 * const show = (v: StackedVerification) => (v.holds ? 'holds' : v.issues.map((i) => i.code).join(', '));
 * ```
 */
export interface StackedVerification {
  holds: boolean;
  report: VerificationReport;
  evaluation: PathwayEvaluation;
  /** The reports of the components named by the stacked credential, in the order given. */
  components: VerificationReport[];
  issues: StackedIssue[];
}

/**
 * Re-check a stacked credential against its pathway: verify it; check it is for the pathway's
 * destination achievement and issued by one of the pathway's issuers (its `issuers`, else its
 * requirements'); verify the component credentials given (alone, or in presentations
 * or CLRs), keep those its `evidence` names (by credential id), and evaluate the pathway over
 * them; they must still meet it (none revoked, suspended or expired since) and be about the
 * stacked credential's learner. Components given but not named are ignored; named ones not given
 * are reported (`component_missing`). An invalid pathway is a `ValidationError`, thrown before
 * anything is verified.
 *
 * @example
 * ```ts
 * import { verifyStackedCredential } from 'ob3kit/pathway';
 * const result = await verifyStackedCredential(stacked, badges, pathway, { now: new Date() });
 * if (!result.holds) console.log(result.issues);
 * ```
 */
export async function verifyStackedCredential(
  stacked: unknown,
  components: readonly unknown[],
  pathway: Pathway,
  options?: CheckPathwayOptions,
): Promise<StackedVerification> {
  if (!Array.isArray(components)) {
    throw new TypeError('verifyStackedCredential: components must be an array');
  }
  // The pathway is checked (bounded, no cycles) before it is walked or any credential verified.
  assertValidPathway(pathway);
  const { verifyOptions, evaluateOptions } = split(options);
  const issues: StackedIssue[] = [];
  const report = await verify(stacked, verifyOptions);
  if (report.verdict === 'invalid') {
    issues.push({ code: 'stacked_invalid', message: 'The stacked credential does not verify' });
  } else {
    // Not invalid is not enough: a proof that could not be checked (a key offline) or a status
    // not read is a warning. It holds only as its components count: authentic and in force.
    const { authentic, inForce } = report.answers;
    const statusOpen = inForce.value !== 'yes' && evaluateOptions.acceptUncheckedStatus !== true;
    if (authentic.value !== 'yes' || statusOpen) {
      issues.push({
        code: 'stacked_unchecked',
        message:
          authentic.value !== 'yes'
            ? "The stacked credential could not be shown authentic (its proof was not verified with its issuer's key)"
            : 'The stacked credential could not be shown in force (its status was not checked; pass the status list in documents, or acceptUncheckedStatus)',
      });
    }
  }
  const doc = isObject(report.credential) ? (report.credential as JsonObject) : {};
  const subject = subjectOf(doc);
  const achievement = subject && isObject(subject.achievement) ? subject.achievement : undefined;
  const destination = (pathway as { destination?: { id?: unknown } })?.destination?.id;
  if (achievement?.id !== destination) {
    issues.push({
      code: 'stacked_wrong_achievement',
      message: `The stacked credential is for ${String(achievement?.id ?? 'no achievement')}, not the pathway's destination ${String(destination)}`,
      path: '$.credentialSubject.achievement.id',
    });
  }
  // The destination is the pathway's achievement: a certificate for it counts only from an issuer
  // the pathway accepts, not from whoever signs one naming a learner's genuine components.
  const accepted = certificateIssuers(pathway);
  const stackedIssuer = issuerOf(doc);
  if (!accepted.includes('*') && !accepted.includes(stackedIssuer ?? '')) {
    issues.push({
      code: 'stacked_issuer_not_accepted',
      message: `The stacked credential is issued by ${stackedIssuer === undefined ? 'an unnamed issuer' : describeValue(stackedIssuer)}, which is not one of the pathway's issuers`,
      path: '$.issuer',
    });
  }
  const evidence = Array.isArray(doc.evidence)
    ? doc.evidence
    : doc.evidence === undefined
      ? []
      : [doc.evidence];
  const named = new Map<string, number>();
  evidence.forEach((e, i) => {
    if (isObject(e) && typeof e.id === 'string') named.set(e.id, i);
  });
  const reports: VerificationReport[] = [];
  for (const c of components) {
    // A component may come in a presentation or a CLR: the credentials it holds are read.
    for (const r of flattenReports([await verify(c, verifyOptions)])) {
      const id = isObject(r.credential) ? (r.credential as JsonObject).id : undefined;
      if (typeof id === 'string' && named.has(id)) reports.push(r);
    }
  }
  const given = new Set(reports.map((r) => (r.credential as JsonObject).id));
  for (const [id, i] of named) {
    if (!given.has(id)) {
      issues.push({
        code: 'component_missing',
        message: `The component ${id} it names was not given`,
        path: `$.evidence[${i}]`,
      });
    }
  }
  const evaluation = evaluatePathway(pathway, reports, evaluateOptions);
  for (const c of evaluation.credentials) {
    if (!c.counts) {
      issues.push({
        code: 'component_not_counting',
        message: `The component ${c.id ?? c.index} no longer counts: ${c.message ?? c.reason}`,
        path: c.id && named.has(c.id) ? `$.evidence[${named.get(c.id)}]` : undefined,
      });
    }
  }
  if (evaluation.learner && subject && compareLearners(subject, evaluation.learner) !== 'same') {
    issues.push({
      code: 'learner_mismatch',
      message: "The components are not shown to be about the stacked credential's learner",
    });
  }
  if (!evaluation.met) {
    issues.push({
      code: 'pathway_not_met',
      message: `The components no longer meet ${pathway.name}: ${evaluation.missing.map((m) => m.needed).join('; ')}`,
    });
  }
  const blocking = issues.some(
    (i) => i.code !== 'component_missing' && i.code !== 'component_not_counting',
  );
  return {
    holds: !blocking && evaluation.met,
    report,
    evaluation,
    components: reports,
    issues,
  };
}
