/**
 * Import key pairs with their secret keys: the importers of `import-public.ts` given the
 * secret-key arithmetic of `secret.ts` (which loads `@noble/curves`). Verification imports
 * `import-public.ts` instead.
 */

import { describeValue } from '../internal/describe.js';
import { type ImportKeyPairOptions, importKeyDocument } from './import-public.js';
import { ed25519FromBytes, p256FromBytes, p384FromBytes } from './key-pair.js';
import { isPlainOptions } from './multikey.js';
import { SECRET_KEY_MATH } from './secret.js';
import type { KeyPair } from './types.js';

export type { ImportKeyPairOptions } from './import-public.js';

/** `importKeyPair` (public: keys/api.ts); ob3kit's own modules call this one. @internal */
export function importKeyPair(json: unknown, options: ImportKeyPairOptions = {}): KeyPair {
  return importKeyDocument(json, options, SECRET_KEY_MATH);
}

/** Options of {@link importRawKeyPair}. */
export interface RawKeyPairInput {
  /** Key type. Default `'Ed25519'`. */
  type?: 'Ed25519' | 'P-256' | 'P-384';
  /** Raw public key (Ed25519: 32 bytes; P-256: 33 or 65-byte SEC1 point; P-384: 49 or 97 bytes). */
  publicKey?: Uint8Array;
  /**
   * Raw secret key (Ed25519: 32-byte seed, or 64 bytes seed then public key; P-256: 32-byte
   * scalar; P-384: 48-byte scalar).
   */
  secretKey?: Uint8Array;
  /** Verification method id. */
  id?: string;
  /** Controller. */
  controller?: string;
}

/**
 * Import a key pair from raw bytes (for example a published hex test key).
 *
 * @example
 * ```ts
 * import { importRawKeyPair } from 'ob3kit/keys';
 * const key = importRawKeyPair({ type: 'Ed25519', secretKey: new Uint8Array(32).fill(7) });
 * key.publicKeyMultibase; // 'z6Mk...'
 * ```
 */
export function importRawKeyPair(input: RawKeyPairInput): KeyPair {
  if (!isPlainOptions(input))
    throw new TypeError('importRawKeyPair(input): input must be an object');
  const { type = 'Ed25519', publicKey, secretKey } = input;
  for (const [name, v] of [
    ['publicKey', publicKey],
    ['secretKey', secretKey],
  ] as const) {
    if (v !== undefined && !(v instanceof Uint8Array)) {
      throw new TypeError(`importRawKeyPair(input): input.${name} must be a Uint8Array`);
    }
  }
  if (publicKey === undefined && secretKey === undefined) {
    throw new TypeError('importRawKeyPair(input): give input.publicKey or input.secretKey');
  }
  const ids = { id: input.id, controller: input.controller };
  const math = SECRET_KEY_MATH;
  if (type === 'Ed25519') return ed25519FromBytes(publicKey, secretKey, ids, 'input', math);
  if (type === 'P-256') return p256FromBytes(publicKey, secretKey, ids, 'input', math);
  if (type === 'P-384') return p384FromBytes(publicKey, secretKey, ids, 'input', math);
  throw new TypeError(
    `importRawKeyPair(input): input.type must be 'Ed25519', 'P-256' or 'P-384', found ${describeValue(type)}`,
  );
}
