/**
 * Attack (VC-JWT 1.1 presentations): `vp.verifiableCredential` of a VP-JWT in the VC 1.1 form
 * lists credentials as compact JWTs, which `verify()` leaves out of the presentation's JSON-LD
 * reading and verifies each as a credential of its own. Could a presenter use that to carry
 * something past a check?
 *
 * Tried, nothing found (kept below, with a property over mixed lists): a listed JWT that is a
 * VP-JWT (a presentation: `credential_invalid`, `type_role_mismatch`), forged (signed by another
 * key under the issuer's kid: authentic `no`), expired (in force `no`), strings that are no JWT
 * (text, an https URL, a `data:` URL, JSON text, the empty string, a JWT with a BOM or blanks:
 * `presentation_credential_invalid`), an `EnvelopedVerifiableCredential` of a VP-JWT
 * (`envelope_unsupported`, never valid), JWT strings in the VC 2.0 form (read as JSON-LD:
 * `jsonld_undefined_term`), a VC 2.0 credential JWT inside a VC 1.1 presentation (verified on its
 * own: valid), duplicates (each verified), one JWT instead of a list, an unsigned credential
 * under another spelling of `verifiableCredential` (`jsonld_not_compact`). Every failure of a listed
 * credential reaches the presentation's verdict.
 *
 * Found and closed: `signPresentationJwt` signed a VC 1.1 presentation listing a JWT that is no
 * credential (a VP-JWT, or `a.b.c`, which passes the compact-JWS shape test): verifiers then
 * report it `invalid`. The data-model check read only the string's shape. Each listed JWT's
 * payload is now read as verifiers read it (no signature): no JWS, a `vp` claim or a
 * presentation payload is refused (`ERR_PRESENTATION_INVALID`, `presentation_credential_invalid`
 * at the entry).
 *
 * Expected values come from the construction of each case (which key signed, which dates).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { createPresentation, signPresentationJwt } from '../../src/present/index.js';
import { signCredentialJwt } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import type { VerificationReport } from '../../src/verify/types.js';
import { type Json, obCredential, obCredentialV1 } from '../proof/helpers.js';
import { fuzzRuns, NOW } from './helpers.js';

let ed: { did: string; keyPair: KeyPair };
let other: { did: string; keyPair: KeyPair };
/** The entries a presenter could list, by what they are. */
let entries: Record<'genuine' | 'genuine20' | 'expired' | 'forged' | 'vpJwt' | 'vp20Jwt', string>;

beforeAll(async () => {
  ed = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(181) }));
  other = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(182) }));
  const genuine = await signCredentialJwt(obCredentialV1(ed.did), { key: ed.keyPair });
  const genuine20 = await signCredentialJwt(obCredential(ed.did), { key: ed.keyPair });
  // expirationDate before NOW (2025-06-01)
  const expired = await signCredentialJwt(
    { ...obCredentialV1(ed.did), expirationDate: '2025-01-01T00:00:00Z' },
    { key: ed.keyPair },
  );
  // The issuer's kid, another key's signature.
  const forged = await signCredentialJwt(obCredentialV1(ed.did), {
    key: other.keyPair,
    kid: ed.keyPair.id,
    checkIssuer: false,
  } as Json);
  const vp11 = createPresentation({ holder: ed.did, credentials: [genuine], version: '1.1' });
  const vpJwt = await signPresentationJwt(vp11, { key: ed.keyPair, challenge: 'x', now: NOW });
  const vp20 = createPresentation({ holder: ed.did, credentials: [] });
  const vp20Jwt = await signPresentationJwt(vp20, { key: ed.keyPair, challenge: 'x', now: NOW });
  entries = { genuine, genuine20, expired, forged, vpJwt, vp20Jwt };
});

function presentation(list: unknown): Record<string, unknown> {
  return {
    ...createPresentation({ holder: ed.did, credentials: [], version: '1.1' }),
    verifiableCredential: list,
  };
}

