/** Pathway definitions: validation with located issues, and the words that describe them. */
import { type Issue, ValidationError } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';
import { createAchievement } from '../model/achievement.js';
import {
  type AchievementMatch,
  type AchievementRequirement,
  PATHWAY_FORMAT_VERSION,
  type Pathway,
  type Requirement,
} from './types.js';

/**
 * Deepest requirement tree accepted (levels).
 *
 * @example
 * ```ts
 * import { MAX_PATHWAY_DEPTH } from 'ob3kit/pathway';
 * MAX_PATHWAY_DEPTH; // 16
 * ```
 */
export const MAX_PATHWAY_DEPTH = 16;
/**
 * Most requirements (nodes) in one tree.
 *
 * @example
 * ```ts
 * import { MAX_PATHWAY_REQUIREMENTS } from 'ob3kit/pathway';
 * MAX_PATHWAY_REQUIREMENTS; // 1000
 * ```
 */
export const MAX_PATHWAY_REQUIREMENTS = 1000;

const URI_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const KINDS = ['all', 'any', 'atLeast', 'credits', 'achievement'] as const;
const COMMON = ['name', 'id'];
const ALLOWED: Record<(typeof KINDS)[number], string[]> = {
  all: ['all', ...COMMON],
  any: ['any', ...COMMON],
  atLeast: ['atLeast', 'of', ...COMMON],
  credits: ['credits', 'of', ...COMMON],
  achievement: ['achievement', 'issuers', 'result', 'count', ...COMMON],
};
const RESULT_KEYS = [
  'resultDescription',
  'resultType',
  'minValue',
  'maxValue',
  'values',
  'levels',
  'meetsRequired',
];
const TOP_KEYS = [
  'type',
  'formatVersion',
  'id',
  'name',
  'description',
  'issuers',
  'destination',
  'requirement',
];

/** The kind of a requirement node (by its defining member). */
export function kindOf(r: Requirement): (typeof KINDS)[number] {
  if ('achievement' in r) return 'achievement';
  if ('all' in r) return 'all';
  if ('any' in r) return 'any';
  if ('atLeast' in r) return 'atLeast';
  return 'credits';
}

/** The child requirements of a group (none for an achievement requirement). */
export function childrenOf(r: Requirement): Requirement[] {
  if ('all' in r) return r.all;
  if ('any' in r) return r.any;
  if ('of' in r) return r.of;
  return [];
}

/** The JSON path of a requirement's children list. */
export function childPath(r: Requirement, path: string, i: number): string {
  const key = 'all' in r ? 'all' : 'any' in r ? 'any' : 'of';
  return `${path}.${key}[${i}]`;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== '');
}

class Collector {
  readonly issues: Issue[] = [];
  nodes = 0;
  add(code: string, path: string, message: string): void {
    if (this.issues.length < 100) this.issues.push({ code, path, message });
  }
}

function checkUnknown(c: Collector, v: Record<string, unknown>, allowed: string[], path: string) {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) {
      c.add(
        'unknown_property',
        `${path}.${k}`,
        `"${k}" is not a member here (expected only ${allowed.map((a) => `"${a}"`).join(', ')})`,
      );
    }
  }
}

