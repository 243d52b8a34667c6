/**
 * Baking CLR 2.0 records: the `clrcredential` PNG chunk and the `<credential>` element in the
 * CLR 2.0 namespace, read back by independent readers (a node:zlib chunk walker, @xmldom/xmldom),
 * one credential an image, and verify() reading a baked record as a CLR.
 */
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bakeBadge,
  CLR_PNG_KEYWORD,
  CLR_SVG_NAMESPACE,
  unbakeBadge,
} from '../../src/bake/index.js';
import { bakeClr, unbakeClr } from '../../src/clr/index.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { signCredential, signCredentialJwt } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import {
  fixtureBytes,
  fixtureText,
  itxtData,
  makePng,
  readChunks,
  splitItxt,
} from '../bake/helpers.js';
import { codes, type Loose } from '../verify/helpers.js';
import { badge, record } from './helpers.js';

const RUNS = Math.max(25, Number(process.env.OB3KIT_FUZZ_RUNS) || 0);
const NOW = new Date('2025-06-01T00:00:00Z');
const A = 'https://example.edu/achievements/a';

/** The CLR elements of an SVG, read with @xmldom/xmldom (namespace aware). */
function clrElements(svg: string): Array<{ verify: string | null; text: string }> {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const found = doc.getElementsByTagNameNS(CLR_SVG_NAMESPACE, 'credential');
  const out: Array<{ verify: string | null; text: string }> = [];
  for (let i = 0; i < found.length; i++) {
    const el = found.item(i);
    if (el) out.push({ verify: el.getAttribute('verify'), text: el.textContent ?? '' });
  }
  return out;
}

async function signedRecord(): Promise<Loose> {
  const { did, keyPair } = createDidKey(
    await generateKeyPair({ seed: new Uint8Array(32).fill(9) }),
  );
  const part = await signCredential(badge(A, 'did:example:learner', did), { key: keyPair });
  const clr = record([part]) as Loose;
  clr.issuer = { id: did, type: ['Profile'], name: 'Example University' };
  return { signed: await signCredential(clr, { key: keyPair }), key: keyPair, clr, part };
}

describe('bakeClr / unbakeClr', () => {
  it('PNG: one uncompressed iTXt chunk "clrcredential" holding the JSON, the rest unchanged', async () => {
    const { signed } = await signedRecord();
    const plain = fixtureBytes('plain.png');
    const baked = bakeClr(plain, signed);
    const { chunks } = readChunks(baked);
    const text = chunks.filter((c) => c.type === 'iTXt').map((c) => splitItxt(c.data));
    expect(text.map((t) => [t.keyword, t.flag, t.method])).toEqual([[CLR_PNG_KEYWORD, 0, 0]]);
    expect(JSON.parse(Buffer.from(text[0]?.text ?? []).toString('utf8'))).toEqual(signed);
    const others = chunks
      .filter((c) => c.type !== 'iTXt')
      .map((c) => Buffer.from(c.raw).toString('hex'));
    expect(others).toEqual(readChunks(plain).chunks.map((c) => Buffer.from(c.raw).toString('hex')));
    const back = unbakeClr(baked);
    expect(back).toMatchObject({ format: 'png', version: 'clr', kind: 'json' });
    expect(back.credential).toEqual(signed);
    // Baking again replaces the chunk.
    expect(readChunks(bakeClr(baked, signed)).chunks.filter((c) => c.type === 'iTXt')).toHaveLength(
      1,
    );
  });

  it('SVG: a <clr:credential> element in the CLR namespace (JSON in CDATA, a JWT in verify)', async () => {
    const { signed, key, clr } = await signedRecord();
    const svg = bakeClr(fixtureText('plain.svg'), signed);
    expect(svg).toContain(`xmlns:clr="${CLR_SVG_NAMESPACE}"`);
    const [el] = clrElements(svg);
    expect(JSON.parse(el?.text ?? '')).toEqual(signed);
    const jwt = await signCredentialJwt(clr, { key });
    const svgJwt = bakeClr(fixtureText('plain.svg'), jwt);
    expect(clrElements(svgJwt)).toEqual([{ verify: jwt, text: '' }]);
    expect(unbakeClr(svgJwt)).toMatchObject({ version: 'clr', kind: 'jwt', jwt });
  });

  it('round-trips any record text through PNG and SVG (property)', async () => {
    const { signed } = await signedRecord();
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (name, description) => {
        const doc = { ...signed, name, description };
        expect(unbakeClr(bakeClr(makePng({}), doc)).credential).toEqual(doc);
        const svg = bakeClr('<svg xmlns="http://www.w3.org/2000/svg"/>', doc);
        expect(unbakeClr(svg).credential).toEqual(doc);
      }),
      { numRuns: RUNS },
    );
  });

  it('one credential an image: a record and a badge together are refused, both ways', async () => {
    const { signed, part } = await signedRecord();
    const badgePng = bakeBadge(makePng({}), part);
    expect(() => bakeClr(badgePng, signed)).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_AMBIGUOUS' }),
    );
    const clrPng = bakeClr(makePng({}), signed);
    expect(() => bakeBadge(clrPng, part)).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_AMBIGUOUS' }),
    );
    const clrSvg = bakeClr(fixtureText('plain.svg'), signed);
    expect(() => bakeBadge(clrSvg, part)).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_AMBIGUOUS' }),
    );
    // An image made elsewhere with both chunks is refused when read.
    const both = makePng({
      before: [
        { type: 'iTXt', data: itxtData('openbadgecredential', JSON.stringify(part)) },
        { type: 'iTXt', data: itxtData('clrcredential', JSON.stringify(signed)) },
      ],
    });
    expect(() => unbakeBadge(both)).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_AMBIGUOUS' }),
    );
    const r = await verify(both, { now: NOW });
    expect(codes(r, 'parse')).toEqual(['image_ambiguous']);
    expect(r.verdict).toBe('invalid');
  });

  it('each kind goes under its own carrier: bakeBadge refuses a record, bakeClr a badge', async () => {
    const { signed, part, key, clr } = await signedRecord();
    expect(() => bakeBadge(makePng({}), signed)).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_PAYLOAD' }),
    );
    expect(() => bakeBadge(makePng({}), JSON.stringify(signed))).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_PAYLOAD' }),
    );
    const jwt = await signCredentialJwt(clr, { key });
    expect(() => bakeBadge(makePng({}), jwt)).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_PAYLOAD' }),
    );
    expect(() => bakeClr(makePng({}), part)).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_PAYLOAD' }),
    );
    expect(() => unbakeClr(bakeBadge(makePng({}), part))).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE_NO_CREDENTIAL' }),
    );
  });
});

describe('verify() on baked records', () => {
  it('reads a baked PNG and SVG record as a CLR, with its tree', async () => {
    const { signed } = await signedRecord();
    for (const image of [bakeClr(makePng({}), signed), bakeClr(fixtureText('plain.svg'), signed)]) {
      const r = await verify(image, { now: NOW });
      expect(r.verdict).toBe('valid');
      expect(r.credentials?.[0]?.verdict).toBe('valid');
    }
  });

  it('warns when a carrier holds the other kind (a badge under clrcredential)', async () => {
    const { part } = await signedRecord();
    const png = makePng({
      before: [{ type: 'iTXt', data: itxtData('clrcredential', JSON.stringify(part)) }],
    });
    const r = await verify(png, { now: NOW });
    expect(codes(r, 'parse')).toEqual(['image_carrier_mismatch']);
    expect(r.verdict).toBe('warning');
  });
});
