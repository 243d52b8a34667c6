/** The EU micro-credential elements (Council Recommendation 2022/C 243/02, Annex I). */

/**
 * The URL of ob3kit's EU micro-credential extension context (version 1). It is bundled with
 * ob3kit and never fetched; it defines only what Open Badges 3.0 has no field for.
 *
 * @example
 * ```ts
 * import { EU_MICROCREDENTIAL_CONTEXT } from 'ob3kit/model';
 * credential['@context'].includes(EU_MICROCREDENTIAL_CONTEXT);
 * ```
 */
export const EU_MICROCREDENTIAL_CONTEXT = 'https://ob3kit.dev/contexts/eu-microcredential/v1.json';

/**
 * The key of one element of the Recommendation's Annex I: the eleven mandatory ones, then the
 * optional ones.
 *
 * @example
 * ```ts
 * import type { EuElement } from 'ob3kit/model';
 * const e: EuElement = 'workload';
 * ```
 */
export type EuElement =
  | 'learner'
  | 'title'
  | 'country'
  | 'awardingBody'
  | 'dateOfIssuing'
  | 'learningOutcomes'
  | 'workload'
  | 'level'
  | 'typeOfAssessment'
  | 'formOfParticipation'
  | 'qualityAssurance'
  | 'prerequisites'
  | 'supervision'
  | 'grade'
  | 'integration'
  | 'furtherInformation';

/**
 * Each Annex I element: its key, its title in the Recommendation, and whether it is mandatory.
 *
 * @example
 * ```ts
 * import { EU_ELEMENTS } from 'ob3kit/model';
 * EU_ELEMENTS.filter((e) => e.mandatory).length; // 11
 * ```
 */
export const EU_ELEMENTS: ReadonlyArray<{ element: EuElement; title: string; mandatory: boolean }> =
  Object.freeze([
    { element: 'learner', title: 'Identification of the learner', mandatory: true },
    { element: 'title', title: 'Title of the micro-credential', mandatory: true },
    { element: 'country', title: 'Country(ies)/Region(s) of the issuer', mandatory: true },
    { element: 'awardingBody', title: 'Awarding body(ies)', mandatory: true },
    { element: 'dateOfIssuing', title: 'Date of issuing', mandatory: true },
    { element: 'learningOutcomes', title: 'Learning outcomes', mandatory: true },
    {
      element: 'workload',
      title:
        'Notional workload needed to achieve the learning outcomes (in European Credit Transfer and Accumulation System – ECTS, wherever possible)',
      mandatory: true,
    },
    {
      element: 'level',
      title:
        'Level (and cycle, if applicable) of the learning experience leading to the micro-credential (European Qualifications Framework, Qualifications Framework in the European Higher Education Area), if applicable',
      mandatory: true,
    },
    { element: 'typeOfAssessment', title: 'Type of assessment', mandatory: true },
    {
      element: 'formOfParticipation',
      title: 'Form of participation in the learning activity',
      mandatory: true,
    },
    {
      element: 'qualityAssurance',
      title: 'Type of quality assurance used to underpin the micro-credential',
      mandatory: true,
    },
    {
      element: 'prerequisites',
      title: 'Prerequisites needed to enrol in the learning activity',
      mandatory: false,
    },
    {
      element: 'supervision',
      title: 'Supervision and identity verification during assessment',
      mandatory: false,
    },
    { element: 'grade', title: 'Grade achieved', mandatory: false },
    { element: 'integration', title: 'Integration/stackability options', mandatory: false },
    { element: 'furtherInformation', title: 'Further information', mandatory: false },
  ]);

/**
 * The three kinds of supervision and identity verification the Recommendation names.
 *
 * @example
 * ```ts
 * import { EU_SUPERVISION_VALUES } from 'ob3kit/model';
 * EU_SUPERVISION_VALUES[2]; // 'supervised-with-identity-verification'
 * ```
 */
export const EU_SUPERVISION_VALUES = Object.freeze([
  'unsupervised-no-identity-verification',
  'supervised-no-identity-verification',
  'supervised-with-identity-verification',
] as const);

/**
 * Whether a micro-credential stands alone or stacks towards another credential.
 *
 * @example
 * ```ts
 * import { EU_INTEGRATION_VALUES } from 'ob3kit/model';
 * EU_INTEGRATION_VALUES; // ['stand-alone', 'stackable']
 * ```
 */
export const EU_INTEGRATION_VALUES = Object.freeze(['stand-alone', 'stackable'] as const);

/** The EQF level concepts (`http://data.europa.eu/snb/eqf/1` … `/8`). */
export const EQF_LEVEL_URL = 'http://data.europa.eu/snb/eqf/';
/** The ECTS concept of the EU education-credit scheme. */
export const ECTS_URL = 'http://data.europa.eu/snb/education-credit/6fcec5c5af';
/** ESCO skills (a learning outcome may align to one). */
export const ESCO_SKILL_PREFIX = 'http://data.europa.eu/esco/skill/';
