/** Byte helpers shared by every capability (runtime-agnostic: no Node built-ins). */
import { decodeUtf8, encodeUtf8 } from './text.js';

/** UTF-8 encode a string. */
export function utf8(text: string): Uint8Array {
  return encodeUtf8(text);
}

/** The `Symbol.toStringTag` getter of typed arrays: the kind of array, which no object can fake. */
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  Symbol.toStringTag,
)?.get as ((this: unknown) => string | undefined) | undefined;

/**
 * `data` when it is a byte array (a `Uint8Array`, a subclass such as `Buffer`, or one from
 * another realm); a `TypeError` otherwise, so that a hash is never silently computed over
 * something else (an array of numbers, a `String` object, a wider typed array, a `DataView`).
 */
export function checkedBytes(data: Uint8Array): Uint8Array {
  // Without the getter (an engine lacking it): an instance of this realm's Uint8Array.
  const tag = typedArrayTag ? typedArrayTag.call(data) : data instanceof Uint8Array && 'Uint8Array';
  if (tag === 'Uint8Array') return data;
  throw new TypeError(
    `expected a string or a Uint8Array, found ${tag || Object.prototype.toString.call(data)}`,
  );
}

/** Strict UTF-8 decode (throws `TypeError` on invalid sequences; a leading BOM is dropped). */
export function fromUtf8(bytes: Uint8Array): string {
  return decodeUtf8(bytes, { fatal: true });
}

/** Concatenate byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Constant-time-ish equality for byte arrays (length leak only). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const HEX = '0123456789abcdef';

/** Lower-case hex encoding. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    s += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return s;
}

/** A text encoding of bytes that ob3kit decodes. */
export type ByteEncoding = 'base58btc' | 'base64url' | 'base64' | 'hex';

/**
 * The longest text that encodes at most `bytes` bytes (no multibase prefix; base64 padded,
 * base64url not): decoders compare a text's length with it before decoding anything.
 * `Infinity` gives `Infinity`.
 */
export function maxEncodedLength(encoding: ByteEncoding, bytes: number): number {
  switch (encoding) {
    case 'base64url':
      return Math.ceil((bytes * 4) / 3);
    case 'base64':
      return 4 * Math.ceil(bytes / 3);
    case 'hex':
      return 2 * bytes;
    case 'base58btc':
      // log(256) / log(58) = 1.36565...; a leading zero byte takes one character.
      return Math.ceil(bytes * 1.3657);
  }
}

/**
 * Hex decoding; returns `undefined` for malformed input or more than `maxBytes` bytes (checked
 * before decoding).
 */
export function fromHex(hex: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array | undefined {
  if (hex.length > maxEncodedLength('hex', maxBytes)) return undefined;
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL_REV = reverseTable(B64URL);
const B64_REV = reverseTable(B64);

function reverseTable(alphabet: string): Int16Array {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}

function encode64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      alphabet[(n >> 18) & 63]! +
      alphabet[(n >> 12) & 63]! +
      alphabet[(n >> 6) & 63]! +
      alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    if (pad) out += '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]!;
    if (pad) out += '=';
  }
  return out;
}

function decode64(
  text: string,
  table: Int16Array,
  allowPad: boolean,
  maxBytes: number,
): Uint8Array | undefined {
  if (text.length > maxEncodedLength(allowPad ? 'base64' : 'base64url', maxBytes)) return undefined;
  let s = text;
  if (allowPad) s = s.replace(/={1,2}$/, '');
  if (s.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? (table[c] as number) : -1;
    if (v < 0) return undefined;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  // Non-canonical trailing bits are rejected so that one text has one meaning.
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return out.length > maxBytes ? undefined : out;
}

/** base64url without padding (RFC 4648 section 5). */
export function toBase64Url(bytes: Uint8Array): string {
  return encode64(bytes, B64URL, false);
}

/**
 * Strict base64url decoding (no padding, canonical); `undefined` when malformed or longer than
 * `maxBytes` bytes (checked on the text's length before decoding).
 */
export function fromBase64Url(
  text: string,
  maxBytes = Number.POSITIVE_INFINITY,
): Uint8Array | undefined {
  return decode64(text, B64URL_REV, false, maxBytes);
}

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  return encode64(bytes, B64, true);
}

/**
 * Standard base64 decoding (padding optional); `undefined` when malformed or longer than
 * `maxBytes` bytes (checked on the text's length before decoding).
 */
export function fromBase64(
  text: string,
  maxBytes = Number.POSITIVE_INFINITY,
): Uint8Array | undefined {
  return decode64(text, B64_REV, true, maxBytes);
}

/**
 * The text a base64url segment (of a compact JWT, for example) encodes, as strict UTF-8;
 * `undefined` when it is not strict base64url or not UTF-8.
 */
export function base64UrlText(segment: string): string | undefined {
  const bytes = fromBase64Url(segment);
  if (!bytes) return undefined;
  try {
    return fromUtf8(bytes);
  } catch {
    return undefined;
  }
}
