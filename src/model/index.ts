/**
 * The Open Badges 3.0 data model: types for every class and enumeration, and builders that
 * produce correct JSON (contexts, types, ids, dates) from plain input.
 *
 * @packageDocumentation
 */

export * from '../profiles/eu/index.js';
export {
  createAchievement,
  createAlignment,
  createCriteria,
  createIdentifierEntry,
  createImage,
  createRelated,
  createResultDescription,
  createRubricCriterionLevel,
} from './achievement.js';
export {
  createAchievementCredential,
  createEndorsementCredential,
  createOpenBadgeCredential,
} from './credential.js';
export type { ModelErrorCode, ModelTypeError, VcVersion } from './engine.js';
export {
  compareLearners,
  createIdentityObject,
  hashIdentity,
  type IdentityHashAlgorithm,
  type IdentityInput,
  type IdentityOptions,
  isLearner,
  type LearnerIdentity,
  type LearnerMatch,
  type MatchIdentityOptions,
  matchIdentity,
} from './identity.js';
export type * from './inputs.js';
export { createAddress, createGeoCoordinates, createProfile } from './profile.js';
export {
  createAchievementSubject,
  createEndorsementSubject,
  createEvidence,
  createResult,
} from './subject.js';
export * from './types.generated.js';
export {
  assertValidVerifiableCredential,
  assertValidVerifiablePresentation,
  type DataModelValidationOptions,
  type DataModelValidationResult,
  isAbsoluteUrl,
  type PresentationValidationOptions,
  validateVerifiableCredential,
  validateVerifiablePresentation,
} from './vc-data-model-api.js';
