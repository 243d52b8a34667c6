/**
 * The three kinds of baked credential: Open Badges 2.0 read as baked (url / JSON / JWS and where),
 * CLR 2.0 detected and bakeable through the keyword and namespace parameters, and the refusals
 * that keep an image to one credential. Images are written by the independent helpers (node:zlib
 * CRCs) and read back by independent readers (node:zlib chunk reader, @xmldom/xmldom).
 */
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLR_CARRIER, OB2_CARRIER } from '../../src/bake/carriers.js';
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { readBakedOb2 } from '../../src/bake/ob2.js';
import { bakePng } from '../../src/bake/png.js';
import { bakeSvg } from '../../src/bake/svg.js';
import { resolveLimits } from '../../src/bake/types.js';
import { BakeError } from '../../src/errors.js';
import type { CarrierLocation } from '../../src/ob2/index.js';
import { verify } from '../../src/verify/index.js';
import { thrownSync } from '../helpers.js';
import {
  fixtureBytes,
  fixtureText,
  itxtData,
  makePng,
  readChunks,
  readSvgWithXmldom,
  splitItxt,
} from './helpers.js';

const JWT = fixtureText('expected-jwt.txt');
const JSON_TEXT = fixtureText('expected-credential.json');
const OB2 = 'http://openbadges.org';
const CLR = 'https://purl.imsglobal.org/clr/v2p0';
const OB3 = 'https://purl.imsglobal.org/ob/v3p0';
const ASSERTION = '{"id":"https://example.org/assertions/7","type":"Assertion"}';
const limits = resolveLimits(undefined, 'test');

/** The {@link BakeError} `fn` throws. */
const thrown = (fn: () => unknown) => thrownSync(fn, BakeError);

const text = (s: string) => new TextEncoder().encode(s);

