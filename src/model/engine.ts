/**
 * The builders' engine (internal): walks caller input against the model description (`MODEL`),
 * checks every property it knows, fills in the required `type` values, `@context`, generated ids
 * and dates, and keeps everything else exactly as given.
 */
import { isObject, joinPath } from '../internal/json.js';
import { randomUrnUuid } from '../internal/random.js';
import {
  OB_V3_CONTEXT,
  OB_V3_CONTEXT_PATTERN,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from '../internal/urls.js';
import {
  formatDate,
  formatDateTime,
  isDateString,
  isDateTimeString,
  isValidDate,
} from './dates.js';
import { MODEL, type ModelClass, type ModelProperty } from './types.generated.js';

/**
 * Stable codes carried by the `TypeError`s the builders throw (`err.code`).
 * @example
 * ```ts
 * import { createAchievement, type ModelErrorCode } from 'ob3kit/model';
 * try {
 *   createAchievement({ name: '', description: 'd', criteria: {} });
 * } catch (e) {
 *   const code = (e as { code?: ModelErrorCode }).code;
 *   console.log(code); // 'ERR_MODEL_VALUE'
 * }
 * ```
 */
export type ModelErrorCode =
  | 'ERR_MODEL_REQUIRED'
  | 'ERR_MODEL_TYPE'
  | 'ERR_MODEL_VALUE'
  | 'ERR_MODEL_UNKNOWN_PROPERTY'
  | 'ERR_MODEL_CONFLICT';

/**
 * A `TypeError` thrown by a builder, with a stable `code` and the `path` of the field.
 * @example
 * ```ts
 * import { createProfile, type ModelTypeError } from 'ob3kit/model';
 * try {
 *   createProfile({ id: 'https://example.com/p', address: { geo: { latitude: 1 } } } as never);
 * } catch (e) {
 *   const err = e as ModelTypeError;
 *   console.log(err.code, err.path); // 'ERR_MODEL_REQUIRED' 'address.geo.longitude'
 * }
 * ```
 */
export type ModelTypeError = TypeError & { code: ModelErrorCode; path: string };

/**
 * Verifiable Credentials Data Model version a credential is built for.
 * @example
 * ```ts
 * import { createEndorsementCredential, type VcVersion } from 'ob3kit/model';
 * const vc: VcVersion = '1.1';
 * const e = createEndorsementCredential(
 *   { name: 'E', issuer: { id: 'https://example.com/e' }, credentialSubject: { id: 'https://example.com/i' } },
 *   { vc },
 * );
 * console.log(e.issuanceDate !== undefined); // true
 * ```
 */
export type VcVersion = '2.0' | '1.1';

/** Where the engine is and what it is building for. */
export interface Ctx {
  /** Objects on the path being built (cycle and depth guard). */
  stack?: Set<object>;
  /** Name of the public builder, prefixed to every message. */
  fn: string;
  vc: VcVersion;
  now: () => Date;
}

/** `a`/`an` + word. */
export function article(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** Describe a found value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const s = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return value === '' ? 'an empty string' : s;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (value instanceof Date) return isValidDate(value) ? 'a Date' : 'an invalid Date';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  return 'an object';
}

/** Display form of a path (`credentialSubject.achievement.name`, `alignment[0].targetUrl`). */
function show(path: string): string {
  return path.replace(/^\$\.?/, '');
}

/** Throw the builders' `TypeError`. */
export function fail(
  ctx: Ctx,
  code: ModelErrorCode,
  path: string,
  problem: string,
  expected: string,
  found: unknown,
  foundText?: string,
): never {
  const err = new TypeError(
    `${ctx.fn}: "${show(path)}" ${problem} (expected ${expected}, found ${foundText ?? describe(found)})`,
  ) as ModelTypeError;
  err.code = code;
  err.path = show(path);
  throw err;
}

export function requireObject(
  ctx: Ctx,
  path: string,
  value: unknown,
  what: string,
): Record<string, unknown> {
  if (isObject(value) && !(value instanceof Date)) return value;
  if (path === '$') {
    const err = new TypeError(
      `${ctx.fn}: the input must be ${what} (found ${describe(value)})`,
    ) as ModelTypeError;
    err.code = 'ERR_MODEL_TYPE';
    err.path = '';
    throw err;
  }
  return fail(
    ctx,
    value === undefined ? 'ERR_MODEL_REQUIRED' : 'ERR_MODEL_TYPE',
    path,
    value === undefined ? 'is required' : 'is invalid',
    what,
    value,
  );
}

// ---- Scalars --------------------------------------------------------------------------------

const URI_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\S/;
const LANGUAGE_RE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;
const EXT_RE = /^ext:\S+$/;

const STRING_TYPES = new Set([
  'String',
  'NormalizedString',
  'ASCIIString',
  'Language',
  'Namespace',
  'Identifier',
  'CountryCode',
  'UUID',
  'BaseTerm',
  'Term',
  'Markdown',
  'IdentityHash',
  'EmailAddress',
  'PhoneNumber',
  'IRI',
]);
const URI_TYPES = new Set(['URI', 'URL']);
const NUMBER_TYPES = new Set(['Float', 'NumericDate']);
const INTEGER_TYPES = new Set(['Integer', 'PositiveInteger', 'NonNegativeInteger']);

/** Builders whose `id` is generated when none is given (the thing being created). */
const GENERATED_IDS = new Set([
  'AchievementCredential',
  'AchievementCredentialv1p1',
  'EndorsementCredential',
  'EndorsementCredentialv1p1',
  'ClrCredential',
  'Achievement',
  'Achievementv1p1',
  'ResultDescription',
  'RubricCriterionLevel',
]);

/**
 * Embedded credentials are separately issued (and usually signed): kept exactly as given. That
 * includes the credentials a CLR bundles (`VerifiableCredential`).
 */
const OPAQUE = new Set([
  'EndorsementCredential',
  'EndorsementCredentialv1p1',
  'VerifiableCredential',
]);

function checkString(ctx: Ctx, path: string, value: unknown, required: boolean): string {
  const expected = required ? 'a non-empty string' : 'a string';
  if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
  if (required && value === '') fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expected, value);
  return value;
}

