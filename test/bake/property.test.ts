import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { makePng, readChunks, readSvgWithXmldom } from './helpers.js';

/** Unicode text that likes the characters baking must survive. */
const tricky = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    ']]>',
    ']]]]><![CDATA[>',
    '<![CDATA[',
    '&amp;',
    '</openbadges:credential>',
    '\uffff',
    '\ufffe',
    '"\\',
  ),
  fc
    .array(fc.constantFrom(']]>', ']', '>', '<', '&', '✓', '🎓', '\u0000', '\r\n', 'a'), {
      maxLength: 12,
    })
    .map((p) => p.join('')),
);

const jsonLeaf = fc.oneof(
  tricky,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const credentialArb = fc.dictionary(
  tricky,
  fc.oneof(
    jsonLeaf,
    fc.array(jsonLeaf, { maxLength: 5 }),
    fc.dictionary(tricky, jsonLeaf, { maxKeys: 5 }),
  ),
  { maxKeys: 8 },
);

const jwtArb = fc
  .tuple(
    fc.base64String({ minLength: 4, maxLength: 60 }),
    fc.base64String({ minLength: 4, maxLength: 400 }),
    fc.base64String({ maxLength: 90 }),
  )
  .map((parts) =>
    parts
      .map((p) => p.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') || 'e30')
      .join('.'),
  );

const chunkType = fc
  .tuple(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  )
  .map((c) => c.join(''))
  .filter((t) => t !== 'iTXt');
const ancillary = fc.array(fc.record({ type: chunkType, data: fc.uint8Array({ maxLength: 64 }) }), {
  maxLength: 4,
});

const pngArb = fc
  .record({
    width: fc.integer({ min: 1, max: 6 }),
    height: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer(),
    before: ancillary,
    after: ancillary,
  })
  .map((o) => makePng(o));

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).filter((n) => !n.startsWith('xml'));
const attrValue = fc.string({ maxLength: 20 }).map((s) =>
  s
    .split('')
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return (
        (c >= 0x20 || c === 9 || c === 10 || c === 13) && (c < 0xd800 || c > 0xdfff) && c < 0xfffe
      );
    })
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;'),
);
const content = fc.array(
  fc.oneof(
    fc.tuple(name, attrValue).map(([n, v]) => `<${n} data-x="${v}"/>`),
    fc.tuple(name, fc.stringMatching(/^[a-z ]{0,10}$/)).map(([n, t]) => `<${n}>${t}</${n}>`),
    fc.stringMatching(/^[a-z ]{0,10}$/).map((t) => `<!--${t}-->`),
    fc.constantFrom('\n  ', '<?pi x?>', '<![CDATA[ <not-an-element> ]]>', 'text &amp; more'),
  ),
  { maxLength: 6 },
);
const svgArb = fc
  .record({
    attrs: fc.uniqueArray(fc.tuple(name, attrValue), { maxLength: 5, selector: (a) => a[0] }),
    quote: fc.constantFrom('"', "'"),
    content,
    prolog: fc.constantFrom(
      '',
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      '<!-- made by hand -->\n',
    ),
  })
  .map(
    ({ attrs, quote, content: c, prolog }) =>
      `${prolog}<svg xmlns=${quote}http://www.w3.org/2000/svg${quote}${attrs
        .map(([n, v]) => ` ${n}=${quote}${quote === "'" ? v.replace(/'/g, '&apos;') : v}${quote}`)
        .join('')}>${c.join('')}</svg>`,
  );

/** JSON value semantics (what a JSON round trip keeps: -0 becomes 0, and so on). */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('bake then unbake is lossless', () => {
  it('PNG: any credential object, any valid PNG with random ancillary chunks', () => {
    fc.assert(
      fc.property(pngArb, credentialArb, (png, credential) => {
        const baked = bakeBadge(png, credential);
        const found = unbakeBadge(baked);
        expect(found.version).toBe('ob3');
        expect(found.credential).toEqual(asJson(credential));
        // Every original chunk is still there, byte for byte, in order.
        const before = readChunks(png).chunks.map((c) => Buffer.from(c.raw).toString('hex'));
        const after = readChunks(baked)
          .chunks.filter((c) => c.type !== 'iTXt')
          .map((c) => Buffer.from(c.raw).toString('hex'));
        expect(after).toEqual(before);
        // Baking again replaces, never duplicates.
        expect(unbakeBadge(bakeBadge(baked, credential)).credential).toEqual(asJson(credential));
      }),
      { numRuns: 150 },
    );
  });

  it('SVG: any credential object, any SVG with random attributes and content', () => {
    fc.assert(
      fc.property(svgArb, credentialArb, (svg, credential) => {
        const baked = bakeBadge(svg, credential);
        const found = unbakeBadge(baked);
        expect(found.credential).toEqual(asJson(credential));
        const xmldom = readSvgWithXmldom(baked);
        expect(xmldom).toHaveLength(1);
        expect(JSON.parse(xmldom[0]?.text as string)).toEqual(asJson(credential));
        const again = bakeBadge(baked, credential);
        expect(readSvgWithXmldom(again)).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });

  it('any JWT, in both formats', () => {
    fc.assert(
      fc.property(pngArb, svgArb, jwtArb, (png, svg, jwt) => {
        expect(unbakeBadge(bakeBadge(png, jwt))).toMatchObject({ kind: 'jwt', jwt, text: jwt });
        const baked = bakeBadge(svg, jwt);
        expect(unbakeBadge(baked)).toMatchObject({ kind: 'jwt', jwt, text: jwt });
        expect(readSvgWithXmldom(baked)[0]?.verify).toBe(jwt);
      }),
      { numRuns: 100 },
    );
  });

  it('JSON text comes back exactly as given', () => {
    fc.assert(
      fc.property(
        pngArb,
        svgArb,
        credentialArb,
        fc.constantFrom(undefined, 2, '\t', ' '),
        (png, svg, credential, indent) => {
          // Noncharacters written as JSON escapes (an image cannot carry them as text); a
          // replacement character could make two member names one, which is refused.
          const text = JSON.stringify(credential, null, indent).replace(
            /[\ufffe\uffff]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16)}`,
          );
          expect(unbakeBadge(bakeBadge(png, text)).text).toBe(text);
          expect(unbakeBadge(bakeBadge(svg, text)).text).toBe(text);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('large credentials (about 600 KB) survive both formats', () => {
    const big = {
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      evidence: Array.from({ length: 3000 }, (_, i) => ({
        id: `urn:example:${i}`,
        narrative: `${'ä✓]]> '.repeat(30)}${i}`,
      })),
    };
    const png = makePng({});
    expect(unbakeBadge(bakeBadge(png, big)).credential).toEqual(big);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    expect(unbakeBadge(bakeBadge(svg, big)).credential).toEqual(big);
  });
});
