/** RSA (RS256) support through WebCrypto; DER encoding of PKCS #1 `RSAPublicKey`. */
import { KeyError } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { MAX_DECODED_BYTES } from '../internal/limits.js';
import { assertKeyTextLength } from './multikey.js';
import type { Jwk } from './types.js';

const RSA_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** Smallest RSA modulus accepted, in bits. */
export const RSA_MIN_BITS = 2048;
/** Largest RSA modulus accepted, in bits (verification work grows with its square). */
export const RSA_MAX_BITS = 8192;

/** WebCrypto `SubtleCrypto`, or a `KeyError` saying it is missing. */
export function getSubtle(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle) {
    throw new KeyError(
      'ERR_CRYPTO_UNAVAILABLE',
      'RSA needs WebCrypto (globalThis.crypto.subtle), which this runtime does not provide',
    );
  }
  return subtle;
}

/** Generate an RSA key pair (2048-bit by default) and return its private JWK. */
export async function generateRsaJwk(modulusLength = 2048): Promise<Jwk> {
  const subtle = getSubtle();
  const pair = (await subtle.generateKey(
    { ...RSA_ALGORITHM, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const jwk = (await subtle.exportKey('jwk', pair.privateKey)) as Jwk;
  return pickRsa(jwk, true);
}

/** Keep only the RSA members of a JWK, in a stable order. */
export function pickRsa(jwk: Jwk, includeSecret: boolean): Jwk {
  const out: Jwk = { kty: 'RSA', n: jwk.n as string, e: jwk.e as string };
  if (includeSecret) {
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
      if (typeof jwk[m] === 'string') out[m] = jwk[m];
    }
  }
  return out;
}

/** Validate an RSA JWK's members; throws `KeyError` naming the bad member. */
export function checkRsaJwk(
  jwk: Jwk,
  field: string,
): { modulus: Uint8Array; exponent: Uint8Array } {
  const modulus = b64uMember(jwk, 'n', field);
  const exponent = b64uMember(jwk, 'e', field);
  const bits = bitLength(modulus);
  if (bits > RSA_MAX_BITS) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field}.n is a ${bits}-bit RSA modulus; at most ${RSA_MAX_BITS} bits are supported`,
      { field: `${field}.n` },
    );
  }
  if (bits < RSA_MIN_BITS) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field}.n is a ${bits}-bit RSA modulus; at least ${RSA_MIN_BITS} bits are required`,
      { field: `${field}.n` },
    );
  }
  if (
    exponent.length === 0 ||
    exponent.length > 8 ||
    ((exponent[exponent.length - 1] as number) & 1) === 0
  ) {
    throw new KeyError('ERR_KEY_INVALID', `${field}.e is not a valid RSA public exponent`, {
      field: `${field}.e`,
    });
  }
  if (jwk.d !== undefined) {
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) b64uMember(jwk, m, field);
  }
  return { modulus, exponent };
}

function b64uMember(jwk: Jwk, member: string, field: string): Uint8Array {
  const value = jwk[member];
  // Bound before work: no member of a key up to RSA_MAX_BITS is longer.
  const max = member === 'e' ? MAX_DECODED_BYTES.jwkRsaExponent : MAX_DECODED_BYTES.jwkRsaMember;
  assertKeyTextLength(value, 'base64url', max, `${field}.${member}`);
  const bytes = typeof value === 'string' ? fromBase64Url(value, max) : undefined;
  if (!bytes || bytes.length === 0) {
    const found = typeof value === 'string' ? 'malformed base64url' : describeValue(value);
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field}.${member} must be a base64url string (RSA JWK), found ${found}`,
      { field: `${field}.${member}` },
    );
  }
  return bytes;
}

function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i] as number));
}

/** DER `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`. */
export function encodeRsaPublicKeyDer(modulus: Uint8Array, exponent: Uint8Array): Uint8Array {
  const body = [...derInteger(modulus), ...derInteger(exponent)];
  return new Uint8Array([0x30, ...derLength(body.length), ...body]);
}

function derInteger(bytes: Uint8Array): number[] {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const v = Array.from(bytes.subarray(i));
  if (((v[0] ?? 0) & 0x80) !== 0) v.unshift(0);
  return [0x02, ...derLength(v.length), ...v];
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n >>= 8;
  }
  return [0x80 | out.length, ...out];
}

/** Import a JWK into a WebCrypto key for RS256. */
export async function importRsaKey(jwk: Jwk, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const subtle = getSubtle();
  const material: JsonWebKey = { ...pickRsa(jwk, usage === 'sign'), ext: true } as JsonWebKey;
  try {
    return await subtle.importKey('jwk', material, RSA_ALGORITHM, false, [usage]);
  } catch (cause) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `WebCrypto rejected the RSA key: ${String(cause)}`,
      {},
      cause,
    );
  }
}

/** RS256 sign. */
export async function rsaSign(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  const sig = await getSubtle().sign(RSA_ALGORITHM, key, data as BufferSource);
  return new Uint8Array(sig);
}

/** RS256 verify (false for a malformed signature). */
export async function rsaVerify(
  key: CryptoKey,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  try {
    return await getSubtle().verify(
      RSA_ALGORITHM,
      key,
      signature as BufferSource,
      data as BufferSource,
    );
  } catch {
    return false;
  }
}

/** base64url of an unsigned big-endian integer, without leading zeros (JWK form). */
export function uintToBase64Url(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return toBase64Url(bytes.subarray(i));
}
