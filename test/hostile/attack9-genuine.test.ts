/**
 * The other side of "impossible to fool": genuine, current badges, signed independently with the
 * reference stack (@digitalbazaar/vc with eddsa-rdfc-2022, ecdsa-rdfc-2019, Ed25519Signature2020)
 * or with `jose`, in the forms other issuers write and the specifications allow, must be
 * authentic, in force, fully checked and `valid` under the default policy.
 *
 * Downgrades found:
 * - A single `proof` object (what @digitalbazaar/vc writes), single-valued `type`s, the VC 1.1
 *   context and the earlier Open Badges context versions (context.json, 3.0.1, 3.0.2) were each
 *   a `warn` under the default policy, so every such badge was `warning`, never `valid`. The
 *   Open Badges 3.0 specification allows them ("Compacted document form": `type`, `proof`,
 *   `credentialSchema`, `termsOfUse` MAY be single values, validated by 1EdTech's JSON-LD
 *   schema adaptation; the context versions are its published releases). They are now noted
 *   (`pass`, code and message kept) under the default policy; the `conformance` policy keeps
 *   1EdTech's warnings.
 *
 * Right to refuse (kept): an issuer written as a URL string (Open Badges 3.0: `issuer` is a
 * `Profile`), a `name` written as a language value object (the Open Badges schemas want a
 * string), a VC-JWT with neither `kid` nor `jwk` (Open Badges 3.0, 8.2: one of them MUST be
 * present), a VC 2.0 credential with the pre-3.0.2 Open Badges contexts (the reference stack
 * cannot sign it either: a protected term is redefined).
 */
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bindKeyPair,
  createDidKey,
  exportKeyPair,
  generateKeyPair,
  type KeyPair,
} from '../../src/keys/index.js';
import { type VerificationReport, verify } from '../../src/verify/index.js';
import {
  controllerDocument,
  type Json,
  obCredential,
  obCredentialV1,
  referenceIssue,
  referenceLoader,
  referenceVerify,
} from '../proof/helpers.js';
import { NOW } from './helpers.js';

type Suite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'Ed25519Signature2020';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0';
const DID_WEB = 'did:web:issuer.example';
const DID_WEB_URL = 'https://issuer.example/.well-known/did.json';

let ed: KeyPair;
let p256: KeyPair;
let webDoc: Json;
let didKey: { did: string; keyPair: KeyPair; document: Json };

beforeAll(async () => {
  ed = bindKeyPair(await generateKeyPair({ type: 'Ed25519', seed: new Uint8Array(32).fill(91) }), {
    id: `${DID_WEB}#key-1`,
    controller: DID_WEB,
  });
  p256 = bindKeyPair(await generateKeyPair({ type: 'P-256', seed: new Uint8Array(32).fill(92) }), {
    id: `${DID_WEB}#key-2`,
    controller: DID_WEB,
  });
  webDoc = controllerDocument(DID_WEB, [exportKeyPair(ed), exportKeyPair(p256)]);
  didKey = createDidKey(
    await generateKeyPair({ type: 'Ed25519', seed: new Uint8Array(32).fill(93) }),
  ) as typeof didKey;
});

/** Sign with the reference stack; the reference stack verifies it too (the oracle). */
async function genuine(credential: Json, suite: Suite, issuer: 'web' | 'key' = 'web') {
  const [key, docs] =
    issuer === 'web'
      ? [suite === 'ecdsa-rdfc-2019' ? p256 : ed, { [DID_WEB]: webDoc }]
      : [didKey.keyPair, { [didKey.did]: didKey.document }];
  const loader = referenceLoader(docs);
  const signed = await referenceIssue(credential, key, suite, loader);
  const oracle = await referenceVerify(signed, suite, loader);
  expect(oracle.error).toBeUndefined();
  expect(oracle.verified).toBe(true);
  return signed;
}

function answers(r: VerificationReport): string[] {
  const a = r.answers;
  return [a.authentic.value, a.inForce.value, a.fullyChecked.value, a.conformant.value];
}

function problems(r: VerificationReport): string[] {
  return r.checks
    .filter((c) => c.outcome === 'warn' || c.outcome === 'fail')
    .map((c) => `${c.id}:${c.code}:${c.path ?? ''}`);
}

