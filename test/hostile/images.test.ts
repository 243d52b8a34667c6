/**
 * Images that carry more than one credential. Every carrier some reader reads is generated
 * (fast-check): PNG text chunks of every type spelling, keyword in any letter case or padded with
 * whitespace and NULs, compressed or not, before or after IDAT, after IEND, in a second PNG
 * appended, as raw bytes after IEND; SVG credential elements under other prefixes, default
 * namespaces, redeclared namespaces, other or look-alike namespaces and letter cases, nested in
 * foreignObject / metadata / defs / groups or in the credential element itself, hidden in comments,
 * CDATA, processing instructions and the DOCTYPE, a verify attribute beside text, look-alike verify
 * attributes, comments and stray text inside the element. Each image is first shown to be read
 * differently by some independent reader (written here on node:zlib and @xmldom/xmldom, not on
 * src/bake), then refused: `ERR_BAKE_AMBIGUOUS` from unbakeBadge and bakeBadge, `image_ambiguous`
 * from verify(). Images with exactly one carrier still verify, and no second carrier is ever read
 * (no decompression, no size cost).
 */
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { Ob3Error } from '../../src/errors.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import { encodeChunk, makePng } from '../bake/helpers.js';
import { thrownSync } from '../helpers.js';
import { failCodes, fuzzRuns, type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

// Count decompressions (the real function runs): a second carrier must never be inflated.
const inflation = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../src/internal/inflate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/internal/inflate.js')>();
  return {
    ...real,
    inflateBounded: (...args: Parameters<typeof real.inflateBounded>) => {
      inflation.calls++;
      return real.inflateBounded(...args);
    },
  };
});

const HANG_GUARD = 30_000;
const OB3 = 'https://purl.imsglobal.org/ob/v3p0';
const OB2 = 'http://openbadges.org';
const CLR = 'https://purl.imsglobal.org/clr/v2p0';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** The {@link Ob3Error} `fn` throws. */
const thrown = (fn: () => unknown) => thrownSync(fn, Ob3Error);

/** The credential texts the generators bake: A (the one a reader might verify) and B (another). */
let A = '';
let A_JWT = '';
let B = '';
let B_JWT = '';
let signedA: Loose;

beforeAll(async () => {
  const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
  signedA = await signCredential(richCredential(did), {
    key: keyPair,
    created: '2024-01-01T00:00:00Z',
  });
  const other = richCredential(did);
  other.name = 'Forged Honours Degree';
  const signedB = await signCredential(other, { key: keyPair, created: '2024-01-01T00:00:00Z' });
  A = JSON.stringify(signedA);
  B = JSON.stringify(signedB);
  A_JWT = await signCredentialJwt(richCredential(did), { key: keyPair, now: NOW });
  B_JWT = await signCredentialJwt(other, { key: keyPair, now: NOW });
});

beforeEach(() => {
  inflation.calls = 0;
});

/**
 * unbakeBadge and verify refuse the image. bakeBadge refuses it too, except where the image's one
 * standard credential element is itself what reads two ways (`rebake: 'replaces'`): baking
 * replaces that element whole, and the result must then read one way only.
 */
async function expectRefused(
  image: Uint8Array | string,
  rebake: 'refused' | 'replaces' = 'refused',
): Promise<void> {
  const e = thrown(() => unbakeBadge(image));
  expect(e.code, e.message).toBe('ERR_BAKE_AMBIGUOUS');
  if (rebake === 'refused') {
    expect(thrown(() => bakeBadge(image, A_JWT)).code).toBe('ERR_BAKE_AMBIGUOUS');
  } else {
    const baked = bakeBadge(image, B_JWT);
    expect(typeof baked === 'string' && !readersDisagree(baked)).toBe(true);
    expect(unbakeBadge(baked).jwt).toBe(B_JWT);
  }
  const report = await verifyOffline(image);
  expect(report.verdict).toBe('invalid');
  expect(failCodes(report)).toEqual(['image_ambiguous']);
}

// ---------------------------------------------------------------------------------------------
// PNG

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const deflate = (b: Uint8Array) => new Uint8Array(deflateSync(b));

type TextType = 'iTXt' | 'tEXt' | 'zTXt';

