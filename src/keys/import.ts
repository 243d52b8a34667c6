/** Import key pairs from Multikey, JWK, JsonWebKey and Ed25519VerificationKey2020 documents. */

import { KeyError } from '../errors.js';
import { fromBase64Url } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';
import { MAX_DECODED_BYTES } from '../internal/limits.js';
import { decodeBase58btc } from './base58.js';
import { P256_SIZES, P384_SIZES } from './curves.js';
import { ed25519FromBytes, p256FromBytes, p384FromBytes, rsaFromJwk } from './key-pair.js';
import { assertKeyTextLength, decodeMultibaseKey, isPlainOptions } from './multikey.js';
import type { Jwk, KeyPair, KeyType } from './types.js';

/** Options of {@link importKeyPair}. */
export interface ImportKeyPairOptions {
  /** Override (or supply) the verification method id. */
  id?: string;
  /** Override (or supply) the controller. */
  controller?: string;
  /** Ignore any secret key in the input and import the public key only. Default `false`. */
  publicOnly?: boolean;
}

/** `importKeyPair` (public: keys/api.ts); ob3kit's own modules call this one. @internal */
export function importKeyPair(json: unknown, options: ImportKeyPairOptions = {}): KeyPair {
  if (!isObject(json)) {
    throw new TypeError(
      `importKeyPair(json): json must be an object, found ${describeValue(json)}`,
    );
  }
  if (!isPlainOptions(options))
    throw new TypeError('importKeyPair(json, options): options must be an object');
  const withSecret = options.publicOnly !== true;
  const ids = {
    id:
      options.id ??
      optionalString(json, 'id') ??
      (json.kty ? optionalString(json, 'kid') : undefined),
    controller: options.controller ?? optionalString(json, 'controller'),
  };

  if (typeof json.kty === 'string') {
    return importJwk(json as Jwk, ids, withSecret, '$');
  }
  const type = json.type;
  if (json.publicKeyJwk !== undefined || type === 'JsonWebKey' || type === 'JsonWebKey2020') {
    if (!isObject(json.publicKeyJwk)) {
      throw new KeyError(
        'ERR_KEY_FORMAT',
        `$.publicKeyJwk must be a JWK object, found ${describeValue(json.publicKeyJwk)}`,
        {
          field: '$.publicKeyJwk',
        },
      );
    }
    const secretJwk = json.secretKeyJwk ?? json.privateKeyJwk;
    if (secretJwk !== undefined && withSecret) {
      const field = json.secretKeyJwk !== undefined ? '$.secretKeyJwk' : '$.privateKeyJwk';
      if (!isObject(secretJwk)) {
        throw new KeyError('ERR_KEY_FORMAT', `${field} must be a JWK object`, { field });
      }
      const pub = importJwk(json.publicKeyJwk as Jwk, ids, false, '$.publicKeyJwk');
      const full = importJwk(secretJwk as Jwk, ids, true, field);
      if (!sameKey(pub, full)) {
        throw new KeyError('ERR_KEY_INVALID', `${field} does not belong to $.publicKeyJwk`, {
          field,
        });
      }
      return full;
    }
    if (isObject(json.publicKeyJwk) && json.publicKeyJwk.d !== undefined) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        '$.publicKeyJwk holds a private key member "d"; a public key must never contain it',
        { field: '$.publicKeyJwk.d' },
      );
    }
    return importJwk(json.publicKeyJwk as Jwk, ids, false, '$.publicKeyJwk');
  }
  if (type === 'Ed25519VerificationKey2018' || json.publicKeyBase58 !== undefined) {
    const pub = base58Field(json, 'publicKeyBase58');
    const sec =
      withSecret && json.privateKeyBase58 !== undefined
        ? base58Field(json, 'privateKeyBase58')
        : undefined;
    return ed25519FromBytes(pub, sec, ids, '$');
  }
  if (
    type === 'Multikey' ||
    type === 'Ed25519VerificationKey2020' ||
    (type === undefined &&
      (json.publicKeyMultibase !== undefined || json.secretKeyMultibase !== undefined))
  ) {
    return importMultikey(json, ids, withSecret);
  }
  throw new KeyError(
    'ERR_KEY_FORMAT',
    `Not a key document: expected a Multikey, JWK, JsonWebKey or Ed25519VerificationKey2020, found ${
      typeof type === 'string' ? `type "${type}"` : 'no "type", "kty" or key property'
    }`,
    { field: '$.type', type },
  );
}

