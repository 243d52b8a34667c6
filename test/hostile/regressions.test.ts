/**
 * Regressions: every hostile input that once got through (found by the tamper enumeration, the
 * fuzzers or by hand) is kept in fixtures/hostile/ and replayed here. See its README.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ob3Error } from '../../src/errors.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
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
