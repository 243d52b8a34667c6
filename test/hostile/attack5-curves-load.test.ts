/**
 * Signing, and verification where the runtime has no WebCrypto (React Native's Hermes), import
 * the pure-JS curves on first use. When that import fails (a chunk a bundler split off cannot be
 * fetched, a broken install), a valid signature must not read as forged: the key's `verify`
 * returned `false`, so a genuine VC-JWT came back `jwt_signature_invalid` and a Signer's honest
 * signature was refused as made "with another key". It now rejects with `ERR_CRYPTO_UNAVAILABLE`
 * naming the cause (`verify()` answers authentic "unknown", for a VC-JWT and a Data Integrity
 * proof alike); the failed load is forgotten (the next call loads the curves and answers),
 * and calls racing the first load all get the verdict of an independent implementation
 * (node:crypto). Run in a file of its own: the module graph is reset and `crypto` stubbed.
 */
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDidKey } from '../../src/keys/did.js';
import { exportKeyPair } from '../../src/keys/export.js';
import { generateKeyPair } from '../../src/keys/generate.js';
import { importKeyPair } from '../../src/keys/import.js';
import { importPublicKeyPair } from '../../src/keys/import-public.js';
import { toSigningKey } from '../../src/keys/signer.js';
import type { Jwk, KeyPair } from '../../src/keys/types.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import {
  checkJwsSignature,
  type ParsedJws,
  parseCompactJws,
  signCompactJws,
} from '../../src/proof/jwt/jws.js';

const TYPES = ['Ed25519', 'P-256', 'P-384'] as const;
const NOW = new Date('2025-06-01T00:00:00Z');
type EcOrEd = (typeof TYPES)[number];

interface Case {
  type: EcOrEd;
  key: KeyPair;
  jwk: Jwk;
  message: Uint8Array;
  signature: Uint8Array;
  tampered: Uint8Array;
}

/** node:crypto's verdict on a raw (`r || s` or Ed25519) signature over `message`. */
function oracle(c: Case, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: c.jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  const hash = c.type === 'Ed25519' ? null : c.type === 'P-256' ? 'sha256' : 'sha384';
  return nodeVerify(hash, message, { key, dsaEncoding: 'ieee-p1363' }, signature);
}

const cases: Case[] = [];
let jwt: string;
let signedDi: Record<string, unknown>;
let did: string;
const { getRandomValues } = globalThis.crypto;

/** The module graph loaded afresh, `@noble/curves`' module failing to load while `fail()`. */
async function freshModules(fail: () => boolean) {
  vi.resetModules();
  vi.doMock('../../src/keys/curves.js', async (actual) => {
    if (fail()) throw new Error('Failed to fetch dynamically imported module: curves.js');
    return await actual();
  });
  return {
    ...(await import('../../src/keys/import-public.js')),
    ...(await import('../../src/proof/jwt/index.js')),
    ...(await import('../../src/keys/signer.js')),
  };
}

const withoutSubtle = () =>
  vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });

beforeAll(async () => {
  for (const type of TYPES) {
    const key = await generateKeyPair({
      type,
      seed: new Uint8Array(type === 'P-384' ? 48 : 32).fill(21),
    });
    const message = new TextEncoder().encode(`Open Badges 3.0 ${type}`);
    const signature = await key.sign(message);
    const tampered = signature.slice();
    tampered[7] = (tampered[7] as number) ^ 1;
    const c = { type, key, jwk: key.publicKeyJwk, message, signature, tampered };
    expect(oracle(c, message, signature)).toBe(true);
    expect(oracle(c, message, tampered)).toBe(false);
    cases.push(c);
  }
  const issuer = createDidKey(cases[1]?.key as KeyPair);
  did = issuer.did;
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    // An id: the VC-JWT then carries it as a \`jti\` claim too.
    id: 'urn:uuid:2d6f0a43-58a4-4f0e-9c1b-7e2a9d3c4b51',
    type: ['VerifiableCredential'],
    issuer: did,
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:learner' },
  };
  jwt = await signCredentialJwt(credential, { key: issuer.keyPair });
  signedDi = await signCredential(credential, { key: issuer.keyPair, suite: 'ecdsa-rdfc-2019' });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.doUnmock('../../src/keys/curves.js');
});