async function signedAnyway(list: unknown): Promise<string> {
  return signPresentationJwt(presentation(list), {
    key: ed.keyPair,
    challenge: 'c-18',
    now: NOW,
    validate: false,
  });
}

async function check(jwt: string): Promise<VerificationReport> {
  return verify(jwt, { now: NOW, challenge: 'c-18' });
}

const failed = (r: VerificationReport) =>
  r.checks.filter((c) => c.outcome === 'fail').map((c) => `${c.id}:${c.code}`);

describe('VC 1.1 VP-JWT: the listed JWTs', () => {
  it('genuine credential JWTs (VC 1.1 and VC 2.0, one or a list, repeated) verify, each on its own', async () => {
    for (const list of [
      [entries.genuine],
      entries.genuine,
      [entries.genuine, entries.genuine20],
      [entries.genuine, entries.genuine],
    ]) {
      const r = await check(
        await signPresentationJwt(presentation(list), {
          key: ed.keyPair,
          challenge: 'c-18',
          now: NOW,
        }),
      );
      expect(failed(r)).toEqual([]);
      expect(r.verdict).toBe('valid');
      expect(r.credentials?.length).toBe(Array.isArray(list) ? list.length : 1);
    }
  });

  it('a forged, an expired or a presentation JWT beside a genuine one: the presentation is not valid', async () => {
    const forged = await check(await signedAnyway([entries.genuine, entries.forged]));
    expect(forged.verdict).toBe('invalid');
    expect(forged.answers.authentic.value).toBe('no');
    expect(forged.credentials?.map((c) => c.verdict)).toEqual(['valid', 'invalid']);

    const expired = await check(await signedAnyway([entries.genuine, entries.expired]));
    expect(expired.verdict).toBe('invalid');
    expect(expired.answers.inForce.value).toBe('no');

    for (const vp of [entries.vpJwt, entries.vp20Jwt]) {
      const nested = await check(await signedAnyway([entries.genuine, vp]));
      expect(nested.verdict).toBe('invalid');
      expect(failed(nested)).toContain('credentials:credential_invalid');
      expect(failed(nested.credentials?.[1] as VerificationReport)).toContain(
        'type:type_role_mismatch',
      );
    }
  });

  it('strings that are no credential JWT are refused, by verify() and by the signer', async () => {
    for (const text of [
      'not a jwt',
      'https://example.com/badge.json',
      `data:application/vc+jwt,${'x'}`,
      '{"@context":"https://www.w3.org/2018/credentials/v1"}',
      '',
      'a.b.c',
      'eyJhbGciOiJub25lIn0.e30.',
    ]) {
      const r = await check(await signedAnyway([entries.genuine, text]));
      expect([text, r.verdict]).toEqual([text, 'invalid']);
      await expect(
        signPresentationJwt(presentation([entries.genuine, text]), {
          key: ed.keyPair,
          challenge: 'c-18',
          now: NOW,
        }),
      ).rejects.toMatchObject({
        code: 'ERR_PRESENTATION_INVALID',
        issues: [
          expect.objectContaining({
            code: 'presentation_credential_invalid',
            path: '$.verifiableCredential[1]',
          }),
        ],
      });
    }
    for (const padded of [
      `\uFEFF${entries.genuine}`,
      ` ${entries.genuine}`,
      `${entries.genuine}\n`,
    ]) {
      expect(failed(await check(await signedAnyway([padded])))).toContain(
        'data_model:presentation_credential_invalid',
      );
    }
  });

  it('the signer refuses a listed VP-JWT (VC 1.1 and VC 2.0 forms), which verify() reports invalid', async () => {
    for (const vp of [entries.vpJwt, entries.vp20Jwt]) {
      await expect(
        signPresentationJwt(presentation([entries.genuine, vp]), {
          key: ed.keyPair,
          challenge: 'c-18',
          now: NOW,
        }),
      ).rejects.toMatchObject({
        code: 'ERR_PRESENTATION_INVALID',
        issues: [
          expect.objectContaining({
            code: 'presentation_credential_invalid',
            path: '$.verifiableCredential[1]',
          }),
        ],
      });
    }
    await expect(
      signPresentationJwt(presentation(entries.vpJwt), {
        key: ed.keyPair,
        challenge: 'c-18',
        now: NOW,
      }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: '$.verifiableCredential' })],
    });
  });

  it('JWT strings in the VC 2.0 form, and an envelope of a VP-JWT, are never valid', async () => {
    const vp20 = {
      ...createPresentation({ holder: ed.did, credentials: [] }),
      verifiableCredential: [entries.genuine20],
    };
    const r = await check(
      await signPresentationJwt(vp20, {
        key: ed.keyPair,
        challenge: 'c-18',
        now: NOW,
        validate: false,
      }),
    );
    expect(r.verdict).toBe('invalid');
    expect(failed(r)).toContain('jsonld:jsonld_undefined_term');
    const envelope = {
      ...createPresentation({ holder: ed.did, credentials: [] }),
      verifiableCredential: [
        {
          '@context': 'https://www.w3.org/ns/credentials/v2',
          type: 'EnvelopedVerifiableCredential',
          id: `data:application/vp+jwt,${entries.vp20Jwt}`,
        },
      ],
    };
    const enveloped = await check(
      await signPresentationJwt(envelope, {
        key: ed.keyPair,
        challenge: 'c-18',
        now: NOW,
        validate: false,
      }),
    );
    expect(enveloped.verdict).not.toBe('valid');
    expect(enveloped.answers.fullyChecked.value).not.toBe('yes');
  });

  it('an unsigned credential beside the JWTs under another spelling of verifiableCredential is refused', async () => {
    // JSON-LD reads the full IRI, a prefixed name or @graph as the presentation's credentials,
    // which verify() would not verify: the one compact form refuses them.
    const unsigned = { ...obCredentialV1(ed.did), credentialSubject: { id: 'did:example:evil' } };
    for (const key of [
      'https://www.w3.org/2018/credentials#verifiableCredential',
      'cred:verifiableCredential',
      '@graph',
    ]) {
      const r = await check(
        await signPresentationJwt(
          { ...presentation([entries.genuine]), [key]: [unsigned] },
          { key: ed.keyPair, challenge: 'c-18', now: NOW, validate: false },
        ),
      );
      expect([key, r.verdict]).toEqual([key, 'invalid']);
      expect(failed(r)).toContain('jsonld:jsonld_not_compact');
    }
  });

  it('property: a list is valid only when every entry is a genuine credential, and signs only when every entry is a credential JWT', async () => {
    const kind = fc.constantFrom(
      'genuine',
      'genuine20',
      'expired',
      'forged',
      'vpJwt',
      'vp20Jwt',
    ) as fc.Arbitrary<keyof typeof entries>;
    await fc.assert(
      fc.asyncProperty(fc.array(kind, { minLength: 1, maxLength: 4 }), async (kinds) => {
        const list = kinds.map((k) => entries[k]);
        const r = await check(await signedAnyway(list));
        const allGenuine = kinds.every((k) => k === 'genuine' || k === 'genuine20');
        expect([kinds, r.verdict === 'valid']).toEqual([kinds, allGenuine]);
        expect(r.credentials?.length).toBe(kinds.length);
        const credentialsOnly = kinds.every((k) => k !== 'vpJwt' && k !== 'vp20Jwt');
        const signs = await signPresentationJwt(presentation(list), {
          key: ed.keyPair,
          challenge: 'c-18',
          now: NOW,
        }).then(
          () => true,
          () => false,
        );
        expect([kinds, signs]).toEqual([kinds, credentialsOnly]);
      }),
      { numRuns: fuzzRuns(15) },
    );
  });
});