function importMultikey(
  json: Record<string, unknown>,
  ids: { id?: string; controller?: string },
  withSecret: boolean,
): KeyPair {
  const secretField =
    json.secretKeyMultibase !== undefined
      ? 'secretKeyMultibase'
      : json.privateKeyMultibase !== undefined
        ? 'privateKeyMultibase'
        : undefined;
  let publicKey: { codec: string; bytes: Uint8Array } | undefined;
  if (json.publicKeyMultibase !== undefined) {
    publicKey = decodeMultibaseKey(json.publicKeyMultibase, '$.publicKeyMultibase');
  }
  let secretKey: { codec: string; bytes: Uint8Array } | undefined;
  if (secretField && withSecret) {
    secretKey = decodeMultibaseKey(json[secretField], `$.${secretField}`);
  }
  if (!publicKey && !secretKey) {
    throw new KeyError('ERR_KEY_FORMAT', '$.publicKeyMultibase is required', {
      field: '$.publicKeyMultibase',
    });
  }
  const kind = keyTypeOf(publicKey?.codec ?? secretKey?.codec);
  if (publicKey && !publicKey.codec.endsWith('-pub')) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `$.publicKeyMultibase holds a secret key (${publicKey.codec})`,
      {
        field: '$.publicKeyMultibase',
      },
    );
  }
  if (secretKey) {
    if (!secretKey.codec.endsWith('-priv')) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `$.${secretField} holds a ${secretKey.codec} key, not a secret key`,
        {
          field: `$.${secretField}`,
        },
      );
    }
    if (keyTypeOf(secretKey.codec) !== kind) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `$.${secretField} is not of the same key type as $.publicKeyMultibase`,
        {
          field: `$.${secretField}`,
        },
      );
    }
  }
  if (json.type === 'Ed25519VerificationKey2020' && kind !== 'Ed25519') {
    throw new KeyError(
      'ERR_KEY_INVALID',
      'An Ed25519VerificationKey2020 must hold an Ed25519 key',
      {
        field: '$.publicKeyMultibase',
      },
    );
  }
  if (kind === 'Ed25519') {
    return ed25519FromBytes(publicKey?.bytes, secretKey?.bytes, ids, '$');
  }
  if (kind === 'P-384') return p384FromBytes(publicKey?.bytes, secretKey?.bytes, ids, '$');
  return p256FromBytes(publicKey?.bytes, secretKey?.bytes, ids, '$');
}

function keyTypeOf(codec: string | undefined): KeyType {
  if (codec?.startsWith('ed25519')) return 'Ed25519';
  if (codec?.startsWith('p256')) return 'P-256';
  if (codec?.startsWith('p384')) return 'P-384';
  throw new KeyError('ERR_KEY_TYPE_UNSUPPORTED', `Multikey of codec ${codec} is not supported`);
}

