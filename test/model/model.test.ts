/**
 * The model description (`MODEL`, generated from 1EdTech's model files) agrees with the official
 * JSON Schemas on every class they define: the same properties, the same required ones, the same
 * array-valued ones, and the same openness to extra properties. And the generated file is what the
 * generator produces today.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_TYPES,
  ALIGNMENT_TARGET_TYPES,
  IDENTIFIER_TYPES,
  MODEL,
  RESULT_STATUS_TYPES,
  RESULT_TYPES,
} from '../../src/model/index.js';
import {
  HAVE_OB3,
  type Json,
  OB3,
  ROOT,
  readShared,
  readSharedText,
  SKIP_NOTE,
} from './helpers.js';

const SCHEMAS_2024: Array<[string, string]> = [
  ['schemas/2024-vcdm2/ob_v3p0_achievementcredential_schema.json', 'AchievementCredential'],
  [
    'schemas/2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_endorsementcredential-jsonschema1.json',
    'EndorsementCredential',
  ],
  ['schemas/2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_profile-jsonschema1.json', 'Profile'],
  [
    'schemas/2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_imsx_statusinfo-jsonschema1.json',
    'Imsx_StatusInfo',
  ],
  [
    'schemas/2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_getopenbadgecredentialsresponse-jsonschema1.json',
    'GetOpenBadgeCredentialsResponse',
  ],
];

const SCHEMAS_2023: Array<[string, string]> = [
  ['schemas/2023-vcdm1.1/ob_v3p0_achievementcredential_schema.json', 'AchievementCredential'],
  ['schemas/2023-vcdm1.1/ob_v3p0_endorsementcredential_schema.json', 'EndorsementCredential'],
  ['schemas/2023-vcdm1.1/ob_v3p0_profile_schema.json', 'Profile'],
];

interface Shape {
  props: string[];
  required: string[];
  arrays: string[];
  extensible: boolean;
}

function schemaShape(def: Json): Shape {
  const props = Object.keys(def.properties ?? {}).sort();
  const isArray = (p: Json) =>
    p.type === 'array' || p.allOf?.every((x: Json) => x.type === 'array');
  return {
    props,
    required: [...(def.required ?? [])].sort(),
    arrays: props.filter((k) => isArray(def.properties[k])),
    extensible: def.additionalProperties !== false,
  };
}

function modelShape(name: string): Shape {
  const cls = MODEL[name];
  if (!cls?.props) throw new Error(`MODEL has no class ${name}`);
  const props = Object.keys(cls.props).sort();
  return {
    props,
    required: props.filter((k) => !cls.props?.[k]?.card.startsWith('0')),
    arrays: props.filter((k) => cls.props?.[k]?.card.endsWith('*')),
    extensible: cls.extensible === true,
  };
}

/** Every class definition of a schema file: its `$defs` and the root class. */
function schemaClasses(rel: string, root: string): Array<[string, Json]> {
  const schema = readShared(rel) as Json;
  const defs: Array<[string, Json]> = Object.entries(schema.$defs ?? {});
  return [[root, schema], ...defs.filter(([, d]) => (d as Json).type === 'object')];
}

describe.skipIf(!HAVE_OB3)(`MODEL agrees with the official JSON Schemas${SKIP_NOTE}`, () => {
  it.each(SCHEMAS_2024)('2024 (VC-DM 2.0): %s', (rel, root) => {
    const classes = schemaClasses(rel, root);
    expect(classes.length).toBeGreaterThan(1);
    for (const [name, def] of classes) {
      expect({ name, ...modelShape(name) }).toEqual({ name, ...schemaShape(def) });
    }
  });

  it.each(SCHEMAS_2023)('2023 (VC-DM 1.1): %s against the v1p1 classes', (rel, root) => {
    for (const [name, def] of schemaClasses(rel, root)) {
      const v1 = MODEL[`${name}v1p1`] ? `${name}v1p1` : name;
      const expected = schemaShape(def);
      // The 2023 generation predates the rename of `@language` to `inLanguage` in the model.
      const rename = (props: string[]) =>
        props.map((p) => (p === '@language' ? 'inLanguage' : p)).sort();
      expect({ name: v1, props: modelShape(v1).props, required: modelShape(v1).required }).toEqual({
        name: v1,
        props: rename(expected.props),
        required: expected.required,
      });
    }
  });

  it('the enumerations list exactly the schema enum values', () => {
    const defs = (readShared(SCHEMAS_2024[0]?.[0] as string) as Json).$defs;
    const values = (p: Json) => (p.oneOf ? p.oneOf[0].enum : p.enum);
    expect([...ACHIEVEMENT_TYPES]).toEqual(values(defs.Achievement.properties.achievementType));
    expect([...ALIGNMENT_TARGET_TYPES]).toEqual(values(defs.Alignment.properties.targetType));
    expect([...RESULT_TYPES]).toEqual(values(defs.ResultDescription.properties.resultType));
    expect([...RESULT_STATUS_TYPES]).toEqual(values(defs.Result.properties.status));
    expect([...IDENTIFIER_TYPES]).toEqual(values(defs.IdentityObject.properties.identityType));
  });

  it('every class named in the model files is described', () => {
    const text = `${readSharedText('spec/common_credentials.lines')}\n${readSharedText('spec/ob_v3p0.lines')}`;
    const named = [...text.matchAll(/^\s*(?:Class|Include)\s+(\w+)/gm)].map((m) => m[1] as string);
    // Context's map member is the model class Map; it has no properties of its own.
    const missing = named.filter((n) => !MODEL[n] && n !== 'Map');
    expect(named.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('the generated file is up to date with the generator and the model files', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts', 'model-types.mjs'), OB3, '--check'],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('MODEL (no reference folder needed)', () => {
  it('describes the classes the builders rely on, with the model cardinalities', () => {
    expect(MODEL.Achievement?.props?.name?.card).toBe('1');
    expect(MODEL.Achievement?.props?.alignment?.card).toBe('0..*');
    expect(MODEL.AchievementCredential?.props?.['@context']?.card).toBe('2..*');
    expect(MODEL.Image?.extensible).toBe(false);
    expect(MODEL.Profile?.extensible).toBe(true);
    expect(MODEL.ProfileRef).toEqual({ kind: 'union', values: ['URI', 'Profile'] });
  });

  it('has no class that is not one of the known kinds', () => {
    const kinds = new Set(Object.values(MODEL).map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['class', 'derived', 'enum', 'enumext', 'union']);
    expect(MODEL.NoSuchClass).toBeUndefined();
  });
});