/** A text chunk's data as the PNG spec lays it out (11.3.4), written here, not by src/bake. */
function textChunkData(type: string, keyword: string, text: Uint8Array, compressed: boolean) {
  const kw = latin1(keyword);
  switch (type.toLowerCase() as Lowercase<TextType>) {
    case 'itxt':
      return cat(
        kw,
        Uint8Array.of(0, compressed ? 1 : 0, 0, 0, 0),
        compressed ? deflate(text) : text,
      );
    case 'text':
      return cat(kw, Uint8Array.of(0), text);
    case 'ztxt':
      return cat(kw, Uint8Array.of(0, 0), deflate(text));
  }
}

const KEYWORDS = ['openbadgecredential', 'openbadges', 'clrcredential'];

interface PngCarrierForm {
  type: string;
  keyword: string;
  compressed: boolean;
  place: 'before-idat' | 'after-idat' | 'after-iend' | 'second-png' | 'raw-after-iend';
}

const keywordArb = fc
  .record({
    base: fc.constantFrom(...KEYWORDS),
    upper: fc.array(fc.boolean(), { minLength: 19, maxLength: 19 }),
    cased: fc.boolean(),
    before: fc.constantFrom('', '', ' ', '\0', '\t', '\0 ', '\0'.repeat(300)),
    after: fc.constantFrom('', '', ' ', '  ', '\n'),
  })
  .map(
    (k) =>
      k.before +
      (k.cased ? [...k.base].map((c, i) => (k.upper[i] ? c.toUpperCase() : c)).join('') : k.base) +
      k.after,
  );

const pngFormArb: fc.Arbitrary<PngCarrierForm> = fc.record({
  type: fc.constantFrom(
    'iTXt',
    'tEXt',
    'zTXt',
    'itxt',
    'ITXT',
    'iTxt',
    'TEXT',
    'text',
    'zTXT',
    'ztxt',
  ),
  keyword: keywordArb,
  compressed: fc.boolean(),
  place: fc.constantFrom('before-idat', 'after-idat', 'after-iend', 'second-png', 'raw-after-iend'),
});

/** What the spec itself writes: the form ob3kit reads when it is alone. */
function isStandard(f: PngCarrierForm): boolean {
  if (f.place !== 'before-idat' && f.place !== 'after-idat') return false;
  if (f.type === 'iTXt') return KEYWORDS.includes(f.keyword);
  return f.type === 'tEXt' && f.keyword === 'openbadges';
}

const noiseChunkArb = fc.constantFrom(
  {
    type: 'tEXt',
    data: latin1('Comment\0baked with openbadges-bakery; keyword openbadgecredential'),
  },
  { type: 'iTXt', data: textChunkData('iTXt', 'Description', utf8('clrcredential ✓'), false) },
  { type: 'zTXt', data: textChunkData('zTXt', 'Software', utf8('openbadges'), true) },
  { type: 'tIME', data: Uint8Array.of(7, 232, 1, 1, 0, 0, 0) },
  { type: 'prVt', data: latin1('openbadges private data') },
);

interface PngImage {
  primary: 'json' | 'jwt' | 'none';
  primaryPlace: 'before-idat' | 'after-idat';
  second: PngCarrierForm;
  payload: 'same' | 'other-json' | 'other-jwt' | 'url';
  noise: Array<{ type: string; data: Uint8Array }>;
}

function buildPng(img: PngImage): Uint8Array {
  const before = [...img.noise];
  const after: typeof before = [];
  if (img.primary !== 'none') {
    const text = utf8(img.primary === 'json' ? A : A_JWT);
    (img.primaryPlace === 'before-idat' ? before : after).push({
      type: 'iTXt',
      data: textChunkData('iTXt', 'openbadgecredential', text, false),
    });
  }
  const s = img.second;
  const payload =
    img.payload === 'same'
      ? img.primary === 'jwt'
        ? A_JWT
        : A
      : img.payload === 'other-json'
        ? B
        : img.payload === 'other-jwt'
          ? B_JWT
          : 'https://example.org/assertions/1';
  const data = textChunkData(s.type, s.keyword, utf8(payload), s.compressed);
  if (s.place === 'before-idat') before.unshift({ type: s.type, data });
  if (s.place === 'after-idat') after.push({ type: s.type, data });
  const png = makePng({ before, after });
  switch (s.place) {
    case 'after-iend':
      return cat(png, encodeChunk(s.type, data));
    case 'second-png':
      return cat(png, makePng({ before: [{ type: s.type, data }] }));
    case 'raw-after-iend':
      return cat(png, latin1(`${s.keyword}\0`), utf8(payload));
    default:
      return png;
  }
}

