/**
 * Decompression with an output limit, shared by baked PNG text (zlib) and status lists (GZIP),
 * with the checksums of both formats compared (fflate does not).
 */
import { Gunzip, Unzlib } from 'fflate';
import { crc32 } from '../bake/crc32.js';
import { concatBytes } from './bytes.js';

/** What {@link inflateBounded} found: the bytes, or why there are none. */
export type InflateOutcome =
  | { status: 'ok'; bytes: Uint8Array }
  | { status: 'too_large' }
  | { status: 'truncated' }
  | { status: 'corrupt'; message: string };

/**
 * Inflate `data` (`'zlib'` or `'gzip'`), stopping as soon as the output passes `max` bytes.
 * Small input slices bound the memory a decompression bomb can claim before the check fires.
 * Never throws: the caller maps the outcome to its own error.
 */
export function inflateBounded(
  data: Uint8Array,
  max: number,
  format: 'zlib' | 'gzip',
): InflateOutcome {
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let ended = false;
  const onData = (chunk: Uint8Array, final: boolean) => {
    total += chunk.length;
    if (total > max) over = true;
    else parts.push(chunk);
    if (final) ended = true;
  };
  // Where each GZIP member starts in `data` (fflate reports every member after the first).
  const members = [0];
  let stream: Unzlib | Gunzip;
  if (format === 'zlib') stream = new Unzlib(onData);
  else {
    const gunzip = new Gunzip(onData);
    gunzip.onmember = (offset) => members.push(offset);
    stream = gunzip;
  }
  try {
    const SLICE = 1024;
    if (data.length === 0) stream.push(data, true);
    for (let i = 0; i < data.length && !over; i += SLICE) {
      stream.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    }
  } catch (e) {
    return { status: 'corrupt', message: (e as Error).message };
  }
  if (over) return { status: 'too_large' };
  if (!ended) return { status: 'truncated' };
  const bytes = concatBytes(...parts);
  const problem =
    format === 'gzip' ? gzipTrailerProblem(data, members, bytes) : zlibTrailerProblem(data, bytes);
  if (problem) return { status: 'corrupt', message: problem };
  return { status: 'ok', bytes };
}

/** Adler-32 (RFC 1950 section 8.2) of `bytes`. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that can be summed before b must be reduced (zlib's NMAX).
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(start + 5552, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * What is wrong with the trailer of the zlib stream `data` given its inflated output `out`, or
 * `undefined`: RFC 1950 ends the stream with the Adler-32 of the uncompressed data (big-endian),
 * which fflate does not compare. Bytes after it would make the stream's end ambiguous, so the
 * checksum must be the last four bytes.
 */
function zlibTrailerProblem(data: Uint8Array, out: Uint8Array): string | undefined {
  if (data.length < 6) return 'the zlib stream has no Adler-32 trailer';
  const at = data.length - 4;
  const stored =
    (((data[at] as number) << 24) |
      ((data[at + 1] as number) << 16) |
      ((data[at + 2] as number) << 8) |
      (data[at + 3] as number)) >>>
    0;
  return stored === adler32(out)
    ? undefined
    : 'the zlib stream Adler-32 does not match its data (or data follows the stream)';
}

/** A little-endian 32-bit unsigned integer of `data` at `at`. */
function u32le(data: Uint8Array, at: number): number {
  return (
    ((data[at] as number) |
      ((data[at + 1] as number) << 8) |
      ((data[at + 2] as number) << 16) |
      ((data[at + 3] as number) << 24)) >>>
    0
  );
}

/**
 * What is wrong with the trailers of the GZIP members of `data` (starting at `members`) given
 * their inflated output `out`, or `undefined`: RFC 1952 section 2.3.1 ends each member with the
 * CRC-32 and the length (mod 2^32) of its uncompressed data, which fflate does not compare. A
 * list whose trailer disagrees with its data is corrupt, and other decoders refuse it.
 */
function gzipTrailerProblem(
  data: Uint8Array,
  members: readonly number[],
  out: Uint8Array,
): string | undefined {
  let at = 0;
  for (let i = 0; i < members.length; i++) {
    const end = members[i + 1] ?? data.length;
    if (end - 8 < (members[i] as number)) return `GZIP member ${i + 1} has no trailer`;
    const crc = u32le(data, end - 8);
    const size = u32le(data, end - 4);
    if (at + size > out.length) return `GZIP member ${i + 1} length does not match its data`;
    if (crc32(out, at, at + size) !== crc)
      return `GZIP member ${i + 1} CRC-32 does not match its data`;
    at += size;
  }
  return at === out.length ? undefined : 'GZIP member lengths do not match the data';
}
