/** `createEuMicroCredential`: the builder preset of the EU micro-credential profile. */

import { describeValue } from '../../internal/describe.js';
import { createAchievementCredential } from '../../model/credential.js';
import type {
  AchievementInput,
  AddressInput,
  CredentialInputBase,
  CredentialOptions,
  CriteriaInput,
  DateInput,
  EvidenceInput,
  IdentityObjectInput,
  ImageInput,
  ProfileInput,
  ResultInput,
} from '../../model/inputs.js';
import type {
  AchievementCredential,
  AlignmentTargetType,
  URI,
  URL,
} from '../../model/types.generated.js';
import { checkEuMicroCredential } from './check.js';
import {
  ECTS_URL,
  EQF_LEVEL_URL,
  type EU_INTEGRATION_VALUES,
  EU_MICROCREDENTIAL_CONTEXT,
  type EU_SUPERVISION_VALUES,
} from './elements.js';

/**
 * One learning outcome: its name and the URL of the outcome, skill or competency it is (an ESCO
 * skill, a CASE item, ...), with its framework and code when it has them.
 *
 * @example
 * ```ts
 * import type { EuLearningOutcome } from 'ob3kit/model';
 * const o: EuLearningOutcome = {
 *   name: 'use SQL',
 *   url: 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d',
 *   framework: 'ESCO',
 * };
 * ```
 */
export interface EuLearningOutcome {
  name: string;
  url: URL;
  framework?: string;
  code?: string;
  description?: string;
  /** The alignment's targetType (default `'ext:LearningOutcome'`). */
  type?: AlignmentTargetType;
}

/**
 * Input of {@link createEuMicroCredential}: the Annex I elements by name, mapped onto Open
 * Badges 3.0 by the builder.
 *
 * @example
 * ```ts
 * import type { EuMicroCredentialInput } from 'ob3kit/model';
 * const input: EuMicroCredentialInput = {
 *   issuer: { id: 'did:web:uni.example', name: 'Example University', address: { addressCountryCode: 'NL' } },
 *   learner: { id: 'did:example:ada' },
 *   title: 'Data Visualisation',
 *   description: 'Designing clear charts from data.',
 *   learningOutcomes: [{ name: 'visualise data', url: 'http://data.europa.eu/esco/skill/0d6f8a9d-57c5-4d4e-8d8d-0e8cc6c9d1bb', framework: 'ESCO' }],
 *   workload: { ects: 3 },
 *   level: { eqf: 6 },
 *   typeOfAssessment: 'portfolio',
 *   formOfParticipation: 'online',
 *   qualityAssurance: { name: 'NVAO accreditation', url: 'https://www.nvao.net/' },
 * };
 * ```
 */
export interface EuMicroCredentialInput extends CredentialInputBase {
  /** The awarding body: a Profile with its name and country (ISO 3166-1 alpha-2). */
  issuer: ProfileInput & {
    id: URI;
    name: string;
    address: AddressInput & { addressCountryCode: string };
  };
  /** The learner: an `id` and/or identifiers. */
  learner:
    | { id: URI; identifier?: IdentityObjectInput[] }
    | { id?: URI; identifier: IdentityObjectInput[] };
  /** The title of the micro-credential (the achievement's name; also the credential's name). */
  title: string;
  description: string;
  /** The achievement's id (default: a new `urn:uuid:`). */
  achievementId?: URI;
  /** How it is earned (default: the description as narrative). */
  criteria?: CriteriaInput;
  /** Learning outcomes as alignments (at least one, or a `learningOutcomeSummary`). */
  learningOutcomes?: EuLearningOutcome[];
  learningOutcomeSummary?: string;
  /** Notional workload: ECTS credits and/or hours (or an ISO 8601 duration); another credit system by name or URI. */
  workload: { ects?: number; hours?: number; duration?: string; creditSystem?: string };
  /** The EQF level (1 to 8), or `'not-applicable'`. */
  level: { eqf: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 } | 'not-applicable';
  /** For example `testing`, `application of a skill`, `portfolio`, `recognition of prior learning`. */
  typeOfAssessment: string;
  /** For example `online`, `onsite`, `blended`, `volunteering`, `work experience`. */
  formOfParticipation: string;
  /** The quality assurance: the framework, agency or accreditation, with its URL (a DEQAR or EQAR page, ...). */
  qualityAssurance: { name: string; url: URL; framework?: string; description?: string };
  /** Prerequisites needed to enrol (Markdown). */
  prerequisites?: string;
  supervision?: (typeof EU_SUPERVISION_VALUES)[number];
  /** The grade achieved, as Results. */
  grade?: ResultInput[];
  integration?: (typeof EU_INTEGRATION_VALUES)[number];
  /** Credentials it stacks into (alignments of type `ceterms:Credential`). */
  stacksInto?: Array<{ name: string; url: URL }>;
  /** Further Achievement fields (image, tag, otherIdentifier, more alignments, ...). */
  achievement?: Partial<AchievementInput>;
  name?: string;
  image?: ImageInput;
  validFrom?: DateInput;
  validUntil?: DateInput;
  awardedDate?: DateInput;
  evidence?: EvidenceInput[];
}