/**
 * Valid under the default policy, `codes` noted; under `conformance`, 1EdTech's warnings
 * (`codes`, and `strictOnly` such as a nested report's summary) only.
 */
async function expectGenuine(signed: Json, codes: string[], strictOnly: string[] = []) {
  const documents = { [DID_WEB_URL]: webDoc };
  const r = await verify(signed, { now: NOW, documents });
  expect(problems(r)).toEqual([]);
  expect(answers(r)).toEqual(['yes', 'yes', 'yes', 'yes']);
  expect(r.verdict).toBe('valid');
  for (const code of codes) {
    expect(r.checks.find((c) => c.code === code)?.outcome).toBe('pass');
  }
  const strict = await verify(signed, { now: NOW, documents, policy: 'conformance' });
  expect(new Set(strict.checks.filter((c) => c.outcome === 'warn').map((c) => c.code))).toEqual(
    new Set([...codes, ...strictOnly]),
  );
  expect(strict.verdict).toBe(codes.length > 0 ? 'warning' : 'valid');
  expect(answers(strict)).toEqual(['yes', 'yes', 'yes', 'yes']);
}

describe('genuine badges signed by the reference stack are valid under the default policy', () => {
  it.each<Suite>(['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'])(
    '%s with a single proof object, as @digitalbazaar/vc writes it',
    async (suite) => {
      const signed = await genuine(obCredential(DID_WEB), suite);
      expect(Array.isArray(signed.proof)).toBe(false);
      await expectGenuine(signed, ['schema_plain_json_invalid']);
    },
  );

  it('single-valued type on the subject, achievement and issuer (compaction the spec allows)', async () => {
    const c = obCredential(DID_WEB);
    c.credentialSubject.type = 'AchievementSubject';
    c.credentialSubject.achievement.type = 'Achievement';
    c.issuer.type = 'Profile';
    const signed = await genuine(c, 'eddsa-rdfc-2022');
    signed.proof = [signed.proof];
    await expectGenuine(signed, ['schema_plain_json_invalid']);
  });

  it.each(['context.json', 'context-3.0.1.json', 'context-3.0.2.json', 'context-3.0.3.json'])(
    'VC 1.1 with the Open Badges %s (Ed25519Signature2020)',
    async (file) => {
      const c = obCredentialV1(DID_WEB);
      c['@context'][1] = `${OB}/${file}`;
      const signed = await genuine(c, 'Ed25519Signature2020');
      signed.proof = [signed.proof];
      await expectGenuine(
        signed,
        file === 'context-3.0.3.json' ? ['context_vc_v1'] : ['context_vc_v1', 'context_ob_version'],
      );
    },
  );

  it('VC 2.0 with the Open Badges context-3.0.2.json, a did:key issuer', async () => {
    const c = obCredential(didKey.did);
    c['@context'][1] = `${OB}/context-3.0.2.json`;
    const signed = await genuine(c, 'eddsa-rdfc-2022', 'key');
    signed.proof = [signed.proof];
    await expectGenuine(signed, ['context_ob_version']);
  });

  it('an endorsement of the achievement, both with single proof objects', async () => {
    const endorsement = {
      '@context': ['https://www.w3.org/ns/credentials/v2', `${OB}/context-3.0.3.json`],
      id: 'urn:uuid:7d4c1b8e-2f3a-4b5c-8d6e-9f0a1b2c3d4e',
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: didKey.did, type: ['Profile'], name: 'Accreditor' },
      validFrom: '2024-01-01T00:00:00Z',
      name: 'Endorsement of Teamwork',
      credentialSubject: {
        id: 'https://example.edu/achievements/teamwork',
        type: ['EndorsementSubject'],
        endorsementComment: 'A sound achievement.',
      },
    };
    const c = obCredential(DID_WEB);
    c.credentialSubject.achievement.endorsement = [
      await genuine(endorsement, 'eddsa-rdfc-2022', 'key'),
    ];
    const signed = await genuine(c, 'eddsa-rdfc-2022');
    await expectGenuine(signed, ['schema_plain_json_invalid'], ['endorsement_warning']);
    const r = await verify(signed, { now: NOW, documents: { [DID_WEB_URL]: webDoc } });
    expect(r.endorsements?.map((e) => e.verdict)).toEqual(['valid']);
  });

  // Open: an endorsement of the credential itself, embedded in the credential's own `endorsement`
  // (Open Badges 3.0: "claims about the credential"; its subject id must be the credential's id,
  // or it is endorsement_subject_mismatch). The OB context puts embedded endorsements in the
  // credential's graph, so the subject is the credential node and its `endorsementComment`
  // merges into it: refused as jsonld_not_compact (a security rule: members no check reads).
  // Either rule alone is right; together no genuine credential-level endorsement verifies.
  it.fails('an endorsement of the credential itself, in its own endorsement list', async () => {
    const c = obCredential(DID_WEB);
    const endorsement = {
      '@context': ['https://www.w3.org/ns/credentials/v2', `${OB}/context-3.0.3.json`],
      id: 'urn:uuid:7d4c1b8e-2f3a-4b5c-8d6e-9f0a1b2c3d50',
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: didKey.did, type: ['Profile'], name: 'Accreditor' },
      validFrom: '2024-01-01T00:00:00Z',
      name: 'Endorsement of this award',
      credentialSubject: { id: c.id, type: ['EndorsementSubject'], endorsementComment: 'Earned.' },
    };
    c.endorsement = [await genuine(endorsement, 'eddsa-rdfc-2022', 'key')];
    const signed = await genuine(c, 'eddsa-rdfc-2022');
    await expectGenuine(signed, ['schema_plain_json_invalid'], ['endorsement_warning']);
  });

  it('what the specifications forbid is still reported: an issuer written as a URL string', async () => {
    const c = obCredential(DID_WEB);
    c.issuer = DID_WEB;
    const signed = await genuine(c, 'eddsa-rdfc-2022');
    signed.proof = [signed.proof];
    const r = await verify(signed, { now: NOW, documents: { [DID_WEB_URL]: webDoc } });
    expect(problems(r)).toEqual(['issuer:issuer_type:$.issuer']);
    expect(r.verdict).toBe('warning');
    expect(answers(r)).toEqual(['yes', 'yes', 'yes', 'no']);
  });
});

