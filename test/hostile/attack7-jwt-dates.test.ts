/**
 * Attack (crash): a JWT `exp` or `nbf` claim that is a JSON number but no date a `Date` holds
 * (`1e20`, `-1e20`, `1e300`: `new Date(1e20 * 1000)` is an invalid date). The claims were taken
 * as NumericDates once finite: `verifyCredentialJwt` (documented "never throws for a bad JWT")
 * threw `RangeError: Invalid time value` while filling in or comparing a validity date
 * (`numericDateToDateTime`) or writing the clock check's message, `verifyPresentation` threw the
 * same for a VP-JWT, and `verify()` answered `internal_error` for the `proof` and `validity`
 * checks. A VP-JWT's `exp` or `nbf` that was not a number at all (`"2020"`) was silently not
 * checked.
 *
 * Expected (RFC 7519 section 2, NumericDate; the clear-error rule): such a claim is
 * `jwt_claim_invalid` (a credential's, a presentation's alike), never compared and never a
 * crash; a NumericDate of the years 0000 to 9999 is taken as before (9999-12-31T23:59:59Z, as
 * node's `Date` writes it, verifies).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPresentation } from '../../src/present/index.js';
import { verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import {
  badgeJwt,
  cliExit,
  envelope,
  type JoseParty,
  joseParty,
  presentation,
  presentationJwt,
  problems,
} from './attack7-jose.js';
import { fuzzRuns, NOW, verifyOffline } from './helpers.js';

let issuer: JoseParty;
let holder: JoseParty;

beforeAll(() => {
  issuer = joseParty();
  holder = joseParty();
});

/** Numbers that are finite yet name no instant of the years 0000 to 9999. */
const outOfRange = fc.oneof(
  fc.constantFrom(1e20, -1e20, 1e300, -1e300, 8.64e12 + 1, -8.64e12 - 1, 253402300800),
  fc.double({ min: 253402300800, max: 1e300, noNaN: true }),
  fc.double({ min: -1e300, max: -62167219201, noNaN: true }),
);

/** Out-of-range values are out of range for node's Date too, or past year 9999 (oracle). */
function namesNoFourDigitYear(v: number): boolean {
  const d = new Date(v * 1000);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999 || d.getUTCFullYear() < 0;
}

describe('a VC-JWT whose exp or nbf is no NumericDate', () => {
  it('is jwt_claim_invalid, never a throw (verifyCredentialJwt) nor an internal error (verify)', async () => {
    await fc.assert(
      fc.asyncProperty(
        outOfRange,
        fc.constantFrom('exp', 'nbf'),
        fc.boolean(),
        async (value, claim, keepDate) => {
          expect(namesNoFourDigitYear(value)).toBe(true);
          // With the credential's own date (compared) or without it (filled in from the claim).
          const field = claim === 'exp' ? 'validUntil' : 'validFrom';
          const jwt = badgeJwt(issuer, {
            [claim]: value,
            ...(keepDate ? {} : { [field]: undefined }),
          });
          const r = await verifyCredentialJwt(jwt, { now: NOW });
          expect(r.verified).toBe(false);
          expect(r.issues.map((i) => i.code)).toContain('jwt_claim_invalid');
          const report = await verifyOffline(jwt);
          expect(report.verdict).toBe('invalid');
          expect(problems(report).join(' ')).not.toContain('internal_error');
        },
      ),
      { numRuns: fuzzRuns(12) },
    );
  });

  it('a claim at the last second of year 9999 is a date: the badge verifies', async () => {
    const jwt = badgeJwt(issuer, { exp: 253402300799, validUntil: '9999-12-31T23:59:59Z' });
    const r = await verifyCredentialJwt(jwt, { now: NOW });
    expect(r.issues).toEqual([]);
    expect((await verifyOffline(jwt)).verdict).toBe('valid');
  });

  it('the command line does not accept one (exit 1)', async () => {
    expect(await cliExit(badgeJwt(issuer, { exp: 1e20 }))).toBe(1);
    expect(await cliExit(badgeJwt(issuer))).toBe(0);
  });
});

describe('a VP-JWT whose exp or nbf is no NumericDate', () => {
  const vpJwt = (claims: Record<string, unknown>) =>
    presentationJwt(holder, presentation([envelope(badgeJwt(issuer))], { holder: holder.did }), {
      iss: holder.did,
      nonce: 'n-1',
      ...claims,
    });

  it('is jwt_claim_invalid, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(outOfRange, fc.constantFrom('2020-01-01', '1', null, true, [1])),
        fc.constantFrom('exp', 'nbf'),
        async (value, claim) => {
          const jwt = vpJwt({ [claim]: value });
          const r = await verifyPresentation(jwt, { now: NOW, challenge: 'n-1' });
          expect(r.verified).toBe(false);
          expect(r.issues.map((i) => i.code)).toContain('jwt_claim_invalid');
          const report = await verifyOffline(jwt, { challenge: 'n-1' });
          expect(report.verdict).toBe('invalid');
          expect(problems(report)).toContain('presentation:jwt_claim_invalid');
        },
      ),
      { numRuns: fuzzRuns(12) },
    );
  });

  it('a genuine one verifies and is accepted', async () => {
    const jwt = vpJwt({ exp: Math.floor(NOW.getTime() / 1000) + 600 });
    expect((await verifyPresentation(jwt, { now: NOW, challenge: 'n-1' })).verified).toBe(true);
    expect(await cliExit(jwt, ['--challenge', 'n-1'])).toBe(0);
    expect(await cliExit(vpJwt({ exp: -1e20 }), ['--challenge', 'n-1'])).toBe(1);
  });
});
