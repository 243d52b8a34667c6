/** Hashing helpers (pure JS, synchronous, runtime-agnostic). */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes.js';

/** SHA-256 of bytes or of the UTF-8 encoding of a string. */
export function sha256(data: Uint8Array | string): Uint8Array {
  return nobleSha256(typeof data === 'string' ? utf8(data) : data);
}

/** Lower-case hex SHA-256. */
export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(data));
}
