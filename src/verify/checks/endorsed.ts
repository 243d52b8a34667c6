/**
 * Check `endorsed`: an embedded endorsement endorses the object it is attached to (internal;
 * `verify()` loads it when a credential carries an endorsement).
 */
import { isObject, type JsonObject } from '../../internal/json.js';
import type { CheckResult } from '../types.js';
import type { FoundEndorsement } from './endorsement.js';
import { result } from './util.js';

/**
 * An endorsement says what it endorses in its `credentialSubject.id` (OB 3.0 EndorsementSubject);
 * embedded in an object, it must endorse that object (on the credential itself: the credential,
 * or an achievement or profile in it). A `fail` entry of check `endorsed`
 * (`endorsement_subject_mismatch`, for the endorsement's own report) when the endorsement's one
 * subject id is not the id of the object it is attached to, when it names no single subject id,
 * or when that object has no id to endorse; `undefined` when they agree.
 */
export function checkEndorsedSubject(
  found: FoundEndorsement,
  endorsement: JsonObject,
): CheckResult | undefined {
  const subjects = Array.isArray(endorsement.credentialSubject)
    ? endorsement.credentialSubject
    : [endorsement.credentialSubject];
  const ids = subjects.map((s) => (isObject(s) ? s.id : undefined));
  const subject = ids.length === 1 && typeof ids[0] === 'string' ? ids[0] : undefined;
  const ID = 'endorsed';
  const CODE = 'endorsement_subject_mismatch';
  if (subject === undefined) {
    return result(
      ID,
      'fail',
      CODE,
      `The endorsement at ${found.path} names no single subject id (credentialSubject.id), so it cannot be the endorsement of ${found.endorsedPath}`,
      '$.credentialSubject',
    );
  }
  if (found.endorsed.length === 0) {
    return result(
      ID,
      'fail',
      CODE,
      `The endorsement at ${found.path} endorses ${subject}, but the object it is attached to (${found.endorsedPath}) has no id to endorse`,
      '$.credentialSubject.id',
    );
  }
  if (!found.endorsed.includes(subject)) {
    const what =
      found.endorsedPath === '$'
        ? `the credential, nor an achievement or profile in it (${found.endorsed.join(', ')})`
        : `${found.endorsed[0]} (${found.endorsedPath}), the object it is attached to`;
    return result(
      ID,
      'fail',
      CODE,
      `The endorsement at ${found.path} endorses ${subject}, not ${what}`,
      '$.credentialSubject.id',
    );
  }
  return undefined;
}
