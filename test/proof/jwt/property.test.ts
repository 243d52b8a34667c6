import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../../src/keys/index.js';
import { signCredentialJwt, verifyCredentialJwt } from '../../../src/proof/jwt/index.js';
import { b64u, HAS_EXAMPLE, loadBasicCredential, SKIP_REASON } from './helpers.js';

if (!HAS_EXAMPLE) console.warn(`test/proof/jwt property tests skipped: ${SKIP_REASON}`);

const NOW = new Date('2024-06-01T00:00:00Z');
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe.skipIf(!HAS_EXAMPLE)('VC-JWT properties', () => {
  let key: KeyPair;
  let credential: Record<string, unknown>;
  let jwt: string;

  beforeAll(async () => {
    const did = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(7) }));
    key = did.keyPair;
    const base = loadBasicCredential();
    credential = { ...base, issuer: { ...(base.issuer as object), id: did.did } };
    jwt = await signCredentialJwt(credential, { key, now: NOW });
    expect((await verifyCredentialJwt(jwt, { now: NOW })).verified).toBe(true);
  });

  it('round trip: any credential text content signs and verifies unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (name, narrative) => {
          const c = { ...credential, name, description: narrative };
          const r = await verifyCredentialJwt(await signCredentialJwt(c, { key, now: NOW }), {
            now: NOW,
          });
          expect(r.issues).toEqual([]);
          expect(r.credential).toEqual(c);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('no single-character change of a signed JWT verifies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: jwt.length - 1 }),
        fc.constantFrom(...B64URL),
        async (at, ch) => {
          fc.pre(jwt[at] !== '.' && jwt[at] !== ch);
          const bad = `${jwt.slice(0, at)}${ch}${jwt.slice(at + 1)}`;
          const r = await verifyCredentialJwt(bad, { now: NOW });
          expect(r.verified).toBe(false);
          expect(r.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never throws on arbitrary strings or arbitrary JSON segments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .tuple(fc.jsonValue(), fc.jsonValue(), fc.string({ maxLength: 20 }))
            .map(([h, p, s]) => `${b64u(h)}.${b64u(p)}.${s}`),
          fc
            .tuple(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue())
            .map(([h, p]) => `${b64u({ alg: 'EdDSA', ...h })}.${b64u(p)}.AAAA`),
        ),
        async (input) => {
          const r = await verifyCredentialJwt(input, { now: NOW });
          expect(r.verified).toBe(false);
          expect(r.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
