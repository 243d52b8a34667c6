/**
 * Attacks on the locator of JSON-LD failures (src/jsonld/locate.ts): a path that names a member
 * jsonld.js finds defined, while the undefined one is elsewhere (the error's term changed too).
 * The oracle is jsonld.js itself: the term it reports, and its expansion (a member it keeps is
 * defined where it stands).
 *
 * Found: with two members for `@type` (`@type` and an alias), the walk applied their type-scoped
 * contexts in document order, jsonld.js in sorted key order (so a context reset by one and terms
 * defined by the other ended the other way round); an alias of `@graph` or `@set` with its own
 * scoped context: the walk read the alias's value without it. Both now as jsonld.js does.
 *
 * Tried, found right: `@included` aliases with scoped contexts (jsonld.js applies none), property-
 * and type-scoped contexts with resets and `@vocab`, embedded `@context`s at any depth, nested
 * arrays (a generated differential below, against jsonld.js's expansion); keys with dots,
 * brackets and quotes (bracketed and JSON-escaped, so paths stay unambiguous).
 */
import fc from 'fast-check';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import type { Ob3Error } from '../../src/errors.js';
import { toNQuads } from '../../src/jsonld/index.js';

/** jsonld.js's API as these tests call it (its type declarations are incomplete). */
const reference = jsonld as unknown as {
  toRDF(doc: object, options: object): Promise<unknown>;
  expand(doc: object, options: object): Promise<unknown>;
};

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 300);
const V = 'https://ex.com/';

/** The error ob3kit throws converting `doc` (undefined if none). */
async function ob3kitError(doc: object): Promise<Ob3Error | undefined> {
  return toNQuads(doc).then(
    () => undefined,
    (e: Ob3Error) => e,
  );
}

/** The term jsonld.js (safe mode) reports as undefined in `doc`. */
async function jsonldReported(doc: object): Promise<string | undefined> {
  const e = await reference.toRDF(doc, { format: 'application/n-quads', safe: true }).then(
    () => undefined,
    (x: { details?: { event?: { details?: { property?: string } } } }) => x,
  );
  return e?.details?.event?.details?.property;
}

/** The members of a JSON path (`$.a["b.c"][0]`), as written by ob3kit. */
function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    const name = /^\.([A-Za-z_$@][A-Za-z0-9_$@]*)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    if (name) {
      out.push(name[1] as string);
      i += name[0].length;
    } else if (index) {
      out.push(Number(index[1]));
      i += index[0].length;
    } else {
      const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
      if (!quoted) throw new Error(`not a path: ${path}`);
      out.push(JSON.parse(quoted[1] as string) as string);
      i += quoted[0].length;
    }
  }
  return out;
}

/**
 * Whether jsonld.js keeps the member at `path` (it is defined there): its value replaced by a
 * marker, the marker is in the expansion. (Not for members that may be `@type` aliases: the
 * marker would change the types.)
 */
async function keptByJsonld(doc: object, path: (string | number)[]): Promise<boolean | undefined> {
  const probe = structuredClone(doc) as Record<string | number, unknown>;
  let parent = probe;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  parent[path.at(-1) as string] = 'MARKER-7f3a';
  // (undefined when jsonld.js fails on something else of the document)
  const expanded = await reference.expand(probe, { safe: false }).catch(() => undefined);
  return expanded === undefined ? undefined : JSON.stringify(expanded).includes('MARKER-7f3a');
}

