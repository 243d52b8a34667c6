/** Issuing the stacked credential of a met pathway, and a CLR 2.0 that carries its parts. */
import { createClrCredential } from '../clr/build.js';
import { PathwayError } from '../errors.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { createAchievementCredential } from '../model/credential.js';
import type {
  BuildOptions,
  CredentialInputBase,
  DateInput,
  EvidenceInput,
  ImageInput,
  ProfileInput,
} from '../model/inputs.js';
import type {
  AchievementCredential,
  AssociationType,
  ClrCredential,
  URI,
} from '../model/types.generated.js';
import type { VerificationReport } from '../verify/types.js';
import { assertValidPathway, describeRequirement } from './definition.js';
import { flattenReports } from './evaluate.js';
import type { CredentialRef, Pathway, PathwayEvaluation, RequirementResult } from './types.js';

/**
 * Options of {@link createStackedCredential}: the issuer, and any credential fields to set
 * (`id`, `name`, `validFrom`, `validUntil`, `credentialStatus`, extra `@context`s, ...).
 *
 * @example
 * ```ts
 * import type { StackedCredentialOptions } from 'ob3kit/pathway';
 * const o: StackedCredentialOptions = { issuer: { id: 'did:web:example.edu', name: 'Example University' } };
 * ```
 */
export interface StackedCredentialOptions extends CredentialInputBase, BuildOptions {
  issuer: URI | ProfileInput;
  name?: string;
  description?: string;
  image?: ImageInput;
  validFrom?: DateInput;
  validUntil?: DateInput;
  awardedDate?: DateInput;
}

function checkEvaluation(fn: string, pathway: Pathway, evaluation: PathwayEvaluation): void {
  assertValidPathway(pathway);
  if (!isObject(evaluation) || !isObject(evaluation.pathway) || !isObject(evaluation.requirement)) {
    throw new TypeError(`${fn}: evaluation must be the result of evaluatePathway`);
  }
  if (evaluation.pathway.id !== pathway.id) {
    throw new PathwayError(
      'ERR_PATHWAY_MISMATCH',
      `${fn}: the evaluation is of pathway ${evaluation.pathway.id}, not ${pathway.id}`,
    );
  }
  if (!evaluation.met) {
    throw new PathwayError(
      'ERR_PATHWAY_NOT_MET',
      `${fn}: ${pathway.name} is not met; missing: ${evaluation.missing.map((m) => m.needed).join('; ')}`,
      { missing: evaluation.missing },
    );
  }
}

