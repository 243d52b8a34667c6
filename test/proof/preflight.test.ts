/**
 * What signing refuses before it signs: invalid credentials (Open Badges rules included) and
 * keys that are not the issuer's (or the holder's), with the messages a user sees.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bindKeyPair,
  createDidJwk,
  createDidKey,
  generateKeyPair,
  type KeyPair,
} from '../../src/keys/index.js';
import {
  createPresentation,
  signPresentation,
  signPresentationJwt,
} from '../../src/present/index.js';
import {
  type SigningKeyIds,
  signCredential,
  signCredentialJwt,
  signingKeyMismatch,
  verifyCredentialProof,
} from '../../src/proof/index.js';
import { createStatusList, createStatusListCredential } from '../../src/status/index.js';
import { exampleNames, readExample } from '../model/helpers.js';
import { type Json, obCredential, obCredentialV1 } from './helpers.js';

let did: string;
let key: KeyPair;

beforeAll(async () => {
  ({ did, keyPair: key } = createDidKey(await generateKeyPair()));
});

/** The unsigned template of docs/cli.md, as a user writes it: no id, no validFrom. */
function cliTemplate(issuer: string): Json {
  const { id: _id, validFrom: _v, ...rest } = obCredential(issuer);
  return rest;
}

describe('Open Badges credentials are validated before signing', () => {
  it('a builder-made credential signs', async () => {
    await expect(signCredential(obCredential(did), { key })).resolves.toHaveProperty('proof');
    await expect(signCredential(obCredentialV1(did), { key })).resolves.toHaveProperty('proof');
  });

  it("the specification's examples sign as they are (proof removed, issuer id ours)", async () => {
    let signed = 0;
    for (const name of exampleNames()) {
      const { proof: _p, ...example } = readExample(name) as Json;
      const types: string[] = [example.type].flat();
      if (!types.includes('VerifiableCredential')) continue;
      example.issuer = { ...example.issuer, id: did };
      const outcome = await signCredential(example, { key }).then(
        () => 'signed',
        (e) => JSON.stringify(e.issues ?? e.message),
      );
      expect(outcome, name).toBe('signed');
      signed++;
    }
    expect(signed).toBeGreaterThan(5);
  });

  it('the CLI template without id and validFrom is refused, every issue located', async () => {
    await expect(signCredential(cliTemplate(did), { key })).rejects.toMatchObject({
      name: 'ValidationError',
      code: 'ERR_CREDENTIAL_INVALID',
      issues: [
        { code: 'required', path: '$.id', message: '"id" is required' },
        { code: 'required', path: '$.validFrom', message: '"validFrom" is required' },
      ],
    });
    await expect(signCredentialJwt(cliTemplate(did), { key })).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_INVALID',
    });
  });

  it('a template without issuer is refused (the VC and Open Badges rules both say so)', async () => {
    const { issuer: _i, ...noIssuer } = obCredential(did);
    const e: Json = await signCredential(noIssuer, { key }).catch((x) => x);
    expect(e.code).toBe('ERR_CREDENTIAL_INVALID');
    expect(e.issues.map((i: Json) => i.code)).toEqual(
      expect.arrayContaining(['issuer_missing', 'required']),
    );
    expect(e.message).toMatch(/^The credential is not valid \(\d+ issues\): \$: /);
  });

  it('Open Badges data-model rules beyond the schema (criteria, subject type, evidence type)', async () => {
    const c = obCredential(did);
    c.credentialSubject.achievement.criteria = {};
    c.evidence = [{ id: 'https://example.org/e/1', type: ['Other'] }];
    const e: Json = await signCredential(c, { key }).catch((x) => x);
    expect(e.issues).toEqual(
      expect.arrayContaining([
        {
          code: 'achievement_criteria',
          path: '$.credentialSubject.achievement.criteria',
          message: 'achievement.criteria must have an id or a narrative',
        },
        {
          code: 'evidence_type',
          path: '$.evidence[0]',
          message: 'Each evidence entry must be of type "Evidence"',
        },
      ]),
    );
  });

  it('strict by default; validate: { lenient: true } accepts the JSON-LD compacted forms', async () => {
    const c = obCredential(did);
    c.type = ['VerifiableCredential', 'OpenBadgeCredential'];
    c.credentialSubject.type = 'AchievementSubject'; // a single value where the 2024 schema has an array
    await expect(signCredential(c, { key })).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_INVALID',
      issues: [expect.objectContaining({ path: '$.credentialSubject.type' })],
    });
    await expect(signCredential(c, { key, validate: { lenient: true } })).resolves.toHaveProperty(
      'proof',
    );
  });

  it('validate: false signs anything (test material), and the result still verifies', async () => {
    const signed = await signCredential(cliTemplate(did), { key, validate: false });
    expect((await verifyCredentialProof(signed)).verified).toBe(true);
  });

  it('option misuse is a TypeError', async () => {
    await expect(
      signCredential(obCredential(did), { key, validate: 'no' as never }),
    ).rejects.toThrow(TypeError);
    await expect(
      signCredential(obCredential(did), { key, checkIssuer: 0 as never }),
    ).rejects.toThrow(TypeError);
  });
});

