/**
 * A did:jwk whose JWK is restricted to another use than signing: RFC 7517 `use: "enc"` (the
 * did:jwk method then lists it only for key agreement) or `key_ops` without "verify" (an array,
 * or one string). A VC-JWT signed with that key (node:crypto, not ob3kit's signer) must not be
 * authentic; the same key with `key_ops: ["verify"]` or `"verify"` is.
 */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOpenBadgeCredential } from '../../src/index.js';
import { verify } from '../../src/verify/index.js';
import { NOW } from './helpers.js';

const b64 = (v: string | Buffer) => Buffer.from(v).toString('base64url');
const PRIVATE = createPrivateKey({
  key: Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.alloc(32, 33),
  ]),
  format: 'der',
  type: 'pkcs8',
});
const PUBLIC_JWK = createPublicKey(PRIVATE).export({ format: 'jwk' }) as Record<string, unknown>;

function vcJwt(extra: Record<string, unknown>): string {
  const did = `did:jwk:${b64(JSON.stringify({ ...PUBLIC_JWK, ...extra }))}`;
  const credential = createOpenBadgeCredential({
    id: 'urn:uuid:8c1a7f0e-2b51-4a57-9c4b-0a2f3e6d7b11',
    issuer: { id: did, name: 'Example Issuer' },
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
  const header = { alg: 'EdDSA', typ: 'vc+jwt', kid: `${did}#0` };
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(credential))}`;
  return `${input}.${b64(sign(null, Buffer.from(input), PRIVATE))}`;
}

describe('did:jwk key restricted to another use', () => {
  it.each([{}, { use: 'sig' }, { key_ops: ['verify'] }, { key_ops: 'verify' }])(
    'a signing key %j is authentic',
    async (extra) => {
      const r = await verify(vcJwt(extra), { now: NOW });
      expect(r.answers.authentic.value).toBe('yes');
    },
  );

  it.each([
    { use: 'enc' },
    { key_ops: ['encrypt'] },
    { key_ops: ['sign'] },
    { key_ops: 'deriveKey' },
    { key_ops: [] },
  ])('a key %j is not', async (extra) => {
    const r = await verify(vcJwt(extra), { now: NOW });
    expect(r.answers.authentic.value).not.toBe('yes');
    expect(r.verdict).toBe('invalid');
  });
});
