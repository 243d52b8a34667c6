/**
 * The VC-API verify endpoints against documents carrying more credentials than a run verifies:
 * a presentation past `limits.maxCredentials`, a CLR past `limits.maxBundledCredentials`. The
 * credentials past the limit are never checked, so a forged one hides there; the endpoint must
 * not answer `verified: true` for them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClrCredential } from '../../src/clr/index.js';
import { bindKeyPair, generateKeyPair } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { createVcApiHandler, type VcApiRequest } from '../../src/serve/index.js';
import { verify } from '../../src/verify/index.js';
import { LEARNER, makeBadge, NOW, type Party, party, SQL, STATS } from '../pathway/helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies
type Json = Record<string, any>;

function post(path: string, body: unknown): VcApiRequest {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

let school: Party;
let attacker: Party;
let good: Json;
let forged: Json;

beforeAll(async () => {
  school = await party(31);
  attacker = await party(32);
  good = await makeBadge(school, { achievement: SQL, name: 'SQL' });
  // Claims the school as issuer, signed with the attacker's key: verification fails it.
  forged = await signCredential(
    createOpenBadgeCredential({
      id: 'urn:uuid:11111111-0000-4000-8000-000000000001',
      issuer: { id: school.did, name: 'Example University' },
      validFrom: '2024-01-01T00:00:00Z',
      credentialSubject: {
        id: LEARNER,
        achievement: { id: STATS, name: 'Stats', description: 'x', criteria: { narrative: 'x' } },
      },
    }),
    { key: attacker.key, checkIssuer: false },
  );
  expect((await verify(forged, { now: NOW })).verdict).toBe('invalid');
}, 60_000);

describe('serve: credentials past a verification limit are not verified', () => {
  it('a presentation with a forged credential past limits.maxCredentials', async () => {
    const options = { challenge: 'c1', domain: 'https://verifier.example' };
    const handle = createVcApiHandler({
      now: () => NOW,
      verify: { limits: { maxCredentials: 2 } },
    });
    const present = async (credentials: Json[]) =>
      handle(
        post('/presentations/verify', {
          verifiablePresentation: await signPresentation(
            createPresentation({ holder: attacker.did, credentials }),
            { key: attacker.key, ...options },
          ),
          options,
        }),
      );
    const within = await present([good, good]);
    expect(within.status).toBe(200);
    expect((within.body as Json).verified).toBe(true);
    for (const credentials of [
      [good, good, forged],
      [good, good, good],
    ]) {
      const r = await present(credentials);
      expect(r.status).toBe(400);
      const body = r.body as Json;
      expect(body.verified).toBe(false);
      // verify() itself refuses it (a limit is a security rule): the problem names the limit.
      expect(body.problemDetails.map((d: Json) => d.type)).toContain(
        'urn:ob3kit:check:credential_limit',
      );
    }
  }, 60_000);

  it('a CLR whose bundled credentials run past limits.maxBundledCredentials', async () => {
    const record = await signCredential(
      createClrCredential({
        name: 'Transcript',
        issuer: { id: school.did, name: 'Example University' },
        validFrom: '2024-02-01T00:00:00Z',
        credentialSubject: {
          id: LEARNER,
          verifiableCredential: [
            good,
            await makeBadge(school, { achievement: STATS, name: 'Stats' }),
          ] as never,
        },
      }) as Json,
      { key: school.key },
    );
    const ask = (maxBundledCredentials: number) =>
      createVcApiHandler({ now: () => NOW, verify: { limits: { maxBundledCredentials } } })(
        post('/credentials/verify', { verifiableCredential: record }),
      );
    const all = await ask(2);
    expect((all.body as Json).verified).toBe(true);
    const cut = await ask(1);
    expect(cut.status).toBe(400);
    expect((cut.body as Json).verified).toBe(false);
    // In a presentation, the record's own report says so.
    const handle = createVcApiHandler({
      now: () => NOW,
      verify: { limits: { maxBundledCredentials: 1 } },
    });
    const vp = await signPresentation(
      createPresentation({ holder: school.did, credentials: [record] }),
      { key: school.key, challenge: 'c2', domain: 'https://verifier.example' },
    );
    const r = await handle(
      post('/presentations/verify', {
        verifiablePresentation: vp,
        options: { challenge: 'c2', domain: 'https://verifier.example' },
      }),
    );
    expect((r.body as Json).verified).toBe(false);
  }, 60_000);
});

describe('serve: the proof is always required', () => {
  it('a credential whose key could not be resolved is not verified, whatever options.checks says', async () => {
    // did:web needs the network, which the service does not use by default: the proof is unchecked.
    const key = bindKeyPair(await generateKeyPair(), {
      id: 'did:web:issuer.example#key-1',
      controller: 'did:web:issuer.example',
    });
    const credential = await signCredential(
      createOpenBadgeCredential({
        id: 'urn:uuid:11111111-0000-4000-8000-0000000000aa',
        issuer: { id: 'did:web:issuer.example', name: 'Example' },
        validFrom: '2024-01-01T00:00:00Z',
        credentialSubject: {
          id: LEARNER,
          achievement: { id: SQL, name: 'SQL', description: 'x', criteria: { narrative: 'x' } },
        },
      }),
      { key },
    );
    const handle = createVcApiHandler({ now: () => NOW });
    for (const checks of [[], ['credentialStatus'], ['validFrom', 'credentialSchema']]) {
      const r = await handle(
        post('/credentials/verify', { verifiableCredential: credential, options: { checks } }),
      );
      const body = r.body as Json;
      expect(body.report.checks.find((c: Json) => c.id === 'proof').outcome).toBe('warn');
      expect([r.status, body.verified]).toEqual([400, false]);
      expect(body.checks).toContain('proof');
    }
    // A presented credential too.
    const vp = await signPresentation(
      createPresentation({ holder: school.did, credentials: [credential] }),
      {
        key: school.key,
        challenge: 'c3',
        domain: 'https://verifier.example',
      },
    );
    const r = await handle(
      post('/presentations/verify', {
        verifiablePresentation: vp,
        options: { challenge: 'c3', domain: 'https://verifier.example', checks: [] },
      }),
    );
    expect((r.body as Json).verified).toBe(false);
  }, 60_000);
});

describe('verify(): credentials past a limit', () => {
  // A limit is a security rule: credentials past limits.maxCredentials are not verified, so the
  // presentation is refused (credential_limit fails), whatever they are.
  it('a presentation with a forged credential past the limit is invalid', async () => {
    const vp = createPresentation({ credentials: [good, good, forged] });
    const r = await verify(vp, { now: NOW, limits: { maxCredentials: 2 } });
    expect(r.verdict).toBe('invalid');
  });
});