describe('the located member is the undefined one', () => {
  it('two members for @type: type-scoped contexts apply in sorted key order, as jsonld.js', async () => {
    const doc = {
      '@context': {
        '@version': 1.1,
        $t: '@type',
        A: { '@id': `${V}A`, '@context': { x: `${V}x` } },
        B: { '@id': `${V}B`, '@context': null },
      },
      '@type': 'A',
      x: 1,
      $t: 'B',
    };
    // jsonld.js: "$t" sorts before "@type": B resets the context, then A defines x; "$t" is
    // then undefined, x defined
    expect(await jsonldReported(doc)).toBe('$t');
    expect(await keptByJsonld(doc, ['x'])).toBe(true);
    const e = await ob3kitError(doc);
    expect(e?.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(e?.details?.term).toBe('$t');
    expect(e?.details?.path).toBe('$.$t');
  });

  it('an alias of @graph with a scoped context: its value read under that context', async () => {
    const doc = {
      '@context': {
        '@version': 1.1,
        g: { '@id': '@graph', '@context': { x: `${V}x` } },
      },
      '@id': `${V}n`,
      g: { '@id': `${V}m`, x: 1, zz: 2 },
    };
    expect(await jsonldReported(doc)).toBe('zz');
    expect(await keptByJsonld(doc, ['g', 'x'])).toBe(true);
    const e = await ob3kitError(doc);
    expect(e?.details?.term).toBe('zz');
    expect(e?.details?.path).toBe('$.g.zz');
    expect(e?.details?.more).toBeUndefined();
  });

  it('an alias of @set with a scoped context: its items read under that context', async () => {
    const doc = {
      '@context': {
        '@version': 1.1,
        p: `${V}p`,
        s: { '@id': '@set', '@context': { '@vocab': `${V}v/` } },
      },
      '@id': `${V}n`,
      p: { s: [{ '@id': `${V}m`, a: 1 }] },
      zz: 2,
    };
    expect(await jsonldReported(doc)).toBe('zz');
    expect(await keptByJsonld(doc, ['p', 's', 0, 'a'])).toBe(true);
    const e = await ob3kitError(doc);
    expect(e?.details?.term).toBe('zz');
    expect(e?.details?.path).toBe('$.zz');
  });

  it('an alias of @included with a scoped context: jsonld.js applies none, nor does the walk', async () => {
    const doc = {
      '@context': {
        '@version': 1.1,
        inc: { '@id': '@included', '@context': { x: `${V}x` } },
      },
      '@id': `${V}n`,
      inc: { '@id': `${V}m`, x: 1 },
    };
    expect(await jsonldReported(doc)).toBe('x');
    expect((await ob3kitError(doc))?.details?.path).toBe('$.inc.x');
  });

  it('keys with dots, brackets and quotes: the path names them unambiguously', async () => {
    const doc = {
      '@context': { a: `${V}a` },
      '@id': `${V}n`,
      a: { 'b.c': { '["d"]': 1 } },
    };
    const e = await ob3kitError(doc);
    expect(e?.details?.path).toBe('$.a["b.c"]');
    expect(parsePath(e?.details?.path as string)).toEqual(['a', 'b.c']);
    const inner = { '@context': { a: `${V}a`, 'b.c': `${V}bc` }, a: { 'b.c': { '["d"]': 1 } } };
    const e2 = await ob3kitError(inner);
    expect(e2?.details?.path).toBe('$.a["b.c"]["[\\"d\\"]"]');
    expect(parsePath(e2?.details?.path as string)).toEqual(['a', 'b.c', '["d"]']);
  });
});

describe('generated documents: every located undefined member is one jsonld.js drops', () => {
  const term = fc.constantFrom('a', 'b', 'x', 'y');
  const scoped: fc.Arbitrary<unknown> = fc.oneof(
    fc.constant(null),
    fc.dictionary(term, fc.constantFrom(`${V}1`, `${V}2`), { maxKeys: 3 }),
    fc.constant({ '@vocab': `${V}v/` }),
  );
  const context = fc.record(
    {
      '@version': fc.constant(1.1),
      t: fc.constant('@type'),
      kind: fc.constant('@type'),
      g: fc.record({ '@id': fc.constant('@graph'), '@context': scoped }),
      s: fc.record({ '@id': fc.constant('@set'), '@context': scoped }),
      i: fc.record({ '@id': fc.constant('@included'), '@context': scoped }),
      A: fc.record({ '@id': fc.constant(`${V}A`), '@context': scoped }),
      B: fc.record({ '@id': fc.constant(`${V}B`), '@context': scoped }),
      a: fc.record({ '@id': fc.constant(`${V}a`), '@context': scoped }),
      x: fc.constant(`${V}x`),
    },
    { requiredKeys: ['@version'] },
  );
  const node: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    obj: fc.dictionary(
      fc.constantFrom('a', 'b', 'x', 'y', 'zz', 't', 'kind', '@type', 'g', 's', 'i', '@context'),
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('v', 1) },
        { weight: 2, arbitrary: fc.constantFrom('A', 'B', ['A', 'B'], ['B', 'A']) },
        { weight: 1, arbitrary: scoped },
        {
          weight: 2,
          arbitrary: fc.oneof(
            { depthSize: 'small' },
            tie('obj'),
            fc.array(tie('obj'), { maxLength: 2 }),
          ),
        },
      ),
      { maxKeys: 4 },
    ),
  })).obj;

  it('property (oracle: jsonld.js expansion)', async () => {
    await fc.assert(
      fc.asyncProperty(context, node, async (ctx, body) => {
        const doc = { '@context': ctx, ...(body as object) };
        const e = await ob3kitError(doc);
        const path = e?.details?.path;
        if (e?.code !== 'ERR_JSONLD_UNDEFINED_TERM' || typeof path !== 'string') return;
        if (e.details?.event !== 'invalid property') return;
        const members = parsePath(path);
        const last = members.at(-1);
        expect(last).toBe(e.details?.term);
        if (last === 't' || last === 'kind') return; // a marker would change the types
        const kept = await keptByJsonld(doc, members);
        if (kept !== undefined) expect([path, kept]).toEqual([path, false]);
      }),
      { numRuns: RUNS },
    );
  });
});
