/**
 * Turns ajv's validation errors into located, deduplicated issues.
 *
 * ajv reports every failed alternative of a `oneOf`/`anyOf` (a string issuer fails "must be
 * string" as well as the Profile's own checks). Here the alternatives whose JSON type did not
 * match the value are dropped when another alternative did match, so `issuer: {}` gives
 * `$.issuer.id: "id" is required`, not three unrelated errors.
 */
import type { Issue } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject, joinPath } from '../internal/json.js';
import { dedupeIssues } from './run.js';
import type { SchemaError } from './types.js';

interface Node {
  /** JSON pointer of the value. */
  ptr: string;
  /** ajv keyword, or `type` for merged type mismatches. */
  keyword: string;
  issue: Issue;
  /** What the failed check expected, as a phrase (for merging alternatives). */
  expected?: string;
  /** JSON types the failed `type` checks expected. */
  types?: string[];
}

const LEAF_KEYWORDS = new Set(['type', 'enum', 'const', 'pattern', 'format']);

const FORMAT_HINTS: Record<string, string> = {
  'date-time': 'a date-time (RFC 3339, e.g. 2024-01-01T00:00:00Z)',
  date: 'a date (RFC 3339 full-date, e.g. 2024-01-01)',
  uri: 'an absolute URI',
  'uri-reference': 'a URI reference',
  email: 'an email address',
};

/** `additionalProperties` -> `additional_properties`. */
function snakeCase(keyword: string): string {
  return keyword.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at a JSON pointer, and the `$`-rooted path of it. */
function locate(root: unknown, ptr: string): { value: unknown; path: string } {
  let value: unknown = root;
  let path = '$';
  if (ptr === '') return { value, path };
  for (const raw of ptr.slice(1).split('/')) {
    const key = decodeSegment(raw);
    if (Array.isArray(value)) {
      const index = Number(key);
      path = joinPath(path, index);
      value = value[index];
    } else {
      path = joinPath(path, key);
      value = isObject(value) ? value[key] : undefined;
    }
  }
  return { value, path };
}

function listValues(values: unknown[], max = 8): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v));
  return values.length > max
    ? `${shown.join(', ')}, … (${values.length} values)`
    : shown.join(', ');
}

function typesOf(error: SchemaError): string[] {
  const t = error.params.type;
  return Array.isArray(t) ? t.map(String) : [String(t)];
}

function joinAlternatives(phrases: string[]): string {
  const unique = [...new Set(phrases)];
  if (unique.length <= 1) return unique[0] ?? 'a different value';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** One node for one plain (non-combinator) ajv error. */
function toNode(error: SchemaError, root: unknown, nameCheck?: string): Node {
  const { value, path } = locate(root, error.instancePath);
  const found = describeValue(value);
  const base = { ptr: error.instancePath, keyword: error.keyword };
  switch (error.keyword) {
    case 'required': {
      const name = String(error.params.missingProperty);
      return {
        ...base,
        issue: { code: 'required', path: joinPath(path, name), message: `"${name}" is required` },
      };
    }
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const parent = error.parentSchema;
      const allowed =
        isObject(parent) && isObject(parent.properties) ? Object.keys(parent.properties) : [];
      return {
        ...base,
        issue: {
          code: 'additional_properties',
          path: joinPath(path, name),
          message: `"${name}" is not allowed here${
            allowed.length > 0 ? `; expected only ${allowed.join(', ')}` : ''
          }`,
        },
      };
    }
    case 'type': {
      const types = typesOf(error);
      const expected = joinAlternatives(types);
      return {
        ...base,
        types,
        expected,
        issue: { code: 'type', path, message: `expected ${expected}, found ${found}` },
      };
    }
    case 'enum': {
      const values = Array.isArray(error.params.allowedValues) ? error.params.allowedValues : [];
      const expected = values.length === 1 ? listValues(values) : `one of ${listValues(values)}`;
      return {
        ...base,
        expected,
        issue: { code: 'enum', path, message: `expected ${expected}, found ${found}` },
      };
    }
    case 'const': {
      const expected = JSON.stringify(error.params.allowedValue);
      return {
        ...base,
        expected,
        issue: { code: 'const', path, message: `expected ${expected}, found ${found}` },
      };
    }
    case 'pattern': {
      const expected = `a string matching /${String(error.params.pattern)}/`;
      return {
        ...base,
        expected,
        issue: { code: 'pattern', path, message: `expected ${expected}, found ${found}` },
      };
    }
    case 'format': {
      const format = String(error.params.format);
      const expected = FORMAT_HINTS[format] ?? `a string in the "${format}" format`;
      return {
        ...base,
        expected,
        issue: { code: 'format', path, message: `expected ${expected}, found ${found}` },
      };
    }
    case 'minItems':
    case 'maxItems': {
      const limit = Number(error.params.limit);
      const count = Array.isArray(value) ? value.length : 0;
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return {
        ...base,
        issue: {
          code: snakeCase(error.keyword),
          path,
          message: `expected ${bound} ${limit} item${limit === 1 ? '' : 's'}, found ${count}`,
        },
      };
    }
    case 'contains': {
      const parent = error.parentSchema;
      const inner = isObject(parent) ? parent.contains : undefined;
      const values = isObject(inner) && Array.isArray(inner.enum) ? inner.enum : undefined;
      const expected = values
        ? `an array containing ${values.length === 1 ? listValues(values) : `one of ${listValues(values)}`}`
        : 'an array containing a matching item';
      return {
        ...base,
        expected,
        issue: { code: 'contains', path, message: `expected ${expected}, found ${found}` },
      };
    }
    case 'propertyNames': {
      const name = String(error.params.propertyName);
      return {
        ...base,
        issue: {
          code: 'property_names',
          path: joinPath(path, name),
          message: `property name "${name}" is not allowed here${
            nameCheck ? `; expected ${nameCheck}` : ''
          }`,
        },
      };
    }
    default:
      return {
        ...base,
        issue: {
          code: snakeCase(error.keyword),
          path,
          message: `${error.message ?? `failed "${error.keyword}"`}; found ${found}`,
        },
      };
  }
}

