import { Buffer } from 'node:buffer';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { BakeError } from '../../src/errors.js';
import { codeOfSync, thrownSync } from '../helpers.js';
import {
  encodeChunk,
  fixtureBytes,
  fixtureText,
  itxtData,
  makePng,
  readChunks,
  splitItxt,
} from './helpers.js';

const EXPECTED_JSON = fixtureText('expected-credential.json');
const EXPECTED_JWT = fixtureText('expected-jwt.txt');

/** The code of the {@link BakeError} `fn` throws. */
const code = (fn: () => unknown) => codeOfSync(fn, BakeError);

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:0f5c1c7e-9c57-4b5e-a3f4-6f1c3b1c2d3e',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Ünïcödé ✓ 🎓',
};

describe('unbakeBadge on PNG images made by another writer (fixtures/images/make.py)', () => {
  it('reads the JSON text exactly as baked', () => {
    const found = unbakeBadge(fixtureBytes('baked-json.png'));
    expect(found).toMatchObject({ format: 'png', version: 'ob3', kind: 'json' });
    expect(found.text).toBe(EXPECTED_JSON);
    expect(found.credential).toEqual(JSON.parse(EXPECTED_JSON));
    expect(found.jwt).toBeUndefined();
  });

  it('reads a JWT', () => {
    const found = unbakeBadge(fixtureBytes('baked-jwt.png'));
    expect(found).toMatchObject({ format: 'png', version: 'ob3', kind: 'jwt', jwt: EXPECTED_JWT });
    expect(found.credential).toBeUndefined();
  });

  it('reads a zlib-compressed chunk and says so', () => {
    const found = unbakeBadge(fixtureBytes('baked-compressed.png'));
    expect(found.compressed).toBe(true);
    expect(found.text).toBe(EXPECTED_JSON);
  });

  it('reports Open Badges 2.0 chunks as legacy without interpreting them', () => {
    expect(unbakeBadge(fixtureBytes('baked-ob2.png'))).toEqual({
      format: 'png',
      version: 'ob2',
      kind: 'url',
      text: 'https://example.org/assertions/1',
    });
    expect(unbakeBadge(fixtureBytes('baked-ob2-text.png'))).toMatchObject({
      version: 'ob2',
      text: 'https://example.org/assertions/2',
    });
  });

  it('rejects broken or hostile PNGs with stable codes', () => {
    expect(code(() => unbakeBadge(fixtureBytes('plain.png')))).toBe('ERR_BAKE_NO_CREDENTIAL');
    expect(code(() => unbakeBadge(fixtureBytes('duplicate-credential.png')))).toBe(
      'ERR_BAKE_AMBIGUOUS',
    );
    expect(code(() => unbakeBadge(fixtureBytes('bad-crc.png')))).toBe('ERR_PNG_CRC');
    expect(code(() => unbakeBadge(fixtureBytes('truncated.png')))).toBe('ERR_PNG_TRUNCATED');
    expect(code(() => unbakeBadge(fixtureBytes('bomb.png')))).toBe('ERR_BAKE_TOO_LARGE');
  });

  it('refuses images that carry a second credential, and reads a CLR', () => {
    for (const name of [
      'ambiguous-ob2-and-ob3.png',
      'ambiguous-text-chunk.png',
      'ambiguous-after-iend.png',
    ]) {
      expect(
        code(() => unbakeBadge(fixtureBytes(name))),
        name,
      ).toBe('ERR_BAKE_AMBIGUOUS');
      expect(
        code(() => bakeBadge(fixtureBytes(name), credential)),
        name,
      ).toBe('ERR_BAKE_AMBIGUOUS');
    }
    expect(unbakeBadge(fixtureBytes('baked-clr.png'))).toEqual({
      format: 'png',
      version: 'clr',
      kind: 'jwt',
      text: EXPECTED_JWT,
      jwt: EXPECTED_JWT,
    });
  });
});

