/**
 * ob3kit: Open Badges 3.0 on W3C Verifiable Credentials.
 *
 * The curated root export: the operations most users need. Each capability subpath
 * (`ob3kit/model`, `ob3kit/schema`, `ob3kit/jsonld`, `ob3kit/keys`, `ob3kit/proof`,
 * `ob3kit/present`, `ob3kit/bake`, `ob3kit/status`, `ob3kit/verify`, `ob3kit/clr`,
 * `ob3kit/pathway`, `ob3kit/errors`) exports more.
 *
 * @example
 * ```ts
 * import { createAchievementCredential, createDidKey, generateKeyPair, signCredential, verify } from 'ob3kit';
 *
 * const key = await generateKeyPair();
 * const { did, keyPair } = createDidKey(key);
 * const credential = createAchievementCredential({
 *   issuer: { id: did, name: 'Example University' },
 *   name: 'Teamwork',
 *   credentialSubject: {
 *     id: 'did:example:learner',
 *     achievement: { name: 'Teamwork', description: 'Works well in a team.', criteria: { narrative: 'Peer nominated.' } },
 *   },
 * });
 * const signed = await signCredential(credential, { key: keyPair });
 * const report = await verify(signed);
 * console.log(report.verdict); // 'valid'
 * ```
 *
 * @packageDocumentation
 */
export {
  type BakeBadgeOptions,
  bakeBadge,
  sniffFormat,
  type UnbakeResult,
  unbakeBadge,
} from './bake/index.js';
export {
  bakeClr,
  type ClrCredential,
  createClrCredential,
  unbakeClr,
  validateClrCredential,
} from './clr/index.js';
export * from './errors.js';
export type { JsonObject } from './internal/json.js';
export {
  canonize,
  createDocumentLoader,
  type DocumentLoader,
  getBundledContext,
  listBundledContexts,
} from './jsonld/index.js';
export {
  createDidJwk,
  createDidKey,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  type KeyPair,
  type KeyType,
  resolveVerificationMethod,
  type Signer,
} from './keys/index.js';
export {
  type Achievement,
  type AchievementCredential,
  type AchievementCredentialInput,
  checkEuMicroCredential,
  createAchievement,
  createAchievementCredential,
  createAchievementSubject,
  createAlignment,
  createCriteria,
  createEndorsementCredential,
  createEndorsementSubject,
  createEuMicroCredential,
  createEvidence,
  createIdentityObject,
  createImage,
  createOpenBadgeCredential,
  createProfile,
  createResult,
  createResultDescription,
  type EndorsementCredential,
  type EndorsementCredentialInput,
  matchIdentity,
  type Profile,
  validateVerifiableCredential,
} from './model/index.js';
export {
  checkPathway,
  createClrForPathway,
  createStackedCredential,
  evaluatePathway,
  type Pathway,
  type PathwayEvaluation,
  verifyStackedCredential,
} from './pathway/index.js';
export {
  createPresentation,
  signPresentation,
  signPresentationJwt,
  verifyPresentation,
} from './present/index.js';
export {
  type SignCredentialJwtOptions,
  type SignCredentialOptions,
  type SuiteName,
  signCredential,
  signCredentialJwt,
  verifyCredentialJwt,
  verifyCredentialProof,
} from './proof/index.js';
export {
  assertValidAchievement,
  assertValidCredential,
  assertValidEndorsementCredential,
  assertValidProfile,
  type SchemaValidationOptions,
  type ValidationResult,
  validateAchievement,
  validateCredential,
  validateEndorsementCredential,
  validateProfile,
} from './schema/index.js';
export {
  type Answer,
  type CheckResult,
  formatReport,
  type ReportAnswers,
  type Verdict,
  type VerificationReport,
  type VerifyOptions,
  type VerifyPolicy,
  verify,
  verifyCredential,
} from './verify/index.js';