/** The credentials a met evaluation used, once each, in input order. */
function usedCredentials(root: RequirementResult): CredentialRef[] {
  const seen = new Map<number, CredentialRef>();
  for (const r of root.satisfiedBy) seen.set(r.index, r);
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

/** Which requirements (labels) each credential satisfied, for the evidence narrative. */
function satisfied(root: RequirementResult): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const walk = (r: RequirementResult) => {
    if (r.kind === 'achievement' && r.met) {
      for (const c of r.satisfiedBy) out.set(c.index, [...(out.get(c.index) ?? []), r.label]);
    }
    for (const c of r.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

function learnerSubject(fn: string, evaluation: PathwayEvaluation): JsonObject {
  const l = evaluation.learner;
  const subject: JsonObject = {};
  if (l?.id !== undefined) subject.id = l.id;
  if (l?.identifier !== undefined && l.identifier.length > 0) subject.identifier = l.identifier;
  if (subject.id === undefined && subject.identifier === undefined) {
    throw new PathwayError('ERR_PATHWAY_COMPONENT', `${fn}: the evaluation names no learner`);
  }
  return subject;
}

/**
 * Build the (unsigned) Open Badges 3.0 credential a learner earns by meeting a pathway: an
 * AchievementCredential for the pathway's destination achievement, about the learner the
 * evaluation established, with one `evidence` entry for each component credential used (its
 * credential `id`, typed `['Evidence', 'AchievementCredential']`, named after it, saying which
 * requirements it met). When the destination has no `criteria`, they are written from the
 * requirement tree (and linked to the pathway's `id` when it is an https URL). Sign the result
 * with `signCredential` or `signCredentialJwt`.
 *
 * Throws `PathwayError` `ERR_PATHWAY_NOT_MET` (with the missing requirements) or
 * `ERR_PATHWAY_MISMATCH` (an evaluation of another pathway), `ValidationError` for an invalid
 * pathway, and the builders' `TypeError`s for bad options.
 *
 * @example
 * ```ts
 * import { createStackedCredential, evaluatePathway } from 'ob3kit/pathway';
 * import { signCredential } from 'ob3kit';
 * const evaluation = evaluatePathway(pathway, reports);
 * const stacked = createStackedCredential(pathway, evaluation, { issuer: { id: did, name: 'Example University' } });
 * const signed = await signCredential(stacked, { key });
 * ```
 */
export function createStackedCredential(
  pathway: Pathway,
  evaluation: PathwayEvaluation,
  options: StackedCredentialOptions,
): AchievementCredential {
  const fn = 'createStackedCredential';
  checkEvaluation(fn, pathway, evaluation);
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object with an issuer`);
  const { now, ...input } = options;
  const met = satisfied(evaluation.requirement);
  const evidence: EvidenceInput[] = usedCredentials(evaluation.requirement).map((c) => {
    if (typeof c.id !== 'string') {
      throw new PathwayError(
        'ERR_PATHWAY_COMPONENT',
        `${fn}: component credential ${c.index} has no id, so the stacked credential cannot name it`,
        { index: c.index },
      );
    }
    const what = c.achievementName ?? c.name ?? c.achievementId ?? c.id;
    const labels = met.get(c.index) ?? [];
    return {
      id: c.id,
      type: ['Evidence', 'AchievementCredential'],
      name: what,
      description: `${what}${c.issuer ? `, issued by ${c.issuer}` : ''}`,
      ...(labels.length > 0
        ? { narrative: `Meets: ${labels.map((l) => JSON.stringify(l)).join(', ')}.` }
        : {}),
    };
  });
  const destination = pathway.destination as JsonObject;
  const criteria = destination.criteria ?? {
    ...(/^https:\/\//.test(pathway.id) ? { id: pathway.id } : {}),
    narrative: `Earned by meeting the pathway "${pathway.name}":\n\n${describeRequirement(pathway.requirement)}`,
  };
  return createAchievementCredential(
    {
      name: (destination.name as string | undefined) ?? pathway.name,
      ...input,
      credentialSubject: {
        ...learnerSubject(fn, evaluation),
        achievement: { ...destination, criteria } as never,
      } as never,
      evidence: [...evidence, ...((input.evidence as EvidenceInput[] | undefined) ?? [])],
    },
    now === undefined ? undefined : { now },
  );
}

/**
 * Options of {@link createClrForPathway}.
 *
 * @example
 * ```ts
 * import type { ClrForPathwayOptions } from 'ob3kit/pathway';
 * const o: ClrForPathwayOptions = { issuer: 'did:web:example.edu', stacked: signedStacked };
 * ```
 */
export interface ClrForPathwayOptions extends CredentialInputBase, BuildOptions {
  issuer: URI | ProfileInput;
  /** The record's name (default: the pathway's name and "record"). */
  name?: string;
  description?: string;
  validFrom?: DateInput;
  validUntil?: DateInput;
  /** The (signed) stacked credential, bundled after the components. */
  stacked?: Record<string, unknown>;
  /** How each component's achievement relates to the destination (default `'isPartOf'`). */
  associationType?: Extract<AssociationType, 'isPartOf' | 'isChildOf'>;
}

/**
 * Build an (unsigned) CLR 2.0 record of a met pathway for its learner: the component credentials
 * the evaluation used, exactly as they were issued (from the same verification reports given to
 * `evaluatePathway`), then the stacked credential when given; the destination achievement (in
 * `achievement` when no stacked credential carries it); one association per component
 * achievement stating that it `isPartOf` (or `isChildOf`) the destination. `partial` is left to
 * the caller (set it when the publisher holds more of the learner's credentials than the record
 * carries). Sign it with `signCredential`.
 *
 * A component secured as a VC-JWT (or with no proof of its own) cannot be bundled as issued
 * (a CLR bundles credential objects): `PathwayError` `ERR_PATHWAY_COMPONENT`; the stacked
 * credential still names it. Other errors as {@link createStackedCredential}.
 *
 * @example
 * ```ts
 * import { createClrForPathway } from 'ob3kit/pathway';
 * const record = createClrForPathway(pathway, evaluation, reports, { issuer: profile, stacked: signedStacked });
 * const signedRecord = await signCredential(record, { key });
 * ```
 */
export function createClrForPathway(
  pathway: Pathway,
  evaluation: PathwayEvaluation,
  reports: readonly VerificationReport[],
  options: ClrForPathwayOptions,
): ClrCredential {
  const fn = 'createClrForPathway';
  checkEvaluation(fn, pathway, evaluation);
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object with an issuer`);
  const { now, stacked, associationType = 'isPartOf', ...input } = options;
  if (associationType !== 'isPartOf' && associationType !== 'isChildOf') {
    throw new TypeError(`${fn}: options.associationType must be 'isPartOf' or 'isChildOf'`);
  }
  const flat = flattenReports(reports);
  const components: JsonObject[] = [];
  const achievementIds: string[] = [];
  for (const ref of usedCredentials(evaluation.requirement)) {
    const report = flat[ref.index];
    const credential = report?.credential as JsonObject | undefined;
    if (!report || !isObject(credential) || credential.id !== ref.id) {
      throw new PathwayError(
        'ERR_PATHWAY_MISMATCH',
        `${fn}: reports[${ref.index}] is not the credential the evaluation used (pass the reports given to evaluatePathway)`,
        { index: ref.index },
      );
    }
    if (report.format === 'jwt' || credential.proof === undefined) {
      throw new PathwayError(
        'ERR_PATHWAY_COMPONENT',
        `${fn}: component ${ref.id} ${report.format === 'jwt' ? 'is secured as a VC-JWT' : 'has no embedded proof'}; a CLR bundles credentials as issued objects, so it cannot be carried without losing its signature`,
        { index: ref.index, id: ref.id },
      );
    }
    components.push(credential);
    if (ref.achievementId && !achievementIds.includes(ref.achievementId)) {
      achievementIds.push(ref.achievementId);
    }
  }
  const destination = pathway.destination as JsonObject;
  const criteria = destination.criteria ?? {
    narrative: `Earned by meeting the pathway "${pathway.name}".`,
  };
  return createClrCredential(
    {
      name: `${pathway.name} record`,
      ...input,
      credentialSubject: {
        ...learnerSubject(fn, evaluation),
        verifiableCredential: stacked ? [...components, stacked] : components,
        ...(stacked ? {} : { achievement: [{ ...destination, criteria } as never] }),
        association: achievementIds.map((sourceId) => ({
          associationType,
          sourceId,
          targetId: destination.id as string,
        })),
      },
    },
    now === undefined ? undefined : { now },
  );
}
