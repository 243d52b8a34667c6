import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindKeyPair, exportKeyPair, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { controllerDocument, type Json, obCredential } from './helpers.js';

const ISSUER = 'https://example.edu/issuers/565049';
let ed: KeyPair;
let p256: KeyPair;
let p384: KeyPair;
let documents: Record<string, Json>;

beforeAll(async () => {
  ed = bindKeyPair(await generateKeyPair({ seed: new Uint8Array(32).fill(31) }), {
    id: `${ISSUER}#ed`,
    controller: ISSUER,
  });
  p256 = bindKeyPair(await generateKeyPair({ type: 'P-256', seed: new Uint8Array(32).fill(32) }), {
    id: `${ISSUER}#p256`,
    controller: ISSUER,
  });
  p384 = bindKeyPair(await generateKeyPair({ type: 'P-384', seed: new Uint8Array(48).fill(33) }), {
    id: `${ISSUER}#p384`,
    controller: ISSUER,
  });
  documents = {
    [ISSUER]: controllerDocument(
      ISSUER,
      [ed, p256, p384].map((k) => exportKeyPair(k)),
    ),
  };
});

/** Every path to a string leaf of a JSON value. */
function stringLeaves(
  value: Json,
  path: Array<string | number> = [],
): Array<Array<string | number>> {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function setAt(root: Json, path: Array<string | number>, next: string): Json {
  const copy = structuredClone(root);
  let cur = copy;
  for (const key of path.slice(0, -1)) cur = cur[key];
  cur[path[path.length - 1] as string | number] = next;
  return copy;
}

describe('properties', () => {
  it('sign then verify round-trips for any badge text and either suite', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 80 }), // an empty narrative is refused (criteria)
        fc.boolean(),
        async (name, narrative, useP256) => {
          const credential = obCredential(ISSUER);
          credential.credentialSubject.achievement.name = name;
          credential.credentialSubject.achievement.criteria.narrative = narrative;
          const signed = await signCredential(credential, {
            key: useP256 ? p256 : ed,
            suite: useP256 ? 'ecdsa-rdfc-2019' : 'eddsa-rdfc-2022',
            created: '2024-01-01T00:00:00Z',
          });
          const result = await verifyCredentialProof(signed, { documents });
          expect(result.issues).toEqual([]);
          expect(result.verified).toBe(true);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('any change to any string leaf of a signed credential (proof included) fails verification', async () => {
    const signed = await signCredential(obCredential(ISSUER), {
      key: ed,
      created: '2024-01-01T00:00:00Z',
    });
    const leaves = stringLeaves(signed);
    expect(leaves.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...leaves),
        fc.string({ maxLength: 30 }),
        async (path, replacement) => {
          const original = path.reduce((v: Json, k) => v[k], signed) as string;
          fc.pre(replacement !== original);
          const mutated = setAt(signed, path, replacement);
          const result = await verifyCredentialProof(mutated, { documents });
          expect(result.verified).toBe(false);
          expect(result.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('JCS suites and P-384: round trips for any badge text, and any changed string leaf fails', async () => {
    const suites = [
      [ed, 'eddsa-jcs-2022'],
      [p256, 'ecdsa-jcs-2019'],
      [p384, 'ecdsa-jcs-2019'],
      [p384, 'ecdsa-rdfc-2019'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...suites),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.string({ maxLength: 30 }),
        fc.nat(),
        async ([key, suite], name, replacement, pick) => {
          const credential = obCredential(ISSUER);
          credential.credentialSubject.achievement.name = name;
          const signed = await signCredential(credential, {
            key,
            suite,
            created: '2024-01-01T00:00:00Z',
          });
          const ok = await verifyCredentialProof(signed, { documents });
          expect(ok.issues).toEqual([]);
          const leaves = stringLeaves(signed);
          const path = leaves[pick % leaves.length] as Array<string | number>;
          const original = path.reduce((v: Json, k) => v[k], signed) as string;
          fc.pre(replacement !== original);
          const result = await verifyCredentialProof(setAt(signed, path, replacement), {
            documents,
          });
          expect(result.verified).toBe(false);
          expect(result.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30 },
    );
  });
});
