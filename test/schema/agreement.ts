/**
 * Proves ob3kit's schemas accept and reject exactly what 1EdTech's official schemas do.
 *
 * Oracle: each official schema in ../shared/ob3/schemas compiled with Ajv2019 (strict:false,
 * ajv-formats). Checked: the precompiled validators the library uses, and the schema files in
 * `schemas/` compiled the same way as the oracle. Corpus: the spec's examples (extracted from
 * spec/examples/*.html at test time) in their VC 2.0, VC 1.1 and JSON-LD compacted shapes, and
 * every mutation `corpus.ts` enumerates from them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SchemaForm, SchemaKind } from '../../src/schema/types.js';
import { PRECOMPILED } from '../../src/schema/validate.js';
import { type Case, compact, mutate, toVc1 } from './corpus.js';
import {
  type Check,
  compileOfficial,
  HAVE_OB3,
  OFFICIAL,
  officialSchema,
  readJson,
  SKIP_REASON,
  specExamples,
} from './helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const FILES: Record<SchemaKind, string> = {
  AchievementCredential: 'achievement-credential',
  EndorsementCredential: 'endorsement-credential',
  Profile: 'profile',
  Achievement: 'achievement',
};

/** 1EdTech publishes no Achievement schema: its oracle is the `$defs/Achievement` of the credential schema. */
function achievementOracle(credentialSchema: Record<string, unknown>): Check {
  return compileOfficial({
    $schema: credentialSchema.$schema,
    $id: 'urn:test:official-achievement',
    $ref: '#/$defs/Achievement',
    $defs: credentialSchema.$defs,
  });
}

interface Oracle {
  label: string;
  check: Check;
}

/**
 * Where ob3kit's schemas deliberately differ from the official ones of a form (docs/validation.md,
 * "Where the schemas differ"): applied to a copy of the official schema, which is then the oracle.
 * Everything else must agree exactly. `credentialStatus.id`: required by the 2024 VC 2.0 schemas,
 * optional in VC Data Model 2.0 and in 1EdTech's current schemas.
 */
export function withDocumentedDeviations(
  form: SchemaForm,
  schema: Record<string, unknown>,
): Record<string, unknown> {
  if (form !== 'vc2') return schema;
  const copy = structuredClone(schema) as { $defs?: Record<string, { required?: string[] }> };
  const status = copy.$defs?.CredentialStatus;
  if (status?.required) status.required = status.required.filter((k) => k !== 'id');
  return copy as Record<string, unknown>;
}

function oraclesFor(form: SchemaForm, kind: SchemaKind): Oracle[] {
  const files = OFFICIAL[form] as Record<string, string>;
  if (kind === 'Achievement') {
    return [
      {
        label: `${files.AchievementCredential} #/$defs/Achievement`,
        check: achievementOracle(
          withDocumentedDeviations(form, officialSchema(files.AchievementCredential!)),
        ),
      },
    ];
  }
  const out: Oracle[] = [
    {
      label: files[kind]!,
      check: compileOfficial(withDocumentedDeviations(form, officialSchema(files[kind]!))),
    },
  ];
  if (kind === 'AchievementCredential' && files.AchievementCredentialBuild) {
    out.push({
      label: files.AchievementCredentialBuild,
      check: compileOfficial(
        withDocumentedDeviations(form, officialSchema(files.AchievementCredentialBuild)),
      ),
    });
  }
  return out;
}

/** Objects anywhere in `doc` whose `type` names `typeName`. */
function collect(doc: unknown, typeName: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(doc)) for (const v of doc) collect(v, typeName, out);
  else if (doc !== null && typeof doc === 'object') {
    const t = (doc as { type?: unknown }).type;
    if (t === typeName || (Array.isArray(t) && t.includes(typeName))) out.push(doc);
    for (const v of Object.values(doc)) collect(v, typeName, out);
  }
  return out;
}

