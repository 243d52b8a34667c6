/**
 * Attack (type confusion, image path → presentation path): a baked image must carry exactly one
 * Open Badges 3.0 credential ("one credential an image"; OB 3.0 Baked Badge: the `iTXt` chunk or
 * the SVG element holds the OpenBadgeCredential). `unbakeBadge` / `verify()` take any JSON object
 * in the carrier, and `decodeImage` → `decodeText` → `fromObject` (`src/verify/verify.ts`,
 * `src/verify/input.ts`) routes a `VerifiablePresentation` to the presentation pipeline. So an
 * image can carry an unsigned presentation holding several credentials (here: two different
 * badges, each verified on its own): `verify()`
 * reports `warning` (only `presentation_proof_missing`), `report.credential` is the
 * presentation, not a badge, and the image holds two credentials in one carrier — exactly the
 * ambiguity the carrier rules refuse elsewhere (`image_ambiguous`). `bakeBadge` bakes it without
 * complaint.
 *
 * Expected: an image whose carrier holds a presentation (or anything but one credential) is
 * refused: `bakeBadge` throws `ERR_BAKE_PAYLOAD`, `verify()` reports `image_payload_invalid`
 * (invalid).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { createPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { itxtData, makePng } from '../bake/helpers.js';
import { type Loose, richCredential, verifyOffline } from './helpers.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>';

let vp: Loose;

beforeAll(async () => {
  const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
  const sign = (c: Loose) =>
    signCredential(c, { key: keyPair as KeyPair, created: '2024-01-01T00:00:00Z' });
  const one = richCredential(did);
  const two = richCredential(did);
  two.id = 'urn:uuid:5b7d0f1e-3c5a-4a4e-9a0b-00000000beef';
  two.name = 'A second, different badge';
  vp = createPresentation({ credentials: [await sign(one), await sign(two)] });
});

describe('an image whose carrier holds a presentation of two badges', () => {
  it('bakeBadge refuses to bake it', () => {
    expect(() => bakeBadge(SVG, vp)).toThrow(expect.objectContaining({ code: 'ERR_BAKE_PAYLOAD' }));
  });

  it('verify() refuses it (baked by hand: JSON or a VP-JWT, SVG or PNG)', async () => {
    // The carrier's text written by hand, as another tool could.
    const svgWith = (text: string) =>
      `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" xmlns="http://www.w3.org/2000/svg" width="1" height="1"><openbadges:credential><![CDATA[${text}]]></openbadges:credential></svg>`;
    const b64u = (s: string) => Buffer.from(s).toString('base64url');
    const vpJwt = `${b64u('{"alg":"EdDSA","typ":"vp+jwt"}')}.${b64u(JSON.stringify(vp))}.${b64u('sig')}`;
    const vpClaimJwt = `${b64u('{"alg":"EdDSA"}')}.${b64u(JSON.stringify({ vp }))}.${b64u('sig')}`;
    const png = (text: string) =>
      makePng({ before: [{ type: 'iTXt', data: itxtData('openbadgecredential', text) }] });
    for (const image of [
      svgWith(JSON.stringify(vp)),
      svgWith(vpJwt),
      svgWith(vpClaimJwt),
      png(JSON.stringify(vp)),
    ]) {
      const report = await verifyOffline(image);
      expect(report.verdict).toBe('invalid');
      expect(report.checks.map((c) => c.code)).toContain('image_payload_invalid');
      expect(() => unbakeBadge(image)).toThrow(
        expect.objectContaining({ code: 'ERR_BAKE_PAYLOAD' }),
      );
    }
  });

  it('bakeBadge refuses a presentation as JSON text and as a VP-JWT too', () => {
    const b64u = (s: string) => Buffer.from(s).toString('base64url');
    const vpJwt = `${b64u('{"alg":"EdDSA"}')}.${b64u(JSON.stringify({ vp }))}.${b64u('sig')}`;
    for (const payload of [JSON.stringify(vp), vpJwt]) {
      expect(() => bakeBadge(SVG, payload)).toThrow(
        expect.objectContaining({ code: 'ERR_BAKE_PAYLOAD' }),
      );
    }
  });

  it('control: one credential of the presentation bakes and verifies', async () => {
    const report = await verifyOffline(bakeBadge(SVG, vp.verifiableCredential[0]));
    expect(report.verdict).toBe('valid');
  });
});
