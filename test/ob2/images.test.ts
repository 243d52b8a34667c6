/**
 * Baked Open Badges 2.0 badges: PNG `iTXt` (JSON, JWS or hosted URL) and legacy `tEXt` (URL),
 * SVG `<openbadges:assertion>` (the JWS or URL in `verify`, the JSON copy in CDATA). Images are
 * written by the test helpers' own PNG writer or by the bake module, and read back with an
 * independent chunk reader / xmldom before ob3kit verifies them.
 */
import { CompactSign, exportSPKI, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { OB2_CARRIER } from '../../src/bake/carriers.js';
import { bakePng } from '../../src/bake/png.js';
import { bakeSvg } from '../../src/bake/svg.js';
import { resolveLimits } from '../../src/bake/types.js';
import { verify } from '../../src/verify/index.js';
import { itxtData, makePng, readChunks, readSvgWithXmldom, splitItxt } from '../bake/helpers.js';
import {
  codes,
  expectWellFormed,
  failCodes,
  fixture,
  type Loose,
  specDocuments,
} from './helpers.js';

const URL = 'https://example.org/beths-robotics-badge.json';
const IN_2017 = new Date('2017-01-15T00:00:00Z');
const OB2_NS = 'http://openbadges.org';
const limits = resolveLimits(undefined, 'test');
const PLAIN_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>';

const hosted = (): Loose => fixture('spec/assertion-hosted.json');
const documents = (): Record<string, Loose> => ({ ...specDocuments(), [URL]: hosted() });
const text = (s: string) => new TextEncoder().encode(s);

describe('baked PNG', () => {
  it('iTXt openbadges with the hosted URL', async () => {
    const png = makePng({ before: [{ type: 'iTXt', data: itxtData('openbadges', URL) }] });
    const report = await verify(png, { documents: documents(), now: IN_2017 });
    expectWellFormed(report);
    expect(report.format).toBe('png');
    expect(report.verdict).toBe('valid');
    expect(report.ob2?.url).toBe(URL);
  });

  it('legacy tEXt openbadges with the hosted URL', async () => {
    const png = makePng({ after: [{ type: 'tEXt', data: text(`openbadges\0${URL}`) }] });
    const report = await verify(png, { documents: documents(), now: IN_2017 });
    expect(report.verdict).toBe('valid');
  });

  it('iTXt with the assertion JSON (baked by the bake module, read back by an independent reader)', async () => {
    const png = bakePng(makePng({}), hosted(), limits, undefined, 'test', OB2_CARRIER);
    const chunk = readChunks(png).chunks.find((c) => c.type === 'iTXt');
    const itxt = splitItxt(chunk?.data as Uint8Array);
    expect(itxt.keyword).toBe('openbadges');
    expect(JSON.parse(new TextDecoder().decode(itxt.text))).toEqual(hosted());
    const report = await verify(png, { documents: documents(), now: IN_2017 });
    expect(report.verdict).toBe('valid');
    expect(report.format).toBe('png');
  });

  it('a baked JSON copy that differs from the hosted one: the hosted one is verified, with a warning', async () => {
    const held = hosted();
    held.recipient.identity = `sha256$${'1'.repeat(64)}`;
    const png = bakePng(makePng({}), held, limits, undefined, 'test', OB2_CARRIER);
    const report = await verify(png, { documents: documents(), now: IN_2017 });
    expect(report.verdict).toBe('warning');
    expect(codes(report, 'proof')).toEqual(['ob2_hosted', 'ob2_hosted_copy_differs']);
  });

  it('an image with both an Open Badges 2.0 and a 3.0 carrier is refused', async () => {
    const png = makePng({
      before: [
        { type: 'iTXt', data: itxtData('openbadges', URL) },
        { type: 'iTXt', data: itxtData('openbadgecredential', '{"a":1}') },
      ],
    });
    expect(failCodes(await verify(png))).toEqual(['image_ambiguous']);
  });

  it('a baked text that is none of the forms', async () => {
    const png = makePng({ before: [{ type: 'iTXt', data: itxtData('openbadges', 'hello') }] });
    expect(failCodes(await verify(png))).toEqual(['image_payload_invalid']);
    const notAssertion = makePng({
      before: [{ type: 'iTXt', data: itxtData('openbadges', '{"a":1}') }],
    });
    expect(failCodes(await verify(notAssertion))).toEqual(['image_payload_invalid']);
  });
});

describe('baked SVG', () => {
  let jws: string;
  let pem: string;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    pem = await exportSPKI(publicKey);
    jws = await new CompactSign(text(JSON.stringify(fixture('spec/signed-example-claims.json'))))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
  }, 60_000);

  it('hosted: the URL in verify and the JSON copy as CDATA', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB2_NS}" viewBox="0 0 10 10">
  <openbadges:assertion verify="${URL}"><![CDATA[${JSON.stringify(hosted(), null, 2)}]]></openbadges:assertion>
  <circle r="4"/>
</svg>`;
    const [element] = readSvgWithXmldom(svg, OB2_NS, 'assertion');
    expect(element?.verify).toBe(URL);
    expect(JSON.parse(element?.text ?? '')).toEqual(hosted());
    const report = await verify(svg, { documents: documents(), now: IN_2017 });
    expectWellFormed(report);
    expect(report.format).toBe('svg');
    expect(report.verdict).toBe('valid');
    // The same, as bytes.
    expect((await verify(text(svg), { documents: documents(), now: IN_2017 })).verdict).toBe(
      'valid',
    );
  });

  it('signed: the JWS in verify (baked by the bake module)', async () => {
    const svg = bakeSvg(PLAIN_SVG, jws, limits, {}, 'test', OB2_CARRIER);
    expect(readSvgWithXmldom(svg, OB2_NS, 'assertion')).toEqual([{ verify: jws, text: '' }]);
    const key = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'CryptographicKey',
      id: 'https://example.org/publicKey.json',
      owner: 'https://example.org/organization.json',
      publicKeyPem: pem,
    };
    const docs = {
      ...specDocuments(),
      [key.id]: key,
      'https://example.org/revocationList.json': fixture('spec/revocation-list.json'),
    };
    const report = await verify(svg, { documents: docs, now: IN_2017 });
    expect(report.format).toBe('svg');
    expect(report.verdict).toBe('valid');
    expect(codes(report, 'proof')).toEqual(['ob2_signed']);
  });

  it('a JSON body whose verify URL is elsewhere: the URL is what is fetched and checked', async () => {
    const other = 'https://example.org/other.json';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB2_NS}"><openbadges:assertion verify="${other}"><![CDATA[${JSON.stringify(hosted())}]]></openbadges:assertion></svg>`;
    const report = await verify(svg, {
      documents: { ...documents(), [other]: hosted() },
      now: IN_2017,
    });
    expect(failCodes(report)).toEqual(['ob2_hosted_id_mismatch']);
  });
});
