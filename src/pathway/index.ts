/**
 * Stackable micro-credentials: define a pathway (a destination achievement and the component
 * achievements that earn it), evaluate a learner's progress from the badges they hold, issue the
 * stacked credential with its parts named (and a CLR 2.0 carrying them), and check later that a
 * stacked credential still holds. Everything issued is plain Open Badges 3.0 or CLR 2.0.
 *
 * @example
 * ```ts
 * import { verify } from 'ob3kit/verify';
 * import { evaluatePathway } from 'ob3kit/pathway';
 * const reports = await Promise.all(badges.map((b) => verify(b)));
 * const { met, progress, missing } = evaluatePathway(pathway, reports);
 * ```
 *
 * @packageDocumentation
 */
export {
  assertValidPathway,
  describeRequirement,
  MAX_PATHWAY_DEPTH,
  MAX_PATHWAY_REQUIREMENTS,
  validatePathway,
} from './definition.js';
export {
  type EvaluatePathwayOptions,
  evaluatePathway,
  MAX_EVALUATED_CREDENTIALS,
} from './evaluate.js';
export {
  type ClrForPathwayOptions,
  createClrForPathway,
  createStackedCredential,
  type StackedCredentialOptions,
} from './issue.js';
export * from './types.js';
export {
  type CheckPathwayOptions,
  checkPathway,
  type StackedIssue,
  type StackedVerification,
  verifyStackedCredential,
} from './verify.js';
