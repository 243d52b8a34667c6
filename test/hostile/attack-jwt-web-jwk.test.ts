/**
 * Attack: a VC-JWT whose `kid` is an https URL serving a bare JWK (or a JWK Set) is bound to the
 * issuer by web origin alone (`bindWebJwk` in `src/proof/jwt/key.ts`: "the issuer id must be an
 * https URL on the same origin"). On a host that serves many issuers — a badge platform with
 * issuer ids `https://platform.example/issuers/<id>` where each tenant publishes its keys, a
 * university with per-department or per-user paths — any tenant can publish a JWK Set under its
 * own path and sign credentials naming any other tenant as `iss` / `issuer`. `verify()` reports
 * them `valid`, with `issuer` passed.
 *
 * Signing is stricter than verifying: `signCredential` accepts an https key only when its
 * `controller` is the issuer or its id starts with the issuer URL and `#` (docs/issuing.md
 * section 3); nothing of the kind holds for the JWK below, yet it verifies.
 *
 * Expected: a JWK that names no controller binds no further than its URL says: to an issuer
 * whose id is the JWK's URL (without fragment) or a path prefix of it ending at a `/`, at least
 * never to a sibling path; otherwise `issuer_key_mismatch`. (Same-origin binding, if kept for
 * compatibility, should be an explicit option.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import { type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

const VICTIM = 'https://platform.example/issuers/victim';
const ATTACKER_JWKS = 'https://platform.example/issuers/attacker/jwks.json';

let attackerKey: KeyPair;

beforeAll(async () => {
  attackerKey = await generateKeyPair({ type: 'P-256', id: `${ATTACKER_JWKS}#k1` });
});

async function forged(issuer: string): Promise<string> {
  const c: Loose = richCredential(issuer);
  return signCredentialJwt(c, { key: attackerKey, now: NOW, checkIssuer: false });
}

/** The attacker's JWK Set, published under the attacker's own path on the shared origin. */
function documents(): Record<string, unknown> {
  return { [ATTACKER_JWKS]: { keys: [{ ...attackerKey.publicKeyJwk, kid: 'k1', use: 'sig' }] } };
}

describe('a web JWK on a shared origin', () => {
  it('does not sign for another issuer on the same origin', async () => {
    const jwt = await forged(VICTIM);
    const report = await verifyOffline(jwt, { documents: documents() });
    // Today: valid; proof and issuer pass.
    expect(report.verdict).toBe('invalid');
    expect(report.checks.map((c) => c.code)).toContain('issuer_key_mismatch');
  });

  it('a parent path, the origin and a deeper key document are refused too', async () => {
    const documents = () => ({
      [ATTACKER_JWKS]: { keys: [{ ...attackerKey.publicKeyJwk, kid: 'k1', use: 'sig' }] },
    });
    for (const issuer of ['https://platform.example/issuers', 'https://platform.example/']) {
      const report = await verifyOffline(await forged(issuer), { documents: documents() });
      expect(report.verdict, issuer).toBe('invalid');
      expect(report.checks.map((c) => c.code)).toContain('issuer_key_mismatch');
    }
  });

  it('origin-level binding is an explicit opt-in (webJwkBinding: origin)', async () => {
    const report = await verifyOffline(await forged(VICTIM), {
      documents: documents(),
      webJwkBinding: 'origin',
    });
    expect(report.verdict).toBe('valid');
  });

  it('control: the JWK signs for the issuer whose path serves it', async () => {
    const jwt = await forged('https://platform.example/issuers/attacker');
    const report = await verifyOffline(jwt, { documents: documents() });
    expect(report.verdict).toBe('valid');
  });

  it('control: another origin is refused (issuer_key_mismatch)', async () => {
    const jwt = await forged('https://other.example/issuers/victim');
    const report = await verifyOffline(jwt, { documents: documents() });
    expect(report.verdict).toBe('invalid');
    expect(report.checks.map((c) => c.code)).toContain('issuer_key_mismatch');
  });
});
