/** Decompression with an output limit, shared by baked PNG text (zlib) and status lists (GZIP). */
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
  if (format === 'gzip') {
    const problem = gzipTrailerProblem(data, members, bytes);
    if (problem) return { status: 'corrupt', message: problem };
  }
  return { status: 'ok', bytes };
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
