/**
 * Attack (one token, two documents): a JWT payload that is a credential itself (VC 2.0,
 * VC-JOSE-COSE: the payload is the credential, `typ` `vc+jwt`) and also carries a `vc` claim
 * holding another credential (VC-JWT 1.1). ob3kit took the `vc` claim and ignored the payload's
 * own credential; a VC-JOSE-COSE reader takes the payload. So one signed token showed one badge
 * (or one validity period, one subject) to ob3kit and another to the next verifier, and
 * `verify()` said `valid` for the claim's. The same for a VP-JWT whose payload is a presentation
 * and also carries a `vp` claim (another list of credentials).
 *
 * Expected ("anything ambiguous is refused"): a payload with a `vc` (`vp`) claim and its own
 * `@context` or `type` is refused (`jwt_payload_invalid`) by `verifyCredentialJwt`,
 * `verifyPresentation` and `verify()`; either form alone verifies as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPresentation } from '../../src/present/index.js';
import { verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import {
  badgeJwt,
  cliExit,
  compactJws,
  envelope,
  type JoseParty,
  joseParty,
  presentation,
  presentationJwt,
  problems,
} from './attack7-jose.js';
import { type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

let issuer: JoseParty;
let holder: JoseParty;

beforeAll(() => {
  issuer = joseParty();
  holder = joseParty();
});

function payloadOf(jwt: string): Loose {
  return JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8'));
}

describe('a credential JWT with a credential payload and a vc claim', () => {
  it('is refused by every entry point', async () => {
    const top = payloadOf(badgeJwt(issuer));
    const other = richCredential(issuer.did);
    other.credentialSubject.achievement.name = 'Another Achievement';
    for (const [label, payload] of [
      ['payload and vc claim', { ...top, vc: other }],
      ['type only and vc claim', { iss: issuer.did, type: top.type, vc: other }],
    ] as const) {
      const jwt = compactJws(issuer, { alg: 'EdDSA', kid: issuer.kid, typ: 'vc+jwt' }, payload);
      const r = await verifyCredentialJwt(jwt, { now: NOW });
      expect(r.verified, label).toBe(false);
      expect(r.issues.map((i) => i.code)).toContain('jwt_payload_invalid');
      const report = await verifyOffline(jwt);
      expect(report.verdict, label).toBe('invalid');
      expect(problems(report)).toContain('proof:jwt_payload_invalid');
      expect(await cliExit(jwt)).toBe(1);
    }
  });

  it('each form alone verifies', async () => {
    const vc20 = badgeJwt(issuer);
    const { iss, sub, jti, nbf, exp, ...credential } = payloadOf(vc20);
    const vc11 = compactJws(
      issuer,
      { alg: 'EdDSA', kid: issuer.kid, typ: 'JWT' },
      { iss, sub, jti, nbf, exp, vc: credential },
    );
    for (const jwt of [vc20, vc11]) {
      expect((await verifyCredentialJwt(jwt, { now: NOW })).issues).toEqual([]);
      expect((await verifyOffline(jwt)).verdict).toBe('valid');
    }
  });
});

describe('a presentation JWT with a presentation payload and a vp claim', () => {
  it('is refused', async () => {
    const shown = presentation([envelope(badgeJwt(issuer))], { holder: holder.did });
    const hidden = presentation([], { holder: holder.did });
    const jwt = presentationJwt(holder, shown, { iss: holder.did, nonce: 'n-4', vp: hidden });
    const r = await verifyPresentation(jwt, { now: NOW, challenge: 'n-4' });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('jwt_payload_invalid');
    const report = await verifyOffline(jwt, { challenge: 'n-4' });
    expect(report.verdict).toBe('invalid');
    expect(await cliExit(jwt, ['--challenge', 'n-4'])).toBe(1);
  });
});
