/**
 * Making an IdentityObject (a recipient identifier, hashed by default). Kept apart from
 * `identity.ts` (hashing and matching), which the verifier loads: this one needs the model's
 * builder and its tables, which a verifier never uses.
 */
import { toHex } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';
import { randomBytes } from '../internal/random.js';
import { build } from './engine.js';
import { hashIdentity } from './identity.js';
import type { IdentifierTypeEnum, IdentityObject } from './types.generated.js';

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