afterAll(() => {
  vi.resetModules();
});

describe('the curves failing to load', () => {
  it('a valid signature is not reported invalid: verify rejects with ERR_CRYPTO_UNAVAILABLE, then answers once they load', async () => {
    let failing = true;
    const m = await freshModules(() => failing);
    withoutSubtle();
    for (const c of cases) {
      const key = m.importPublicKeyPair({ ...c.jwk });
      await expect(key.verify(c.message, c.signature), c.type).rejects.toMatchObject({
        name: 'KeyError',
        code: 'ERR_CRYPTO_UNAVAILABLE',
        message: expect.stringMatching(
          /^(Ed25519|P-256|P-384) signature verification without WebCrypto needs .*failed to load/,
        ),
        cause: expect.any(Error),
      });
    }
    failing = false;
    for (const c of cases) {
      const key = m.importPublicKeyPair({ ...c.jwk });
      expect(await key.verify(c.message, c.signature), c.type).toBe(true);
      expect(await key.verify(c.message, c.tampered), c.type).toBe(false);
    }
  });

  it('a VC-JWT is not reported jwt_signature_invalid, and verifies once the curves load', async () => {
    let failing = true;
    const m = await freshModules(() => failing);
    withoutSubtle();
    await expect(m.verifyCredentialJwt(jwt)).rejects.toMatchObject({
      code: 'ERR_CRYPTO_UNAVAILABLE',
    });
    failing = false;
    const result = await m.verifyCredentialJwt(jwt);
    expect(result.issues).toEqual([]);
    expect(result.verified).toBe(true);
  });

  for (const [what, input] of [
    ['an ES256 VC-JWT', () => jwt],
    ['an ecdsa-rdfc-2019 proof', () => signedDi],
  ] as const) {
    it(`verify() of ${what} answers authentic "unknown" (internal_error naming the cause), not "no"`, async () => {
      let failing = true;
      vi.resetModules();
      vi.doMock('../../src/keys/curves.js', async (actual) => {
        if (failing) throw new Error('Failed to fetch dynamically imported module: curves.js');
        return await actual();
      });
      const { verify } = await import('../../src/verify/index.js');
      withoutSubtle();
      const unloaded = await verify(input(), { profile: 'vc', now: NOW });
      const proof = unloaded.checks.filter((c) => c.id === 'proof' && c.outcome !== 'pass');
      expect(proof).toEqual([
        expect.objectContaining({
          code: 'internal_error',
          message: expect.stringContaining('P-256 signature verification without WebCrypto needs'),
        }),
      ]);
      expect(unloaded.answers?.authentic.value).toBe('unknown');
      // The signature was not checked: the report does not say everything was.
      expect(unloaded.answers?.fullyChecked.value).toBe('no');
      expect(unloaded.verdict).toBe('invalid');
      // The other checks read the credential, not the JWT claims around it (`iss`, `nbf`, ...
      // are not JSON-LD terms of the credential): nothing else fails.
      expect(unloaded.checks.filter((c) => c.outcome === 'fail' && c.id !== 'proof')).toEqual([]);
      failing = false;
      const loaded = await verify(input(), { profile: 'vc', now: NOW });
      expect(loaded.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
      expect(loaded.answers?.authentic.value).toBe('yes');
      expect(loaded.answers?.fullyChecked.value).toBe('yes');
    });
  }

  it("a Signer's honest signature is not refused as made with another key", async () => {
    const c = cases[1] as Case;
    let failing = true;
    const m = await freshModules(() => failing);
    const signing = m.toSigningKey(
      {
        algorithm: 'ES256',
        id: `${did}#key`,
        publicKeyJwk: c.jwk,
        sign: async () => c.signature,
      },
      'sign',
    );
    withoutSubtle();
    await expect(signing.sign(c.message)).rejects.toMatchObject({
      code: 'ERR_CRYPTO_UNAVAILABLE',
    });
    failing = false;
    expect(await signing.sign(c.message)).toEqual(c.signature);
  });
});

describe('RSA without WebCrypto', () => {
  it('a JWS signature check has no verdict (ERR_CRYPTO_UNAVAILABLE), not jwt_signature_invalid', async () => {
    const key = await generateKeyPair({ type: 'RSA' });
    const header = { alg: 'RS256' };
    const payload = { iss: 'did:example:issuer' };
    const text = await signCompactJws(header, payload, toSigningKey(key, 'sign'));
    const { parsed } = parseCompactJws(text, 10_000);
    const publicKey = importPublicKeyPair(key.publicKeyJwk);
    expect(await checkJwsSignature(parsed as ParsedJws, 'RS256', publicKey, 'JWT')).toEqual([]);
    withoutSubtle();
    const fresh = importPublicKeyPair(key.publicKeyJwk);
    await expect(
      checkJwsSignature(parsed as ParsedJws, 'RS256', fresh, 'JWT'),
    ).rejects.toMatchObject({ code: 'ERR_CRYPTO_UNAVAILABLE' });
  });

  it('a key first used before WebCrypto is there works once it is (the failure is not kept)', async () => {
    const key = await generateKeyPair({ type: 'RSA' });
    const message = new TextEncoder().encode('Open Badges 3.0');
    const signature = await key.sign(message);
    const publicKey = importPublicKeyPair(key.publicKeyJwk);
    const signer = importKeyPair(exportKeyPair(key, { format: 'jwk', includeSecret: true }));
    withoutSubtle();
    await expect(publicKey.verify(message, signature)).rejects.toMatchObject({
      code: 'ERR_CRYPTO_UNAVAILABLE',
    });
    await expect(signer.sign(message)).rejects.toMatchObject({ code: 'ERR_CRYPTO_UNAVAILABLE' });
    vi.unstubAllGlobals();
    expect(await publicKey.verify(message, signature)).toBe(true);
    // RSASSA-PKCS1-v1_5 is deterministic: the same key signs the same bytes.
    expect(await signer.sign(message)).toEqual(signature);
    const tampered = signature.slice();
    tampered[0] = (tampered[0] as number) ^ 1;
    expect(await publicKey.verify(message, tampered)).toBe(false);
  });
});

describe('the first load raced', () => {
  it('many verifications racing the first load all give node:crypto verdicts', async () => {
    const m = await freshModules(() => false);
    withoutSubtle();
    const runs: Array<Promise<[boolean, boolean]>> = [];
    for (let i = 0; i < 24; i++) {
      const c = cases[i % cases.length] as Case;
      const key = m.importPublicKeyPair({ ...c.jwk });
      const bad = i % 2 === 0;
      const sig = bad ? c.tampered : c.signature;
      runs.push(key.verify(c.message, sig).then((v) => [v, oracle(c, c.message, sig)]));
    }
    const verdicts = await Promise.all(runs);
    for (const [ours, theirs] of verdicts) expect(ours).toBe(theirs);
    expect(verdicts.filter(([v]) => v)).toHaveLength(12);
  });

  it('calls racing a failed first load all reject; the next ones all answer', async () => {
    let failing = true;
    const m = await freshModules(() => failing);
    withoutSubtle();
    const keys = cases.map((c) => m.importPublicKeyPair({ ...c.jwk }));
    const first = await Promise.allSettled(
      keys.flatMap((k, i) =>
        [0, 1, 2].map(() =>
          k.verify(cases[i]?.message as Uint8Array, cases[i]?.signature as Uint8Array),
        ),
      ),
    );
    for (const r of first) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_CRYPTO_UNAVAILABLE' });
    }
    failing = false;
    const next = await Promise.all(
      keys.map((k, i) =>
        k.verify(cases[i]?.message as Uint8Array, cases[i]?.signature as Uint8Array),
      ),
    );
    expect(next).toEqual([true, true, true]);
  });
});
