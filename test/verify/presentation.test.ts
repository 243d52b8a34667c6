/** verify() on verifiable presentations (Data Integrity and VP-JWT), signed in the test. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPresentation,
  signPresentation,
  signPresentationJwt,
} from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { codes, outcomes } from './helpers.js';
import { credentialFrom, makeIssuer, signDi, signJwt, type TestIssuer } from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const CHALLENGE = 'c0ffee-1234';
const DOMAIN = 'https://verifier.example';
let issuer: TestIssuer;
let holder: TestIssuer;

beforeAll(async () => {
  issuer = await makeIssuer();
  holder = await makeIssuer('Learner');
});

async function signedVp(): Promise<Record<string, unknown>> {
  const di = await signDi(credentialFrom(issuer), issuer);
  const jwt = await signJwt(
    credentialFrom(issuer, (c) => (c.name = 'JWT badge')),
    issuer,
  );
  const vp = createPresentation({ holder: holder.did, credentials: [di, jwt] });
  return signPresentation(vp, { key: holder.keyPair, challenge: CHALLENGE, domain: DOMAIN });
}

describe('presentations', () => {
  it('a signed presentation with the expected challenge and domain is valid, each credential in its own report', async () => {
    const vp = await signedVp();
    const r = await verify(vp, { now: NOW, challenge: CHALLENGE, domain: DOMAIN });
    expect(r.format).toBe('presentation');
    expect(outcomes(r, 'presentation')).toEqual(['pass']);
    expect(r.credentials?.map((c) => [c.format, c.verdict])).toEqual([
      ['json', 'valid'],
      ['jwt', 'valid'],
    ]);
    expect(r.verdict).toBe('valid');
    // The same presentation as JSON text.
    const r2 = await verify(JSON.stringify(vp), { now: NOW, challenge: CHALLENGE, domain: DOMAIN });
    expect(r2.format).toBe('presentation');
    expect(r2.verdict).toBe('valid');
  });
  it('a wrong challenge fails; no challenge at all is a warning (possible replay)', async () => {
    const vp = await signedVp();
    const wrong = await verify(vp, { now: NOW, challenge: 'other', domain: DOMAIN });
    expect(codes(wrong, 'presentation')).toContain('presentation_challenge_mismatch');
    expect(wrong.verdict).toBe('invalid');
    const none = await verify(vp, { now: NOW });
    expect(codes(none, 'presentation')).toEqual(['presentation_challenge_unchecked']);
    expect(none.verdict).toBe('warning');
  });
  it('a presentation signed by someone other than the holder fails', async () => {
    const di = await signDi(credentialFrom(issuer), issuer);
    const vp = createPresentation({ holder: holder.did, credentials: [di] });
    // signPresentation refuses a key the holder does not control: sign it with the generic signer.
    const signed = await signCredential(vp, {
      key: issuer.keyPair,
      proofPurpose: 'authentication',
      challenge: CHALLENGE,
      validate: false,
      checkIssuer: false,
    });
    const r = await verify(signed, { now: NOW, challenge: CHALLENGE });
    expect(codes(r, 'presentation')).toContain('presentation_holder_mismatch');
    expect(r.verdict).toBe('invalid');
  });
  it('an invalid credential inside makes the presentation invalid', async () => {
    const di = await signDi(credentialFrom(issuer), issuer);
    di.name = 'Changed';
    const vp = createPresentation({ holder: holder.did, credentials: [di] });
    const signed = await signPresentation(vp, { key: holder.keyPair, challenge: CHALLENGE });
    const r = await verify(signed, { now: NOW, challenge: CHALLENGE });
    expect(outcomes(r, 'presentation')).toEqual(['pass']);
    expect(codes(r, 'credentials')).toEqual(['credential_invalid']);
    expect(codes(r.credentials![0]!, 'proof')).toEqual(['proof_signature_invalid']);
    expect(r.verdict).toBe('invalid');
  });
  it('a VP-JWT is detected and verified', async () => {
    const jwt = await signJwt(credentialFrom(issuer), issuer);
    const vp = createPresentation({ holder: holder.did, credentials: [jwt] });
    const vpJwt = await signPresentationJwt(vp, {
      key: holder.keyPair,
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    const r = await verify(vpJwt, { now: NOW, challenge: CHALLENGE, domain: DOMAIN });
    expect(r.format).toBe('presentation');
    expect(outcomes(r, 'presentation')).toEqual(['pass']);
    expect(r.credentials?.[0]?.verdict).toBe('valid');
    expect(r.verdict).toBe('valid');
  });
});

describe('report shape', () => {
  it('checks follow the verification algorithm’s order, and formatReport shows nested credentials', async () => {
    const { formatReport } = await import('../../src/verify/index.js');
    const vp = await signedVp();
    const r = await verify(vp, { now: NOW, challenge: CHALLENGE, domain: DOMAIN });
    expect([...new Set(r.checks.map((c) => c.id))]).toEqual([
      'parse',
      'data_model',
      'jsonld',
      'presentation',
      'credentials',
    ]);
    expect(r.profile).toBe('vc');
    expect(r.credentials?.[0]?.profile).toBe('ob3');
    const inner = r.credentials![0]!;
    expect([...new Set(inner.checks.map((c) => c.id))]).toEqual([
      'parse',
      'context',
      'jsonld',
      'type',
      'schema',
      'subject',
      'evidence',
      'proof',
      'issuer',
      'refresh',
      'status',
      'validity',
      'recipient',
      'endorsement',
    ]);
    const text = formatReport(r);
    expect(text).toMatch(/^Verdict: VALID \(policy: default, format: presentation\)/);
    expect(text).toContain('  Credential 1: VALID (policy: default, format: json)');
    expect(text).toContain('  Credential 2: VALID (policy: default, format: jwt)');
  });
});
