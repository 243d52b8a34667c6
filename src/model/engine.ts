/**
 * The builders' engine (internal): walks caller input against the model description (`MODEL`),
 * checks every property it knows, fills in the required `type` values, `@context`, generated ids
 * and dates, and keeps everything else exactly as given. Its parts: the build context and errors
 * (`engine-context.ts`), the scalar rules (`engine-scalars.ts`) and the per-class rules
 * (`engine-rules.ts`).
 */
import { describeValue } from '../internal/describe.js';
import { isObject, joinPath } from '../internal/json.js';
import { randomUrnUuid } from '../internal/random.js';
import {
  OB_V3_CONTEXT,
  OB_V3_CONTEXT_PATTERN,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from '../internal/urls.js';
import {
  article,
  baseName,
  type Ctx,
  clock,
  fail,
  optionsObject,
  requireObject,
  setOwn,
  type VcVersion,
} from './engine-context.js';
import { type ClassHooks, HOOKS } from './engine-rules.js';
import { STRING_TYPES, scalar, URI_TYPES } from './engine-scalars.js';
import { MODEL, type ModelClass, type ModelProperty } from './types.generated.js';

export type { ModelErrorCode, ModelTypeError, VcVersion } from './engine-context.js';

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
        new TypeError(`${fn}: options.vc must be '2.0' or '1.1' (found ${describeValue(opts.vc)})`),
        { code: 'ERR_MODEL_VALUE', path: '' },
      );
    vc = opts.vc;
  }
  const ctx: Ctx = { fn, vc, now: clock(opts.now as Date | (() => Date) | undefined, fn) };
  const cls = vc === '1.1' && MODEL[`${name}v1p1`] ? `${name}v1p1` : name;
  const coerce = hooksFor(cls).coerce;
  return buildClass(ctx, cls, coerce ? coerce(ctx, '$', input) : input) as T;
}
