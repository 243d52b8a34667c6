/**
 * relatedResource digests (VC 2.0 section 5.3): checked against given or fetched resources,
 * never passed when unchecked. The expected digests are computed here with node:crypto and
 * multiformats, independently of ob3kit.
 */
import { createHash } from 'node:crypto';
import { base58btc } from 'multiformats/bases/base58';
import { describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { checkRelatedResources, signCredential } from '../../src/proof/index.js';

const URL_A = 'https://example.org/badges/a.png';
const URL_B = 'https://example.org/badges/b.txt';
const BYTES_A = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255, 254]);
const TEXT_B = 'héllo, related resource\n';

const digest = (alg: string, data: Uint8Array | string) => createHash(alg).update(data).digest();
const sri = (alg: 'sha256' | 'sha384' | 'sha512', data: Uint8Array | string) =>
  `${alg}-${digest(alg, data).toString('base64')}`;
/** Multibase base64url ('u') of a multihash (code, length, digest). */
const multihashU = (code: number, alg: string, data: Uint8Array | string) => {
  const d = digest(alg, data);
  return `u${Buffer.concat([Buffer.from([code, d.length]), d]).toString('base64url')}`;
};

function credential(did: string, relatedResource: unknown): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: did,
    credentialSubject: { id: 'did:example:subject' },
    relatedResource,
  };
}

describe('checkRelatedResources', () => {
  it('passes every digest form for the right bytes, given by URL', async () => {
    const d256 = digest('sha256', BYTES_A);
    const entries = [
      { id: URL_A, digestSRI: sri('sha384', BYTES_A) },
      { id: URL_A, digestSRI: `${sri('sha256', BYTES_A)} ${sri('sha512', BYTES_A)}` },
      { id: URL_A, digestMultibase: multihashU(0x12, 'sha256', BYTES_A) },
      { id: URL_A, digestMultibase: multihashU(0x20, 'sha384', BYTES_A) },
      { id: URL_A, digestMultibase: multihashU(0x16, 'sha3-256', BYTES_A) },
      { id: URL_A, digestMultibase: multihashU(0x14, 'sha3-512', BYTES_A) },
      {
        id: URL_A,
        digestMultibase: base58btc.encode(Buffer.concat([Buffer.from([0x12, 32]), d256])),
      },
      // A bare SHA-256 digest without multihash header, as the W3C suite writes it.
      { id: URL_A, digestMultibase: `u${d256.toString('base64url')}` },
      {
        id: URL_B,
        digestSRI: sri('sha384', TEXT_B),
        digestMultibase: multihashU(0x13, 'sha512', TEXT_B),
      },
    ];
    for (const entry of entries) {
      const r = await checkRelatedResources(
        { relatedResource: entry },
        { resources: { [URL_A]: BYTES_A, [URL_B]: TEXT_B } },
      );
      expect(r, JSON.stringify(entry)).toEqual([
        expect.objectContaining({
          id: entry.id,
          outcome: 'pass',
          code: 'related_resource_verified',
        }),
      ]);
    }
  });

  it('fails a digest of other bytes, naming the algorithm and the entry', async () => {
    const other = new Uint8Array([1, 2, 3]);
    const r = await checkRelatedResources(
      {
        relatedResource: [
          { id: URL_A, digestSRI: sri('sha384', other) },
          { id: URL_B, digestMultibase: multihashU(0x12, 'sha256', other) },
          // SRI: only the strongest algorithm counts, so a matching sha256 does not rescue it.
          {
            id: 'https://example.org/c',
            digestSRI: `${sri('sha256', BYTES_A)} ${sri('sha512', other)}`,
          },
          // Every digestMultibase must match, even when the SRI one does.
          {
            id: 'https://example.org/d',
            digestSRI: sri('sha384', BYTES_A),
            digestMultibase: multihashU(0x12, 'sha256', other),
          },
        ],
      },
      {
        resources: {
          [URL_A]: BYTES_A,
          [URL_B]: TEXT_B,
          'https://example.org/c': BYTES_A,
          'https://example.org/d': BYTES_A,
        },
      },
    );
    expect(r.map((x) => [x.path, x.outcome, x.code])).toEqual([
      ['$.relatedResource[0]', 'fail', 'related_resource_digest_mismatch'],
      ['$.relatedResource[1]', 'fail', 'related_resource_digest_mismatch'],
      ['$.relatedResource[2]', 'fail', 'related_resource_digest_mismatch'],
      ['$.relatedResource[3]', 'fail', 'related_resource_digest_mismatch'],
    ]);
    expect(r[0]?.message).toBe(
      `The sha2-384 digest of ${URL_A} (10 bytes) does not match ${sri('sha384', other)}`,
    );
  });

  it('offline, a resource that is not given is unchecked, never passed', async () => {
    const r = await checkRelatedResources({
      relatedResource: { id: URL_A, digestSRI: sri('sha384', BYTES_A) },
    });
    expect(r).toEqual([
      {
        id: URL_A,
        path: '$.relatedResource',
        outcome: 'skip',
        code: 'related_resource_unchecked',
        message: `${URL_A} was neither given (resources) nor fetchable (no fetch): its digest is not checked`,
      },
    ]);
  });

  it('fetches over https only, refusing redirects, within a byte limit', async () => {
    const calls: Array<{ url: string; redirect: string }> = [];
    const fetch = async (url: string, init: { redirect: string }) => {
      calls.push({ url, redirect: init.redirect });
      if (url.endsWith('/big')) {
        return { ok: true, status: 200, arrayBuffer: async () => new ArrayBuffer(2048) };
      }
      if (url.endsWith('/gone'))
        return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
      return { ok: true, status: 200, arrayBuffer: async () => BYTES_A.slice().buffer };
    };
    const d = sri('sha384', BYTES_A);
    const r = await checkRelatedResources(
      {
        relatedResource: [
          { id: URL_A, digestSRI: d },
          { id: 'http://example.org/plain', digestSRI: d },
          { id: 'https://example.org/big', digestSRI: d },
          { id: 'https://example.org/gone', digestSRI: d },
        ],
      },
      { fetch, maxResourceBytes: 1024 },
    );
    expect(r.map((x) => [x.outcome, x.code])).toEqual([
      ['pass', 'related_resource_verified'],
      ['skip', 'related_resource_unavailable'],
      ['skip', 'related_resource_unavailable'],
      ['skip', 'related_resource_unavailable'],
    ]);
    expect(r[1]?.message).toMatch(/only https resources are fetched/);
    expect(r[2]?.message).toMatch(/larger than 1024 bytes/);
    expect(r[3]?.message).toMatch(/HTTP 404/);
    expect(calls.map((c) => c.url)).not.toContain('http://example.org/plain');
    expect(calls.every((c) => c.redirect === 'error')).toBe(true);
  });

  it('reads a streamed body up to the limit, and stops there', async () => {
    let pulled = 0;
    const stream = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(512));
        },
      });
    const fetch = async () => ({
      ok: true,
      status: 200,
      arrayBuffer: async () => {
        throw new Error('not read whole');
      },
      body: stream(),
    });
    const r = await checkRelatedResources(
      { relatedResource: { id: URL_A, digestSRI: sri('sha384', BYTES_A) } },
      { fetch, maxResourceBytes: 4096 },
    );
    expect(r[0]?.code).toBe('related_resource_unavailable');
    expect(pulled).toBeLessThan(12); // an endless body is cut off after about 4 KiB
    // A declared length over the limit is refused before reading.
    const declared = async () => ({
      ok: true,
      status: 200,
      headers: { get: (h: string) => (h === 'content-length' ? '999999' : null) },
      arrayBuffer: async () => {
        throw new Error('not read');
      },
    });
    const r2 = await checkRelatedResources(
      { relatedResource: { id: URL_A, digestSRI: sri('sha384', BYTES_A) } },
      { fetch: declared, maxResourceBytes: 4096 },
    );
    expect(r2[0]?.message).toMatch(/larger than 4096 bytes/);
  });

  it('stops fetching at maxFetches', async () => {
    let n = 0;
    const fetch = async () => {
      n++;
      return { ok: true, status: 200, arrayBuffer: async () => BYTES_A.slice().buffer };
    };
    const entries = Array.from({ length: 5 }, (_, i) => ({
      id: `https://example.org/r/${i}`,
      digestSRI: sri('sha384', BYTES_A),
    }));
    const r = await checkRelatedResources({ relatedResource: entries }, { fetch, maxFetches: 2 });
    expect(n).toBe(2);
    expect(r.map((x) => x.code)).toEqual([
      'related_resource_verified',
      'related_resource_verified',
      'related_resource_unavailable',
      'related_resource_unavailable',
      'related_resource_unavailable',
    ]);
  });
});

