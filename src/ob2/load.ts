/**
 * Loading Open Badges 2.0 badge objects by URL (internal): `documents` first, then the caller's
 * `fetch` through the run's one loader (https only, no redirects, private addresses refused,
 * bounded size, time and count). Every document is measured before anything walks it.
 */
import { FetchError } from '../errors.js';
import { isObject, type JsonObject } from '../internal/json.js';
import {
  DEFAULT_MAX_ARRAY_LENGTH,
  DEFAULT_MAX_JSON_VALUES,
  measureJson,
} from '../internal/limits.js';
import type { RunState } from '../verify/state.js';
import type { Ob2Toolbox } from './toolbox.js';

/** What loading a badge object gave. */
export type Ob2Loaded =
  | { status: 'ok'; document: JsonObject; source: 'documents' | 'fetch' }
  | { status: 'offline' }
  /** HTTP 410 Gone: for a hosted assertion, the issuer's way of saying it is revoked. */
  | { status: 'gone'; message: string }
  | { status: 'error'; code: string; message: string };

/**
 * Refuse a document that nests too deeply, holds too many values or a huge array (the limits
 * `verify()` applies to its input). `undefined` when it is within them.
 */
export function shapeProblem(doc: unknown, state: RunState): string | undefined {
  const shape = measureJson(doc, {
    maxJsonDepth: state.limits.maxJsonDepth,
    maxJsonValues: DEFAULT_MAX_JSON_VALUES,
    maxArrayLength: DEFAULT_MAX_ARRAY_LENGTH,
  });
  if (shape.exceeded === 'maxJsonDepth')
    return `nests deeper than ${state.limits.maxJsonDepth} levels`;
  if (shape.exceeded === 'maxJsonValues')
    return `holds more than ${DEFAULT_MAX_JSON_VALUES} JSON values`;
  if (shape.exceeded === 'maxArrayLength') {
    return `has an array of more than ${DEFAULT_MAX_ARRAY_LENGTH} items`;
  }
  return undefined;
}

/** Load the badge object at `url` (`what` names it in messages). */
export async function loadOb2(
  url: string,
  what: string,
  state: RunState,
  tools: Ob2Toolbox,
): Promise<Ob2Loaded> {
  let loaded: Awaited<ReturnType<RunState['fetcher']['load']>>;
  try {
    loaded = await state.fetcher.load(url, 'ob2');
  } catch (e) {
    const code = tools.fetchReportCode(e);
    if (code === 'fetch_offline') return { status: 'offline' };
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof FetchError && e.code === 'ERR_FETCH_STATUS' && e.details?.status === 410) {
      return { status: 'gone', message: `${what}: ${message} (Gone)` };
    }
    if (code === 'fetch_not_https' && /^http:/i.test(url)) {
      return {
        status: 'error',
        code: 'ob2_not_https',
        message: `${what} is at ${url}, a plain-http URL: ob3kit fetches https only, so it cannot be checked here. Fetch it yourself and pass it in documents under that URL`,
      };
    }
    return { status: 'error', code: code ?? 'fetch_failed', message: `${what}: ${message}` };
  }
  let doc: unknown;
  try {
    const v = loaded.value;
    doc =
      typeof v === 'string'
        ? tools.parseJsonDocument(
            loaded.source === 'fetch'
              ? { source: 'fetch', url: loaded.url, value: v }
              : { source: 'documents', key: loaded.key, value: v },
          )
        : v;
  } catch (e) {
    return {
      status: 'error',
      code: 'fetch_malformed',
      message: `${what}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  if (!isObject(doc)) {
    return {
      status: 'error',
      code: 'ob2_document_invalid',
      message: `${what} at ${url} is not a JSON object`,
    };
  }
  const problem = shapeProblem(doc, state);
  if (problem) {
    return {
      status: 'error',
      code: 'ob2_document_too_large',
      message: `${what} at ${url} ${problem}`,
    };
  }
  return { status: 'ok', document: doc, source: loaded.source };
}
