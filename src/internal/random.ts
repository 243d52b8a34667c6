/** Randomness and identifiers, from the platform's `crypto.getRandomValues` (WebCrypto). */
import { Ob3Error } from '../errors.js';
import { toHex } from './bytes.js';

/** What `crypto.getRandomValues` fills at most in one call (WebCrypto's quota). */
const QUOTA = 65536;

/**
 * Cryptographically secure random bytes. Throws an `Ob3Error` with code `ERR_NO_SECURE_RANDOM`
 * where the runtime has no `crypto.getRandomValues` (React Native without a polyfill such as
 * `react-native-get-random-values`): nothing random is ever made up from a weaker source.
 */
export function randomBytes(length: number): Uint8Array {
  const crypto = (globalThis as { crypto?: { getRandomValues?: unknown } }).crypto;
  const fill = crypto?.getRandomValues;
  if (typeof fill !== 'function') {
    throw new Ob3Error(
      'ERR_NO_SECURE_RANDOM',
      'No secure random source: this runtime has no crypto.getRandomValues. ' +
        'In React Native, install react-native-get-random-values and import it before ob3kit.',
    );
  }
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += QUOTA) {
    fill.call(crypto, out.subarray(i, Math.min(length, i + QUOTA)));
  }
  return out;
}

/** A random RFC 4122 version 4 UUID as a `urn:uuid:` URN. */
export function randomUrnUuid(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = toHex(b);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
