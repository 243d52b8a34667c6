import { describe, expect, it } from 'vitest';
import { bakeBadge, sniffFormat, unbakeBadge } from '../../src/bake/index.js';
import { BakeError } from '../../src/errors.js';
import { codeOfSync } from '../helpers.js';
import { fixtureBytes, fixtureText, readSvgWithXmldom } from './helpers.js';

/** The code of the BakeError `fn` throws. */
const code = (fn: () => unknown) => codeOfSync(fn, BakeError);

const EXPECTED_JSON = fixtureText('expected-credential.json');
const EXPECTED_JWT = fixtureText('expected-jwt.txt');
const OB3 = 'https://purl.imsglobal.org/ob/v3p0';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Badge ]]> with <markup> & "quotes" ✓',
};

describe('unbakeBadge on SVG made by others', () => {
  it("reads 1EdTech's JSON example (DOCTYPE without internal subset, CRLF, indented CDATA)", () => {
    const svg = fixtureText('1edtech-simple-json.svg');
    const found = unbakeBadge(svg);
    expect(found).toMatchObject({ format: 'svg', version: 'ob3', kind: 'json' });
    // The values printed in 1EdTech's file.
    expect(found.credential?.id).toBe('http://example.edu/credentials/3732');
    const proof = found.credential?.proof as Array<{ proofValue: string }> | undefined;
    expect(proof?.[0]?.proofValue).toBe(
      'z58ieJCh4kN6eE2Vq4TyYURKSC4hWWEK7b75NNUL2taZMhKqwTteuByG1wRoGDdCqqNLW5Gq1diUi4qyZ63tQRtyN',
    );
    // Same answer as a namespace-aware XML parser gives.
    const [xmldom] = readSvgWithXmldom(svg);
    expect(found.credential).toEqual(JSON.parse(xmldom?.text as string));
    // Bytes in, same result.
    expect(unbakeBadge(fixtureBytes('1edtech-simple-json.svg'))).toEqual(found);
  });

  it("reads 1EdTech's JWT example from the verify attribute", () => {
    const svg = fixtureText('1edtech-simple-jwt.svg');
    const found = unbakeBadge(svg);
    const [xmldom] = readSvgWithXmldom(svg);
    expect(found).toMatchObject({
      format: 'svg',
      version: 'ob3',
      kind: 'jwt',
      jwt: xmldom?.verify,
    });
    expect(found.jwt?.startsWith('eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.')).toBe(true);
  });

  it('rejects any DOCTYPE when rejectDoctype is set', () => {
    expect(
      code(() => unbakeBadge(fixtureText('1edtech-simple-json.svg'), { rejectDoctype: true })),
    ).toBe('ERR_SVG_DTD');
  });

  it('gives back the exact JSON text, with ]]> split over CDATA sections', () => {
    const found = unbakeBadge(fixtureText('baked-json.svg'));
    expect(found.text).toBe(EXPECTED_JSON);
    expect(found.credential).toEqual(JSON.parse(EXPECTED_JSON));
  });

  it('finds the element by namespace, whatever its prefix', () => {
    expect(unbakeBadge(fixtureText('baked-jwt-other-prefix.svg'))).toMatchObject({
      kind: 'jwt',
      jwt: EXPECTED_JWT,
    });
  });

  it('reports Open Badges 2.0 assertions as legacy', () => {
    expect(unbakeBadge(fixtureText('baked-ob2.svg'))).toEqual({
      format: 'svg',
      version: 'ob2',
      kind: 'url',
      text: 'https://example.org/assertions/1',
    });
  });

  it('never expands entities: DTDs with internal subsets are rejected', () => {
    expect(code(() => unbakeBadge(fixtureText('entity-bomb.svg')))).toBe('ERR_SVG_DTD');
    expect(code(() => unbakeBadge(fixtureText('external-entity.svg')))).toBe('ERR_SVG_DTD');
    expect(code(() => bakeBadge(fixtureText('entity-bomb.svg'), credential))).toBe('ERR_SVG_DTD');
    const declared = `<svg xmlns="http://www.w3.org/2000/svg"><!ENTITY x "y"></svg>`;
    expect(code(() => unbakeBadge(declared))).toBe('ERR_SVG_DTD');
    const undefinedEntity = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3}"><openbadges:credential>&xxe;</openbadges:credential></svg>`;
    expect(code(() => unbakeBadge(undefinedEntity))).toBe('ERR_SVG_ENTITY');
  });

  it('decodes predefined entities and character references outside CDATA', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3}"><openbadges:credential>
      {&quot;a&quot;: &quot;&lt;&#x2713;&#10003;&gt;&amp;&apos;&quot;}
    </openbadges:credential></svg>`;
    expect(unbakeBadge(svg).credential).toEqual({ a: "<✓✓>&'" });
  });

  it('refuses images that carry a second credential, and reads a CLR', () => {
    for (const name of [
      'ambiguous-verify-and-text.svg',
      'ambiguous-comment.svg',
      'ambiguous-other-namespace.svg',
    ]) {
      expect(
        code(() => unbakeBadge(fixtureText(name))),
        name,
      ).toBe('ERR_BAKE_AMBIGUOUS');
    }
    // xmldom (namespace-aware) sees both elements of the last one; a text search, the commented one.
    expect(readSvgWithXmldom(fixtureText('ambiguous-other-namespace.svg'))).toHaveLength(2);
    expect(unbakeBadge(fixtureText('baked-clr.svg'))).toEqual({
      format: 'svg',
      version: 'clr',
      kind: 'jwt',
      text: EXPECTED_JWT,
      jwt: EXPECTED_JWT,
    });
  });

  it('reads an undeclared openbadges prefix leniently', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential verify="${EXPECTED_JWT}"/></svg>`;
    expect(unbakeBadge(svg).jwt).toBe(EXPECTED_JWT);
    // Baking into it declares the namespace, so the result is namespace-well-formed.
    const baked = bakeBadge(svg, credential);
    expect(readSvgWithXmldom(baked)).toHaveLength(1);
    expect(unbakeBadge(baked).credential).toEqual(credential);
  });

  it('rejects broken SVG with stable codes', () => {
    const cases: Array<[string, string]> = [
      [fixtureText('duplicate-credential.svg'), 'ERR_BAKE_AMBIGUOUS'],
      [fixtureText('plain.svg'), 'ERR_BAKE_NO_CREDENTIAL'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', 'ERR_SVG_MALFORMED'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><g a="1" a="2"/></svg>', 'ERR_SVG_MALFORMED'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><g a=1/></svg>', 'ERR_SVG_MALFORMED'],
      ['<svg xmlns="http://www.w3.org/2000/svg"></svg><svg/>', 'ERR_SVG_MALFORMED'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><!-- open', 'ERR_SVG_MALFORMED'],
      ['<?xml version="1.0" encoding="ISO-8859-1"?><svg/>', 'ERR_SVG_ENCODING'],
      ['<html><svg/></html>', 'ERR_IMAGE_FORMAT'],
      [
        `<svg xmlns:openbadges="${OB3}"><openbadges:credential>   </openbadges:credential></svg>`,
        'ERR_BAKE_PAYLOAD',
      ],
      [
        `<svg xmlns:openbadges="${OB3}"><openbadges:credential>nope</openbadges:credential></svg>`,
        'ERR_BAKE_PAYLOAD',
      ],
    ];
    for (const [svg, expected] of cases) expect(code(() => unbakeBadge(svg))).toBe(expected);
    const utf16 = new Uint8Array([
      0xff, 0xfe, 0x3c, 0x00, 0x73, 0x00, 0x76, 0x00, 0x67, 0x00, 0x2f, 0x00, 0x3e, 0x00,
    ]);
    expect(code(() => unbakeBadge(utf16))).toBe('ERR_SVG_ENCODING');
    const badUtf8 = new Uint8Array([
      ...new TextEncoder().encode('<svg>'),
      0xff,
      ...new TextEncoder().encode('</svg>'),
    ]);
    expect(code(() => unbakeBadge(badUtf8))).toBe('ERR_SVG_ENCODING');
  });
});