describe('the key must belong to the issuer', () => {
  it('signingKeyMismatch says why, without signing (its SigningKeyIds type is public)', async () => {
    const other = createDidKey(await generateKeyPair());
    const ids: SigningKeyIds = { id: key.id, controller: key.controller };
    expect(signingKeyMismatch(obCredential(did), ids)).toBeUndefined();
    expect(signingKeyMismatch(obCredential(other.did), ids)).toBe(
      `the key ${key.id} belongs to ${did}, not to the issuer ${other.did}`,
    );
    const vp = createPresentation({ holder: other.did, credentials: [] });
    expect(signingKeyMismatch(vp, ids, 'presentation')).toBe(
      `the key ${key.id} belongs to ${did}, not to the holder ${other.did}`,
    );
    const anonymous = createPresentation({ credentials: [] });
    expect(signingKeyMismatch(anonymous, ids, 'presentation')).toBeUndefined();
  });

  it('refuses a did:key of another DID, naming both', async () => {
    const other = createDidKey(await generateKeyPair());
    const e: Json = await signCredential(obCredential(other.did), { key }).catch((x) => x);
    expect(e.name).toBe('ProofError');
    expect(e.code).toBe('ERR_ISSUER_KEY_MISMATCH');
    expect(e.message).toBe(
      `Refusing to sign: the key ${key.id} belongs to ${did}, not to the issuer ${other.did}; verifiers would reject the credential (pass checkIssuer: false to sign anyway)`,
    );
    expect(e.details).toEqual({ issuer: other.did, verificationMethod: key.id, controller: did });
    // The same for JWTs.
    await expect(signCredentialJwt(obCredential(other.did), { key })).rejects.toMatchObject({
      code: 'ERR_ISSUER_KEY_MISMATCH',
    });
    // checkIssuer: false signs (verifiers will say issuer_key_mismatch).
    const forced = await signCredential(obCredential(other.did), { key, checkIssuer: false });
    const r = await verifyCredentialProof(forced);
    expect(r.issues.map((i) => i.code)).toEqual(['issuer_key_mismatch']);
  });

  it('https keys: by their controller, or by the document URL of their id', async () => {
    const issuer = 'https://example.edu/issuers/565049';
    const bare = await generateKeyPair();
    const withController = bindKeyPair(bare, {
      id: 'https://keys.example.edu/k1',
      controller: issuer,
    });
    await expect(
      signCredential(obCredential(issuer), { key: withController }),
    ).resolves.toBeDefined();
    const fragment = bindKeyPair(bare, { id: `${issuer}#key-1` });
    await expect(signCredential(obCredential(issuer), { key: fragment })).resolves.toBeDefined();
    const elsewhere = bindKeyPair(bare, { id: 'https://keys.example.edu/k1' });
    await expect(signCredential(obCredential(issuer), { key: elsewhere })).rejects.toMatchObject({
      code: 'ERR_ISSUER_KEY_MISMATCH',
      message: expect.stringContaining(
        `the key https://keys.example.edu/k1 names no controller; bind it to the issuer (bindKeyPair(key, { controller: '${issuer}' })`,
      ),
    });
    const foreign = bindKeyPair(bare, {
      id: `${issuer}#key-1`,
      controller: 'https://evil.example/',
    });
    await expect(signCredential(obCredential(issuer), { key: foreign })).rejects.toMatchObject({
      code: 'ERR_ISSUER_KEY_MISMATCH',
      message: expect.stringContaining('is controlled by https://evil.example/, not by the issuer'),
    });
  });

  it('verificationMethod decides: a bare did:key DID works, a method of another DID does not', async () => {
    await expect(
      signCredential(obCredential(did), { key, verificationMethod: did }),
    ).resolves.toBeDefined();
    await expect(
      signCredential(obCredential(did), { key, verificationMethod: 'did:web:evil.example#k' }),
    ).rejects.toMatchObject({ code: 'ERR_ISSUER_KEY_MISMATCH' });
  });

  it('a JWT key without id is the issuer only when the issuer is its did:key or did:jwk', async () => {
    const bare = await generateKeyPair();
    await expect(
      signCredentialJwt(obCredential(createDidKey(bare).did), { key: bare }),
    ).resolves.toMatch(/^ey/);
    await expect(
      signCredentialJwt(obCredential(createDidJwk(bare).did), { key: bare }),
    ).resolves.toMatch(/^ey/);
    await expect(signCredentialJwt(obCredential(did), { key: bare })).rejects.toMatchObject({
      code: 'ERR_ISSUER_KEY_MISMATCH',
      message: expect.stringContaining(
        'the key has no id (verification method) and is not the key of',
      ),
    });
  });
});

