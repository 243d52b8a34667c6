/**
 * Attack: an Open Badges 2.0 assertion embedding a BadgeClass under another issuer's id, with that
 * id written in a spelling a URL parser reads as the other issuer's URL.
 *
 * An embedded BadgeClass whose id is a web URL outside the issuer's own hosts must be the one
 * published there (`ob2_badge_id_mismatch`), or, unread, leaves authenticity open. The rule
 * recognised a web URL by `https://` as written: `https:/victim.example/x`, `https:victim.example/x`
 * and `https:\\victim.example/x` skipped it, and a signed assertion carrying the victim's
 * BadgeClass id in such a spelling verified `valid`, authentic "yes". The WHATWG URL parser (Node's
 * `URL`, every browser, `fetch`) reads each as `https://victim.example/x` (asserted below with
 * Node's own parser as the oracle). Now the scheme as a URL parser reads it decides.
 */
import fc from 'fast-check';
import { CompactSign, exportSPKI, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/index.js';
import { fixture, specDocuments } from '../ob2/helpers.js';
import { fuzzRuns, type Loose } from './helpers.js';

const OB2 = 'https://w3id.org/openbadges/v2';
const ISSUER_URL = 'https://example.org/organization.json';
const KEY_URL = 'https://example.org/publicKey.json';
const LIST_URL = 'https://example.org/revocationList.json';
const IN_2017 = new Date('2017-01-15T00:00:00Z');
const FOREIGN = 'https://victim.example/badges/cs.json';

let privateKey: Loose;
let pem: string;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  privateKey = pair.privateKey;
  pem = await exportSPKI(pair.publicKey);
}, 60_000);

/** A signed assertion of the spec example's issuer embedding a BadgeClass with id `badgeId`. */
async function signedWithBadge(badgeId: string): Promise<string> {
  const claims = fixture('spec/signed-example-claims.json');
  claims.id = 'urn:uuid:00000000-0000-4000-8000-000000000000';
  claims.badge = { ...fixture('spec/badgeclass.json'), id: badgeId, name: 'Victim degree' };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'RS256' })
    .sign(privateKey);
}

function documents(more: Record<string, Loose> = {}): Record<string, Loose> {
  const key = {
    '@context': OB2,
    type: 'CryptographicKey',
    id: KEY_URL,
    owner: ISSUER_URL,
    publicKeyPem: pem,
  };
  return {
    ...specDocuments(),
    [KEY_URL]: key,
    [LIST_URL]: fixture('spec/revocation-list.json'),
    ...more,
  };
}

/** The victim's published BadgeClass, as its own issuer publishes it. */
const victimBadgeClass = () => ({
  ...fixture('spec/badgeclass.json'),
  id: FOREIGN,
  issuer: 'https://victim.example/issuer.json',
});

/** Spellings of FOREIGN that differ as strings but that a URL parser reads as FOREIGN. */
const SPELLINGS = [
  'https:/victim.example/badges/cs.json',
  'https:victim.example/badges/cs.json',
  'https:\\\\victim.example/badges/cs.json',
  'https:\\victim.example\\badges\\cs.json',
  'HTTPS:/victim.example/badges/cs.json',
  'https:///victim.example/badges/cs.json',
];

describe("an embedded BadgeClass under another issuer's id in a URL re-spelling", () => {
  it('each spelling names the victim URL (Node URL parser as the oracle)', () => {
    for (const s of SPELLINGS) {
      expect(s).not.toBe(FOREIGN);
      expect(new URL(s).href).toBe(FOREIGN);
    }
  });

  for (const spelling of SPELLINGS) {
    it(`${JSON.stringify(spelling)}: not authentic "yes" and not valid when unread`, async () => {
      const report = await verify(await signedWithBadge(spelling), {
        documents: documents(),
        now: IN_2017,
      });
      expect(report.answers.authentic.value).not.toBe('yes');
      expect(report.verdict).not.toBe('valid');
    });
  }

  it("refused when what is published there is the victim's BadgeClass", async () => {
    for (const spelling of SPELLINGS.slice(0, 3)) {
      const report = await verify(await signedWithBadge(spelling), {
        documents: documents({ [spelling]: victimBadgeClass() }),
        now: IN_2017,
      });
      expect(report.answers.authentic.value).toBe('no');
      expect(report.checks.find((c) => c.code === 'ob2_badge_id_mismatch')?.outcome).toBe('fail');
    }
  });

  it('property: any web URL spelling of a foreign host is never valid without the published BadgeClass', async () => {
    const slashes = fc.constantFrom('', '/', '\\', '//', '\\\\', '/\\', '///');
    const scheme = fc.constantFrom('https:', 'HTTPS:', 'http:', 'Https:');
    const host = fc.constantFrom('victim.example', 'VICTIM.example', 'victim.example:8443');
    await fc.assert(
      fc.asyncProperty(scheme, slashes, host, async (sch, sl, h) => {
        const id = `${sch}${sl}${h}/badges/cs.json`;
        // Only spellings a URL parser reads as a web URL on the foreign host are in the class.
        fc.pre(new URL(id).hostname === 'victim.example');
        const report = await verify(await signedWithBadge(id), {
          documents: documents(),
          now: IN_2017,
        });
        expect(report.verdict).not.toBe('valid');
        expect(report.answers.authentic.value).not.toBe('yes');
      }),
      { numRuns: fuzzRuns(10) },
    );
  });

  it("control: the issuer's own host in such a spelling is still taken as the issuer's", async () => {
    const report = await verify(await signedWithBadge('https:/example.org/badges/9'), {
      documents: documents(),
      now: IN_2017,
    });
    expect(new URL('https:/example.org/badges/9').host).toBe(new URL(ISSUER_URL).host);
    expect(report.verdict).toBe('valid');
  });
});