/**
 * An independent, lenient PNG reader: walks chunks past IEND and into an appended PNG, takes any
 * text chunk type spelling, trims whitespace and NULs around the keyword and ignores its case;
 * bytes it cannot walk are searched for the keywords. Returns every carrier it finds.
 */
function lenientPngCarriers(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  const sig = b.subarray(0, 8);
  const found: string[] = [];
  let at = 8;
  while (at + 12 <= b.length) {
    if (b.subarray(at, at + 8).equals(sig)) {
      at += 8;
      continue;
    }
    const length = b.readUInt32BE(at);
    if (at + 12 + length > b.length) break;
    const type = b.toString('latin1', at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + length);
    if (['itxt', 'text', 'ztxt'].includes(type.toLowerCase())) {
      const keyword = data
        .toString('latin1')
        .replace(/^[\0\s]+/, '')
        .split('\0')[0]
        ?.trim()
        .toLowerCase();
      if (KEYWORDS.includes(keyword ?? '')) found.push(`${type} at ${at}`);
    }
    at += 12 + length;
  }
  if (/openbadge|clrcredential/i.test(b.toString('latin1', at))) found.push(`bytes at ${at}`);
  return found;
}

/** A strict reader as the spec says (first iTXt with the exact keyword, up to IEND; tEXt for 2.0). */
function strictPngCarriers(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  const found: string[] = [];
  for (let at = 8; at + 12 <= b.length; ) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const keyword = b.toString('latin1', at + 8, at + 8 + length).split('\0')[0] ?? '';
    if (
      (type === 'iTXt' && KEYWORDS.includes(keyword)) ||
      (type === 'tEXt' && keyword === 'openbadges')
    )
      found.push(`${type} at ${at}`);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return found;
}

const pngImageArb: fc.Arbitrary<PngImage> = fc.record({
  primary: fc.constantFrom('json', 'jwt'),
  primaryPlace: fc.constantFrom('before-idat', 'after-idat'),
  second: pngFormArb,
  payload: fc.constantFrom('same', 'other-json', 'other-jwt', 'url'),
  noise: fc.array(noiseChunkArb, { maxLength: 3 }),
}) as fc.Arbitrary<PngImage>;