function checkDate(ctx: Ctx, path: string, value: unknown, dateOnly: boolean): string {
  const expected = dateOnly
    ? 'a Date or an ISO 8601 date string (YYYY-MM-DD)'
    : 'a Date or an ISO 8601 date-time string with a time zone (YYYY-MM-DDTHH:mm:ssZ)';
  if (value instanceof Date) {
    if (!isValidDate(value)) fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expected, value);
    const year = value.getUTCFullYear();
    if (year < 0 || year > 9999)
      fail(
        ctx,
        'ERR_MODEL_VALUE',
        path,
        'is invalid',
        `${expected} with a year from 0000 to 9999`,
        value,
        `year ${year}`,
      );
    return dateOnly ? formatDate(value) : formatDateTime(value);
  }
  if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
  if (!(dateOnly ? isDateString(value) : isDateTimeString(value)))
    fail(ctx, 'ERR_MODEL_VALUE', path, 'is not a valid date', expected, value);
  return value;
}

/** Check (and for dates convert) one value of a scalar, enumeration or derived model type. */
function scalar(ctx: Ctx, path: string, type: string, value: unknown, required: boolean): unknown {
  if (STRING_TYPES.has(type)) return checkString(ctx, path, value, required);
  if (URI_TYPES.has(type)) {
    const expected = `an absolute ${type} string`;
    if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
    if (!URI_RE.test(value))
      fail(ctx, 'ERR_MODEL_VALUE', path, 'is not a valid URI', expected, value);
    return value;
  }
  if (type === 'DateTime' || type === 'DateTimeZ') return checkDate(ctx, path, value, false);
  if (type === 'Date') return checkDate(ctx, path, value, true);
  if (NUMBER_TYPES.has(type)) {
    if (typeof value !== 'number' || !Number.isFinite(value))
      fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', 'a finite number', value);
    return value;
  }
  if (INTEGER_TYPES.has(type)) {
    if (typeof value !== 'number' || !Number.isInteger(value))
      fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', 'an integer', value);
    if ((type === 'PositiveInteger' && value < 1) || (type === 'NonNegativeInteger' && value < 0))
      fail(
        ctx,
        'ERR_MODEL_VALUE',
        path,
        'is invalid',
        `a ${type === 'PositiveInteger' ? 'positive' : 'non-negative'} integer`,
        value,
      );
    return value;
  }
  if (type === 'Boolean') {
    if (typeof value !== 'boolean')
      fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', 'a boolean', value);
    return value;
  }
  if (type === 'LanguageCode') {
    const expected = 'a BCP 47 language code such as "en" or "en-US"';
    if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
    if (!LANGUAGE_RE.test(value)) fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expected, value);
    return value;
  }
  const cls = MODEL[type];
  if (cls?.kind === 'enum' || cls?.kind === 'enumext') {
    const values = cls.values ?? [];
    const ext = cls.kind === 'enumext';
    const expected = `one of the ${type} terms${ext ? ' or an "ext:" term' : ''}`;
    if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
    if (!values.includes(value) && !(ext && EXT_RE.test(value)))
      fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expected, value);
    return value;
  }
  if (cls?.kind === 'derived') {
    const pattern = cls.props?.pattern?.pattern;
    const expected = pattern ? `a ${type} string` : 'a string';
    if (typeof value !== 'string') fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expected, value);
    if (pattern && !new RegExp(pattern).test(value))
      fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', `${expected} matching ${pattern}`, value);
    return value;
  }
  throw new Error(`ob3kit internal error: no rule for model type ${type}`);
}

