/** Multibase (`z` base58btc) + multicodec encoding of key bytes (W3C Controlled Identifiers). */
import { KeyError } from '../errors.js';
import { maxEncodedLength } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { MAX_DECODED_BYTES } from '../internal/limits.js';
import { decodeBase58btc, encodeBase58btc } from './base58.js';

/** Multicodec names ob3kit knows, with their varint headers. */
export const MULTICODEC = {
  'ed25519-pub': [0xed, 0x01],
  'ed25519-priv': [0x80, 0x26],
  'p256-pub': [0x80, 0x24],
  'p256-priv': [0x86, 0x26],
  'p384-pub': [0x81, 0x24],
  'p384-priv': [0x87, 0x26],
  'rsa-pub': [0x85, 0x24],
} as const;

/** A multicodec ob3kit can use. */
export type MulticodecName = keyof typeof MULTICODEC;

/** Headers recognized only to give a precise "unsupported" message. */
const UNSUPPORTED: Array<[string, number[]]> = [
  ['secp256k1-pub', [0xe7, 0x01]],
  ['x25519-pub', [0xec, 0x01]],
  ['p521-pub', [0x82, 0x24]],
  ['bls12_381-g2-pub', [0xeb, 0x01]],
  ['secp256k1-priv', [0x81, 0x26]],
];

/** Encode bytes with a multicodec header as a `z` (base58btc) multibase string. */
export function encodeMultibaseKey(codec: MulticodecName, bytes: Uint8Array): string {
  const header = MULTICODEC[codec];
  const out = new Uint8Array(header.length + bytes.length);
  out.set(header, 0);
  out.set(bytes, header.length);
  return `z${encodeBase58btc(out)}`;
}

/**
 * Decode a `z` multibase multicodec key value; throws `KeyError` (`ERR_KEY_INVALID` or
 * `ERR_KEY_TYPE_UNSUPPORTED`) naming `field` when it is malformed or of an unknown codec.
 */
export function decodeMultibaseKey(
  value: unknown,
  field: string,
): { codec: MulticodecName; bytes: Uint8Array } {
  if (typeof value !== 'string' || value.length < 2) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field} must be a multibase string starting with "z", found ${describeValue(value)}`,
      { field },
    );
  }
  if (value[0] !== 'z') {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field} must use base58btc multibase (prefix "z"), found prefix "${value[0]}"`,
      { field },
    );
  }
  // Bound before work: no supported key is longer (base58 decoding costs the square).
  const max = 1 + maxEncodedLength('base58btc', MAX_DECODED_BYTES.multikey);
  if (value.length > max) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field} is ${value.length} characters long; no supported key takes more than ${max}`,
      { field, max, found: value.length },
    );
  }
  const raw = decodeBase58btc(value.slice(1), MAX_DECODED_BYTES.multikey);
  if (!raw) {
    throw new KeyError('ERR_KEY_INVALID', `${field} is not valid base58btc`, { field });
  }
  for (const [name, header] of Object.entries(MULTICODEC) as Array<
    [MulticodecName, readonly number[]]
  >) {
    if (raw[0] === header[0] && raw[1] === header[1]) {
      return { codec: name, bytes: raw.slice(2) };
    }
  }
  for (const [name, header] of UNSUPPORTED) {
    if (raw[0] === header[0] && raw[1] === header[1]) {
      throw new KeyError(
        'ERR_KEY_TYPE_UNSUPPORTED',
        `${field} holds a ${name} key; supported are Ed25519, P-256 and P-384`,
        { field, codec: name },
      );
    }
  }
  throw new KeyError(
    'ERR_KEY_TYPE_UNSUPPORTED',
    `${field} has an unknown multicodec header 0x${hex2(raw[0])}${hex2(raw[1])}`,
    { field },
  );
}

function hex2(n: number | undefined): string {
  return (n ?? 0).toString(16).padStart(2, '0');
}

/**
 * Refuse key text longer than the largest key of its kind can take, before decoding it:
 * `KeyError` `ERR_KEY_INVALID` naming `field` (bound values in `MAX_DECODED_BYTES`).
 */
export function assertKeyTextLength(
  value: unknown,
  encoding: 'base58btc' | 'base64url',
  maxBytes: number,
  field: string,
): void {
  const max = maxEncodedLength(encoding, maxBytes);
  if (typeof value === 'string' && value.length > max) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `${field} is ${value.length} characters long; no supported key takes more than ${max}`,
      { field, max, found: value.length },
    );
  }
}

/** True for an options object (not null, not an array); does not narrow its type. */
export function isPlainOptions(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
