/** Export key pairs as Multikey, JWK, JsonWebKey or Ed25519VerificationKey2020 JSON. */

import { KeyError } from '../errors.js';
import { concatBytes, toBase64Url } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { getSecretMaterial, isKeyPair } from './key-pair.js';
import { encodeMultibaseKey, isPlainOptions } from './multikey.js';
import { pickRsa } from './rsa.js';
import type { Jwk, KeyPair } from './types.js';

/** Export formats. `jwk` is a bare JWK; `JsonWebKey` wraps it in a verification method. */
export type KeyExportFormat = 'multikey' | 'jwk' | 'JsonWebKey' | 'Ed25519VerificationKey2020';

/** Options of {@link exportKeyPair}. */
export interface ExportKeyPairOptions {
  /** Output format. Default `'multikey'` (`'JsonWebKey'` for RSA keys). */
  format?: KeyExportFormat;
  /** Include the secret key. Default `false`. */
  includeSecret?: boolean;
  /** Add the format's `@context` (Multikey, Ed25519 2020, JWK suite). Default `false`. */
  includeContext?: boolean;
  /**
   * Ed25519 Multikey only: encode `secretKeyMultibase` as 64 bytes (seed then public key), the
   * form older libraries (for example `@digitalbazaar/ed25519-multikey`) produce. Default `false`:
   * the 32-byte seed of W3C Controlled Identifiers. Both forms import.
   */
  legacySecretKey?: boolean;
}

const CONTEXTS = {
  multikey: 'https://w3id.org/security/multikey/v1',
  Ed25519VerificationKey2020: 'https://w3id.org/security/suites/ed25519-2020/v1',
  JsonWebKey: 'https://w3id.org/security/jwk/v1',
} as const;

/**
 * Serialize a key pair. The public part by default; the secret with `includeSecret: true`.
 *
 * Throws `KeyError` `ERR_KEY_EXPORT_UNSUPPORTED` when the format cannot hold the key type
 * (RSA as Multikey, P-256 or P-384 as Ed25519VerificationKey2020) and `ERR_KEY_SECRET_MISSING` when a
 * secret is asked of a public key.
 *
 * @example
 * ```ts
 * import { exportKeyPair, generateKeyPair } from 'ob3kit/keys';
 * const key = await generateKeyPair({ type: 'P-256' });
 * exportKeyPair(key, { format: 'jwk' }); // { kty: 'EC', crv: 'P-256', x: '...', y: '...' }
 * exportKeyPair(key, { includeSecret: true }); // { type: 'Multikey', publicKeyMultibase: 'zDn...', secretKeyMultibase: 'z42...' }
 * ```
 */
export function exportKeyPair(
  key: KeyPair,
  options: ExportKeyPairOptions = {},
): Record<string, unknown> {
  if (!isKeyPair(key)) throw new TypeError('exportKeyPair(key): key must be a KeyPair from ob3kit');
  if (!isPlainOptions(options))
    throw new TypeError('exportKeyPair(key, options): options must be an object');
  const format = options.format ?? (key.type === 'RSA' ? 'JsonWebKey' : 'multikey');
  const includeSecret = options.includeSecret === true;
  const secret = getSecretMaterial(key);
  if (includeSecret && secret === undefined) {
    throw new KeyError(
      'ERR_KEY_SECRET_MISSING',
      `Key ${key.id ?? '(no id)'} has no secret key to export`,
    );
  }
  const head = (type: string, ctx: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (options.includeContext === true) out['@context'] = ctx;
    if (key.id !== undefined) out.id = key.id;
    out.type = type;
    if (key.controller !== undefined) out.controller = key.controller;
    return out;
  };

  switch (format) {
    case 'jwk':
      return jwkOf(key, includeSecret ? secret : undefined);
    case 'JsonWebKey': {
      const out = head('JsonWebKey', CONTEXTS.JsonWebKey);
      out.publicKeyJwk = jwkOf(key, undefined);
      if (includeSecret) out.secretKeyJwk = jwkOf(key, secret);
      return out;
    }
    case 'multikey': {
      if (key.type === 'RSA') {
        throw new KeyError(
          'ERR_KEY_EXPORT_UNSUPPORTED',
          'RSA keys cannot be exported as Multikey; use format "jwk" or "JsonWebKey"',
        );
      }
      const out = head('Multikey', CONTEXTS.multikey);
      out.publicKeyMultibase = key.publicKeyMultibase;
      if (includeSecret) {
        const s = secret as Uint8Array;
        if (key.type === 'Ed25519') {
          out.secretKeyMultibase = encodeMultibaseKey(
            'ed25519-priv',
            options.legacySecretKey === true ? concatBytes(s, key.publicKey) : s,
          );
        } else {
          out.secretKeyMultibase = encodeMultibaseKey(
            key.type === 'P-384' ? 'p384-priv' : 'p256-priv',
            s,
          );
        }
      }
      return out;
    }
    case 'Ed25519VerificationKey2020': {
      if (key.type !== 'Ed25519') {
        throw new KeyError(
          'ERR_KEY_EXPORT_UNSUPPORTED',
          `A ${key.type} key cannot be exported as Ed25519VerificationKey2020`,
        );
      }
      const out = head('Ed25519VerificationKey2020', CONTEXTS.Ed25519VerificationKey2020);
      out.publicKeyMultibase = key.publicKeyMultibase;
      if (includeSecret) {
        out.privateKeyMultibase = encodeMultibaseKey(
          'ed25519-priv',
          concatBytes(secret as Uint8Array, key.publicKey),
        );
      }
      return out;
    }
    default:
      throw new TypeError(
        `exportKeyPair(key, options): options.format must be 'multikey', 'jwk', 'JsonWebKey' or 'Ed25519VerificationKey2020', found ${describeValue(format)}`,
      );
  }
}

function jwkOf(key: KeyPair, secret: unknown): Jwk {
  const jwk = key.publicKeyJwk;
  if (secret === undefined) return jwk;
  if (key.type === 'RSA') return pickRsa(secret as Jwk, true);
  return { ...jwk, d: toBase64Url(secret as Uint8Array) };
}
