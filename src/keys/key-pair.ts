/**
 * The internal key pair implementation behind the `KeyPair` interface. This module does not
 * import `@noble/curves`: public keys are checked by `ed25519-point.ts` and `ec-point.ts` and
 * signatures verified by WebCrypto, so a verifier never loads the pure-JS curves. They are
 * imported on demand where they are needed: to sign (RFC 6979 ECDSA; Ed25519 where WebCrypto
 * lacks it) and to verify where WebCrypto cannot. The secret-key arithmetic key import needs
 * synchronously (deriving the public key) is handed in by the caller as a {@link SecretKeyMath}
 * (`secret.ts`), so the public-only import path never reaches it.
 */

import type { ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { KeyError } from '../errors.js';
import { toBase64Url } from '../internal/bytes.js';
import { cryptoOnDemand } from '../internal/lazy.js';
import {
  isValidEd25519PublicKeyCached,
  webCryptoEd25519Sign,
  webCryptoEd25519Verify,
} from '../internal/perf-ed25519.js';
import {
  decodeEcPoint,
  type EcSizes,
  encodeEcPoint,
  P256_SIZES,
  P384_SIZES,
  uncompressEcPoint,
} from './ec-point.js';
import { isUsableEd25519Point } from './ed25519-point.js';
import { encodeMultibaseKey, isPlainOptions } from './multikey.js';
import {
  checkRsaJwk,
  encodeRsaPublicKeyDer,
  importRsaKey,
  pickRsa,
  rsaSign,
  rsaVerify,
} from './rsa.js';
import type { Jwk, JwsAlgorithm, KeyPair, KeyType } from './types.js';

/**
 * Secret material: a 32-byte seed (Ed25519), a 32-byte scalar (P-256), a 48-byte scalar (P-384)
 * or a private JWK (RSA).
 */
export type SecretMaterial = Uint8Array | Jwk;

interface KeyMaterial {
  type: KeyType;
  /** Ed25519 32 bytes, P-256 / P-384 compressed point (33 / 49 bytes), RSA PKCS #1 DER. */
  publicKey: Uint8Array;
  /** RSA public JWK (n, e). */
  rsaJwk?: Jwk;
  secret?: SecretMaterial;
  id?: string;
  controller?: string;
}

const secrets = new WeakMap<object, SecretMaterial>();

const ALGORITHMS: Record<KeyType, JwsAlgorithm> = {
  Ed25519: 'EdDSA',
  'P-256': 'ES256',
  'P-384': 'ES384',
  RSA: 'RS256',
};

/** The NIST curves: ECDSA with the curve's own hash (SHA-256 / SHA-384), `r || s` signatures. */
export type EcType = 'P-256' | 'P-384';

/** `curves.ts`, the pure-JS curves from `@noble/curves`. */
type Curves = typeof import('./curves.js');

/**
 * `curves.ts`, imported on first use and kept (a failed import is tried again next time). Only
 * signing and the verification fallbacks (no WebCrypto Ed25519 or ECDSA) call it. A failed
 * import is a `KeyError` `ERR_CRYPTO_UNAVAILABLE` naming the task and the cause, never a
 * verdict: `verify` lets it through, so a valid signature cannot read as forged.
 */
const loadCurves = /* @__PURE__ */ cryptoOnDemand(
  () => import('./curves.js'),
  "ob3kit's elliptic-curve code (@noble/curves)",
);

/** True for the error of {@link loadCurves} (and of RSA without WebCrypto). */
function isCryptoUnavailable(e: unknown): boolean {
  return e instanceof KeyError && e.code === 'ERR_CRYPTO_UNAVAILABLE';
}

interface EcInfo {
  /** The curve (P-384 is built on first use). */
  curve(curves: Curves): ECDSA;
  sizes: EcSizes;
  hash: 'SHA-256' | 'SHA-384';
  codec: 'p256-pub' | 'p384-pub';
}

const EC: Record<EcType, EcInfo> = {
  'P-256': { curve: (c) => c.p256, sizes: P256_SIZES, hash: 'SHA-256', codec: 'p256-pub' },
  'P-384': { curve: (c) => c.getP384(), sizes: P384_SIZES, hash: 'SHA-384', codec: 'p384-pub' },
};

/**
 * The secret-key arithmetic key import needs (from `@noble/curves`, in `secret.ts`). Key
 * builders take it as an argument: one that is given no secret key needs none, so the
 * public-only import path (verification) never loads the curves.
 */
export interface SecretKeyMath {
  /** The Ed25519 public key of a 32-byte seed (RFC 8032 section 5.1.5). */
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
  /** True when `scalar` (of the curve's scalar length) is a secret key in [1, n-1]. */
  isValidEcSecretKey(type: EcType, scalar: Uint8Array): boolean;
  /** The compressed SEC1 public point of a valid secret scalar. */
  ecPublicKey(type: EcType, scalar: Uint8Array): Uint8Array;
}

/** The math for a secret key, or the misuse of a public-only builder given one. */
function mathFor(math: SecretKeyMath | undefined, field: string): SecretKeyMath {
  if (math === undefined) {
    throw new TypeError(`${field}: a secret key was given to a public-key-only import`);
  }
  return math;
}

function isEcType(type: KeyType): type is EcType {
  return type === 'P-256' || type === 'P-384';
}

class Ob3KeyPair implements KeyPair {
  readonly type: KeyType;
  readonly id: string | undefined;
  readonly controller: string | undefined;
  readonly algorithm: JwsAlgorithm;
  readonly hasSecretKey: boolean;
  readonly #publicKey: Uint8Array;
  readonly #rsaJwk: Jwk | undefined;
  #rsaSignKey: Promise<CryptoKey> | undefined;
  #rsaVerifyKey: Promise<CryptoKey> | undefined;
  /** P-256 / P-384 public key imported into WebCrypto (`undefined` inside: WebCrypto cannot). */
  #ecVerifyKey: Promise<CryptoKey | undefined> | undefined;

  constructor(m: KeyMaterial) {
    this.type = m.type;
    this.id = m.id;
    this.controller = m.controller;
    this.algorithm = ALGORITHMS[m.type];
    this.#publicKey = m.publicKey.slice();
    this.#rsaJwk = m.rsaJwk ? pickRsa(m.rsaJwk, false) : undefined;
    this.hasSecretKey = m.secret !== undefined;
    if (m.secret !== undefined) secrets.set(this, m.secret);
    Object.freeze(this);
  }

  get publicKey(): Uint8Array {
    return this.#publicKey.slice();
  }

  get publicKeyMultibase(): string | undefined {
    if (this.type === 'Ed25519') return encodeMultibaseKey('ed25519-pub', this.#publicKey);
    if (isEcType(this.type)) return encodeMultibaseKey(EC[this.type].codec, this.#publicKey);
    return undefined;
  }

  get publicKeyJwk(): Jwk {
    if (this.type === 'Ed25519') {
      return { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(this.#publicKey) };
    }
    if (isEcType(this.type)) {
      const raw = uncompressEcPoint(this.type, this.#publicKey);
      const n = EC[this.type].sizes.secretKey;
      return {
        kty: 'EC',
        crv: this.type,
        x: toBase64Url(raw.subarray(1, 1 + n)),
        y: toBase64Url(raw.subarray(1 + n, 1 + 2 * n)),
      };
    }
    return { ...(this.#rsaJwk as Jwk) };
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    if (!(data instanceof Uint8Array)) throw new TypeError('sign(data): data must be a Uint8Array');
    const secret = secrets.get(this);
    if (secret === undefined) {
      throw new KeyError(
        'ERR_KEY_SECRET_MISSING',
        `Key ${this.id ?? '(no id)'} has no secret key and cannot sign`,
        { id: this.id },
      );
    }
    if (this.type === 'Ed25519') {
      // WebCrypto when the runtime has Ed25519 (much faster), else @noble/curves: same bytes.
      const fast = await webCryptoEd25519Sign(secret as Uint8Array, data);
      return (
        fast ??
        (await loadCurves('Ed25519 signing without WebCrypto')).ed25519.sign(
          data,
          secret as Uint8Array,
        )
      );
    }
    if (isEcType(this.type)) {
      // RFC 6979 deterministic k; s is not low-s normalized (as WebCrypto and the W3C vectors).
      const curve = EC[this.type].curve(await loadCurves(`${this.type} signing`));
      return curve.sign(data, secret as Uint8Array, { prehash: true, lowS: false });
    }
    // A failed import (no WebCrypto yet) is not kept: the next call tries again.
    this.#rsaSignKey ??= importRsaKey(secret as Jwk, 'sign').catch((e: unknown) => {
      this.#rsaSignKey = undefined;
      throw e;
    });
    return rsaSign(await this.#rsaSignKey, data);
  }

  async verify(data: Uint8Array, signature: Uint8Array): Promise<boolean> {
    if (!(data instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
      throw new TypeError('verify(data, signature): both must be Uint8Array');
    }
    try {
      if (this.type === 'Ed25519') {
        if (signature.length !== 64) return false;
        // WebCrypto when the runtime has Ed25519: strict, cofactorless RFC 8032 (as OpenSSL).
        const fast = await webCryptoEd25519Verify(this.#publicKey, data, signature);
        if (fast !== undefined) return fast;
        // zip215: false = strict RFC 8032 / FIPS 186-5: non-canonical encodings are rejected.
        const { ed25519 } = await loadCurves('Ed25519 signature verification without WebCrypto');
        return ed25519.verify(signature, data, this.#publicKey, { zip215: false });
      }
      if (isEcType(this.type)) {
        const ec = EC[this.type];
        if (signature.length !== ec.sizes.signature) return false;
        // WebCrypto signers do not normalize s, so high-s signatures are valid ECDSA (WebCrypto
        // and @noble/curves with lowS: false both accept them, and both reject r, s = 0 or >= n).
        this.#ecVerifyKey ??= importEcVerifyKey(this.type, this.#publicKey);
        const fast = await webCryptoEcVerify(ec.hash, await this.#ecVerifyKey, data, signature);
        if (fast !== undefined) return fast;
        const curve = ec.curve(
          await loadCurves(`${this.type} signature verification without WebCrypto`),
        );
        return curve.verify(signature, data, this.#publicKey, { prehash: true, lowS: false });
      }
    } catch (e) {
      // No verdict when the code that would give one cannot load: an error, not `false`.
      if (isCryptoUnavailable(e)) throw e;
      return false;
    }
    this.#rsaVerifyKey ??= importRsaKey(this.#rsaJwk as Jwk, 'verify').catch((e: unknown) => {
      this.#rsaVerifyKey = undefined;
      throw e;
    });
    return rsaVerify(await this.#rsaVerifyKey, data, signature);
  }

  toJSON(): Record<string, unknown> {
    const base: Record<string, unknown> = {};
    if (this.id !== undefined) base.id = this.id;
    if (this.type === 'RSA') {
      return {
        ...base,
        type: 'JsonWebKey',
        controller: this.controller,
        publicKeyJwk: this.publicKeyJwk,
      };
    }
    return {
      ...base,
      type: 'Multikey',
      controller: this.controller,
      publicKeyMultibase: this.publicKeyMultibase,
    };
  }
}

function webCryptoSubtle(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
}

/**
 * Import a validated P-256 / P-384 public key (compressed SEC1) into WebCrypto as an
 * uncompressed raw point (the form every runtime accepts). `undefined` when the runtime cannot.
 */
async function importEcVerifyKey(
  type: EcType,
  compressed: Uint8Array,
): Promise<CryptoKey | undefined> {
  const s = webCryptoSubtle();
  if (s === undefined) return undefined;
  try {
    const raw = uncompressEcPoint(type, compressed);
    return await s.importKey('raw', raw, { name: 'ECDSA', namedCurve: type }, false, ['verify']);
  } catch {
    return undefined;
  }
}

/**
 * ECDSA verification through WebCrypto (native, about 20 times faster than pure JS): P-256 with
 * SHA-256, P-384 with SHA-384. The signature is r || s (IEEE P1363), as in ecdsa-rdfc-2019,
 * ecdsa-jcs-2019, ES256 and ES384.
 *
 * @returns the verdict, or `undefined` when WebCrypto cannot answer (the caller uses noble).
 */
async function webCryptoEcVerify(
  hash: 'SHA-256' | 'SHA-384',
  key: CryptoKey | undefined,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean | undefined> {
  const s = webCryptoSubtle();
  if (key === undefined || s === undefined) return undefined;
  try {
    return await s.verify({ name: 'ECDSA', hash }, key, signature.slice(), data.slice());
  } catch {
    return undefined;
  }
}

/** Build a KeyPair from already-validated material. */
export function createKeyPairObject(m: KeyMaterial): KeyPair {
  return new Ob3KeyPair(m);
}

/** The secret material of a key created by ob3kit, if any. */
export function getSecretMaterial(key: KeyPair): SecretMaterial | undefined {
  return secrets.get(key);
}

/** The RSA public JWK of a key (RSA keys only). */
export function rsaPublicJwk(key: KeyPair): Jwk {
  return key.publicKeyJwk;
}

/**
 * True when `value` is a key pair made by ob3kit (`generateKeyPair`, `importKeyPair`, ...).
 *
 * @example
 * ```ts
 * import { generateKeyPair, isKeyPair } from 'ob3kit/keys';
 * isKeyPair(await generateKeyPair()); // true
 * isKeyPair({ sign() {} }); // false
 * ```
 */
export function isKeyPair(value: unknown): value is KeyPair {
  return value instanceof Ob3KeyPair;
}

/**
 * Build a key pair from raw Ed25519 bytes; validates them. `math` derives the public key of a
 * secret key (required when `secretKey` is given).
 */
export function ed25519FromBytes(
  publicKey: Uint8Array | undefined,
  secretKey: Uint8Array | undefined,
  ids: { id?: string; controller?: string },
  field: string,
  math: SecretKeyMath | undefined,
): KeyPair {
  let seed: Uint8Array | undefined;
  let pub = publicKey;
  if (secretKey !== undefined) {
    if (secretKey.length !== 32 && secretKey.length !== 64) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${field}: an Ed25519 secret key is 32 bytes (or 64 bytes: seed then public key), found ${secretKey.length}`,
        { field },
      );
    }
    seed = secretKey.slice(0, 32);
    const derived = mathFor(math, field).ed25519PublicKey(seed);
    if (secretKey.length === 64 && !sameBytes(secretKey.subarray(32), derived)) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${field}: the last 32 bytes of the 64-byte Ed25519 secret key are not its public key`,
        { field },
      );
    }
    if (pub !== undefined && !sameBytes(pub, derived)) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${field}: the public key does not match the secret key`,
        {
          field,
        },
      );
    }
    pub = derived;
  }
  if (pub === undefined) {
    throw new KeyError('ERR_KEY_INVALID', `${field}: no public key`, { field });
  }
  if (pub.length !== 32) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field}: an Ed25519 public key is 32 bytes, found ${pub.length}`,
      { field },
    );
  }
  if (!isValidEd25519PublicKeyCached(pub, isUsableEd25519Point)) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field}: not a valid Ed25519 public key (a canonical point of large order)`,
      { field },
    );
  }
  return createKeyPairObject({ type: 'Ed25519', publicKey: pub, secret: seed, ...ids });
}

/**
 * Build a key pair from raw P-256 bytes (public: compressed or uncompressed SEC1). `math` checks
 * a secret scalar and derives its public key (required when `secretKey` is given).
 */
export function p256FromBytes(
  publicKey: Uint8Array | undefined,
  secretKey: Uint8Array | undefined,
  ids: { id?: string; controller?: string },
  field: string,
  math: SecretKeyMath | undefined,
): KeyPair {
  return ecFromBytes('P-256', publicKey, secretKey, ids, field, math);
}

/**
 * Build a key pair from raw P-384 bytes (public: compressed or uncompressed SEC1). `math` checks
 * a secret scalar and derives its public key (required when `secretKey` is given).
 */
export function p384FromBytes(
  publicKey: Uint8Array | undefined,
  secretKey: Uint8Array | undefined,
  ids: { id?: string; controller?: string },
  field: string,
  math: SecretKeyMath | undefined,
): KeyPair {
  return ecFromBytes('P-384', publicKey, secretKey, ids, field, math);
}

/**
 * Build a P-256 or P-384 key pair from raw bytes. The point must be on the curve and not the
 * identity (both curves have cofactor 1, so every other point is of prime order); the length is
 * checked before any decoding.
 */
function ecFromBytes(
  type: EcType,
  publicKey: Uint8Array | undefined,
  secretKey: Uint8Array | undefined,
  ids: { id?: string; controller?: string },
  field: string,
  math: SecretKeyMath | undefined,
): KeyPair {
  const { sizes } = EC[type];
  let pub: Uint8Array | undefined;
  if (publicKey !== undefined) {
    if (publicKey.length !== sizes.compressed && publicKey.length !== sizes.uncompressed) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${field}: a ${type} public key is a ${sizes.compressed}-byte compressed (or ${sizes.uncompressed}-byte uncompressed) point, found ${publicKey.length} bytes`,
        { field },
      );
    }
    const point = decodeEcPoint(type, publicKey);
    if (point === undefined) {
      throw new KeyError('ERR_KEY_INVALID', `${field}: not a valid ${type} point`, { field });
    }
    pub = encodeEcPoint(type, point, true);
  }
  let secret: Uint8Array | undefined;
  if (secretKey !== undefined) {
    const m = mathFor(math, field);
    if (secretKey.length !== sizes.secretKey || !m.isValidEcSecretKey(type, secretKey)) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${field}: a ${type} secret key is a ${sizes.secretKey}-byte scalar in [1, n-1], found ${secretKey.length} bytes`,
        { field },
      );
    }
    secret = secretKey.slice();
    const derived = m.ecPublicKey(type, secret);
    if (pub !== undefined && !sameBytes(pub, derived)) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${field}: the public key does not match the secret key`,
        {
          field,
        },
      );
    }
    pub = derived;
  }
  if (pub === undefined) {
    throw new KeyError('ERR_KEY_INVALID', `${field}: no public key`, { field });
  }
  return createKeyPairObject({ type, publicKey: pub, secret, ...ids });
}

/** Build a key pair from an RSA JWK (public, or private with all CRT members). */
export function rsaFromJwk(
  jwk: Jwk,
  ids: { id?: string; controller?: string },
  field: string,
  allowSecret: boolean,
): KeyPair {
  const { modulus, exponent } = checkRsaJwk(jwk, field);
  const hasSecret = allowSecret && jwk.d !== undefined;
  if (hasSecret) {
    for (const m of ['p', 'q', 'dp', 'dq', 'qi'] as const) {
      if (typeof jwk[m] !== 'string') {
        throw new KeyError(
          'ERR_KEY_INVALID',
          `${field}.${m} is required in a private RSA JWK (WebCrypto needs the CRT parameters)`,
          { field: `${field}.${m}` },
        );
      }
    }
  }
  return createKeyPairObject({
    type: 'RSA',
    publicKey: encodeRsaPublicKeyDer(modulus, exponent),
    rsaJwk: pickRsa(jwk, false),
    secret: hasSecret ? pickRsa(jwk, true) : undefined,
    ...ids,
  });
}

/**
 * A copy of a key pair with a new verification method `id` and/or `controller`.
 *
 * @example
 * ```ts
 * import { bindKeyPair, generateKeyPair } from 'ob3kit/keys';
 * const key = bindKeyPair(await generateKeyPair(), {
 *   id: 'https://example.edu/issuers/565049#key-1',
 *   controller: 'https://example.edu/issuers/565049',
 * });
 * ```
 */
export function bindKeyPair(key: KeyPair, ids: { id?: string; controller?: string }): KeyPair {
  if (!isKeyPair(key))
    throw new TypeError('bindKeyPair(key, ids): key must be a KeyPair from ob3kit');
  if (!isPlainOptions(ids)) throw new TypeError('bindKeyPair(key, ids): ids must be an object');
  const secret = getSecretMaterial(key);
  const next = {
    id: ids.id ?? key.id,
    controller: ids.controller ?? key.controller,
  };
  if (key.type === 'RSA') {
    return rsaFromJwk({ ...(secret as Jwk | undefined), ...key.publicKeyJwk }, next, 'key', true);
  }
  return createKeyPairObject({
    type: key.type,
    publicKey: key.publicKey,
    secret: secret as Uint8Array | undefined,
    ...next,
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