// ---- Classes --------------------------------------------------------------------------------

/** What a builder may add to the generic handling of one class. */
export interface ClassHooks {
  /** Turn a shorthand value (an Image given as its URI) into the object form. */
  coerce?: (ctx: Ctx, path: string, value: unknown) => unknown;
  /** Rewrite the (already object-checked) input first: rename keys, add generated values. */
  prepare?: (ctx: Ctx, path: string, input: Record<string, unknown>) => Record<string, unknown>;
  /** Default member of each `contains` group to add when none is present (default: the first). */
  typeDefaults?: readonly string[];
  /** Extra checks on the finished object. */
  finish?: (ctx: Ctx, path: string, out: Record<string, unknown>) => void;
}

export function modelClass(
  name: string,
): ModelClass & { props: Readonly<Record<string, ModelProperty>> } {
  const cls = MODEL[name];
  if (cls?.kind !== 'class' || !cls.props)
    throw new Error(`ob3kit internal error: ${name} is not a model class`);
  return cls as ModelClass & { props: Readonly<Record<string, ModelProperty>> };
}

function mergeTypes(
  ctx: Ctx,
  path: string,
  prop: ModelProperty,
  value: unknown,
  defaults: readonly string[] | undefined,
): unknown {
  const p = joinPath(path, 'type');
  if (prop.equals !== undefined) {
    if (value === undefined) return prop.equals;
    if (value !== prop.equals)
      fail(
        ctx,
        'ERR_MODEL_VALUE',
        p,
        'is invalid',
        JSON.stringify(prop.equals),
        value,
        JSON.stringify(value),
      );
    return value;
  }
  let given: string[] = [];
  if (typeof value === 'string') given = [value];
  else if (Array.isArray(value)) given = value as string[];
  else if (value !== undefined)
    fail(ctx, 'ERR_MODEL_TYPE', p, 'is invalid', 'a string or an array of strings', value);
  given.forEach((t, i) => {
    if (typeof t !== 'string' || t === '')
      fail(ctx, 'ERR_MODEL_TYPE', joinPath(p, i), 'is invalid', 'a non-empty string', t);
  });
  const first: string[] = [];
  (prop.contains ?? []).forEach((group, i) => {
    const present = given.find((t) => group.includes(t));
    first.push(present ?? defaults?.[i] ?? (group[0] as string));
  });
  const out: string[] = [];
  for (const t of [...first, ...given]) if (!out.includes(t)) out.push(t);
  return out;
}

/** Merge `@context`: the VC context, then an OB 3.0 context, then the caller's others. */
function mergeContext(ctx: Ctx, path: string, value: unknown): unknown[] {
  const p = joinPath(path, '@context');
  let given: unknown[] = [];
  if (typeof value === 'string' || isObject(value)) given = [value];
  else if (Array.isArray(value)) given = value;
  else if (value !== undefined)
    fail(
      ctx,
      'ERR_MODEL_TYPE',
      p,
      'is invalid',
      'a context URI, a context object or an array of them',
      value,
    );
  const vcContext = ctx.vc === '1.1' ? VC_V1_CONTEXT : VC_V2_CONTEXT;
  const otherVc = ctx.vc === '1.1' ? VC_V2_CONTEXT : VC_V1_CONTEXT;
  given.forEach((c, i) => {
    if (!(typeof c === 'string' && c !== '') && !isObject(c))
      fail(
        ctx,
        'ERR_MODEL_TYPE',
        joinPath(p, i),
        'is invalid',
        'a context URI or a context object',
        c,
      );
    if (c === otherVc)
      fail(
        ctx,
        'ERR_MODEL_CONFLICT',
        joinPath(p, i),
        `does not belong in a VC ${ctx.vc} credential`,
        JSON.stringify(vcContext),
        c,
      );
  });
  const ob =
    given.find((c): c is string => typeof c === 'string' && OB_V3_CONTEXT_PATTERN.test(c)) ??
    OB_V3_CONTEXT;
  const out: unknown[] = [vcContext, ob];
  for (const c of given) if (typeof c !== 'string' || !out.includes(c)) out.push(c);
  return out;
}

