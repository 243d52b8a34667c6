/**
 * CLR 2.0 (1EdTech Comprehensive Learner Record): build, validate, bake and verify records that
 * bundle a learner's credentials with the achievements they add up to and the associations
 * between them. `verify()` recognises a CLR and verifies each bundled credential in full.
 *
 * @example
 * ```ts
 * import { createClrCredential } from 'ob3kit/clr';
 * import { signCredential, verify } from 'ob3kit';
 * const record = createClrCredential({
 *   name: 'Transcript',
 *   issuer: { id: did, name: 'Example University' },
 *   credentialSubject: { id: 'did:example:learner', verifiableCredential: [signedBadge] },
 * });
 * const report = await verify(await signCredential(record, { key }));
 * console.log(report.credentials?.length); // 1: the bundled badge's own report
 * ```
 *
 * @packageDocumentation
 */

export {
  ASSOCIATION_TYPES,
  type Association,
  type AssociationType,
  type ClrCredential,
  type ClrSubject,
} from '../model/types.generated.js';
export { bakeClr, unbakeClr } from './bake.js';
export { createAssociation, createClrCredential, createClrSubject } from './build.js';
export type {
  AssociationInput,
  BundledCredential,
  ClrCredentialInput,
  ClrSubjectInput,
} from './types.js';
export {
  assertValidClrCredential,
  CLR_SCHEMA_URLS,
  type ClrValidationOptions,
  validateClrCredential,
} from './validate.js';