describe('readBakedOb2: an Open Badges 2.0 assertion as baked', () => {
  it('reads the PNG forms: iTXt URL, JSON and JWS, and the legacy tEXt URL', () => {
    expect(readBakedOb2(fixtureBytes('baked-ob2.png'))).toMatchObject({
      format: 'png',
      url: 'https://example.org/assertions/1',
      where: "the PNG iTXt chunk 'openbadges'",
      location: { format: 'png', chunkType: 'iTXt', keyword: 'openbadges' },
    });
    const legacy = readBakedOb2(fixtureBytes('baked-ob2-text.png'));
    expect(legacy).toMatchObject({ url: 'https://example.org/assertions/2' });
    expect(legacy?.location).toMatchObject({ chunkType: 'tEXt' });
    // The offset is the chunk's own: an independent reader finds the chunk there.
    const chunks = readChunks(fixtureBytes('baked-ob2-text.png')).chunks;
    let at = 8;
    for (const c of chunks) {
      if (c.type === 'tEXt' && Buffer.from(c.data).toString('latin1').startsWith('openbadges\0'))
        break;
      at += c.raw.length;
    }
    expect(legacy?.location.offset).toBe(at);
    // The location's type is public (ob3kit/ob2), as BakedOb2Assertion's is.
    const location: CarrierLocation | undefined = legacy?.location;
    expect(location?.format).toBe('png');
    const json = makePng({ before: [{ type: 'iTXt', data: itxtData('openbadges', ASSERTION) }] });
    expect(readBakedOb2(json)).toMatchObject({ json: ASSERTION });
    expect(readBakedOb2(json)?.url).toBeUndefined();
    const jws = makePng({ after: [{ type: 'iTXt', data: itxtData('openbadges', ` ${JWT}\n`) }] });
    expect(readBakedOb2(jws)).toMatchObject({ jws: JWT });
  });

  it('reads the SVG forms: verify URL, hosted URL with its JSON body, signed JWS', () => {
    expect(readBakedOb2(fixtureText('baked-ob2.svg'))).toMatchObject({
      format: 'svg',
      url: 'https://example.org/assertions/1',
      location: { format: 'svg', element: 'openbadges:assertion', namespace: OB2 },
    });
    const hosted = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB2}"><openbadges:assertion verify="https://example.org/assertions/7">
      <![CDATA[${ASSERTION}]]>
    </openbadges:assertion></svg>`;
    expect(readBakedOb2(hosted)).toMatchObject({
      url: 'https://example.org/assertions/7',
      json: ASSERTION,
    });
    expect(readSvgWithXmldom(hosted, OB2, 'assertion')[0]?.text.trim()).toBe(ASSERTION);
    const signed = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="${OB2}"><ob:assertion verify="${JWT}"/></svg>`;
    expect(readBakedOb2(signed)).toMatchObject({ jws: JWT });
    expect(unbakeBadge(hosted)).toMatchObject({ version: 'ob2', kind: 'url' });
  });

  it('refuses a JWS beside a body, text that is none of the forms, and nothing baked', () => {
    const both = `<svg xmlns:openbadges="${OB2}"><openbadges:assertion verify="${JWT}"><![CDATA[${ASSERTION}]]></openbadges:assertion></svg>`;
    expect(thrown(() => readBakedOb2(both)).code).toBe('ERR_BAKE_AMBIGUOUS');
    const garbage = makePng({ before: [{ type: 'iTXt', data: itxtData('openbadges', 'hello') }] });
    expect(thrown(() => readBakedOb2(garbage)).code).toBe('ERR_BAKE_PAYLOAD');
    expect(thrown(() => readBakedOb2(fixtureBytes('plain.png'))).code).toBe(
      'ERR_BAKE_NO_CREDENTIAL',
    );
    expect(thrown(() => readBakedOb2(fixtureText('plain.svg'))).code).toBe(
      'ERR_BAKE_NO_CREDENTIAL',
    );
  });

  it('says undefined for an image whose credential is Open Badges 3.0 or CLR', () => {
    expect(readBakedOb2(fixtureBytes('baked-json.png'))).toBeUndefined();
    const clr = makePng({ before: [{ type: 'iTXt', data: itxtData('clrcredential', JWT) }] });
    expect(readBakedOb2(clr)).toBeUndefined();
  });

  it('applies the limits to the 2.0 carrier: compressed, tEXt and SVG text', () => {
    const bomb = new Uint8Array(
      Buffer.concat([
        Buffer.from('openbadges\0\x01\0\0\0', 'latin1'),
        deflateSync(Buffer.alloc(8 << 20, 0x20)),
      ]),
    );
    const png = makePng({ before: [{ type: 'iTXt', data: bomb }] });
    expect(thrown(() => readBakedOb2(png)).code).toBe('ERR_BAKE_TOO_LARGE');
    const long = makePng({
      before: [{ type: 'tEXt', data: text(`openbadges\0https://e.org/${'a'.repeat(300)}`) }],
    });
    expect(readBakedOb2(long)?.url).toMatch(/^https:\/\/e\.org\/a+$/);
    expect(thrown(() => readBakedOb2(long, { maxCredentialBytes: 100 })).code).toBe(
      'ERR_BAKE_TOO_LARGE',
    );
    const svg = `<svg xmlns:openbadges="${OB2}"><openbadges:assertion verify="https://e.org/${'a'.repeat(300)}"/></svg>`;
    expect(thrown(() => readBakedOb2(svg, { maxCredentialBytes: 100 })).code).toBe(
      'ERR_BAKE_TOO_LARGE',
    );
  });

  it('refuses a tEXt text with bytes above 0x7F (Latin-1 and UTF-8 readers disagree)', () => {
    const data = new Uint8Array(
      Buffer.concat([Buffer.from('openbadges\0https://e.org/'), Buffer.from([0xc3, 0xa9])]),
    );
    const png = makePng({ before: [{ type: 'tEXt', data }] });
    expect(thrown(() => readBakedOb2(png)).code).toBe('ERR_BAKE_AMBIGUOUS');
  });
});

