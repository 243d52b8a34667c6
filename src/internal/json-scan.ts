/**
 * Bound JSON text before it is parsed: one linear pass over the characters measures nesting
 * depth, the number of values and the longest array, and finds a member name given twice in one
 * object, stopping at the first limit passed. It allocates nothing per level or per array (the
 * open containers are bounded by `maxJsonDepth`, checked before each is opened) and one set of
 * names only for an object that has members. Every place JSON text enters the library (input,
 * JWT header and payload, baked payloads, did:jwk, fetched or supplied documents, status list
 * JWTs, CLI files) calls {@link parseJsonText}, so no text deeper or wider than the limits ever
 * reaches `JSON.parse`. `parseJsonText` and `describeJsonTextProblem` are public through
 * `ob3kit/jsonld`.
 */
import {
  DEFAULT_MAX_ARRAY_LENGTH,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_JSON_VALUES,
} from './json-limits.js';

/** The bounds the scan applies (defaults: the library's documented limits). */
export interface JsonTextLimits {
  /** Deepest nesting of objects and arrays (the root container is 1). */
  maxJsonDepth: number;
  /** Most JSON values (objects, arrays and scalars, each member value counted once). */
  maxJsonValues: number;
  /** Longest array. */
  maxArrayLength: number;
}

/** What the scan found wrong with a text (the first problem, at `offset`). */
export type JsonTextProblem =
  | {
      kind: 'maxJsonDepth' | 'maxJsonValues' | 'maxArrayLength';
      /** The limit passed. */
      max: number;
      /** Character offset where it was passed. */
      offset: number;
    }
  | {
      kind: 'duplicate';
      /** The member name (unescaped). */
      key: string;
      /** Character offset of its second appearance. */
      offset: number;
    };

const DEFAULTS: JsonTextLimits = {
  maxJsonDepth: DEFAULT_MAX_JSON_DEPTH,
  maxJsonValues: DEFAULT_MAX_JSON_VALUES,
  maxArrayLength: DEFAULT_MAX_ARRAY_LENGTH,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True for JSON whitespace and the structural characters that end a literal. */
function endsLiteral(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2c || c === 0x5d || c === 0x7d
  );
}

/**
 * The first problem of JSON text under `limits`, or `undefined`. The text need not be valid
 * JSON (the scan never throws; `JSON.parse` judges the syntax afterwards); for valid JSON the
 * counts are exact: depth as the parsed-value walk counts it (root container 1), values (each
 * container and scalar once), array items, and member names compared after unescaping (`"a"` and
 * `"\u0061"` are one name, as `JSON.parse` treats them).
 *
 * @example
 * ```ts
 * scanJsonText('{"a":1,"a":2}'); // { kind: 'duplicate', key: 'a', offset: 7 }
 * scanJsonText('[[[]]]', { maxJsonDepth: 2 }); // { kind: 'maxJsonDepth', max: 2, offset: 2 }
 * ```
 */
