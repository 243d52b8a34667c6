/** Recipient identifiers: hashing an identity (IdentityHash) and matching a claimed identity. */
import { bytesEqual, fromHex, toHex } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { sha256 } from '../internal/hash.js';
import { isObject } from '../internal/json.js';
import { md5 } from '../internal/md5.js';
import { hasLoneSurrogate } from '../internal/text.js';
import type { IdentifierTypeEnum, IdentityHash, IdentityObject } from './types.generated.js';

/**
 * The hash algorithms an IdentityHash may use. `md5` is accepted when matching (the model lists
 * it) but never produced.
 * @example
 * ```ts
 * import type { IdentityHashAlgorithm } from 'ob3kit/model';
 * const alg: IdentityHashAlgorithm = 'sha256';
 * ```
 */
export type IdentityHashAlgorithm = 'sha256' | 'md5';

function hashHex(algorithm: IdentityHashAlgorithm, text: string): string {
  return toHex(algorithm === 'md5' ? md5(text) : sha256(text));
}

/**
 * Compute an IdentityHash as the model defines it: the algorithm name, `$`, and the lower-case
 * hex hash of the UTF-8 bytes of the identity followed by the salt. Throws `TypeError` for text
 * with an unpaired UTF-16 surrogate: it has no UTF-8 form (encoding would turn it into U+FFFD, so
 * the hash would also name another identity).
 *
 * @example
 * ```ts
 * import { hashIdentity } from 'ob3kit/model';
 * console.log(hashIdentity('a@example.com', 'Kosher'));
 * // 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399'
 * ```
 */
export function hashIdentity(
  identity: string,
  salt = '',
  algorithm: IdentityHashAlgorithm = 'sha256',
): IdentityHash {
  if (typeof identity !== 'string')
    throw new TypeError(
      `hashIdentity: identity must be a string (found ${describeValue(identity)})`,
    );
  if (typeof salt !== 'string')
    throw new TypeError(`hashIdentity: salt must be a string (found ${describeValue(salt)})`);
  if (algorithm !== 'sha256' && algorithm !== 'md5')
    throw new TypeError(
      `hashIdentity: algorithm must be 'sha256' or 'md5' (found ${describeValue(algorithm)})`,
    );
  if (hasLoneSurrogate(identity) || hasLoneSurrogate(salt))
    throw new TypeError(
      'hashIdentity: the identity and salt must be Unicode text (found an unpaired UTF-16 surrogate, which has no UTF-8 form)',
    );
  return `${algorithm}$${hashHex(algorithm, identity + salt)}`;
}

/**
 * Options of {@link matchIdentity}.
 * @example
 * ```ts
 * import type { MatchIdentityOptions } from 'ob3kit/model';
 * const o: MatchIdentityOptions = { identityType: 'emailAddress' };
 * ```
 */
export interface MatchIdentityOptions {
  /** The type of the claimed identity; an IdentityObject of another type does not match. */
  identityType?: IdentifierTypeEnum;
}

/**
 * Check a claimed (plaintext) recipient identity against an IdentityObject, as the spec's
 * "Verify the Recipient Using an Identifier" does: when `hashed` is `true`, hash the claim with
 * the object's salt (none when absent) using the object's algorithm (`sha256`, or the legacy
 * `md5`) and compare the hex case-insensitively; when `hashed` is `false`, compare the plaintext
 * exactly. The comparison is exact otherwise (the spec defines no case folding). Returns `false`
 * for a malformed or unsupported IdentityObject, and for a hashed one when the claim or the salt
 * holds an unpaired UTF-16 surrogate (no UTF-8 form: U+FFFD would be hashed in its place).
 *
 * @example
 * ```ts
 * import { matchIdentity } from 'ob3kit/model';
 * const identifier = {
 *   type: 'IdentityObject' as const,
 *   hashed: true,
 *   identityHash: 'sha256$658625b25ab3d75d613ca97d9a5a77f70e2192feca5557f4ad09a4d4f121f5fc',
 *   identityType: 'emailAddress' as const,
 *   salt: 'FleurDeSel',
 * };
 * console.log(matchIdentity(identifier, 'jjefferson18@example.com')); // true
 * console.log(matchIdentity(identifier, 'someone@example.com')); // false
 * ```
 */
export function matchIdentity(
  identityObject: IdentityObject,
  claimedIdentity: string,
  options?: MatchIdentityOptions,
): boolean {
  const fn = 'matchIdentity';
  if (!isObject(identityObject))
    throw new TypeError(
      `${fn}: identityObject must be an object (found ${describeValue(identityObject)})`,
    );
  if (typeof claimedIdentity !== 'string')
    throw new TypeError(
      `${fn}: claimedIdentity must be a string (found ${describeValue(claimedIdentity)})`,
    );
  if (options !== undefined && !isObject(options))
    throw new TypeError(`${fn}: options must be an object (found ${describeValue(options)})`);
  const io = identityObject as Record<string, unknown>;
  if (options?.identityType !== undefined && io.identityType !== options.identityType) return false;
  const { hashed, identityHash, salt } = io;
  if (typeof identityHash !== 'string') return false;
  if (salt !== undefined && typeof salt !== 'string') return false;
  if (hashed === false) return identityHash === claimedIdentity;
  if (hashed !== true) return false;
  const m = /^(sha256|md5)\$([0-9a-fA-F]+)$/i.exec(identityHash);
  if (!m) return false;
  if (hasLoneSurrogate(claimedIdentity) || hasLoneSurrogate(salt ?? '')) return false;
  const text = claimedIdentity + (salt ?? '');
  const algorithm = (m[1] as string).toLowerCase() as IdentityHashAlgorithm;
  // At most a SHA-256 (32 bytes; MAX_DECODED_BYTES.identityHash): longer text is not decoded.
  const expected = fromHex(m[2] as string, 32);
  const actual = fromHex(hashHex(algorithm, text));
  return expected !== undefined && actual !== undefined && bytesEqual(expected, actual);
}

