/**
 * Synchronous MD5 (RFC 1321), only to match the legacy recipient identity hashes an
 * IdentityHash may carry (`md5$...`); ob3kit never produces one. Whole blocks are read straight
 * from the input; only the last one or two (with the padding and the bit length) are copied.
 *
 * @internal
 */
import { checkedBytes, utf8 } from './bytes.js';
import { foldBlocks } from './md-blocks.js';

/** The sine table of RFC 1321 (section 3.4): `floor(abs(sin(i + 1)) * 2^32)`. */
// biome-ignore format: a table
const T = new Int32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]);

/** The left-rotation amounts of each round's four steps. */
const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** The block's 16 little-endian words, and the running hash, reused by every call. */
const X = new Int32Array(16);
const H = new Int32Array(4);

/** Fold the 64-byte block at `off` of `b` into {@link H}. */
function compress(b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) {
    X[i] = b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24);
  }
  let a = H[0]!;
  let b1 = H[1]!;
  let c = H[2]!;
  let d = H[3]!;
  for (let i = 0; i < 64; i++) {
    const round = i >> 4;
    let f: number;
    let k: number;
    if (round === 0) {
      f = (b1 & c) | (~b1 & d);
      k = i;
    } else if (round === 1) {
      f = (b1 & d) | (c & ~d);
      k = (5 * i + 1) & 15;
    } else if (round === 2) {
      f = b1 ^ c ^ d;
      k = (3 * i + 5) & 15;
    } else {
      f = c ^ (b1 | ~d);
      k = (7 * i) & 15;
    }
    const sum = (a + f + T[i]! + X[k]!) | 0;
    const s = S[(round << 2) | (i & 3)]!;
    a = d;
    d = c;
    c = b1;
    b1 = (b1 + ((sum << s) | (sum >>> (32 - s)))) | 0;
  }
  H[0] = H[0]! + a;
  H[1] = H[1]! + b1;
  H[2] = H[2]! + c;
  H[3] = H[3]! + d;
}

/**
 * MD5 of bytes, or of the UTF-8 encoding of a string (a lone surrogate encodes as U+FFFD, as
 * `TextEncoder` does).
 *
 * @internal
 */
export function md5(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? utf8(data) : checkedBytes(data);
  H[0] = 0x67452301;
  H[1] = 0xefcdab89;
  H[2] = 0x98badcfe;
  H[3] = 0x10325476;
  foldBlocks(bytes, compress, false);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = H[i >> 2]! >>> (8 * (i & 3));
  return out;
}
