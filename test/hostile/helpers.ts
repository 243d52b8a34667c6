/** Shared pieces of the hostile-input tests: a rich badge, mutation enumeration, fetch guards. */
import { expect, vi } from 'vitest';
import { type VerificationReport, type VerifyOptions, verify } from '../../src/verify/index.js';

// biome-ignore lint/suspicious/noExplicitAny: hostile tests build and break JSON freely
export type Loose = any;

/** Exhaustive mode (`npm run fuzz`): more variants of each change. */
export const FULL = process.env.OB3KIT_FUZZ_RUNS !== undefined;

/** Fixed clock: the badge below is valid at this time. */
export const NOW = new Date('2025-06-01T00:00:00Z');

/** Runs of each fast-check property: small by default, raised by `npm run fuzz`. */
export function fuzzRuns(base: number): number {
  const env = Number(process.env.OB3KIT_FUZZ_RUNS);
  return Number.isInteger(env) && env > 0 ? Math.max(base, env) : base;
}

/**
 * An OpenBadgeCredential with every kind of JSON value the mutations should touch: nested
 * objects, arrays of strings and of objects, numbers, booleans-free (the OB context types them
 * all as strings or IRIs), typed dates. Every term is defined by the bundled contexts.
 */
export function richCredential(issuer: string): Record<string, Loose> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:5b7d0f1e-3c5a-4a4e-9a0b-1d1c2b3a4f5e',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: issuer,
      type: ['Profile'],
      name: 'Hostile Test Issuer',
      url: 'https://issuer.example/',
    },
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    name: 'Safe Handling Badge',
    description: 'Awarded for handling hostile input.',
    credentialSubject: {
      id: 'did:example:learner-42',
      type: ['AchievementSubject'],
      activityStartDate: '2023-09-01T00:00:00Z',
      achievement: {
        id: 'https://issuer.example/achievements/safe-handling',
        type: ['Achievement'],
        achievementType: 'Badge',
        name: 'Safe Handling',
        description: 'Rejects forged badges.',
        criteria: { narrative: 'Pass every tamper test.' },
        tag: ['security', 'json-ld', 'testing'],
        image: { id: 'https://issuer.example/badge.png', type: 'Image', caption: 'Badge art' },
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'Secure coding',
            targetUrl: 'https://frameworks.example/secure-coding',
          },
        ],
      },
      result: [{ type: ['Result'], value: '94' }],
    },
  };
}

/** The (first) proof of a signed document, whether written as an object or an array. */
export function firstProof(doc: Loose): Loose {
  return Array.isArray(doc?.proof) ? doc.proof[0] : doc?.proof;
}

/** One changed copy of a document and a label saying what changed. */
export interface Mutation {
  label: string;
  doc: Loose;
}

type Path = Array<string | number>;

function getAt(root: Loose, path: Path): Loose {
  let v = root;
  for (const k of path) v = v[k];
  return v;
}

