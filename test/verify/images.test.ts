/** verify() on baked PNG and SVG badges (baked in the test with bakeBadge; real signatures). */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bakeBadge, sniffFormat } from '../../src/bake/index.js';
import { verify } from '../../src/verify/index.js';
import { imageKind } from '../../src/verify/verify.js';
import { fuzzRuns } from '../hostile/helpers.js';
import { codes, forbiddenFetch, outcomes } from './helpers.js';
import { credentialFrom, makeIssuer, signDi, signJwt, type TestIssuer } from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
/** A 1x1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg>';
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await makeIssuer();
});

describe('baked badges', () => {
  it('PNG with a JSON credential (Data Integrity) and with a VC-JWT', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    const r = await verify(bakeBadge(PNG, signed), { now: NOW, fetch: forbiddenFetch as never });
    expect(r.format).toBe('png');
    expect(r.credential).toEqual(signed);
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(r.verdict).toBe('valid');

    const jwt = await signJwt(credentialFrom(issuer), issuer);
    const r2 = await verify(bakeBadge(PNG, jwt), { now: NOW });
    expect(r2.format).toBe('png');
    expect(outcomes(r2, 'proof')).toEqual(['pass']);
    expect(r2.verdict).toBe('valid');
  });
  it('SVG as text and as bytes, JSON and JWT', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    const bakedSvg = bakeBadge(SVG, signed);
    const r = await verify(bakedSvg, { now: NOW });
    expect(r.format).toBe('svg');
    expect(r.verdict).toBe('valid');
    const r2 = await verify(new TextEncoder().encode(bakedSvg), { now: NOW });
    expect(r2.format).toBe('svg');
    expect(r2.verdict).toBe('valid');
    const jwt = await signJwt(credentialFrom(issuer), issuer);
    const r3 = await verify(bakeBadge(SVG, jwt), { now: NOW });
    expect(r3.format).toBe('svg');
    expect(outcomes(r3, 'proof')).toEqual(['pass']);
  });
  it('a tampered baked credential is invalid', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    signed.name = 'Changed after signing';
    const r = await verify(bakeBadge(PNG, signed), { now: NOW });
    expect(codes(r, 'proof')).toEqual(['proof_signature_invalid']);
    expect(r.verdict).toBe('invalid');
  });
  it('an image with nothing baked, or a broken image, is a parse failure', async () => {
    const plain = await verify(PNG, { now: NOW });
    expect(plain.format).toBe('png');
    expect(codes(plain, 'parse')).toEqual(['image_no_credential']);
    expect(plain.verdict).toBe('invalid');
    expect(codes(await verify(SVG, { now: NOW }), 'parse')).toEqual(['image_no_credential']);
    const broken = PNG.slice(0, 20);
    const r = await verify(broken, { now: NOW });
    expect(r.format).toBe('png');
    expect(outcomes(r, 'parse')).toEqual(['fail']);
  });
});

describe('image detection (the image code is loaded only for images)', () => {
  /** What verify() treats as an image: sniffFormat's answer when it is 'png' or 'svg'. */
  const expected = (input: string | Uint8Array) => {
    const kind = sniffFormat(input);
    return kind === 'png' || kind === 'svg' ? kind : undefined;
  };
  const SAMPLES: Array<string | Uint8Array> = [
    PNG,
    SVG,
    new TextEncoder().encode(SVG),
    `\uFEFF  \n${SVG}`,
    '<?xml version="1.0"?><!-- c --><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg"/>',
    '<s:svg xmlns:s="http://www.w3.org/2000/svg"/>',
    '<html><svg/></html>',
    '<',
    '\u3000<svg/>',
    '{"<svg/>": 1}',
    'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln',
    PNG.subarray(0, 7),
    new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x73, 0x76, 0x67, 0x2f, 0x3e]),
    new Uint8Array([0xff, 0xfe, 0x3c, 0x00]),
    '',
  ];
  it('agrees with sniffFormat on PNG and SVG (BOM, whitespace, prolog, prefixes, near misses)', async () => {
    for (const input of SAMPLES) expect(await imageKind(input)).toBe(expected(input));
  });

  it('agrees with sniffFormat on arbitrary text and bytes', async () => {
    const text = fc.oneof(
      fc.string(),
      fc.string().map((s) => `<${s}`),
      fc
        .tuple(
          fc.constantFrom('', ' ', '\uFEFF', '\n\t', '<!-- x -->', '<?xml version="1.0"?>'),
          fc.constantFrom('<svg>', '<svg/>', '<a:svg xmlns:a="u">', '<svgx/>', '<!DOCTYPE svg>'),
          fc.string(),
        )
        .map((p) => p.join('')),
    );
    const input = fc.oneof(
      text,
      text.map((t) => new TextEncoder().encode(t)),
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ maxLength: 32 }).map((b) => Uint8Array.from([...PNG.subarray(0, 8), ...b])),
    );
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        expect(await imageKind(i)).toBe(expected(i));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