function modelError(code: string, path: string, message: string): TypeError {
  return Object.assign(new TypeError(`createEuMicroCredential: ${message}`), { code, path });
}

/**
 * Build an (unsigned) Open Badges 3.0 credential that carries every mandatory element of the EU
 * micro-credential profile (Council Recommendation 2022/C 243/02, Annex I), mapped as
 * docs/eu-profile.md describes: core Open Badges fields first (issuer name and address, subject,
 * achievement name, `creditsAvailable` for ECTS, alignments for learning outcomes, the EQF level
 * and the quality assurance, `achievementType: 'MicroCredential'`), and ob3kit's small bundled
 * extension context (`EU_MICROCREDENTIAL_CONTEXT`) for the type of assessment, the form of
 * participation, hours of learning, prerequisites, supervision and integration. The result
 * passes {@link checkEuMicroCredential}; an element missing or invalid in the input is a
 * `TypeError` naming it by its title in the Recommendation (`code` `ERR_MODEL_REQUIRED` or
 * `ERR_MODEL_VALUE`).
 *
 * @example
 * ```ts
 * import { createEuMicroCredential } from 'ob3kit/model';
 * const credential = createEuMicroCredential(input);
 * const signed = await signCredential(credential, { key });
 * ```
 */
export function createEuMicroCredential(
  input: EuMicroCredentialInput,
  options?: Omit<CredentialOptions, 'vc'>,
): AchievementCredential {
  if (typeof input !== 'object' || input === null) {
    throw modelError('ERR_MODEL_TYPE', '', 'the input must be an object');
  }
  const {
    learner,
    title,
    description,
    achievementId,
    criteria,
    learningOutcomes = [],
    learningOutcomeSummary,
    workload,
    level,
    typeOfAssessment,
    formOfParticipation,
    qualityAssurance,
    prerequisites,
    supervision,
    grade,
    integration,
    stacksInto = [],
    achievement: extra = {},
    '@context': contexts,
    ...credential
  } = input;
  if (typeof workload !== 'object' || workload === null) {
    throw modelError(
      'ERR_MODEL_REQUIRED',
      'workload',
      `"workload" is required (Notional workload: { ects } and/or { hours })`,
    );
  }
  if (workload.hours !== undefined && workload.duration !== undefined) {
    throw modelError(
      'ERR_MODEL_VALUE',
      'workload',
      'give workload.hours or workload.duration, not both',
    );
  }
  if (workload.hours !== undefined && !(typeof workload.hours === 'number' && workload.hours > 0)) {
    throw modelError(
      'ERR_MODEL_VALUE',
      'workload.hours',
      `workload.hours must be a positive number, found ${describeValue(workload.hours)}`,
    );
  }
  const eqf = level === 'not-applicable' ? undefined : level?.eqf;
  if (
    level !== 'not-applicable' &&
    !(Number.isInteger(eqf) && (eqf as number) >= 1 && (eqf as number) <= 8)
  ) {
    throw modelError(
      'ERR_MODEL_VALUE',
      'level',
      `level must be { eqf: 1 to 8 } or 'not-applicable', found ${describeValue(level)}`,
    );
  }
  const alignment = [
    ...learningOutcomes.map((o) => ({
      targetName: o.name,
      targetUrl: o.url,
      targetType: o.type ?? 'ext:LearningOutcome',
      ...(o.framework ? { targetFramework: o.framework } : {}),
      ...(o.code ? { targetCode: o.code } : {}),
      ...(o.description ? { targetDescription: o.description } : {}),
    })),
    ...(eqf
      ? [
          {
            targetName: `EQF level ${eqf}`,
            targetUrl: `${EQF_LEVEL_URL}${eqf}`,
            targetType: 'ext:EQFLevel',
            targetFramework: 'European Qualifications Framework',
            targetCode: String(eqf),
          },
        ]
      : []),
    ...(qualityAssurance
      ? [
          {
            targetName: qualityAssurance.name,
            targetUrl: qualityAssurance.url,
            targetType: 'ext:QualityAssurance',
            ...(qualityAssurance.framework ? { targetFramework: qualityAssurance.framework } : {}),
            ...(qualityAssurance.description
              ? { targetDescription: qualityAssurance.description }
              : {}),
          },
        ]
      : []),
    ...stacksInto.map((t) => ({
      targetName: t.name,
      targetUrl: t.url,
      targetType: 'ceterms:Credential',
    })),
    ...((extra.alignment as AchievementInput['alignment']) ?? []),
  ];
  const credits = workload.ects;
  const system = workload.creditSystem;
  const achievement: Record<string, unknown> = {
    achievementType: 'MicroCredential',
    ...extra,
    ...(achievementId ? { id: achievementId } : {}),
    name: title,
    description,
    criteria: criteria ?? { narrative: description },
    ...(alignment.length > 0 ? { alignment } : {}),
    ...(credits !== undefined ? { creditsAvailable: credits } : {}),
    ...(system !== undefined && system !== 'ECTS' && system !== ECTS_URL
      ? { creditSystem: system }
      : {}),
    ...(workload.hours !== undefined ? { volumeOfLearning: `PT${workload.hours}H` } : {}),
    ...(workload.duration !== undefined ? { volumeOfLearning: workload.duration } : {}),
    ...(learningOutcomeSummary !== undefined ? { learningOutcomeSummary } : {}),
    ...(level === 'not-applicable' ? { levelNotApplicable: true } : {}),
    typeOfAssessment,
    formOfParticipation,
    ...(prerequisites !== undefined ? { entryRequirement: prerequisites } : {}),
    ...(supervision !== undefined ? { supervisionAndIdentityVerification: supervision } : {}),
    ...(integration !== undefined ? { integration } : {}),
  };
  const given = contexts === undefined ? [] : Array.isArray(contexts) ? contexts : [contexts];
  const out = createAchievementCredential(
    {
      ...credential,
      '@context': [
        ...given.filter((c) => c !== EU_MICROCREDENTIAL_CONTEXT),
        EU_MICROCREDENTIAL_CONTEXT,
      ],
      name: credential.name ?? title,
      credentialSubject: {
        ...(learner as object),
        achievement: achievement as unknown as AchievementInput,
        ...(grade ? { result: grade } : {}),
      } as never,
    },
    options,
  );
  const check = checkEuMicroCredential(out);
  const bad = check.elements.find(
    (e) => e.status !== 'present' && (e.mandatory || e.status === 'invalid'),
  );
  if (bad) {
    throw modelError(
      bad.status === 'missing' ? 'ERR_MODEL_REQUIRED' : 'ERR_MODEL_VALUE',
      bad.path.replace(/^\$\.?/, ''),
      `"${bad.title}" is ${bad.status}: ${bad.message}`,
    );
  }
  return out;
}
