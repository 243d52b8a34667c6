/**
 * Import key pairs from Multikey, JWK, JsonWebKey and Ed25519VerificationKey2020 documents. The
 * importers here take the secret-key arithmetic as an argument ({@link SecretKeyMath}); without
 * it they read public keys only and never load `@noble/curves`. {@link importPublicKeyPair} and
 * {@link importPublicJwk} are what verification uses; `import.ts` adds secret keys.
 *
 * @internal
 */

import { KeyError } from '../errors.js';
import { bytesEqual, fromBase64Url } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';
import { MAX_DECODED_BYTES } from '../internal/limits.js';
import { decodeBase58btc } from './base58.js';
import { P256_SIZES, P384_SIZES } from './ec-point.js';
import {
  ed25519FromBytes,
  p256FromBytes,
  p384FromBytes,
  rsaFromJwk,
  type SecretKeyMath,
} from './key-pair.js';
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

/**
 * `importKeyPair` of public keys only (any secret key in the input is ignored, as with
 * `publicOnly: true`): what verification calls. Does not load `@noble/curves`.
 */
export function importPublicKeyPair(json: unknown, options: ImportKeyPairOptions = {}): KeyPair {
  return importKeyDocument(json, options, undefined);
}

/**
 * A bare public JWK as a key pair (`d` and the other private members are ignored). `field`
 * locates it in the input for messages.
 */
export function importPublicJwk(
  jwk: Jwk,
  ids: { id?: string; controller?: string },
  field: string,
): KeyPair {
  return importJwkWith(jwk, ids, undefined, field);
}

/**
 * `importKeyPair` with the secret-key arithmetic `secretMath` (secret keys are imported unless
 * `options.publicOnly`); without it, public keys only.
 */
export function importKeyDocument(
  json: unknown,
  options: ImportKeyPairOptions,
  secretMath: SecretKeyMath | undefined,
): KeyPair {
  if (!isObject(json)) {
    throw new TypeError(
      `importKeyPair(json): json must be an object, found ${describeValue(json)}`,
    );
  }
  if (!isPlainOptions(options))
    throw new TypeError('importKeyPair(json, options): options must be an object');
  const math = options.publicOnly === true ? undefined : secretMath;
  const withSecret = math !== undefined;
  const ids = {
    id:
      options.id ??
      optionalString(json, 'id') ??
      (json.kty ? optionalString(json, 'kid') : undefined),
    controller: options.controller ?? optionalString(json, 'controller'),
  };

  if (typeof json.kty === 'string') {
    return importJwkWith(json as Jwk, ids, math, '$');
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
      const pub = importJwkWith(json.publicKeyJwk as Jwk, ids, undefined, '$.publicKeyJwk');
      const full = importJwkWith(secretJwk as Jwk, ids, math, field);
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
    return importJwkWith(json.publicKeyJwk as Jwk, ids, undefined, '$.publicKeyJwk');
  }
  if (type === 'Ed25519VerificationKey2018' || json.publicKeyBase58 !== undefined) {
    const pub = base58Field(json, 'publicKeyBase58');
    const sec =
      withSecret && json.privateKeyBase58 !== undefined
        ? base58Field(json, 'privateKeyBase58')
        : undefined;
    return ed25519FromBytes(pub, sec, ids, '$', math);
  }
  if (
    type === 'Multikey' ||
    type === 'Ed25519VerificationKey2020' ||
    (type === undefined &&
      (json.publicKeyMultibase !== undefined || json.secretKeyMultibase !== undefined))
  ) {
    return importMultikey(json, ids, math);
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
  math: SecretKeyMath | undefined,
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
  if (secretField && math !== undefined) {
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
    return ed25519FromBytes(publicKey?.bytes, secretKey?.bytes, ids, '$', math);
  }
  if (kind === 'P-384') return p384FromBytes(publicKey?.bytes, secretKey?.bytes, ids, '$', math);
  return p256FromBytes(publicKey?.bytes, secretKey?.bytes, ids, '$', math);
}

function keyTypeOf(codec: string | undefined): KeyType {
  if (codec?.startsWith('ed25519')) return 'Ed25519';
  if (codec?.startsWith('p256')) return 'P-256';
  if (codec?.startsWith('p384')) return 'P-384';
  throw new KeyError('ERR_KEY_TYPE_UNSUPPORTED', `Multikey of codec ${codec} is not supported`);
}

/**
 * Import a bare JWK, with its secret key (`d`, ...) when `secretMath` is given. `field` locates it
 * in the input for messages.
 */
export function importJwkWith(
  jwk: Jwk,
  ids: { id?: string; controller?: string },
  secretMath: SecretKeyMath | undefined,
  field: string,
): KeyPair {
  const withSecret = secretMath !== undefined;
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
    return ed25519FromBytes(x, d, ids, field, secretMath);
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
      ? p256FromBytes(uncompressed, d, ids, field, secretMath)
      : p384FromBytes(uncompressed, d, ids, field, secretMath);
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
  return a.type === b.type && bytesEqual(a.publicKey, b.publicKey);
}
