/**
 * The fast path is really taken for typical credentials, is skipped where it must be (a
 * caller-written loader, documents outside its subset), and keeps jsonld.js and rdf-canonize
 * out of the static import graph (cold start).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonize, createDocumentLoader, getBundledContext } from '../../src/jsonld/index.js';
import { documentToQuadsStats } from '../../src/jsonld/quads.js';

const badge = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:6d7a2e8c-2f1a-4d3e-9c51-0b8f4a1e2d77',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://example.edu/issuers/565049', type: ['Profile'], name: 'Example' },
  validFrom: '2024-01-01T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.edu/achievements/1',
      type: ['Achievement'],
      name: 'Teamwork',
      criteria: { narrative: 'Works well with others.' },
    },
  },
};

async function taken(run: () => Promise<unknown>): Promise<'fast' | 'fallback'> {
  const before = { ...documentToQuadsStats };
  await run();
  if (documentToQuadsStats.fast > before.fast) return 'fast';
  expect(documentToQuadsStats.fallback).toBeGreaterThan(before.fallback);
  return 'fallback';
}

describe('fast path routing', () => {
  it('takes the fast path with the default and with createDocumentLoader loaders', async () => {
    expect(await taken(() => canonize(badge))).toBe('fast');
    expect(await taken(() => canonize(badge, { documentLoader: createDocumentLoader() }))).toBe(
      'fast',
    );
  });

  it('uses jsonld.js for a caller-written loader, with the same result', async () => {
    const own = async (url: string) => ({
      contextUrl: null,
      documentUrl: url,
      document: structuredClone(getBundledContext(url)),
    });
    let out = '';
    expect(await taken(async () => (out = await canonize(badge, { documentLoader: own })))).toBe(
      'fallback',
    );
    expect(out).toBe(await canonize(badge));
  });

  it('uses jsonld.js for registered (non-bundled) contexts, and for inline contexts', async () => {
    const documentLoader = createDocumentLoader({
      contexts: { 'https://example.org/ctx': { '@context': { nick: 'https://example.org/nick' } } },
    });
    const registered = {
      ...badge,
      '@context': [...badge['@context'], 'https://example.org/ctx'],
      nick: 'n',
    };
    expect(await taken(() => canonize(registered, { documentLoader }))).toBe('fallback');
    const inline = {
      ...badge,
      '@context': [...badge['@context'], { nick: 'https://example.org/nick' }],
      nick: 'n',
    };
    expect(await taken(() => canonize(inline))).toBe('fallback');
  });

  it('leaves undefined terms to jsonld.js, which raises ERR_JSONLD_UNDEFINED_TERM', async () => {
    const bad = { ...badge, nickname: 'x' };
    await expect(canonize(bad)).rejects.toMatchObject({
      code: 'ERR_JSONLD_UNDEFINED_TERM',
      details: { term: 'nickname' },
    });
  });
});

describe('cold start', () => {
  it('no module of src/jsonld imports jsonld.js or rdf-canonize statically', () => {
    const dir = path.resolve(__dirname, '../../src/jsonld');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const statics = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map(
        (m) => m[1],
      );
      expect(
        statics.filter((m) => m === 'jsonld' || m?.startsWith('jsonld/')),
        f,
      ).toEqual([]);
      expect(
        statics.filter((m) => m === 'rdf-canonize'),
        f,
      ).toEqual([]);
    }
  });
});