describe('status list credentials are credentials', () => {
  it("sign under the same rules: the list issuer's key only", async () => {
    const list = createStatusList({ purpose: 'revocation' });
    for (const type of ['BitstringStatusList', 'StatusList2021'] as const) {
      const unsigned = await createStatusListCredential({
        id: 'https://example.edu/status/1',
        issuer: did,
        list,
        type,
        validFrom: '2024-01-01T00:00:00Z',
      });
      const signed = await signCredential(unsigned, { key });
      expect((await verifyCredentialProof(signed)).verified).toBe(true);
      const stranger = createDidKey(await generateKeyPair());
      await expect(signCredential(unsigned, { key: stranger.keyPair })).rejects.toMatchObject({
        code: 'ERR_ISSUER_KEY_MISMATCH',
      });
      await expect(
        signCredential({ ...unsigned, credentialSubject: {} }, { key }),
      ).rejects.toMatchObject({
        code: 'ERR_CREDENTIAL_INVALID',
        issues: [expect.objectContaining({ code: 'subject_empty', path: '$.credentialSubject' })],
      });
    }
  });
});

describe('presentations: validated, and the holder signs', () => {
  it('signs a valid presentation; refuses an invalid one and a foreign key', async () => {
    const credential = await signCredential(obCredential(did), { key });
    const vp = createPresentation({ holder: did, credentials: [credential] });
    await expect(signPresentation(vp, { key, challenge: 'c' })).resolves.toHaveProperty('proof');
    const stranger = createDidKey(await generateKeyPair());
    await expect(
      signPresentation(vp, { key: stranger.keyPair, challenge: 'c' }),
    ).rejects.toMatchObject({
      code: 'ERR_PRESENTATION_HOLDER_MISMATCH',
      message: `Refusing to sign: the key ${stranger.keyPair.id} belongs to ${stranger.did}, not to the holder ${did}; verifiers would reject the presentation (pass checkIssuer: false to sign anyway)`,
    });
    await expect(
      signPresentationJwt(vp, { key: stranger.keyPair, challenge: 'c' }),
    ).rejects.toMatchObject({ code: 'ERR_PRESENTATION_HOLDER_MISMATCH' });
    const bad = { ...vp, holder: 'not-a-url' };
    await expect(signPresentation(bad, { key, challenge: 'c' })).rejects.toMatchObject({
      code: 'ERR_PRESENTATION_INVALID',
      issues: [
        {
          code: 'holder_invalid',
          path: '$.holder',
          message: 'holder must be a URL, found "not-a-url"',
        },
      ],
    });
    // No holder: nobody to bind, any key may sign.
    const anonymous = createPresentation({ credentials: [credential] });
    await expect(
      signPresentation(anonymous, { key: stranger.keyPair, challenge: 'c' }),
    ).resolves.toHaveProperty('proof');
  });

  it('a credential signed as a presentation is refused: roles, not claims', async () => {
    const vp = createPresentation({ holder: did, credentials: [] });
    await expect(signCredential(vp, { key })).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_INVALID',
      issues: expect.arrayContaining([expect.objectContaining({ code: 'type_not_vc' })]),
    });
  });
});
