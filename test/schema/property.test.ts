/**
 * Property tests (fast-check): arbitrary JSON never makes a validator throw and always gets a
 * well-formed result; random combinations of the corpus' mutations get the official verdict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lenient from '../../src/schema/generated/lenient.generated.js';
import * as vc1 from '../../src/schema/generated/vc1.generated.js';
import * as vc2 from '../../src/schema/generated/vc2.generated.js';
import {
  validateAchievement,
  validateCredential,
  validateEndorsementCredential,
  validateProfile,
} from '../../src/schema/index.js';
import type { ValidationResult } from '../../src/schema/types.js';
import { compact, mutate, toVc1 } from './corpus.js';
import {
  compileOfficial,
  HAVE_OB3,
  OFFICIAL,
  officialSchema,
  SKIP_REASON,
  specExamples,
} from './helpers.js';

function wellFormed(r: ValidationResult): void {
  expect(r.ok).toBe(r.issues.length === 0);
  expect(r.schemas.length).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(i.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(i.path.startsWith('$')).toBe(true);
    expect(i.message.length).toBeGreaterThan(0);
  }
}

describe('arbitrary input', () => {
  it('never throws and always gives a well-formed result', () => {
    const credentialish = fc.record(
      {
        '@context': fc.oneof(fc.constant(['https://www.w3.org/ns/credentials/v2']), fc.jsonValue()),
        type: fc.oneof(
          fc.constant(['VerifiableCredential', 'OpenBadgeCredential']),
          fc.constant(['VerifiableCredential', 'EndorsementCredential']),
          fc.jsonValue(),
        ),
        issuer: fc.jsonValue(),
        credentialSubject: fc.jsonValue(),
        credentialSchema: fc.jsonValue(),
        'odd key/~': fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), credentialish), fc.boolean(), (doc, isLenient) => {
        wellFormed(validateCredential(doc, { lenient: isLenient }));
        wellFormed(validateEndorsementCredential(doc));
        wellFormed(validateProfile(doc, { version: '1.1' }));
        wellFormed(validateAchievement(doc));
      }),
      { numRuns: 300, seed: 0x0b3 },
    );
  });
});

describe.skipIf(!HAVE_OB3)(
  `random mutation chains${HAVE_OB3 ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    it('get the official verdict in every form', () => {
      const oracles = {
        vc2: compileOfficial(officialSchema(OFFICIAL.vc2.AchievementCredential)),
        vc1: compileOfficial(officialSchema(OFFICIAL.vc1.AchievementCredential)),
        lenient: compileOfficial(officialSchema(OFFICIAL.lenient.AchievementCredential)),
      };
      const ours = {
        vc2: vc2.achievementCredential,
        vc1: vc1.achievementCredential,
        lenient: lenient.achievementCredential,
      };
      const basic = specExamples().find((e) => e.name.startsWith('basicOpenBadgeCredential'))!.doc;
      const starts = [basic, toVc1(basic), compact(basic)];
      let valid = 0;
      fc.assert(
        fc.property(
          fc.constantFrom(...starts),
          fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
          (start, picks) => {
            let doc: unknown = start;
            for (const pick of picks) {
              const options = mutate('chain', doc).slice(1);
              if (options.length === 0) break;
              doc = options[pick % options.length]!.doc;
            }
            for (const form of ['vc2', 'vc1', 'lenient'] as const) {
              const expected = oracles[form](doc);
              if (expected) valid++;
              expect(ours[form](doc), `${form}: ${JSON.stringify(doc)}`).toBe(expected);
            }
            const r = validateCredential(doc, { lenient: true });
            wellFormed(r);
          },
        ),
        { numRuns: 200, seed: 0x0b3 },
      );
      expect(valid).toBeGreaterThan(0);
    });
  },
);
