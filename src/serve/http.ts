/** HTTP helpers of the handlers (internal): responses, problems, bodies, headers, tokens. */
import { bytesEqual, fromUtf8, utf8 } from '../internal/bytes.js';
import { sha256 } from '../internal/hash.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { findDuplicateJsonKey } from '../internal/json-duplicates.js';
import {
  DEFAULT_MAX_ARRAY_LENGTH,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_JSON_VALUES,
  measureJson,
} from '../internal/limits.js';
import type { VcApiRequest, VcApiResponse } from './types.js';

/** A JSON response. */
export function json(status: number, body: unknown, code?: string): VcApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body,
    ...(code !== undefined ? { code } : {}),
  };
}

/** An empty response (204). */
export function empty(status: number, code?: string): VcApiResponse {
  return {
    status,
    headers: { 'cache-control': 'no-store' },
    ...(code !== undefined ? { code } : {}),
  };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/**
 * An error response as RFC 9457 problem details: `title`, `status`, `detail`, and the stable
 * snake_case `code` (with the located `issues` when there are some).
 */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: JsonObject = {},
  headers: Record<string, string> = {},
): VcApiResponse {
  return {
    status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...headers,
    },
    body: { title: TITLES[status] ?? 'Error', status, code, detail, ...extra },
    code,
  };
}

/** A thrown problem: handlers throw it to answer with an error status. */
export class HttpProblem extends Error {
  readonly response: VcApiResponse;
  constructor(response: VcApiResponse) {
    const body = response.body as { detail?: string } | undefined;
    super(body?.detail ?? `HTTP ${response.status}`);
    this.response = response;
  }
}

/** Throw a problem response. */
export function fail(
  status: number,
  code: string,
  detail: string,
  extra: JsonObject = {},
  headers: Record<string, string> = {},
): never {
  throw new HttpProblem(problem(status, code, detail, extra, headers));
}

/** A header's value (the first, for a repeated header), by case-insensitive name. */
export function header(request: VcApiRequest, name: string): string | undefined {
  const headers = request.headers;
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== wanted) continue;
    if (Array.isArray(v)) return v[0];
    return v;
  }
  return undefined;
}

/** Whether JSON text nests objects and arrays deeper than `max` (strings skipped). */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/**
 * The request body as one JSON object: raw text or bytes are parsed (JSON only, at most
 * `maxBytes`, no repeated member name, bounded depth, values and array length); a value a
 * framework already parsed is bounded the same way.
 */
export function readJsonBody(request: VcApiRequest, maxBytes: number): JsonObject {
  const body = request.body;
  let value: unknown;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const type = header(request, 'content-type');
    if (type !== undefined && !/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(type)) {
      fail(
        415,
        'content_type_unsupported',
        `The body must be JSON (application/json), got ${type}`,
      );
    }
    const size = typeof body === 'string' ? utf8(body).length : body.length;
    if (size > maxBytes) {
      fail(413, 'body_too_large', `The body is ${size} bytes; at most ${maxBytes} are accepted`);
    }
    let text: string;
    try {
      text = typeof body === 'string' ? body : fromUtf8(body);
    } catch {
      fail(400, 'body_encoding_invalid', 'The body is not valid UTF-8');
    }
    text = text.replace(/^\uFEFF/, '');
    if (text.trim() === '') fail(400, 'body_missing', 'The request needs a JSON body');
    // Bound before work: deep nesting is refused in one pass over the text, before parsing and
    // the duplicate-name scan spend their time on it.
    if (nestedDeeperThan(text, DEFAULT_MAX_JSON_DEPTH)) {
      fail(
        413,
        'body_too_large',
        `The body exceeds maxJsonDepth (depth ${DEFAULT_MAX_JSON_DEPTH}, ${DEFAULT_MAX_JSON_VALUES} values, arrays of ${DEFAULT_MAX_ARRAY_LENGTH})`,
      );
    }
    try {
      value = JSON.parse(text);
    } catch (e) {
      fail(400, 'body_json_invalid', `The body is not valid JSON: ${(e as Error).message}`);
    }
    const duplicate = findDuplicateJsonKey(text);
    if (duplicate) {
      fail(
        400,
        'body_json_duplicate_key',
        `The body has the member name "${duplicate.key}" twice in one object (second at character ${duplicate.offset})`,
      );
    }
  } else if (body === undefined || body === null) {
    fail(400, 'body_missing', 'The request needs a JSON body');
  } else value = body;
  if (!isObject(value)) fail(400, 'body_not_object', 'The body must be a JSON object');
  const shape = measureJson(value, {
    maxJsonDepth: DEFAULT_MAX_JSON_DEPTH,
    maxJsonValues: DEFAULT_MAX_JSON_VALUES,
    maxArrayLength: DEFAULT_MAX_ARRAY_LENGTH,
  });
  if (shape.exceeded) {
    fail(
      413,
      'body_too_large',
      `The body exceeds ${shape.exceeded} (depth ${DEFAULT_MAX_JSON_DEPTH}, ${DEFAULT_MAX_JSON_VALUES} values, arrays of ${DEFAULT_MAX_ARRAY_LENGTH})`,
    );
  }
  return value;
}

/** Refuse members of an object that are not in `allowed`. */
export function onlyMembers(value: JsonObject, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(value)) {
    if (!allowed.includes(k)) {
      fail(
        400,
        'request_member_unsupported',
        `${where} has the member ${JSON.stringify(k)}, which this service does not support (allowed: ${allowed.join(', ')})`,
        { member: k },
      );
    }
  }
}

/**
 * Compares bearer tokens by their SHA-256 digests, so the time taken does not depend on how much
 * of a guess matches.
 */
export class TokenSet {
  private readonly digests: Uint8Array[];
  constructor(tokens: readonly string[]) {
    this.digests = tokens.map((t) => sha256(t));
  }
  get size(): number {
    return this.digests.length;
  }
  /** True when the request's `Authorization: Bearer` token is one of the set. */
  accepts(request: VcApiRequest): boolean {
    const auth = header(request, 'authorization');
    const m = auth === undefined ? null : /^Bearer[ ]+(\S+)\s*$/i.exec(auth);
    if (!m) return false;
    const digest = sha256(m[1] as string);
    let ok = false;
    for (const d of this.digests) ok = bytesEqual(d, digest) || ok;
    return ok;
  }
}
