/** Decompression with an output limit, shared by baked PNG text (zlib) and status lists (GZIP). */
import { Gunzip, Unzlib } from 'fflate';
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
  const stream = format === 'zlib' ? new Unzlib(onData) : new Gunzip(onData);
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
  return { status: 'ok', bytes: concatBytes(...parts) };
}