describe('signing with relatedResource', () => {
  it('signs when the digests match or cannot be checked; refuses a mismatch it can see', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair());
    const good = credential(did, [{ id: URL_A, digestSRI: sri('sha384', BYTES_A) }]);
    // Offline and not given: signed (the digest is the issuer's statement; verifiers check it).
    await expect(signCredential(good, { key: keyPair })).resolves.toHaveProperty('proof');
    // Given and matching: signed.
    await expect(
      signCredential(good, { key: keyPair, validate: { resources: { [URL_A]: BYTES_A } } }),
    ).resolves.toHaveProperty('proof');
    // Given and not matching: refused with the entry's path.
    await expect(
      signCredential(good, {
        key: keyPair,
        validate: { resources: { [URL_A]: new Uint8Array([0]) } },
      }),
    ).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_INVALID',
      issues: [
        expect.objectContaining({
          code: 'related_resource_digest_mismatch',
          path: '$.relatedResource[0]',
        }),
      ],
    });
  });

  it('refuses the W3C suite negative relatedResource forms', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair());
    const d = sri('sha384', BYTES_A);
    const cases: Array<[unknown, string]> = [
      [[URL_A], 'related_resource_invalid'],
      [[{ digestSRI: d }], 'related_resource_id_missing'],
      [
        [
          { id: URL_A, digestSRI: d },
          { id: URL_A, digestMultibase: multihashU(0x12, 'sha256', BYTES_A) },
        ],
        'related_resource_duplicate',
      ],
      [[{ id: URL_A }], 'related_resource_digest_missing'],
    ];
    for (const [related, code] of cases) {
      await expect(
        signCredential(credential(did, related), { key: keyPair }),
      ).rejects.toMatchObject({
        code: 'ERR_CREDENTIAL_INVALID',
        issues: [expect.objectContaining({ code })],
      });
    }
  });
});
