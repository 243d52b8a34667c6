/**
 * The VC-API handler, called directly (request object in, response object out): issuing,
 * verifying credentials and presentations, status, authentication and bad requests. Issued
 * credentials are checked by the reference stack (@digitalbazaar/vc) as well as by ob3kit.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClrCredential } from '../../src/clr/index.js';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import {
  type CreatedDid,
  createDidKey,
  generateKeyPair,
  type Signer,
  signerFromCryptoKey,
} from '../../src/keys/index.js';
import { createLedger, createMemoryLedgerStore, type Ledger } from '../../src/ledger/index.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import {
  createVcApiHandler,
  type VcApiHandler,
  type VcApiOptions,
  type VcApiRequest,
} from '../../src/serve/index.js';
import { verify } from '../../src/verify/index.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies
type Json = Record<string, any>;

const EXAMPLES_URL = 'https://www.w3.org/ns/credentials/examples/v2';
const contexts = {
  [EXAMPLES_URL]: { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } },
};
const TOKEN = 'test-token-0123456789abcdef';
const NOW = new Date('2026-01-01T00:00:00Z');
const PUBLIC = 'https://issuer.example';

function credential(extra: Json = {}): Json {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES_URL],
    type: ['VerifiableCredential', 'ExampleAlumniCredential'],
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:alice', alumniOf: 'Example University' },
    ...extra,
  };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): VcApiRequest {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
const auth = { authorization: `Bearer ${TOKEN}` };

async function referenceVerifies(signed: Json, did: CreatedDid): Promise<boolean> {
  const loader = createDocumentLoader({ contexts });
  const doc = did.document as Json;
  const documentLoader = async (url: string) => {
    const [base] = url.split('#');
    if (base === did.did) {
      const vm = url.includes('#')
        ? (doc.verificationMethod as Json[]).find((m) => m.id === url)
        : undefined;
      return {
        contextUrl: null,
        documentUrl: url,
        document: vm ? { '@context': doc['@context'], ...vm } : doc,
      };
    }
    return loader(url);
  };
  const r = await vc.verifyCredential({
    credential: signed,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader,
    now: NOW,
  });
  return r.verified === true;
}

describe('the VC-API handler', () => {
  let ed: CreatedDid;
  let p256: CreatedDid;
  let handle: VcApiHandler;
  let ledger: Ledger;
  let options: VcApiOptions;

  beforeAll(async () => {
    ed = createDidKey(await generateKeyPair());
    p256 = createDidKey(await generateKeyPair({ type: 'P-256' }));
    ledger = createLedger(createMemoryLedgerStore(), {
      lists: [
        { url: `${PUBLIC}/status-lists/revocation/{n}`, purpose: 'revocation' },
        { url: `${PUBLIC}/status-lists/suspension/{n}`, purpose: 'suspension' },
      ],
      now: () => NOW,
    });
    options = {
      issuers: [
        { name: 'main', key: ed.keyPair },
        { name: 'p256', key: p256.keyPair },
        { name: 'jwt', key: ed.keyPair, format: 'jwt' },
        { name: 'status', key: ed.keyPair, status: true },
      ],
      tokens: [TOKEN],
      ledger,
      publicUrl: PUBLIC,
      contexts,
      now: () => NOW,
    };
    handle = createVcApiHandler(options);
  });

  describe('POST /credentials/issue', () => {
    it('signs as the first issuer (201), filling in the issuer; ob3kit and the reference stack verify it', async () => {
      const res = await handle(post('/credentials/issue', { credential: credential() }, auth));
      expect(res.status).toBe(201);
      const signed = (res.body as Json).verifiableCredential as Json;
      expect(signed.issuer).toBe(ed.did);
      expect(signed.proof.cryptosuite).toBe('eddsa-rdfc-2022');
      expect(signed.proof.created).toBe('2026-01-01T00:00:00Z');
      expect((await verify(signed, { now: NOW, contexts })).verdict).toBe('valid');
      expect(await referenceVerifies(signed, ed)).toBe(true);
    });

    it('signs with each named issuer: P-256 (ecdsa-rdfc-2019) and VC-JWT (an envelope)', async () => {
      const a = await handle(
        post('/issuers/p256/credentials/issue', { credential: credential() }, auth),
      );
      expect(a.status).toBe(201);
      const ec = (a.body as Json).verifiableCredential;
      expect(ec.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
      expect(ec.issuer).toBe(p256.did);
      expect((await verify(ec, { now: NOW, contexts })).verdict).toBe('valid');
      const b = await handle(
        post('/issuers/jwt/credentials/issue', { credential: credential() }, auth),
      );
      const env = (b.body as Json).verifiableCredential;
      expect(env.type).toBe('EnvelopedVerifiableCredential');
      expect(env.id).toMatch(/^data:application\/vc\+jwt,ey/);
      const v = await handle(post('/credentials/verify', { verifiableCredential: env }));
      expect(v.status).toBe(200);
      expect((v.body as Json).verified).toBe(true);
      expect((v.body as Json).report.format).toBe('jwt');
    });

    it('takes options.credentialId, and refuses another issuer, unknown options and invalid credentials with located issues', async () => {
      const id = 'urn:uuid:0e8f0a7e-5d0c-4bbd-9c7e-2f53b1f1a001';
      const ok = await handle(
        post(
          '/credentials/issue',
          { credential: credential(), options: { credentialId: id } },
          auth,
        ),
      );
      expect((ok.body as Json).verifiableCredential.id).toBe(id);
      const other = await handle(
        post('/credentials/issue', { credential: credential({ issuer: p256.did }) }, auth),
      );
      expect(other.status).toBe(400);
      expect((other.body as Json).code).toBe('issuer_mismatch');
      const sd = await handle(
        post(
          '/credentials/issue',
          { credential: credential(), options: { mandatoryPointers: ['/issuer'] } },
          auth,
        ),
      );
      expect(sd.status).toBe(400);
      expect((sd.body as Json).code).toBe('request_member_unsupported');
      const bad = await handle(
        post(
          '/credentials/issue',
          {
            credential: credential({
              id: 'not a url',
              validFrom: '2025-02-01T00:00:00Z',
              validUntil: '2025-01-01T00:00:00Z',
            }),
          },
          auth,
        ),
      );
      expect(bad.status).toBe(400);
      const body = bad.body as Json;
      expect(body.code).toBe('credential_invalid');
      expect(body.issues.map((i: Json) => [i.code, i.path])).toEqual([
        ['id_invalid', '$.id'],
        ['validity_inverted', '$.validUntil'],
      ]);
      expect(bad.headers['content-type']).toBe('application/problem+json');
    });

    it('refuses what cannot be signed as JSON-LD (an undefined term under @vocab: null), 400', async () => {
      const res = await handle(
        post(
          '/credentials/issue',
          {
            credential: {
              ...credential(),
              '@context': ['https://www.w3.org/ns/credentials/v2', { '@vocab': null }],
              type: ['VerifiableCredential', 'UndefinedCredential'],
            },
          },
          auth,
        ),
      );
      expect(res.status).toBe(400);
      expect((res.body as Json).code).toMatch(/^jsonld_/);
    });

    it('validates an Open Badge against the OB 3.0 schema too', async () => {
      const badge = {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id: 'urn:uuid:2d7a4c3e-1b8f-4a43-9d2e-5c1e6f7a8b9c',
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: ed.did, type: ['Profile'], name: 'Example' },
        validFrom: '2024-01-01T00:00:00Z',
        name: 'Teamwork',
        credentialSubject: {
          id: 'did:example:learner',
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://example.com/achievements/1',
            type: ['Achievement'],
            name: 'Teamwork',
            description: 'Works well in a team.',
            criteria: { narrative: 'Be nominated.' },
          },
        },
      };
      const ok = await handle(post('/credentials/issue', { credential: badge }, auth));
      expect(ok.status).toBe(201);
      const report = await verify((ok.body as Json).verifiableCredential, { now: NOW });
      expect(report.profile).toBe('ob3');
      expect(report.verdict).not.toBe('invalid');
      const { id: _id, ...noId } = badge;
      const fresh = await handle(post('/credentials/issue', { credential: noId }, auth));
      expect((fresh.body as Json).verifiableCredential.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      const broken = structuredClone(badge) as Json;
      delete broken.credentialSubject.achievement.criteria;
      const res = await handle(post('/credentials/issue', { credential: broken }, auth));
      expect(res.status).toBe(400);
      expect((res.body as Json).issues[0].path).toMatch(/achievement/);
    });

    it('signs with a Signer (a non-extractable WebCrypto key), Data Integrity and VC-JWT', async () => {
      const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      const signer = await signerFromCryptoKey(pair);
      const kms = createVcApiHandler({
        issuers: [
          { name: 'kms', key: signer },
          { name: 'kms-jwt', key: signer, format: 'jwt' },
        ],
        contexts,
        now: () => NOW,
      });
      const di = await kms(post('/credentials/issue', { credential: credential() }));
      expect(di.status).toBe(201);
      const signed = (di.body as Json).verifiableCredential;
      expect(signed.issuer).toBe(signer.controller);
      expect(signed.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
      expect(signed.proof.verificationMethod).toBe(signer.id);
      expect((await verify(signed, { now: NOW, contexts })).verdict).toBe('valid');
      const jwt = await kms(
        post('/issuers/kms-jwt/credentials/issue', { credential: credential() }),
      );
      expect(jwt.status).toBe(201);
      const env = (jwt.body as Json).verifiableCredential;
      expect(env.id).toMatch(/^data:application\/vc\+jwt,ey/);
      const v = await kms(post('/credentials/verify', { verifiableCredential: env }));
      expect([v.status, (v.body as Json).verified]).toEqual([200, true]);
      // The library's validation runs for a Signer as for a key: nothing is signed.
      let calls = 0;
      const counting: Signer = {
        ...signer,
        sign: (data) => {
          calls++;
          return signer.sign(data);
        },
      };
      const guarded = createVcApiHandler({ issuers: [{ name: 'c', key: counting }], contexts });
      const bad = await guarded(
        post('/credentials/issue', { credential: credential({ credentialSubject: {} }) }),
      );
      expect([bad.status, (bad.body as Json).code]).toEqual([400, 'credential_invalid']);
      expect((bad.body as Json).issues.map((i: Json) => i.code)).toEqual(['subject_empty']);
      expect(calls).toBe(0);
    });

    it('answers 502 when a Signer returns something that is not a signature of its key', async () => {
      const signer = await signerFromCryptoKey(
        (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
          'sign',
          'verify',
        ])) as CryptoKeyPair,
      );
      const broken = createVcApiHandler({
        issuers: [{ name: 'x', key: { ...signer, sign: async () => new Uint8Array(70) } }],
        contexts,
      });
      const res = await broken(post('/credentials/issue', { credential: credential() }));
      expect([res.status, (res.body as Json).code]).toEqual([502, 'signer_output']);
      expect(JSON.stringify(res.body)).not.toContain('alumniOf');
    });

    it('reads an issuer named by @id as by id: another is refused, two at once too (400, never 5xx)', async () => {
      const codes: Array<[number, string]> = [];
      for (const issuer of [
        { '@id': p256.did },
        { '@id': ed.did },
        { id: ed.did, '@id': p256.did },
        { id: ed.did, '@id': ed.did },
      ]) {
        for (const path of ['/credentials/issue', '/issuers/jwt/credentials/issue']) {
          const res = await handle(post(path, { credential: credential({ issuer }) }, auth));
          codes.push([res.status, (res.body as Json).code]);
        }
      }
      expect(codes).toEqual([
        [400, 'issuer_mismatch'],
        [400, 'issuer_mismatch'],
        // An issuer object needs its id (the data model rules): `@id` alone is refused.
        [400, 'credential_invalid'],
        [400, 'credential_invalid'],
        // Two ids for one issuer: no key can be bound to it.
        [400, 'issuer_key_mismatch'],
        [400, 'issuer_key_mismatch'],
        [400, 'issuer_key_mismatch'],
        [400, 'issuer_key_mismatch'],
      ]);
    });

    it('reserves no status entry for a credential signing would refuse', async () => {
      const id = 'urn:uuid:0e8f0a7e-5d0c-4bbd-9c7e-2f53b1f1a0ff';
      const res = await handle(
        post(
          '/issuers/status/credentials/issue',
          {
            credential: credential({ validFrom: 'yesterday' }),
            options: { credentialId: id },
          },
          auth,
        ),
      );
      expect([res.status, (res.body as Json).code]).toEqual([400, 'credential_invalid']);
      expect((res.body as Json).issues.map((i: Json) => [i.code, i.path])).toEqual([
        ['date_invalid', '$.validFrom'],
      ]);
      expect(await ledger.find({ credentialId: id })).toEqual([]);
    });

    it('needs the token: 401 without or with a wrong one, and never signs then', async () => {
      const attempts: Array<Record<string, string>> = [
        {},
        { authorization: 'Bearer wrong-token-0123456789' },
        { authorization: TOKEN },
      ];
      for (const headers of attempts) {
        const res = await handle(post('/credentials/issue', { credential: credential() }, headers));
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(JSON.stringify(res.body)).not.toContain('proofValue');
      }
    });
  });

  describe('POST /credentials/verify', () => {
    let signed: Json;
    beforeAll(async () => {
      signed = (await signCredential(credential({ issuer: ed.did }), {
        key: ed.keyPair,
        documentLoader: createDocumentLoader({ contexts }),
      })) as Json;
    });

    it('answers 200 verified for a good credential, with the report (vc profile)', async () => {
      const res = await handle(post('/credentials/verify', { verifiableCredential: signed }));
      expect(res.status).toBe(200);
      const body = res.body as Json;
      expect(body.verified).toBe(true);
      expect(body.report.profile).toBe('vc');
      expect(body.checks).toEqual(['proof', 'credentialStatus']);
      expect(body.credential).toBeUndefined();
      const back = await handle(
        post('/credentials/verify', {
          verifiableCredential: signed,
          options: { returnCredential: true },
        }),
      );
      expect((back.body as Json).credential).toEqual(signed);
    });

    it('answers an error status with verified: false and the report when it fails', async () => {
      const tampered = structuredClone(signed);
      tampered.credentialSubject.alumniOf = 'Another University';
      const res = await handle(post('/credentials/verify', { verifiableCredential: tampered }));
      expect(res.status).toBe(400);
      const body = res.body as Json;
      expect(body.verified).toBe(false);
      expect(body.report.verdict).toBe('invalid');
      expect(body.problemDetails.some((p: Json) => p.title.startsWith('proof'))).toBe(true);
    });

    it('a required check that could not run is not verified (status list not reachable offline)', async () => {
      const issued = await handle(
        post('/issuers/status/credentials/issue', { credential: credential() }, auth),
      );
      const vcWithStatus = (issued.body as Json).verifiableCredential;
      const res = await handle(post('/credentials/verify', { verifiableCredential: vcWithStatus }));
      expect(res.status).toBe(400);
      expect((res.body as Json).report.verdict).toBe('warning');
      expect((res.body as Json).verified).toBe(false);
      // Asking for the proof only: verified (the status is a warning in the report).
      const proofOnly = await handle(
        post('/credentials/verify', {
          verifiableCredential: vcWithStatus,
          options: { checks: ['proof'] },
        }),
      );
      expect(proofOnly.status).toBe(200);
    });

    it('refuses unknown checks and options, malformed envelopes and presentations', async () => {
      const unknown = await handle(
        post('/credentials/verify', {
          verifiableCredential: signed,
          options: { checks: ['magic'] },
        }),
      );
      expect((unknown.body as Json).code).toBe('check_unsupported');
      const extra = await handle(
        post('/credentials/verify', { verifiableCredential: signed, options: { policy: 'lax' } }),
      );
      expect((extra.body as Json).code).toBe('request_member_unsupported');
      const envelope = await handle(
        post('/credentials/verify', {
          verifiableCredential: {
            '@context': EXAMPLES_URL,
            type: 'EnvelopedVerifiableCredential',
            id: 'data:application/vc+jwt,eyJ.a.b',
          },
        }),
      );
      expect((envelope.body as Json).code).toBe('envelope_invalid');
      const vp = createPresentation({ credentials: [signed] });
      const asVp = await handle(post('/credentials/verify', { verifiableCredential: vp }));
      expect(asVp.status).toBe(400);
      expect(JSON.stringify((asVp.body as Json).report)).toContain('type_role_mismatch');
    });
  });

  describe('POST /presentations/verify', () => {
    it('verifies a signed presentation with its challenge and domain, and refuses a replay', async () => {
      const signed = await signCredential(credential({ issuer: ed.did }), {
        key: ed.keyPair,
        documentLoader: createDocumentLoader({ contexts }),
      });
      const vp = await signPresentation(
        createPresentation({ holder: p256.did, credentials: [signed] }),
        {
          key: p256.keyPair,
          suite: 'ecdsa-rdfc-2019',
          challenge: 'c-123',
          domain: 'https://verifier.example',
          documentLoader: createDocumentLoader({ contexts }),
        },
      );
      const ok = await handle(
        post('/presentations/verify', {
          verifiablePresentation: vp,
          options: { challenge: 'c-123', domain: 'https://verifier.example', checks: ['proof'] },
        }),
      );
      expect(ok.status).toBe(200);
      expect((ok.body as Json).verified).toBe(true);
      expect((ok.body as Json).report.credentials[0].profile).toBe('vc');
      const replay = await handle(
        post('/presentations/verify', {
          verifiablePresentation: vp,
          options: { challenge: 'other', domain: 'https://verifier.example' },
        }),
      );
      expect(replay.status).toBe(400);
      const noChallenge = await handle(
        post('/presentations/verify', {
          verifiablePresentation: vp,
          options: { checks: ['proof'] },
        }),
      );
      expect(noChallenge.status).toBe(400);
      const notVp = await handle(
        post('/presentations/verify', {
          verifiablePresentation: signed,
          options: { challenge: 'x' },
        }),
      );
      expect(notVp.status).toBe(400);
      expect((notVp.body as Json).problemDetails[0].title).toMatch(/type_not_vp/);
    });
  });

  describe('status', () => {
    it('issues with status entries, revokes and suspends by credential id, and serves the lists', async () => {
      const issued = await handle(
        post('/issuers/status/credentials/issue', { credential: credential() }, auth),
      );
      expect(issued.status).toBe(201);
      const c = (issued.body as Json).verifiableCredential;
      const [rev, sus] = c.credentialStatus as [Json, Json];
      expect(rev.statusPurpose).toBe('revocation');
      expect(rev.statusListCredential).toBe(`${PUBLIC}/status-lists/revocation/1`);
      expect(sus.statusPurpose).toBe('suspension');
      const listPath = new URL(rev.statusListCredential).pathname;
      const documents = async () => {
        const out: Json = {};
        for (const url of [rev.statusListCredential, sus.statusListCredential]) {
          const r = await handle({ method: 'GET', path: new URL(url).pathname });
          expect(r.status).toBe(200);
          out[url] = r.body;
        }
        return out;
      };
      const before = await verify(c, { now: NOW, contexts, documents: await documents() });
      expect(before.verdict).toBe('valid');

      const set = (
        status: boolean,
        statusPurpose: string,
        headers: Record<string, string> = auth,
      ) =>
        handle(
          post(
            '/credentials/status',
            {
              credentialId: c.id,
              credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose },
              status,
            },
            headers,
          ),
        );
      expect((await set(true, 'suspension', {})).status).toBe(401);
      expect((await set(true, 'suspension')).status).toBe(200);
      const suspended = await verify(c, { now: NOW, contexts, documents: await documents() });
      expect(suspended.checks.find((x) => x.outcome === 'fail')?.code).toBe('status_suspended');
      expect((await set(false, 'suspension')).status).toBe(200);
      expect((await verify(c, { now: NOW, contexts, documents: await documents() })).verdict).toBe(
        'valid',
      );
      expect((await set(true, 'revocation')).status).toBe(200);
      const revoked = await verify(c, { now: NOW, contexts, documents: await documents() });
      expect(revoked.checks.find((x) => x.outcome === 'fail')?.code).toBe('status_revoked');
      const undo = await set(false, 'revocation');
      expect(undo.status).toBe(409);
      expect((undo.body as Json).code).toBe('revocation_final');

      const publish = await handle({ method: 'POST', path: `${listPath}/publish`, headers: auth });
      expect(publish.status).toBe(204);
      const unauth = await handle({ method: 'POST', path: `${listPath}/publish` });
      expect(unauth.status).toBe(401);
    });

    it('refuses unknown credentials (404), bad purposes, types and a missing status value', async () => {
      const ask = async (body: Json) =>
        handle(post('/credentials/status', body, auth)).then((r) => [
          r.status,
          (r.body as Json).code,
        ]);
      const entry = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' };
      expect(
        await ask({ credentialId: 'urn:uuid:nope', credentialStatus: entry, status: true }),
      ).toEqual([404, 'credential_unknown']);
      expect(
        await ask({
          credentialId: 'urn:x',
          credentialStatus: { ...entry, statusPurpose: 'message' },
          status: true,
        }),
      ).toEqual([400, 'status_purpose_unsupported']);
      expect(
        await ask({
          credentialId: 'urn:x',
          credentialStatus: { ...entry, type: 'Other' },
          status: true,
        }),
      ).toEqual([400, 'status_type_unsupported']);
      // What the request held is shown briefly, however much it held.
      const big = await handle(
        post(
          '/credentials/status',
          {
            credentialId: 'urn:x',
            credentialStatus: { ...entry, type: ['x'.repeat(5000)] },
            status: true,
          },
          auth,
        ),
      );
      expect((big.body as Json).detail).toMatch(/, found an array of 1 item$/);
      expect(await ask({ credentialId: 'urn:x', credentialStatus: entry })).toEqual([
        400,
        'status_value_missing',
      ]);
    });

    it('gives an Open Badge or a CLR one entry (revocation by default) before anything is reserved', async () => {
      // OB 3.0 and CLR 2.0 allow one credentialStatus; the ledger here has two series.
      const badge = (id: string): Json => ({
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: ed.did, type: ['Profile'], name: 'Example' },
        validFrom: '2024-01-01T00:00:00Z',
        name: 'Teamwork',
        credentialSubject: {
          id: 'did:example:learner',
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://example.com/achievements/1',
            type: ['Achievement'],
            name: 'Teamwork',
            description: 'Works well in a team.',
            criteria: { narrative: 'Be nominated.' },
          },
        },
      });
      const id = 'urn:uuid:6a0f3c1e-7d2b-4e59-8c4a-1b2c3d4e5f60';
      const issued = await handle(
        post('/issuers/status/credentials/issue', { credential: badge(id) }, auth),
      );
      expect(issued.status).toBe(201);
      const c = (issued.body as Json).verifiableCredential;
      expect(Array.isArray(c.credentialStatus)).toBe(false);
      expect(c.credentialStatus.statusPurpose).toBe('revocation');
      const [record] = await ledger.find({ credentialId: id });
      expect(record?.status.map((e) => e.purpose)).toEqual(['revocation']);
      const url = c.credentialStatus.statusListCredential as string;
      const list = await handle({ method: 'GET', path: new URL(url).pathname });
      const report = await verify(c, { now: NOW, documents: { [url]: list.body } });
      expect(report.verdict).toBe('valid');
      // It has no suspension entry to set.
      const suspend = await handle(
        post(
          '/credentials/status',
          {
            credentialId: id,
            credentialStatus: { ...c.credentialStatus, statusPurpose: 'suspension' },
            status: true,
          },
          auth,
        ),
      );
      expect(suspend.status).toBe(409);

      // A CLR 2.0 record too.
      const transcript = createClrCredential({
        id: 'urn:uuid:6a0f3c1e-7d2b-4e59-8c4a-1b2c3d4e5f63',
        name: 'Transcript',
        issuer: { id: ed.did, name: 'Example' },
        validFrom: '2024-02-01T00:00:00Z',
        credentialSubject: { id: 'did:example:learner', verifiableCredential: [c] },
      });
      const clr = await handle(
        post('/issuers/status/credentials/issue', { credential: transcript }, auth),
      );
      expect(clr.status).toBe(201);
      const signedClr = (clr.body as Json).verifiableCredential;
      expect(signedClr.credentialStatus.statusPurpose).toBe('revocation');
      expect((await ledger.find({ credentialId: signedClr.id }))[0]?.status).toHaveLength(1);

      // An issuer may choose the suspension series instead; a ledger without it reserves nothing.
      const suspending = createVcApiHandler({
        ...options,
        issuers: [{ name: 's', key: ed.keyPair, status: true, badgeStatusPurpose: 'suspension' }],
      });
      const id2 = 'urn:uuid:6a0f3c1e-7d2b-4e59-8c4a-1b2c3d4e5f61';
      const s = await suspending(post('/credentials/issue', { credential: badge(id2) }, auth));
      expect(s.status).toBe(201);
      expect((s.body as Json).verifiableCredential.credentialStatus.statusPurpose).toBe(
        'suspension',
      );
      const revocationOnly = createLedger(createMemoryLedgerStore(), {
        lists: [{ url: `${PUBLIC}/status-lists/revocation/{n}`, purpose: 'revocation' }],
      });
      const missing = createVcApiHandler({
        ...options,
        ledger: revocationOnly,
        issuers: [{ name: 's', key: ed.keyPair, status: true, badgeStatusPurpose: 'suspension' }],
      });
      const id3 = 'urn:uuid:6a0f3c1e-7d2b-4e59-8c4a-1b2c3d4e5f62';
      const m = await missing(post('/credentials/issue', { credential: badge(id3) }, auth));
      expect(m.status).toBeGreaterThanOrEqual(400);
      expect(await revocationOnly.find({})).toEqual([]);
      expect(() =>
        createVcApiHandler({
          ...options,
          issuers: [
            // biome-ignore lint/suspicious/noExplicitAny: a wrong option on purpose
            { name: 's', key: ed.keyPair, status: true, badgeStatusPurpose: 'both' as any },
          ],
        }),
      ).toThrow(/badgeStatusPurpose/);
    });
  });

  describe('requests', () => {
    it('answers 404, 405, 415, bad JSON, duplicate members, large bodies and a health check', async () => {
      expect((await handle({ method: 'GET', path: '/nothing' })).status).toBe(404);
      // A malformed escape in an issuer name is no issuer (not a failure of the service).
      for (const name of ['%E0%A4%A', '%', '%zz']) {
        const r = await handle(post(`/issuers/${name}/credentials/issue`, {}, auth));
        expect([r.status, (r.body as Json).code]).toEqual([404, 'issuer_unknown']);
      }
      const m = await handle({ method: 'GET', path: '/credentials/verify' });
      expect([m.status, m.headers.allow]).toEqual([405, 'POST']);
      const text = await handle({
        method: 'POST',
        path: '/credentials/verify',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      });
      expect(text.status).toBe(415);
      const bad = await handle(post('/credentials/verify', '{"verifiableCredential": '));
      expect([bad.status, (bad.body as Json).code]).toEqual([400, 'body_json_invalid']);
      const dup = await handle(
        post(
          '/credentials/verify',
          '{"verifiableCredential": {}, "verifiableCredential": {"a":1}}',
        ),
      );
      expect((dup.body as Json).code).toBe('body_json_duplicate_key');
      const small = createVcApiHandler({ ...options, maxBodyBytes: 2048 });
      const big = await small(
        post('/credentials/verify', { verifiableCredential: { x: 'a'.repeat(3000) } }),
      );
      expect(big.status).toBe(413);
      const deep = await handle(
        post('/credentials/verify', `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`),
      );
      expect(deep.status).toBe(413);
      // Depth is refused from the text before parsing, at the same bound as after: 64 levels
      // (brackets inside strings do not count), and very deep text as quickly as shallow.
      const nested = (n: number, inner = '1') =>
        `{"verifiableCredential":${'['.repeat(n - 1)}${inner}${']'.repeat(n - 1)}}`;
      const at = await handle(post('/credentials/verify', nested(64, '"[[[{{{"')));
      expect((at.body as Json).code).not.toBe('body_too_large');
      expect((await handle(post('/credentials/verify', nested(65)))).status).toBe(413);
      expect((await handle(post('/credentials/verify', nested(300_000)))).status).toBe(413);
      const health = await handle({ method: 'GET', path: '/health' });
      expect([health.status, (health.body as Json).status]).toEqual([200, 'ok']);
      // A framework's parsed body works too.
      const parsed = await handle({
        method: 'POST',
        path: '/credentials/verify',
        body: { verifiableCredential: { nothing: true } },
      });
      expect(parsed.status).toBe(400);
      expect((parsed.body as Json).verified).toBe(false);
    });

    it('throws TypeError for misused options', () => {
      expect(() => createVcApiHandler({ tokens: ['short'] })).toThrow(TypeError);
      expect(() => createVcApiHandler({ issuers: [{ name: 'a b', key: ed.keyPair }] })).toThrow(
        TypeError,
      );
      expect(() =>
        createVcApiHandler({ issuers: [{ name: 'a', key: ed.keyPair, status: true }] }),
      ).toThrow(/ledger/);
      expect(() =>
        createVcApiHandler({
          issuers: [
            { name: 'a', key: ed.keyPair },
            { name: 'a', key: ed.keyPair },
          ],
        }),
      ).toThrow(/twice/);
      expect(() => createVcApiHandler({ failureStatus: 200 })).toThrow(TypeError);
      // The key must be the issuer's (verifiers would reject its proofs): refused at start.
      expect(() =>
        createVcApiHandler({ issuers: [{ name: 'a', key: ed.keyPair, id: p256.did }] }),
      ).toThrow(/not the issuer's: the key did:key:.* belongs to did:key:/);
      expect(() =>
        createVcApiHandler({ issuers: [{ name: 'a', key: { sign: () => 1 } as never }] }),
      ).toThrow(/KeyPair or a Signer/);
      expect(() =>
        createVcApiHandler({
          issuers: [
            {
              name: 'a',
              key: {
                algorithm: 'EdDSA',
                id: 'https://issuer.example/keys#1',
                sign: async () => new Uint8Array(64),
              },
            },
          ],
        }),
      ).toThrow(/id must be a URL/);
    });
  });
});
