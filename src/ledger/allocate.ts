/**
 * Status index allocation: uniformly random free indexes of a series' current list, a new list
 * when it is full. Runs inside a store transaction that holds the series lock, so two allocators
 * never see the same free index; the store's unique key on (list, index) is the last guard.
 */
import { LedgerError } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { MIN_STATUS_LIST_LENGTH, type StatusListType } from '../status/bitstring.js';
import type { LedgerPurpose, LedgerTransaction, ListRow, StatusListSeries } from './types.js';

/**
 * Longest list the ledger makes: 16,777,216 entries (a 2 MiB bitstring).
 *
 * @example
 * ```ts
 * import { MAX_LEDGER_LIST_LENGTH } from 'ob3kit/ledger';
 * const series = { url: 'https://example.edu/status/{n}', purpose: 'revocation', length: MAX_LEDGER_LIST_LENGTH };
 * ```
 */
export const MAX_LEDGER_LIST_LENGTH = 1 << 24;

/** A series with its defaults filled in and checked. */
export interface ResolvedSeries {
  url: string;
  purpose: LedgerPurpose;
  length: number;
  type: StatusListType;
  numbered: boolean;
}

function isHttpsUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Check a series and fill in its defaults; a bad one is a `LedgerError` `ERR_LEDGER_CONFIG`.
 *
 * @example
 * ```ts
 * resolveSeries({ url: 'https://example.edu/status/{n}', purpose: 'revocation' }, 'lists[0]');
 * ```
 */
export function resolveSeries(series: StatusListSeries, where: string): ResolvedSeries {
  const bad = (message: string): never => {
    throw new LedgerError('ERR_LEDGER_CONFIG', `${where}: ${message}`, { series });
  };
  if (typeof series !== 'object' || series === null) bad('must be an object with url and purpose');
  const { url, purpose } = series;
  if (typeof url !== 'string' || !isHttpsUrl(url.replaceAll('{n}', '1'))) {
    bad(`url must be the http(s) URL the lists are published at, found ${describeValue(url)}`);
  }
  const placeholders = url.split('{n}').length - 1;
  if (placeholders > 1) bad(`url has {n} ${placeholders} times; use it at most once`);
  if (/[{}]/.test(url.replace('{n}', ''))) {
    bad(`url has a '{' or '}' other than the {n} placeholder: ${url}`);
  }
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    bad(`purpose must be 'revocation' or 'suspension', found ${describeValue(purpose)}`);
  }
  const length = series.length ?? MIN_STATUS_LIST_LENGTH;
  if (
    !Number.isSafeInteger(length) ||
    length < MIN_STATUS_LIST_LENGTH ||
    length > MAX_LEDGER_LIST_LENGTH ||
    length % 8 !== 0
  ) {
    bad(
      `length must be a multiple of 8 from ${MIN_STATUS_LIST_LENGTH} to ${MAX_LEDGER_LIST_LENGTH}, found ${describeValue(length)}`,
    );
  }
  const type = series.type ?? 'BitstringStatusList';
  if (type !== 'BitstringStatusList' && type !== 'StatusList2021') {
    bad(`type must be 'BitstringStatusList' or 'StatusList2021', found ${describeValue(type)}`);
  }
  return { url, purpose, length, type, numbered: placeholders === 1 };
}

/** The URL of list number `seq` of a series. */
export function listUrl(series: ResolvedSeries, seq: number): string {
  return series.numbered ? series.url.replace('{n}', String(seq)) : series.url;
}

/** Draws uniformly random integers below a bound from a byte source. */
export class IndexSource {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;

  constructor(private readonly random: (length: number) => Uint8Array) {}

