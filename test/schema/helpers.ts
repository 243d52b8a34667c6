/** Shared helpers of the schema tests: the reference material and the official validators. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019Module from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';

export const OB3 = path.resolve(__dirname, '../../../shared/ob3');
export const HAVE_OB3 = existsSync(path.join(OB3, 'schemas')) && existsSync(path.join(OB3, 'spec'));
export const SKIP_REASON = `reference material not found at ${OB3} (the official OB 3.0 schemas and spec examples)`;
if (!HAVE_OB3) console.warn(`schema tests skipped: ${SKIP_REASON}`);

type AnyFn = (...args: unknown[]) => unknown;
const unwrap = <T>(m: unknown): T => {
  let v = m as { default?: unknown };
  while (typeof v !== 'function' && v && 'default' in v) v = v.default as { default?: unknown };
  return v as T;
};
const Ajv2019 =
  unwrap<new (o: object) => { compile(s: object): AnyFn & { errors?: unknown[] | null } }>(
    Ajv2019Module,
  );
const addFormats = unwrap<(ajv: unknown) => void>(addFormatsModule);

export type Check = ((data: unknown) => boolean) & { errors?: unknown[] | null };

/** Compile a schema as the issue prescribes for the oracle: Ajv2019, strict:false, ajv-formats. */
export function compileOfficial(schema: object, allErrors = false): Check {
  const ajv = new Ajv2019({ strict: false, allErrors });
  addFormats(ajv);
  return ajv.compile(schema) as Check;
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The JSON examples of the spec (inside `<pre>` in spec/examples/*.html). */
export function specExamples(): Array<{ name: string; doc: Record<string, unknown> }> {
  const dir = path.join(OB3, 'spec/examples');
  const out: Array<{ name: string; doc: Record<string, unknown> }> = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()) {
    const html = readFileSync(path.join(dir, file), 'utf8');
    let i = 0;
    for (const m of html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre\s*>/g)) {
      const text = m[1]!
        .trim()
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      if (!text.startsWith('{')) continue;
      out.push({ name: `${file.replace(/\.html$/, '')}#${i++}`, doc: JSON.parse(text) });
    }
  }
  return out;
}

/** The official schema files of each generation that ob3kit's forms must agree with. */
export const OFFICIAL = {
  vc2: {
    AchievementCredential: '2024-vcdm2/ob_v3p0_achievementcredential_schema.json',
    AchievementCredentialBuild:
      '2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_achievementcredential-jsonschema1.json',
    EndorsementCredential:
      '2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_endorsementcredential-jsonschema1.json',
    Profile: '2024-vcdm2/1edtech-build-2024-07-30/ob_v3p0_profile-jsonschema1.json',
  },
  vc1: {
    AchievementCredential: '2023-vcdm1.1/ob_v3p0_achievementcredential_schema.json',
    EndorsementCredential: '2023-vcdm1.1/ob_v3p0_endorsementcredential_schema.json',
    Profile: '2023-vcdm1.1/ob_v3p0_profile_schema.json',
  },
  lenient: {
    AchievementCredential: 'current/ob_v3p0_achievementcredential_schema.json',
    EndorsementCredential: 'current/ob_v3p0_endorsementcredential_schema.json',
    Profile: 'current/ob_v3p0_profile_schema.json',
  },
} as const;

export function officialSchema(rel: string): Record<string, unknown> {
  return readJson(path.join(OB3, 'schemas', rel));
}
