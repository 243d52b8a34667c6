/**
 * The bundled Open Badges 2.0 context, proven equal to 1EdTech's publication, and processed as
 * the reference JSON-LD stack processes it.
 */
import { createHash } from 'node:crypto';
import canonicalizeJson from 'canonicalize';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader, getBundledContext, toNQuads } from '../../src/jsonld/index.js';
import { isOb2Assertion } from '../../src/ob2/index.js';
import { fixture } from './helpers.js';

/**
 * SHA-256 of the RFC 8785 (JCS) form of 1EdTech's Open Badges 2.0 context: the file
 * `ob_v2p0/v2/context.json` of 1EdTech/openbadges-specification (commit 862c487381ea), whose 81
 * term definitions are also, member for member, the `openbadges_context` that
 * 1EdTech/openbadges-validator-core tests with (tests/testfiles/test_components.py, commit
 * 03d952004cce). Computed from those publications, not from ob3kit's file.
 */
const PUBLISHED_JCS_SHA256 = '4b5f71314b9fef23264b05bab6a03811e8fc1e5e7506b79b092aec91865e7e07';

describe('the Open Badges 2.0 context', () => {
  it("is JSON-equal to 1EdTech's published context (pinned by its JCS hash)", () => {
    const bundled = getBundledContext('https://w3id.org/openbadges/v2') as Record<
      string,
      Record<string, unknown>
    >;
    const jcs = canonicalizeJson(bundled) as string;
    expect(createHash('sha256').update(jcs).digest('hex')).toBe(PUBLISHED_JCS_SHA256);
    expect(Object.keys(bundled['@context'] ?? {})).toHaveLength(81);
    expect(getBundledContext('https://openbadgespec.org/v2/context.json')).toBe(bundled);
  });

  it('expands the specification examples as jsonld.js does (safe mode)', async () => {
    const loader = createDocumentLoader();
    for (const name of [
      'assertion-hosted',
      'assertion-embedded',
      'badgeclass',
      'issuer',
      'revocation-list',
    ]) {
      const doc = fixture(`spec/${name}.json`);
      const ours = await toNQuads(doc);
      const reference = await (
        jsonld.toRDF as unknown as (d: object, o: object) => Promise<string>
      )(doc, {
        format: 'application/n-quads',
        safe: true,
        documentLoader: async (url: string) => ({
          contextUrl: null,
          documentUrl: url,
          document: structuredClone((await loader(url)).document),
        }),
      });
      const sort = (t: string) => t.split('\n').filter(Boolean).sort().join('\n');
      expect(sort(ours), name).toBe(sort(reference));
      expect(ours.length, name).toBeGreaterThan(100);
    }
    // verify (alias of verification) and hosted (alias of HostedBadge) mean what the spec says.
    const quads = await toNQuads(fixture('spec/assertion-hosted.json'));
    expect(quads).toContain('<https://w3id.org/openbadges#verify>');
    expect(quads).toContain('<https://w3id.org/openbadges#HostedBadge>');
    const alias = fixture('spec/assertion-hosted.json');
    alias.verify = alias.verification;
    delete alias.verification;
    expect(await toNQuads(alias)).toBe(quads);
  });

  it('isOb2Assertion tells 2.0 assertions from 3.0 credentials', () => {
    expect(isOb2Assertion(fixture('spec/assertion-hosted.json'))).toBe(true);
    expect(isOb2Assertion({ type: 'Assertion' })).toBe(true);
    expect(isOb2Assertion(fixture('spec/revoked-hosted.json'))).toBe(true);
    expect(isOb2Assertion(fixture('spec/badgeclass.json'))).toBe(false);
    expect(
      isOb2Assertion({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential', 'Assertion'],
      }),
    ).toBe(false);
    expect(
      isOb2Assertion({ '@context': 'https://w3id.org/openbadges/v1', type: 'Assertion' }),
    ).toBe(false);
    expect(isOb2Assertion('https://example.org/a')).toBe(false);
  });
});
