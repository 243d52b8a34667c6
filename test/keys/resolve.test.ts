import { describe, expect, it } from 'vitest';
import {
  checkKeyController,
  checkVerificationRelationship,
  createDidJwk,
  createDidKey,
  didWebToUrl,
  exportKeyPair,
  generateKeyPair,
  resolveDid,
  resolveVerificationMethod,
} from '../../src/keys/index.js';
import { codeOf } from '../helpers.js';

const W3C_DID = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';

describe('did:key', () => {
  it('resolves offline to a Multikey document that lists the key for every purpose', async () => {
    const doc = await resolveDid(W3C_DID);
    const vmId = `${W3C_DID}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`;
    expect(doc.id).toBe(W3C_DID);
    expect(doc.verificationMethod?.[0]).toEqual({
      id: vmId,
      type: 'Multikey',
      controller: W3C_DID,
      publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
    });
    for (const r of ['assertionMethod', 'authentication'] as const) {
      expect(checkVerificationRelationship(doc, vmId, r)).toBe(true);
    }
    const { keyPair, controllerDocument } = await resolveVerificationMethod(vmId, {
      purpose: 'assertionMethod',
    });
    expect(keyPair.id).toBe(vmId);
    expect(keyPair.controller).toBe(W3C_DID);
    expect(controllerDocument.id).toBe(W3C_DID);
  });

  it('round-trips createDidKey for Ed25519 and P-256 and signs with the bound key', async () => {
    for (const type of ['Ed25519', 'P-256'] as const) {
      const created = createDidKey(await generateKeyPair({ type }));
      expect(created.did.startsWith(type === 'Ed25519' ? 'did:key:z6Mk' : 'did:key:zDn')).toBe(
        true,
      );
      const resolved = await resolveVerificationMethod(created.verificationMethodId);
      expect(resolved.keyPair.publicKey).toEqual(created.keyPair.publicKey);
      const data = new Uint8Array([4, 5, 6]);
      expect(await resolved.keyPair.verify(data, await created.keyPair.sign(data))).toBe(true);
      expect(created.document).toEqual(await resolveDid(created.did));
    }
  });

  it('fails on a malformed did:key, an unknown fragment and an unsupported key type', async () => {
    expect(await codeOf(resolveDid('did:key:abc'))).toBe('ERR_DID_INVALID');
    expect(await codeOf(resolveVerificationMethod(`${W3C_DID}#other`))).toBe(
      'ERR_VERIFICATION_METHOD_NOT_FOUND',
    );
    // secp256k1 did:key (did:key test vectors)
    expect(
      await codeOf(resolveDid('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')),
    ).toBe('ERR_KEY_TYPE_UNSUPPORTED');
  });
});

describe('did:jwk', () => {
  it('resolves keys it creates (Ed25519, P-256, RSA)', async () => {
    for (const type of ['Ed25519', 'P-256', 'RSA'] as const) {
      const key = await generateKeyPair({ type });
      const { did, verificationMethodId } = createDidJwk(key);
      const { keyPair } = await resolveVerificationMethod(verificationMethodId, {
        purpose: 'assertionMethod',
      });
      expect(keyPair.type).toBe(type);
      expect(keyPair.controller).toBe(did);
    }
  });

  it('decodes the did:jwk specification example (P-256)', async () => {
    // Example from the did:jwk method specification.
    const did =
      'did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9';
    const doc = await resolveDid(did);
    expect(doc.verificationMethod?.[0]?.publicKeyJwk).toEqual({
      crv: 'P-256',
      kty: 'EC',
      x: 'acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0',
      y: '_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE',
    });
    expect(doc.assertionMethod).toEqual([`${did}#0`]);
  });

  it('refuses a did:jwk that carries a private key or is not a JWK', async () => {
    const key = await generateKeyPair();
    const jwk = exportKeyPair(key, { format: 'jwk', includeSecret: true });
    const leaky = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;
    expect(await codeOf(resolveDid(leaky))).toBe('ERR_DID_INVALID');
    expect(await codeOf(resolveDid(`did:jwk:${Buffer.from('[1]').toString('base64url')}`))).toBe(
      'ERR_DID_INVALID',
    );
  });
});

