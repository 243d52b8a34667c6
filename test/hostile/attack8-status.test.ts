/**
 * Attack: revocation and suspension, read the way a forger would write them.
 *
 * 1. A revoked badge re-spelled into an unreadable status entry. The VC 2.0 context gives
 *    `statusListIndex` (a plain string), `statusListCredential` (an `@id`) and `statusPurpose` no
 *    container, so JSON-LD reads `"94567"` and `["94567"]` as one and the same statement: the
 *    holder wraps the value in a one-element array and the proof still verifies (jsonld.js gives
 *    both the same canonical form; the compact-form walk does not object to a one-element array).
 *    The status check read the JSON value by its JavaScript type and answered
 *    `status_entry_malformed`, a warning under the default policy: a revoked badge became
 *    `warning`, in force "unknown", instead of `invalid`, in force "no" (the same class as the
 *    `statusSize` re-spelling in attack-status-respell). Now each member is read by its value.
 *    Also tried, nothing found: `type` as a one-element array (read), the entry `type` as its full
 *    IRI (refused: `jsonld_undefined_term`), `statusListCredential` as `{ id }` and
 *    `statusListIndex` as `{ "@value" }` (refused: `jsonld_not_compact`).
 * 2. Index spellings (nothing found): an index that is not a base-10 string of digits (" 5",
 *    "1e3", "5.0", "+5", "-1", "٥", a huge number, ...) is never read as another entry and never
 *    answers `ok`, even from an all-clear list; "0012" is entry 12, as `parseInt` reads it.
 */
import fc from 'fast-check';
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
import { failCodes, fuzzRuns, type Loose, NOW, richCredential, verifyOffline } from './helpers.js';
import { referenceCanonical } from './respell.js';

const LIST = 'https://issuer.example/status/8';
const INDEX = 94567;

let did = '';
let keyPair: KeyPair;
let sign: (c: Loose) => Promise<Loose>;
let revocationList: Loose;
let revoked: Loose;

beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
  sign = (c: Loose) => signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });
  const list = createStatusList({ purpose: 'revocation' });
  setStatus(list, INDEX, true);
  revocationList = await sign(await createStatusListCredential({ id: LIST, issuer: did, list }));
  const c = richCredential(did);
  c.credentialStatus = createStatusEntry({
    statusListCredential: LIST,
    index: INDEX,
    purpose: 'revocation',
  });
  revoked = await sign(c);
});

/** The one-element-array re-spellings of the entry's members. */
const WRAPPED = ['statusListIndex', 'statusListCredential', 'statusPurpose'] as const;

function wrap(doc: Loose, member: string): Loose {
  const copy = structuredClone(doc);
  copy.credentialStatus[member] = [copy.credentialStatus[member]];
  return copy;
}

describe('a status entry member re-spelled as a one-element array', () => {
  it('keeps the signed graph (jsonld.js) and the proof', async () => {
    const original = await referenceCanonical(revoked);
    expect(original).toBeDefined();
    for (const member of WRAPPED) {
      const respelled = wrap(revoked, member);
      expect(await referenceCanonical(respelled)).toBe(original);
      expect((await verifyCredentialProof(respelled)).verified).toBe(true);
    }
  });

  it('control: as signed, the badge is revoked', async () => {
    const report = await verifyOffline(revoked, { documents: { [LIST]: revocationList } });
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toEqual(['status_revoked']);
    expect(report.answers.inForce.value).toBe('no');
  });

  for (const member of WRAPPED) {
    it(`${member} as [value]: still revoked, in force "no"`, async () => {
      const respelled = wrap(revoked, member);
      const report = await verifyOffline(respelled, {
        now: NOW,
        documents: { [LIST]: revocationList },
      });
      expect(report.verdict).toBe('invalid');
      expect(failCodes(report)).toEqual(['status_revoked']);
      expect(report.answers.inForce.value).toBe('no');
      const result = await checkStatus(respelled, { documents: { [LIST]: revocationList } });
      expect(result.revoked).toBe(true);
      expect(result.checks.map((c) => [c.status, c.index, c.listId, c.purpose])).toEqual([
        ['revoked', INDEX, LIST, 'revocation'],
      ]);
    });
  }

  it('statusPurpose ["message"] on a list for revocation and message: a set bit is a message, not a revocation', async () => {
    // Bitstring Status List v1.0 3.1: the entry's statusPurpose says what its set bit means.
    const url = 'https://issuer.example/status/8m';
    const list = createStatusList({ purpose: 'message' });
    setStatus(list, INDEX, true);
    const both = await sign(
      await createStatusListCredential({
        id: url,
        issuer: did,
        list,
        purpose: ['revocation', 'message'],
      }),
    );
    const c = richCredential(did);
    c.credentialStatus = createStatusEntry({
      statusListCredential: url,
      index: INDEX,
      purpose: 'message',
    });
    const signed = await sign(c);
    for (const doc of [signed, wrap(signed, 'statusPurpose')]) {
      const result = await checkStatus(doc, { documents: { [url]: both }, now: NOW });
      expect(result.checks.map((x) => [x.status, x.code, x.purpose])).toEqual([
        ['ok', 'status_flag_set', 'message'],
      ]);
    }
  });

  it('a two-element array is still refused as malformed (never read as either value)', async () => {
    const doc = structuredClone(revoked);
    doc.credentialStatus.statusListIndex = [String(INDEX), '1'];
    const result = await checkStatus(doc, { documents: { [LIST]: revocationList } });
    expect(result.checks.map((c) => [c.status, c.code])).toEqual([
      ['unknown', 'status_entry_malformed'],
    ]);
  });
});

describe('statusListIndex spellings', () => {
  const trusted = { verifyListCredential: async () => ({ verified: true }), now: NOW };
  const entryAt = (index: unknown) => ({
    issuer: did,
    credentialStatus: {
      ...createStatusEntry({ statusListCredential: LIST, index: 0, purpose: 'revocation' }),
      statusListIndex: index,
    },
  });

  it('anything but a base-10 string of digits never answers ok, even from an all-clear list', async () => {
    const clear = await createStatusListCredential({
      id: LIST,
      issuer: did,
      list: createStatusList({ purpose: 'revocation' }),
    });
    const index = fc.oneof(
      fc.string().filter((s) => !/^[0-9]+$/.test(s)),
      fc.constantFrom(' 5', '5 ', '1e3', '5.0', '+5', '-1', '0x10', '\u0665', '', '１２'),
      fc.double().filter((n) => !(Number.isSafeInteger(n) && n >= 0)),
      fc.constantFrom(null, true, {}, [], ['1', '2'], 2 ** 53, '9007199254740993'),
    );
    await fc.assert(
      fc.asyncProperty(index, async (i) => {
        const r = await checkStatus(entryAt(i), { ...trusted, documents: { [LIST]: clear } });
        expect(r.ok).toBe(false);
        expect(r.checks[0]?.status).toBe('unknown');
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('"0012" is entry 12', async () => {
    const list = createStatusList({ purpose: 'revocation' });
    setStatus(list, 12, true);
    const listVc = await createStatusListCredential({ id: LIST, issuer: did, list });
    const r = await checkStatus(entryAt('0012'), { ...trusted, documents: { [LIST]: listVc } });
    expect(r.checks.map((c) => [c.status, c.index])).toEqual([['revoked', 12]]);
  });
});
