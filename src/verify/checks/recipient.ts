/** `recipient` check: the credential is about the identity the verifier knows. */
import { md5 } from '@noble/hashes/legacy.js';
import { toHex, utf8 } from '../../internal/bytes.js';
import { sha256Hex } from '../../internal/hash.js';
import { isObject, type JsonObject } from '../../internal/json.js';
import type { CheckResult, KnownRecipient } from '../types.js';
import { result, valuesOf } from './util.js';

const ID = 'recipient';

/**
 * Whether an `IdentityObject` matches a known plaintext identity: when `hashed` is true the
 * known value, with `salt` appended, is hashed with the algorithm named before the `$`
 * (`sha256` or `md5`) and compared case-insensitively; otherwise it is compared as is.
 */
export function identityMatches(identityObject: JsonObject, identity: string): boolean {
  const stored = identityObject.identityHash;
  if (typeof stored !== 'string') return false;
  if (identityObject.hashed !== true) return stored === identity;
  const salt = typeof identityObject.salt === 'string' ? identityObject.salt : '';
  const dollar = stored.indexOf('$');
  if (dollar < 0) return false;
  const alg = stored.slice(0, dollar).toLowerCase();
  const digest = stored.slice(dollar + 1).toLowerCase();
  const input = identity + salt;
  if (alg === 'sha256') return sha256Hex(input) === digest;
  if (alg === 'md5') return toHex(md5(utf8(input))) === digest;
  return false;
}

/**
 * Verify the recipient (verification step 5) when the caller gave a known identity: a known
 * value equal to `credentialSubject.id` matches; otherwise each `identifier` whose
 * `identityType` matches (any type when none was given) is compared through its hash.
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
      if (identityMatches(idObj, identity)) {
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