describe('did:web and https controller documents', () => {
  it('maps did:web to https URLs (did:web specification examples)', () => {
    expect(didWebToUrl('did:web:w3c-ccg.github.io')).toBe(
      'https://w3c-ccg.github.io/.well-known/did.json',
    );
    expect(didWebToUrl('did:web:w3c-ccg.github.io:user:alice')).toBe(
      'https://w3c-ccg.github.io/user/alice/did.json',
    );
    expect(didWebToUrl('did:web:example.com%3A3000')).toBe(
      'https://example.com:3000/.well-known/did.json',
    );
    expect(() => didWebToUrl('did:web:exa mple.com')).toThrow(
      expect.objectContaining({ code: 'ERR_DID_INVALID' }),
    );
    expect(() => didWebToUrl('did:web:example.com:..:x')).toThrow(
      expect.objectContaining({ code: 'ERR_DID_INVALID' }),
    );
  });

  async function webFixture() {
    const key = await generateKeyPair({ type: 'P-256' });
    const did = 'did:web:issuer.example:orgs:1';
    const vm = { ...exportKeyPair(key), id: `${did}#key-1`, controller: did };
    const doc = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [vm],
      assertionMethod: ['#key-1'],
    };
    return { key, did, doc };
  }

  it('fetches did:web documents through the injected fetch and checks purpose', async () => {
    const { key, did, doc } = await webFixture();
    const seen: string[] = [];
    const fetch = async (url: string) => {
      seen.push(url);
      return { ok: true, status: 200, text: async () => JSON.stringify(doc) };
    };
    const r = await resolveVerificationMethod(`${did}#key-1`, {
      fetch,
      purpose: 'assertionMethod',
    });
    expect(seen).toEqual(['https://issuer.example/orgs/1/did.json']);
    expect(r.keyPair.publicKey).toEqual(key.publicKey);
    expect(
      await codeOf(resolveVerificationMethod(`${did}#key-1`, { fetch, purpose: 'authentication' })),
    ).toBe('ERR_KEY_PURPOSE_MISMATCH');
  });

  it('is offline without fetch, and rejects a document whose id is not the DID', async () => {
    const { did, doc } = await webFixture();
    expect(await codeOf(resolveDid(did))).toBe('ERR_RESOLUTION_OFFLINE');
    expect(
      await codeOf(
        resolveDid(did, { documents: { [did]: { ...doc, id: 'did:web:evil.example' } } }),
      ),
    ).toBe('ERR_DID_ID_MISMATCH');
    const fetch = async () => ({ ok: false, status: 404, text: async () => '' });
    expect(await codeOf(resolveDid(did, { fetch }))).toBe('ERR_FETCH_STATUS');
    const notJson = async () => ({ ok: true, status: 200, text: async () => '<html>' });
    expect(await codeOf(resolveDid(did, { fetch: notJson }))).toBe('ERR_FETCH_MALFORMED');
  });

  it('resolves https controller documents with several keys, by documents or fetch', async () => {
    const a = await generateKeyPair();
    const b = await generateKeyPair({ type: 'P-256' });
    const issuer = 'https://example.edu/issuers/565049';
    const doc = {
      id: issuer,
      verificationMethod: [
        { ...exportKeyPair(a), id: `${issuer}#a`, controller: issuer },
        { ...exportKeyPair(b, { format: 'JsonWebKey' }), id: `${issuer}#b`, controller: issuer },
      ],
      assertionMethod: [`${issuer}#a`],
      authentication: [`${issuer}#b`],
    };
    const ra = await resolveVerificationMethod(`${issuer}#a`, {
      documents: { [issuer]: doc },
      purpose: 'assertionMethod',
    });
    expect(ra.keyPair.publicKey).toEqual(a.publicKey);
    const fetch = async () => ({ ok: true, status: 200, text: async () => JSON.stringify(doc) });
    const rb = await resolveVerificationMethod(`${issuer}#b`, { fetch, purpose: 'authentication' });
    expect(rb.keyPair.type).toBe('P-256');
    expect(
      await codeOf(resolveVerificationMethod(`${issuer}#b`, { fetch, purpose: 'assertionMethod' })),
    ).toBe('ERR_KEY_PURPOSE_MISMATCH');
    expect(
      await codeOf(
        resolveVerificationMethod(`${issuer}#a`, {
          documents: { [issuer]: { ...doc, id: 'https://other.example' } },
        }),
      ),
    ).toBe('ERR_CONTROLLER_ID_MISMATCH');
    expect(await codeOf(resolveVerificationMethod(`${issuer}#a`))).toBe('ERR_RESOLUTION_OFFLINE');
    expect(await codeOf(resolveVerificationMethod('http://example.edu/k#1', { fetch }))).toBe(
      'ERR_FETCH_NOT_HTTPS',
    );
  });

  it('finds keys embedded in a relationship and a key published at its own URL', async () => {
    const key = await generateKeyPair();
    const issuer = 'https://example.edu/issuers/9';
    const embedded = {
      id: issuer,
      assertionMethod: [{ ...exportKeyPair(key), id: `${issuer}#k`, controller: issuer }],
    };
    const r = await resolveVerificationMethod(`${issuer}#k`, {
      documents: { [issuer]: embedded },
      purpose: 'assertionMethod',
    });
    expect(r.keyPair.publicKey).toEqual(key.publicKey);

    const keyUrl = 'https://example.edu/keys/1';
    const keyDoc = { ...exportKeyPair(key), id: keyUrl, controller: issuer };
    const controller = { id: issuer, assertionMethod: [keyUrl] };
    const r2 = await resolveVerificationMethod(keyUrl, {
      documents: { [keyUrl]: keyDoc, [issuer]: controller },
      purpose: 'assertionMethod',
    });
    expect(r2.controllerDocument.id).toBe(issuer);
    // A key claiming a controller whose document does not list it is refused.
    expect(
      await codeOf(
        resolveVerificationMethod(keyUrl, {
          documents: { [keyUrl]: keyDoc, [issuer]: { id: issuer } },
        }),
      ),
    ).toBe('ERR_CONTROLLER_ID_MISMATCH');
  });

  it('rejects revoked keys', async () => {
    const key = await generateKeyPair();
    const issuer = 'https://example.edu/issuers/10';
    const doc = {
      id: issuer,
      verificationMethod: [
        {
          ...exportKeyPair(key),
          id: `${issuer}#k`,
          controller: issuer,
          revoked: '2020-01-01T00:00:00Z',
        },
      ],
      assertionMethod: [`${issuer}#k`],
    };
    expect(
      await codeOf(resolveVerificationMethod(`${issuer}#k`, { documents: { [issuer]: doc } })),
    ).toBe('ERR_KEY_REVOKED');
  });
});