function checkMatch(c: Collector, m: unknown, path: string): void {
  if (!isObject(m)) {
    c.add('type', path, 'expected an object: { id }, { alignment } or { achievementType }');
    return;
  }
  const forms = ['id', 'alignment', 'achievementType'].filter((k) => k in m);
  if (forms.length !== 1) {
    c.add(
      'one_of',
      path,
      `expected exactly one of "id", "alignment", "achievementType", found ${forms.length === 0 ? 'none' : forms.join(' and ')}`,
    );
    return;
  }
  if ('id' in m) {
    checkUnknown(c, m, ['id'], path);
    if (typeof m.id !== 'string' || !URI_RE.test(m.id))
      c.add('not_uri', `${path}.id`, 'expected the achievement id, an absolute URI');
  } else if ('alignment' in m) {
    checkUnknown(c, m, ['alignment'], path);
    const a = m.alignment;
    const p = `${path}.alignment`;
    if (!isObject(a))
      c.add('type', p, 'expected an object: { targetUrl } or { targetCode, targetFramework }');
    else if ('targetUrl' in a) {
      checkUnknown(c, a, ['targetUrl'], p);
      if (typeof a.targetUrl !== 'string' || !URI_RE.test(a.targetUrl))
        c.add('not_uri', `${p}.targetUrl`, 'expected an absolute URL');
    } else {
      checkUnknown(c, a, ['targetCode', 'targetFramework'], p);
      for (const k of ['targetCode', 'targetFramework']) {
        if (typeof a[k] !== 'string' || a[k] === '')
          c.add(
            'required',
            `${p}.${k}`,
            `"${k}" is required (a non-empty string) when there is no targetUrl`,
          );
      }
    }
  } else {
    checkUnknown(c, m, ['achievementType', 'fieldOfStudy'], path);
    if (typeof m.achievementType !== 'string' || m.achievementType === '')
      c.add('type', `${path}.achievementType`, 'expected a non-empty string');
    if (
      m.fieldOfStudy !== undefined &&
      (typeof m.fieldOfStudy !== 'string' || m.fieldOfStudy === '')
    )
      c.add('type', `${path}.fieldOfStudy`, 'expected a non-empty string');
  }
}

function checkResult(c: Collector, r: unknown, path: string): void {
  if (!isObject(r)) {
    c.add('type', path, 'expected an object');
    return;
  }
  checkUnknown(c, r, RESULT_KEYS, path);
  for (const k of ['resultDescription', 'resultType']) {
    if (r[k] !== undefined && (typeof r[k] !== 'string' || r[k] === ''))
      c.add('type', `${path}.${k}`, 'expected a non-empty string');
  }
  for (const k of ['minValue', 'maxValue']) {
    if (r[k] !== undefined && (typeof r[k] !== 'number' || !Number.isFinite(r[k])))
      c.add('type', `${path}.${k}`, 'expected a finite number');
  }
  for (const k of ['values', 'levels']) {
    if (r[k] !== undefined && !isStringList(r[k]))
      c.add('type', `${path}.${k}`, 'expected a non-empty array of non-empty strings');
  }
  if (r.meetsRequired !== undefined && r.meetsRequired !== true)
    c.add('type', `${path}.meetsRequired`, 'expected true (leave it out otherwise)');
  if (
    !['minValue', 'maxValue', 'values', 'levels', 'meetsRequired'].some((k) => r[k] !== undefined)
  ) {
    c.add(
      'required',
      path,
      'expected at least one of "minValue", "maxValue", "values", "levels", "meetsRequired"',
    );
  }
  if (typeof r.minValue === 'number' && typeof r.maxValue === 'number' && r.minValue > r.maxValue) {
    c.add('range', path, `minValue ${r.minValue} is above maxValue ${r.maxValue}`);
  }
}

