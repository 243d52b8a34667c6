/**
 * Attack: a revoked badge re-spelled into a `warning`. The VC 2.0 context types the status
 * entry's `statusSize` as `xsd:integer` (type-scoped, under `BitstringStatusListEntry`). For a
 * term with a fixed datatype, JSON-LD gives the number `1` and the string `"1"` the same RDF
 * literal, `"1"^^xsd:integer` (and so does `[1]`, a one-element array): the proof still verifies after the holder rewrites one into the
 * other. The compact-form walk (`src/jsonld/compact-form.ts`, `scalar()`) only looks at strings
 * of `@id` / `@vocab` terms, and the graph comparison (`src/jsonld/read-view.ts`, `fromJson`)
 * reads both as the same literal `L1`, so neither objects. The status check then reads the JSON
 * value by its JavaScript type: `statusSize !== 1` (`src/status/entry-bitstring.ts`,
 * `checkBitstringEntry`), reports `status_size_unsupported` — a *warning* ("the status could not
 * be determined") — and never looks at the list. The OB 3.0 schema does not constrain
 * `statusSize` either.
 *
 * Any issuer that writes `statusSize: 1` (Bitstring Status List v1.0 allows it; several issuers
 * do) hands every holder of a revoked badge a way to have it reported `warning` instead of
 * `invalid`.
 *
 * Expected: the status check reads `statusSize` by its value (`"1"` and `1` alike, as the signed
 * graph does), so the revoked entry is `status_revoked`; or the compact form refuses a typed
 * term written in a second JSON form. Either way the verdict stays `invalid`.
 *
 * Now both hold: the compact form refuses a value of a typed term written in the other JSON type
 * (a string for a numeric or boolean datatype, a number or boolean for any other), and the status
 * check reads `statusSize` by its value (a one-element array as its element).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import {
  checkStatus,
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { failCodes, type Loose, NOW, richCredential, verifyOffline } from './helpers.js';
import { referenceCanonical } from './respell.js';

const LIST = 'https://issuer.example/status/7';
const INDEX = 94567;

let did = '';
let keyPair: KeyPair;
let listCredential: Loose;
let revoked: Loose;

beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
  const sign = (c: Loose) => signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });
  const list = createStatusList({ purpose: 'revocation' });
  setStatus(list, INDEX, true);
  listCredential = await sign(await createStatusListCredential({ id: LIST, issuer: did, list }));
  const c = richCredential(did);
  c.credentialStatus = {
    ...createStatusEntry({ statusListCredential: LIST, index: INDEX, purpose: 'revocation' }),
    statusSize: 1,
  };
  revoked = await sign(c);
});

const documents = () => ({ [LIST]: listCredential });

/** The re-spellings of `statusSize: 1` that keep the graph: a string, a one-element array. */
const SPELLINGS: Array<[string, unknown]> = [
  ['"1"', '1'],
  ['[1]', [1]],
  ['["1"]', ['1']],
];

describe('statusSize written as "1", [1] or ["1"] instead of 1', () => {
  it('keeps the signed graph (jsonld.js) and the proof', async () => {
    const original = await referenceCanonical(revoked);
    expect(original).toBeDefined();
    for (const [, value] of SPELLINGS) {
      const respelled = structuredClone(revoked);
      respelled.credentialStatus.statusSize = value;
      expect(await referenceCanonical(respelled)).toBe(original);
      // The proof is over the same graph; the string spellings are refused as not compact.
      const proof = await verifyCredentialProof(respelled);
      if (typeof value === 'string' || (Array.isArray(value) && typeof value[0] === 'string')) {
        expect(proof.issues.map((i) => i.code)).toContain('jsonld_not_compact');
      } else {
        expect(proof.verified).toBe(true);
      }
    }
  });

  it('control: as signed, the badge is revoked', async () => {
    const report = await verifyOffline(revoked, { documents: documents() });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toEqual(['status_revoked']);
  });

  for (const [label, value] of SPELLINGS) {
    it(`statusSize ${label}: still invalid`, async () => {
      const respelled = structuredClone(revoked);
      respelled.credentialStatus.statusSize = value;
      const report = await verifyOffline(respelled, { now: NOW, documents: documents() });
      expect(report.verdict).toBe('invalid');
      // A string under a term typed xsd:integer is not the compact form; [1] is read as 1.
      expect(failCodes(report)).toEqual(
        typeof value === 'string' || (Array.isArray(value) && typeof value[0] === 'string')
          ? ['jsonld_not_compact', 'jsonld_not_compact', 'status_revoked'] // jsonld, proof
          : ['status_revoked'],
      );
    });
  }

  it('checkStatus alone reads statusSize by its value too', async () => {
    for (const [, value] of SPELLINGS) {
      const respelled = structuredClone(revoked);
      respelled.credentialStatus.statusSize = value;
      const result = await checkStatus(respelled, { documents: documents() });
      expect(result.checks.map((x) => x.status)).toEqual(['revoked']);
      expect(result.revoked).toBe(true);
    }
  });

  it('a typed value in the other JSON type is refused wherever it is (jsonld_not_compact)', async () => {
    const c = richCredential(did);
    c.credentialSubject.identifier = [
      {
        type: 'IdentityObject',
        identityHash: 'a@example.org',
        identityType: 'emailAddress',
        hashed: 'false',
        salt: 's',
      },
    ];
    const report = await verifyOffline(c, { now: NOW });
    const entry = report.checks.find((x) => x.code === 'jsonld_not_compact');
    expect(entry?.path).toBe('$.credentialSubject.identifier[0].hashed');
    c.credentialSubject.identifier[0].hashed = false;
    c.credentialSubject.achievement.creditsAvailable = '3'; // xsd:float
    const credits = await verifyOffline(c, { now: NOW });
    expect(credits.checks.find((x) => x.code === 'jsonld_not_compact')?.path).toBe(
      '$.credentialSubject.achievement.creditsAvailable',
    );
    c.credentialSubject.achievement.creditsAvailable = 3;
    const fine = await verifyOffline(c, { now: NOW });
    expect(fine.checks.find((x) => x.code === 'jsonld_not_compact')).toBeUndefined();
  });
});
