/**
 * The VC-API verify endpoints answer `verified: true` only when the checks asked for (and the
 * proof, always) pass for every credential the document carries, at any depth: a CLR bundling
 * a credential whose signature could not be checked (a key offline) or whose status could not
 * be read is not verified, exactly as that credential alone is not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClrCredential } from '../../src/clr/index.js';
import { bindKeyPair, generateKeyPair } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { createVcApiHandler, type VcApiRequest } from '../../src/serve/index.js';
import { createStatusEntry } from '../../src/status/index.js';
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
let aggregator: Party;
/** Signed with a did:web key: offline, its proof cannot be checked. */
let unresolvable: Json;
/** Its status list is not available: its status cannot be checked. */
let statusUnknown: Json;
let good: Json;

async function clr(bundled: Json[]): Promise<Json> {
  return signCredential(
    createClrCredential({
      name: 'Transcript',
      issuer: { id: aggregator.did, name: 'Records Aggregator' },
      validFrom: '2024-02-01T00:00:00Z',
      credentialSubject: { id: LEARNER, verifiableCredential: bundled as never },
    }) as Json,
    { key: aggregator.key },
  );
}

beforeAll(async () => {
  school = await party(51);
  aggregator = await party(52);
  const key = bindKeyPair(await generateKeyPair(), {
    id: 'did:web:university.example#key-1',
    controller: 'did:web:university.example',
  });
  unresolvable = await signCredential(
    createOpenBadgeCredential({
      id: 'urn:uuid:11111111-0000-4000-8000-0000000000bb',
      issuer: { id: 'did:web:university.example', name: 'Famous University' },
      validFrom: '2024-01-01T00:00:00Z',
      credentialSubject: {
        id: LEARNER,
        achievement: { id: SQL, name: 'SQL', description: 'x', criteria: { narrative: 'x' } },
      },
    }),
    { key },
  );
  statusUnknown = await makeBadge(school, {
    achievement: STATS,
    name: 'Stats',
    extra: (c) => {
      c.credentialStatus = createStatusEntry({
        statusListCredential: 'https://example.edu/status/unavailable',
        index: 5,
        purpose: 'revocation',
      });
    },
  });
  good = await makeBadge(school, { achievement: SQL, name: 'SQL' });
}, 60_000);

describe('serve: what a CLR bundles is verified with it', () => {
  const handle = () => createVcApiHandler({ now: () => NOW });
  const ask = async (credential: Json, checks?: string[]) => {
    const r = await handle()(
      post('/credentials/verify', {
        verifiableCredential: credential,
        ...(checks ? { options: { checks } } : {}),
      }),
    );
    return { status: r.status, verified: (r.body as Json).verified };
  };

  it('a record of good credentials is verified', async () => {
    expect(await ask(await clr([good]))).toEqual({ status: 200, verified: true });
    expect(await ask(await clr([good]), ['credentialStatus'])).toEqual({
      status: 200,
      verified: true,
    });
  });

  it('a bundled credential whose proof could not be checked: not verified', async () => {
    // Alone, it is not verified (the proof is always required).
    expect((await ask(unresolvable)).verified).toBe(false);
    expect(await ask(await clr([good, unresolvable]))).toEqual({ status: 400, verified: false });
  });

  it('a bundled credential whose status could not be read, when the status is asked for', async () => {
    expect((await ask(statusUnknown, ['credentialStatus'])).verified).toBe(false);
    expect(await ask(await clr([good, statusUnknown]), ['credentialStatus'])).toEqual({
      status: 400,
      verified: false,
    });
  });

  it('a record in a presentation: the same', async () => {
    const vp = await signPresentation(
      createPresentation({ holder: aggregator.did, credentials: [await clr([unresolvable])] }),
      { key: aggregator.key, challenge: 'c9', domain: 'https://verifier.example' },
    );
    const r = await handle()(
      post('/presentations/verify', {
        verifiablePresentation: vp,
        options: { challenge: 'c9', domain: 'https://verifier.example' },
      }),
    );
    expect([r.status, (r.body as Json).verified]).toEqual([400, false]);
  });
});
