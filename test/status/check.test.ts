import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as bsl from '@digitalbazaar/vc-bitstring-status-list';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import {
  type CheckStatusOptions,
  checkStatus,
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  encodeStatusList,
  type StatusList,
  type StatusPurpose,
  setStatus,
} from '../../src/status/index.js';

// biome-ignore lint/suspicious/noExplicitAny: test documents are arbitrary JSON
type Json = any;

const LIST_URL = 'https://example.edu/status/1';
const SUSPEND_URL = 'https://example.edu/status/2';
const NOW = new Date('2025-06-01T00:00:00Z');

let issuer: { did: string; keyPair: KeyPair };
let other: { did: string; keyPair: KeyPair };

beforeAll(async () => {
  issuer = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(3) }));
  other = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(4) }));
});

async function signedList(
  options: {
    url?: string;
    purpose?: StatusPurpose;
    set?: number[];
    key?: { did: string; keyPair: KeyPair };
    type?: 'BitstringStatusList' | 'StatusList2021';
    validFrom?: string;
    validUntil?: string;
    length?: number;
  } = {},
): Promise<Json> {
  const list = createStatusList({
    purpose: options.purpose ?? 'revocation',
    length: options.length,
  });
  for (const i of options.set ?? []) setStatus(list, i, true);
  const key = options.key ?? issuer;
  const unsigned = await createStatusListCredential({
    id: options.url ?? LIST_URL,
    issuer: key.did,
    list,
    type: options.type,
    validFrom: options.validFrom ?? '2025-01-01T00:00:00Z',
    validUntil: options.validUntil,
  });
  return signCredential(unsigned, { key: key.keyPair, created: '2025-01-01T00:00:00Z' });
}

function credentialWith(status: Json, id = 'urn:uuid:6f0d5b5a-1b7a-4d8f-9a51-2d3c4e5f6a7b'): Json {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer.did, type: ['Profile'], name: 'Example University' },
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', type: ['AchievementSubject'] },
    credentialStatus: status,
  };
}

const entry = (index: number, purpose: StatusPurpose = 'revocation', url = LIST_URL) =>
  createStatusEntry({ statusListCredential: url, index, purpose });