describe('PNG with a second credential carrier', () => {
  it('the attacks named in the report: OB 2.0 chunk, tEXt/zTXt, case variant, after IEND', async () => {
    const primary = {
      type: 'iTXt',
      data: textChunkData('iTXt', 'openbadgecredential', utf8(A), false),
    };
    const images = [
      makePng({
        before: [primary],
        after: [{ type: 'iTXt', data: textChunkData('iTXt', 'openbadges', utf8(B), false) }],
      }),
      makePng({
        before: [primary],
        after: [
          { type: 'tEXt', data: textChunkData('tEXt', 'openbadgecredential', utf8(B), false) },
        ],
      }),
      makePng({
        before: [primary],
        after: [
          { type: 'zTXt', data: textChunkData('zTXt', 'openbadgecredential', utf8(B), true) },
        ],
      }),
      makePng({
        before: [primary],
        after: [
          { type: 'iTXt', data: textChunkData('iTXt', 'OpenBadgeCredential', utf8(B), false) },
        ],
      }),
      cat(
        makePng({ before: [primary] }),
        encodeChunk('iTXt', textChunkData('iTXt', 'openbadgecredential', utf8(B), false)),
      ),
    ];
    for (const image of images) {
      expect(lenientPngCarriers(image).length).toBe(2);
      await expectRefused(image);
    }
  });

  it(
    'any second carrier, of the same credential or another, is refused',
    async () => {
      await fc.assert(
        fc.asyncProperty(pngImageArb, async (img) => {
          const image = buildPng(img);
          // The attack is real: a lenient reader finds two credentials.
          expect(lenientPngCarriers(image).length).toBe(2);
          await expectRefused(image);
          expect(inflation.calls).toBe(0);
        }),
        { numRuns: fuzzRuns(60) },
      );
    },
    HANG_GUARD,
  );

  it(
    'a lone carrier in a non-standard form is refused; a lone standard one is read',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          pngFormArb,
          fc.array(noiseChunkArb, { maxLength: 2 }),
          async (form, noise) => {
            const image = buildPng({
              primary: 'none',
              primaryPlace: 'after-idat',
              second: form,
              payload: 'other-json',
              noise,
            });
            if (isStandard(form)) {
              const found = unbakeBadge(image);
              expect(found.text).toBe(B);
              expect(found.version).toBe(
                { openbadgecredential: 'ob3', openbadges: 'ob2', clrcredential: 'clr' }[
                  form.keyword
                ],
              );
            } else {
              // Readers disagree: a lenient one finds a credential where the spec's reader finds none.
              expect(lenientPngCarriers(image).length).toBe(1);
              expect(strictPngCarriers(image)).toEqual([]);
              await expectRefused(image);
            }
          },
        ),
        { numRuns: fuzzRuns(40) },
      );
    },
    HANG_GUARD,
  );

  it(
    'control: exactly one carrier among noise verifies',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('json', 'jwt'),
          fc.constantFrom('before-idat', 'after-idat'),
          fc.array(noiseChunkArb, { maxLength: 4 }),
          fc.boolean(),
          async (primary, primaryPlace, noise, trailing) => {
            const chunk = {
              type: 'iTXt',
              data: textChunkData(
                'iTXt',
                'openbadgecredential',
                utf8(primary === 'json' ? A : A_JWT),
                false,
              ),
            };
            let image = makePng(
              primaryPlace === 'before-idat'
                ? { before: [...noise, chunk] }
                : { before: noise, after: [chunk] },
            );
            if (trailing) image = cat(image, Uint8Array.of(0, 1, 2, 3, 0xff));
            expect(lenientPngCarriers(image)).toHaveLength(1);
            expect(strictPngCarriers(image)).toHaveLength(1);
            expect(unbakeBadge(image).text).toBe(primary === 'json' ? A : A_JWT);
            const report = await verifyOffline(image);
            expect(report.checks.find((c) => c.id === 'parse')?.outcome).toBe('pass');
            expect(report.verdict).not.toBe('invalid');
          },
        ),
        { numRuns: fuzzRuns(10) },
      );
    },
    HANG_GUARD,
  );

  it('no second carrier is ever read: two decompression bombs cost no inflation at all', async () => {
    const bomb = deflate(new Uint8Array(16 << 20).fill(0x20));
    const chunk = (k: string) => ({
      type: 'iTXt',
      data: cat(latin1(`${k}\0`), Uint8Array.of(1, 0, 0, 0), bomb),
    });
    const two = makePng({ before: [chunk('openbadgecredential')], after: [chunk('openbadges')] });
    expect(thrown(() => unbakeBadge(two)).code).toBe('ERR_BAKE_AMBIGUOUS');
    expect(inflation.calls).toBe(0);
    // Alone, the same chunk is read, and the limit stops it.
    const one = makePng({ before: [chunk('openbadgecredential')] });
    expect(thrown(() => unbakeBadge(one)).code).toBe('ERR_BAKE_TOO_LARGE');
    expect(inflation.calls).toBe(1);
    // An oversized uncompressed second carrier is not read either: ambiguity, not size.
    const big = makePng({
      before: [
        { type: 'iTXt', data: textChunkData('iTXt', 'openbadgecredential', utf8(A), false) },
      ],
      after: [
        {
          type: 'iTXt',
          data: textChunkData('iTXt', 'openbadges', new Uint8Array(2 << 20).fill(0x7b), false),
        },
      ],
    });
    expect(thrown(() => unbakeBadge(big)).code).toBe('ERR_BAKE_AMBIGUOUS');
  });

  it(
    '20,000 carriers are counted in one pass; the message names three',
    () => {
      const many = Array.from({ length: 20_000 }, () => ({
        type: 'tEXt',
        data: latin1('openbadges\0x'),
      }));
      const e = thrown(() => unbakeBadge(makePng({ before: many })));
      expect(e.code).toBe('ERR_BAKE_AMBIGUOUS');
      expect(e.details).toMatchObject({ count: 20_000 });
      expect(e.message).toContain('and 19997 more');
    },
    HANG_GUARD,
  );
});

