/**
 * The on-demand path `verify()` uses (one form's validators loaded when a credential needs them)
 * gives the same results as the synchronous `validateCredential`, which holds all three forms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadForm, validateCredentialOnDemand } from '../../src/schema/forms.js';
import { validateCredential } from '../../src/schema/index.js';
import { PRECOMPILED } from '../../src/schema/validate.js';

const DIR = path.resolve(__dirname, '../../fixtures/invalid');
const invalid = readdirSync(DIR)
  .filter((f) => /^(achievement|endorsement)credential-.*\.json$/.test(f))
  .map((f) => [f, JSON.parse(readFileSync(path.join(DIR, f), 'utf8'))] as const);

const valid = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:2d7a4c3e-1b8f-4a43-9d2e-5c1e6f7a8b9c',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://example.edu/issuer', type: ['Profile'], name: 'Example' },
  validFrom: '2024-01-01T00:00:00Z',
  name: 'Teamwork',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.edu/achievements/1',
      type: ['Achievement'],
      name: 'Teamwork',
      description: 'Works well in a team.',
      criteria: { narrative: 'Be nominated.' },
    },
  },
};
// A single value where the plain schema wants an array: only the lenient form accepts it.
const compacted = {
  ...valid,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { ...valid.credentialSubject, type: 'AchievementSubject' },
};
const vc1 = {
  ...valid,
  '@context': [
    'https://www.w3.org/2018/credentials/v1',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  issuanceDate: '2024-01-01T00:00:00Z',
};

const OPTIONS = [{}, { lenient: true }, { version: '1.1' as const }, { version: '2.0' as const }];

describe('schema validators loaded on demand', () => {
  it('agree with validateCredential on valid, compacted, VC 1.1 and every invalid fixture', async () => {
    const docs: Array<readonly [string, unknown]> = [
      ['valid', valid],
      ['compacted', compacted],
      ['vc1', vc1],
      ...invalid,
    ];
    expect(invalid.length).toBeGreaterThan(10);
    let failures = 0;
    for (const [name, doc] of docs) {
      for (const options of OPTIONS) {
        const sync = validateCredential(doc, options);
        if (!sync.ok) failures++;
        expect([name, options, await validateCredentialOnDemand(doc, options)]).toEqual([
          name,
          options,
          sync,
        ]);
      }
    }
    expect(failures).toBeGreaterThan(0);
    expect(validateCredential(valid).ok).toBe(true);
    expect(validateCredential(compacted).ok).toBe(false);
    expect(validateCredential(compacted, { lenient: true }).ok).toBe(true);
  });

  it('loads each form once, the same validators the synchronous functions hold', async () => {
    for (const form of ['vc2', 'vc1', 'lenient'] as const) {
      const first = loadForm(form);
      expect(loadForm(form)).toBe(first);
      expect(await first).toEqual(PRECOMPILED[form]);
      expect((await first).AchievementCredential).toBe(PRECOMPILED[form].AchievementCredential);
    }
  });

  it('refuses bad options as validateCredential does', async () => {
    await expect(validateCredentialOnDemand(valid, { version: '3.0' as never })).rejects.toThrow(
      TypeError,
    );
    expect(() => validateCredential(valid, { version: '3.0' as never })).toThrow(TypeError);
  });
});
