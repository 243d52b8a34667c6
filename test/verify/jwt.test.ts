/** verify() on VC-JWT credentials signed in the test with a did:key (real signatures). */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/keys/index.js';
import { signCredentialJwt } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { codes, entries, fakeFetch, forbiddenFetch, outcomes } from './helpers.js';
import {
  credentialFrom,
  makeIssuer,
  signJwt,
  type TestIssuer,
  tamperJwt,
} from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
let issuer: TestIssuer;
let other: TestIssuer;

beforeAll(async () => {
  issuer = await makeIssuer();
  other = await makeIssuer('Someone Else');
});

describe('VC-JWT input', () => {
  it('a JWT signed by the issuer verifies (text and bytes)', async () => {
    const jwt = await signJwt(credentialFrom(issuer), issuer);
    const r = await verify(jwt, { now: NOW, fetch: forbiddenFetch as never });
    expect(r.format).toBe('jwt');
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(outcomes(r, 'issuer')).toEqual(['pass']);
    expect(r.credential).toMatchObject({ name: 'Teamwork Badge', issuer: { id: issuer.did } });
    const r2 = await verify(new TextEncoder().encode(jwt), { now: NOW });
    expect(r2.format).toBe('jwt');
    expect(outcomes(r2, 'proof')).toEqual(['pass']);
  });
  it('a tampered signature fails the proof check', async () => {
    const jwt = tamperJwt(await signJwt(credentialFrom(issuer), issuer));
    const r = await verify(jwt, { now: NOW });
    expect(codes(r, 'proof')).toEqual(['jwt_signature_invalid']);
    expect(r.verdict).toBe('invalid');
  });
  it('a key that is not the issuer’s fails the issuer check', async () => {
    // signCredentialJwt refuses another party's key unless told: verify must catch it too.
    const jwt = await signCredentialJwt(credentialFrom(issuer), {
      key: other.keyPair,
      checkIssuer: false,
    });
    const r = await verify(jwt, { now: NOW });
    expect(codes(r, 'issuer')).toContain('issuer_key_mismatch');
    expect(r.verdict).toBe('invalid');
  });
  it('JWT exp in the past is reported by the validity check', async () => {
    const jwt = await signJwt(
      credentialFrom(issuer, (c) => (c.validUntil = '2025-01-01T00:00:00Z')),
      issuer,
    );
    const r = await verify(jwt, { now: NOW });
    expect(codes(r, 'validity')).toContain('expired');
    expect(outcomes(r, 'proof')).toEqual(['pass']);
  });
  it('a JWT endorsement (endorsementJwt) is verified into a nested report', async () => {
    const endorser = await makeIssuer('Endorser');
    const { endorsementFrom } = await import('./signed-helpers.js');
    const e = await signJwt(
      endorsementFrom(endorser, 'urn:uuid:00000000-0000-4000-8000-0000000000e1', (x) => {
        x.credentialSubject.id = credentialFrom(issuer).id;
      }),
      endorser,
    );
    const bad = tamperJwt(e);
    // The bundled Open Badges contexts do not define `endorsementJwt` (see
    // test/hostile/attack14-endorse.test.ts), so signing refuses the badge and its own `jsonld`
    // check fails; signed anyway here for its nested endorsement reports.
    const jwt = await signCredentialJwt(
      credentialFrom(issuer, (c) => (c.endorsementJwt = [e, bad])),
      { key: issuer.keyPair, validate: false },
    );
    const r = await verify(jwt, { now: NOW });
    expect(r.endorsements).toHaveLength(2);
    expect(r.endorsements?.[0]?.format).toBe('jwt');
    expect(outcomes(r.endorsements![0]!, 'proof')).toEqual(['pass']);
    expect(codes(r.endorsements![1]!, 'proof')).toEqual(['jwt_signature_invalid']);
    expect(codes(r, 'endorsement')).toEqual(['endorsement_invalid']);
    expect(entries(r, 'endorsement')[0]?.path).toBe('$.endorsementJwt[1]');
  });
  it('a malformed JWT is a parse or proof failure, never a throw', async () => {
    const r = await verify('eyJhbGciOiJFZERTQSJ9.eyJ2YyI6NDJ9.c2ln', { now: NOW });
    expect(r.verdict).toBe('invalid');
  });
});

