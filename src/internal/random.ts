/** Randomness and identifiers (WebCrypto when present, otherwise @noble/hashes' CSPRNG shim). */
import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js';
import { toHex } from './bytes.js';

/** Cryptographically secure random bytes. */
export function randomBytes(length: number): Uint8Array {
  return nobleRandomBytes(length);
}

/** A random RFC 4122 version 4 UUID as a `urn:uuid:` URN. */
export function randomUrnUuid(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = toHex(b);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
