/**
 * Attack: the hashes imported on demand failing to load (a chunk a bundler split off cannot be
 * fetched, a broken install). Without WebCrypto, `digest('SHA-384')` (the hash of a P-384
 * ecdsa-rdfc-2019 / ecdsa-jcs-2019 proof) imports `@noble/hashes`' SHA-384; related-resource
 * checks import SHA-2 and SHA-3 from it. A failed import must give no verdict: neither a genuine
 * badge "not authentic" nor a changed resource "verified"; the next call tries again.
 *
 * Found: `digest()` let the import's own error through, and the Data Integrity verifier took
 * it for a fault of the document: a genuine P-384 badge's proof failed with `jsonld_error`
 * ("Unexpected error: Failed to fetch dynamically imported module"), as if the badge could not
 * be canonicalized. Now the failure is a `KeyError` `ERR_CRYPTO_UNAVAILABLE` naming the cause,
 * as for the curves (test/hostile/attack5-curves-load.test.ts): `verify()` reports
 * `internal_error` and answers authentic "unknown", and once the import works the same badge is
 * valid (and a changed one invalid). `checkRelatedResources` already rejected (no outcome was
 * reported) and retried, with the import's own error; it now rejects with the same code.
 *
 * Run in a file of its own: the module graph is reset and `crypto` stubbed.
 */
import { createHash, webcrypto } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindKeyPair, exportKeyPair, generateKeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { controllerDocument, type Json, obCredential } from '../proof/helpers.js';
import { NOW } from './helpers.js';

const ISSUER = 'did:web:issuer.example';
const ISSUER_URL = 'https://issuer.example/.well-known/did.json';
const SHA2 = '@noble/hashes/sha2.js';

let issuerDoc: Json;
const badges: Array<[string, Json]> = [];

beforeAll(async () => {
  const key = bindKeyPair(
    await generateKeyPair({ type: 'P-384', seed: new Uint8Array(48).fill(7) }),
    { id: `${ISSUER}#key-1`, controller: ISSUER },
  );
  issuerDoc = controllerDocument(ISSUER, [exportKeyPair(key)]);
  for (const suite of ['ecdsa-rdfc-2019', 'ecdsa-jcs-2019'] as const) {
    badges.push([suite, await signCredential(obCredential(ISSUER), { key, suite })]);
  }
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.doUnmock(SHA2);
});

afterAll(() => {
  vi.resetModules();
});

const withoutSubtle = () =>
  vi.stubGlobal('crypto', { getRandomValues: webcrypto.getRandomValues.bind(webcrypto) });

/** A fresh module graph in which `@noble/hashes/sha2.js` fails to load while `fail()`. */
function failingSha2(fail: () => boolean): void {
  vi.resetModules();
  vi.doMock(SHA2, async (actual) => {
    if (fail()) throw new Error('Failed to fetch dynamically imported module: sha2.js');
    return await actual();
  });
}

describe("digest('SHA-384') without WebCrypto, its hash failing to load", () => {
  it('rejects with ERR_CRYPTO_UNAVAILABLE naming the cause, then hashes once it loads', async () => {
    let failing = true;
    failingSha2(() => failing);
    const { digest } = await import('../../src/internal/hash.js');
    withoutSubtle();
    await expect(digest('SHA-384', 'abc')).rejects.toMatchObject({
      name: 'KeyError',
      code: 'ERR_CRYPTO_UNAVAILABLE',
      message: expect.stringContaining('SHA-384 without WebCrypto needs'),
      cause: expect.any(Error),
    });
    // SHA-256 is ob3kit's own: no import, no failure.
    expect(Buffer.from(await digest('SHA-256', 'abc')).toString('hex')).toBe(
      createHash('sha256').update('abc').digest('hex'),
    );
    failing = false;
    expect(Buffer.from(await digest('SHA-384', 'abc')).toString('hex')).toBe(
      createHash('sha384').update('abc').digest('hex'),
    );
  });

  it('calls racing the first load all get node:crypto bytes', async () => {
    failingSha2(() => false);
    const { digest } = await import('../../src/internal/hash.js');
    withoutSubtle();
    const texts = Array.from({ length: 24 }, (_, i) => `text ${i} ${'é'.repeat(i * 7)}`);
    const got = await Promise.all(texts.map((t) => digest('SHA-384', t)));
    expect(got.map((d) => Buffer.from(d).toString('hex'))).toEqual(
      texts.map((t) => createHash('sha384').update(t, 'utf8').digest('hex')),
    );
  });

  it('verify() of a genuine P-384 badge answers authentic "unknown", not "no"; "yes" once it loads', async () => {
    for (const [suite, badge] of badges) {
      let failing = true;
      failingSha2(() => failing);
      const { verify } = await import('../../src/verify/index.js');
      withoutSubtle();
      const options = { now: NOW, documents: { [ISSUER_URL]: issuerDoc } };
      const unloaded = await verify(structuredClone(badge), options);

      expect(unloaded.answers.authentic.value, suite).toBe('unknown');
      expect(unloaded.verdict, suite).not.toBe('valid');
      const proof = unloaded.checks.filter((c) => c.id === 'proof' && c.outcome !== 'pass');
      expect(proof, suite).toEqual([
        expect.objectContaining({
          code: 'internal_error',
          message: expect.stringContaining('SHA-384 without WebCrypto needs'),
        }),
      ]);
      failing = false;
      const loaded = await verify(structuredClone(badge), options);
      expect(
        loaded.checks.filter((c) => c.outcome === 'fail'),
        suite,
      ).toEqual([]);
      expect([loaded.answers.authentic.value, loaded.verdict], suite).toEqual(['yes', 'valid']);
      const tampered = structuredClone(badge);
      tampered.name = 'Teamwork Badge!';
      const forged = await verify(tampered, options);
      expect([forged.answers.authentic.value, forged.verdict], suite).toEqual(['no', 'invalid']);
    }
  });
});

describe('related-resource digests, their hashes failing to load', () => {
  const bytes = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const credential = (digestSRI: string) => ({
    relatedResource: [{ id: 'https://example.edu/badge.svg', digestSRI }],
  });
  const resources = { 'https://example.edu/badge.svg': bytes };
  const changed = { 'https://example.edu/badge.svg': bytes.subarray(1) };

  it('reject (no outcome) for a genuine and a changed resource alike, then check once it loads', async () => {
    let failing = true;
    failingSha2(() => failing);
    const { checkRelatedResources } = await import('../../src/proof/related-resource.js');
    await expect(
      checkRelatedResources(credential(`sha256-${sha256}`), { resources }),
    ).rejects.toMatchObject({ code: 'ERR_CRYPTO_UNAVAILABLE', cause: expect.any(Error) });
    await expect(
      checkRelatedResources(credential(`sha256-${sha256}`), { resources: changed }),
    ).rejects.toMatchObject({ code: 'ERR_CRYPTO_UNAVAILABLE', cause: expect.any(Error) });
    failing = false;
    const genuine = await checkRelatedResources(credential(`sha256-${sha256}`), { resources });
    expect(genuine.map((r) => r.outcome)).toEqual(['pass']);
    const tampered = await checkRelatedResources(credential(`sha256-${sha256}`), {
      resources: changed,
    });
    expect(tampered.map((r) => [r.outcome, r.code])).toEqual([
      ['fail', 'related_resource_digest_mismatch'],
    ]);
  });
});
