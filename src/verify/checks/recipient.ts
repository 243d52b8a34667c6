/** `recipient` check: the credential is about the identity the verifier knows. */
import { isObject, type JsonObject } from '../../internal/json.js';
import { matchIdentity } from '../../model/identity.js';
import type { IdentityObject } from '../../model/types.generated.js';
import type { CheckResult, KnownRecipient } from '../types.js';
import { result, valuesOf } from './util.js';

const ID = 'recipient';

/**
 * Verify the recipient (verification step 5) when the caller gave a known identity: a known
 * value equal to `credentialSubject.id` matches; otherwise each `identifier` whose
 * `identityType` matches (any type when none was given) is compared through its hash
 * (`matchIdentity`: salted `sha256$`/`md5$`, or plaintext when `hashed` is false).
 */
export function checkRecipient(
  credential: JsonObject,
  known: KnownRecipient | undefined,
): CheckResult[] {
  if (known === undefined) {
    return [
      result(ID, 'skip', 'recipient_not_requested', 'No recipient identity was given to check'),
    ];
  }
  const identity = typeof known === 'string' ? known : known.identity;
  const type = typeof known === 'string' ? undefined : known.type;
  const subjects = valuesOf(credential.credentialSubject).filter(isObject);
  for (const subject of subjects) {
    if ((type === undefined || type === 'did' || type === 'url') && subject.id === identity) {
      return [result(ID, 'pass', undefined, 'credentialSubject.id matches the known recipient')];
    }
    for (const idObj of valuesOf(subject.identifier)) {
      if (!isObject(idObj)) continue;
      if (type !== undefined && idObj.identityType !== type) continue;
      if (matchIdentity(idObj as unknown as IdentityObject, identity)) {
        return [
          result(
            ID,
            'pass',
            undefined,
            'A credentialSubject.identifier matches the known recipient',
          ),
        ];
      }
    }
  }
  return [
    result(
      ID,
      'fail',
      'recipient_mismatch',
      `The credential subject does not match the known recipient${type ? ` (${type})` : ''}`,
      '$.credentialSubject',
    ),
  ];
}
