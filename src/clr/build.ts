/** Builders for CLR 2.0 records: ClrCredential, ClrSubject, Association. */

import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { CLR_V2_CONTEXT, CLR_V2_CONTEXT_PATTERN } from '../internal/urls.js';
import { build } from '../model/engine.js';
import type { BuildOptions } from '../model/inputs.js';
import type { Association, ClrCredential, ClrSubject } from '../model/types.generated.js';
import { associationCycles, associationsOf, listOf, recordAchievements } from './record.js';
import type { AssociationInput, ClrCredentialInput, ClrSubjectInput } from './types.js';

function modelError(fn: string, path: string, message: string): TypeError {
  return Object.assign(new TypeError(`${fn}: "${path}" ${message}`), {
    code: 'ERR_MODEL_VALUE',
    path,
  });
}

/**
 * Check what the model alone cannot: every association names achievements of the record, and
 * the hierarchy and sequence they state have no cycle.
 */
function checkAssociations(fn: string, subject: JsonObject, base: string): void {
  const bundled = listOf(subject.verifiableCredential).map((document, i) => ({
    document,
    path: `${base}.verifiableCredential[${i}]`,
  }));
  const known = recordAchievements(subject, bundled);
  const associations = associationsOf(subject);
  for (const a of associations) {
    for (const end of ['sourceId', 'targetId'] as const) {
      if (!known.has(a[end])) {
        const path = `${a.path.replace(/^\$\.credentialSubject/, base)}.${end}`.replace(
          /^\$\.?/,
          '',
        );
        throw modelError(
          fn,
          path,
          `names no achievement of the record (expected the id of an achievement in "achievement" or of a bundled credential's achievement, found ${describeValue(a[end])})`,
        );
      }
    }
  }
  const cycle = associationCycles(associations)[0];
  if (cycle) {
    throw modelError(
      fn,
      cycle.path.replace(/^\$\.credentialSubject/, base).replace(/^\$\.?/, ''),
      `closes a cycle (${cycle.associationType} from ${cycle.sourceId} to ${cycle.targetId}): a hierarchy or sequence of achievements cannot loop`,
    );
  }
}

/**
 * Build an Association between two achievements of a record: `type` gets `'Association'`;
 * `associationType` must be one of the eight CLR 2.0 terms (`exactMatchOf`, `isChildOf`,
 * `isParentOf`, `isPartOf`, `isPeerOf`, `isRelatedTo`, `precedes`, `replacedBy`); `sourceId` and
 * `targetId` are achievement ids (URIs). Errors are `TypeError`s with a `code`
 * (`ERR_MODEL_REQUIRED`, `ERR_MODEL_VALUE`, ...) and the field's `path`.
 *
 * @example
 * ```ts
 * import { createAssociation } from 'ob3kit/clr';
 * const a = createAssociation({
 *   associationType: 'isPartOf',
 *   sourceId: 'https://example.edu/achievements/sql',
 *   targetId: 'https://example.edu/achievements/data-analyst',
 * });
 * console.log(a.type); // 'Association'
 * ```
 */
export function createAssociation(input: AssociationInput, options?: BuildOptions): Association {
  return build('createAssociation', 'Association', input, options);
}

/**
 * Build a ClrSubject: `type` gets `'ClrSubject'`; the learner is identified by `id`, by at least
 * one IdentityObject in `identifier`, or both; `verifiableCredential` (at least one) holds the
 * bundled credentials exactly as given; `achievement` entries are built as Achievements and
 * `association` entries as Associations. Each association must name achievements of the record
 * (in `achievement` or a bundled credential's achievement) and the associations must not loop
 * (`ERR_MODEL_VALUE`).
 *
 * @example
 * ```ts
 * import { createClrSubject } from 'ob3kit/clr';
 * const subject = createClrSubject({ id: 'did:example:learner', verifiableCredential: [signedBadge] });
 * console.log(subject.type); // ['ClrSubject']
 * ```
 */
export function createClrSubject(input: ClrSubjectInput, options?: BuildOptions): ClrSubject {
  const out = build<ClrSubject>('createClrSubject', 'ClrSubject', input, options);
  checkAssociations('createClrSubject', out as unknown as JsonObject, '$');
  return out;
}

/**
 * Build an (unsigned) CLR 2.0 ClrCredential.
 *
 * - `@context`: the VC 2.0 context, the CLR 2.0.1 context (or the CLR 2.0 context the caller
 *   gives), the Open Badges 3.0.3 context (or the caller's OB 3.0 one), then the caller's others.
 * - `type`: `'VerifiableCredential'` and `'ClrCredential'` first, the caller's others kept.
 * - `id`: a `urn:uuid:` when absent; `validFrom`: `options.now` or the current time when absent.
 * - `name` is required; `issuer` is a URI or a Profile object.
 * - `credentialSubject` is built as a ClrSubject (see {@link createClrSubject}); the bundled
 *   credentials are kept exactly as given.
 *
 * Sign the result with `signCredential` or `signCredentialJwt`, as any credential.
 *
 * @example
 * ```ts
 * import { createClrCredential } from 'ob3kit/clr';
 * const record = createClrCredential({
 *   name: 'Data Analyst transcript',
 *   issuer: { id: 'did:key:z6Mk...', name: 'Example University' },
 *   credentialSubject: {
 *     id: 'did:example:learner',
 *     verifiableCredential: [signedBadge],
 *   },
 * });
 * console.log(record['@context'][1]); // 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'
 * ```
 */
export function createClrCredential(
  input: ClrCredentialInput,
  options?: BuildOptions,
): ClrCredential {
  const fn = 'createClrCredential';
  const out = build<ClrCredential>(fn, 'ClrCredential', input, options);
  // The builder put the VC and OB contexts first; the CLR context belongs between them.
  const [vc, ob, ...rest] = out['@context'];
  const clr =
    rest.find((c): c is string => typeof c === 'string' && CLR_V2_CONTEXT_PATTERN.test(c)) ??
    CLR_V2_CONTEXT;
  out['@context'] = [vc, clr, ob, ...rest.filter((c) => c !== clr)] as ClrCredential['@context'];
  if (isObject(out.credentialSubject)) {
    checkAssociations(fn, out.credentialSubject as unknown as JsonObject, '$.credentialSubject');
  }
  return out;
}
