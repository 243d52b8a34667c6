/**
 * The committed schemas and precompiled validators are exactly what `npm run schemas` generates
 * from the OB 3.0 model (so they cannot drift), and the generated schemas are structurally the
 * official ones: equal once annotations are dropped, keys sorted and the order of the
 * alternatives of `anyOf` ignored.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDocumentedDeviations } from './agreement.js';
import { HAVE_OB3, OFFICIAL, officialSchema, SKIP_REASON } from './helpers.js';
import { inlineHelpers, type Json, normalize } from './structure.js';

const ROOT = path.resolve(__dirname, '../..');
const SPEC = path.resolve(__dirname, '../../../shared/ob3/spec');

describe.skipIf(!HAVE_OB3)(`generated files${HAVE_OB3 ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  it('regenerating from the model gives the committed files, byte for byte', async () => {
    const script = path.join(ROOT, 'scripts/schemas.mjs');
    const { generateAll } = (await import(script)) as {
      generateAll(options: { specDir: string }): Map<string, string>;
    };
    const files = generateAll({ specDir: SPEC });
    expect(files.size).toBe(24);
    for (const [rel, content] of files) {
      expect(
        readFileSync(path.join(ROOT, rel), 'utf8'),
        `${rel} is out of date: run npm run schemas`,
      ).toBe(content);
    }
  });

  it('the precompiled validators run no generated code at load (no new Function, no eval)', () => {
    for (const form of ['vc2', 'vc1', 'lenient']) {
      const code = readFileSync(
        path.join(ROOT, `src/schema/generated/${form}.generated.js`),
        'utf8',
      );
      expect(code).not.toMatch(/new Function|\beval\(|\brequire\(/);
      // The one import: the formats of src/schema/formats.ts (held to ajv-formats by formats.test.ts).
      expect(code.match(/^import .*$/gm)).toEqual(["import { fullFormats } from '../formats.js';"]);
    }
  });

  const pairs: Array<[string, string, string]> = [];
  for (const [form, files] of Object.entries(OFFICIAL)) {
    for (const [kind, rel] of Object.entries(files)) {
      const ours = {
        AchievementCredential: 'achievement-credential',
        AchievementCredentialBuild: 'achievement-credential',
        EndorsementCredential: 'endorsement-credential',
        Profile: 'profile',
      }[kind]!;
      pairs.push([form, ours, rel]);
    }
  }

  for (const [form, ours, rel] of pairs) {
    it(`schemas/${form}/${ours}.json is structurally ${rel}`, () => {
      // Equal but for the documented deviations (docs/validation.md).
      const official = withDocumentedDeviations(
        form as 'vc1' | 'vc2',
        officialSchema(rel) as Record<string, Json>,
      ) as Record<string, Json>;
      const mine = JSON.parse(
        readFileSync(path.join(ROOT, 'schemas', form, `${ours}.json`), 'utf8'),
      );
      const keep = new Set(Object.keys((official.$defs ?? {}) as object));
      expect(normalize(inlineHelpers(mine, keep))).toEqual(normalize(official));
    });
  }

  it('schemas/*/achievement.json is structurally the official $defs/Achievement', () => {
    for (const [form, files] of Object.entries(OFFICIAL)) {
      const official = withDocumentedDeviations(
        form as 'vc1' | 'vc2',
        officialSchema(files.AchievementCredential) as Record<string, Json>,
      ) as Record<string, Json>;
      const defs = official.$defs as Record<string, Json>;
      const mine = JSON.parse(
        readFileSync(path.join(ROOT, 'schemas', form, 'achievement.json'), 'utf8'),
      );
      const keep = new Set(Object.keys(defs));
      const { $defs: myDefs, ...myRoot } = inlineHelpers(mine, keep);
      expect(normalize(myRoot), form).toEqual(normalize(defs.Achievement!));
      for (const [name, def] of Object.entries(myDefs as Record<string, Json>)) {
        expect(normalize(def), `${form} ${name}`).toEqual(normalize(defs[name]!));
      }
    }
  });
});