describe('bakeBadge on PNG', () => {
  it('adds one uncompressed iTXt chunk after IHDR and leaves every other chunk byte for byte', () => {
    const plain = fixtureBytes('plain.png');
    const baked = bakeBadge(plain, credential);
    const before = readChunks(plain).chunks;
    const after = readChunks(baked).chunks; // CRCs checked with node:zlib
    expect(after.map((c) => c.type)).toEqual([
      'IHDR',
      'iTXt',
      ...before.slice(1).map((c) => c.type),
    ]);
    expect(after[0]?.raw).toEqual(before[0]?.raw);
    expect(after.slice(2).map((c) => c.raw)).toEqual(before.slice(1).map((c) => c.raw));
    const itxt = splitItxt(after[1]?.data as Uint8Array);
    expect(itxt).toMatchObject({
      keyword: 'openbadgecredential',
      flag: 0,
      method: 0,
      language: '',
      translated: '',
    });
    expect(Buffer.from(itxt.text).toString('utf8')).toBe(JSON.stringify(credential));
    // The image still decodes to the same pixels (pngjs checks CRCs and zlib data).
    expect(PNG.sync.read(Buffer.from(baked)).data).toEqual(PNG.sync.read(Buffer.from(plain)).data);
    expect(unbakeBadge(baked).credential).toEqual(credential);
  });

  it("puts the chunk before IEND with pngPosition: 'before-iend'", () => {
    const baked = bakeBadge(fixtureBytes('plain.png'), EXPECTED_JWT, {
      pngPosition: 'before-iend',
    });
    const types = readChunks(baked).chunks.map((c) => c.type);
    expect(types.slice(-2)).toEqual(['iTXt', 'IEND']);
    expect(unbakeBadge(baked).jwt).toBe(EXPECTED_JWT);
  });

  it('replaces an existing credential chunk where it stands (also a compressed one)', () => {
    for (const name of ['baked-json.png', 'baked-compressed.png']) {
      const original = fixtureBytes(name);
      const baked = bakeBadge(original, EXPECTED_JWT);
      const before = readChunks(original).chunks;
      const after = readChunks(baked).chunks;
      expect(after.map((c) => c.type)).toEqual(before.map((c) => c.type));
      const at = before.findIndex((c) => c.type === 'iTXt');
      after.forEach((c, i) => {
        if (i !== at) expect(c.raw).toEqual(before[i]?.raw);
      });
      expect(unbakeBadge(baked)).toMatchObject({ kind: 'jwt', jwt: EXPECTED_JWT });
      expect(unbakeBadge(baked).compressed).toBeUndefined();
    }
  });

  it('bakes JSON text exactly as given and keeps bytes after IEND', () => {
    const trailing = new Uint8Array([1, 2, 3, 4]);
    const png = new Uint8Array(Buffer.concat([fixtureBytes('plain.png'), trailing]));
    const baked = bakeBadge(png, EXPECTED_JSON);
    expect(unbakeBadge(baked).text).toBe(EXPECTED_JSON);
    expect(readChunks(baked).rest).toEqual(trailing);
  });

  it('refuses to add a credential next to an Open Badges 2.0 assertion (two credentials)', () => {
    for (const name of ['baked-ob2.png', 'baked-ob2-text.png']) {
      const original = fixtureBytes(name);
      const e = thrownSync(() => bakeBadge(original, credential), BakeError);
      expect(e.code).toBe('ERR_BAKE_AMBIGUOUS');
      expect(e.message).toMatch(
        /already holds the (iTXt|tEXt) chunk "openbadges" at byte \d+ \(Open Badges 2\.0 assertion\)/,
      );
    }
  });

  it('keeps other ancillary chunks, text chunks included', () => {
    const original = makePng({
      before: [{ type: 'tEXt', data: new TextEncoder().encode('Comment\0made with openbadges') }],
      after: [{ type: 'iTXt', data: itxtData('Description', 'an openbadgecredential demo') }],
    });
    const baked = bakeBadge(original, credential);
    const before = readChunks(original).chunks;
    const after = readChunks(baked).chunks;
    expect(after.map((c) => c.raw)).toEqual([
      before[0]?.raw,
      after[1]?.raw,
      ...before.slice(1).map((c) => c.raw),
    ]);
    expect(unbakeBadge(baked)).toMatchObject({ version: 'ob3', credential });
  });

  it('rejects bad input with stable codes', () => {
    const plain = fixtureBytes('plain.png');
    expect(code(() => bakeBadge(new Uint8Array([1, 2, 3]), credential))).toBe('ERR_IMAGE_FORMAT');
    expect(code(() => bakeBadge(new TextEncoder().encode('GIF89a....'), credential))).toBe(
      'ERR_IMAGE_FORMAT',
    );
    expect(code(() => bakeBadge(plain, 'not a credential'))).toBe('ERR_BAKE_PAYLOAD');
    expect(code(() => bakeBadge(plain, '{"a":'))).toBe('ERR_BAKE_PAYLOAD');
    expect(code(() => bakeBadge(plain, '[1,2]'))).toBe('ERR_BAKE_PAYLOAD');
    expect(code(() => bakeBadge(plain, credential, { maxCredentialBytes: 10 }))).toBe(
      'ERR_BAKE_TOO_LARGE',
    );
    expect(code(() => bakeBadge(plain, credential, { maxImageBytes: 50 }))).toBe(
      'ERR_IMAGE_TOO_LARGE',
    );
    expect(code(() => bakeBadge(fixtureBytes('duplicate-credential.png'), credential))).toBe(
      'ERR_BAKE_AMBIGUOUS',
    );
    expect(code(() => bakeBadge(fixtureBytes('bad-crc.png'), credential))).toBe('ERR_PNG_CRC');
    expect(code(() => bakeBadge(fixtureBytes('truncated.png'), credential))).toBe(
      'ERR_PNG_TRUNCATED',
    );
  });

  it('throws TypeError for misuse', () => {
    const plain = fixtureBytes('plain.png');
    expect(() => bakeBadge(plain, 42 as never)).toThrow(TypeError);
    expect(() => bakeBadge(plain, [] as never)).toThrow(TypeError);
    expect(() => bakeBadge({} as never, credential)).toThrow(TypeError);
    expect(() => bakeBadge(plain, credential, { maxImageBytes: -1 })).toThrow(
      new TypeError(
        'bakeBadge(image, credential, options): options.maxImageBytes must be a positive integer, found number -1',
      ),
    );
    expect(() => bakeBadge(plain, credential, { pngPosition: 'middle' as never })).toThrow(
      /options.pngPosition must be 'after-ihdr' or 'before-iend', found "middle"$/,
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => bakeBadge(plain, cyclic)).toThrow(TypeError);
  });
});