/**
 * A learner's identity known to the caller: a plaintext identity (an `id` such as a DID or URL,
 * an email address, a student number, ...), optionally with its IdentifierTypeEnum type.
 * @example
 * ```ts
 * import type { LearnerIdentity } from 'ob3kit/model';
 * const a: LearnerIdentity = 'did:example:learner';
 * const b: LearnerIdentity = { identity: 'ada@example.edu', identityType: 'emailAddress' };
 * ```
 */
export type LearnerIdentity = string | { identity: string; identityType?: string };

/**
 * What {@link compareLearners} concluded: `'same'` (shown to be one learner), `'different'`
 * (shown to be two: two different `id`s) or `'unknown'` (nothing in common that can be compared,
 * for example identifiers hashed with different salts).
 * @example
 * ```ts
 * import type { LearnerMatch } from 'ob3kit/model';
 * const m: LearnerMatch = 'unknown';
 * ```
 */
export type LearnerMatch = 'same' | 'different' | 'unknown';

function identifiersOf(subject: Record<string, unknown>): Record<string, unknown>[] {
  const raw = subject.identifier;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isObject);
}

/** Whether two IdentityObjects are shown to carry one identity. */
function sameIdentifier(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a.identityType !== b.identityType || typeof a.identityType !== 'string') return false;
  if (typeof a.identityHash !== 'string' || typeof b.identityHash !== 'string') return false;
  if (a.hashed === false && b.hashed === false) return a.identityHash === b.identityHash;
  if (a.hashed === false && b.hashed === true)
    return matchIdentity(b as unknown as IdentityObject, a.identityHash);
  if (a.hashed === true && b.hashed === false)
    return matchIdentity(a as unknown as IdentityObject, b.identityHash);
  if (a.hashed !== true || b.hashed !== true) return false;
  // Both hashed: comparable only under one algorithm and one salt.
  return (
    (a.salt ?? '') === (b.salt ?? '') &&
    /^(sha256|md5)\$[0-9a-f]+$/i.test(a.identityHash) &&
    a.identityHash.toLowerCase() === b.identityHash.toLowerCase()
  );
}

/** Whether a subject is shown to be the learner with this known identity. */
function matchesKnown(subject: Record<string, unknown>, known: LearnerIdentity): boolean {
  const identity = typeof known === 'string' ? known : known.identity;
  const type = typeof known === 'string' ? undefined : known.identityType;
  if ((type === undefined || type === 'did' || type === 'url') && subject.id === identity)
    return true;
  return identifiersOf(subject).some(
    (io) =>
      (type === undefined || io.identityType === type) &&
      matchIdentity(io as unknown as IdentityObject, identity),
  );
}

/**
 * Whether two credential subjects (an AchievementSubject, a ClrSubject, ...) are about the same
 * learner, as far as their identification shows. Two `id`s decide alone: equal is `'same'`,
 * different is `'different'`. Otherwise an `identifier` of one that carries the same identity as
 * an identifier of the other (same `identityType`; equal plaintext, a plaintext matching the
 * other's hash, or equal hashes under the same salt) gives `'same'`, and so do `known`
 * identities of the learner that both subjects match (see {@link matchIdentity}). Anything else
 * is `'unknown'`: subjects hashed with different salts can only be compared through a known
 * plaintext identity.
 *
 * @example
 * ```ts
 * import { compareLearners } from 'ob3kit/model';
 * compareLearners({ id: 'did:example:a' }, { id: 'did:example:a' }); // 'same'
 * compareLearners({ id: 'did:example:a' }, { id: 'did:example:b' }); // 'different'
 * const email = { type: 'IdentityObject', hashed: false, identityHash: 'ada@example.edu', identityType: 'emailAddress' };
 * compareLearners({ identifier: [email] }, { id: 'did:example:a' }); // 'unknown'
 * compareLearners({ identifier: [email] }, { id: 'did:example:a' }, ['ada@example.edu', 'did:example:a']); // 'same'
 * ```
 */
export function compareLearners(
  a: unknown,
  b: unknown,
  known: readonly LearnerIdentity[] = [],
): LearnerMatch {
  if (!isObject(a) || !isObject(b)) return 'unknown';
  if (typeof a.id === 'string' && typeof b.id === 'string') {
    return a.id === b.id ? 'same' : 'different';
  }
  const ia = identifiersOf(a);
  const ib = identifiersOf(b);
  if (ia.some((x) => ib.some((y) => sameIdentifier(x, y)))) return 'same';
  if (known.some((k) => matchesKnown(a, k)) && known.some((k) => matchesKnown(b, k))) {
    return 'same';
  }
  return 'unknown';
}

/**
 * Whether a credential subject is shown to be the learner with any of these known identities
 * (an `id` equal to one, or an `identifier` matching one through {@link matchIdentity}).
 *
 * @example
 * ```ts
 * import { isLearner } from 'ob3kit/model';
 * isLearner({ id: 'did:example:a' }, ['did:example:a']); // true
 * ```
 */
export function isLearner(subject: unknown, known: readonly LearnerIdentity[]): boolean {
  return isObject(subject) && known.some((k) => matchesKnown(subject, k));
}
