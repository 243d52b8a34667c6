/** The `status` check: Bitstring status lists and 1EdTech revocation lists, offline and online. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { verify } from '../../src/verify/index.js';
import { codes, fakeFetch, forbiddenFetch, type Loose, outcomes } from './helpers.js';
import { credentialFrom, makeIssuer, signDi, type TestIssuer } from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const LIST_URL = 'https://issuer.example/status/1';
const REVOCATION_URL = 'https://issuer.example/revocations';
const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
let issuer: TestIssuer;
let listCredential: Loose;

beforeAll(async () => {
  issuer = await makeIssuer();
  const list = createStatusList({ purpose: 'revocation' });
  setStatus(list, 7, true);
  const unsigned = await createStatusListCredential({
    id: LIST_URL,
    issuer: issuer.did,
    list,
    validFrom: '2020-01-01T00:00:00Z',
  });
  listCredential = await signDi(unsigned, issuer);
});

async function badgeAt(index: number): Promise<Loose> {
  return signDi(
    credentialFrom(issuer, (c) => {
      c.credentialStatus = createStatusEntry({
        statusListCredential: LIST_URL,
        index,
        purpose: 'revocation',
      });
    }),
    issuer,
  );
}

describe('status', () => {
  it('is skipped when the credential has no credentialStatus', async () => {
    const r = await verify(await signDi(credentialFrom(issuer), issuer), { now: NOW });
    expect(codes(r, 'status')).toEqual(['status_absent']);
  });
  it('offline, an unobtainable list is status_unchecked_offline: verdict warning, never valid', async () => {
    const r = await verify(await badgeAt(3), { now: NOW });
    expect(codes(r, 'status')).toEqual(['status_unchecked_offline']);
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(r.verdict).toBe('warning');
  });
  it('with the list in documents: not revoked passes, revoked fails (fetch never called)', async () => {
    const documents = { [LIST_URL]: listCredential };
    const ok = await verify(await badgeAt(3), {
      now: NOW,
      documents,
      fetch: forbiddenFetch as never,
    });
    expect(outcomes(ok, 'status')).toEqual(['pass']);
    expect(ok.verdict).toBe('valid');
    const revoked = await verify(await badgeAt(7), { now: NOW, documents });
    expect(codes(revoked, 'status')).toEqual(['status_revoked']);
    expect(revoked.verdict).toBe('invalid');
  });
  it('with fetch allowed, the list is fetched once from its URL', async () => {
    const { fetch, requested } = fakeFetch({ [LIST_URL]: listCredential });
    const r = await verify(await badgeAt(7), { now: NOW, fetch });
    expect(requested).toEqual([LIST_URL]);
    expect(codes(r, 'status')).toEqual(['status_revoked']);
  });
  it('a forged list (its proof does not verify) is not trusted', async () => {
    const forged = structuredClone(listCredential);
    const empty: Loose = await createStatusListCredential({
      id: LIST_URL,
      issuer: issuer.did,
      list: createStatusList({ purpose: 'revocation' }),
    });
    forged.credentialSubject.encodedList = empty.credentialSubject.encodedList;
    const r = await verify(await badgeAt(7), { now: NOW, documents: { [LIST_URL]: forged } });
    expect(codes(r, 'status')).toEqual(['status_list_proof_invalid']);
    // The status could not be established: never in force, never fully checked.
    expect(r.answers.inForce.value).toBe('unknown');
    expect(r.answers.fullyChecked.value).toBe('no');
    expect(r.verdict).toBe('warning');
    const strict = await verify(await badgeAt(7), {
      now: NOW,
      documents: { [LIST_URL]: forged },
      policy: 'conformance',
    });
    expect(outcomes(strict, 'status')).toEqual(['fail']);
    expect(strict.verdict).toBe('invalid');
  });
  it('1EdTechRevocationList: revoked when the list names the credential (1EdTech RevocationListProbe)', async () => {
    const badge = await signDi(
      credentialFrom(issuer, (c) => {
        c['@context'].push(EXTENSIONS);
        c.credentialStatus = { id: REVOCATION_URL, type: '1EdTechRevocationList' };
      }),
      issuer,
    );
    const list = (ids: string[]) => ({
      revokedCredentials: ids.map((id) => ({ id, revoked: true })),
    });
    const revoked = await verify(badge, {
      now: NOW,
      documents: { [REVOCATION_URL]: list([badge.id]) },
    });
    expect(codes(revoked, 'status')).toEqual(['status_revoked']);
    expect(revoked.verdict).toBe('invalid');
    const fine = await verify(badge, {
      now: NOW,
      documents: { [REVOCATION_URL]: list(['urn:uuid:someone-else']) },
    });
    expect(outcomes(fine, 'status')).toEqual(['pass']);
    // Unreachable list: a warning, as 1EdTech reports it.
    const { fetch } = fakeFetch({});
    const unreachable = await verify(badge, { now: NOW, fetch });
    expect(outcomes(unreachable, 'status')).toEqual(['warn']);
    expect(unreachable.verdict).toBe('warning');
  });
});
