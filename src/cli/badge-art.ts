/**
 * The badge art of `ob3kit demo` and `ob3kit init`: a medal showing the achievement's name and
 * its issuer, drawn by code as an SVG document and as a PNG image of the same layout (no font
 * file, nothing fetched). Names are user data: the SVG escapes them, and both forms wrap and
 * shorten them to fit.
 */
import { HERSHEY_SIMPLEX } from './badge-font.js';
import { encodePng } from './png.js';

/**
 * What a badge shows.
 *
 * @example
 * ```ts
 * const art: BadgeArt = { achievement: 'Teamwork', issuer: 'Example University' };
 * ```
 */
export interface BadgeArt {
  /** The achievement's name, in large type at the centre. */
  achievement: string;
  /** The issuer's name, below it. */
  issuer: string;
}

/** The art is laid out on a 512 × 512 grid; the PNG scales it. */
const GRID = 512;
const CENTER = GRID / 2;
/** At most this many characters of a name are laid out (the rest is cut with an ellipsis). */
const MAX_NAME_CHARS = 160;
const ELLIPSIS = '…';

const COLORS = {
  edge: '#9a6b12',
  goldTop: '#f7d774',
  goldBottom: '#c08a22',
  navyTop: '#2a52a8',
  navyBottom: '#13275e',
  innerRing: '#e9bd52',
  star: '#f6c945',
  achievement: '#ffffff',
  issuer: '#fad98a',
  ribbon: '#c0392b',
  ribbonTail: '#8e2a1f',
  ribbonText: '#ffffff',
} as const;

// ---- Text layout ---------------------------------------------------------------------------

/** Advance of a space, in font units (the capital height is 21). */
const SPACE_ADVANCE = 12;
/** Advance given to a character the stroke font lacks (the PNG draws `?` for it). */
const WIDE_ADVANCE = 26;

/** Letters that fold to more than one ASCII letter (accents are removed by NFD first). */
const FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  '…': '...',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
};

/** The ASCII the stroke font draws for one character (`?` when it has no likeness). */
function foldChar(ch: string): string {
  const direct = FOLDS[ch];
  if (direct !== undefined) return direct;
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  if (/^[\x20-\x7e]*$/.test(base)) return base;
  const again = [...base].map((c) => FOLDS[c] ?? (/^[\x20-\x7e]$/.test(c) ? c : '?')).join('');
  return again;
}

/** Advance of one character in font units. */
function advance(ch: string): number {
  if (ch === ' ') return SPACE_ADVANCE;
  const folded = foldChar(ch);
  if (folded === '') return 0;
  if (folded === '?' && ch !== '?') return WIDE_ADVANCE;
  let sum = 0;
  for (const c of folded) {
    const glyph = HERSHEY_SIMPLEX[c.charCodeAt(0) - 33];
    sum += glyph ? 2 * Number.parseInt(glyph, 10) : SPACE_ADVANCE;
  }
  return sum;
}

function widthOf(chars: readonly string[]): number {
  let w = 0;
  for (const c of chars) w += advance(c);
  return w;
}

/** False for what no badge can show: lone surrogates, C0/C1 controls, non-characters. */
function showable(ch: string): boolean {
  const cp = ch.codePointAt(0) as number;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return !(cp >= 0xfdd0 && cp <= 0xfdef) && (cp & 0xfffe) !== 0xfffe;
}

/**
 * A name as characters to lay out: NFC, whitespace (line breaks and tabs included) collapsed to
 * single spaces, characters XML 1.0 cannot hold removed, at most {@link MAX_NAME_CHARS}.
 */
export function cleanName(name: string): string[] {
  const text = [...String(name).normalize('NFC')]
    .map((ch) => (showable(ch) ? ch : ' '))
    .join('')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = [...text];
  if (chars.length <= MAX_NAME_CHARS) return chars;
  return [...chars.slice(0, MAX_NAME_CHARS - 1), ELLIPSIS];
}

