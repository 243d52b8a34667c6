/**
 * base58btc (Bitcoin alphabet) encoding, as used by multibase prefix `z`.
 * Small, dependency-free and runtime-agnostic.
 */
import { maxEncodedLength } from '../internal/bytes.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const REVERSE = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

/**
 * Encode bytes as base58btc (no multibase prefix).
 *
 * @example
 * ```ts
 * encodeBase58btc(new Uint8Array([0, 1])); // '12'
 * ```
 */
export function encodeBase58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // log(256) / log(58) ~ 1.366
  const size = Math.ceil(((bytes.length - zeros) * 138) / 100) + 1;
  const digits = new Uint8Array(size);
  let length = 0;
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] as number;
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < length) && k >= 0; k--, j++) {
      carry += 256 * (digits[k] as number);
      digits[k] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    length = j;
  }
  let start = size - length;
  while (start < size && digits[start] === 0) start++;
  let out = '1'.repeat(zeros);
  for (let i = start; i < size; i++) out += ALPHABET[digits[i] as number];
  return out;
}

/**
 * Largest value {@link decodeBase58btc} decodes unless told otherwise: 128 bytes, enough for
 * every key and signature ob3kit reads as base58btc (the largest: a P-384 Multikey, 99 bytes,
 * and a P-384 signature, 96 bytes). Pass a larger `maxBytes` for other data.
 *
 * @example
 * ```ts
 * import { decodeBase58btc, DEFAULT_MAX_BASE58_BYTES } from 'ob3kit/keys';
 * decodeBase58btc(text, DEFAULT_MAX_BASE58_BYTES * 8);
 * ```
 */
export const DEFAULT_MAX_BASE58_BYTES = 128;

const LIMB = 2 ** 24;

/**
 * Decode base58btc text (no multibase prefix); `undefined` when it holds a character outside
 * the alphabet or decodes to more than `maxBytes` bytes. Text longer than `maxBytes` bytes can
 * take is refused before any work (base conversion costs the square of the length).
 *
 * @param maxBytes - the largest value expected (default {@link DEFAULT_MAX_BASE58_BYTES}).
 * @example
 * ```ts
 * decodeBase58btc('12'); // Uint8Array [0, 1]
 * decodeBase58btc(proofValue.slice(1), 64); // an Ed25519 signature, or undefined
 * ```
 */
export function decodeBase58btc(
  text: string,
  maxBytes: number = DEFAULT_MAX_BASE58_BYTES,
): Uint8Array | undefined {
  if (text.length > maxEncodedLength('base58btc', maxBytes)) return undefined;
  let zeros = 0;
  while (zeros < text.length && text.charCodeAt(zeros) === 49) zeros++; // '1'
  // The value in little-endian limbs of 24 bits, four characters (58^4 < 2^24) at a time:
  // limb * 58^4 + carry stays below 2^53.
  const limbs: number[] = [];
  for (let i = zeros; i < text.length; ) {
    let chunk = 0;
    let scale = 1;
    for (const end = Math.min(i + 4, text.length); i < end; i++) {
      const c = text.charCodeAt(i);
      const v = c < 128 ? (REVERSE[c] as number) : -1;
      if (v < 0) return undefined;
      chunk = chunk * 58 + v;
      scale *= 58;
    }
    let carry = chunk;
    for (let k = 0; k < limbs.length; k++) {
      const x = (limbs[k] as number) * scale + carry;
      carry = Math.floor(x / LIMB);
      limbs[k] = x - carry * LIMB;
    }
    while (carry > 0) {
      const high = Math.floor(carry / LIMB);
      limbs.push(carry - high * LIMB);
      carry = high;
    }
  }
  // Big-endian bytes without leading zeros, after one zero byte for each leading '1'.
  const digits: number[] = [];
  for (let k = limbs.length - 1; k >= 0; k--) {
    const limb = limbs[k] as number;
    digits.push(limb >>> 16, (limb >>> 8) & 0xff, limb & 0xff);
  }
  let start = 0;
  while (start < digits.length && digits[start] === 0) start++;
  const length = zeros + digits.length - start;
  if (length > maxBytes) return undefined;
  const out = new Uint8Array(length);
  for (let i = start; i < digits.length; i++) out[zeros + i - start] = digits[i] as number;
  return out;
}
