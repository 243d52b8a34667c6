/**
 * A deterministic corpus of valid and broken Open Badges documents, derived from the spec's
 * examples by enumeration: every property removed, every `type` replaced, every value swapped
 * for one of another JSON kind, bad date formats, broken vocabularies, arrays/single values
 * swapped, language maps, extra properties, broken contexts.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Segment = string | number;
export interface Case {
  name: string;
  doc: unknown;
}

/** Every location (path of segments) in a JSON value, the root excluded. */
function locations(value: Json, base: Segment[] = [], out: Segment[][] = []): Segment[][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...base, i]);
      locations(v, [...base, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...base, k]);
      locations(v, [...base, k], out);
    }
  }
  return out;
}

function get(root: Json, path: Segment[]): Json {
  let v: Json = root;
  for (const s of path) v = (v as Record<string, Json>)[s as string] as Json;
  return v;
}

/**
 * A copy of `root` with the value at `path` replaced (or removed when `value` is undefined).
 * Only the containers along the path are copied; the rest is shared (validators do not mutate).
 */
function setAt(root: Json, path: Segment[], value: Json | undefined): Json {
  if (path.length === 0) return value === undefined ? null : value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    const index = head as number;
    if (rest.length === 0 && value === undefined) copy.splice(index, 1);
    else copy[index] = rest.length === 0 ? (value as Json) : setAt(root[index]!, rest, value);
    return copy;
  }
  const copy = { ...(root as Record<string, Json>) };
  const key = head as string;
  if (rest.length === 0 && value === undefined) delete copy[key];
  else copy[key] = rest.length === 0 ? (value as Json) : setAt(copy[key]!, rest, value);
  return copy;
}