/** Split characters into lines at most `max` font units wide; a long word is cut. */
function wrap(chars: readonly string[], max: number): string[][] {
  const words: string[][] = [[]];
  for (const c of chars) {
    if (c === ' ') words.push([]);
    else (words[words.length - 1] as string[]).push(c);
  }
  const lines: string[][] = [];
  let line: string[] = [];
  for (const word of words.filter((w) => w.length > 0)) {
    const joined = line.length ? [...line, ' ', ...word] : word;
    if (widthOf(joined) <= max) {
      line = joined;
      continue;
    }
    if (line.length) lines.push(line);
    line = [];
    let rest = word;
    while (widthOf(rest) > max) {
      let n = 1;
      while (n < rest.length && widthOf(rest.slice(0, n + 1)) <= max) n++;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line.length) lines.push(line);
  return lines;
}

/** Shorten a line so that it and an ellipsis fit in `max` font units. */
function withEllipsis(line: readonly string[], max: number): string[] {
  const out = [...line];
  while (out.length && widthOf([...out, ELLIPSIS]) > max) out.pop();
  while (out.length && out[out.length - 1] === ' ') out.pop();
  return [...out, ELLIPSIS];
}

/** A block of centred lines: the characters of each and the size they are drawn at. */
interface TextBlock {
  lines: string[][];
  /** Capital height on the grid. */
  cap: number;
  /** Distance between baselines on the grid. */
  leading: number;
}

/**
 * The largest size (from `capMax` down to `capMin`) at which the text fits in `maxLines` lines
 * no taller than `height`; at the smallest size, what does not fit is cut with an ellipsis.
 */
function fitText(
  chars: readonly string[],
  width: number,
  maxLines: number,
  height: number,
  capMax: number,
  capMin: number,
): TextBlock {
  const linesFor = (cap: number) =>
    Math.min(maxLines, Math.floor((height - cap) / (cap * LEADING)) + 1);
  for (let cap = capMax; cap >= capMin; cap -= 1) {
    const lines = wrap(chars, (width * 21) / cap);
    if (lines.length <= linesFor(cap)) return { lines, cap, leading: cap * LEADING };
  }
  const limit = (width * 21) / capMin;
  const room = Math.max(1, linesFor(capMin));
  const kept = wrap(chars, limit).slice(0, room);
  kept[room - 1] = withEllipsis(kept[room - 1] ?? [], limit);
  return { lines: kept, cap: capMin, leading: capMin * LEADING };
}

/** Distance between baselines, in capital heights. */
const LEADING = 1.45;

/** Where everything goes, on the 512 grid. */
interface Layout {
  achievement: TextBlock & { top: number };
  issuer: TextBlock & { top: number };
  dividerY: number;
}

/** The room for the names: below the star, above the ribbon. */
const TEXT_TOP = 140;
const TEXT_BOTTOM = 374;
const GAP = 18;

const blockHeight = (b: TextBlock) => b.cap + (b.lines.length - 1) * b.leading;

function layout(art: BadgeArt): Layout {
  const issuer = fitText(cleanName(art.issuer), 290, 2, 60, 19, 13);
  const room = TEXT_BOTTOM - TEXT_TOP - blockHeight(issuer) - 2 * GAP;
  const achievement = fitText(cleanName(art.achievement), 318, 4, room, 36, 18);
  const total = blockHeight(achievement) + 2 * GAP + blockHeight(issuer);
  const top = TEXT_TOP + (TEXT_BOTTOM - TEXT_TOP - total) / 2;
  const dividerY = top + blockHeight(achievement) + GAP;
  return {
    achievement: { ...achievement, top },
    issuer: { ...issuer, top: dividerY + GAP },
    dividerY,
  };
}

// ---- Shapes shared by both renderers --------------------------------------------------------

const RING_OUTER = 244;
const RING_INNER = 224;
const INNER_LINE = 211;
const STAR = { cx: CENTER, cy: 100, outer: 26, inner: 11 };
const RIBBON = { top: 390, bottom: 438, left: 64, right: 448, tail: 40 };
const RIBBON_TEXT = 'OPEN BADGE';

function starPoints(): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? STAR.outer : STAR.inner;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    pts.push([STAR.cx + r * Math.cos(a), STAR.cy + r * Math.sin(a)]);
  }
  return pts;
}

