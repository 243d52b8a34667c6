/** Hashing helpers (synchronous pure JS, and an asynchronous one that prefers WebCrypto). */
import { sha256 as nobleSha256, sha384 as nobleSha384 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes.js';

/** SHA-256 of bytes or of the UTF-8 encoding of a string. */
export function sha256(data: Uint8Array | string): Uint8Array {
  return nobleSha256(typeof data === 'string' ? utf8(data) : data);
}

/** Lower-case hex SHA-256. */
export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(data));
}

/** The hashes {@link digest} computes. */
export type DigestAlgorithm = 'SHA-256' | 'SHA-384';

/**
 * SHA-256 or SHA-384 of the UTF-8 encoding of `text`: WebCrypto's native digest where the
 * runtime has one, else the same hash in pure JS (`@noble/hashes`). The bytes are the same
 * either way; only the time differs (a new process hashing a few kilobytes with not yet
 * optimized JS takes milliseconds, WebCrypto a small fraction of one).
 */
export async function digest(algorithm: DigestAlgorithm, text: string): Promise<Uint8Array> {
  const bytes = utf8(text);
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle !== undefined) {
    try {
      // A fresh ArrayBuffer-backed copy: what the DOM typings of `digest` accept.
      return new Uint8Array(await subtle.digest(algorithm, new Uint8Array(bytes)));
    } catch {
      // A runtime whose WebCrypto lacks the digest: the pure-JS one below.
    }
  }
  return algorithm === 'SHA-384' ? nobleSha384(bytes) : nobleSha256(bytes);
}
