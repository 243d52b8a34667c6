/**
 * The EU micro-credential profile: the elements the Council Recommendation on micro-credentials
 * (2022/C 243/02, Annex I) requires, mapped onto Open Badges 3.0. Exported from `ob3kit/model`.
 *
 * @packageDocumentation
 */
export {
  createEuMicroCredential,
  type EuLearningOutcome,
  type EuMicroCredentialInput,
} from './build.js';
export { checkEuMicroCredential, type EuCheckResult, type EuElementResult } from './check.js';
export {
  EU_ELEMENTS,
  EU_INTEGRATION_VALUES,
  EU_MICROCREDENTIAL_CONTEXT,
  EU_SUPERVISION_VALUES,
  type EuElement,
} from './elements.js';
export { euMicroCredentialProfile } from './verify.js';
