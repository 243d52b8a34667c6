import { importJWK, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProofError } from '../../src/errors.js';
import { type CreatedDid, createDidKey, generateKeyPair } from '../../src/keys/index.js';
import {
  createPresentation,
  signPresentation,
  signPresentationJwt,
  verifyPresentation,
} from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import {
  b64u,
  codes,
  decodeSegment,
  HAS_EXAMPLE,
  handJwt,
  loadBasicCredential,
  SKIP_REASON,
} from '../proof/jwt/helpers.js';
import { referenceSignPresentation, referenceVerifyPresentation } from './reference.js';

if (!HAS_EXAMPLE) console.warn(`test/present skipped: ${SKIP_REASON}`);

const NOW = new Date('2024-06-01T00:00:00Z');
const CHALLENGE = '9a1f7c2e-challenge';
const DOMAIN = 'https://verifier.example';
type Json = Record<string, unknown>;

describe.skipIf(!HAS_EXAMPLE)('presentations', () => {
  let issuer: CreatedDid;
  let holder: CreatedDid;
  let stranger: CreatedDid;
  let credential: Json;
  let signed: Json;
  let jwt: string;
  let documents: Record<string, Json>;

  beforeAll(async () => {
    issuer = createDidKey(await generateKeyPair());
    holder = createDidKey(await generateKeyPair());
    stranger = createDidKey(await generateKeyPair());
    const base = loadBasicCredential();
    credential = {
      ...base,
      issuer: { ...(base.issuer as Json), id: issuer.did },
      credentialSubject: { ...(base.credentialSubject as Json), id: holder.did },
    };
    signed = await signCredential(credential, {
      key: issuer.keyPair,
      created: '2024-01-01T00:00:00Z',
    });
    jwt = await signCredentialJwt(credential, { key: issuer.keyPair, now: NOW });
    documents = Object.fromEntries(
      [issuer, holder, stranger].map((d) => [d.did, d.document as Json]),
    );
  });

  describe('createPresentation', () => {
    it('builds a VC 2.0 presentation, enveloping JWT credentials in data: URLs', () => {
      const vp = createPresentation({
        holder: holder.did,
        id: 'urn:uuid:7d3c',
        credentials: [signed, jwt],
      });
      expect(vp).toEqual({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        id: 'urn:uuid:7d3c',
        holder: holder.did,
        verifiableCredential: [
          signed,
          {
            '@context': 'https://www.w3.org/ns/credentials/v2',
            type: 'EnvelopedVerifiableCredential',
            id: `data:application/vc+jwt,${jwt}`,
          },
        ],
      });
      expect((vp.verifiableCredential as Json[])[0]).not.toBe(signed);
    });

    it('builds a VC 1.1 presentation with JWT credentials as strings', () => {
      const vp = createPresentation({ credentials: [jwt], version: '1.1' });
      expect(vp).toEqual({
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiablePresentation'],
        verifiableCredential: [jwt],
      });
    });

    it('throws TypeError for misuse', () => {
      expect(() => createPresentation({} as never)).toThrow(TypeError);
      expect(() => createPresentation({ credentials: ['not a jwt'] })).toThrow(TypeError);
      expect(() => createPresentation({ credentials: [42 as never] })).toThrow(TypeError);
      expect(() => createPresentation({ credentials: [], holder: 7 as never })).toThrow(TypeError);
      expect(() => createPresentation({ credentials: [], version: '3' as never })).toThrow(
        TypeError,
      );
    });
  });

  describe('Data Integrity presentations', () => {
    let vp: Json;
    let signedVp: Json;

    beforeAll(async () => {
      vp = createPresentation({ holder: holder.did, credentials: [signed, jwt] });
      signedVp = await signPresentation(vp, {
        key: holder.keyPair,
        challenge: CHALLENGE,
        domain: DOMAIN,
        created: '2024-01-01T00:00:00Z',
      });
    });

    it('signs with proofPurpose authentication, challenge and domain, and verifies', async () => {
      expect(signedVp.proof).toMatchObject({
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'authentication',
        verificationMethod: holder.verificationMethodId,
        challenge: CHALLENGE,
        domain: DOMAIN,
      });
      const r = await verifyPresentation(signedVp, {
        challenge: CHALLENGE,
        domain: DOMAIN,
        now: NOW,
      });
      expect(r.issues).toEqual([]);
      expect(r.verified).toBe(true);
      expect(r.holder).toBe(holder.did);
      expect(r.credentials.map((c) => [c.format, c.verified])).toEqual([
        ['data-integrity', true],
        ['jwt', true],
      ]);
      expect(r.credentials[1]?.credential).toEqual(credential);
    });

    it('oracle: the reference stack verifies our presentation', async () => {
      const ours = await signPresentation(
        createPresentation({ holder: holder.did, credentials: [signed] }),
        { key: holder.keyPair, challenge: CHALLENGE, domain: DOMAIN },
      );
      const ref = await referenceVerifyPresentation(ours, CHALLENGE, DOMAIN, documents);
      expect(ref.error).toBeUndefined();
      expect(ref.verified).toBe(true);
      const wrong = await referenceVerifyPresentation(ours, 'other', DOMAIN, documents);
      expect(wrong.verified).toBe(false);
    });

    it('oracle: we verify a presentation the reference stack signed', async () => {
      const ref = await referenceSignPresentation(
        createPresentation({ holder: holder.did, credentials: [signed] }),
        holder.keyPair,
        CHALLENGE,
        DOMAIN,
        documents,
      );
      const r = await verifyPresentation(ref, { challenge: CHALLENGE, domain: DOMAIN, now: NOW });
      expect(r.issues).toEqual([]);
      expect(r.verified).toBe(true);
    });

    it('VC 1.1: a Data Integrity presentation of a VC 1.1 credential, checked by the reference stack', async () => {
      const { validFrom, ...rest } = credential;
      const v1 = await signCredential(
        {
          ...rest,
          '@context': [
            'https://www.w3.org/2018/credentials/v1',
            (credential['@context'] as string[])[1],
          ],
          issuanceDate: validFrom,
        },
        { key: issuer.keyPair, created: '2024-01-01T00:00:00Z' },
      );
      const vp11 = await signPresentation(
        createPresentation({ holder: holder.did, credentials: [v1], version: '1.1' }),
        { key: holder.keyPair, challenge: CHALLENGE, domain: DOMAIN },
      );
      const r = await verifyPresentation(vp11, { challenge: CHALLENGE, domain: DOMAIN });
      expect(r.issues).toEqual([]);
      expect(r.credentials[0]?.verified).toBe(true);
      const ref = await referenceVerifyPresentation(vp11, CHALLENGE, DOMAIN, documents);
      expect(ref.error).toBeUndefined();
      expect(ref.verified).toBe(true);
    });

    it('presentation_challenge_mismatch: another challenge', async () => {
      const r = await verifyPresentation(signedVp, { challenge: 'replayed', domain: DOMAIN });
      expect(r.verified).toBe(false);
      expect(codes(r)).toEqual(['presentation_challenge_mismatch']);
      expect(r.issues[0]?.path).toBe('$.proof.challenge');
    });

    it('presentation_challenge_missing: a proof without challenge', async () => {
      // Crafted with signCredential (a presentation is not a credential: checks off).
      const noChallenge = await signCredential(vp, {
        key: holder.keyPair,
        proofPurpose: 'authentication',
        domain: DOMAIN,
        validate: false,
        checkIssuer: false,
      });
      const r = await verifyPresentation(noChallenge, { challenge: CHALLENGE, domain: DOMAIN });
      expect(codes(r)).toEqual(['presentation_challenge_missing']);
    });

    it('presentation_domain_mismatch and presentation_domain_missing', async () => {
      const r = await verifyPresentation(signedVp, {
        challenge: CHALLENGE,
        domain: 'https://other.example',
      });
      expect(codes(r)).toEqual(['presentation_domain_mismatch']);
      const noDomain = await signPresentation(vp, { key: holder.keyPair, challenge: CHALLENGE });
      const r2 = await verifyPresentation(noDomain, { challenge: CHALLENGE, domain: DOMAIN });
      expect(codes(r2)).toEqual(['presentation_domain_missing']);
      // Without a domain to check, the unbound presentation verifies.
      expect((await verifyPresentation(noDomain, { challenge: CHALLENGE })).verified).toBe(true);
    });

    it('presentation_holder_mismatch: signed by a key the holder does not control', async () => {
      // Crafted: signPresentation refuses a key the holder does not control.
      const forged = await signCredential(vp, {
        key: stranger.keyPair,
        proofPurpose: 'authentication',
        challenge: CHALLENGE,
        domain: DOMAIN,
        validate: false,
        checkIssuer: false,
      });
      const r = await verifyPresentation(forged, { challenge: CHALLENGE, domain: DOMAIN });
      expect(codes(r)).toEqual(['presentation_holder_mismatch']);
    });

    it('presentation_credential_invalid: a tampered embedded credential', async () => {
      const tampered = { ...signed, name: 'Forged Badge' };
      const forgedVp = await signPresentation(
        createPresentation({ holder: holder.did, credentials: [tampered, jwt] }),
        { key: holder.keyPair, challenge: CHALLENGE },
      );
      const r = await verifyPresentation(forgedVp, { challenge: CHALLENGE });
      expect(codes(r)).toEqual(['presentation_credential_invalid']);
      expect(r.issues[0]?.path).toBe('$.verifiableCredential[0]');
      expect(codes(r.credentials[0] as never)).toEqual(['proof_signature_invalid']);
      expect(r.credentials[1]?.verified).toBe(true);
    });

    it('verifyCredentials: false checks the presentation only (verify() checks each credential itself)', async () => {
      const tampered = { ...signed, name: 'Forged Badge' };
      const vp = await signPresentation(
        createPresentation({ holder: holder.did, credentials: [tampered] }),
        { key: holder.keyPair, challenge: CHALLENGE },
      );
      const r = await verifyPresentation(vp, { challenge: CHALLENGE, verifyCredentials: false });
      expect(r.issues).toEqual([]);
      expect(r.credentials).toEqual([]);
      expect(r.verified).toBe(true);
    });

    it('presentation_credential_invalid: a tampered enveloped JWT credential', async () => {
      const [h, p, s] = jwt.split('.') as [string, string, string];
      const forgedJwt = `${h}.${b64u({ ...decodeSegment(jwt, 1), name: 'Forged' })}.${s}`;
      expect(p).not.toBe(forgedJwt.split('.')[1]);
      const forgedVp = await signPresentation(
        createPresentation({ holder: holder.did, credentials: [forgedJwt] }),
        { key: holder.keyPair, challenge: CHALLENGE },
      );
      const r = await verifyPresentation(forgedVp, { challenge: CHALLENGE, now: NOW });
      expect(codes(r)).toEqual(['presentation_credential_invalid']);
      expect(codes(r.credentials[0] as never)).toEqual(['jwt_signature_invalid']);
    });

    it('proof_signature_invalid: the presentation changed after signing', async () => {
      const r = await verifyPresentation(
        { ...signedVp, id: 'urn:uuid:changed' },
        { challenge: CHALLENGE, domain: DOMAIN },
      );
      expect(codes(r)).toEqual(['proof_signature_invalid']);
    });

    it('proof_purpose_mismatch: an assertionMethod proof on a presentation', async () => {
      const asserted = await signCredential(vp, {
        key: holder.keyPair,
        challenge: CHALLENGE,
        validate: false, // crafted: a presentation signed as a credential
        checkIssuer: false,
      });
      const r = await verifyPresentation(asserted, { challenge: CHALLENGE });
      expect(codes(r)).toEqual(['proof_purpose_mismatch']);
    });

    it('presentation_proof_missing and presentation_type_invalid', async () => {
      const r = await verifyPresentation(vp, { challenge: CHALLENGE });
      expect(codes(r)).toEqual(['presentation_proof_missing']);
      const r2 = await verifyPresentation(
        { ...vp, type: ['VerifiableCredential'], proof: signedVp.proof } as Json,
        { challenge: CHALLENGE, domain: DOMAIN },
      );
      expect(codes(r2)).toContain('presentation_type_invalid');
      expect(r2.verified).toBe(false);
    });

    it('presentation_credential_unsupported: an enveloped credential of another media type', async () => {
      const other = createPresentation({ holder: holder.did, credentials: [] });
      other.verifiableCredential = [
        {
          '@context': 'https://www.w3.org/ns/credentials/v2',
          type: 'EnvelopedVerifiableCredential',
          id: `data:application/vc+sd-jwt,${jwt}~`,
        },
      ];
      const s = await signPresentation(other, { key: holder.keyPair, challenge: CHALLENGE });
      const r = await verifyPresentation(s, { challenge: CHALLENGE });
      expect(codes(r)).toEqual(['presentation_credential_invalid']);
      expect(codes(r.credentials[0] as never)).toEqual(['presentation_credential_unsupported']);
    });

    it('misuse: no challenge is a TypeError; signing for another holder is a ProofError', async () => {
      await expect(verifyPresentation(signedVp, {} as never)).rejects.toThrow(TypeError);
      await expect(verifyPresentation(signedVp, undefined as never)).rejects.toThrow(TypeError);
      await expect(verifyPresentation(signedVp, { challenge: '' })).rejects.toThrow(TypeError);
      await expect(verifyPresentation(42 as never, { challenge: CHALLENGE })).rejects.toThrow(
        TypeError,
      );
      await expect(signPresentation(vp, { key: holder.keyPair } as never)).rejects.toThrow(
        TypeError,
      );
      await expect(
        signPresentation(vp, { key: stranger.keyPair, challenge: CHALLENGE }),
      ).rejects.toBeInstanceOf(ProofError);
    });
  });

  describe('VP-JWT', () => {
    it('signs a VP-JWT that jose verifies with nonce and aud, and verifies it', async () => {
      const vp = createPresentation({ holder: holder.did, credentials: [jwt, signed] });
      const vpJwt = await signPresentationJwt(vp, {
        key: holder.keyPair,
        challenge: CHALLENGE,
        domain: DOMAIN,
        now: NOW,
      });
      const joseKey = await importJWK(holder.keyPair.publicKeyJwk as never, 'EdDSA');
      const { payload, protectedHeader } = await jwtVerify(vpJwt, joseKey, {
        audience: DOMAIN,
        issuer: holder.did,
        currentDate: NOW,
      });
      expect(protectedHeader.kid).toBe(holder.verificationMethodId);
      expect(payload.nonce).toBe(CHALLENGE);
      const r = await verifyPresentation(vpJwt, { challenge: CHALLENGE, domain: DOMAIN, now: NOW });
      expect(r.issues).toEqual([]);
      expect(r.verified).toBe(true);
      expect(r.format).toBe('jwt');
      expect(r.presentation).toEqual(vp);
      expect(r.credentials.map((c) => [c.format, c.verified])).toEqual([
        ['jwt', true],
        ['data-integrity', true],
      ]);
    });

    it('verifies a VC 1.1 VP-JWT (vp claim) built independently with node:crypto', async () => {
      const vp = createPresentation({ credentials: [jwt], version: '1.1' });
      const vpJwt = handJwt(
        { alg: 'EdDSA', kid: holder.verificationMethodId },
        { iss: holder.did, aud: DOMAIN, nonce: CHALLENGE, iat: NOW.getTime() / 1000, vp },
        holder.keyPair,
      );
      const r = await verifyPresentation(vpJwt, { challenge: CHALLENGE, domain: DOMAIN, now: NOW });
      expect(r.issues).toEqual([]);
      expect(r.holder).toBe(holder.did);
      expect(r.presentation?.holder).toBe(holder.did);
      // and our own vc-1.1 form
      const ours = await signPresentationJwt(vp, {
        key: holder.keyPair,
        challenge: CHALLENGE,
        now: NOW,
      });
      expect(decodeSegment(ours, 1).vp).toEqual(vp);
      expect((await verifyPresentation(ours, { challenge: CHALLENGE, now: NOW })).verified).toBe(
        true,
      );
    });

    it('presentation_challenge_mismatch / _missing on the nonce', async () => {
      const vp = createPresentation({ holder: holder.did, credentials: [] });
      const vpJwt = await signPresentationJwt(vp, {
        key: holder.keyPair,
        challenge: 'old',
        now: NOW,
      });
      const r = await verifyPresentation(vpJwt, { challenge: CHALLENGE, now: NOW });
      expect(codes(r)).toEqual(['presentation_challenge_mismatch']);
      expect(r.issues[0]?.path).toBe('payload.nonce');
      const noNonce = handJwt(
        { alg: 'EdDSA', kid: holder.verificationMethodId },
        { ...vp, iss: holder.did },
        holder.keyPair,
      );
      expect(codes(await verifyPresentation(noNonce, { challenge: CHALLENGE }))).toEqual([
        'presentation_challenge_missing',
      ]);
    });

    it('presentation_domain_mismatch / _missing on aud', async () => {
      const vp = createPresentation({ holder: holder.did, credentials: [] });
      const other = await signPresentationJwt(vp, {
        key: holder.keyPair,
        challenge: CHALLENGE,
        domain: 'https://other.example',
      });
      expect(
        codes(await verifyPresentation(other, { challenge: CHALLENGE, domain: DOMAIN })),
      ).toEqual(['presentation_domain_mismatch']);
      const none = await signPresentationJwt(vp, { key: holder.keyPair, challenge: CHALLENGE });
      expect(
        codes(await verifyPresentation(none, { challenge: CHALLENGE, domain: DOMAIN })),
      ).toEqual(['presentation_domain_missing']);
    });

    it('presentation_holder_mismatch: kid of a key the holder does not control', async () => {
      const vp = createPresentation({ holder: holder.did, credentials: [] });
      const vpJwt = handJwt(
        { alg: 'EdDSA', kid: stranger.verificationMethodId },
        { ...vp, iss: holder.did, nonce: CHALLENGE },
        stranger.keyPair,
      );
      expect(codes(await verifyPresentation(vpJwt, { challenge: CHALLENGE }))).toEqual([
        'presentation_holder_mismatch',
      ]);
    });

    it('jwt_signature_invalid and jwt_alg_forbidden on a VP-JWT', async () => {
      const vp = createPresentation({ holder: holder.did, credentials: [] });
      const vpJwt = await signPresentationJwt(vp, { key: holder.keyPair, challenge: CHALLENGE });
      const [h, , s] = vpJwt.split('.') as [string, string, string];
      const swapped = `${h}.${b64u({ ...decodeSegment(vpJwt, 1), nonce: 'other' })}.${s}`;
      expect(codes(await verifyPresentation(swapped, { challenge: 'other' }))).toEqual([
        'jwt_signature_invalid',
      ]);
      const none = `${b64u({ alg: 'none' })}.${b64u({ ...vp, iss: holder.did, nonce: CHALLENGE })}.`;
      expect(codes(await verifyPresentation(none, { challenge: CHALLENGE }))).toEqual([
        'jwt_alg_forbidden',
      ]);
    });

    it('jwt_expired on an expired VP-JWT; an expired credential inside fails its entry', async () => {
      const vp = createPresentation({ holder: holder.did, credentials: [] });
      const vpJwt = await signPresentationJwt(vp, {
        key: holder.keyPair,
        challenge: CHALLENGE,
        now: NOW,
        expiresIn: 300,
      });
      const later = new Date(NOW.getTime() + 3600_000);
      expect(codes(await verifyPresentation(vpJwt, { challenge: CHALLENGE, now: later }))).toEqual([
        'jwt_expired',
      ]);
      const shortLived = await signCredentialJwt(
        { ...credential, validUntil: '2024-03-01T00:00:00Z' },
        { key: issuer.keyPair, now: NOW },
      );
      const withExpired = await signPresentationJwt(
        createPresentation({ holder: holder.did, credentials: [shortLived] }),
        { key: holder.keyPair, challenge: CHALLENGE, now: NOW },
      );
      const r = await verifyPresentation(withExpired, { challenge: CHALLENGE, now: NOW });
      expect(codes(r)).toEqual(['presentation_credential_invalid']);
      expect(codes(r.credentials[0] as never)).toEqual(['jwt_expired']);
    });

    it('jwt_payload_invalid: a credential JWT where a presentation is expected', async () => {
      expect(codes(await verifyPresentation(jwt, { challenge: CHALLENGE, now: NOW }))).toEqual(
        expect.arrayContaining(['presentation_type_invalid']),
      );
      const vcClaim = handJwt(
        { alg: 'EdDSA', kid: holder.verificationMethodId },
        { iss: holder.did, nonce: CHALLENGE, vc: credential },
        holder.keyPair,
      );
      expect(codes(await verifyPresentation(vcClaim, { challenge: CHALLENGE }))).toEqual([
        'jwt_payload_invalid',
      ]);
    });

    it('misuse: signPresentationJwt without challenge, or for another holder', async () => {
      const vp = createPresentation({ holder: holder.did, credentials: [] });
      await expect(signPresentationJwt(vp, { key: holder.keyPair } as never)).rejects.toThrow(
        TypeError,
      );
      await expect(
        signPresentationJwt(vp, { key: stranger.keyPair, challenge: CHALLENGE }),
      ).rejects.toMatchObject({ code: 'ERR_PRESENTATION_HOLDER_MISMATCH' });
    });
  });
});
