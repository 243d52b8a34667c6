/**
 * The network half of the fetcher (internal): the request under the deadline and the caller's
 * abort signal, the response checks (no redirect, 2xx, a JSON or JWT type in UTF-8) and the body
 * read with its byte caps. `DocumentFetcher` loads it only when a document is really fetched,
 * so an offline run (documents only) does not carry it.
 *
 * @internal
 */
import { FetchError, Ob3Error } from '../errors.js';
import {
  aborted,
  describeUrl,
  errorText,
  type FetchFunction,
  type FetchResponse,
  type RunShared,
  type Settings,
} from './fetch.js';
import { decodeUtf8 } from './text.js';

/**
 * GET `url` with the caller's `fetch` under the run's rules and budgets, and return the body as
 * text (the request was counted already). `jwt`: a JWT media type is accepted too.
 *
 * @internal
 */
export async function requestText(
  s: Settings,
  run: RunShared,
  fetchFn: FetchFunction,
  url: string,
  accept: string,
  jwt: boolean,
): Promise<string> {
  const outer = s.signal;
  // The caller may have aborted while this module loaded.
  if (outer?.aborted) throw aborted(url, outer.reason);

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new FetchError(
        'ERR_FETCH_TIMEOUT',
        `GET ${url} took longer than ${s.fetchTimeoutMs} ms (limits.fetchTimeoutMs)`,
        { url, limit: 'fetchTimeoutMs', max: s.fetchTimeoutMs },
      );
      controller.abort(error);
      reject(error);
    }, s.fetchTimeoutMs);
    if (outer) {
      onAbort = () => {
        const error = aborted(url, outer.reason);
        controller.abort(error);
        reject(error);
      };
      outer.addEventListener('abort', onAbort, { once: true });
    }
  });
  stop.catch(() => undefined);
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, stop]);

  try {
    let res: FetchResponse;
    try {
      res = await race(
        Promise.resolve().then(() =>
          fetchFn(url, {
            method: 'GET',
            headers: { accept },
            redirect: 'manual',
            credentials: 'omit',
            signal: controller.signal,
          }),
        ),
      );
    } catch (e) {
      if (e instanceof Ob3Error) throw e;
      throw new FetchError('ERR_FETCH_FAILED', `GET ${url} failed: ${errorText(e)}`, { url }, e);
    }
    checkResponse(res, url, jwt);
    const body = await readBody(s, run, res, url, race);
    return decodeBody(body, url);
  } finally {
    clearTimeout(timer);
    if (onAbort) outer?.removeEventListener('abort', onAbort);
    // Release the connection of a request that ended early (refused, too large, timed out).
    if (!controller.signal.aborted) controller.abort();
  }
}

async function readBody(
  s: Settings,
  run: RunShared,
  res: FetchResponse,
  url: string,
  race: <T>(p: Promise<T>) => Promise<T>,
): Promise<Uint8Array | string> {
  const cap = s.maxDocumentBytes;
  const tooLarge = (size: number | string) =>
    new FetchError(
      'ERR_FETCH_TOO_LARGE',
      `GET ${url}: the body is ${typeof size === 'number' ? `more than ${cap}` : size} bytes, more than limits.maxDocumentBytes (${cap})`,
      { url, limit: 'maxDocumentBytes', max: cap },
    );
  const declared = header(res, 'content-length');
  if (declared !== null && /^[0-9]+$/.test(declared.trim()) && Number(declared) > cap) {
    cancelBody(res);
    throw tooLarge(declared.trim());
  }
  const body = res.body;
  if (body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await race(reader.read());
        if (done) break;
        if (!(value instanceof Uint8Array)) {
          throw new FetchError('ERR_FETCH_FAILED', `GET ${url}: the body is not bytes`, { url });
        }
        size += value.byteLength;
        if (size > cap) throw tooLarge(size);
        charge(s, run, value.byteLength, url);
        chunks.push(value);
      }
    } catch (e) {
      reader.cancel(e).catch(() => undefined);
      throw e;
    }
    return concat(chunks, size);
  }
  // No body stream (React Native, some polyfills): the body is read whole, then measured;
  // the deadline still bounds the time.
  if (typeof res.text !== 'function') {
    throw new FetchError('ERR_FETCH_FAILED', `GET ${url}: the response has no body`, { url });
  }
  const text = await race(res.text());
  if (typeof text !== 'string') {
    throw new FetchError('ERR_FETCH_FAILED', `GET ${url}: the body is not text`, { url });
  }
  const size = utf8Length(text);
  if (size > cap) throw tooLarge(size);
  charge(s, run, size, url);
  return text;
}