describe('CLR 2.0 images', () => {
  it('are read in PNG and SVG by unbakeBadge, and verify reads what they hold', async () => {
    const png = makePng({ before: [{ type: 'iTXt', data: itxtData('clrcredential', JWT) }] });
    expect(unbakeBadge(png)).toEqual({
      format: 'png',
      version: 'clr',
      kind: 'jwt',
      text: JWT,
      jwt: JWT,
    });
    const cdata = JSON_TEXT.split(']]>').join(']]]]><![CDATA[>');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><credential xmlns="${CLR}"><![CDATA[${cdata}]]></credential></svg>`;
    expect(readSvgWithXmldom(svg, CLR)).toHaveLength(1);
    expect(unbakeBadge(svg)).toMatchObject({ format: 'svg', version: 'clr', kind: 'json' });
    expect(unbakeBadge(svg).credential).toEqual(JSON.parse(JSON_TEXT));
    const now = new Date('2025-01-01T00:00:00Z');
    // The JWT's payload holds no credential: the parse check says so (not that it is a CLR).
    const fromPng = await verify(png, { now });
    expect(fromPng.checks.find((c) => c.id === 'parse')?.code).toBe('jwt_no_credential');
    // An Open Badge under the CLR carrier is verified, with a warning about the carrier.
    const fromSvg = await verify(svg, { now });
    expect(fromSvg.credential).toEqual(JSON.parse(JSON_TEXT));
    const parse = fromSvg.checks.filter((c) => c.id === 'parse');
    expect(parse.map((c) => c.code)).toContain('image_carrier_mismatch');
    expect(parse.some((c) => c.outcome === 'fail')).toBe(false);
    expect(fromSvg.checks.some((c) => c.id === 'proof')).toBe(true);
  });

  it('bake with the CLR keyword and namespace (parameters of the baking code)', () => {
    const png = bakePng(fixtureBytes('plain.png'), JWT, limits, undefined, 'test', CLR_CARRIER);
    const chunks = readChunks(png).chunks;
    const itxt = chunks.filter((c) => c.type === 'iTXt').map((c) => splitItxt(c.data));
    expect(itxt).toHaveLength(1);
    expect(itxt[0]).toMatchObject({ keyword: 'clrcredential', flag: 0 });
    expect(Buffer.from(itxt[0]?.text as Uint8Array).toString()).toBe(JWT);
    expect(unbakeBadge(png)).toMatchObject({ version: 'clr', text: JWT });

    const svg = bakeSvg(fixtureText('plain.svg'), JSON_TEXT, limits, {}, 'test', CLR_CARRIER);
    expect(svg).toContain(`xmlns:clr="${CLR}"`);
    expect(readSvgWithXmldom(svg, CLR)[0]?.text).toBe(JSON_TEXT);
    expect(readSvgWithXmldom(svg, OB3)).toHaveLength(0);
    expect(unbakeBadge(svg)).toMatchObject({ version: 'clr', text: JSON_TEXT });
    // Baked again with the same kind: replaced where it stands.
    expect(unbakeBadge(bakeSvg(svg, JWT, limits, {}, 'test', CLR_CARRIER))).toMatchObject({
      version: 'clr',
      text: JWT,
    });
    expect(unbakeBadge(bakePng(png, JSON_TEXT, limits, undefined, 'test', CLR_CARRIER)).text).toBe(
      JSON_TEXT,
    );
    // An Open Badges 3.0 credential never goes next to a CLR, nor a CLR next to an OB 2.0 one.
    expect(thrown(() => bakeBadge(png, JWT)).code).toBe('ERR_BAKE_AMBIGUOUS');
    expect(thrown(() => bakeBadge(svg, JWT)).code).toBe('ERR_BAKE_AMBIGUOUS');
    expect(
      thrown(() =>
        bakePng(fixtureBytes('baked-ob2.png'), JWT, limits, undefined, 'test', CLR_CARRIER),
      ).message,
    ).toMatch(/already holds the iTXt chunk "openbadges" .*baking a CLR 2\.0 credential/);
  });

  it('bake an Open Badges 2.0 assertion with its keyword and namespace', () => {
    const svg = bakeSvg(fixtureText('plain.svg'), JWT, limits, {}, 'test', OB2_CARRIER);
    expect(readSvgWithXmldom(svg, OB2, 'assertion')).toEqual([{ verify: JWT, text: '' }]);
    expect(readBakedOb2(svg)).toMatchObject({ jws: JWT });
    const png = bakePng(fixtureBytes('plain.png'), JWT, limits, undefined, 'test', OB2_CARRIER);
    expect(readBakedOb2(png)).toMatchObject({ jws: JWT, location: { chunkType: 'iTXt' } });
  });
});

describe('one credential an image', () => {
  it('names both carriers in the message', () => {
    const png = makePng({
      before: [{ type: 'iTXt', data: itxtData('openbadgecredential', JWT) }],
      after: [{ type: 'iTXt', data: itxtData('openbadges', 'https://example.org/a/1') }],
    });
    const e = thrown(() => unbakeBadge(png));
    expect(e.code).toBe('ERR_BAKE_AMBIGUOUS');
    expect(e.message).toMatch(
      /iTXt chunk "openbadgecredential" at byte 33 .*iTXt chunk "openbadges" at byte \d+/,
    );
    expect(e.details).toMatchObject({ count: 2 });
    const svg = `<svg xmlns:openbadges="${OB3}"><openbadges:credential verify="${JWT}"/><x:credential xmlns:x="${OB3}" verify="${JWT}"/></svg>`;
    const col = (s: string) => `line 1, column ${svg.indexOf(s) + 1}`;
    const message = thrown(() => unbakeBadge(svg)).message;
    expect(message).toContain(
      `<openbadges:credential> (namespace ${OB3}) at ${col('<openbadges:')}`,
    );
    expect(message).toContain(`<x:credential> (namespace ${OB3}) at ${col('<x:')}`);
  });

  it('an image with exactly one carrier of each kind still reads, and plain text chunks are no carriers', () => {
    const png = makePng({
      before: [
        { type: 'tEXt', data: text('Comment\0made with openbadges-bakery: openbadgecredential') },
        { type: 'iTXt', data: itxtData('openbadgecredential', JWT) },
        { type: 'zTXt', data: text('Software\0\0x') },
      ],
    });
    expect(unbakeBadge(png)).toMatchObject({ version: 'ob3', jwt: JWT });
  });
});
