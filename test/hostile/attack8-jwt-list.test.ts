/**
 * Attack: a revoked badge whose status list is a VC-JWT past its `exp`. The list's signature is
 * sound, but the JWT verifier's `jwt_expired` made the whole list `status_list_proof_invalid`,
 * so its set bit was never read: a revoked badge answered `warning`, in force "unknown", where the
 * same list with a Data Integrity proof answers revoked (a revocation is final, whatever the
 * list's validity period). The period of a JWT list is now judged by the entry check, as for any
 * list: `exp` / `nbf` stand for a missing `validUntil` / `validFrom` (a set bit is read; a clear
 * bit out of the period says nothing: `status_list_expired`, `status_list_not_yet_valid`), and
 * any other JWT issue still makes the list `status_list_proof_invalid`.
 * The lists are signed with node:crypto (attack7-jose), independently of ob3kit's signer.
 */
import { describe, expect, it } from 'vitest';
import {
  checkStatus,
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { badgeJwt, compactJws, joseParty } from './attack7-jose.js';
import { type Loose, NOW, verifyOffline } from './helpers.js';

const LIST = 'https://issuer.example/status/jwt8';
const INDEX = 4242;
const issuer = joseParty();
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** A VC-JWT (VC 2.0 form) of a revocation list, with `claims` (nbf, exp) and no validFrom / validUntil. */
async function listJwt(set: boolean, claims: Loose, signer = issuer): Promise<string> {
  const list = createStatusList({ purpose: 'revocation' });
  if (set) setStatus(list, INDEX, true);
  const vc = await createStatusListCredential({ id: LIST, issuer: issuer.did, list });
  const payload = { ...vc, iss: issuer.did, jti: LIST, sub: `${LIST}#list`, ...claims };
  return compactJws(signer, { alg: 'EdDSA', kid: issuer.kid, typ: 'vc+jwt' }, payload);
}

const entry = createStatusEntry({
  statusListCredential: LIST,
  index: INDEX,
  purpose: 'revocation',
});
const credential = { issuer: issuer.did, credentialStatus: entry };
const EXPIRED = { nbf: seconds('2024-01-01T00:00:00Z'), exp: seconds('2025-01-01T00:00:00Z') };
const FUTURE = { nbf: seconds('2026-01-01T00:00:00Z') };

async function statusOf(list: string): Promise<Array<[string, string | undefined]>> {
  const r = await checkStatus(credential, { documents: { [LIST]: list }, now: NOW });
  return r.checks.map((c) => [c.status, c.code]);
}

describe('a status list VC-JWT outside its exp / nbf', () => {
  it('control: a current JWT list is read', async () => {
    expect(await statusOf(await listJwt(true, { nbf: EXPIRED.nbf }))).toEqual([
      ['revoked', 'status_revoked'],
    ]);
    expect(await statusOf(await listJwt(false, { nbf: EXPIRED.nbf }))).toEqual([['ok', undefined]]);
  });

  it('past its exp, a set bit still revokes', async () => {
    expect(await statusOf(await listJwt(true, EXPIRED))).toEqual([['revoked', 'status_revoked']]);
  });

  it('past its exp, a clear bit says nothing (status_list_expired), never ok', async () => {
    expect(await statusOf(await listJwt(false, EXPIRED))).toEqual([
      ['unknown', 'status_list_expired'],
    ]);
  });

  it('before its nbf, a clear bit says nothing (status_list_not_yet_valid)', async () => {
    expect(await statusOf(await listJwt(false, FUTURE))).toEqual([
      ['unknown', 'status_list_not_yet_valid'],
    ]);
  });

  it('an expired list signed by another key is still status_list_proof_invalid', async () => {
    expect(await statusOf(await listJwt(true, EXPIRED, joseParty()))).toEqual([
      ['unknown', 'status_list_proof_invalid'],
    ]);
  });

  it('verify(): a revoked badge under an expired JWT list is invalid, in force "no"', async () => {
    const badge = badgeJwt(issuer, { credentialStatus: entry });
    const report = await verifyOffline(badge, {
      documents: { [LIST]: await listJwt(true, EXPIRED) },
    });
    expect(report.verdict).toBe('invalid');
    expect(report.answers.inForce.value).toBe('no');
    expect(report.checks.filter((c) => c.id === 'status').map((c) => c.code)).toEqual([
      'status_revoked',
    ]);
  });
});