/** Import a bare JWK. `field` locates it in the input for messages. */
export function importJwk(
  jwk: Jwk,
  ids: { id?: string; controller?: string },
  withSecret: boolean,
  field: string,
): KeyPair {
  if (jwk.kty === 'OKP') {
    if (jwk.crv !== 'Ed25519') {
      throw new KeyError(
        'ERR_KEY_TYPE_UNSUPPORTED',
        `${field}.crv "${String(jwk.crv)}" is not supported; use Ed25519`,
        {
          field: `${field}.crv`,
        },
      );
    }
    const x = b64u(jwk, 'x', field);
    const d = withSecret && jwk.d !== undefined ? b64u(jwk, 'd', field) : undefined;
    return ed25519FromBytes(x, d, ids, field);
  }
  if (jwk.kty === 'EC') {
    if (jwk.crv !== 'P-256' && jwk.crv !== 'P-384') {
      throw new KeyError(
        'ERR_KEY_TYPE_UNSUPPORTED',
        `${field}.crv "${String(jwk.crv)}" is not supported; use P-256 or P-384`,
        {
          field: `${field}.crv`,
        },
      );
    }
    const n = (jwk.crv === 'P-256' ? P256_SIZES : P384_SIZES).secretKey;
    const x = b64u(jwk, 'x', field);
    const y = b64u(jwk, 'y', field);
    if (x.length !== n || y.length !== n) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${field}.x and ${field}.y must be ${n} bytes each for ${jwk.crv}`,
        {
          field,
        },
      );
    }
    const uncompressed = new Uint8Array(1 + 2 * n);
    uncompressed[0] = 4;
    uncompressed.set(x, 1);
    uncompressed.set(y, 1 + n);
    const d = withSecret && jwk.d !== undefined ? b64u(jwk, 'd', field) : undefined;
    return jwk.crv === 'P-256'
      ? p256FromBytes(uncompressed, d, ids, field)
      : p384FromBytes(uncompressed, d, ids, field);
  }
  if (jwk.kty === 'RSA') {
    return rsaFromJwk(jwk, ids, field, withSecret);
  }
  throw new KeyError(
    'ERR_KEY_TYPE_UNSUPPORTED',
    `${field}.kty "${String(jwk.kty)}" is not supported; use OKP, EC or RSA`,
    {
      field: `${field}.kty`,
    },
  );
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
  if (type === 'Ed25519') return ed25519FromBytes(publicKey, secretKey, ids, 'input');
  if (type === 'P-256') return p256FromBytes(publicKey, secretKey, ids, 'input');
  if (type === 'P-384') return p384FromBytes(publicKey, secretKey, ids, 'input');
  throw new TypeError(
    `importRawKeyPair(input): input.type must be 'Ed25519', 'P-256' or 'P-384', found ${describeValue(type)}`,
  );
}

function optionalString(json: Record<string, unknown>, name: string): string | undefined {
  const v = json[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length === 0) {
    throw new KeyError(
      'ERR_KEY_FORMAT',
      `$.${name} must be a non-empty string, found ${describeValue(v)}`,
      {
        field: `$.${name}`,
      },
    );
  }
  return v;
}

function b64u(jwk: Jwk, member: string, field: string): Uint8Array {
  const v = jwk[member];
  assertKeyTextLength(v, 'base64url', MAX_DECODED_BYTES.jwkEcMember, `${field}.${member}`);
  const bytes = typeof v === 'string' ? fromBase64Url(v, MAX_DECODED_BYTES.jwkEcMember) : undefined;
  if (!bytes) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field}.${member} must be base64url (no padding), found ${describeValue(v)}`,
      { field: `${field}.${member}` },
    );
  }
  return bytes;
}

function base58Field(json: Record<string, unknown>, name: string): Uint8Array {
  const v = json[name];
  assertKeyTextLength(v, 'base58btc', MAX_DECODED_BYTES.base58Key, `$.${name}`);
  const bytes = typeof v === 'string' ? decodeBase58btc(v, MAX_DECODED_BYTES.base58Key) : undefined;
  if (!bytes) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `$.${name} must be base58btc, found ${describeValue(v)}`,
      {
        field: `$.${name}`,
      },
    );
  }
  return bytes;
}

function sameKey(a: KeyPair, b: KeyPair): boolean {
  if (a.type !== b.type) return false;
  const x = a.publicKey;
  const y = b.publicKey;
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
