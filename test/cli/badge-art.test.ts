import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { cleanName, createBadgePng, createBadgeSvg } from '../../src/cli/badge-art.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 200);

/** Parse with xmldom, failing on any error; the elements and the text of each `<text>`. */
function parseSvg(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== 'warning') errors.push(msg);
    },
  }).parseFromString(svg, 'image/svg+xml');
  if (errors.length > 0) throw new Error(`xmldom: ${errors.join('; ')}`);
  const names = new Set<string>();
  const texts: Array<{ role: string | null; text: string }> = [];
  const walk = (node: Element) => {
    names.add(node.localName);
    if (node.localName === 'text') {
      texts.push({ role: node.getAttribute('class'), text: node.textContent ?? '' });
    }
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) walk(c as unknown as Element);
    }
  };
  walk(doc.documentElement as unknown as Element);
  const title = doc.getElementsByTagName('title').item(0)?.textContent ?? '';
  return { names, texts, title };
}

/** A name's characters other than spaces (a line breaks at a space or inside a long word). */
const ink = (text: string) => text.replace(/ /g, '');

/** The lines of one name (`class` names it). */
const linesIn = (texts: Array<{ role: string | null; text: string }>, role: string) =>
  texts.filter((t) => t.role === role).map((t) => t.text);

const ACHIEVEMENT = 'achievement';
const ISSUER = 'issuer';
const ELEMENTS = [
  'svg',
  'title',
  'defs',
  'linearGradient',
  'stop',
  'circle',
  'polygon',
  'g',
  'text',
  'rect',
];

describe('badge art: SVG', () => {
  it('shows the achievement and the issuer as text', () => {
    const { texts, title } = parseSvg(
      createBadgeSvg({ achievement: 'Teamwork', issuer: 'Example University' }),
    );
    expect(linesIn(texts, ACHIEVEMENT)).toEqual(['Teamwork']);
    expect(linesIn(texts, ISSUER)).toEqual(['Example University']);
    expect(title).toBe('Teamwork — Example University');
  });

  it('keeps hostile names as text: escaped, never markup', () => {
    const achievement = '</text><script>alert(1)</script><![CDATA[ x ]]> &amp; "q" \'a\'';
    const issuer = '<!-- c --><?pi x?>&#60;&lt;';
    const svg = createBadgeSvg({ achievement, issuer });
    const { names, texts, title } = parseSvg(svg);
    expect([...names].every((n) => ELEMENTS.includes(n))).toBe(true);
    expect(ink(linesIn(texts, ACHIEVEMENT).join(''))).toBe(ink(achievement));
    expect(linesIn(texts, ISSUER).join(' ')).toBe(issuer);
    expect(title).toBe(`${achievement} — ${issuer}`);
    expect(svg).not.toContain('<script');
  });

  it('wraps a long name and shortens what does not fit with an ellipsis', () => {
    const long = 'Advanced Certificate in Sustainable Urban Water Management '.repeat(4).trim();
    const { texts } = parseSvg(createBadgeSvg({ achievement: long, issuer: 'X' }));
    const lines = linesIn(texts, ACHIEVEMENT);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(lines.at(-1)).toMatch(/…$/);
    expect(ink(long).startsWith(ink(lines.join('')).slice(0, -1))).toBe(true);
  });

  it('removes what XML cannot hold (controls, lone surrogates) and collapses white space', () => {
    expect(cleanName('  a\u0000b\u0007\n\tc\uD800d\uFFFE  ').join('')).toBe('a b c d');
    expect(cleanName('x'.repeat(10_000))).toHaveLength(160);
  });

  it('is well-formed and keeps every name as text, for any name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        (achievement, issuer) => {
          const { names, texts } = parseSvg(createBadgeSvg({ achievement, issuer }));
          expect([...names].every((n) => ELEMENTS.includes(n))).toBe(true);
          for (const [name, fill] of [
            [achievement, ACHIEVEMENT],
            [issuer, ISSUER],
          ] as const) {
            const shown = ink(linesIn(texts, fill).join(''));
            const clean = ink(cleanName(name).join(''));
            if (shown.endsWith('…') && !clean.endsWith('…')) {
              expect(clean.startsWith(shown.slice(0, -1))).toBe(true);
            } else {
              expect(shown).toBe(clean);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('badge art: PNG', () => {
  const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));
  const pixel = (img: PNG, x: number, y: number) =>
    [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)] as number[];

  it('draws a medal: transparent corners, a blue disc, the names in white', () => {
    const img = decode(createBadgePng({ achievement: 'Teamwork', issuer: 'Example University' }));
    expect([img.width, img.height]).toEqual([512, 512]);
    expect(pixel(img, 0, 0)[3]).toBe(0);
    const [r, g, b, a] = pixel(img, 60, 256);
    expect(a).toBe(255);
    expect(b).toBeGreaterThan((r as number) + 60);
    expect(b).toBeGreaterThan((g as number) + 30);
  });

  it('draws the names, and nothing outside the disc', () => {
    const white = (img: PNG) => {
      const out: Array<[number, number]> = [];
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const [r, g, b] = pixel(img, x, y);
          if ((r as number) > 240 && (g as number) > 240 && (b as number) > 240) out.push([x, y]);
        }
      }
      return out;
    };
    const short = white(decode(createBadgePng({ achievement: 'A', issuer: 'B' })));
    const long = white(
      decode(createBadgePng({ achievement: 'W'.repeat(200), issuer: 'Example University' })),
    );
    expect(long.length).toBeGreaterThan(short.length * 2);
    for (const [x, y] of long) expect(Math.hypot(x - 255.5, y - 255.5)).toBeLessThan(224);
  });

  it('draws accented letters as their base letters, and any name within the same bounds', () => {
    const plain = createBadgePng({ achievement: 'Unicode', issuer: 'Ecole' });
    expect(createBadgePng({ achievement: 'Ünïcødé', issuer: 'École' })).toEqual(plain);
    expect(createBadgePng({ achievement: 'Ünïcødé', issuer: 'Ecole' })).toEqual(plain);
    expect(createBadgePng({ achievement: 'Teamwork', issuer: 'Ecole' })).not.toEqual(plain);
    const img = decode(createBadgePng({ achievement: '数据分析 \uD800\u0000', issuer: '' }, 64));
    expect([img.width, img.height]).toEqual([64, 64]);
  });

  it('refuses a size it cannot draw', () => {
    for (const size of [0, 15, 4097, 1.5, Number.NaN]) {
      expect(() => createBadgePng({ achievement: 'a', issuer: 'b' }, size)).toThrow(TypeError);
    }
  });
});