/** The ribbon's two tails (drawn behind its band), each a notched strip. */
function ribbonTails(): Array<Array<[number, number]>> {
  const { top, bottom, left, right, tail } = RIBBON;
  const drop = 14;
  const mid = (top + bottom) / 2 + drop;
  return [
    [
      [left + 24, top + drop],
      [left - tail, top + drop],
      [left - tail + 18, mid],
      [left - tail, bottom + drop],
      [left + 24, bottom + drop],
    ],
    [
      [right - 24, top + drop],
      [right + tail, top + drop],
      [right + tail - 18, mid],
      [right + tail, bottom + drop],
      [right - 24, bottom + drop],
    ],
  ];
}

function ribbonBand(): Array<[number, number]> {
  const { top, bottom, left, right } = RIBBON;
  return [
    [left, top],
    [right, top],
    [right, bottom],
    [left, bottom],
  ];
}

// ---- SVG --------------------------------------------------------------------------------

/** XML text for a name: the five special characters as entities (the rest is already clean). */
function xmlText(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch,
  );
}

const FONT_FAMILY = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif";

function svgLines(
  block: TextBlock & { top: number },
  role: string,
  fill: string,
  weight: number,
): string[] {
  // The stroke font's capitals are 21 units high; a sans-serif capital is about 0.72 em.
  const fontSize = (block.cap / 0.72).toFixed(1);
  return block.lines.map((line, i) => {
    const baseline = (block.top + block.cap + i * block.leading).toFixed(1);
    return `    <text class="${role}" x="${CENTER}" y="${baseline}" font-size="${fontSize}" font-weight="${weight}" fill="${fill}">${xmlText(line.join(''))}</text>`;
  });
}

const points = (pts: Array<[number, number]>) =>
  pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');

/**
 * The badge as an SVG document (512 × 512), showing the achievement's name and the issuer's.
 *
 * @example
 * ```ts
 * writeFileSync('badge.svg', createBadgeSvg({ achievement: 'Teamwork', issuer: 'Example University' }));
 * ```
 */
export function createBadgeSvg(art: BadgeArt): string {
  const l = layout(art);
  const title = `${cleanName(art.achievement).join('')} — ${cleanName(art.issuer).join('')}`;
  const ribbonCap = 17;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${GRID}" height="${GRID}" viewBox="0 0 ${GRID} ${GRID}" role="img" aria-label="${xmlText(title)}">`,
    `  <title>${xmlText(title)}</title>`,
    '  <defs>',
    `    <linearGradient id="gold" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${COLORS.goldTop}"/><stop offset="1" stop-color="${COLORS.goldBottom}"/></linearGradient>`,
    `    <linearGradient id="navy" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${COLORS.navyTop}"/><stop offset="1" stop-color="${COLORS.navyBottom}"/></linearGradient>`,
    '  </defs>',
    `  <circle cx="${CENTER}" cy="${CENTER}" r="${RING_OUTER}" fill="${COLORS.edge}"/>`,
    `  <circle cx="${CENTER}" cy="${CENTER}" r="${RING_OUTER - 4}" fill="url(#gold)"/>`,
    `  <circle cx="${CENTER}" cy="${CENTER}" r="${RING_INNER}" fill="${COLORS.edge}"/>`,
    `  <circle cx="${CENTER}" cy="${CENTER}" r="${RING_INNER - 3}" fill="url(#navy)"/>`,
    `  <circle cx="${CENTER}" cy="${CENTER}" r="${INNER_LINE}" fill="none" stroke="${COLORS.innerRing}" stroke-width="2.5" stroke-opacity="0.8"/>`,
    `  <polygon points="${points(starPoints())}" fill="${COLORS.star}"/>`,
    `  <g font-family="${FONT_FAMILY}" text-anchor="middle">`,
    ...svgLines(l.achievement, 'achievement', COLORS.achievement, 700),
    `    <rect x="${CENTER - 32}" y="${(l.dividerY - 1.5).toFixed(1)}" width="64" height="3" rx="1.5" fill="${COLORS.star}"/>`,
    ...svgLines(l.issuer, 'issuer', COLORS.issuer, 400),
    '  </g>',
    ...ribbonTails().map((t) => `  <polygon points="${points(t)}" fill="${COLORS.ribbonTail}"/>`),
    `  <polygon points="${points(ribbonBand())}" fill="${COLORS.ribbon}"/>`,
    `  <text class="ribbon" x="${CENTER}" y="${((RIBBON.top + RIBBON.bottom) / 2 + ribbonCap / 2).toFixed(1)}" font-family="${FONT_FAMILY}" font-size="${(ribbonCap / 0.72).toFixed(1)}" font-weight="700" letter-spacing="4" text-anchor="middle" fill="${COLORS.ribbonText}">${RIBBON_TEXT}</text>`,
    '</svg>',
    '',
  ].join('\n');
}