/** Build (check and complete) one object of model class `name`. */
export function buildClass(
  ctx: Ctx,
  name: string,
  value: unknown,
  path = '$',
): Record<string, unknown> {
  const input = requireObject(ctx, path, value, `${article(baseName(name))} object`);
  // Guard the walk: a cycle or an absurd depth is refused rather than overflowing the stack.
  if (!ctx.stack) ctx.stack = new Set<object>();
  const stack = ctx.stack;
  if (stack.has(input))
    fail(
      ctx,
      'ERR_MODEL_VALUE',
      path,
      'is circular',
      'a tree of objects',
      input,
      'an object that contains itself',
    );
  if (stack.size >= MAX_DEPTH)
    fail(
      ctx,
      'ERR_MODEL_VALUE',
      path,
      'nests too deeply',
      `at most ${MAX_DEPTH} nested objects`,
      input,
      'more',
    );
  stack.add(input);
  try {
    return buildChecked(ctx, name, input, path);
  } finally {
    stack.delete(input);
  }
}

/** Nested model objects allowed along one path (real credentials use fewer than ten). */
const MAX_DEPTH = 64;

/** Set an own data property, even for the key `__proto__`. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else obj[key] = value;
}

function buildChecked(
  ctx: Ctx,
  name: string,
  checked: Record<string, unknown>,
  path: string,
): Record<string, unknown> {
  const cls = modelClass(name);
  const hooks = hooksFor(name);
  let input = checked;
  if (hooks.prepare) input = hooks.prepare(ctx, path, input);
  const out: Record<string, unknown> = {};
  const props = cls.props;
  const typed = props.type?.contains !== undefined || props.type?.equals !== undefined;

  // Leading properties, in the usual order.
  if (props['@context']) out['@context'] = mergeContext(ctx, path, input['@context']);
  if (props.id) {
    if (input.id !== undefined)
      out.id = scalar(ctx, joinPath(path, 'id'), props.id.type, input.id, true);
    else if (GENERATED_IDS.has(name)) out.id = randomUrnUuid();
  }
  if (typed && props.type)
    out.type = mergeTypes(ctx, path, props.type, input.type, hooks.typeDefaults);

  for (const [key, v] of Object.entries(input)) {
    if (key === '@context' || (key === 'id' && props.id) || (key === 'type' && typed)) continue;
    if (v === undefined) continue;
    const prop = Object.hasOwn(props, key) ? props[key] : undefined;
    if (!prop) {
      if (!cls.extensible)
        fail(
          ctx,
          'ERR_MODEL_UNKNOWN_PROPERTY',
          joinPath(path, key),
          `is not a property of ${baseName(name)}`,
          `only ${Object.keys(props)
            .map((k) => `"${k}"`)
            .join(', ')}`,
          v,
          `"${key}"`,
        );
      setOwn(out, key, v);
      continue;
    }
    out[key] = buildProperty(ctx, joinPath(path, key), prop, v);
  }

  // Required properties that are still missing.
  for (const [key, prop] of Object.entries(props)) {
    if (prop.card.startsWith('0') || out[key] !== undefined) continue;
    fail(
      ctx,
      'ERR_MODEL_REQUIRED',
      joinPath(path, key),
      'is required',
      expectedText(prop),
      input[key],
    );
  }
  hooks.finish?.(ctx, path, out);
  return out;
}

/** Model class name without the VC 1.1 suffix. */
export function baseName(name: string): string {
  return name.replace(/v1p1$/, '');
}

function hooksFor(name: string): ClassHooks {
  return HOOKS[name] ?? HOOKS[baseName(name)] ?? {};
}