describe('bakeBadge on SVG', () => {
  it('declares the namespace on <svg> and puts the element directly after it; nothing else changes', () => {
    const plain = fixtureText('plain.svg');
    const baked = bakeBadge(plain, credential);
    const decl = ` xmlns:openbadges="${OB3}"`;
    expect(baked).toContain(`<svg${decl} xmlns=`);
    const element = baked.slice(
      baked.indexOf('viewBox="0 0 10 10">') + 20,
      baked.indexOf('\n  <circle'),
    );
    expect(element.startsWith('<openbadges:credential><![CDATA[')).toBe(true);
    expect(baked.replace(decl, '').replace(element, '')).toBe(plain);
    // A namespace-aware parser finds exactly our JSON.
    const found = readSvgWithXmldom(baked);
    expect(found).toHaveLength(1);
    expect(JSON.parse(found[0]?.text as string)).toEqual(credential);
    expect(unbakeBadge(baked)).toMatchObject({
      version: 'ob3',
      kind: 'json',
      text: JSON.stringify(credential),
    });
  });

  it('puts a JWT in the verify attribute', () => {
    const baked = bakeBadge(fixtureText('plain.svg'), EXPECTED_JWT);
    expect(readSvgWithXmldom(baked)).toEqual([{ verify: EXPECTED_JWT, text: '' }]);
    expect(unbakeBadge(baked).jwt).toBe(EXPECTED_JWT);
  });

  it('returns bytes for bytes and keeps a byte order mark', () => {
    const plain = new Uint8Array([0xef, 0xbb, 0xbf, ...fixtureBytes('plain.svg')]);
    const baked = bakeBadge(plain, credential);
    expect(baked).toBeInstanceOf(Uint8Array);
    expect([...baked.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(unbakeBadge(baked).credential).toEqual(credential);
    expect(sniffFormat(baked)).toBe('svg');
  });

  it('replaces an existing element where it stands, keeping its prefix', () => {
    const original = fixtureText('1edtech-simple-json.svg');
    const baked = bakeBadge(original, EXPECTED_JWT);
    const start = original.indexOf('<openbadges:credential>');
    const end = original.indexOf('</openbadges:credential>') + '</openbadges:credential>'.length;
    expect(baked.slice(0, start)).toBe(original.slice(0, start));
    expect(baked.slice(baked.length - (original.length - end))).toBe(original.slice(end));
    expect(unbakeBadge(baked).jwt).toBe(EXPECTED_JWT);
    const other = bakeBadge(fixtureText('baked-jwt-other-prefix.svg'), credential);
    expect(other).toContain('<ob:credential><![CDATA[');
    expect(other).not.toContain('xmlns:openbadges');
    expect(readSvgWithXmldom(other)).toHaveLength(1);
    expect(unbakeBadge(other).credential).toEqual(credential);
  });

  it('keeps the namespace declarations an element carries itself when replacing it', () => {
    for (const element of [
      `<credential xmlns="${OB3}" verify="${EXPECTED_JWT}"/>`,
      `<x:credential xmlns:x='${OB3}' verify="${EXPECTED_JWT}"></x:credential>`,
    ]) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg"><g>${element}</g></svg>`;
      const baked = bakeBadge(svg, credential);
      const found = readSvgWithXmldom(baked);
      expect(found).toHaveLength(1);
      expect(JSON.parse(found[0]?.text as string)).toEqual(credential);
      expect(unbakeBadge(baked).credential).toEqual(credential);
    }
  });

  it('bakes JSON text exactly as given, splitting ]]> across CDATA sections', () => {
    const baked = bakeBadge(fixtureText('plain.svg'), EXPECTED_JSON);
    expect(baked.includes(']]]]><![CDATA[>')).toBe(true);
    expect(unbakeBadge(baked).text).toBe(EXPECTED_JSON);
    expect(readSvgWithXmldom(baked)[0]?.text).toBe(EXPECTED_JSON);
  });

  it('handles a self-closing root', () => {
    const baked = bakeBadge('<svg xmlns="http://www.w3.org/2000/svg"/>', credential);
    expect(baked.endsWith('</openbadges:credential></svg>')).toBe(true);
    expect(unbakeBadge(baked).credential).toEqual(credential);
  });

  it('escapes U+FFFF from objects and refuses it in JSON text', () => {
    const odd = { name: 'a\uffffb\ufffe' };
    const baked = bakeBadge(fixtureText('plain.svg'), odd);
    expect(readSvgWithXmldom(baked)).toHaveLength(1);
    expect(unbakeBadge(baked).credential).toEqual(odd);
    expect(code(() => bakeBadge(fixtureText('plain.svg'), '{"name":"a\uffff"}'))).toBe(
      'ERR_SVG_INVALID_CHAR',
    );
  });

  it('refuses an Open Badges 2.0 namespace on the openbadges prefix, and other bad input', () => {
    // An OB 2.0 assertion is a credential too: no second one goes next to it.
    expect(code(() => bakeBadge(fixtureText('baked-ob2.svg'), credential))).toBe(
      'ERR_BAKE_AMBIGUOUS',
    );
    // The prefix alone bound to the OB 2.0 namespace cannot take the OB 3.0 element.
    const ob2Prefix = fixtureText('baked-ob2.svg').replace(
      /<openbadges:assertion.*<\/openbadges:assertion>/,
      '',
    );
    expect(code(() => bakeBadge(ob2Prefix, credential))).toBe('ERR_SVG_NAMESPACE_CONFLICT');
    expect(code(() => bakeBadge(fixtureText('duplicate-credential.svg'), credential))).toBe(
      'ERR_BAKE_AMBIGUOUS',
    );
    expect(code(() => bakeBadge('not an image', credential))).toBe('ERR_IMAGE_FORMAT');
    expect(code(() => bakeBadge(fixtureText('plain.svg'), credential, { maxImageBytes: 20 }))).toBe(
      'ERR_IMAGE_TOO_LARGE',
    );
    expect(() =>
      bakeBadge(fixtureText('plain.svg'), credential, { rejectDoctype: 'yes' as never }),
    ).toThrow(TypeError);
  });
});

describe('sniffFormat', () => {
  it('tells the formats apart', () => {
    expect(sniffFormat(fixtureBytes('plain.png'))).toBe('png');
    expect(sniffFormat(fixtureBytes('1edtech-simple-json.svg'))).toBe('svg');
    expect(sniffFormat(fixtureText('plain.svg'))).toBe('svg');
    expect(sniffFormat('<!-- c --><svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>')).toBe('svg');
    expect(sniffFormat(`  ${EXPECTED_JWT}\n`)).toBe('jwt');
    expect(sniffFormat(new TextEncoder().encode(EXPECTED_JWT))).toBe('jwt');
    expect(sniffFormat('\uFEFF {"a":1}')).toBe('json');
    expect(sniffFormat(fixtureText('expected-credential.json'))).toBe('json');
  });

  it("says 'unknown' for anything else", () => {
    expect(sniffFormat('<html></html>')).toBe('unknown');
    expect(sniffFormat('[1,2]')).toBe('unknown');
    expect(sniffFormat('hello')).toBe('unknown');
    expect(sniffFormat(new Uint8Array([0x47, 0x49, 0x46, 0x38]))).toBe('unknown');
    expect(sniffFormat(new Uint8Array(0))).toBe('unknown');
    expect(() => sniffFormat(42 as never)).toThrow(TypeError);
  });
});
