/** Builders for an Achievement and the classes it is made of. */
import { build } from './engine.js';
import type {
  AchievementInput,
  AlignmentInput,
  BuildOptions,
  CriteriaInput,
  IdentifierEntryInput,
  ImageInput,
  RelatedInput,
  ResultDescriptionInput,
  RubricCriterionLevelInput,
} from './inputs.js';
import type {
  Achievement,
  Alignment,
  Criteria,
  IdentifierEntry,
  Image,
  Related,
  ResultDescription,
  RubricCriterionLevel,
} from './types.generated.js';

/**
 * Build an Achievement: `type` gets `'Achievement'` (first; the caller's other types are kept),
 * `id` a `urn:uuid:` when absent; nested criteria, alignments, image, creator, result
 * descriptions, ... are built the same way. Throws a `TypeError` naming the field when a required
 * one (`name`, `description`, `criteria`) is missing or a value has the wrong kind.
 *
 * @example
 * ```ts
 * import { createAchievement } from 'ob3kit/model';
 * const achievement = createAchievement({
 *   id: 'https://example.com/achievements/21st-century-skills/teamwork',
 *   name: 'Teamwork',
 *   description: 'This badge recognizes the development of the capacity to collaborate.',
 *   criteria: { narrative: 'Team members are nominated for this badge by their peers.' },
 *   achievementType: 'Badge',
 * });
 * console.log(achievement.type); // ['Achievement']
 * ```
 */
export function createAchievement(subject: AchievementInput, options?: BuildOptions): Achievement {
  return build('createAchievement', 'Achievement', subject, options);
}

/**
 * Build Criteria (`id` and/or `narrative`; extensible).
 *
 * @example
 * ```ts
 * import { createCriteria } from 'ob3kit/model';
 * const criteria = createCriteria({ narrative: '# Requirements\nComplete all modules.' });
 * console.log(criteria.narrative);
 * ```
 */
export function createCriteria(subject: CriteriaInput, options?: BuildOptions): Criteria {
  return build('createCriteria', 'Criteria', subject, options);
}

/**
 * Build an Alignment: `type` gets `'Alignment'`; `targetName` and `targetUrl` are required;
 * `targetType` must be an AlignmentTargetType term or an `ext:` term.
 *
 * @example
 * ```ts
 * import { createAlignment } from 'ob3kit/model';
 * const alignment = createAlignment({
 *   targetName: 'Robot Programming',
 *   targetUrl: 'https://robotics-competencies.example.com/competencies/robot-programming',
 *   targetType: 'CFItem',
 * });
 * console.log(alignment.type); // ['Alignment']
 * ```
 */
export function createAlignment(subject: AlignmentInput, options?: BuildOptions): Alignment {
  return build('createAlignment', 'Alignment', subject, options);
}

/**
 * Build a ResultDescription: `type` gets `'ResultDescription'`, `id` a `urn:uuid:` when absent;
 * `name` and `resultType` (a ResultType term or an `ext:` term) are required.
 *
 * @example
 * ```ts
 * import { createResultDescription } from 'ob3kit/model';
 * const rd = createResultDescription({
 *   name: 'Final Project Grade',
 *   resultType: 'LetterGrade',
 *   allowedValue: ['D', 'C', 'B', 'A'],
 *   requiredValue: 'C',
 * });
 * console.log(rd.id.startsWith('urn:uuid:')); // true
 * ```
 */
export function createResultDescription(
  subject: ResultDescriptionInput,
  options?: BuildOptions,
): ResultDescription {
  return build('createResultDescription', 'ResultDescription', subject, options);
}

/**
 * Build a RubricCriterionLevel: `type` gets `'RubricCriterionLevel'`, `id` a `urn:uuid:` when
 * absent; `name` is required.
 *
 * @example
 * ```ts
 * import { createRubricCriterionLevel } from 'ob3kit/model';
 * const level = createRubricCriterionLevel({ name: 'Mastery', level: 'Mastered', points: '4' });
 * console.log(level.type); // ['RubricCriterionLevel']
 * ```
 */
export function createRubricCriterionLevel(
  subject: RubricCriterionLevelInput,
  options?: BuildOptions,
): RubricCriterionLevel {
  return build('createRubricCriterionLevel', 'RubricCriterionLevel', subject, options);
}

/**
 * Build a Related entry (another edition of an Achievement): `type` gets `'Related'`; `id`, the
 * related achievement's URI, is required.
 *
 * @example
 * ```ts
 * import { createRelated } from 'ob3kit/model';
 * const related = createRelated({ id: 'https://example.com/achievements/teamwork-fr', inLanguage: 'fr' });
 * console.log(related.type); // ['Related']
 * ```
 */
export function createRelated(subject: RelatedInput, options?: BuildOptions): Related {
  return build('createRelated', 'Related', subject, options);
}

/**
 * Build an Image from its URI or object form: `type` is `'Image'`; `id` (the image URI or a data
 * URI) is required. Image is not extensible: an unknown property is a `TypeError`.
 *
 * @example
 * ```ts
 * import { createImage } from 'ob3kit/model';
 * console.log(createImage('https://example.com/badge.png'));
 * // { id: 'https://example.com/badge.png', type: 'Image' }
 * console.log(createImage({ id: 'https://example.com/logo.png', caption: 'Logo' }).caption); // 'Logo'
 * ```
 */
export function createImage(subject: ImageInput, options?: BuildOptions): Image {
  return build('createImage', 'Image', subject, options);
}

/**
 * Build an IdentifierEntry (an identifier of a Profile or Achievement): `type` is
 * `'IdentifierEntry'`; `identifier` and `identifierType` (an IdentifierTypeEnum term or an `ext:`
 * term) are required. Not extensible.
 *
 * @example
 * ```ts
 * import { createIdentifierEntry } from 'ob3kit/model';
 * const entry = createIdentifierEntry({ identifier: '12345', identifierType: 'sourcedId' });
 * console.log(entry.type); // 'IdentifierEntry'
 * ```
 */
export function createIdentifierEntry(
  subject: IdentifierEntryInput,
  options?: BuildOptions,
): IdentifierEntry {
  return build('createIdentifierEntry', 'IdentifierEntry', subject, options);
}