describe('custom resolvers and controller checks', () => {
  it('uses resolvers for other DID methods and reports unsupported ones', async () => {
    const created = createDidKey(await generateKeyPair());
    const did = 'did:example:123';
    const doc = {
      id: did,
      verificationMethod: [{ ...exportKeyPair(created.keyPair), id: `${did}#k`, controller: did }],
      assertionMethod: [`${did}#k`],
    };
    const r = await resolveVerificationMethod(`${did}#k`, {
      resolvers: { example: async () => doc },
    });
    expect(r.keyPair.publicKey).toEqual(created.keyPair.publicKey);
    expect(await codeOf(resolveDid('did:other:1'))).toBe('ERR_DID_METHOD_UNSUPPORTED');
    expect(
      await codeOf(
        resolveDid(did, {
          resolvers: { example: async () => ({ ...doc, id: 'did:example:456' }) },
        }),
      ),
    ).toBe('ERR_DID_ID_MISMATCH');
  });

  it('checks that the key belongs to the issuer', () => {
    const vm = {
      id: `${W3C_DID}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`,
      controller: W3C_DID,
    };
    expect(checkKeyController(vm, W3C_DID)).toBe(true);
    expect(checkKeyController({ id: vm.id }, W3C_DID)).toBe(true);
    expect(checkKeyController(vm, 'did:key:z6MkOther')).toBe(false);
    expect(
      checkKeyController(
        { id: 'https://a.example/k#1', controller: 'https://a.example/k' },
        'https://b.example',
      ),
    ).toBe(false);
  });
});