// ---------------------------------------------------------------------------------------------
// SVG

const cdata = (s: string) => `<![CDATA[${s.split(']]>').join(']]]]><![CDATA[>')}]]>`;
const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface SvgPrimary {
  prefix: string; // '' for a default namespace declaration on the element
  form: 'jwt' | 'jwt-empty' | 'cdata' | 'text';
  wrap: '' | 'g' | 'metadata';
}

function primaryElement(p: SvgPrimary, inner?: string, extraAttrs = ''): string {
  const name = p.prefix ? `${p.prefix}:credential` : 'credential';
  const decl = p.prefix ? '' : ` xmlns="${OB3}"`;
  const open = `<${name}${decl}${extraAttrs}`;
  switch (p.form) {
    case 'jwt':
      return `${open} verify="${A_JWT}"${inner === undefined ? '/>' : `>${inner}</${name}>`}`;
    case 'jwt-empty':
      return `${open} verify="${A_JWT}">${inner ?? ''}</${name}>`;
    case 'cdata':
      return `${open}>\n  ${inner ?? cdata(A)}\n</${name}>`;
    case 'text':
      return `${open}>${inner ?? escapeText(A)}</${name}>`;
  }
}

function svgDoc(p: SvgPrimary | undefined, element: string, second: string, prolog = ''): string {
  const decls = p?.prefix ? ` xmlns:${p.prefix}="${OB3}"` : '';
  const wrapped = p?.wrap ? `<${p.wrap}>${element}</${p.wrap}>` : element;
  return `${prolog}<svg xmlns="${SVG_NS}"${decls} width="10" height="10"><title>A badge</title>${wrapped}<circle r="4"/>${second}</svg>`;
}

/** Second carriers outside the credential element, as markup, plus a prolog when they need one. */
const OUTSIDE: Record<string, () => { markup: string; prolog?: string }> = {
  'other prefix': () => ({ markup: `<other:credential xmlns:other="${OB3}" verify="${B_JWT}"/>` }),
  'default namespace': () => ({ markup: `<credential xmlns="${OB3}">${cdata(B)}</credential>` }),
  'prefix redeclared on a parent': () => ({
    markup: `<g xmlns:openbadges="https://attacker.example/ns"><openbadges:credential verify="${B_JWT}"/></g>`,
  }),
  'Open Badges 2.0 assertion': () => ({
    markup: `<openbadges:assertion xmlns:openbadges="${OB2}" verify="https://example.org/assertions/1"/>`,
  }),
  'CLR credential': () => ({ markup: `<clr:credential xmlns:clr="${CLR}" verify="${B_JWT}"/>` }),
  'letter case of the name': () => ({
    markup: `<o:Credential xmlns:o="${OB3}" verify="${B_JWT}"/>`,
  }),
  'upper-case name, default namespace': () => ({
    markup: `<CREDENTIAL xmlns="${OB3}">${cdata(B)}</CREDENTIAL>`,
  }),
  'trailing slash namespace': () => ({
    markup: `<o:credential xmlns:o="${OB3}/" verify="${B_JWT}"/>`,
  }),
  'http namespace': () => ({
    markup: `<o:credential xmlns:o="${OB3.replace('https', 'http')}" verify="${B_JWT}"/>`,
  }),
  'assertion in the 3.0 namespace': () => ({
    markup: `<o:assertion xmlns:o="${OB3}" verify="${B_JWT}"/>`,
  }),
  'credential in no badge namespace': () => ({ markup: `<credential verify="${B_JWT}"/>` }),
  'in a comment': () => ({ markup: `<!-- <openbadges:credential verify="${B_JWT}"/> -->` }),
  'in a CDATA section of a script': () => ({
    markup: `<script><![CDATA[ const baked = '<openbadges:credential verify="${B_JWT}"/>'; ]]></script>`,
  }),
  'in a processing instruction': () => ({
    markup: `<?badge <ob:credential verify="${B_JWT}"/> ?>`,
  }),
  'in the DOCTYPE': () => ({
    markup: '',
    prolog: `<!DOCTYPE svg SYSTEM "<openbadges:credential verify='${B_JWT}'/>">`,
  }),
  'the same credential twice': () => ({
    markup: `<same:credential xmlns:same="${OB3}" verify="${A_JWT}"/>`,
  }),
};

