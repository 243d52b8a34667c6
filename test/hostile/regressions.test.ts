/**
 * Regressions: every hostile input that once got through (found by the tamper enumeration, the
 * fuzzers or by hand) is kept in fixtures/hostile/ and replayed here. See its README.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { Ob3Error } from '../../src/errors.js';
import { fromBase64Url, fromHex, toBase64Url, utf8 } from '../../src/internal/bytes.js';
import {
  createDidKey,
  decodeBase58btc,
  generateKeyPair,
  importKeyPair,
} from '../../src/keys/index.js';
import { createPresentation, verifyPresentation } from '../../src/present/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import { handJwt } from '../proof/jwt/helpers.js';
import { failCodes, type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

const FIXTURES = path.resolve(__dirname, '../../fixtures/hostile');

function fixture(name: string): Loose {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

describe('unpaired UTF-16 surrogates (lone-surrogate-*.json)', () => {
  // Found by hand: UTF-8 encoding turns every unpaired surrogate into U+FFFD before hashing, so a
  // credential signed with "Badge \ud800" also verified as "Badge \udc00" or "Badge \ufffd".
  it('the signed fixture really holds an unpaired surrogate, and the forged one a different one', () => {
    const signed = fixture('lone-surrogate-signed.json');
    const forged = fixture('lone-surrogate-forged.json');
    expect(signed.name).toBe('Badge \ud800');
    expect(forged.name).toBe('Badge \udc00');
    expect({ ...forged, name: signed.name }).toEqual(signed);
  });

  it('neither verifies: the proof fails with jsonld_error naming the surrogate, verify() says invalid', async () => {
    for (const name of ['lone-surrogate-signed.json', 'lone-surrogate-forged.json']) {
      const doc = fixture(name);
      const r = await verifyCredentialProof(doc, { now: NOW });
      expect(r.verified).toBe(false);
      expect(r.issues.map((i) => i.code)).toEqual(['jsonld_error']);
      expect(r.issues[0]?.message).toMatch(/unpaired UTF-16 surrogate/);
      const report = await verifyOffline(doc);
      expect(report.verdict).toBe('invalid');
      expect(failCodes(report)).toContain('jsonld_error');
    }
    // What was hashed is the UTF-8 of U+FFFD: with it, the text is the one the signature covers.
    const replaced = { ...fixture('lone-surrogate-signed.json'), name: 'Badge \ufffd' };
    expect((await verifyCredentialProof(replaced, { now: NOW })).verified).toBe(true);
  });

  it('signing refuses such text with ERR_JSONLD_INVALID_STRING; paired surrogates (emoji) are fine', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    for (const bad of ['Badge \ud800', '\udc00 Badge', 'a\ud83d', '\ude00b']) {
      const c = richCredential(did);
      c.credentialSubject.achievement.name = bad;
      try {
        await signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });
        expect.unreachable(`signed ${JSON.stringify(bad)}`);
      } catch (e) {
        expect(e).toBeInstanceOf(Ob3Error);
        expect((e as Ob3Error).code).toBe('ERR_JSONLD_INVALID_STRING');
      }
    }
    const c = richCredential(did);
    c.name = 'Badge \ud83d\ude00 \u00e9';
    const signed = await signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });
    expect((await verifyCredentialProof(signed, { now: NOW })).verified).toBe(true);
  });
});

describe('Ed25519 small-order public keys (small-order-key-forged.json)', () => {
  // Found by hand: with the identity point as public key, the signature R = identity, S = 0
  // verifies every message (RFC 8032 allows it), so anyone could "sign" any badge as
  // did:key:z6MkeXATEjyXENzBXBxgC5EHk2JE5aqd7qMGGtDpLUH1e2Sj.
  const SMALL_ORDER = [
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '0000000000000000000000000000000000000000000000000000000000000000',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  ];

  it('the fixture is the universal forgery: WebCrypto (OpenSSL) accepts its signature for any message', async () => {
    const doc = fixture('small-order-key-forged.json');
    const signature = decodeBase58btc(doc.proof.proofValue.slice(1)) as Uint8Array;
    const publicKey = fromHex(SMALL_ORDER[0] as string) as Uint8Array;
    const key = await crypto.subtle.importKey(
      'raw',
      publicKey as BufferSource,
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    for (const message of ['any', 'message', 'at all']) {
      expect(
        await crypto.subtle.verify(
          'Ed25519',
          key,
          signature as BufferSource,
          utf8(message) as BufferSource,
        ),
      ).toBe(true);
    }
  });

  it('every small-order point is refused as a key (ERR_KEY_INVALID), in every key format', () => {
    for (const hex of SMALL_ORDER) {
      const bytes = fromHex(hex) as Uint8Array;
      expect(ed25519.Point.fromBytes(bytes, true).isSmallOrder()).toBe(true);
      const jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(bytes) };
      for (const input of [
        jwk,
        { type: 'JsonWebKey', id: 'urn:k#1', controller: 'urn:k', publicKeyJwk: jwk },
      ]) {
        try {
          importKeyPair(input);
          expect.unreachable(`accepted ${hex}`);
        } catch (e) {
          expect((e as Ob3Error).code).toBe('ERR_KEY_INVALID');
        }
      }
    }
  });

  it('the forged badge does not verify (key_invalid), as Data Integrity or as a VC-JWT', async () => {
    const doc = fixture('small-order-key-forged.json');
    const r = await verifyCredentialProof(doc, { now: NOW });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['key_invalid']);
    expect((await verifyOffline(doc)).verdict).toBe('invalid');

    const { proof, ...credential } = doc;
    const enc = (v: unknown) => toBase64Url(utf8(JSON.stringify(v)));
    const signature = fromBase64Url(
      toBase64Url(decodeBase58btc(proof.proofValue.slice(1)) as Uint8Array),
    );
    const jwt = `${enc({ alg: 'EdDSA', typ: 'JWT', kid: proof.verificationMethod })}.${enc({ ...credential, iss: credential.issuer.id })}.${toBase64Url(signature as Uint8Array)}`;
    const rj = await verifyCredentialJwt(jwt, { now: NOW });
    expect(rj.verified).toBe(false);
    expect((await verifyOffline(jwt)).verdict).toBe('invalid');
  });
});

describe('key binding when the issuer or holder is not a plain id (issuer-holder-binding)', () => {
  // Found by the issuer-impersonation probe: with the issuer or holder written as
  // { "@id": victim } (the same RDF as { id }), as an array, or left out, the key binding was
  // skipped; a presentation so written, signed with the attacker's own key, was 'valid'. Since
  // the compact-form rule, "@id" where the context names it "id" is refused outright
  // (jsonld_not_compact), whoever signed it.
  const victim = 'did:web:victim.example';
  const profile = { type: ['Profile'], name: 'Victim University' };

  it('verifyCredentialProof fails issuer_key_mismatch for "@id", an array, or no issuer', async () => {
    const attacker = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const edits: Array<(c: Loose) => void> = [
      (c) => (c.issuer = { '@id': victim, ...profile }),
      (c) => (c.issuer = [{ id: victim, ...profile }]),
      (c) => (c.issuer = [victim]),
      (c) => delete c.issuer,
    ];
    const expected = [
      'jsonld_not_compact',
      'issuer_key_mismatch',
      'issuer_key_mismatch',
      'issuer_key_mismatch',
    ];
    for (const [i, edit] of edits.entries()) {
      const c = richCredential(victim);
      edit(c);
      const forged = await signCredential(c, {
        key: attacker.keyPair,
        created: '2024-01-01T00:00:00Z',
        validate: false, // crafted: refused by default, the verifier must refuse it too
        checkIssuer: false,
      });
      const r = await verifyCredentialProof(forged, { now: NOW });
      expect(r.verified).toBe(false);
      expect(r.issues.map((i) => i.code)).toEqual([expected[i]]);
    }
    // The issuer's own key, with the issuer written as "@id": refused too (not the compact form).
    const own = richCredential(attacker.did);
    own.issuer = { '@id': attacker.did, ...profile };
    const signed = await signCredential(own, {
      key: attacker.keyPair,
      created: '2024-01-01T00:00:00Z',
      validate: false, // signing wants "id"; the verifier still reads "@id"
      checkIssuer: false,
    });
    const r = await verifyCredentialProof(signed, { now: NOW });
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['jsonld_not_compact', '$.issuer["@id"]'],
    ]);
  });

  it('a presentation whose holder is { "@id": victim } or [victim], signed by another key, is invalid (Data Integrity and VP-JWT)', async () => {
    const issuer = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const vc = await signCredential(richCredential(issuer.did), {
      key: issuer.keyPair,
      created: '2024-01-01T00:00:00Z',
    });
    const victimKey = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const attacker = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    for (const holder of [{ '@id': victimKey.did }, [victimKey.did]]) {
      const vp: Loose = createPresentation({ credentials: [vc] });
      vp.holder = holder;
      // Signed at the proof level: signPresentation itself refuses a holder it cannot bind.
      const di = await signCredential(vp, {
        key: attacker.keyPair,
        proofPurpose: 'authentication',
        challenge: 'nonce-1',
        created: '2024-01-01T00:00:00Z',
        validate: false, // crafted: refused by default, the verifier must refuse it too
        checkIssuer: false,
      });
      const r = await verifyPresentation(di, { challenge: 'nonce-1', now: NOW });
      expect(r.verified).toBe(false);
      expect(r.issues.map((i) => i.code)).toContain(
        Array.isArray(holder) ? 'presentation_holder_mismatch' : 'jsonld_not_compact',
      );
      expect((await verifyOffline(di, { challenge: 'nonce-1' })).verdict).toBe('invalid');
      const jwt = handJwt(
        { alg: 'EdDSA', typ: 'JWT', kid: attacker.keyPair.id },
        { ...vp, iss: attacker.did, nonce: 'nonce-1', iat: 1_700_000_000 },
        attacker.keyPair,
      );
      expect((await verifyOffline(jwt, { challenge: 'nonce-1' })).verdict).toBe('invalid');
    }
    // The holder's own key with holder { "@id": holder }: refused too (not the compact form).
    const vp: Loose = createPresentation({ credentials: [vc] });
    vp.holder = { '@id': attacker.did };
    const own = await signCredential(vp, {
      key: attacker.keyPair,
      proofPurpose: 'authentication',
      challenge: 'nonce-1',
      created: '2024-01-01T00:00:00Z',
      validate: false, // a presentation signed as a credential; the verifier reads "@id"
      checkIssuer: false,
    });
    const r = await verifyPresentation(own, { challenge: 'nonce-1', now: NOW });
    expect(r.issues.map((i) => i.code)).toEqual(['jsonld_not_compact']);
  });
});

describe('document shape before JSON-LD (verify input)', () => {
  // Found by hand: a heavily shared object graph (24 levels of { description: [x, x] }) made the
  // depth walk exhaust the heap and kill the process; a 100,001-item array made verify() run for
  // minutes (JSON-LD to RDF is quadratic in the values of one property).
  it('a heavily shared object graph fails input_too_large without exhausting memory', async () => {
    let shared: Loose = { name: 'x' };
    for (let i = 0; i < 25; i++) shared = { description: [shared, shared] };
    const report = await verifyOffline({ ...richCredential('did:example:1'), evidence: [shared] });
    expect(failCodes(report)).toEqual(['input_too_large']);
  });

  it('an array of 100,001 values fails input_too_large before any JSON-LD processing (object, text, VC-JWT)', async () => {
    const c = richCredential('did:example:1');
    c.credentialSubject.achievement.tag = Array.from({ length: 100_001 }, (_, i) => `t${i}`);
    expect(failCodes(await verifyOffline(c))).toEqual(['input_too_large']);
    expect(failCodes(await verifyOffline(JSON.stringify(c)))).toEqual(['input_too_large']);
    const jwt = `${toBase64Url(utf8('{"alg":"EdDSA"}'))}.${toBase64Url(utf8(JSON.stringify({ vc: c })))}.AAAA`;
    expect(failCodes(await verifyOffline(jwt))).toEqual(['input_too_large']);
    // 4,096 items is still accepted as input (and then checked as usual).
    c.credentialSubject.achievement.tag = c.credentialSubject.achievement.tag.slice(0, 4_096);
    expect(failCodes(await verifyOffline(c))).not.toContain('input_too_large');
  }, 30_000);
});