describe('checkStatus with BitstringStatusList', () => {
  it('says ok, revoked or suspended, verifying the signed list (Data Integrity)', async () => {
    const revocations = await signedList({ set: [42] });
    const suspensions = await signedList({ url: SUSPEND_URL, purpose: 'suspension', set: [7] });
    const documents = { [LIST_URL]: revocations, [SUSPEND_URL]: suspensions };
    const ok = await checkStatus(credentialWith(entry(41)), { documents, now: NOW });
    expect(ok).toEqual({
      checks: [
        {
          path: '$.credentialStatus',
          type: 'BitstringStatusListEntry',
          purpose: 'revocation',
          index: 41,
          listId: LIST_URL,
          status: 'ok',
          value: 0,
        },
      ],
      revoked: false,
      suspended: false,
      ok: true,
    });
    const both = await checkStatus(
      credentialWith([entry(42), entry(7, 'suspension', SUSPEND_URL)]),
      {
        documents,
        now: NOW,
      },
    );
    expect(both.checks.map((c) => [c.path, c.status, c.code])).toEqual([
      ['$.credentialStatus[0]', 'revoked', 'status_revoked'],
      ['$.credentialStatus[1]', 'suspended', 'status_suspended'],
    ]);
    expect(both).toMatchObject({ revoked: true, suspended: true, ok: false });
  });

  it('verifies a list secured as a VC-JWT', async () => {
    const list = createStatusList({ purpose: 'revocation' });
    setStatus(list, 5, true);
    const unsigned = await createStatusListCredential({
      id: LIST_URL,
      issuer: issuer.did,
      list,
      validFrom: '2025-01-01T00:00:00Z',
    });
    const jwt = await signCredentialJwt(unsigned, { key: issuer.keyPair });
    const result = await checkStatus(credentialWith(entry(5)), {
      documents: { [LIST_URL]: jwt },
      now: NOW,
    });
    expect(result.checks[0]).toMatchObject({ status: 'revoked', code: 'status_revoked' });
    const tampered = `${jwt.slice(0, -4)}AAAA`;
    const bad = await checkStatus(credentialWith(entry(5)), {
      documents: { [LIST_URL]: tampered },
      now: NOW,
    });
    expect(bad.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_proof_invalid' });
  });

  it('is never a pass offline, and fetches only through the given fetch', async () => {
    const offline = await checkStatus(credentialWith(entry(1)), { now: NOW });
    expect(offline.checks[0]).toMatchObject({
      status: 'unknown',
      code: 'status_unchecked_offline',
    });
    expect(offline).toMatchObject({ revoked: false, suspended: false, ok: false });

    const signed = await signedList({ set: [1] });
    const fetch = vi.fn(async (url: string) => ({
      ok: url === LIST_URL,
      status: url === LIST_URL ? 200 : 404,
      text: async () => JSON.stringify(signed),
    }));
    const online = await checkStatus(credentialWith([entry(1), entry(2)]), { fetch, now: NOW });
    expect(online.checks.map((c) => c.status)).toEqual(['revoked', 'ok']);
    // One list, fetched once and decoded once for both entries.
    expect(fetch.mock.calls.filter(([u]) => u === LIST_URL)).toHaveLength(1);

    const missing = await checkStatus(
      credentialWith(entry(1, 'revocation', 'https://example.edu/gone')),
      {
        fetch,
        now: NOW,
      },
    );
    expect(missing.checks[0]).toMatchObject({ status: 'unknown', code: 'fetch_status' });
    const throwing = await checkStatus(credentialWith(entry(1)), {
      fetch: async () => {
        throw new Error('network down');
      },
      now: NOW,
    });
    expect(throwing.checks[0]).toMatchObject({ status: 'unknown', code: 'fetch_failed' });
    const html = await checkStatus(credentialWith(entry(1)), {
      fetch: async () => ({ ok: true, status: 200, text: async () => '<html></html>' }),
      now: NOW,
    });
    expect(html.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_malformed' });
  });

  it('refuses lists whose proof fails, or that were not verified', async () => {
    const signed = await signedList({ set: [] });
    const tampered = structuredClone(signed);
    const evil = createStatusList({ purpose: 'revocation' });
    setStatus(evil, 9, true);
    tampered.credentialSubject.encodedList = await encodeStatusList(evil);
    const r1 = await checkStatus(credentialWith(entry(9)), {
      documents: { [LIST_URL]: tampered },
      now: NOW,
    });
    expect(r1.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_proof_invalid' });

    const r2 = await checkStatus(credentialWith(entry(9)), {
      documents: { [LIST_URL]: signed },
      verifyListCredential: false,
      now: NOW,
    });
    expect(r2.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_unverified' });

    const verifier = vi.fn(async () => ({ verified: true }));
    const r3 = await checkStatus(credentialWith(entry(9)), {
      documents: { [LIST_URL]: tampered },
      verifyListCredential: verifier,
      now: NOW,
    });
    expect(verifier).toHaveBeenCalledWith(tampered);
    expect(r3.checks[0]).toMatchObject({ status: 'revoked' });
    const r4 = await checkStatus(credentialWith(entry(9)), {
      documents: { [LIST_URL]: signed },
      verifyListCredential: async () => {
        throw new Error('boom');
      },
      now: NOW,
    });
    expect(r4.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_proof_invalid' });
  });

  it("reads the entry of a list issued by another party, verified against that party's key", async () => {
    const byOther = await signedList({ key: other, set: [3] });
    // The Bitstring Status List specification lets another party publish the list: its proof is
    // verified against its own issuer, the bit is read, and the difference is a finding.
    const r1 = await checkStatus(credentialWith(entry(3)), {
      documents: { [LIST_URL]: byOther },
      now: NOW,
    });
    expect(r1.checks[0]).toMatchObject({ status: 'revoked', code: 'status_revoked' });
    expect(r1.checks[0]?.findings?.map((f) => f.code)).toEqual(['status_issuer_mismatch']);
    expect(r1.revoked).toBe(true);
    const clear = await checkStatus(credentialWith(entry(4)), {
      documents: { [LIST_URL]: byOther },
      now: NOW,
    });
    expect(clear.checks[0]).toMatchObject({ status: 'ok' });
    // Asked for, a list by another party is refused (its entry not read).
    const r2 = await checkStatus(credentialWith(entry(3)), {
      documents: { [LIST_URL]: byOther },
      requireSameIssuer: true,
      now: NOW,
    });
    expect(r2.checks[0]).toMatchObject({ status: 'unknown', code: 'status_issuer_mismatch' });
    // A list whose proof does not verify against its own issuer is not read, whoever it names.
    const forged = structuredClone(byOther);
    forged.issuer = issuer.did;
    const r3 = await checkStatus(credentialWith(entry(3)), {
      documents: { [LIST_URL]: forged },
      now: NOW,
    });
    expect(r3.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_proof_invalid' });
  });

  it("checks the list's validity period, type and purpose, and reads a set bit whatever they say", async () => {
    const expiring = await signedList({
      validFrom: '2025-03-01T00:00:00Z',
      validUntil: '2025-04-01T00:00:00Z',
      set: [5],
    });
    const early = await checkStatus(credentialWith(entry(3)), {
      documents: { [LIST_URL]: expiring },
      now: new Date('2025-02-01T00:00:00Z'),
    });
    expect(early.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_not_yet_valid' });
    const late = await checkStatus(credentialWith(entry(3)), {
      documents: { [LIST_URL]: expiring },
      now: NOW,
    });
    expect(late.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_expired' });
    const inside = await checkStatus(credentialWith(entry(3)), {
      documents: { [LIST_URL]: expiring },
      now: new Date('2025-03-15T00:00:00Z'),
    });
    expect(inside.checks[0]).toMatchObject({ status: 'ok' });
    // A revocation is final: a set bit in an expired list still says revoked.
    const revokedLate = await checkStatus(credentialWith(entry(5)), {
      documents: { [LIST_URL]: expiring },
      now: NOW,
    });
    expect(revokedLate.checks[0]).toMatchObject({ status: 'revoked', code: 'status_revoked' });

    // A list of another purpose: a clear bit says nothing about the entry's purpose; a set bit
    // means what the list says.
    const suspensionList = await signedList({ purpose: 'suspension', set: [6] });
    const r3 = await checkStatus(credentialWith(entry(3)), {
      documents: { [LIST_URL]: suspensionList },
      now: NOW,
    });
    expect(r3.checks[0]).toMatchObject({ status: 'unknown', code: 'status_purpose_unchecked' });
    expect(r3.checks[0]?.findings?.map((f) => f.code)).toEqual(['status_purpose_mismatch']);
    const r3set = await checkStatus(credentialWith(entry(6)), {
      documents: { [LIST_URL]: suspensionList },
      now: NOW,
    });
    expect(r3set.checks[0]).toMatchObject({ status: 'suspended', code: 'status_suspended' });
    expect(r3set.checks[0]?.findings?.map((f) => f.code)).toEqual(['status_purpose_mismatch']);

    // A StatusList2021 list named by a BitstringStatusListEntry: read as what it is, reported.
    const sl2021 = await signedList({ type: 'StatusList2021', set: [3] });
    const r4 = await checkStatus(credentialWith(entry(3)), {
      documents: { [LIST_URL]: sl2021 },
      now: NOW,
    });
    expect(r4.checks[0]).toMatchObject({ status: 'revoked', code: 'status_revoked' });
    expect(r4.checks[0]?.findings?.map((f) => f.code)).toEqual(['status_list_type_mismatch']);
  });

  it('checks indexes, list sizes and entries', async () => {
    const signed = await signedList({});
    const documents = { [LIST_URL]: signed };
    const cases: Array<[Json, string]> = [
      [entry(131072), 'status_index_out_of_range'],
      [{ ...entry(1), statusListIndex: '-1' }, 'status_entry_malformed'],
      [{ ...entry(1), statusListIndex: '0x10' }, 'status_entry_malformed'],
      [{ ...entry(1), statusListIndex: '99999999999999999999' }, 'status_index_out_of_range'],
      [{ ...entry(1), statusListCredential: 'not a url' }, 'status_entry_malformed'],
      [{ ...entry(1), statusSize: 2 }, 'status_size_unsupported'],
      [{ type: 'SomeOtherStatus2030', id: 'https://example.edu/x' }, 'status_type_unsupported'],
      ['just a string', 'status_entry_malformed'],
    ];
    for (const [status, expected] of cases) {
      const result = await checkStatus(credentialWith(status), { documents, now: NOW });
      expect(result.checks[0]?.code, JSON.stringify(status)).toBe(expected);
      expect(result.checks[0]?.status).toBe('unknown');
      expect(result.ok).toBe(false);
    }
    // What the entry holds is shown briefly, however much it holds.
    for (const [value, shown] of [
      [`1${'x'.repeat(10_000)}`, `found "1${'x'.repeat(56)}...", so`],
      [{ a: 'x'.repeat(10_000) }, 'found an object, so'],
      [undefined, 'found undefined, so'],
    ] as const) {
      const { statusListIndex: _, ...rest } = entry(1);
      const status = value === undefined ? rest : { ...rest, statusListIndex: value };
      const message = (await checkStatus(credentialWith(status), { documents, now: NOW })).checks[0]
        ?.message;
      expect(message).toContain(shown);
      expect(message?.length).toBeLessThan(250);
    }
    // A list shorter than 131,072 entries (signed, so only its length is wrong).
    const shortList: StatusList = {
      length: 8000,
      purpose: 'revocation',
      bytes: new Uint8Array(1000),
    };
    const short = await signCredential(
      await createStatusListCredential({ id: LIST_URL, issuer: issuer.did, list: shortList }),
      { key: issuer.keyPair },
    );
    const r = await checkStatus(credentialWith(entry(1)), {
      documents: { [LIST_URL]: short },
      now: NOW,
    });
    // Read, with a finding (the specification's minimum protects the holders' privacy).
    expect(r.checks[0]).toMatchObject({ status: 'ok' });
    expect(r.checks[0]?.findings?.map((f) => f.code)).toEqual(['status_list_too_short']);
    expect(r.checks[0]?.findings?.[0]?.message).toContain('8000 entries');
    shortList.bytes[0] = 0b0100_0000;
    const shortRevoked = await checkStatus(credentialWith(entry(1)), {
      documents: {
        [LIST_URL]: await signCredential(
          await createStatusListCredential({ id: LIST_URL, issuer: issuer.did, list: shortList }),
          { key: issuer.keyPair },
        ),
      },
      now: NOW,
    });
    expect(shortRevoked.checks[0]).toMatchObject({ status: 'revoked', code: 'status_revoked' });
    const allowed = await checkStatus(credentialWith(entry(1)), {
      documents: { [LIST_URL]: short },
      minLength: 8000,
      now: NOW,
    });
    expect(allowed.checks[0]).toMatchObject({ status: 'ok' });
    expect(allowed.checks[0]?.findings).toBeUndefined();
    // An entry without statusPurpose: the list's purpose is used, and the entry is reported.
    const noPurpose = await checkStatus(credentialWith({ ...entry(1), statusPurpose: undefined }), {
      documents,
      now: NOW,
    });
    expect(noPurpose.checks[0]).toMatchObject({ status: 'ok', purpose: 'revocation' });
    expect(noPurpose.checks[0]?.findings?.map((f) => f.code)).toEqual([
      'status_entry_nonconformant',
    ]);
    const tooLarge = await checkStatus(credentialWith(entry(1)), {
      documents,
      maxListBytes: 1000,
      now: NOW,
    });
    expect(tooLarge.checks[0]).toMatchObject({ status: 'unknown', code: 'status_list_too_large' });
  });

  it('reports purposes that do not invalidate as ok with a flag', async () => {
    const refresh = await signedList({ purpose: 'refresh', set: [4] });
    const r = await checkStatus(credentialWith(entry(4, 'refresh')), {
      documents: { [LIST_URL]: refresh },
      now: NOW,
    });
    expect(r.checks[0]).toMatchObject({ status: 'ok', value: 1, code: 'status_flag_set' });
    expect(r.ok).toBe(true);
  });

  it('has nothing to check without credentialStatus', async () => {
    expect(await checkStatus(credentialWith(undefined))).toEqual({
      checks: [],
      revoked: false,
      suspended: false,
      ok: true,
    });
  });

  it('throws TypeError for misuse only', async () => {
    await expect(checkStatus(null as never)).rejects.toThrow(TypeError);
    await expect(checkStatus({}, { fetch: 'yes' as never })).rejects.toThrow(TypeError);
    await expect(checkStatus({}, { documents: [] as never })).rejects.toThrow(TypeError);
    await expect(checkStatus({}, { now: new Date('nope') })).rejects.toThrow(TypeError);
    await expect(checkStatus({}, { verifyListCredential: true as never })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('checkStatus with StatusList2021', () => {
  it('checks StatusList2021Entry against a signed StatusList2021Credential', async () => {
    const signed = await signedList({ type: 'StatusList2021', set: [10] });
    const e = (i: number) =>
      createStatusEntry({
        statusListCredential: LIST_URL,
        index: i,
        purpose: 'revocation',
        type: 'StatusList2021',
      });
    const documents = { [LIST_URL]: signed };
    const r = await checkStatus(credentialWith([e(10), e(11)]), { documents, now: NOW });
    expect(r.checks.map((c) => [c.type, c.status])).toEqual([
      ['StatusList2021Entry', 'revoked'],
      ['StatusList2021Entry', 'ok'],
    ]);
    // The same list as a VC 1.1 JWT (credential in the vc claim).
    const unsigned = structuredClone(signed);
    delete unsigned.proof;
    const jwt = await signCredentialJwt(unsigned, { key: issuer.keyPair });
    const viaJwt = await checkStatus(credentialWith([e(10), e(11)]), {
      documents: { [LIST_URL]: jwt },
      now: NOW,
    });
    expect(viaJwt.checks.map((c) => c.status)).toEqual(['revoked', 'ok']);
    const wrong = await checkStatus(credentialWith(e(10)), {
      documents: { [LIST_URL]: await signedList({}) },
      now: NOW,
    });
    expect(wrong.checks[0]).toMatchObject({ status: 'ok' });
    expect(wrong.checks[0]?.findings?.map((f) => f.code)).toEqual(['status_list_type_mismatch']);
  });
});

describe('checkStatus with 1EdTechRevocationList', () => {
  const REVOCATIONS = 'https://example.edu/credentials/revocations';
  const status = { id: REVOCATIONS, type: '1EdTechRevocationList' };

  it('finds revoked credentials by id, with the reason', async () => {
    const documents = {
      [REVOCATIONS]: {
        id: REVOCATIONS,
        issuer: 'unused', // checked only with requireSameIssuer; see below
        revokedCredentials: [
          { id: 'urn:uuid:a', revocationReason: 'Academic misconduct' },
          { id: 'urn:uuid:b', revoked: false },
        ],
      },
    };
    const options: CheckStatusOptions = { documents, requireSameIssuer: false };
    const a = await checkStatus(credentialWith(status, 'urn:uuid:a'), options);
    expect(a.checks[0]).toMatchObject({
      type: '1EdTechRevocationList',
      purpose: 'revocation',
      listId: REVOCATIONS,
      status: 'revoked',
      code: 'status_revoked',
    });
    expect(a.checks[0]?.message).toContain('Academic misconduct');
    expect(a.revoked).toBe(true);
    expect(
      (await checkStatus(credentialWith(status, 'urn:uuid:b'), options)).checks[0]?.status,
    ).toBe('ok');
    expect(
      (await checkStatus(credentialWith(status, 'urn:uuid:c'), options)).checks[0]?.status,
    ).toBe('ok');
  });

  it("checks the list's issuer when it names one, and the rest", async () => {
    const list = (issuerId: string) => ({
      [REVOCATIONS]: { issuer: issuerId, revokedCredentials: [{ id: 'urn:uuid:a' }] },
    });
    const mine = await checkStatus(credentialWith(status, 'urn:uuid:a'), {
      documents: list(issuer.did),
    });
    expect(mine.checks[0]?.status).toBe('revoked');
    const theirs = await checkStatus(credentialWith(status, 'urn:uuid:a'), {
      documents: list(other.did),
    });
    expect(theirs.checks[0]).toMatchObject({ status: 'revoked', code: 'status_revoked' });
    expect(theirs.checks[0]?.findings?.map((f) => f.code)).toEqual(['status_issuer_mismatch']);
    const refused = await checkStatus(credentialWith(status, 'urn:uuid:a'), {
      documents: list(other.did),
      requireSameIssuer: true,
    });
    expect(refused.checks[0]).toMatchObject({ status: 'unknown', code: 'status_issuer_mismatch' });
    const noId = credentialWith(status);
    delete noId.id;
    expect((await checkStatus(noId, { documents: list(issuer.did) })).checks[0]?.code).toBe(
      'status_credential_id_missing',
    );
    expect((await checkStatus(credentialWith(status))).checks[0]?.code).toBe(
      'status_unchecked_offline',
    );
    const malformed = { [REVOCATIONS]: { revokedCredentials: 'urn:uuid:a' } };
    expect(
      (await checkStatus(credentialWith(status), { documents: malformed })).checks[0]?.code,
    ).toBe('status_list_malformed');
    expect(
      (await checkStatus(credentialWith({ type: '1EdTechRevocationList' }))).checks[0]?.code,
    ).toBe('status_entry_malformed');
  });
});

describe("1EdTech's validator fixtures", () => {
  const dir = path.resolve(__dirname, 'fixtures');
  const read = (f: string): Json => JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  const credential = read('1edtech-credential-status-revoked.json');
  const testlist = read('1edtech-testlist.json');

  it('agrees that credential-status-revoked.json is revoked (entry 23 of testlist), list proof verified', async () => {
    // 1EdTech names its key in its own style (https://<issuer>#<publicKeyMultibase>); a standard
    // verifier reads the issuer's controller document, supplied here so that nothing is fetched.
    const ISSUER = 'https://1edtech.edu/issuers/565049';
    const key = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
    const controller = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: ISSUER,
      verificationMethod: [
        { id: `${ISSUER}#${key}`, type: 'Multikey', controller: ISSUER, publicKeyMultibase: key },
      ],
      assertionMethod: [`${ISSUER}#${key}`],
    };
    const documents = {
      [credential.credentialStatus.statusListCredential]: testlist,
      [ISSUER]: controller,
    };
    const result = await checkStatus(credential, { documents, now: NOW });
    expect(result.checks[0]).toMatchObject({
      status: 'revoked',
      index: 23,
      code: 'status_revoked',
    });
    expect(result.checks[0]?.findings?.[0]).toMatchObject({ code: 'status_entry_nonconformant' });
    expect(result.checks[0]?.findings?.[0]?.message).toContain('statusListIndex is the number 23');
    // Without the key's document the list cannot be verified: unknown, never a pass, and said
    // as "could not be checked", not "does not verify".
    const unverifiable = await checkStatus(credential, {
      documents: { [credential.credentialStatus.statusListCredential]: testlist },
      now: NOW,
    });
    expect(unverifiable.checks[0]).toMatchObject({
      status: 'unknown',
      code: 'status_list_proof_unchecked',
    });
    expect(unverifiable.checks[0]?.message).toContain('could not be checked');
    expect(unverifiable.checks[0]?.message).not.toContain('does not verify');
    expect((await checkStatus(credential)).checks[0]?.code).toBe('status_unchecked_offline');
  });
});

describe('agreement with @digitalbazaar/vc-bitstring-status-list checkStatus', () => {
  it('gives the same verdict for random lists and indexes', async () => {
    const loaderFor = (doc: Json) => async (url: string) => {
      if (url === LIST_URL) return { contextUrl: null, documentUrl: url, document: doc };
      throw new Error(`unexpected ${url}`);
    };
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 131071 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 131071 }),
        async (set, probe) => {
          const list = createStatusList({ purpose: 'revocation' });
          for (const i of set) setStatus(list, i, true);
          const listCredential = await createStatusListCredential({
            id: LIST_URL,
            issuer: issuer.did,
            list,
          });
          const index =
            set.length > 0 && probe % 2 === 0 ? (set[probe % set.length] as number) : probe;
          const credential = credentialWith(entry(index));
          const theirs = await bsl.checkStatus({
            credential,
            documentLoader: loaderFor(listCredential),
            suite: [],
            verifyBitstringStatusListCredential: false,
          });
          const ours = await checkStatus(credential, {
            documents: { [LIST_URL]: listCredential },
            verifyListCredential: async () => ({ verified: true }),
          });
          expect(theirs.error).toBeUndefined();
          expect(theirs.verified).toBe(true);
          // The reference reports the bit as `status` (true when set).
          expect(ours.checks[0]?.status).toBe(theirs.results[0].status ? 'revoked' : 'ok');
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('large lists', () => {
  it('checks 1,000 entries against a list of 1,000,000 entries, decoding it once', async () => {
    const list = createStatusList({ purpose: 'revocation', length: 1_000_000 });
    for (let i = 0; i < 1_000_000; i += 997) setStatus(list, i, true);
    const listCredential = await createStatusListCredential({
      id: LIST_URL,
      issuer: issuer.did,
      list,
    });
    const verifier = vi.fn(async () => ({ verified: true }));
    const entries = Array.from({ length: 1000 }, (_, k) => entry(k * 991));
    const result = await checkStatus(credentialWith(entries), {
      documents: { [LIST_URL]: listCredential },
      verifyListCredential: verifier,
    });
    expect(verifier).toHaveBeenCalledTimes(1);
    expect(result.checks).toHaveLength(1000);
    result.checks.forEach((c, k) => {
      expect(c.status).toBe((k * 991) % 997 === 0 ? 'revoked' : 'ok');
    });
  });
});