/** Human text for what a property expects. */
export function expectedText(prop: ModelProperty): string {
  const cls = MODEL[prop.type];
  let one: string;
  if (STRING_TYPES.has(prop.type)) one = 'a non-empty string';
  else if (URI_TYPES.has(prop.type)) one = `an absolute ${prop.type} string`;
  else if (prop.type === 'DateTime' || prop.type === 'DateTimeZ')
    one = 'a Date or an ISO 8601 date-time string';
  else if (prop.type === 'Boolean') one = 'a boolean';
  else if (cls?.kind === 'class') one = `${article(baseName(prop.type))} object`;
  else if (cls?.kind === 'union')
    one = (cls.values ?? [])
      .map((v) => (MODEL[v]?.kind === 'class' ? `${article(baseName(v))} object` : `a ${v} string`))
      .join(' or ');
  else if (cls?.kind === 'enum' || cls?.kind === 'enumext') one = `one of the ${prop.type} terms`;
  else one = `a ${prop.type}`;
  if (!prop.card.endsWith('*')) return one;
  const least = prop.card.startsWith('0') ? '' : 'at least one ';
  return `an array of ${least}${one.replace(/^an? /, '')}`;
}

/** Build one property value (scalar, object or array of them) according to its model entry. */
export function buildProperty(
  ctx: Ctx,
  path: string,
  prop: ModelProperty,
  value: unknown,
): unknown {
  const required = !prop.card.startsWith('0');
  if (prop.card.endsWith('*')) {
    if (!Array.isArray(value))
      fail(ctx, 'ERR_MODEL_TYPE', path, 'is invalid', expectedText(prop), value);
    const min = Number.parseInt(prop.card, 10);
    if (value.length < min)
      fail(ctx, 'ERR_MODEL_VALUE', path, 'is invalid', expectedText(prop), value);
    return value.map((item, i) => buildOne(ctx, joinPath(path, i), prop.type, item, true));
  }
  return buildOne(ctx, path, prop.type, value, required);
}

function buildOne(
  ctx: Ctx,
  path: string,
  type: string,
  value: unknown,
  required: boolean,
): unknown {
  const cls = MODEL[type];
  if (OPAQUE.has(type)) {
    requireObject(ctx, path, value, `${article(baseName(type))} object`);
    return value;
  }
  if (cls?.kind === 'class') {
    const coerce = hooksFor(type).coerce;
    return buildClass(ctx, type, coerce ? coerce(ctx, path, value) : value, path);
  }
  if (cls?.kind === 'union') {
    const members = cls.values ?? [];
    if (typeof value === 'string' && members.some((m) => URI_TYPES.has(m)))
      return scalar(ctx, path, 'URI', value, true);
    const objectMember = members.find((m) => MODEL[m]?.kind === 'class' || m === 'Map');
    if (isObject(value) && objectMember) {
      if (objectMember === 'Map') return value;
      return buildClass(ctx, objectMember, value, path);
    }
    return fail(
      ctx,
      'ERR_MODEL_TYPE',
      path,
      'is invalid',
      expectedText({ type, card: '1' }),
      value,
    );
  }
  return scalar(ctx, path, type, value, required);
}

/** Resolve the `now` option. */
export function clock(now: Date | (() => Date) | undefined, fn: string): () => Date {
  if (now === undefined) return () => new Date();
  if (typeof now === 'function') return now;
  if (now instanceof Date) return () => now;
  throw new TypeError(
    `${fn}: options.now must be a Date or a function returning a Date (found ${describe(now)})`,
  );
}

/** Check the `options` argument is an object (or absent). */
export function optionsObject(options: unknown, fn: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (!isObject(options))
    throw new TypeError(`${fn}: options must be an object (found ${describe(options)})`);
  return options;
}

// ---- Class-specific rules ---------------------------------------------------------------------

const DATE_NAMES = { validFrom: 'issuanceDate', validUntil: 'expirationDate' } as const;