describe('PNG structure errors', () => {
  const sig = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
  const ihdr = readChunks(fixtureBytes('plain.png')).chunks[0]?.raw as Uint8Array;
  const iend = encodeChunk('IEND', new Uint8Array(0));

  it('needs IHDR first', () => {
    expect(
      code(() =>
        unbakeBadge(cat(sig, encodeChunk('tEXt', new Uint8Array([65, 0, 66])), ihdr, iend)),
      ),
    ).toBe('ERR_PNG_STRUCTURE');
  });

  it('rejects a chunk length past the end and one above 2^31-1', () => {
    const long = cat(sig, ihdr, Buffer.from([0, 0, 0x10, 0, 0x74, 0x45, 0x58, 0x74, 1, 2, 3, 4]));
    expect(code(() => unbakeBadge(long))).toBe('ERR_PNG_TRUNCATED');
    const huge = cat(
      sig,
      ihdr,
      Buffer.from([0x80, 0, 0, 0, 0x74, 0x45, 0x58, 0x74, 1, 2, 3, 4]),
      iend,
    );
    expect(code(() => unbakeBadge(huge))).toBe('ERR_PNG_CHUNK');
  });

  it('rejects an invalid chunk type and a non-empty IEND', () => {
    const bad = cat(sig, ihdr, encodeChunk('t3Xt', new Uint8Array([1])), iend);
    expect(code(() => unbakeBadge(bad))).toBe('ERR_PNG_CHUNK');
    expect(code(() => unbakeBadge(cat(sig, ihdr, encodeChunk('IEND', new Uint8Array([1])))))).toBe(
      'ERR_PNG_STRUCTURE',
    );
  });

  it('rejects malformed credential chunks', () => {
    const noFields = makePng({
      before: [{ type: 'iTXt', data: new TextEncoder().encode('openbadgecredential') }],
    });
    expect(code(() => unbakeBadge(noFields))).toBe('ERR_PNG_ITXT');
    const flag = itxtData('openbadgecredential', '{}');
    flag[20] = 7; // compression flag
    expect(code(() => unbakeBadge(makePng({ before: [{ type: 'iTXt', data: flag }] })))).toBe(
      'ERR_PNG_ITXT',
    );
    const badZlib = itxtData('openbadgecredential', 'not zlib');
    badZlib[20] = 1;
    expect(code(() => unbakeBadge(makePng({ before: [{ type: 'iTXt', data: badZlib }] })))).toBe(
      'ERR_PNG_ITXT',
    );
    const badUtf8 = new Uint8Array(
      Buffer.concat([itxtData('openbadgecredential', ''), Buffer.from([0xff, 0xfe])]),
    );
    expect(code(() => unbakeBadge(makePng({ before: [{ type: 'iTXt', data: badUtf8 }] })))).toBe(
      'ERR_PNG_ITXT',
    );
    const notCredential = itxtData('openbadgecredential', 'hello world');
    expect(
      code(() => unbakeBadge(makePng({ before: [{ type: 'iTXt', data: notCredential }] }))),
    ).toBe('ERR_BAKE_PAYLOAD');
    const array = itxtData('openbadgecredential', '[1]');
    expect(code(() => unbakeBadge(makePng({ before: [{ type: 'iTXt', data: array }] })))).toBe(
      'ERR_BAKE_PAYLOAD',
    );
  });

  it('applies maxCredentialBytes when reading', () => {
    const png = makePng({
      after: [{ type: 'iTXt', data: itxtData('openbadgecredential', EXPECTED_JSON) }],
    });
    expect(unbakeBadge(png).text).toBe(EXPECTED_JSON);
    expect(code(() => unbakeBadge(png, { maxCredentialBytes: 100 }))).toBe('ERR_BAKE_TOO_LARGE');
    expect(code(() => unbakeBadge(png, { maxImageBytes: 100 }))).toBe('ERR_IMAGE_TOO_LARGE');
  });
});