describe('refresh service (after a verified proof)', () => {
  const URL = 'https://issuer.example/refresh/1';
  const withRefresh = (name = 'Teamwork Badge') =>
    credentialFrom(issuer, (c) => {
      c.name = name;
      c['@context'].push('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json');
      c.refreshService = { id: URL, type: '1EdTechCredentialRefresh' };
    });

  it('is reported but not fetched offline (a fetch that throws is never called)', async () => {
    const r = await verify(await signJwt(withRefresh(), issuer), { now: NOW });
    expect(codes(r, 'refresh')).toEqual(['refresh_not_fetched']);
    expect(r.refreshed).toBeUndefined();
  });
  it('is followed once with fetch; the refreshed credential gets its own report', async () => {
    const refreshedJwt = await signJwt(withRefresh('Refreshed'), issuer);
    const { fetch, requested } = fakeFetch({ [URL]: refreshedJwt });
    const r = await verify(await signJwt(withRefresh(), issuer), { now: NOW, fetch });
    expect(requested).toEqual([URL]);
    expect(codes(r, 'refresh')).toEqual(['refreshed']);
    expect(r.refreshed?.credential).toMatchObject({ name: 'Refreshed' });
    expect(outcomes(r.refreshed!, 'proof')).toEqual(['pass']);
    // The refreshed credential names a refresh service too; it is not followed again.
    expect(codes(r.refreshed!, 'refresh')).toEqual(['refresh_not_repeated']);
  });
  it('uses documents before fetch', async () => {
    const refreshed = await signJwt(withRefresh('From documents'), issuer);
    const r = await verify(await signJwt(withRefresh(), issuer), {
      now: NOW,
      documents: { [URL]: refreshed },
      fetch: forbiddenFetch as never,
    });
    expect(r.refreshed?.credential).toMatchObject({ name: 'From documents' });
  });
  it('keeps the original credential when the refresh fails or is invalid', async () => {
    const { fetch, requested } = fakeFetch({});
    const r = await verify(await signJwt(withRefresh(), issuer), { now: NOW, fetch });
    expect(requested).toEqual([URL]);
    expect(codes(r, 'refresh')).toEqual(['fetch_status']);
    expect(r.verdict).toBe('valid');
    const forged = tamperJwt(await signJwt(withRefresh('Forged'), issuer));
    const r2 = await verify(await signJwt(withRefresh(), issuer), {
      now: NOW,
      documents: { [URL]: forged },
    });
    expect(codes(r2, 'refresh')).toEqual(['refresh_invalid']);
    expect(r2.refreshed?.verdict).toBe('invalid');
    expect(r2.verdict).toBe('valid');
  });
});

describe('a key that cannot be had offline', () => {
  /** A JWT signed by a key of `controller`, named by `kid`, from a credential of that issuer. */
  async function jwtFrom(controller: string, kid: string): Promise<string> {
    const keyPair = await generateKeyPair({
      seed: new Uint8Array(32).fill(5),
      controller,
      id: kid,
    });
    const credential = credentialFrom(issuer, (c) => {
      c.issuer = { id: controller, type: ['Profile'], name: 'Example Issuer' };
    });
    return signCredentialJwt(credential, { key: keyPair, kid });
  }

  it('a did:web key offline: the proof is unchecked (a warning), not failed', async () => {
    const jwt = await jwtFrom('did:web:issuer.example', 'did:web:issuer.example#key-1');
    const r = await verify(jwt, { now: NOW });
    expect(codes(r, 'proof')).toEqual(['proof_unchecked_offline']);
    expect(r.answers.authentic.value).toBe('unknown');
  });

  it('is decided by the error, not by words in the issuer\'s "kid" quoted in the message', async () => {
    // did:example is not a method ob3kit resolves: unresolved, whatever the network. The kid's
    // fragment spells the offline error code, which the message quotes.
    const jwt = await jwtFrom('did:example:issuer', 'did:example:issuer#ERR_RESOLUTION_OFFLINE');
    const r = await verify(jwt, { now: NOW });
    expect(codes(r, 'proof')).toEqual(['jwt_key_unresolved']);
    const entry = entries(r, 'proof')[0];
    expect(entry?.message).toContain('ERR_RESOLUTION_OFFLINE');
  });
});
