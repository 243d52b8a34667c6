/**
 * RSA public keys in PEM, as Open Badges 2.0 `CryptographicKey.publicKeyPem` holds them
 * (internal). `-----BEGIN PUBLIC KEY-----` (X.509 SubjectPublicKeyInfo with `rsaEncryption`) and
 * `-----BEGIN RSA PUBLIC KEY-----` (PKCS #1 `RSAPublicKey`) are read with a small DER reader
 * that knows every length before it reads, and turned into an ob3kit key through its RSA JWK
 * import (which refuses moduli under 2048 bits).
 */
import { KeyError } from '../errors.js';
import { fromBase64, toBase64Url } from '../internal/bytes.js';
import type { importPublicKeyPair } from '../keys/import-public.js';
import type { KeyPair } from '../keys/types.js';

/** Longest PEM text read, in characters (a 16384-bit SPKI key is about 2.9 KB). */
export const MAX_PEM_LENGTH = 16 * 1024;

/** Largest RSA modulus accepted, in bits. */
export const MAX_RSA_BITS = 16384;

/** DER encoding of the `rsaEncryption` OID 1.2.840.113549.1.1.1. */
const RSA_ENCRYPTION = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function invalid(message: string): KeyError {
  return new KeyError('ERR_KEY_INVALID', `publicKeyPem: ${message}`);
}

/** Read one DER TLV at `at`, within `limit`. */
function readTlv(der: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw invalid('the DER data ends early');
  const tag = der[at] as number;
  let len = der[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3) throw invalid('a DER length is indefinite or too long');
    if (start + n > limit) throw invalid('the DER data ends early');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] as number);
    start += n;
  }
  const end = start + len;
  if (end > limit) throw invalid('a DER value runs past its container');
  return { tag, start, end };
}

function expectTag(tlv: Tlv, tag: number, what: string): Tlv {
  if (tlv.tag !== tag) throw invalid(`expected ${what}`);
  return tlv;
}

/** The unsigned big-endian bytes of a DER INTEGER (a leading 0x00 removed). */
function integer(der: Uint8Array, tlv: Tlv, what: string): Uint8Array {
  expectTag(tlv, 0x02, `an INTEGER (${what})`);
  let start = tlv.start;
  if (tlv.end - start < 1) throw invalid(`${what} is empty`);
  if (((der[start] as number) & 0x80) !== 0) throw invalid(`${what} is negative`);
  while (start < tlv.end - 1 && der[start] === 0) start++;
  return der.subarray(start, tlv.end);
}

/** `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`. */
function rsaPublicKey(
  der: Uint8Array,
  at: number,
  limit: number,
): { n: Uint8Array; e: Uint8Array } {
  const seq = expectTag(readTlv(der, at, limit), 0x30, 'an RSAPublicKey SEQUENCE');
  const nTlv = readTlv(der, seq.start, seq.end);
  const eTlv = readTlv(der, nTlv.end, seq.end);
  if (eTlv.end !== seq.end) throw invalid('the RSAPublicKey has extra members');
  const n = integer(der, nTlv, 'the modulus');
  const e = integer(der, eTlv, 'the public exponent');
  if (n.length * 8 > MAX_RSA_BITS) {
    throw invalid(`the modulus is longer than ${MAX_RSA_BITS} bits`);
  }
  return { n, e };
}

/** A bare PKCS #1 `RSAPublicKey`. */
function pkcs1(der: Uint8Array): { n: Uint8Array; e: Uint8Array } {
  const seq = readTlv(der, 0, der.length);
  if (seq.end !== der.length) throw invalid('there are bytes after the key');
  return rsaPublicKey(der, 0, der.length);
}

/** SubjectPublicKeyInfo with the `rsaEncryption` algorithm. */
function spki(der: Uint8Array): { n: Uint8Array; e: Uint8Array } {
  const outer = expectTag(readTlv(der, 0, der.length), 0x30, 'a SubjectPublicKeyInfo SEQUENCE');
  if (outer.end !== der.length) throw invalid('there are bytes after the key');
  const alg = expectTag(readTlv(der, outer.start, outer.end), 0x30, 'an AlgorithmIdentifier');
  const oid = expectTag(readTlv(der, alg.start, alg.end), 0x06, 'an algorithm OID');
  const oidBytes = der.subarray(oid.start, oid.end);
  if (
    oidBytes.length !== RSA_ENCRYPTION.length ||
    RSA_ENCRYPTION.some((b, i) => oidBytes[i] !== b)
  ) {
    throw new KeyError(
      'ERR_KEY_TYPE_UNSUPPORTED',
      'publicKeyPem: the key is not an RSA key (Open Badges 2.0 signed badges use RS256)',
    );
  }
  const bits = expectTag(readTlv(der, alg.end, outer.end), 0x03, 'a BIT STRING');
  if (bits.end !== outer.end) throw invalid('the SubjectPublicKeyInfo has extra members');
  if (der[bits.start] !== 0) throw invalid('the BIT STRING has unused bits');
  return rsaPublicKey(der, bits.start + 1, bits.end);
}

/**
 * Import an RSA public key from PEM text. Throws `KeyError`: `ERR_KEY_FORMAT` (not PEM, or too
 * long), `ERR_KEY_INVALID` (malformed DER, modulus under 2048 or over 16384 bits),
 * `ERR_KEY_TYPE_UNSUPPORTED` (not RSA).
 */
export function importRsaPem(
  pem: unknown,
  id: string | undefined,
  importKey: typeof importPublicKeyPair,
): KeyPair {
  if (typeof pem !== 'string') throw new KeyError('ERR_KEY_FORMAT', 'publicKeyPem is not a string');
  if (pem.length > MAX_PEM_LENGTH) {
    throw new KeyError(
      'ERR_KEY_FORMAT',
      `publicKeyPem is ${pem.length} characters long; at most ${MAX_PEM_LENGTH} are read`,
    );
  }
  const m =
    /^(?:\s|\\n)*-----BEGIN (RSA )?PUBLIC KEY-----([A-Za-z0-9+/=\s\\]*)-----END (RSA )?PUBLIC KEY-----(?:\s|\\n)*$/.exec(
      pem,
    );
  if (!m || (m[1] ?? '') !== (m[3] ?? '')) {
    throw new KeyError(
      'ERR_KEY_FORMAT',
      'publicKeyPem is not a PEM "PUBLIC KEY" or "RSA PUBLIC KEY" block',
    );
  }
  // Some issuers publish the PEM with literal "\n" sequences instead of line breaks.
  const body = (m[2] as string).replace(/\\n/g, '').replace(/\s+/g, '');
  const der = fromBase64(body);
  if (!der || der.length === 0) throw invalid('the PEM body is not base64');
  const { n, e } = m[1] ? pkcs1(der) : spki(der);
  return importKey(
    { kty: 'RSA', n: toBase64Url(n), e: toBase64Url(e) },
    { publicOnly: true, ...(id ? { id } : {}) },
  );
}
