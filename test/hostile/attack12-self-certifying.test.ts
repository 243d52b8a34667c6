/**
 * Attack: a did:key or did:jwk DID names its key itself; its DID document is derived from the
 * DID, offline. ob3kit looked in `documents` first, before deriving it, so a document given
 * there under the issuer's did:key (with the right `id` and the forger's key under the method
 * id) replaced the issuer's key: a verifier that takes documents from a bundle, a cache or the
 * presenter accepted a badge signed by anyone as the did:key issuer's.
 *
 * Expected: did:key and did:jwk are always derived from the DID; a given document is not read
 * for them (a `resolvers` entry, which the verifier writes itself, still overrides).
 */
import { describe, expect, it } from 'vitest';
import {
  createDidJwk,
  createDidKey,
  generateKeyPair,
  resolveDid,
  resolveVerificationMethod,
} from '../../src/keys/index.js';
import { bindKeyPair } from '../../src/keys/key-pair.js';
import { signCredential } from '../../src/proof/index.js';
import { richCredential, verifyOffline } from './helpers.js';

async function forgedFor(kind: 'key' | 'jwk') {
  const issuerKey = await generateKeyPair({ type: 'Ed25519' });
  const forger = await generateKeyPair({ type: 'Ed25519' });
  const issuer = kind === 'key' ? createDidKey(issuerKey) : createDidJwk(issuerKey);
  const forgedDoc = structuredClone(issuer.document) as Record<string, unknown>;
  const vm = (forgedDoc.verificationMethod as Record<string, unknown>[])[0] as Record<
    string,
    unknown
  >;
  if (kind === 'key') vm.publicKeyMultibase = forger.publicKeyMultibase;
  else vm.publicKeyJwk = forger.publicKeyJwk;
  return { issuer, forger, forgedDoc };
}

describe('did:key and did:jwk are derived from the DID, never read from documents', () => {
  for (const kind of ['key', 'jwk'] as const) {
    it(`did:${kind}: a given document with another key does not replace the DID's key`, async () => {
      const { issuer, forger, forgedDoc } = await forgedFor(kind);
      const documents = { [issuer.did]: forgedDoc };
      const resolved = await resolveVerificationMethod(issuer.verificationMethodId, { documents });
      expect(resolved.keyPair.publicKeyJwk).toEqual(issuer.keyPair.publicKeyJwk);
      expect(await resolveDid(issuer.did, { documents })).toEqual(issuer.document);

      const key = bindKeyPair(forger, { id: issuer.verificationMethodId, controller: issuer.did });
      const signed = await signCredential(richCredential(issuer.did), {
        key,
        created: '2024-01-01T00:00:00Z',
      });
      const report = await verifyOffline(signed, { documents });
      expect(report.verdict).toBe('invalid');
      expect(report.answers.authentic.value).not.toBe('yes');
    });

    it(`did:${kind}: the genuine issuer still verifies with or without a given document`, async () => {
      const key = await generateKeyPair({ type: 'Ed25519' });
      const issuer = kind === 'key' ? createDidKey(key) : createDidJwk(key);
      const signed = await signCredential(richCredential(issuer.did), {
        key: issuer.keyPair,
        created: '2024-01-01T00:00:00Z',
      });
      for (const documents of [undefined, { [issuer.did]: issuer.document }]) {
        const report = await verifyOffline(signed, documents ? { documents } : {});
        expect(report.verdict).toBe('valid');
      }
    });
  }
});