export function scanJsonText(
  text: string,
  limits: Partial<JsonTextLimits> = DEFAULTS,
): JsonTextProblem | undefined {
  const maxDepth = limits.maxJsonDepth ?? DEFAULTS.maxJsonDepth;
  const maxValues = limits.maxJsonValues ?? DEFAULTS.maxJsonValues;
  const maxArray = limits.maxArrayLength ?? DEFAULTS.maxArrayLength;
  // Open containers, one slot a level (never more than maxDepth): 1 object, 0 array; the items
  // of an array so far; the names of an object so far (its first name alone until a second).
  const isObject: number[] = [];
  const items: number[] = [];
  const names: Array<string | Set<string> | undefined> = [];
  let depth = 0;
  let values = 0;
  // In an object: the next string is a member name.
  let expectName = false;
  const n = text.length;
  const value = (offset: number): JsonTextProblem | undefined => {
    if (++values > maxValues) return { kind: 'maxJsonValues', max: maxValues, offset };
    if (depth > 0 && isObject[depth - 1] === 0) {
      const count = (items[depth - 1] as number) + 1;
      items[depth - 1] = count;
      if (count > maxArray) return { kind: 'maxArrayLength', max: maxArray, offset };
    }
    return undefined;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i++;
        } else if (d === QUOTE) break;
      }
      if (expectName && depth > 0 && isObject[depth - 1] === 1) {
        expectName = false;
        const raw = text.slice(start, i + 1);
        let key: string;
        if (!escaped) key = raw.slice(1, -1);
        else {
          try {
            key = JSON.parse(raw) as string;
          } catch {
            return undefined; // not JSON: JSON.parse will say so
          }
        }
        const seen = names[depth - 1];
        if (seen === undefined) names[depth - 1] = key;
        else if (typeof seen === 'string') {
          if (seen === key) return { kind: 'duplicate', key, offset: start };
          names[depth - 1] = new Set([seen, key]);
        } else {
          if (seen.has(key)) return { kind: 'duplicate', key, offset: start };
          seen.add(key);
        }
      } else {
        const p = value(start);
        if (p) return p;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const p = value(i);
      if (p) return p;
      if (depth + 1 > maxDepth) return { kind: 'maxJsonDepth', max: maxDepth, offset: i };
      isObject[depth] = c === 0x7b ? 1 : 0;
      items[depth] = 0;
      names[depth] = undefined;
      depth++;
      expectName = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) {
        depth--;
        names[depth] = undefined;
      }
      expectName = false;
    } else if (c === 0x2c /* , */) {
      expectName = depth > 0 && isObject[depth - 1] === 1;
    } else if (c === 0x3a /* : */ || endsLiteral(c)) {
      // structure or whitespace
    } else {
      // A literal (number, true, false, null): one value; skip to its end.
      const p = value(i);
      if (p) return p;
      while (i + 1 < n && !endsLiteral(text.charCodeAt(i + 1)) && text.charCodeAt(i + 1) !== 0x3a)
        i++;
    }
  }
  return undefined;
}

/** What {@link parseJsonText} gives: the value, or why the text was refused. */
export type ParsedJsonText =
  | { ok: true; value: unknown }
  | { ok: false; problem: JsonTextProblem | { kind: 'syntax'; message: string } };

/**
 * Parse JSON text after {@link scanJsonText} found it within `limits` and without a member name
 * twice in one object. Never throws.
 *
 * @example
 * ```ts
 * const parsed = parseJsonText(text);
 * if (!parsed.ok) return fail(describeJsonTextProblem(parsed.problem));
 * ```
 */
export function parseJsonText(
  text: string,
  limits: Partial<JsonTextLimits> = DEFAULTS,
): ParsedJsonText {
  const problem = scanJsonText(text, limits);
  if (problem) return { ok: false, problem };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, problem: { kind: 'syntax', message: (e as Error).message } };
  }
}

/**
 * A sentence for a refused text ("nests deeper than 64 levels", ...), without the subject.
 *
 * @example
 * ```ts
 * `The payload ${describeJsonTextProblem(problem)}`;
 * ```
 */
export function describeJsonTextProblem(
  problem: JsonTextProblem | { kind: 'syntax'; message: string },
): string {
  switch (problem.kind) {
    case 'syntax':
      return `is not valid JSON: ${problem.message}`;
    case 'duplicate':
      return `has the member name ${JSON.stringify(problem.key)} twice in one object (second at character ${problem.offset})`;
    case 'maxJsonDepth':
      return `nests deeper than ${problem.max} levels (limits.maxJsonDepth)`;
    case 'maxJsonValues':
      return `holds more than ${problem.max} JSON values (limits.maxJsonValues)`;
    case 'maxArrayLength':
      return `has an array of more than ${problem.max} items (limits.maxArrayLength)`;
  }
}

/**
 * The report code `verify()` gives refused JSON text: `json_invalid`, `json_duplicate_key`,
 * `input_too_deep` or `input_too_large`.
 *
 * @example
 * ```ts
 * jsonTextReportCode({ kind: 'maxJsonDepth', max: 64, offset: 640 }); // 'input_too_deep'
 * ```
 */
export function jsonTextReportCode(
  problem: JsonTextProblem | { kind: 'syntax'; message: string },
): 'json_invalid' | 'json_duplicate_key' | 'input_too_deep' | 'input_too_large' {
  switch (problem.kind) {
    case 'syntax':
      return 'json_invalid';
    case 'duplicate':
      return 'json_duplicate_key';
    case 'maxJsonDepth':
      return 'input_too_deep';
    default:
      return 'input_too_large';
  }
}
