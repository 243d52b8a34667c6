/**
 * The Merkle–Damgård framing MD5 and SHA-256 share: every whole 64-byte block of the input,
 * then the last one or two blocks (the input's tail, the 0x80 byte, zeros, the 64-bit length in
 * bits), each folded in by the hash's own compression function. Whole blocks are read straight
 * from the input; only the tail is copied.
 *
 * @internal
 */

/** The last one or two blocks, reused by every call (hashing is synchronous). */
const TAIL = /* @__PURE__ */ new Uint8Array(128);

/**
 * Feed `bytes` to `compress` block by block, padded. `bigEndian`: the bit length's byte order
 * (SHA-256 big-endian, MD5 little-endian with the low word first).
 *
 * @internal
 */
export function foldBlocks(
  bytes: Uint8Array,
  compress: (block: Uint8Array, offset: number) => void,
  bigEndian: boolean,
): void {
  const n = bytes.length;
  const whole = n - (n % 64);
  for (let off = 0; off < whole; off += 64) compress(bytes, off);
  const rest = n - whole;
  const size = rest < 56 ? 64 : 128;
  TAIL.fill(0);
  for (let i = 0; i < rest; i++) TAIL[i] = bytes[whole + i]!;
  TAIL[rest] = 0x80;
  const low = (n << 3) >>> 0;
  const high = Math.floor(n / 0x20000000);
  for (let i = 0; i < 4; i++) {
    if (bigEndian) {
      TAIL[size - 8 + i] = high >>> (24 - 8 * i);
      TAIL[size - 4 + i] = low >>> (24 - 8 * i);
    } else {
      TAIL[size - 8 + i] = low >>> (8 * i);
      TAIL[size - 4 + i] = high >>> (8 * i);
    }
  }
  compress(TAIL, 0);
  if (size === 128) compress(TAIL, 64);
}
