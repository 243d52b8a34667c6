/** Recipient identifiers: IdentityObject with a salted hash, and matching a claimed identity. */
import { md5 } from '@noble/hashes/legacy.js';
import { bytesEqual, fromHex, toHex, utf8 } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { sha256 } from '../internal/hash.js';
import { isObject } from '../internal/json.js';
import { randomBytes } from '../internal/random.js';
import { build } from './engine.js';
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

/**
 * Input of {@link createIdentityObject}.
 * @example
 * ```ts
 * import type { IdentityInput } from 'ob3kit/model';
 * const i: IdentityInput = { identity: 'student@example.edu', identityType: 'emailAddress' };
 * ```
 */
export interface IdentityInput {
  /** The plaintext identifier (an email address, a student id, ...), used exactly as given. */
  identity: string;
  /** What kind of identifier it is: an IdentifierTypeEnum term or an `ext:` term. */
  identityType: IdentifierTypeEnum;
  /** Hash the identity (default `true`). `false` stores the plaintext in `identityHash`. */
  hashed?: boolean;
  /** The salt appended before hashing (default: 16 random bytes as hex when hashing). */
  salt?: string;
}

/**
 * Options of {@link createIdentityObject}.
 * @example
 * ```ts
 * import type { IdentityOptions } from 'ob3kit/model';
 * const o: IdentityOptions = { saltBytes: 32 };
 * ```
 */
export interface IdentityOptions {
  /** Length in bytes of a generated salt (written as hex), 8 to 64; default 16. */
  saltBytes?: number;
}

function hashHex(algorithm: IdentityHashAlgorithm, text: string): string {
  return toHex(algorithm === 'md5' ? md5(utf8(text)) : sha256(text));
}

/**
 * Compute an IdentityHash as the model defines it: the algorithm name, `$`, and the lower-case
 * hex hash of the UTF-8 bytes of the identity followed by the salt.
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
  return `${algorithm}$${hashHex(algorithm, identity + salt)}`;
}

/**
 * Build an IdentityObject for a recipient identifier. By default the identity is hashed:
 * `hashed: true`, `identityHash: 'sha256$' + hex(sha256(identity + salt))`, with the given salt
 * or a random one (16 bytes, hex), and `salt` recorded. With `hashed: false` the plaintext goes
 * into `identityHash` (a given salt is kept as given). The identity is hashed exactly as given:
 * the model defines no case folding, so normalise (for example lower-case an email address) before
 * calling if your verifiers will.
 *
 * @example
 * ```ts
 * import { createIdentityObject } from 'ob3kit/model';
 * const id = createIdentityObject({
 *   identity: 'jjefferson18@example.com',
 *   identityType: 'emailAddress',
 *   salt: 'FleurDeSel',
 * });
 * console.log(id.identityHash);
 * // 'sha256$658625b25ab3d75d613ca97d9a5a77f70e2192feca5557f4ad09a4d4f121f5fc'
 * ```
 */
export function createIdentityObject(
  subject: IdentityInput,
  options?: IdentityOptions,
): IdentityObject {
  const fn = 'createIdentityObject';
  if (!isObject(subject))
    throw Object.assign(
      new TypeError(`${fn}: the input must be an object (found ${describeValue(subject)})`),
      {
        code: 'ERR_MODEL_TYPE',
        path: '',
      },
    );
  if (options !== undefined && !isObject(options))
    throw new TypeError(`${fn}: options must be an object (found ${describeValue(options)})`);
  const saltBytes: unknown = options?.saltBytes ?? 16;
  if (
    typeof saltBytes !== 'number' ||
    !Number.isInteger(saltBytes) ||
    saltBytes < 8 ||
    saltBytes > 64
  )
    throw new TypeError(
      `${fn}: options.saltBytes must be an integer from 8 to 64 (found ${describeValue(saltBytes)})`,
    );
  const { identity, identityType, hashed = true, salt, ...rest } = subject;
  for (const key of Object.keys(rest))
    throw Object.assign(
      new TypeError(
        `${fn}: "${key}" is not a property of the input (expected only "identity", "identityType", "hashed", "salt", found "${key}")`,
      ),
      { code: 'ERR_MODEL_UNKNOWN_PROPERTY', path: key },
    );
  if (typeof identity !== 'string' || identity === '')
    throw Object.assign(
      new TypeError(
        `${fn}: "identity" is ${identity === undefined ? 'required' : 'invalid'} (expected a non-empty string, found ${describeValue(identity)})`,
      ),
      { code: identity === undefined ? 'ERR_MODEL_REQUIRED' : 'ERR_MODEL_TYPE', path: 'identity' },
    );
  if (typeof hashed !== 'boolean')
    throw Object.assign(
      new TypeError(
        `${fn}: "hashed" is invalid (expected a boolean, found ${describeValue(hashed)})`,
      ),
      { code: 'ERR_MODEL_TYPE', path: 'hashed' },
    );
  if (salt !== undefined && typeof salt !== 'string')
    throw Object.assign(
      new TypeError(`${fn}: "salt" is invalid (expected a string, found ${describeValue(salt)})`),
      { code: 'ERR_MODEL_TYPE', path: 'salt' },
    );
  const usedSalt = salt ?? (hashed ? toHex(randomBytes(saltBytes)) : undefined);
  const draft: Record<string, unknown> = {
    type: 'IdentityObject',
    hashed,
    identityHash: hashed ? hashIdentity(identity, usedSalt) : identity,
    identityType,
  };
  if (usedSalt !== undefined) draft.salt = usedSalt;
  // The generic checks name identityType and salt problems.
  return build(fn, 'IdentityObject', draft, undefined);
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
 * for a malformed or unsupported IdentityObject.
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
  const algorithm = (m[1] as string).toLowerCase() as IdentityHashAlgorithm;
  // At most a SHA-256 (32 bytes; MAX_DECODED_BYTES.identityHash): longer text is not decoded.
  const expected = fromHex(m[2] as string, 32);
  const actual = fromHex(hashHex(algorithm, claimedIdentity + (salt ?? '')));
  return expected !== undefined && actual !== undefined && bytesEqual(expected, actual);
}