// ---- PNG --------------------------------------------------------------------------------

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

const clamp01 = (v: number) => Math.max(0, Math.min(1, v));

/** A straight-alpha RGBA canvas with anti-aliased shapes composited "over". */
class Canvas {
  readonly px: Float32Array;
  constructor(
    readonly size: number,
    readonly scale: number,
  ) {
    this.px = new Float32Array(size * size * 4);
  }

  /** Paint `color` at pixel `i` with coverage `a` (0..1). */
  blend(i: number, color: Rgb, a: number): void {
    if (a <= 0) return;
    const p = this.px;
    const o = i * 4;
    if (a >= 1) {
      p[o] = color[0];
      p[o + 1] = color[1];
      p[o + 2] = color[2];
      p[o + 3] = 1;
      return;
    }
    const da = p[o + 3] as number;
    const keep = da * (1 - a);
    const outA = a + keep;
    p[o] = (color[0] * a + (p[o] as number) * keep) / outA;
    p[o + 1] = (color[1] * a + (p[o + 1] as number) * keep) / outA;
    p[o + 2] = (color[2] * a + (p[o + 2] as number) * keep) / outA;
    p[o + 3] = outA;
  }

  /** A disc of radius `r` (grid units) filled by `paint(yOnGrid)`. */
  disc(r: number, paint: (y: number) => Rgb): void {
    const s = this.scale;
    const c = CENTER * s - 0.5;
    const rp = r * s;
    const lo = Math.max(0, Math.floor(c - rp - 1));
    const hi = Math.min(this.size - 1, Math.ceil(c + rp + 1));
    for (let y = lo; y <= hi; y++) {
      const dy = y - c;
      const reach = (rp + 1) ** 2 - dy * dy;
      if (reach <= 0) continue;
      const half = Math.sqrt(reach);
      const color = paint((y + 0.5) / s);
      const x0 = Math.max(0, Math.floor(c - half));
      const x1 = Math.min(this.size - 1, Math.ceil(c + half));
      for (let x = x0; x <= x1; x++) {
        const d = Math.sqrt((x - c) * (x - c) + dy * dy);
        this.blend(y * this.size + x, color, clamp01(rp - d + 0.5));
      }
    }
  }

  /** A circle outline of radius `r` and width `w` (grid units). */
  ring(r: number, w: number, color: Rgb, opacity: number): void {
    const s = this.scale;
    const c = CENTER * s - 0.5;
    const half = (w * s) / 2;
    const outer = r * s + half + 1;
    const lo = Math.max(0, Math.floor(c - outer));
    const hi = Math.min(this.size - 1, Math.ceil(c + outer));
    for (let y = lo; y <= hi; y++) {
      const dy = y - c;
      const reach = outer * outer - dy * dy;
      if (reach <= 0) continue;
      const span = Math.sqrt(reach);
      const x0 = Math.max(0, Math.floor(c - span));
      const x1 = Math.min(this.size - 1, Math.ceil(c + span));
      for (let x = x0; x <= x1; x++) {
        const d = Math.abs(Math.sqrt((x - c) * (x - c) + dy * dy) - r * s);
        if (d < half + 1) this.blend(y * this.size + x, color, opacity * clamp01(half - d + 0.5));
      }
    }
  }

