/**
 * Resource bounds of verify(): endorsement fan-out and depth, endorsement cycles, input size,
 * nesting inside JWTs and presentations. Each hostile shape ends in a report with a code, the
 * work bounded by a limit (not by a timing assertion; vitest's timeout is the hang guard).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import { handJwt } from '../proof/jwt/helpers.js';
import { failCodes, type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

let did = '';
let keyPair: KeyPair;

beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
});

function endorsementBody(id: string): Loose {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: { id: did, type: ['Profile'], name: 'Endorser' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Endorsement',
    credentialSubject: { id: did, type: ['EndorsementSubject'], endorsementComment: 'ok' },
  };
}

const sign = (c: Loose) => signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });

/** Every report in the tree (endorsements and carried credentials included). */
function countReports(r: Loose): number {
  return (
    1 +
    (r.endorsements ?? []).reduce((n: number, e: Loose) => n + countReports(e), 0) +
    (r.credentials ?? []).reduce((n: number, e: Loose) => n + countReports(e), 0)
  );
}

describe('endorsements', () => {
  it('a credential with 150 endorsements verifies at most maxEndorsements of them', async () => {
    const one = await sign(endorsementBody('urn:uuid:00000000-0000-4000-8000-000000000001'));
    const c = richCredential(did);
    c.credentialSubject.achievement.endorsement = Array.from({ length: 150 }, () => one);
    const report = await verifyOffline(await sign(c), { limits: { maxEndorsements: 20 } });
    expect(report.endorsements?.length).toBe(20);
    const limited = report.checks.filter((x) => x.code === 'endorsement_limit');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((x) => x.outcome === 'warn')).toBe(true);
    expect(limited[0]?.message).toMatch(/130 endorsement/);
  }, 30_000);

  it('endorsements nested 10 deep are followed only to maxEndorsementDepth', async () => {
    let inner: Loose = await sign(endorsementBody('urn:uuid:00000000-0000-4000-8000-000000000100'));
    for (let i = 1; i < 10; i++) {
      const e = endorsementBody(
        `urn:uuid:00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
      );
      e.endorsement = [inner];
      inner = await sign(e);
    }
    const c = richCredential(did);
    c.endorsement = [inner];
    const report = await verifyOffline(await sign(c), { maxEndorsementDepth: 3 });
    expect(countReports(report)).toBe(4);
    let deepest: Loose = report;
    while (deepest.endorsements?.[0]) deepest = deepest.endorsements[0];
    expect(deepest.checks.map((x: Loose) => x.code)).toContain('endorsement_depth_exceeded');
  }, 30_000);

  it('an endorsement that carries the credential it endorses is not verified twice', async () => {
    const c = richCredential(did);
    const inner = endorsementBody('urn:uuid:00000000-0000-4000-8000-000000000200');
    // The same credential id inside its own endorsement: a cycle by identity.
    inner.endorsement = [{ ...c }];
    c.endorsement = [await sign(inner)];
    // crafted (node merging): refused by default, the verifier must refuse it too
    const signed = await signCredential(c, {
      key: keyPair,
      created: '2024-01-01T00:00:00Z',
      validate: false,
    });
    const report = await verifyOffline(signed);
    expect(countReports(report)).toBeLessThanOrEqual(3);
  }, 30_000);
});

describe('sizes and nesting', () => {
  it('an input over limits.maxInputBytes is refused before parsing (text and bytes)', async () => {
    const text = JSON.stringify(await sign(richCredential(did)));
    for (const input of [text, new TextEncoder().encode(text)]) {
      const report = await verifyOffline(input, { limits: { maxInputBytes: 1000 } });
      expect(failCodes(report)).toEqual(['input_too_large']);
    }
  });

  it('a VC-JWT whose credential nests past maxJsonDepth is refused without recursion', async () => {
    const c = richCredential(did);
    let deep: Loose = 'x';
    for (let i = 0; i < 200; i++) deep = { description: [deep] };
    c.credentialSubject.achievement.criteria = deep;
    // Signed by hand: the signer itself refuses to serialize such a document.
    const jwt = handJwt(
      { alg: 'EdDSA', typ: 'JWT', kid: keyPair.id },
      { iss: did, vc: c },
      keyPair,
    );
    const report = await verifyOffline(jwt);
    expect(failCodes(report)).toEqual(['input_too_deep']);
  });

  it('a presentation nested in a presentation, and a JWT inside a JWT, end in a report', async () => {
    const vc = await sign(richCredential(did));
    const vp: Loose = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [
        {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiablePresentation'],
          verifiableCredential: [vc],
        },
      ],
    };
    const report = await verifyOffline(vp);
    expect(report.verdict).toBe('invalid');
    const inner = await signCredentialJwt(richCredential(did), { key: keyPair, now: NOW });
    const outer = richCredential(did);
    outer.endorsementJwt = [inner, `${inner}.${inner}`, 'x'.repeat(10_000)];
    // endorsementJwt is defined by no bundled context, so the outer badge is a VC-JWT.
    const r2 = await verifyOffline(
      await signCredentialJwt(outer, { key: keyPair, now: NOW, validate: false }), // crafted
    );
    expect(r2.verdict).toBe('invalid');
    expect(failCodes(r2)).toContain('endorsement_invalid');
  }, 30_000);
});
