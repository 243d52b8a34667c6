/**
 * The named broken documents in fixtures/invalid: each is rejected by the official schema of its
 * class and version (the oracle), and ob3kit reports exactly one issue, with the code in the file
 * name, at the path listed in fixtures/invalid/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import {
  assertValidAchievement,
  assertValidCredential,
  assertValidEndorsementCredential,
  assertValidProfile,
  detectVcVersion,
  validateAchievement,
  validateCredential,
  validateEndorsementCredential,
  validateProfile,
} from '../../src/schema/index.js';
import type { ValidationResult } from '../../src/schema/types.js';
import { compileOfficial, HAVE_OB3, OFFICIAL, officialSchema } from './helpers.js';

const DIR = path.resolve(__dirname, '../../fixtures/invalid');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** file -> expected path, from the README's table. */
const expectedPaths = new Map<string, string>();
for (const m of readFileSync(path.join(DIR, 'README.md'), 'utf8').matchAll(
  /^\| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \|$/gm,
)) {
  expectedPaths.set(m[1]!, m[3]!);
}

type Kind = 'achievementcredential' | 'endorsementcredential' | 'profile' | 'achievement';
const VALIDATE: Record<Kind, (d: unknown) => ValidationResult> = {
  achievementcredential: (d) => validateCredential(d),
  endorsementcredential: (d) => validateEndorsementCredential(d),
  profile: (d) => validateProfile(d),
  achievement: (d) => validateAchievement(d),
};
const ASSERT: Record<Kind, (d: unknown) => void> = {
  achievementcredential: (d) => assertValidCredential(d),
  endorsementcredential: (d) => assertValidEndorsementCredential(d),
  profile: (d) => assertValidProfile(d),
  achievement: (d) => assertValidAchievement(d),
};

function oracle(kind: Kind, doc: unknown): boolean {
  const files = detectVcVersion(doc) === '1.1' ? OFFICIAL.vc1 : OFFICIAL.vc2;
  if (kind === 'achievement') {
    const ac = officialSchema(files.AchievementCredential);
    return compileOfficial({ $schema: ac.$schema, $ref: '#/$defs/Achievement', $defs: ac.$defs })(
      doc,
    );
  }
  const rel = {
    achievementcredential: files.AchievementCredential,
    endorsementcredential: files.EndorsementCredential,
    profile: files.Profile,
  }[kind];
  return compileOfficial(officialSchema(rel))(doc);
}

describe('fixtures/invalid', () => {
  it('has named cases, each listed in the README', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const f of files) expect(expectedPaths.has(f), `${f} is not in README.md`).toBe(true);
  });

  for (const file of files) {
    const m =
      /^(achievementcredential|endorsementcredential|profile|achievement)-.+\.([a-z_]+)\.json$/.exec(
        file,
      );
    it(file, () => {
      expect(m, 'file name is <class>-<what>.<code>.json').not.toBeNull();
      const kind = m![1] as Kind;
      const code = m![2]!;
      const doc: unknown = JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
      if (HAVE_OB3) expect(oracle(kind, doc), 'the official schema rejects it').toBe(false);
      const result = VALIDATE[kind](doc);
      expect(result.ok).toBe(false);
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ code, path: expectedPaths.get(file) });
      expect(result.issues[0]!.message.length).toBeGreaterThan(10);
      let thrown: unknown;
      try {
        ASSERT[kind](doc);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).issues).toEqual(result.issues);
    });
  }
});