  /** A polygon (grid units), even-odd: exact coverage across, 4 sub-rows down a pixel. */
  polygon(pts: Array<[number, number]>, color: Rgb): void {
    const s = this.scale;
    const sp = pts.map(([x, y]) => [x * s, y * s] as [number, number]);
    const ys = sp.map((p) => p[1]);
    const y0 = Math.max(0, Math.floor(Math.min(...ys)));
    const y1 = Math.min(this.size - 1, Math.ceil(Math.max(...ys)));
    const row = new Float32Array(this.size);
    for (let y = y0; y <= y1; y++) {
      row.fill(0);
      for (let sub = 0; sub < 4; sub++) {
        const sy = y + (sub + 0.5) / 4;
        const xs: number[] = [];
        for (let i = 0, j = sp.length - 1; i < sp.length; j = i++) {
          const [xi, yi] = sp[i] as [number, number];
          const [xj, yj] = sp[j] as [number, number];
          if (yi > sy !== yj > sy) xs.push(((xj - xi) * (sy - yi)) / (yj - yi) + xi);
        }
        xs.sort((p, q) => p - q);
        for (let k = 0; k + 1 < xs.length; k += 2) {
          addSpan(row, xs[k] as number, xs[k + 1] as number, 0.25);
        }
      }
      for (let x = 0; x < this.size; x++) {
        const c = row[x] as number;
        if (c > 0) this.blend(y * this.size + x, color, Math.min(1, c));
      }
    }
  }

  /** Strokes (grid units) with round ends, `width` wide, painted once as one layer. */
  strokes(segments: Array<[number, number, number, number]>, width: number, color: Rgb): void {
    const s = this.scale;
    const half = (width * s) / 2;
    const cover = new Float32Array(this.size * this.size);
    for (const [ax0, ay0, bx0, by0] of segments) {
      const ax = ax0 * s - 0.5;
      const ay = ay0 * s - 0.5;
      const bx = bx0 * s - 0.5;
      const by = by0 * s - 0.5;
      const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - half - 1));
      const x1 = Math.min(this.size - 1, Math.ceil(Math.max(ax, bx) + half + 1));
      const y0 = Math.max(0, Math.floor(Math.min(ay, by) - half - 1));
      const y1 = Math.min(this.size - 1, Math.ceil(Math.max(ay, by) + half + 1));
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const t = len2 === 0 ? 0 : clamp01(((x - ax) * dx + (y - ay) * dy) / len2);
          const d = Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
          const c = clamp01(half - d + 0.5);
          const i = y * this.size + x;
          if (c > (cover[i] as number)) cover[i] = c;
        }
      }
    }
    for (let i = 0; i < cover.length; i++) this.blend(i, color, cover[i] as number);
  }

  toPng(): Uint8Array {
    const out = new Uint8Array(this.px.length);
    for (let i = 0; i < this.px.length; i++) out[i] = Math.round(this.px[i] as number);
    for (let i = 3; i < out.length; i += 4) out[i] = Math.round((this.px[i] as number) * 255);
    return encodePng(this.size, this.size, out);
  }
}

/** Add `weight` × the covered fraction of each pixel of the span [a, b) to `row`. */
function addSpan(row: Float32Array, a: number, b: number, weight: number): void {
  const from = Math.max(0, a);
  const to = Math.min(row.length, b);
  if (to <= from) return;
  const first = Math.floor(from);
  const last = Math.min(row.length - 1, Math.floor(to));
  if (first === last) {
    row[first] = (row[first] as number) + (to - from) * weight;
    return;
  }
  row[first] = (row[first] as number) + (first + 1 - from) * weight;
  for (let x = first + 1; x < last; x++) row[x] = (row[x] as number) + weight;
  if (last < row.length) row[last] = (row[last] as number) + (to - last) * weight;
}

/** The stroke segments of one line of text, centred on x = `cx`, baseline at `baseline`. */
function textSegments(
  chars: readonly string[],
  cx: number,
  baseline: number,
  cap: number,
  tracking = 0,
): Array<[number, number, number, number]> {
  const k = cap / 21;
  const text = chars.map(foldChar).join('');
  let width = 0;
  for (const c of text) width += advanceOfAscii(c) + tracking;
  let x = cx - ((width - tracking) * k) / 2;
  const segs: Array<[number, number, number, number]> = [];
  for (const c of text) {
    const glyph = HERSHEY_SIMPLEX[c.charCodeAt(0) - 33];
    if (glyph) {
      const path = glyph.slice(glyph.indexOf(' ') + 1);
      for (const stroke of path.split('M').filter(Boolean)) {
        const pts = [...stroke.matchAll(/(-?\d+),(-?\d+)/g)].map(
          (m) => [x + Number(m[1]) * k, baseline + (Number(m[2]) - 22) * k] as const,
        );
        for (let i = 1; i < pts.length; i++) {
          const a = pts[i - 1] as readonly [number, number];
          const b = pts[i] as readonly [number, number];
          segs.push([a[0], a[1], b[0], b[1]]);
        }
        if (pts.length === 1) {
          const a = pts[0] as readonly [number, number];
          segs.push([a[0], a[1], a[0], a[1]]);
        }
      }
    }
    x += (advanceOfAscii(c) + tracking) * k;
  }
  return segs;
}

