/** `issuer` check: the issuer is a Profile, and the proof's key belongs to it. */

import { describeValue } from '../../internal/describe.js';
import { isObject, type JsonObject } from '../../internal/json.js';
import type { CheckResult } from '../types.js';
import { hasType, result, valuesOf } from './util.js';

const ID = 'issuer';

/**
 * Structural rules on `issuer` (as 1EdTech's validator): present, a `Profile` object with an
 * `id`; `otherIdentifier` entries are `IdentifierEntry`s (the Open Badges 3.0 data model's type
 * for them); `parentOrg` is a `Profile`.
 */
export function checkIssuerProfile(credential: JsonObject): CheckResult[] {
  const issuer = credential.issuer;
  if (issuer === undefined || issuer === null) {
    return [result(ID, 'fail', 'issuer_missing', 'The credential has no issuer', '$')];
  }
  if (!isObject(issuer)) {
    return [
      result(
        ID,
        'fail',
        'issuer_type',
        `issuer must be a Profile object with type "Profile", found ${describeValue(issuer)}`,
        '$.issuer',
      ),
    ];
  }
  const out: CheckResult[] = [];
  if (typeof issuer.id !== 'string' || issuer.id.length === 0) {
    out.push(result(ID, 'fail', 'issuer_id_missing', 'issuer.id is required', '$.issuer'));
  }
  if (!hasType(issuer, 'Profile')) {
    out.push(
      result(ID, 'fail', 'issuer_type', 'issuer.type must include "Profile"', '$.issuer.type'),
    );
  }
  valuesOf(issuer.otherIdentifier).forEach((o, i) => {
    if (!hasType(o, 'IdentifierEntry')) {
      out.push(
        result(
          ID,
          'fail',
          'issuer_other_identifier_type',
          'Each issuer.otherIdentifier must be of type "IdentifierEntry"',
          `$.issuer.otherIdentifier[${i}]`,
        ),
      );
    }
  });
  if (
    issuer.parentOrg !== undefined &&
    issuer.parentOrg !== null &&
    !hasType(issuer.parentOrg, 'Profile')
  ) {
    out.push(
      result(
        ID,
        'fail',
        'issuer_parent_org_type',
        'issuer.parentOrg must be of type "Profile"',
        '$.issuer.parentOrg',
      ),
    );
  }
  return out;
}
