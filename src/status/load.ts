/**
 * Getting status lists for `checkStatus`: from the caller's `documents`, else through ob3kit's
 * one fetcher (https only, no redirects, no private addresses, bounded size, time and count,
 * each URL once a run), and decoding them within the run's total byte budget.
 */
import { FetchError, Ob3Error } from '../errors.js';
import {
  type DocumentFetcher,
  type FetchFunction,
  type FetchReportCode,
  fetcherFor,
  fetchReportCode,
  type LoadedDocument,
  parseJsonDocument,
} from '../internal/fetch.js';
import { isObject, type JsonObject } from '../internal/json.js';
import {
  DEFAULT_MAX_STATUS_LIST_BYTES,
  decodeStatusList,
  MIN_STATUS_LIST_LENGTH,
  type StatusList,
  type StatusListType,
} from './bitstring.js';

/** Codes a failed load or decode reports (a subset of `StatusCheckCode`). */
export type StatusLoadCode =
  | 'status_unchecked_offline'
  | 'status_list_malformed'
  | 'status_list_too_large'
  | 'status_list_too_short'
  | 'status_list_total_too_large'
  | FetchReportCode;

/** A status list document, or why there is none. */
export type LoadedStatusDocument =
  | { ok: true; document: JsonObject | string }
  | { ok: false; code: StatusLoadCode; message: string };

/** What the loading part of `checkStatus` reads from its options. */
export interface StatusLoadOptions {
  documents?: Record<string, unknown>;
  fetch?: FetchFunction;
  signal?: AbortSignal;
  maxDocumentSize?: number;
  allowPrivateAddresses?: boolean;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The fetcher of one `checkStatus` call (the run's own, when `options.fetch` stands for one). */
export function statusFetcher(options: StatusLoadOptions): DocumentFetcher {
  return fetcherFor(
    {
      fetch: options.fetch,
      documents: options.documents,
      signal: options.signal,
      allowPrivateAddresses: options.allowPrivateAddresses,
    },
    options.maxDocumentSize === undefined ? {} : { maxDocumentBytes: options.maxDocumentSize },
  );
}

/**
 * A status list credential (a JSON object or a compact JWT) or revocation list by URL: from
 * `documents` (the URL, then without fragment), else fetched. Never throws.
 */
export async function loadStatusDocument(
  fetcher: DocumentFetcher,
  url: string,
): Promise<LoadedStatusDocument> {
  let loaded: LoadedDocument;
  try {
    loaded = await fetcher.load(url, 'status');
  } catch (e) {
    if (e instanceof FetchError && e.code === 'ERR_FETCH_OFFLINE') {
      return {
        ok: false,
        code: 'status_unchecked_offline',
        message: `The status list ${url} could not be checked (offline): it is not among the given documents and no fetch was allowed`,
      };
    }
    return {
      ok: false,
      code: (fetchReportCode(e) ?? 'fetch_failed') as FetchReportCode,
      message: e instanceof Error ? e.message : String(e),
    };
  }
  const where = loaded.source === 'fetch' ? `GET ${url} returned` : `documents['${loaded.key}'] is`;
  const v = loaded.value;
  if (isObject(v)) return { ok: true, document: v };
  if (typeof v === 'string') {
    const t = v.replace(/^\uFEFF/, '').trim();
    if (t.startsWith('{')) {
      try {
        const doc = parseJsonDocument({ ...loaded, value: t });
        if (isObject(doc)) return { ok: true, document: doc };
      } catch (e) {
        return {
          ok: false,
          code: 'status_list_malformed',
          message: `${where} not a readable JSON object: ${e instanceof Error ? e.message : String(e)}`,
        };
      }
    } else if (JWT.test(t)) {
      return { ok: true, document: t };
    }
  }
  return {
    ok: false,
    code: 'status_list_malformed',
    message: `${where} neither a JSON object nor a compact JWT`,
  };
}

/**
 * Decode a list's `encodedList`, once per list URL and format per run, within the per-list
 * bound (`maxListBytes`) and the run's total (`limits.maxStatusListTotalBytes`).
 */
export function decodeStatusListOnce(
  fetcher: DocumentFetcher,
  url: string,
  encoded: string,
  type: StatusListType,
  options: { maxListBytes?: number; minLength?: number },
): Promise<StatusList | { code: StatusLoadCode; message: string }> {
  const maxBytes = options.maxListBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES;
  const minLength = options.minLength ?? MIN_STATUS_LIST_LENGTH;
  type Decoded = StatusList | { code: StatusLoadCode; message: string };
  const decode = () =>
    fetcher.withStatusBudget<Decoded>(maxBytes, async (allowance, budgetLimited) => {
      try {
        const list = await decodeStatusList(encoded, { type, maxBytes: allowance, minLength });
        return { used: list.bytes.byteLength, value: list };
      } catch (e: unknown) {
        const code = e instanceof Ob3Error ? e.code : undefined;
        const message = e instanceof Error ? e.message : String(e);
        if (code === 'ERR_STATUS_LIST_TOO_LARGE' && budgetLimited) {
          return {
            used: 0,
            value: {
              code: 'status_list_total_too_large',
              message: `The encodedList of ${url} was not decoded: the status lists of this run would decode to more than limits.maxStatusListTotalBytes (${fetcher.maxStatusListTotalBytes} bytes)`,
            } as const,
          };
        }
        return {
          used: 0,
          value: {
            code:
              code === 'ERR_STATUS_LIST_TOO_LARGE'
                ? 'status_list_too_large'
                : code === 'ERR_STATUS_LIST_LENGTH'
                  ? 'status_list_too_short'
                  : 'status_list_malformed',
            message: `The encodedList of ${url} cannot be read: ${message}`,
          } as const,
        };
      }
    });
  const key = `status-list ${type} ${maxBytes} ${minLength} ${url}`;
  const once = fetcher.memo(key, () => ({ encoded, decoded: decode() }));
  // The same URL with another encodedList (documents given per call) is decoded on its own.
  return once.encoded === encoded ? once.decoded : decode();
}