function advanceOfAscii(c: string): number {
  const glyph = HERSHEY_SIMPLEX[c.charCodeAt(0) - 33];
  return glyph ? 2 * Number.parseInt(glyph, 10) : SPACE_ADVANCE;
}

function blockSegments(block: TextBlock & { top: number }) {
  return block.lines.flatMap((line, i) =>
    textSegments(line, CENTER, block.top + block.cap + i * block.leading, block.cap),
  );
}

/**
 * The badge as a PNG image (`size` × `size` pixels, default 512): the same medal, names and
 * layout as {@link createBadgeSvg}. Letters without an ASCII likeness are drawn as `?`.
 *
 * @example
 * ```ts
 * writeFileSync('badge.png', createBadgePng({ achievement: 'Teamwork', issuer: 'Example University' }));
 * ```
 */
export function createBadgePng(art: BadgeArt, size = 512): Uint8Array {
  if (!Number.isInteger(size) || size < 16 || size > 4096) {
    throw new TypeError(`createBadgePng: size must be an integer from 16 to 4096, found ${size}`);
  }
  const l = layout(art);
  const cv = new Canvas(size, size / GRID);
  const gold = (y: number) =>
    mix(rgb(COLORS.goldTop), rgb(COLORS.goldBottom), clamp01((y - 12) / (GRID - 24)));
  const navy = (y: number) =>
    mix(rgb(COLORS.navyTop), rgb(COLORS.navyBottom), clamp01((y - 32) / (GRID - 64)));
  cv.disc(RING_OUTER, () => rgb(COLORS.edge));
  cv.disc(RING_OUTER - 4, gold);
  cv.disc(RING_INNER, () => rgb(COLORS.edge));
  cv.disc(RING_INNER - 3, navy);
  cv.ring(INNER_LINE, 2.5, rgb(COLORS.innerRing), 0.8);
  cv.polygon(starPoints(), rgb(COLORS.star));
  cv.strokes(blockSegments(l.achievement), l.achievement.cap * 0.17, rgb(COLORS.achievement));
  cv.strokes([[CENTER - 31, l.dividerY, CENTER + 31, l.dividerY]], 3, rgb(COLORS.star));
  cv.strokes(blockSegments(l.issuer), l.issuer.cap * 0.12, rgb(COLORS.issuer));
  for (const t of ribbonTails()) cv.polygon(t, rgb(COLORS.ribbonTail));
  cv.polygon(ribbonBand(), rgb(COLORS.ribbon));
  const ribbonCap = 17;
  cv.strokes(
    textSegments(
      [...RIBBON_TEXT],
      CENTER,
      (RIBBON.top + RIBBON.bottom) / 2 + ribbonCap / 2,
      ribbonCap,
      6,
    ),
    ribbonCap * 0.16,
    rgb(COLORS.ribbonText),
  );
  return cv.toPng();
}

/** What the demo's badge shows. */
const DEMO_ART: BadgeArt = { achievement: 'Open Badges 101', issuer: 'ob3kit Demo Academy' };

/**
 * The demo's badge as a PNG ({@link createBadgePng} with the demo's names).
 *
 * @example
 * ```ts
 * writeFileSync('badge.png', createDemoBadgePng());
 * ```
 */
export function createDemoBadgePng(size = 512): Uint8Array {
  return createBadgePng(DEMO_ART, size);
}

/**
 * The demo's badge as an SVG document ({@link createBadgeSvg} with the demo's names).
 *
 * @example
 * ```ts
 * writeFileSync('badge.svg', createDemoBadgeSvg());
 * ```
 */
export function createDemoBadgeSvg(): string {
  return createBadgeSvg(DEMO_ART);
}