function show(path: Path): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${k}`), '$');
}

/** A copy of `root` with `edit` applied to the value at `path` (through its parent). */
function withEdit(root: Loose, path: Path, edit: (parent: Loose, key: string | number) => void) {
  const copy = structuredClone(root);
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1] as string | number;
  edit(getAt(copy, parentPath), key);
  return copy;
}

function allPaths(value: Loose, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) allPaths(value[i], [...path, i], out);
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) allPaths(value[k], [...path, k], out);
  }
  return out;
}

/** Other values for a leaf: changed text, other types (type confusion), `@id`-like objects. */
function leafVariants(v: Loose): Loose[] {
  if (typeof v === 'string') {
    const flipped = v.length > 0 ? `${v.slice(0, -1)}${v.endsWith('a') ? 'b' : 'a'}` : 'a';
    const id = { '@id': v.includes(':') ? v : `urn:x:${v}` };
    if (!FULL) return [`${v}x`, flipped, 1, id];
    return [
      `${v}x`,
      flipped,
      '',
      v.toUpperCase() === v ? v.toLowerCase() : v.toUpperCase(),
      ` ${v}`,
      1,
      true,
      null,
      [v, 'x'],
      id,
      { '@value': v, '@type': 'http://www.w3.org/2001/XMLSchema#string' },
    ];
  }
  if (typeof v === 'number') return [v + 1, -v, String(v), 0.5];
  if (typeof v === 'boolean') return [!v, String(v)];
  return ['x', 0];
}

/** Property names to inject into an object: defined terms, keywords and an undefined term. */
const INJECTED: Array<[string, Loose]> = [
  ['name', 'Injected'],
  ['description', 'Injected'],
  ['id', 'urn:uuid:00000000-0000-4000-8000-000000000000'],
  ['type', ['Injected']],
  ['injectedUndefinedTerm', 'x'],
  ['@type', 'https://attacker.example/Type'],
  ['https://attacker.example/vocab#p', 'x'],
  ['@context', 'https://www.w3.org/ns/credentials/v2'],
  ['@context', { '@vocab': 'https://attacker.example/vocab#' }],
];

/**
 * Every single change of a document: each leaf changed (several ways, including type
 * confusion), each property and each array element removed, a property added to each object,
 * each array reversed, extended and duplicated, each object replaced by its `id`, and each
 * `@context` entry swapped for another known context.
 */
export function enumerateMutations(doc: Loose): Mutation[] {
  const out: Mutation[] = [];
  for (const path of allPaths(doc)) {
    const v = getAt(doc, path);
    const at = show(path);
    if (path.length > 0) {
      out.push({
        label: `remove ${at}`,
        doc: withEdit(doc, path, (p, k) => {
          if (Array.isArray(p)) p.splice(k as number, 1);
          else delete p[k];
        }),
      });
    }
    if (v === null || typeof v !== 'object') {
      if (path.length === 0) continue;
      for (const nv of leafVariants(v)) {
        out.push({
          label: `set ${at} = ${JSON.stringify(nv)}`,
          doc: withEdit(doc, path, (p, k) => {
            p[k] = nv;
          }),
        });
      }
    } else if (Array.isArray(v)) {
      if (v.length >= 2) {
        out.push({
          label: `reverse ${at}`,
          doc: withEdit(doc, [...path, 0], (p) => p.reverse()),
        });
      }
      if (v.length >= 1) {
        out.push({
          label: `duplicate ${at}[0]`,
          doc: withEdit(doc, [...path, 0], (p) => p.push(structuredClone(p[0]))),
        });
        out.push({
          label: `append to ${at}`,
          doc: withEdit(doc, [...path, 0], (p) => p.push(typeof p[0] === 'string' ? 'x' : {})),
        });
        out.push({
          label: `unwrap ${at}`,
          doc:
            path.length === 0
              ? v[0]
              : withEdit(doc, path, (p, k) => {
                  p[k] = p[k][0];
                }),
        });
      }
    } else {
      for (const [k, nv] of INJECTED) {
        if (Object.hasOwn(v, k)) continue;
        out.push({
          label: `add ${at}.${k}`,
          doc:
            path.length === 0
              ? { ...structuredClone(doc), [k]: nv }
              : withEdit(doc, path, (p, key) => {
                  p[key] = { ...p[key], [k]: nv };
                }),
        });
      }
      if (path.length > 0 && typeof v.id === 'string') {
        out.push({
          label: `replace ${at} by its id`,
          doc: withEdit(doc, path, (p, k) => {
            p[k] = p[k].id;
          }),
        });
      }
      if (path.length > 0 && !Array.isArray(getAt(doc, path.slice(0, -1)))) {
        out.push({
          label: `wrap ${at} in an array`,
          doc: withEdit(doc, path, (p, k) => {
            p[k] = [p[k]];
          }),
        });
      }
    }
  }
  return out;
}

/** Contexts an attacker may swap in for the ones a credential was signed with. */
export const CONTEXT_SWAPS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://www.w3.org/2018/credentials/v1',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://w3id.org/security/data-integrity/v2',
  'https://w3id.org/security/suites/ed25519-2020/v1',
  'https://www.w3.org/ns/credentials/undefined-terms/v2',
  'https://attacker.example/context.json',
];

/** Each `@context` entry replaced by each other context, and the list reordered. */
export function contextSwaps(doc: Loose): Mutation[] {
  const out: Mutation[] = [];
  const ctx: string[] = doc['@context'];
  ctx.forEach((entry, i) => {
    for (const other of CONTEXT_SWAPS) {
      if (other === entry) continue;
      const copy = structuredClone(doc);
      copy['@context'][i] = other;
      out.push({ label: `@context[${i}] ${entry} -> ${other}`, doc: copy });
    }
  });
  for (const other of CONTEXT_SWAPS) {
    if (ctx.includes(other)) continue;
    const copy = structuredClone(doc);
    copy['@context'].push(other);
    out.push({ label: `@context + ${other}`, doc: copy });
  }
  return out;
}

/** A fetch that fails the test whenever it is called. */
export function forbiddenFetch() {
  return vi.fn(async (url: string): Promise<never> => {
    throw new Error(`fetch must not be called (asked for ${url})`);
  });
}

/** Assert the value is a well-formed report. */
export function expectReport(r: VerificationReport): void {
  expect(['valid', 'warning', 'invalid']).toContain(r.verdict);
  expect(Array.isArray(r.checks)).toBe(true);
}

/** Codes of the failing entries of a report (the whole tree). */
export function failCodes(r: VerificationReport): string[] {
  return r.checks.filter((c) => c.outcome === 'fail').map((c) => c.code ?? c.id);
}

/**
 * verify() without network access: no `fetch` option, and `globalThis.fetch` replaced by a spy
 * that fails if called. Asserts a well-formed report and that nothing was fetched.
 */
export async function verifyOffline(
  input: unknown,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
    throw new Error(`globalThis.fetch must not be called (asked for ${String(url)})`);
  });
  try {
    const report = await verify(input as object, { now: NOW, ...options });
    expectReport(report);
    expect(spy).not.toHaveBeenCalled();
    return report;
  } finally {
    spy.mockRestore();
  }
}
