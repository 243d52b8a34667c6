/**
 * Proves ob3kit's CLR 2.0 schemas agree with 1EdTech's CLR 2.0 ClrCredential schema
 * (../shared/ob3/schemas/current/clr_v2p0_clrcredential_schema.json, the JSON-LD compaction
 * tolerant generation, the only one published): the lenient form is structurally the official
 * schema and gives its verdict on every case of a corpus of CLRs and their mutations; the strict
 * form accepts a subset of what it accepts. Oracle: the official schema compiled with Ajv2019
 * (strict:false, ajv-formats), as for the Open Badges schemas.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lenient from '../../src/schema/generated/clr-lenient.generated.js';
import * as vc2 from '../../src/schema/generated/clr-vc2.generated.js';
import { badge, clrSimple, guideBlock, HAVE_GUIDE, record } from '../clr/helpers.js';
import { type Case, compact, mutate } from './corpus.js';
import { compileOfficial, HAVE_OB3, officialSchema, readJson, SKIP_REASON } from './helpers.js';
import { inlineHelpers, type Json, normalize } from './structure.js';

const ROOT = path.resolve(__dirname, '../..');
const OFFICIAL_CLR = 'current/clr_v2p0_clrcredential_schema.json';

/** CLR-specific variations the generic corpus does not make. */
function clrCases(name: string, doc: Record<string, Json>): Case[] {
  const out: Case[] = [];
  const add = (what: string, d: unknown) => out.push({ name: `${name}: ${what}`, doc: d });
  const subject = doc.credentialSubject as Record<string, Json>;
  const withSubject = (s: Record<string, Json>) => ({ ...doc, credentialSubject: s });
  const associations = (subject.association ?? []) as Json[];
  const first = associations[0] as Record<string, Json> | undefined;
  if (first) {
    for (const t of [
      'exactMatchOf',
      'isChildOf',
      'isParentOf',
      'isPartOf',
      'isPeerOf',
      'isRelatedTo',
      'precedes',
      'replacedBy',
      'hasPart',
      'requires',
      'IsPartOf',
      '',
    ]) {
      add(
        `associationType ${t}`,
        withSubject({ ...subject, association: [{ ...first, associationType: t }] }),
      );
    }
    add(
      'association type as array',
      withSubject({ ...subject, association: [{ ...first, type: ['Association'] }] }),
    );
    add(
      'association extra member',
      withSubject({ ...subject, association: [{ ...first, weight: 1 }] }),
    );
    add('association single', withSubject({ ...subject, association: first }));
  }
  const ctx = doc['@context'] as string[];
  const [vc, clr, ob, ...rest] = ctx;
  for (const [what, c] of [
    [
      'CLR context unversioned',
      [vc, 'https://purl.imsglobal.org/spec/clr/v2p0/context.json', ob, ...rest],
    ],
    [
      'CLR context 2.1.0',
      [vc, 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.1.0.json', ob, ...rest],
    ],
    [
      'CLR context v1p0',
      [vc, 'https://purl.imsglobal.org/spec/clr/v1p0/context.json', ob, ...rest],
    ],
    ['OB before CLR', [vc, ob, clr, ...rest]],
    ['no CLR context', [vc, ob, ...rest]],
    ['no OB context', [vc, clr, ...rest]],
    ['OB 3.0.1', [vc, clr, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', ...rest]],
  ] as const) {
    add(`@context ${what}`, { ...doc, '@context': c });
  }
  add('partial true', { ...doc, partial: true });
  add('partial as string', { ...doc, partial: 'true' });
  add('no bundled credential', withSubject({ ...subject, verifiableCredential: [] }));
  add(
    'bundled credential as JWT text',
    withSubject({ ...subject, verifiableCredential: ['eyJhbGciOiJFZERTQSJ9.e30.c2ln'] }),
  );
  return out;
}

function bases(): Array<{ name: string; doc: Record<string, Json> }> {
  const out: Array<{ name: string; doc: Record<string, Json> }> = [
    { name: '1edtech clr20/simple.json', doc: clrSimple() as Record<string, Json> },
    {
      name: 'built record',
      doc: record([
        badge('https://example.edu/achievements/a'),
        badge('https://example.edu/achievements/b'),
      ]) as Record<string, Json>,
    },
  ];
  if (HAVE_GUIDE)
    out.push({
      name: 'walk-through record',
      doc: guideBlock('Credential') as Record<string, Json>,
    });
  return out;
}

describe.skipIf(!HAVE_OB3)(
  `CLR 2.0 schemas agree with the official one${HAVE_OB3 ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    it('schemas/lenient/clr-credential.json is structurally the official CLR schema', () => {
      const official = officialSchema(OFFICIAL_CLR) as Record<string, Json>;
      const mine = readJson(path.join(ROOT, 'schemas/lenient/clr-credential.json')) as Record<
        string,
        Json
      >;
      const keep = new Set(Object.keys((official.$defs ?? {}) as object));
      expect(normalize(inlineHelpers(mine, keep))).toEqual(normalize(official));
    });

    it('every case gets the official verdict (lenient), and the strict form accepts a subset', () => {
      const oracle = compileOfficial(officialSchema(OFFICIAL_CLR));
      const files = {
        vc2: compileOfficial(readJson(path.join(ROOT, 'schemas/vc2/clr-credential.json'))),
        lenient: compileOfficial(readJson(path.join(ROOT, 'schemas/lenient/clr-credential.json'))),
      };
      const disagreements: string[] = [];
      let cases = 0;
      let valid = 0;
      let strictValid = 0;
      for (const base of bases()) {
        const corpus = [
          ...mutate(base.name, base.doc),
          ...mutate(`${base.name} (compacted)`, compact(base.doc)).filter((_, i) => i % 3 === 0),
          ...clrCases(base.name, base.doc),
        ];
        for (const c of corpus) {
          const expected = oracle(c.doc);
          if (lenient.clrCredential(c.doc) !== expected)
            disagreements.push(`precompiled lenient: ${c.name}`);
          if (files.lenient(c.doc) !== expected) disagreements.push(`schemas/lenient: ${c.name}`);
          const strict = vc2.clrCredential(c.doc);
          if (files.vc2(c.doc) !== strict)
            disagreements.push(`schemas/vc2 vs precompiled: ${c.name}`);
          if (strict && !expected)
            disagreements.push(`strict accepts what the official refuses: ${c.name}`);
          cases++;
          if (expected) valid++;
          if (strict) strictValid++;
        }
      }
      console.info(
        `agreement CLR: ${cases} cases (${valid} valid, ${cases - valid} invalid; strict form: ${strictValid} valid) vs ${OFFICIAL_CLR}`,
      );
      expect(disagreements.slice(0, 20)).toEqual([]);
      expect(valid).toBeGreaterThan(50);
      expect(cases - valid).toBeGreaterThan(500);
      expect(strictValid).toBeGreaterThan(20);
      expect(strictValid).toBeLessThan(valid);
    });
  },
);

describe.skipIf(!HAVE_OB3)('CLR schema files on disk', () => {
  it('are the files the generator writes', () => {
    const text = readFileSync(path.join(ROOT, 'schemas/vc2/clr-credential.json'), 'utf8');
    expect(JSON.parse(text).$id).toBe('urn:ob3kit:schema:vc2:clr-credential');
  });
});
