/**
 * Attack (low): a did:jwk whose JWK text names a member twice. `resolveDidJwk`
 * (`src/keys/did.ts`) reads the DID's JSON with `JSON.parse`, which keeps the last `"x"`; a
 * reader that keeps the first (or refuses, as ob3kit does for every other JSON text it reads:
 * `json_duplicate_key`, `ERR_FETCH_MALFORMED`) sees another key behind the same issuer DID. One
 * issuer identifier then stands for two keys: a badge verifies under ob3kit and not elsewhere
 * (or the reverse, with the first `x` the signer's), and a display of the DID's key shows the
 * other one. The house rule is "two values for one member: refuse, don't pick one".
 *
 * Expected: a did:jwk whose JSON has a member name twice is `ERR_DID_INVALID`, and a credential
 * it issues is invalid.
 */
import { describe, expect, it } from 'vitest';
import { exportKeyPair, generateKeyPair, importKeyPair, resolveDid } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { failCodes, richCredential, verifyOffline } from './helpers.js';

async function twoKeyDid() {
  const first = await generateKeyPair({ type: 'Ed25519' });
  const signer = await generateKeyPair({ type: 'Ed25519' });
  const x1 = (first.publicKeyJwk as { x: string }).x;
  const x2 = (signer.publicKeyJwk as { x: string }).x;
  const text = `{"kty":"OKP","crv":"Ed25519","x":"${x1}","x":"${x2}"}`;
  return { did: `did:jwk:${Buffer.from(text).toString('base64url')}`, signer };
}

describe('a did:jwk with a member named twice', () => {
  it('is refused when resolved (today: the last "x" is taken)', async () => {
    const { did } = await twoKeyDid();
    await expect(resolveDid(did)).rejects.toMatchObject({ code: 'ERR_DID_INVALID' });
  });

  it('does not issue a valid credential', async () => {
    const { did, signer } = await twoKeyDid();
    // The signer's key under the DID's one method id.
    const secret = exportKeyPair(signer, { format: 'jwk', includeSecret: true });
    const key = importKeyPair(secret as never, { id: `${did}#0`, controller: did });
    const signed = await signCredential(richCredential(did), {
      key,
      created: '2024-01-01T00:00:00Z',
    });
    const report = await verifyOffline(signed);
    // Today: valid.
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report).length).toBeGreaterThan(0);
  });
});
