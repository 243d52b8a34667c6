import { describe, expect, it } from 'vitest';
import { checkToRdf, toNQuads } from '../../src/jsonld/canonize.js';
import { serializeNQuads } from '../../src/jsonld/nquads.js';
import { codeOf } from '../helpers.js';

// checkToRdf is toNQuads without the serialization: the same documents pass (with the same
// quads), the same fail with the same codes (the oracle is toNQuads, itself tested against
// jsonld.js).
const base = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://example.edu/issuers/1', type: ['Profile'], name: 'Example' },
  validFrom: '2024-01-01T00:00:00Z',
  credentialSubject: { type: ['AchievementSubject'] },
};

describe('checkToRdf', () => {
  it('passes a valid credential as toNQuads does, with the same quads', async () => {
    const text = await toNQuads(base);
    expect(text).toContain('OpenBadgeCredential');
    expect(serializeNQuads(await checkToRdf(base))).toBe(text);
  });

  it('fails with the codes of toNQuads', async () => {
    const bad = [
      { ...base, notATerm: 'x' },
      { ...base, '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.com/x'] },
      { ...base, '@context': [...base['@context'], { id: 'urn:x' }] },
    ];
    for (const doc of bad) {
      const expected = await codeOf(toNQuads(doc, { safe: true }));
      expect(expected).toMatch(/^ERR_/);
      expect(await codeOf(checkToRdf(doc, { safe: true }))).toBe(expected);
    }
    expect(await codeOf(checkToRdf(base, { maxQuads: 2 }))).toBe('ERR_CANONIZE_LIMIT');
  });
});
