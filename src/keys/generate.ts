/** Key generation. */

import { describeValue } from '../internal/describe.js';
import { randomBytes } from '../internal/random.js';
import { ed25519, getP384, p256 } from './curves.js';
import { P384_SIZES } from './ec-point.js';
import {
  bindKeyPair,
  ed25519FromBytes,
  p256FromBytes,
  p384FromBytes,
  rsaFromJwk,
} from './key-pair.js';
import { encodeMultibaseKey, isPlainOptions } from './multikey.js';
import { generateRsaJwk } from './rsa.js';
import { SECRET_KEY_MATH } from './secret.js';
import type { KeyPair, KeyType } from './types.js';

/** Options of {@link generateKeyPair}. */
export interface GenerateKeyPairOptions {
  /**
   * `'Ed25519'` (default, the Open Badges 3.0 default), `'P-256'`, `'P-384'` or `'RSA'`
   * (2048-bit, for RS256 JWTs).
   */
  type?: KeyType;
  /** Controller of the key (a DID or an https URL). */
  controller?: string;
  /**
   * Verification method id. Default: `${controller}#${publicKeyMultibase}` when a controller is
   * given (Ed25519, P-256 and P-384), otherwise none.
   */
  id?: string;
  /**
   * Deterministic seed for tests and fixtures: the 32-byte Ed25519 seed, the 32-byte P-256
   * secret scalar or the 48-byte P-384 secret scalar.
   */
  seed?: Uint8Array;
  /** RSA modulus length in bits (>= 2048). Default 2048. */
  modulusLength?: number;
}

/**
 * Generate a new key pair. Ed25519, P-256 and P-384 use `@noble/curves` (pure JS); RSA uses
 * WebCrypto.
 *
 * @example
 * ```ts
 * import { generateKeyPair } from 'ob3kit/keys';
 * const key = await generateKeyPair({ controller: 'https://example.edu/issuers/565049' });
 * key.type; // 'Ed25519'
 * key.id; // 'https://example.edu/issuers/565049#z6Mk...'
 * ```
 */
export async function generateKeyPair(options: GenerateKeyPairOptions = {}): Promise<KeyPair> {
  if (!isPlainOptions(options))
    throw new TypeError('generateKeyPair(options): options must be an object');
  const { type = 'Ed25519', controller, seed } = options;
  const seedBytes = type === 'P-384' ? P384_SIZES.secretKey : 32;
  if (seed !== undefined && (!(seed instanceof Uint8Array) || seed.length !== seedBytes)) {
    throw new TypeError(
      `generateKeyPair(options): options.seed must be a ${seedBytes}-byte Uint8Array`,
    );
  }
  if (controller !== undefined && typeof controller !== 'string') {
    throw new TypeError('generateKeyPair(options): options.controller must be a string');
  }
  if (options.id !== undefined && typeof options.id !== 'string') {
    throw new TypeError('generateKeyPair(options): options.id must be a string');
  }
  if (type === 'Ed25519') {
    const secret = seed ?? ed25519.utils.randomSecretKey(randomBytes(ed25519.lengths.seed ?? 32));
    const pub = ed25519.getPublicKey(secret);
    const id = options.id ?? defaultId(controller, encodeMultibaseKey('ed25519-pub', pub));
    return ed25519FromBytes(undefined, secret, { id, controller }, 'seed', SECRET_KEY_MATH);
  }
  if (type === 'P-256') {
    const secret = seed ?? p256.utils.randomSecretKey(randomBytes(p256.lengths.seed ?? 48));
    // The builder checks the scalar (a located ERR_KEY_INVALID) before its public key is used.
    const key = p256FromBytes(undefined, secret, { controller }, 'seed', SECRET_KEY_MATH);
    return withDefaultId(key, options.id, controller);
  }
  if (type === 'P-384') {
    const curve = getP384();
    const secret = seed ?? curve.utils.randomSecretKey(randomBytes(curve.lengths.seed ?? 72));
    const key = p384FromBytes(undefined, secret, { controller }, 'seed', SECRET_KEY_MATH);
    return withDefaultId(key, options.id, controller);
  }
  if (type === 'RSA') {
    if (seed !== undefined)
      throw new TypeError('generateKeyPair(options): RSA keys cannot be generated from a seed');
    const bits = options.modulusLength ?? 2048;
    if (!Number.isInteger(bits) || bits < 2048 || bits > 16384) {
      throw new TypeError(
        'generateKeyPair(options): options.modulusLength must be an integer in [2048, 16384]',
      );
    }
    const jwk = await generateRsaJwk(bits);
    return rsaFromJwk(jwk, { id: options.id, controller }, 'generated', true);
  }
  throw new TypeError(
    `generateKeyPair(options): options.type must be 'Ed25519', 'P-256', 'P-384' or 'RSA', found ${describeValue(type)}`,
  );
}

/** `key` with the id given, or the default id of its fingerprint under `controller`. */
function withDefaultId(
  key: KeyPair,
  id: string | undefined,
  controller: string | undefined,
): KeyPair {
  const chosen = id ?? defaultId(controller, key.publicKeyMultibase as string);
  return chosen === undefined ? key : bindKeyPair(key, { id: chosen, controller });
}

function defaultId(controller: string | undefined, fingerprint: string): string | undefined {
  return controller === undefined ? undefined : `${controller}#${fingerprint}`;
}