  private word(): number {
    if (this.pos + 4 > this.buf.length) {
      this.buf = this.random(1024);
      this.pos = 0;
      if (!(this.buf instanceof Uint8Array) || this.buf.length < 4) {
        throw new TypeError('the random source must return the number of bytes asked for');
      }
    }
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (
      ((((b[p] as number) << 24) | ((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8)) +
        (b[p + 3] as number)) >>>
      0
    );
  }

  /** A uniformly random integer in [0, bound), bound ≤ 2^32 (rejection sampling, no modulo bias). */
  below(bound: number): number {
    const limit = Math.floor(0x1_0000_0000 / bound) * bound;
    for (;;) {
      const w = this.word();
      if (w < limit) return w % bound;
    }
  }
}

/**
 * Pick `count` free indexes of `list`, uniformly among the free ones, none of them in `picked`
 * (which receives them). Sparse lists use rejection sampling in batches checked with one query;
 * once few entries are left, the free ones are listed and drawn from directly, so the time stays
 * bounded however full the list is.
 */
async function pickFree(
  tx: LedgerTransaction,
  list: ListRow,
  count: number,
  picked: Set<number>,
  source: IndexSource,
): Promise<number[]> {
  const out: number[] = [];
  let need = count;
  for (let round = 0; need > 0 && round < 6; round++) {
    const free = list.length - list.allocated - picked.size;
    if (free < 256) break;
    // Oversample by the inverse of the free share so one round usually suffices.
    const want = Math.min(8192, Math.ceil((need * list.length) / free) + 16);
    const candidates = new Set<number>();
    for (let i = 0; i < want * 4 && candidates.size < want; i++) {
      const c = source.below(list.length);
      if (!picked.has(c)) candidates.add(c);
    }
    const cands = [...candidates];
    const taken = new Set(await tx.taken(list.id, cands));
    for (const c of cands) {
      if (need === 0) break;
      if (taken.has(c)) continue;
      picked.add(c);
      out.push(c);
      need--;
    }
  }
  if (need > 0) {
    const used = new Uint8Array(list.length);
    for (const i of await tx.allTaken(list.id)) used[i] = 1;
    for (const i of picked) used[i] = 1;
    const free: number[] = [];
    for (let i = 0; i < list.length; i++) if (used[i] === 0) free.push(i);
    if (free.length < need) {
      throw new LedgerError(
        'ERR_LEDGER_STORE',
        `the store counts ${list.allocated} entries allocated in ${list.url} but ${list.length - free.length} are taken`,
        { list: list.url },
      );
    }
    // Partial Fisher-Yates: the first `need` slots become a uniform sample of the free indexes.
    for (let i = 0; i < need; i++) {
      const j = i + source.below(free.length - i);
      const t = free[i] as number;
      free[i] = free[j] as number;
      free[j] = t;
      picked.add(free[i] as number);
      out.push(free[i] as number);
    }
  }
  return out;
}

/**
 * Allocate `count` entries of a series inside a transaction: free random indexes of its last
 * list, then of new lists as each fills up. Call `tx.lockSeries` first.
 */
export async function allocate(
  tx: LedgerTransaction,
  series: ResolvedSeries,
  count: number,
  source: IndexSource,
  now: string,
): Promise<Array<{ list: ListRow; index: number }>> {
  const lists = await tx.lists(series.url);
  for (const l of lists) {
    if (l.purpose !== series.purpose) {
      throw new LedgerError(
        'ERR_LEDGER_CONFIG',
        `the ledger keeps ${l.url} as a ${l.purpose} list; it cannot also be a ${series.purpose} list`,
        { list: l.url },
      );
    }
  }
  const out: Array<{ list: ListRow; index: number }> = [];
  let current = lists[lists.length - 1];
  let remaining = count;
  let picked = new Set<number>();
  while (remaining > 0) {
    if (current === undefined || current.allocated + picked.size >= current.length) {
      if (current !== undefined && !series.numbered) {
        throw new LedgerError(
          'ERR_LEDGER_LIST_FULL',
          `the status list ${current.url} is full (${current.length} entries) and its URL has no {n} for a next list`,
          { list: current.url, length: current.length },
        );
      }
      if (current !== undefined)
        current = { ...current, allocated: current.allocated + picked.size };
      const seq = (current?.seq ?? 0) + 1;
      const url = listUrl(series, seq);
      const owner = (await tx.lists()).find((l) => l.url === url);
      if (owner) {
        throw new LedgerError(
          'ERR_LEDGER_CONFLICT',
          `the list ${url} belongs to the series ${owner.series} (${owner.purpose}); give each series its own URLs`,
          { list: url },
        );
      }
      current = await tx.addList({
        series: series.url,
        seq,
        url,
        purpose: series.purpose,
        type: series.type,
        length: series.length,
        createdAt: now,
      });
      picked = new Set<number>();
    }
    const list: ListRow = current;
    const take = Math.min(remaining, list.length - list.allocated - picked.size);
    for (const index of await pickFree(tx, list, take, picked, source)) out.push({ list, index });
    remaining -= take;
  }
  return out;
}
