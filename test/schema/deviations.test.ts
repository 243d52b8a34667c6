/**
 * Where ob3kit's schemas deliberately differ from 1EdTech's official ones (docs/validation.md):
 * each difference is shown against the official files themselves, so that it stays deliberate.
 */
import { describe, expect, it } from 'vitest';
import { validateCredential } from '../../src/schema/index.js';
import { PRECOMPILED } from '../../src/schema/validate.js';
import { withDocumentedDeviations } from './agreement.js';
import {
  compileOfficial,
  HAVE_OB3,
  OFFICIAL,
  officialSchema,
  SKIP_REASON,
  specExamples,
} from './helpers.js';

describe.skipIf(!HAVE_OB3)(
  `documented differences from the official schemas${HAVE_OB3 ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    it('credentialStatus without id: the 2024 VC 2.0 schema refuses it; VC 2.0, the current official schema and ob3kit accept it', () => {
      const example = specExamples().find((e) => e.name.includes('basicOpenBadgeCredential'));
      expect(example).toBeDefined();
      const credential = structuredClone(example!.doc) as Record<string, unknown>;
      credential.credentialStatus = {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '94567',
        statusListCredential: 'https://example.edu/status/3',
      };
      const official2024 = compileOfficial(officialSchema(OFFICIAL.vc2.AchievementCredential));
      const current = compileOfficial(officialSchema(OFFICIAL.lenient.AchievementCredential));
      expect(official2024(credential)).toBe(false);
      expect(current(credential)).toBe(true);
      expect(PRECOMPILED.vc2.AchievementCredential(credential)).toBe(true);
      expect(validateCredential(credential).ok).toBe(true);
      // The oracle of the agreement tests is the official schema with exactly this change.
      const adjusted = compileOfficial(
        withDocumentedDeviations('vc2', officialSchema(OFFICIAL.vc2.AchievementCredential)),
      );
      expect(adjusted(credential)).toBe(true);
      // With an id, every schema accepts it; without a type, none does.
      const withId = {
        ...credential,
        credentialStatus: {
          id: 'https://example.edu/status/3#94567',
          ...(credential.credentialStatus as object),
        },
      };
      expect(official2024(withId)).toBe(true);
      const untyped = structuredClone(credential);
      delete (untyped.credentialStatus as Record<string, unknown>).type;
      expect(current(untyped)).toBe(false);
      expect(PRECOMPILED.vc2.AchievementCredential(untyped)).toBe(false);
    });
  },
);