const WRAPPERS = ['', 'g', 'foreignObject', 'metadata', 'defs', 'g><g'];

function wrap(markup: string, w: string): string {
  if (!w || !markup) return markup;
  const names = w.split('><');
  return `${names.map((n) => `<${n}>`).join('')}${markup}${names
    .reverse()
    .map((n) => `</${n}>`)
    .join('')}`;
}

/** Second readings inside the credential element itself. */
const INSIDE: Record<string, (p: SvgPrimary) => string | undefined> = {
  'verify and different text': (p) => primaryElement({ ...p, form: 'jwt-empty' }, cdata(B)),
  'verify and the same credential as text': (p) =>
    primaryElement({ ...p, form: 'jwt-empty' }, escapeText(A_JWT)),
  'a prefixed verify attribute': (p) =>
    primaryElement(p, undefined, ` xmlns:v="${OB3}" v:verify="${B_JWT}"`),
  'an upper-case VERIFY attribute': (p) => primaryElement(p, undefined, ` VERIFY="${B_JWT}"`),
  'a credential element inside': (p) =>
    primaryElement(
      { ...p, form: 'cdata' },
      `${cdata(A)}<i:credential xmlns:i="${OB3}" verify="${B_JWT}"/>`,
    ),
  'an element inside': (p) =>
    primaryElement({ ...p, form: 'cdata' }, `${cdata(A)}<g><title>x</title></g>`),
  'a comment inside': (p) => primaryElement({ ...p, form: 'cdata' }, `<!-- note -->${cdata(A)}`),
  'text beside the CDATA': (p) => primaryElement({ ...p, form: 'cdata' }, `${cdata(A)} x`),
  'CDATA split elsewhere': (p) =>
    primaryElement(
      { ...p, form: 'cdata' },
      `<![CDATA[${A.slice(0, 40)}]]><![CDATA[${A.slice(40)}]]>`,
    ),
  'a hidden element in the JSON': (p) =>
    primaryElement(
      { ...p, form: 'cdata' },
      cdata(A.replace('"Safe Handling Badge"', `"<openbadges:credential verify='${B_JWT}'/>"`)),
    ),
};

const primaryArb: fc.Arbitrary<SvgPrimary> = fc.record({
  prefix: fc.constantFrom('openbadges', 'ob', 'x', ''),
  form: fc.constantFrom('jwt', 'jwt-empty', 'cdata', 'text'),
  wrap: fc.constantFrom('', 'g', 'metadata'),
}) as fc.Arbitrary<SvgPrimary>;

function parseXml(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== 'warning') errors.push(msg);
    },
  }).parseFromString(svg, 'image/svg+xml');
  if (errors.length > 0) throw new Error(`xmldom: ${errors.join('; ')}`);
  return doc;
}

/**
 * Independent readers of an SVG, each returning what it reads as credential texts: namespace-aware
 * (verify first, then text), by qualified name `openbadges:*`, by local name in any case and
 * namespace with any verify-like attribute, the element's first CDATA section only, the element's
 * markup as a string, and a search of the raw text for element markup.
 */