const show = (path: Segment[]) =>
  `$${path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;

const KINDS: Array<[string, Json]> = [
  ['string', 'x'],
  ['number', 1],
  ['object', {}],
  ['array', []],
  ['boolean', true],
  ['null', null],
];

function kindOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const DATE_TIME_KEYS = new Set([
  'validFrom',
  'validUntil',
  'issuanceDate',
  'expirationDate',
  'awardedDate',
  'activityStartDate',
  'activityEndDate',
  'created',
]);
const BAD_DATE_TIMES = [
  '2020-13-01T00:00:00Z',
  '2021-02-29T00:00:00Z',
  '2020-01-01',
  '2020-01-01T00:00:00',
  '2020-01-01 00:00:00Z',
  '2020-01-01T25:00:00Z',
  'yesterday',
  '',
];
const GOOD_DATE_TIMES = [
  '2020-01-01T00:00:00.123+02:00',
  '2016-12-31T23:59:60Z',
  '2020-02-29t10:00:00z',
];
const VOCABULARY_KEYS = new Set([
  'achievementType',
  'resultType',
  'targetType',
  'identifierType',
  'identityType',
  'status',
  'inLanguage',
]);
const VOCABULARY_VALUES = ['ext:Custom', 'ext:', 'NotInTheVocabulary', 'ext:has space', 'xext:Yes'];
const BAD_URIS = ['not a uri', '', 'relative/path', 'http://exa mple.com'];

/**
 * Mutations of one base document. Large documents (over 150 locations) get a lighter
 * enumeration: every removal, type, format and vocabulary mutation, but only two of the
 * wrong-kind swaps and one of the language-map variants at each location (rotating).
 */
export function mutate(baseName: string, base: unknown): Case[] {
  const root = base as Json;
  const light = locations(root).length > 150;
  let rotation = 0;
  const pick = <T>(items: T[], count: number): T[] => {
    if (!light) return items;
    rotation++;
    return Array.from(
      { length: Math.min(count, items.length) },
      (_, i) => items[(rotation + i) % items.length]!,
    );
  };
  const out: Case[] = [{ name: `${baseName}: as is`, doc: root }];
  const add = (what: string, doc: Json) => out.push({ name: `${baseName}: ${what}`, doc });
  // whole-document kinds
  for (const [kind, v] of KINDS) add(`document is ${kind}`, v);

  for (const path of locations(root)) {
    const value = get(root, path);
    const last = path[path.length - 1];
    const where = show(path);
    const parent = get(root, path.slice(0, -1));
    // required fields at every level
    if (typeof last === 'string') add(`remove ${where}`, setAt(root, path, undefined));
    else if (Array.isArray(parent) && parent.length > 0)
      add(`drop ${where}`, setAt(root, path, undefined));
    // values of the wrong kind
    const others = KINDS.filter(([kind]) => kind !== kindOf(value));
    for (const [kind, v] of pick(others, 2)) add(`${where} as ${kind}`, setAt(root, path, v));
    // single value <-> array
    if (Array.isArray(value) && value.length === 1)
      add(`${where} unwrapped`, setAt(root, path, value[0]!));
    if (!Array.isArray(value)) add(`${where} wrapped`, setAt(root, path, [value]));
    if (Array.isArray(value) && value.length > 0) add(`${where} emptied`, setAt(root, path, []));
    // types replaced
    if (last === 'type') {
      add(`${where} = "Foo"`, setAt(root, path, 'Foo'));
      add(`${where} = ["Foo"]`, setAt(root, path, ['Foo']));
      if (Array.isArray(value)) {
        add(`${where} + "Extra"`, setAt(root, path, [...value, 'Extra']));
        if (typeof value[0] === 'string') add(`${where} = first`, setAt(root, path, value[0]));
        add(`${where} without first`, setAt(root, path, value.slice(1)));
        add(`${where} with a number`, setAt(root, path, [...value, 5]));
      } else if (typeof value === 'string') {
        add(`${where} lowercased`, setAt(root, path, value.toLowerCase()));
      }
    }
    if (typeof value === 'string') {
      // language maps (JSON-LD compaction)
      const maps: Array<[string, Json]> = [
        ['language map', { en: value }],
        ['language map, bad key', { english: value }],
        ['language map, number', { en: 5 }],
      ];
      for (const [what, v] of pick(maps, 1)) add(`${where} as ${what}`, setAt(root, path, v));
      if (typeof last === 'string' && DATE_TIME_KEYS.has(last)) {
        for (const bad of [...BAD_DATE_TIMES, ...GOOD_DATE_TIMES])
          add(`${where} = ${JSON.stringify(bad)}`, setAt(root, path, bad));
      }
      if (last === 'dateOfBirth') {
        for (const bad of ['2020-02-30', '1990-1-1', '1990-01-01T00:00:00Z', '1992-02-29'])
          add(`${where} = ${bad}`, setAt(root, path, bad));
      }
      if (last === 'id' || last === 'url' || last === 'targetUrl') {
        for (const bad of BAD_URIS)
          add(`${where} = ${JSON.stringify(bad)}`, setAt(root, path, bad));
      }
      if (typeof last === 'string' && VOCABULARY_KEYS.has(last)) {
        for (const v of VOCABULARY_VALUES)
          add(`${where} = ${JSON.stringify(v)}`, setAt(root, path, v));
        add(`${where} = "en-US"`, setAt(root, path, 'en-US'));
        add(`${where} = "Provisional"`, setAt(root, path, 'Provisional'));
      }
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      add(`${where} + extra property`, setAt(root, path, { ...value, extraProperty: 1 }));
    }
  }
  // contexts
  const ctx = (root as Record<string, Json>)['@context'];
  if (Array.isArray(ctx)) {
    add('@context reversed', setAt(root, ['@context'], [...ctx].reverse()));
    add('@context first only', setAt(root, ['@context'], ctx.slice(0, 1)));
    add(
      '@context + object',
      setAt(root, ['@context'], [...ctx, { '@vocab': 'https://example.com/' }]),
    );
    add('@context + number', setAt(root, ['@context'], [...ctx, 5]));
    add(
      '@context as VC 1.1',
      setAt(root, ['@context'], ['https://www.w3.org/2018/credentials/v1', ...ctx.slice(1)]),
    );
    add(
      '@context as VC 2.0',
      setAt(root, ['@context'], ['https://www.w3.org/ns/credentials/v2', ...ctx.slice(1)]),
    );
    add(
      '@context OB 3.0.1',
      setAt(
        root,
        ['@context'],
        [ctx[0]!, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', ...ctx.slice(2)],
      ),
    );
    add(
      '@context OB unversioned',
      setAt(
        root,
        ['@context'],
        [ctx[0]!, 'https://purl.imsglobal.org/spec/ob/v3p0/context.json', ...ctx.slice(2)],
      ),
    );
    add(
      '@context OB bad version',
      setAt(
        root,
        ['@context'],
        [ctx[0]!, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.json', ...ctx.slice(2)],
      ),
    );
    add(
      '@context CLR',
      setAt(
        root,
        ['@context'],
        [ctx[0]!, 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', ...ctx.slice(1)],
      ),
    );
    add('@context single string', setAt(root, ['@context'], ctx[0]!));
  }
  return out;
}

/** Rewrite a VC 2.0 credential (and those it embeds) into its VC 1.1 shape. */
export function toVc1(doc: unknown): unknown {
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, Json> = {};
    const isCredential = Array.isArray(v['@context']);
    for (const [k, val] of Object.entries(v)) {
      if (isCredential && k === '@context' && Array.isArray(val)) {
        out[k] = val.map((c) =>
          c === 'https://www.w3.org/ns/credentials/v2'
            ? 'https://www.w3.org/2018/credentials/v1'
            : c,
        );
      } else if (isCredential && k === 'validFrom') out.issuanceDate = val;
      else if (isCredential && k === 'validUntil') out.expirationDate = val;
      else if (k === 'inLanguage') out['@language'] = val;
      else out[k] = walk(val);
    }
    if (isCredential && out.name === undefined) out.name = 'Credential';
    return out;
  };
  return walk(doc as Json);
}

/** JSON-LD compacted shape: one-element arrays become single values (except `@context`). */
export function compact(doc: unknown): unknown {
  const walk = (v: Json, key?: string): Json => {
    if (Array.isArray(v)) {
      const items = v.map((x) => walk(x));
      return items.length === 1 && key !== '@context' ? items[0]! : items;
    }
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, val]) => [k, walk(val, k)]));
  };
  return walk(doc as Json);
}
