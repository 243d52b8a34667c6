/** Hashing helpers (synchronous pure JS, and an asynchronous one that prefers WebCrypto). */
import { toHex, utf8 } from './bytes.js';
import { cryptoOnDemand } from './lazy.js';
import { sha256 } from './sha256.js';

/** SHA-256 of bytes or of the UTF-8 encoding of a string (synchronous, ob3kit's own). */
export { sha256 };

/** Lower-case hex SHA-256. */
export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(data));
}

/** `@noble/hashes`' SHA-2, imported on first need (a failed import is tried again next time). */
const sha2Code = /* @__PURE__ */ cryptoOnDemand(
  () => import('@noble/hashes/sha2.js'),
  "ob3kit's pure-JS hash code (@noble/hashes)",
);

/** The hashes {@link digest} computes. */
export type DigestAlgorithm = 'SHA-256' | 'SHA-384';

/**
 * SHA-256 or SHA-384 of the UTF-8 encoding of `text`: WebCrypto's native digest where the
 * runtime has one, else the same hash in pure JS (ob3kit's own SHA-256; `@noble/hashes`' SHA-384,
 * imported on first need so that verification does not load it up front). The bytes are the same
 * either way; only the time differs (a new process hashing a few kilobytes with not yet
 * optimized JS takes milliseconds, WebCrypto a small fraction of one).
 *
 * @throws KeyError `ERR_CRYPTO_UNAVAILABLE` when SHA-384 is needed without WebCrypto and its
 *   pure-JS code fails to load: no hash, so no verdict (a valid proof cannot read as forged).
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
  if (algorithm === 'SHA-256') return sha256(bytes);
  const sha2 = await sha2Code(`${algorithm} without WebCrypto`);
  return sha2.sha384(bytes);
}