function svgReadings(svg: string): { readers: Record<string, string[]>; strict: string[] } {
  const doc = parseXml(svg);
  const all = Array.from({ length: doc.getElementsByTagName('*').length }, (_, i) =>
    doc.getElementsByTagName('*').item(i),
  ).filter((e): e is NonNullable<typeof e> => e !== null);
  const read = (el: (typeof all)[0]) => el.getAttribute('verify') ?? (el.textContent ?? '').trim();
  const strictEls = all.filter(
    (e) =>
      (e.namespaceURI === OB3 && e.localName === 'credential') ||
      (e.namespaceURI === CLR && e.localName === 'credential') ||
      (e.namespaceURI === OB2 && e.localName === 'assertion'),
  );
  const lenientEls = all.filter((e) =>
    ['credential', 'assertion'].includes((e.localName ?? '').toLowerCase()),
  );
  const serializer = new XMLSerializer();
  const readers: Record<string, string[]> = {
    namespaceAware: strictEls.map(read),
    textFirst: strictEls.map(
      (e) => (e.textContent ?? '').trim() || (e.getAttribute('verify') ?? ''),
    ),
    qualifiedName: all
      .filter((e) => /^openbadges:(credential|assertion)$/.test(e.tagName))
      .map(read),
    anyCase: lenientEls.flatMap((e) =>
      Array.from({ length: e.attributes.length }, (_, i) => e.attributes.item(i))
        .filter((a) => (a?.localName ?? '').toLowerCase() === 'verify')
        .map((a) => a?.value ?? '')
        .concat((e.textContent ?? '').trim() ? [(e.textContent ?? '').trim()] : []),
    ),
    firstCdata: strictEls.map((e) => {
      const c = Array.from({ length: e.childNodes.length }, (_, i) => e.childNodes.item(i)).find(
        (n) => n?.nodeType === 4,
      );
      return c ? ((c as unknown as { data: string }).data ?? '').trim() : read(e);
    }),
    markup: strictEls.map(
      (e) =>
        e.getAttribute('verify') ??
        Array.from({ length: e.childNodes.length }, (_, i) =>
          serializer.serializeToString(e.childNodes.item(i) as never),
        )
          .join('')
          .trim(),
    ),
    rawText: [...svg.matchAll(/<\s*([\w.-]+:)?(credential|assertion)(?=[\s/>])/gi)].map(
      (m) => m[0],
    ),
  };
  return { readers, strict: readers.namespaceAware ?? [] };
}

/** True when some reader finds two credentials, or readers read different texts. */
function readersDisagree(svg: string): boolean {
  const { readers } = svgReadings(svg);
  if (Object.values(readers).some((r) => r.length > 1)) return true;
  const texts = new Set(
    Object.entries(readers)
      .filter(([k]) => k !== 'rawText')
      .flatMap(([, r]) => r.map((t) => t.replace(/^<!\[CDATA\[|\]\]>$/g, '').trim())),
  );
  return texts.size > 1 || (readers.rawText?.length ?? 0) !== (readers.namespaceAware?.length ?? 0);
}