function charge(s: Settings, run: RunShared, n: number, url: string): void {
  if (run.bytes + n > s.maxFetchBytes) {
    throw new FetchError(
      'ERR_FETCH_LIMIT_BYTES',
      `GET ${url}: this run already read ${run.bytes} bytes; this body would pass limits.maxFetchBytes (${s.maxFetchBytes})`,
      { url, limit: 'maxFetchBytes', max: s.maxFetchBytes },
    );
  }
  run.bytes += n;
}

function checkResponse(res: FetchResponse, url: string, jwt: boolean): void {
  if (res === null || typeof res !== 'object' || typeof res.status !== 'number') {
    throw new FetchError('ERR_FETCH_FAILED', `GET ${url}: fetch did not return a response`, {
      url,
    });
  }
  const status = res.status;
  if (res.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    cancelBody(res);
    const location = header(res, 'location');
    throw new FetchError(
      'ERR_FETCH_REDIRECT',
      `GET ${url} answered with a redirect (HTTP ${status})${location ? ` to ${describeUrl(location)}` : ''}; redirects are not followed`,
      { url, status, ...(location ? { location: describeUrl(location) } : {}) },
    );
  }
  if (
    res.redirected === true ||
    (typeof res.url === 'string' && res.url !== '' && res.url !== url)
  ) {
    cancelBody(res);
    throw new FetchError(
      'ERR_FETCH_REDIRECT',
      `GET ${url} was redirected by the fetch function${typeof res.url === 'string' && res.url !== '' ? ` to ${describeUrl(res.url)}` : ''}; redirects are not followed (ob3kit asks for redirect: 'manual')`,
      { url, ...(typeof res.url === 'string' && res.url !== '' ? { location: res.url } : {}) },
    );
  }
  if (status < 200 || status > 299) {
    cancelBody(res);
    throw new FetchError('ERR_FETCH_STATUS', `GET ${url} answered HTTP ${status}`, {
      url,
      status,
    });
  }
  const type = header(res, 'content-type');
  if (type !== null) {
    const why = contentTypeProblem(type, jwt);
    if (why !== undefined) {
      cancelBody(res);
      throw new FetchError('ERR_FETCH_CONTENT_TYPE', `GET ${url}: ${why}`, {
        url,
        contentType: type.slice(0, 200),
      });
    }
  }
}

function contentTypeProblem(value: string, jwt: boolean): string | undefined {
  const [essence = '', ...params] = value.split(';');
  const type = essence.trim().toLowerCase();
  const ok =
    type === 'application/json' ||
    /^application\/[a-z0-9.+-]+\+json$/.test(type) ||
    type === 'text/json' ||
    type === 'application/vc' ||
    type === 'application/vp' ||
    type === 'text/plain' ||
    type === 'application/octet-stream' ||
    type === 'binary/octet-stream' ||
    (jwt && (type === 'application/jwt' || /^application\/[a-z0-9.+-]+\+jwt$/.test(type)));
  if (!ok) {
    return `Content-Type ${JSON.stringify(value.slice(0, 100))} is not a ${jwt ? 'JSON or JWT' : 'JSON'} type`;
  }
  for (const p of params) {
    const [name = '', v = ''] = p.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = v.trim().replace(/^"|"$/g, '').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
      return `Content-Type declares charset ${JSON.stringify(charset)}; documents are read as UTF-8 only`;
    }
  }
  return undefined;
}

function decodeBody(body: Uint8Array | string, url: string): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  try {
    // fatal: a body that is not UTF-8 is refused, not repaired (the BOM is removed).
    return decodeUtf8(body, { fatal: true });
  } catch (e) {
    throw new FetchError('ERR_FETCH_ENCODING', `GET ${url}: the body is not UTF-8`, { url }, e);
  }
}

function header(res: FetchResponse, name: string): string | null {
  try {
    const h = res.headers;
    if (h && typeof h.get === 'function') {
      const v = h.get(name);
      return typeof v === 'string' ? v : null;
    }
  } catch {
    // A broken headers object is treated as no header.
  }
  return null;
}

function cancelBody(res: FetchResponse): void {
  try {
    const body = res.body;
    if (body && typeof body.getReader === 'function') {
      body
        .getReader()
        .cancel()
        .catch(() => undefined);
    }
  } catch {
    // Already locked or not a stream: nothing to release.
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