function under(ptr: string, base: string): boolean {
  return ptr === base || ptr.startsWith(`${base}/`);
}

/** Resolve a failed `oneOf`/`anyOf` from the errors its alternatives left. */
function combine(error: SchemaError, branch: Node[], root: unknown): Node[] {
  const ptr = error.instancePath;
  const { value, path } = locate(root, ptr);
  const code = snakeCase(error.keyword);
  const found = describeValue(value);
  if (error.keyword === 'oneOf' && Array.isArray(error.params.passingSchemas)) {
    return [
      {
        ptr,
        keyword: error.keyword,
        issue: {
          code,
          path,
          message: `expected exactly one alternative to match, found ${found} matching several`,
        },
      },
    ];
  }
  const typeMismatches = branch.filter((n) => n.keyword === 'type' && n.ptr === ptr);
  const rest = branch.filter((n) => !typeMismatches.includes(n));
  if (rest.length === 0) {
    // every alternative wanted another JSON type
    const types = typeMismatches.flatMap((n) => n.types ?? []);
    const expected = joinAlternatives(types.length > 0 ? types : ['a different value']);
    return [
      {
        ptr,
        keyword: 'type',
        types,
        expected,
        issue: {
          code: 'type',
          path,
          message: `expected ${expected}, found ${found}`,
        },
      },
    ];
  }
  if (rest.length > 1 && rest.every((n) => n.ptr === ptr && LEAF_KEYWORDS.has(n.keyword))) {
    // several alternatives for the value itself (an extensible vocabulary, say): one issue
    const expected = joinAlternatives(rest.map((n) => n.expected ?? n.issue.message));
    return [
      {
        ptr,
        keyword: error.keyword,
        expected,
        issue: { code, path, message: `expected ${expected}, found ${found}` },
      },
    ];
  }
  return rest;
}

/**
 * Convert the errors of one ajv validation (run with `allErrors` and `verbose`) into ob3kit's
 * located issues, resolving `oneOf`/`anyOf` noise as the bundled validators do. For callers
 * running their own Ajv instance.
 * @param errors - ajv's `validate.errors`.
 * @param root - The document that was validated (to show what was found).
 *
 * @example
 * ```ts
 * import Ajv2019 from 'ajv/dist/2019.js';
 * import { errorsToIssues } from 'ob3kit/schema';
 * const ajv = new Ajv2019({ allErrors: true, verbose: true });
 * const validate = ajv.compile({ type: 'object', required: ['id'] });
 * validate({});
 * errorsToIssues(validate.errors ?? [], {}); // [{ code: 'required', path: '$.id', message: '"id" is required' }]
 * ```
 */
export function errorsToIssues(errors: readonly SchemaError[], root: unknown): Issue[] {
  const pending: Node[] = [];
  // what the checks of a property name (inside `propertyNames`) expected, by name
  const nameChecks = new Map<string, string>();
  for (const error of errors) {
    // the failures inside `contains` are expected (only one item has to match)
    if (error.schemaPath.includes('/contains/')) continue;
    if (error.propertyName !== undefined) {
      // a check of a property name: reported with the `propertyNames` error that follows
      const checked = toNode(error, error.propertyName);
      if (checked.expected) nameChecks.set(error.propertyName, checked.expected);
      continue;
    }
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      let start = pending.length;
      while (start > 0 && under(pending[start - 1]!.ptr, error.instancePath)) start--;
      const branch = pending.splice(start);
      pending.push(...combine(error, branch, root));
    } else if (error.keyword === 'propertyNames') {
      const name = String(error.params.propertyName);
      pending.push(toNode(error, root, nameChecks.get(name)));
    } else {
      pending.push(toNode(error, root));
    }
  }
  return dedupeIssues(pending.map((n) => n.issue));
}
