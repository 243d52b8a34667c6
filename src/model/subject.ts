/** Builders for credential subjects and what they carry (results, evidence). */
import { build } from './engine.js';
import type {
  AchievementSubjectInput,
  BuildOptions,
  EndorsementSubjectInput,
  EvidenceInput,
  ResultInput,
} from './inputs.js';
import type {
  AchievementSubject,
  EndorsementSubject,
  Evidence,
  Result,
} from './types.generated.js';

/**
 * Build an AchievementSubject (the recipient and the achievement awarded): `type` gets
 * `'AchievementSubject'`; `achievement` is required and built with the Achievement rules; the
 * recipient is identified by `id`, by at least one IdentityObject in `identifier`, or both
 * (neither is a `TypeError`). `activityStartDate`/`activityEndDate` accept `Date`s.
 *
 * @example
 * ```ts
 * import { createAchievementSubject } from 'ob3kit/model';
 * const subject = createAchievementSubject({
 *   id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
 *   achievement: {
 *     id: 'https://example.com/achievements/teamwork',
 *     name: 'Teamwork',
 *     description: 'Collaborates within a group.',
 *     criteria: { narrative: 'Nominated by peers.' },
 *   },
 * });
 * console.log(subject.type, subject.achievement.type); // ['AchievementSubject'] ['Achievement']
 * ```
 */
export function createAchievementSubject(
  subject: AchievementSubjectInput | AchievementSubject,
  options?: BuildOptions,
): AchievementSubject {
  return build('createAchievementSubject', 'AchievementSubject', subject, options);
}

/**
 * Build a Result: `type` gets `'Result'`; `status` must be a ResultStatusType term.
 *
 * @example
 * ```ts
 * import { createResult } from 'ob3kit/model';
 * const result = createResult({
 *   resultDescription: 'urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c',
 *   value: 'A',
 * });
 * console.log(result.type); // ['Result']
 * ```
 */
export function createResult(subject: ResultInput, options?: BuildOptions): Result {
  return build('createResult', 'Result', subject, options);
}

/**
 * Build an Evidence entry: `type` gets `'Evidence'`; every other property is optional.
 *
 * @example
 * ```ts
 * import { createEvidence } from 'ob3kit/model';
 * const evidence = createEvidence({
 *   id: 'https://github.com/somebody/project',
 *   name: 'Final Project Code',
 * });
 * console.log(evidence.type); // ['Evidence']
 * ```
 */
export function createEvidence(subject: EvidenceInput, options?: BuildOptions): Evidence {
  return build('createEvidence', 'Evidence', subject, options);
}

/**
 * Build an EndorsementSubject: `type` gets `'EndorsementSubject'`; `id`, the URI of what is
 * endorsed (a Profile, an Achievement, a credential), is required.
 *
 * @example
 * ```ts
 * import { createEndorsementSubject } from 'ob3kit/model';
 * const s = createEndorsementSubject({
 *   id: 'https://1edtech.edu/issuers/565049',
 *   endorsementComment: '1EdTech University is in good standing',
 * });
 * console.log(s.type); // ['EndorsementSubject']
 * ```
 */
export function createEndorsementSubject(
  subject: EndorsementSubjectInput,
  options?: BuildOptions,
): EndorsementSubject {
  return build('createEndorsementSubject', 'EndorsementSubject', subject, options);
}
