/**
 * The VC-API handler under hostile requests: arbitrary methods, paths, headers and bodies, and
 * mutated signed credentials. It never throws and never answers 5xx for a bad request; it never
 * signs without the token; a mutated credential is verified (200) only when its signed content is
 * unchanged.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonize } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { createLedger, createMemoryLedgerStore } from '../../src/ledger/index.js';
import { signCredential } from '../../src/proof/index.js';
import { createVcApiHandler, type VcApiHandler } from '../../src/serve/index.js';
import { FULL, fuzzRuns, type Loose, NOW, richCredential } from './helpers.js';

const TIMEOUT = FULL ? 4 * 3_600_000 : 60_000;
const TOKEN = 'hostile-test-token-0123456789';
const PATHS = [
  '/credentials/issue',
  '/issuers/main/credentials/issue',
  '/issuers/../credentials/issue',
  '/credentials/verify',
  '/presentations/verify',
  '/credentials/status',
  '/status-lists/revocation/1',
  '/status-lists/revocation/1/publish',
  '/health',
  '/%ZZ',
  '',
];

let handle: VcApiHandler;
let signed: Loose;

beforeAll(async () => {
  const { did, keyPair } = createDidKey(await generateKeyPair());
  const ledger = createLedger(createMemoryLedgerStore(), {
    lists: [{ url: 'https://issuer.example/status-lists/revocation/{n}', purpose: 'revocation' }],
  });
  handle = createVcApiHandler({
    issuers: [{ name: 'main', key: keyPair, status: true }],
    tokens: [TOKEN],
    ledger,
    publicUrl: 'https://issuer.example',
    now: () => NOW,
  });
  signed = await signCredential(richCredential(did), { key: keyPair, created: NOW });
});

function isJson(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return true;
  } catch {
    return false;
  }
}

describe('the VC-API handler under hostile requests', () => {
  it(
    'answers arbitrary requests with a 2xx/4xx and a JSON body, never throwing; never issues without the token',
    async () => {
      const body = fc.oneof(
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .record({ credential: fc.jsonValue(), options: fc.jsonValue() })
          .map((v) => JSON.stringify(v)),
        fc.record({ verifiableCredential: fc.jsonValue(), options: fc.jsonValue() }),
        fc.record({
          credentialId: fc.string(),
          credentialStatus: fc.jsonValue(),
          status: fc.jsonValue(),
        }),
        fc.uint8Array({ maxLength: 64 }),
        fc.constant(undefined),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'post', 'HEAD', ''),
          fc.oneof(fc.constantFrom(...PATHS), fc.string()),
          fc.dictionary(
            fc.constantFrom('content-type', 'authorization', 'Authorization', 'x'),
            fc.string(),
          ),
          body,
          async (method, path, headers, b) => {
            const res = await handle({ method, path, headers, body: b });
            expect(res.status).toBeGreaterThanOrEqual(200);
            expect(res.status).toBeLessThan(500);
            expect(isJson(res.body)).toBe(true);
            if (res.status === 201) throw new Error('issued without the token');
          },
        ),
        { numRuns: fuzzRuns(300) },
      );
    },
    TIMEOUT,
  );

  it(
    'verifies a mutated credential (200) only when its canonical form is unchanged',
    async () => {
      const original = await canonize(stripProof(signed));
      await fc.assert(
        fc.asyncProperty(mutation(), async (mutate) => {
          const copy = structuredClone(signed);
          mutate(copy);
          const res = await handle({
            method: 'POST',
            path: '/credentials/verify',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ verifiableCredential: copy, options: { checks: ['proof'] } }),
          });
          expect(res.status).toBeLessThan(500);
          if (res.status === 200) {
            expect(await canonize(stripProof(copy)).catch(() => 'unreadable')).toBe(original);
          }
        }),
        { numRuns: fuzzRuns(60) },
      );
    },
    TIMEOUT,
  );
});

function stripProof(doc: Loose): Loose {
  const { proof: _proof, ...rest } = doc;
  return rest;
}

/** A random change to one member of the credential (not its proof). */
function mutation() {
  const values = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.jsonValue(),
  );
  return fc
    .tuple(fc.nat(), fc.nat(), values, fc.constantFrom('set', 'delete', 'add'))
    .map(([a, b, value, kind]) => (doc: Loose) => {
      const paths: Array<[Loose, string]> = [];
      const walk = (node: Loose) => {
        if (node === null || typeof node !== 'object') return;
        for (const k of Object.keys(node)) {
          if (node === doc && k === 'proof') continue;
          paths.push([node, k]);
          walk(node[k]);
        }
      };
      walk(doc);
      const [node, key] = paths[a % paths.length] as [Loose, string];
      if (kind === 'delete') delete node[key];
      else if (kind === 'add' && typeof node === 'object' && !Array.isArray(node))
        node[`x${b}`] = value;
      else node[key] = value;
    });
}
