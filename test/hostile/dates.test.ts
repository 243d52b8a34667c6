/**
 * Dates read one way everywhere. A period ends at its end: at `validUntil` (and at a JWT's `exp`,
 * RFC 7519: "the current date/time MUST be before" it; a proof's `expires`; a status list's end)
 * the credential is expired, not valid for one more instant under one field and expired under
 * another. An impossible date or time (30 February, hour 24) is `date_invalid` in every runtime:
 * V8's `Date.parse` read `2030-02-30T00:00:00Z` as 2 March and `T24:00:00` as the next day,
 * so a badge valid under Node could be refused under another engine, and the schema's
 * `date-time` format already refused what the validity check accepted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
} from '../../src/status/index.js';
import { failCodes, type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

let did = '';
let keyPair: KeyPair;
const AT_NOW = NOW.toISOString().replace('.000Z', 'Z');
const sign = (c: Loose) =>
  signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z', validate: false });
const validity = (r: Awaited<ReturnType<typeof verifyOffline>>) =>
  r.checks.filter((c) => c.id === 'validity').map((c) => c.code ?? c.outcome);

beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
});

describe('a period ends at its end', () => {
  it('validUntil == now is expired; one second later it is still valid', async () => {
    const c = richCredential(did);
    c.validUntil = AT_NOW;
    expect(validity(await verifyOffline(await sign(c)))).toEqual(['expired']);
    c.validUntil = new Date(NOW.getTime() + 1000).toISOString();
    expect(validity(await verifyOffline(await sign(c)))).toEqual(['pass']);
  });

  it('validFrom == now is valid', async () => {
    const c = richCredential(did);
    c.validFrom = AT_NOW;
    expect(validity(await verifyOffline(await sign(c)))).toEqual(['pass']);
  });

  it('a VC-JWT whose validUntil and exp are now is expired under both', async () => {
    const c = richCredential(did);
    c.validUntil = AT_NOW;
    const jwt = await signCredentialJwt(c, { key: keyPair, validate: false });
    const r = await verifyOffline(jwt);
    expect(validity(r)).toEqual(['expired', 'expired']);
    expect(r.verdict).toBe('invalid');
  });

  it('a status list whose validUntil is now is expired (not read as valid)', async () => {
    const LIST = 'https://issuer.example/status/3';
    const list = await signCredential(
      await createStatusListCredential({
        id: LIST,
        issuer: did,
        list: createStatusList({ purpose: 'revocation' }),
        validFrom: '2024-01-01T00:00:00Z',
        validUntil: AT_NOW,
      }),
      { key: keyPair, created: '2024-01-01T00:00:00Z' },
    );
    const c = richCredential(did);
    c.credentialStatus = createStatusEntry({
      statusListCredential: LIST,
      index: 7,
      purpose: 'revocation',
    });
    const r = await verifyOffline(await sign(c), { documents: { [LIST]: list } });
    expect(r.checks.find((x) => x.id === 'status')?.code).toBe('status_list_expired');
  });
});

describe('impossible dates and times are date_invalid', () => {
  for (const [field, value] of [
    ['validUntil', '2030-02-30T00:00:00Z'],
    ['validUntil', '2029-02-29T00:00:00Z'],
    ['validUntil', '2030-01-01T24:00:00Z'],
    ['validFrom', '2024-04-31T00:00:00Z'],
    ['validFrom', '2024-01-01T23:60:00Z'],
  ] as const) {
    it(`${field} ${value}`, async () => {
      const c = richCredential(did);
      c[field] = value;
      const r = await verifyOffline(await sign(c));
      expect(validity(r)).toEqual(['date_invalid']);
      // The schema's date-time format says the same.
      expect(r.checks.some((x) => x.id === 'schema' && x.path === `$.${field}`)).toBe(true);
      expect(r.verdict).toBe('invalid');
    });
  }

  it('a proof created on 30 February is refused when signing and when verifying', async () => {
    const c = richCredential(did);
    await expect(
      signCredential(c, { key: keyPair, created: '2024-02-30T00:00:00Z' }),
    ).rejects.toThrow(/created/);
    const signed = await sign(c);
    (Array.isArray(signed.proof) ? signed.proof[0] : signed.proof).created = '2024-02-30T00:00:00Z';
    const r = await verifyOffline(signed);
    expect(failCodes(r)).toContain('proof_malformed');
  });

  it('a VC-JWT cannot be made from an impossible validUntil', async () => {
    const c = richCredential(did);
    c.validUntil = '2030-02-30T00:00:00Z';
    await expect(signCredentialJwt(c, { key: keyPair, validate: false })).rejects.toMatchObject({
      code: 'ERR_JWT_DATE_INVALID',
    });
  });
});
