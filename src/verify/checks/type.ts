/** `type` check: the credential is a VerifiableCredential of an Open Badges type. */

import { describeValue } from '../../internal/describe.js';
import type { JsonObject } from '../../internal/json.js';
import type { CredentialRole } from '../state.js';
import type { CheckResult } from '../types.js';
import { result, typesOf } from './util.js';

const ID = 'type';

/** What a top-level credential is verified as, from its `type`. */
export function roleOf(credential: JsonObject): CredentialRole {
  const types = typesOf(credential.type);
  const isOb = types.includes('OpenBadgeCredential') || types.includes('AchievementCredential');
  return !isOb && types.includes('EndorsementCredential') ? 'endorsement' : 'credential';
}

/**
 * Check `type`: it must include `VerifiableCredential`, and `OpenBadgeCredential` or
 * `AchievementCredential` (for a badge) or `EndorsementCredential` (for an endorsement).
 */
export function checkType(credential: JsonObject, role: CredentialRole): CheckResult[] {
  const raw = credential.type;
  if (raw === undefined)
    return [result(ID, 'fail', 'type_missing', 'The credential has no type', '$')];
  const types = typesOf(raw);
  const out: CheckResult[] = [];
  if (!types.includes('VerifiableCredential')) {
    out.push(
      result(
        ID,
        'fail',
        'type_not_vc',
        `type must include "VerifiableCredential", found ${describeValue(raw)}`,
        '$.type',
      ),
    );
  }
  if (role === 'endorsement') {
    if (!types.includes('EndorsementCredential')) {
      out.push(
        result(
          ID,
          'fail',
          'type_not_endorsement',
          `An endorsement's type must include "EndorsementCredential", found ${describeValue(raw)}`,
          '$.type',
        ),
      );
    }
  } else if (!types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential')) {
    out.push(
      result(
        ID,
        'fail',
        'type_not_open_badge',
        `type must include "OpenBadgeCredential" or "AchievementCredential", found ${describeValue(raw)}`,
        '$.type',
      ),
    );
  }
  return out.length > 0 ? out : [result(ID, 'pass')];
}