function checkNode(
  c: Collector,
  node: unknown,
  path: string,
  depth: number,
  issuers: boolean,
): void {
  c.nodes++;
  if (c.nodes > MAX_PATHWAY_REQUIREMENTS) {
    if (c.nodes === MAX_PATHWAY_REQUIREMENTS + 1)
      c.add('too_large', path, `more than ${MAX_PATHWAY_REQUIREMENTS} requirements`);
    return;
  }
  if (depth > MAX_PATHWAY_DEPTH) {
    c.add('too_deep', path, `requirements nest deeper than ${MAX_PATHWAY_DEPTH} levels`);
    return;
  }
  if (!isObject(node)) {
    c.add('type', path, 'expected a requirement object');
    return;
  }
  const kinds = KINDS.filter((k) => k in node);
  if (kinds.length !== 1) {
    c.add(
      'one_of',
      path,
      `expected exactly one of "all", "any", "atLeast", "credits", "achievement", found ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`,
    );
    return;
  }
  const kind = kinds[0] as (typeof KINDS)[number];
  checkUnknown(c, node, ALLOWED[kind], path);
  if (node.name !== undefined && (typeof node.name !== 'string' || node.name === ''))
    c.add('type', `${path}.name`, 'expected a non-empty string');
  if (node.id !== undefined && (typeof node.id !== 'string' || node.id === ''))
    c.add('type', `${path}.id`, 'expected a non-empty string');
  if (kind === 'achievement') {
    checkMatch(c, node.achievement, `${path}.achievement`);
    if (node.issuers !== undefined && !isStringList(node.issuers))
      c.add('type', `${path}.issuers`, 'expected a non-empty array of issuer ids');
    if (node.issuers === undefined && !issuers)
      c.add(
        'issuers_missing',
        path,
        'no issuer is accepted: give "issuers" here or on the pathway',
      );
    if (node.result !== undefined) checkResult(c, node.result, `${path}.result`);
    if (node.count !== undefined && !(Number.isInteger(node.count) && (node.count as number) >= 1))
      c.add('type', `${path}.count`, 'expected an integer of at least 1');
    return;
  }
  const listKey = kind === 'all' || kind === 'any' ? kind : 'of';
  const list = node[listKey];
  if (!Array.isArray(list) || list.length === 0) {
    c.add(
      list === undefined ? 'required' : 'type',
      `${path}.${listKey}`,
      'expected a non-empty array of requirements',
    );
  } else {
    list.forEach((child, i) => {
      checkNode(c, child, `${path}.${listKey}[${i}]`, depth + 1, issuers);
    });
  }
  if (kind === 'atLeast') {
    const n = node.atLeast;
    if (!(Number.isInteger(n) && (n as number) >= 1))
      c.add('type', `${path}.atLeast`, 'expected an integer of at least 1');
    else if (Array.isArray(list) && (n as number) > list.length)
      c.add(
        'range',
        `${path}.atLeast`,
        `asks for ${n} of ${list.length} requirements: it can never be met`,
      );
  }
  if (kind === 'credits') {
    const n = node.credits;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0)
      c.add('type', `${path}.credits`, 'expected a positive number');
  }
}

/**
 * Check a pathway definition: its format (`type: 'Pathway'`, `formatVersion: 1`), `id` (an
 * absolute URI), `name`, the destination achievement (an Open Badges 3.0 Achievement with `id`,
 * `name`, `description`; `criteria` may be left to the issuer), and the requirement tree: each
 * node exactly one of `all`, `any`, `atLeast`+`of`, `credits`+`of` or `achievement`, no unknown
 * members, non-empty lists, thresholds that can be met, an accepted issuer for every achievement
 * requirement, at most 16 levels and 1,000 requirements. Returns every issue with its path; never
 * throws for a bad definition.
 *
 * @example
 * ```ts
 * import { validatePathway } from 'ob3kit/pathway';
 * const { ok, issues } = validatePathway({ type: 'Pathway', formatVersion: 1, name: 'X' });
 * console.log(ok, issues.map((i) => i.path)); // false ['$.id', '$.destination', '$.requirement']
 * ```
 */
