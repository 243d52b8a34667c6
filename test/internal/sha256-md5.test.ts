/**
 * ob3kit's own synchronous SHA-256 (FIPS 180-4) and MD5 (RFC 1321): the published examples, every
 * padding boundary, and node:crypto's `createHash` as the oracle over random bytes and strings
 * (strings hashed as their UTF-8 encoding, a lone surrogate as U+FFFD, which is what both
 * `utf8()` and node:crypto do with one).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src/internal/bytes.js';
import { sha256Hex } from '../../src/internal/hash.js';
import { md5 } from '../../src/internal/md5.js';
import { sha256 } from '../../src/internal/sha256.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 100);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const oracle = (algorithm: 'sha256' | 'md5', data: Uint8Array | string) =>
  createHash(algorithm)
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest('hex');

const HASHES = { sha256, md5 } as const;

/** Bytes of a given length that are not all alike (a shifted or dropped byte shows). */
function bytesOf(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 167 + seed * 31 + 13) & 255;
  return out;
}

/** A string of arbitrary UTF-16 code units: lone and reversed surrogates included. */
const codeUnits = (maxLength: number) =>
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength })
    .map((units) => String.fromCharCode(...units));

describe('SHA-256: the FIPS 180-4 examples', () => {
  it('"abc" (one block)', () => {
    expect(hex(sha256('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('the 448-bit message (two blocks: the padding does not fit the first)', () => {
    const message = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(message.length * 8).toBe(448);
    expect(hex(sha256(message))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('one million "a" (many blocks)', () => {
    expect(hex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('the empty message', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new Uint8Array(0))).toBe(sha256Hex(''));
  });
});

describe('MD5: the RFC 1321 test suite (appendix A.5)', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    [
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      'd174ab98d277d9f5a5611c2c9f419d9f',
    ],
    ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
  ])('MD5("%s")', (message, expected) => {
    expect(hex(md5(message))).toBe(expected);
    expect(hex(md5(utf8(message)))).toBe(expected);
  });
});

describe.each(['sha256', 'md5'] as const)('%s equals node:crypto', (name) => {
  const hash = HASHES[name];

  it('at every length around the padding boundaries, and several blocks', () => {
    const lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129, 1000, 4097];
    for (const length of lengths) {
      for (const seed of [0, 1]) {
        const data = bytesOf(length, seed);
        expect(hex(hash(data)), `${length} bytes`).toBe(oracle(name, data));
      }
    }
  });

  it('at every length from 0 to 300 bytes', () => {
    for (let length = 0; length <= 300; length++) {
      const data = bytesOf(length, length);
      expect(hex(hash(data)), `${length} bytes`).toBe(oracle(name, data));
    }
  });

  it('random bytes (0..300, and some larger), read from anywhere in a buffer', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: fc.uint8Array({ maxLength: 300 }) },
          { weight: 1, arbitrary: fc.uint8Array({ minLength: 300, maxLength: 5000 }) },
        ),
        fc.nat(7),
        (data, skip) => {
          const buffer = new Uint8Array(data.length + skip + 3);
          buffer.set(data, skip);
          expect(hex(hash(data))).toBe(oracle(name, data));
          expect(hex(hash(buffer.subarray(skip, skip + data.length)))).toBe(oracle(name, data));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('strings: any code points, and arbitrary UTF-16 code units (lone surrogates)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 100 }),
          codeUnits(300),
          codeUnits(3000),
        ),
        (text) => {
          // utf8() and node:crypto encode the string alike (a lone surrogate as EF BF BD) ...
          expect(hex(utf8(text))).toBe(Buffer.from(text, 'utf8').toString('hex'));
          // ... and the hash of the string is the hash of those bytes.
          const want = createHash(name).update(text, 'utf8').digest('hex');
          expect(hex(hash(text))).toBe(want);
          expect(hex(hash(utf8(text)))).toBe(want);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a lone surrogate hashes as U+FFFD', () => {
    for (const text of ['\ud800', 'a\udc00b', '\udc00\ud800', 'x\ud83d']) {
      const replaced = text.replace(/[\ud800-\udfff]/g, '\ufffd');
      expect(hex(hash(text))).toBe(oracle(name, replaced));
    }
  });

  it('returns a fresh array: a later call does not change an earlier result', () => {
    const first = hash('first');
    const copy = hex(first);
    hash(bytesOf(200));
    expect(hex(first)).toBe(copy);
    expect(hash('first')).not.toBe(first);
    expect(hex(hash('first'))).toBe(copy);
  });

  it('does not change its input', () => {
    const data = bytesOf(130);
    const before = hex(data);
    hash(data);
    expect(hex(data)).toBe(before);
  });
});