function bases(): Record<SchemaKind, Array<{ name: string; doc: unknown }>> {
  const examples = specExamples();
  const out: Record<SchemaKind, Array<{ name: string; doc: unknown }>> = {
    AchievementCredential: [],
    EndorsementCredential: [],
    Profile: [],
    Achievement: [],
  };
  const addShapes = (kind: SchemaKind, name: string, doc: unknown) => {
    out[kind].push({ name, doc });
    out[kind].push({ name: `${name} (VC 1.1 shape)`, doc: toVc1(doc) });
    out[kind].push({ name: `${name} (compacted)`, doc: compact(doc) });
  };
  for (const { name, doc } of examples) {
    const kind: SchemaKind = collect(doc, 'EndorsementCredential').includes(doc)
      ? 'EndorsementCredential'
      : 'AchievementCredential';
    addShapes(kind, name, doc);
    const endorsements = collect(doc, 'EndorsementCredential').filter((e) => e !== doc);
    for (const [i, e] of endorsements.entries()) {
      addShapes('EndorsementCredential', `${name} endorsement ${i}`, e);
    }
    for (const [i, p] of collect(doc, 'Profile').entries()) {
      addShapes('Profile', `${name} profile ${i}`, p);
    }
    for (const [i, a] of collect(doc, 'Achievement').entries()) {
      addShapes('Achievement', `${name} achievement ${i}`, a);
    }
  }
  return out;
}

/** Every `sample`-th case is also checked against the schema files and the duplicate official build. */
const SAMPLE = 5;

/**
 * Define the agreement tests for some classes: for each, every form's verdict (precompiled, and
 * the schema file) equals the official schema's on every case of the corpus.
 */
export function defineAgreementTests(kinds: SchemaKind[]): void {
  describe.skipIf(!HAVE_OB3)(
    `agreement with the official schemas${HAVE_OB3 ? '' : ` (skipped: ${SKIP_REASON})`}`,
    () => {
      const baseDocs = HAVE_OB3 ? bases() : undefined;
      const forms: SchemaForm[] = ['vc2', 'vc1', 'lenient'];
      const totals = { cases: 0, valid: 0 };

      it('the spec examples give base documents of every class', () => {
        expect(specExamples().length).toBeGreaterThanOrEqual(7);
        for (const kind of kinds) expect(baseDocs![kind].length).toBeGreaterThan(0);
      });

      for (const kind of kinds) {
        it(`${kind}: every form gives the official schema's verdict on every case`, () => {
          const checks = forms.map((form) => ({
            form,
            oracles: oraclesFor(form, kind),
            ours: PRECOMPILED[form][kind],
            file: compileOfficial(
              readJson(path.join(ROOT, 'schemas', form, `${FILES[kind]}.json`)),
            ),
            cases: 0,
            valid: 0,
          }));
          const disagreements: string[] = [];
          for (const base of baseDocs![kind]) {
            // the derived shapes (VC 1.1, compacted) of a base: a sample is enough
            const all = mutate(base.name, base.doc);
            const stride = !base.name.endsWith(')') ? 1 : all.length > 2000 ? 4 : 2;
            const corpus: Case[] = all.filter((_, i) => i % stride === 0);
            corpus.forEach((c, index) => {
              const sampled = index % SAMPLE === 0;
              for (const k of checks) {
                const expected = k.oracles[0]!.check(c.doc);
                if (sampled) {
                  for (const o of k.oracles.slice(1)) {
                    if (o.check(c.doc) !== expected) {
                      disagreements.push(
                        `${k.form} ${c.name}: ${o.label} disagrees with ${k.oracles[0]!.label}`,
                      );
                    }
                  }
                  if (k.file(c.doc) !== expected) {
                    disagreements.push(
                      `${k.form} ${c.name}: schemas/${k.form}/${FILES[kind]}.json says ${!expected}, official says ${expected}`,
                    );
                  }
                }
                if (k.ours(c.doc) !== expected) {
                  disagreements.push(
                    `${k.form} ${c.name}: precompiled says ${!expected}, ${k.oracles[0]!.label} says ${expected}`,
                  );
                }
                k.cases++;
                if (expected) k.valid++;
              }
            });
          }
          for (const k of checks) {
            totals.cases += k.cases;
            totals.valid += k.valid;
            console.info(
              `agreement ${k.form} ${kind}: ${k.cases} cases (${k.valid} valid, ${k.cases - k.valid} invalid) vs ${k.oracles.map((o) => o.label).join(' and ')}`,
            );
            // the corpus exercises both verdicts
            expect(k.valid).toBeGreaterThan(0);
            expect(k.cases - k.valid).toBeGreaterThan(0);
          }
          expect(disagreements.slice(0, 20)).toEqual([]);
          expect(disagreements.length).toBe(0);
        });
      }

      it('reports the totals', () => {
        console.info(
          `agreement ${kinds.join(', ')}: ${totals.cases} cases (${totals.valid} valid, ${totals.cases - totals.valid} invalid), all agree`,
        );
        expect(totals.cases).toBeGreaterThan(1000);
      });
    },
  );
}