export function validatePathway(definition: unknown): { ok: boolean; issues: Issue[] } {
  const c = new Collector();
  if (!isObject(definition)) {
    c.add('type', '$', 'expected a pathway object');
    return { ok: false, issues: c.issues };
  }
  const d = definition;
  checkUnknown(c, d, TOP_KEYS, '$');
  if (d.type !== 'Pathway')
    c.add('type', '$.type', `expected "Pathway", found ${describeValue(d.type)}`);
  if (d.formatVersion !== PATHWAY_FORMAT_VERSION)
    c.add(
      'format_version',
      '$.formatVersion',
      `expected ${PATHWAY_FORMAT_VERSION} (the format version this ob3kit reads), found ${describeValue(d.formatVersion)}`,
    );
  if (d.id === undefined) c.add('required', '$.id', 'the pathway id (an absolute URI) is required');
  else if (typeof d.id !== 'string' || !URI_RE.test(d.id))
    c.add('not_uri', '$.id', 'expected an absolute URI');
  if (typeof d.name !== 'string' || d.name === '')
    c.add(d.name === undefined ? 'required' : 'type', '$.name', 'expected a non-empty string');
  if (d.description !== undefined && typeof d.description !== 'string')
    c.add('type', '$.description', 'expected a string');
  if (d.issuers !== undefined && !isStringList(d.issuers))
    c.add('type', '$.issuers', 'expected a non-empty array of issuer ids');
  if (d.destination === undefined)
    c.add('required', '$.destination', 'the destination achievement is required');
  else if (!isObject(d.destination))
    c.add('type', '$.destination', 'expected an Achievement object');
  else {
    if (typeof d.destination.id !== 'string' || !URI_RE.test(d.destination.id))
      c.add(
        d.destination.id === undefined ? 'required' : 'not_uri',
        '$.destination.id',
        'the destination achievement needs an id, an absolute URI',
      );
    try {
      createAchievement({ criteria: { narrative: 'x' }, ...d.destination } as never);
    } catch (e) {
      const err = e as { code?: string; path?: string; message: string };
      if (typeof err.code !== 'string') throw e;
      c.add(
        'destination_invalid',
        `$.destination${err.path ? `.${err.path}` : ''}`,
        err.message.replace(/^createAchievement: /, ''),
      );
    }
  }
  if (d.requirement === undefined)
    c.add('required', '$.requirement', 'the requirement tree is required');
  else checkNode(c, d.requirement, '$.requirement', 1, isStringList(d.issuers));
  return { ok: c.issues.length === 0, issues: c.issues };
}

/**
 * Like {@link validatePathway}, but throws a `ValidationError` (code `ERR_VALIDATION`) holding
 * the issues when the definition is not valid.
 *
 * @example
 * ```ts
 * import { assertValidPathway } from 'ob3kit/pathway';
 * assertValidPathway(JSON.parse(text)); // throws ValidationError when broken
 * ```
 */
export function assertValidPathway(definition: unknown): asserts definition is Pathway {
  const { ok, issues } = validatePathway(definition);
  if (ok) return;
  const first = issues[0];
  throw new ValidationError(
    issues,
    `Invalid pathway: ${issues.length} issue(s)${first ? `, first at ${first.path}: ${first.message}` : ''}`,
  );
}

function describeMatch(m: AchievementMatch): string {
  if ('id' in m) return m.id;
  if ('alignment' in m) {
    const a = m.alignment;
    return 'targetUrl' in a
      ? `an achievement aligned to ${a.targetUrl}`
      : `an achievement aligned to ${a.targetCode} (${a.targetFramework})`;
  }
  return `a ${m.achievementType}${m.fieldOfStudy ? ` in ${m.fieldOfStudy}` : ''}`;
}

/** A short label for a requirement: its name, or words made from it. */
export function labelOf(r: Requirement): string {
  if (r.name) return r.name;
  switch (kindOf(r)) {
    case 'achievement': {
      const a = r as AchievementRequirement;
      const what = describeMatch(a.achievement);
      return a.count && a.count > 1 ? `${a.count} × ${what}` : what;
    }
    case 'all':
      return 'All of';
    case 'any':
      return 'One of';
    case 'atLeast':
      return `At least ${(r as { atLeast: number }).atLeast} of`;
    default:
      return `${(r as { credits: number }).credits} credits from`;
  }
}

/**
 * The requirement tree as a Markdown list, one requirement a line (the stacked credential's
 * criteria narrative).
 *
 * @example
 * ```ts
 * import { describeRequirement } from 'ob3kit/pathway';
 * describeRequirement({ all: [{ name: 'SQL', achievement: { id: 'https://example.edu/a/sql' } }] });
 * // '- All of:\n  - SQL'
 * ```
 */
export function describeRequirement(r: Requirement, indent = ''): string {
  const children = childrenOf(r);
  const own = `${indent}- ${labelOf(r)}${children.length > 0 ? ':' : ''}`;
  return [own, ...children.map((ch) => describeRequirement(ch, `${indent}  `))].join('\n');
}