describe('SVG with a second credential carrier', () => {
  it('the attacks named in the report: a JWT in verify with other text, a second element elsewhere', async () => {
    const p: SvgPrimary = { prefix: 'openbadges', form: 'jwt', wrap: '' };
    const images = [
      svgDoc(p, (INSIDE['verify and different text'] as (p: SvgPrimary) => string)(p), ''),
      svgDoc(p, primaryElement(p), (OUTSIDE['other prefix'] as () => { markup: string })().markup),
      svgDoc(
        p,
        primaryElement(p),
        (OUTSIDE['default namespace'] as () => { markup: string })().markup,
      ),
    ];
    for (const [i, svg] of images.entries()) {
      expect(readersDisagree(svg)).toBe(true);
      await expectRefused(svg, i === 0 ? 'replaces' : 'refused');
    }
  });

  it(
    'a second element, anywhere and in any spelling, or hidden from XML readers, is refused',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          primaryArb,
          fc.constantFrom(...Object.keys(OUTSIDE)),
          fc.constantFrom(...WRAPPERS),
          fc.boolean(),
          async (p, kind, wrapper, first) => {
            const { markup, prolog } = (
              OUTSIDE[kind] as () => { markup: string; prolog?: string }
            )();
            const second = wrap(markup, wrapper);
            const svg = first
              ? svgDoc(p, `${second}${primaryElement(p)}`, '', prolog)
              : svgDoc(p, primaryElement(p), second, prolog);
            expect(readersDisagree(svg), kind).toBe(true);
            await expectRefused(svg);
          },
        ),
        { numRuns: fuzzRuns(60) },
      );
    },
    HANG_GUARD,
  );

  it(
    'a credential element that reads two ways is refused',
    async () => {
      await fc.assert(
        fc.asyncProperty(primaryArb, fc.constantFrom(...Object.keys(INSIDE)), async (p, kind) => {
          const element = (INSIDE[kind] as (p: SvgPrimary) => string)(p);
          const svg = svgDoc(p, element, '');
          expect(readersDisagree(svg), kind).toBe(true);
          // A second element inside, or element markup in the JSON, is a second carrier; the rest
          // is one element that reads two ways, which baking replaces whole.
          const second =
            kind === 'a credential element inside' || kind === 'a hidden element in the JSON';
          await expectRefused(svg, second ? 'refused' : 'replaces');
        }),
        { numRuns: fuzzRuns(40) },
      );
    },
    HANG_GUARD,
  );

  it('a lone element in a look-alike form is refused', async () => {
    const lone = [
      'letter case of the name',
      'upper-case name, default namespace',
      'trailing slash namespace',
      'http namespace',
      'assertion in the 3.0 namespace',
      'credential in no badge namespace',
      'prefix redeclared on a parent',
      'in a comment',
      'in a CDATA section of a script',
      'in a processing instruction',
      'in the DOCTYPE',
    ];
    for (const kind of lone) {
      const { markup, prolog } = (OUTSIDE[kind] as () => { markup: string; prolog?: string })();
      const svg = svgDoc(undefined, '', markup, prolog);
      const { readers, strict } = svgReadings(svg);
      expect(strict, kind).toEqual([]);
      expect(
        Object.values(readers).some((r) => r.length > 0),
        kind,
      ).toBe(true);
      await expectRefused(svg);
    }
  });

  it(
    'control: exactly one credential element, in any standard form and place, verifies',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          primaryArb,
          fc.constantFrom(
            '',
            '<!-- a comment about credentials -->',
            '<desc>credential &lt;info&gt;</desc>',
            '<script><![CDATA[var x = 1 < 2;]]></script>',
          ),
          async (p, noise) => {
            const svg = svgDoc(p, primaryElement(p), noise);
            expect(readersDisagree(svg)).toBe(false);
            const found = unbakeBadge(svg);
            expect(found.text).toBe(p.form.startsWith('jwt') ? A_JWT : A);
            const report = await verifyOffline(svg);
            expect(report.checks.find((c) => c.id === 'parse')?.outcome).toBe('pass');
            expect(report.verdict).not.toBe('invalid');
          },
        ),
        { numRuns: fuzzRuns(12) },
      );
    },
    HANG_GUARD,
  );

  it(
    '50,000 credential elements, hidden ones, or ones with comments inside are counted in one pass',
    () => {
      const many = `<svg xmlns:o="${OB3}">${'<o:credential verify="a.b.c"/>'.repeat(50_000)}</svg>`;
      expect(thrown(() => unbakeBadge(many)).details).toMatchObject({ count: 50_000 });
      const hidden = `<svg>${'<!-- <o:credential/> -->'.repeat(50_000)}</svg>`;
      expect(thrown(() => unbakeBadge(hidden)).details).toMatchObject({ count: 50_000 });
      const troubled = `<svg xmlns:o="${OB3}">${'<o:credential><!-- c --><g/>x</o:credential>\n'.repeat(50_000)}</svg>`;
      expect(thrown(() => unbakeBadge(troubled)).details).toMatchObject({ count: 50_000 });
    },
    HANG_GUARD,
  );
});

describe('what the one carrier holds', () => {
  it('JSON with a member name twice is refused by verify, as JSON text is', async () => {
    const text = A.replace('"name":', '"name":"Forged Badge","name":');
    for (const image of [
      makePng({
        before: [
          { type: 'iTXt', data: textChunkData('iTXt', 'openbadgecredential', utf8(text), false) },
        ],
      }),
      svgDoc(
        { prefix: 'openbadges', form: 'cdata', wrap: '' },
        primaryElement({ prefix: 'openbadges', form: 'cdata', wrap: '' }, cdata(text)),
        '',
      ),
    ]) {
      const report = await verifyOffline(image);
      expect(report.verdict).toBe('invalid');
      expect(failCodes(report)).toEqual(['json_duplicate_key']);
    }
  });
});