describe('VC-JWT signed with jose: the kid forms other issuers use', () => {
  let issuer: { did: string; privateKey: CryptoKey };
  let attacker: { did: string; privateKey: CryptoKey };

  async function jwkParty() {
    const { publicKey, privateKey } = await jose.generateKeyPair('EdDSA', {
      crv: 'Ed25519',
      extractable: true,
    });
    const { kty, crv, x } = await jose.exportJWK(publicKey);
    const did = `did:jwk:${Buffer.from(JSON.stringify({ crv, kty, x })).toString('base64url')}`;
    return { did, privateKey: privateKey as CryptoKey };
  }

  function jwt(iss: string, kid: string, key: CryptoKey): Promise<string> {
    const c = obCredential(iss);
    const payload = { ...c, iss, sub: c.credentialSubject.id, jti: c.id, nbf: 1704067200 };
    return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid })
      .sign(key);
  }

  beforeAll(async () => {
    issuer = await jwkParty();
    attacker = await jwkParty();
  });

  it('did:jwk with kid "<did>#0", "#0" or the bare DID (its one key, as a bare did:key): valid', async () => {
    for (const kid of [`${issuer.did}#0`, '#0', issuer.did]) {
      const token = await jwt(issuer.did, kid, issuer.privateKey);
      // The oracle: jose verifies it with the key the did:jwk DID encodes.
      const encoded = JSON.parse(Buffer.from(issuer.did.slice(8), 'base64url').toString('utf8'));
      await jose.compactVerify(token, await jose.importJWK(encoded, 'EdDSA'));
      const r = await verify(token, { now: NOW });
      expect([kid, problems(r)]).toEqual([kid, []]);
      expect(answers(r)).toEqual(['yes', 'yes', 'yes', 'yes']);
      expect(r.verdict).toBe('valid');
    }
  });

  it("a forgery naming the issuer's bare did:jwk as kid is not authentic", async () => {
    const r = await verify(await jwt(issuer.did, issuer.did, attacker.privateKey), { now: NOW });
    expect(r.verdict).toBe('invalid');
    expect(r.answers.authentic.value).toBe('no');
    const other = await verify(await jwt(issuer.did, attacker.did, attacker.privateKey), {
      now: NOW,
    });
    expect(other.verdict).toBe('invalid');
    expect(other.answers.authentic.value).toBe('no');
  });
});