/** Credentials: write the validity dates under the chosen VC version's names; default the start. */
function prepareCredential(
  ctx: Ctx,
  path: string,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const v2 = (['validFrom', 'validUntil'] as const).filter((k) => input[k] !== undefined);
  const v1 = (['issuanceDate', 'expirationDate'] as const).filter((k) => input[k] !== undefined);
  if (ctx.vc === '2.0' && v1[0])
    fail(
      ctx,
      'ERR_MODEL_CONFLICT',
      joinPath(path, v1[0]),
      'is a VC 1.1 property',
      `"${v1[0] === 'issuanceDate' ? 'validFrom' : 'validUntil'}" in a VC 2.0 credential, or options.vc '1.1'`,
      input[v1[0]],
      `"${v1[0]}"`,
    );
  if (v1[0] && v2[0])
    fail(
      ctx,
      'ERR_MODEL_CONFLICT',
      joinPath(path, v2[0]),
      `cannot be mixed with "${v1[0]}"`,
      'either validFrom/validUntil or issuanceDate/expirationDate',
      input[v2[0]],
      `both "${v2[0]}" and "${v1[0]}"`,
    );
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const isDate =
      key === 'validFrom' ||
      key === 'validUntil' ||
      key === 'issuanceDate' ||
      key === 'expirationDate';
    const target =
      ctx.vc === '1.1' && (key === 'validFrom' || key === 'validUntil') ? DATE_NAMES[key] : key;
    setOwn(out, target, isDate ? checkDate(ctx, joinPath(path, key), value, false) : value);
  }
  const [start, end] =
    ctx.vc === '1.1' ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  let result = out;
  if (out[start] === undefined) {
    const now = ctx.now();
    if (!isValidDate(now))
      throw new TypeError(`${ctx.fn}: options.now must give a valid Date (found ${describe(now)})`);
    // Written right after the issuer, where a reader looks for it.
    const entries = Object.entries(out);
    const at = entries.findIndex(([k]) => k === 'issuer');
    entries.splice(at < 0 ? entries.length : at + 1, 0, [start, formatDateTime(now)]);
    result = Object.fromEntries(entries);
  }
  const from = result[start];
  const until = result[end];
  if (
    typeof from === 'string' &&
    typeof until === 'string' &&
    Date.parse(until) < Date.parse(from)
  ) {
    const given = v2.length && end === 'expirationDate' ? 'validUntil' : end;
    fail(
      ctx,
      'ERR_MODEL_VALUE',
      joinPath(path, given),
      'is before the start of validity',
      `a date-time not before ${JSON.stringify(from)}`,
      until,
    );
  }
  return result;
}

/** A learner (AchievementSubject, ClrSubject) is identified by an `id` and/or an `identifier`. */
function requireSubjectIdentity(ctx: Ctx, path: string, out: Record<string, unknown>): void {
  const ids = out.identifier;
  if (out.id === undefined && !(Array.isArray(ids) && ids.length > 0))
    fail(
      ctx,
      'ERR_MODEL_REQUIRED',
      joinPath(path, 'id'),
      'is required when there is no "identifier"',
      'an "id" URI or at least one IdentityObject in "identifier"',
      undefined,
      'neither',
    );
}

const IDENTITY_HASH_RE = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;

/** Per-class rules the generic walk does not know. */
export const HOOKS: Record<string, ClassHooks> = {
  Image: {
    coerce: (_ctx, _path, value) => (typeof value === 'string' ? { id: value } : value),
  },
  AchievementCredential: {
    prepare: prepareCredential,
    typeDefaults: ['VerifiableCredential', 'OpenBadgeCredential'],
  },
  EndorsementCredential: { prepare: prepareCredential },
  ClrCredential: { prepare: prepareCredential },
  AchievementSubject: { finish: requireSubjectIdentity },
  ClrSubject: { finish: requireSubjectIdentity },
  IdentityObject: {
    finish: (ctx, path, out) => {
      if (out.hashed === true && !IDENTITY_HASH_RE.test(out.identityHash as string))
        fail(
          ctx,
          'ERR_MODEL_VALUE',
          joinPath(path, 'identityHash'),
          'is not an IdentityHash',
          '"sha256$" and 64 hex digits (or "md5$" and 32) since "hashed" is true',
          out.identityHash,
        );
    },
  },
};

/** Run a builder: check the options, set up the context and build the class. */
export function build<T>(
  fn: string,
  name: string,
  input: unknown,
  options: unknown,
  vcAware = false,
): T {
  const opts = optionsObject(options, fn);
  let vc: VcVersion = '2.0';
  if (vcAware && opts.vc !== undefined) {
    if (opts.vc !== '2.0' && opts.vc !== '1.1')
      throw Object.assign(
        new TypeError(`${fn}: options.vc must be '2.0' or '1.1' (found ${describe(opts.vc)})`),
        { code: 'ERR_MODEL_VALUE', path: '' },
      );
    vc = opts.vc;
  }
  const ctx: Ctx = { fn, vc, now: clock(opts.now as Date | (() => Date) | undefined, fn) };
  const cls = vc === '1.1' && MODEL[`${name}v1p1`] ? `${name}v1p1` : name;
  const coerce = hooksFor(cls).coerce;
  return buildClass(ctx, cls, coerce ? coerce(ctx, '$', input) : input) as T;
}
