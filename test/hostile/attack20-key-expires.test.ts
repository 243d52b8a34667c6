/**
 * A did:web verification method's `expires` (Controlled Identifiers 1.0: no proof verifies with
 * the method at or after it), read from the DID document given in `documents`. Tried: an
 * instant just before and at the verification time, a date without a time zone, a date-only
 * value, a number, and the method defined a second time (under `assertionMethod`) without
 * `expires`. A VC-JWT is signed with node:crypto, not ob3kit's signer.
 */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOpenBadgeCredential } from '../../src/index.js';
import { verify } from '../../src/verify/index.js';
import { NOW } from './helpers.js';

const DID = 'did:web:issuer.example';
const KID = `${DID}#k`;
const b64 = (v: string | Buffer) => Buffer.from(v).toString('base64url');
const PRIVATE = createPrivateKey({
  key: Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.alloc(32, 34),
  ]),
  format: 'der',
  type: 'pkcs8',
});
const PUBLIC_JWK = createPublicKey(PRIVATE).export({ format: 'jwk' });

const JWT = (() => {
  const credential = createOpenBadgeCredential({
    id: 'urn:uuid:8c1a7f0e-2b51-4a57-9c4b-0a2f3e6d7b12',
    issuer: { id: DID, name: 'Example Issuer' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Badge',
    credentialSubject: {
      id: 'did:example:ada',
      achievement: {
        id: 'https://example.edu/achievements/a',
        name: 'A',
        description: 'A course.',
        criteria: { narrative: 'Pass.' },
      },
    },
  } as never);
  const header = { alg: 'EdDSA', typ: 'vc+jwt', kid: KID };
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(credential))}`;
  return `${input}.${b64(sign(null, Buffer.from(input), PRIVATE))}`;
})();

function didDoc(method: Record<string, unknown>, twice?: Record<string, unknown>) {
  const vm = { id: KID, type: 'JsonWebKey', controller: DID, publicKeyJwk: PUBLIC_JWK, ...method };
  return {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: DID,
    verificationMethod: [vm],
    assertionMethod: twice === undefined ? [KID] : [{ ...vm, ...twice, expires: undefined }],
  };
}

async function authentic(doc: object): Promise<string> {
  const r = await verify(JWT, { now: NOW, documents: { [DID]: JSON.parse(JSON.stringify(doc)) } });
  return r.answers.authentic.value;
}

const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString().replace('.000Z', 'Z');

describe('verification method expires', () => {
  it('a method without expires, or expiring after now, is authentic', async () => {
    expect(await authentic(didDoc({}))).toBe('yes');
    expect(await authentic(didDoc({ expires: at(1000) }))).toBe('yes');
  });

  it.each([
    ['a second before now', at(-1000)],
    ['exactly now', at(0)],
    ['a year before, no time zone', '2024-06-01T00:00:00'],
    ['a date only', '2024-06-01'],
    ['a number', 0],
    ['null', null],
  ])('a method that expired (%s) is not', async (_, expires) => {
    expect(await authentic(didDoc({ expires }))).not.toBe('yes');
  });

  it('a second definition of the method without its expires does not hide it', async () => {
    expect(await authentic(didDoc({ expires: at(-1000) }, {}))).not.toBe('yes');
  });
});
