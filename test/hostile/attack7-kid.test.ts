/**
 * Attack (a forgery read as "could not be checked"): a VC-JWT whose `kid` names the issuer's
 * DID with a fragment its document does not have (`did:key:<issuer>#<attacker's key>`,
 * `did:jwk:<issuer>#1`), signed with the attacker's key. The issuer's document resolves offline
 * (did:key, did:jwk) and has no such method: a definite answer. The JWT path reported it
 * `jwt_key_unresolved` (completeness: "the key could not be had"), so `verify()` answered
 * `warning`, authentic "unknown", CLI exit 3 — where the same key reference in a Data Integrity
 * proof is `verification_method_unresolved` (authenticity: "no", invalid, exit 1).
 *
 * Expected: a `kid` whose document was had but holds no such (usable) method is
 * `jwt_key_invalid` (authenticity): the forged credential or presentation is `invalid`, exit 1.
 * A `kid` that cannot be resolved at all (an https document offline) stays `jwt_key_unresolved`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPresentation } from '../../src/present/index.js';
import { verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import { party } from '../pathway/helpers.js';
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
import { type Loose, NOW, verifyOffline } from './helpers.js';

let issuer: JoseParty;
let attacker: JoseParty;
let holder: JoseParty;

beforeAll(() => {
  issuer = joseParty();
  attacker = joseParty();
  holder = joseParty();
});

function payloadOf(jwt: string): Loose {
  return JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8'));
}

describe('a kid naming a method the issuer document does not have', () => {
  it('is jwt_key_invalid: the forgery is invalid (did:jwk and did:key issuers)', async () => {
    const didKeyIssuer = await party(79);
    const attackerDidKey = await party(80);
    const fragment = (attackerDidKey.key.id as string).split('#')[1];
    const cases: Array<[string, string, string]> = [
      [issuer.did, `${issuer.did}#1`, 'did:jwk, #1'],
      [issuer.did, `${issuer.did}#${attacker.did}`, 'did:jwk, another DID as fragment'],
      [didKeyIssuer.did, `${didKeyIssuer.did}#${fragment}`, "did:key, the attacker's fragment"],
    ];
    for (const [did, kid, label] of cases) {
      const payload = payloadOf(badgeJwt(issuer));
      payload.issuer.id = did;
      payload.iss = did;
      const jwt = compactJws(attacker, { alg: 'EdDSA', kid, typ: 'vc+jwt' }, payload);
      const r = await verifyCredentialJwt(jwt, { now: NOW });
      expect(
        r.issues.map((i) => i.code),
        label,
      ).toContain('jwt_key_invalid');
      const report = await verifyOffline(jwt);
      expect(report.verdict, label).toBe('invalid');
      expect(report.answers.authentic.value, label).toBe('no');
      expect(await cliExit(jwt)).toBe(1);
    }
  });

  it('for a presentation holder too', async () => {
    const vp = presentation([envelope(badgeJwt(issuer))], { holder: holder.did });
    const jwt = presentationJwt(
      attacker,
      vp,
      { iss: holder.did, nonce: 'n-5' },
      { alg: 'EdDSA', kid: `${holder.did}#1` },
    );
    const r = await verifyPresentation(jwt, { now: NOW, challenge: 'n-5' });
    expect(r.issues.map((i) => i.code)).toContain('jwt_key_invalid');
    const report = await verifyOffline(jwt, { challenge: 'n-5' });
    expect(report.verdict).toBe('invalid');
    expect(problems(report)).toContain('presentation:jwt_key_invalid');
  });

  it('the genuine kid verifies; an https kid offline stays unresolved', async () => {
    expect((await verifyOffline(badgeJwt(issuer))).verdict).toBe('valid');
    const payload = payloadOf(badgeJwt(issuer));
    const jwt = compactJws(
      attacker,
      { alg: 'EdDSA', kid: 'https://issuer.example/keys/1' },
      {
        ...payload,
        iss: 'https://issuer.example/',
        issuer: { ...payload.issuer, id: 'https://issuer.example/' },
      },
    );
    const r = await verifyCredentialJwt(jwt, { now: NOW });
    expect(r.issues.map((i) => i.code)).toContain('jwt_key_unresolved');
  });
});
