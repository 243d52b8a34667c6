/**
 * Attack: ob3kit's own synchronous SHA-256 and MD5 (src/internal/sha256.ts, md5.ts: module-level
 * state reused by every call) and the related-resource digests, with node:crypto as the oracle.
 *
 * Tried, nothing found:
 * - lengths across block boundaries up to 700 KB, read through views at odd offsets of a shared
 *   buffer; Buffer and other Uint8Array subclasses; a length-tracking view of a resizable
 *   ArrayBuffer after it grew; a detached buffer (read as empty, as node:crypto reads it);
 * - state left behind: calls interleaved between SHA-256 and MD5 and between inputs, after an
 *   input refused;
 * - strings: long ones with astral characters and lone surrogates, through the platform's
 *   TextEncoder and through the pure-JS encoder that serves when there is none;
 * - related-resource digests (`digestSRI`, `digestMultibase`) of random bytes given as views,
 *   for SHA-2 and SHA-3 in every form: the right bytes pass, a changed byte fails, and a
 *   digest with an upper-case or unknown algorithm name, truncated, extended, relabelled with
 *   another multihash code or another length never passes.
 *
 * Hardened: the hashes took any array-like for bytes (`bytes[i]`, `bytes.length`): an array of
 * numbers, a `String` object, a `Uint16Array` or a `DataView` gave a hash of something else
 * without a word, and an array-like's getter could throw in the middle of a block. No public
 * path hands them such a value today (strings and checked `Uint8Array`s only); they now throw
 * `TypeError` for anything but a string or a `Uint8Array` (of any realm) before reading it.
 */
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { md5 } from '../../src/internal/md5.js';
import { sha256 } from '../../src/internal/sha256.js';
import { checkRelatedResources } from '../../src/proof/related-resource.js';
import { fuzzRuns } from './helpers.js';

const RUNS = fuzzRuns(40);
const HASHES = { sha256, md5 } as const;
type Name = keyof typeof HASHES;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const oracle = (name: string, data: Uint8Array | string) =>
  createHash(name)
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest('hex');

/** Bytes that differ from block to block (a skipped or repeated block shows). */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
  }
  return out;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe.each(['sha256', 'md5'] as const)('%s against node:crypto', (name: Name) => {
  const hash = HASHES[name];

  it('large inputs across block boundaries, read through views of a shared buffer', () => {
    const shared = noise(700_000 + 64, 7);
    for (const length of [65_535, 65_536, 65_537, 262_143, 262_144 + 55, 524_288 + 56, 700_000]) {
      for (const offset of [0, 1, 3, 63]) {
        const view = shared.subarray(offset, offset + length);
        expect(hex(hash(view)), `${length} at ${offset}`).toBe(oracle(name, view));
      }
    }
  });

  it('Buffer, a Uint8Array subclass, a grown resizable buffer, a detached buffer', () => {
    class Bytes extends Uint8Array {}
    const sub = new Bytes(noise(200, 3));
    expect(hex(hash(sub))).toBe(oracle(name, sub));
    const buf = Buffer.from(noise(121, 4));
    expect(hex(hash(buf))).toBe(oracle(name, buf));
    // ES2024 resizable buffers (Node 20+), beyond the library's TypeScript target.
    const resizable = new (
      ArrayBuffer as unknown as new (
        length: number,
        options: { maxByteLength: number },
      ) => ArrayBuffer & { resize(length: number): void }
    )(50, { maxByteLength: 500 });
    const tracking = new Uint8Array(resizable);
    tracking.set(noise(50, 5));
    resizable.resize(300);
    expect(tracking.length).toBe(300);
    expect(hex(hash(tracking))).toBe(oracle(name, new Uint8Array(tracking)));
    const moved = new ArrayBuffer(100);
    const stale = new Uint8Array(moved);
    structuredClone(moved, { transfer: [moved] });
    expect(stale.length).toBe(0);
    expect(hex(hash(stale))).toBe(oracle(name, new Uint8Array(0)));
  });

  it('refuses what is not bytes (never a silent hash of something else); a Uint8Array of another realm is bytes', () => {
    // A wider typed array whose own tag claims to be a Uint8Array.
    const disguised = new Uint16Array(3);
    Object.defineProperty(disguised, Symbol.toStringTag, { value: 'Uint8Array' });
    const notBytes: unknown[] = [
      [0x61, 0x62, 0x63],
      new String('abc'),
      new Uint16Array([0x61, 0x62, 0x63]),
      new Uint8ClampedArray([0x61, 0x62, 0x63]),
      new DataView(new ArrayBuffer(3)),
      disguised,
      { length: 3, 0: 0x61, 1: 0x62, 2: 0x63 },
      null,
      undefined,
      3,
    ];
    for (const value of notBytes) {
      expect(() => hash(value as Uint8Array), String(value)).toThrow(TypeError);
    }
    const foreign = runInNewContext('new Uint8Array([0x61, 0x62, 0x63])') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(hex(hash(foreign))).toBe(oracle(name, 'abc'));
  });

  it('interleaved calls and a refused input leave no state behind', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<Name>('sha256', 'md5'), fc.nat(300), fc.nat()), {
          minLength: 2,
          maxLength: 8,
        }),
        fc.nat(199),
        (calls, throwAt) => {
          // An array-like whose element `throwAt` throws when read: refused before any read
          // (no byte array runs code when read, so nothing can stop a hash mid-block).
          let reads = 0;
          const throwing: Record<number, number> & { length: number } = { length: 200 };
          for (let i = 0; i < 200; i++) {
            Object.defineProperty(throwing, i, {
              get: () => {
                reads++;
                if (i === throwAt) throw new Error('read failed');
                return 0;
              },
            });
          }
          expect(() => hash(throwing as unknown as Uint8Array)).toThrow(TypeError);
          expect(reads).toBe(0);
          const results = calls.map(([n, length, seed]) => {
            const data = noise(length, seed);
            return [hex(HASHES[n](data)), oracle(n, data)];
          });
          for (const [got, want] of results) expect(got).toBe(want);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('long strings (astral characters, lone surrogates), with and without a TextEncoder', async () => {
    const texts = [
      'é\u{1d11e}a\ud800'.repeat(60_000),
      `${'x'.repeat(100_000)}\udc00${'\u{1f600}'.repeat(30_000)}`,
      '\ud83d'.repeat(1000),
    ];
    const want = texts.map((t) => createHash(name).update(t, 'utf8').digest('hex'));
    expect(texts.map((t) => hex(hash(t)))).toEqual(want);
    vi.stubGlobal('TextEncoder', undefined);
    expect(globalThis.TextEncoder).toBeUndefined();
    vi.resetModules();
    const fresh: Record<Name, (d: string) => Uint8Array> = {
      ...(await import('../../src/internal/sha256.js')),
      ...(await import('../../src/internal/md5.js')),
    };
    const bytes = await import('../../src/internal/bytes.js');
    expect(hex(bytes.utf8('a\ud800'))).toBe('61efbfbd');
    expect(texts.map((t) => hex(fresh[name](t)))).toEqual(want);
  });
});

describe('related-resource digests against node:crypto', () => {
  const URL = 'https://example.org/resource.bin';
  const MULTIHASH: Array<[string, number]> = [
    ['sha256', 0x12],
    ['sha384', 0x20],
    ['sha512', 0x13],
    ['sha3-256', 0x16],
    ['sha3-384', 0x15],
    ['sha3-512', 0x14],
  ];
  const raw = (alg: string, data: Uint8Array) => createHash(alg).update(data).digest();
  const u = (bytes: Uint8Array) => `u${Buffer.from(bytes).toString('base64url')}`;

  async function outcome(entry: Record<string, unknown>, resource: Uint8Array) {
    const [r] = await checkRelatedResources(
      { relatedResource: [{ id: URL, ...entry }] },
      { resources: { [URL]: resource } },
    );
    return r?.outcome;
  }

  /** Every digest form of `data`, and, for each, forms that must not pass. */
  function forms(data: Uint8Array): Array<[string, Record<string, unknown>, unknown[]]> {
    const out: Array<[string, Record<string, unknown>, unknown[]]> = [];
    for (const alg of ['sha256', 'sha384', 'sha512']) {
      const b64 = raw(alg, data).toString('base64');
      out.push([
        `SRI ${alg}`,
        { digestSRI: `${alg}-${b64}` },
        [
          `${alg.toUpperCase()}-${b64}`,
          `${alg.replace('sha', 'sha-')}-${b64}`,
          `${alg}-${raw(alg, data).subarray(0, 16).toString('base64')}`,
          `${alg}-${Buffer.concat([raw(alg, data), Buffer.from([0])]).toString('base64')}`,
          `${alg === 'sha256' ? 'sha384' : 'sha256'}-${b64}`,
          `${alg}-${raw(alg, data).toString('base64url')}x`,
        ],
      ]);
    }
    for (const [alg, code] of MULTIHASH) {
      const d = raw(alg, data);
      const wrongCode = MULTIHASH.find(([a]) => a !== alg && raw(a, data).length === d.length);
      out.push([
        `multihash ${alg}`,
        { digestMultibase: u(new Uint8Array([code, d.length, ...d])) },
        [
          u(new Uint8Array([code, d.length - 1, ...d.subarray(1)])),
          u(new Uint8Array([code, d.length, ...d.subarray(0, -1)])),
          u(new Uint8Array([code, d.length + 1, ...d, 0])),
          u(new Uint8Array([wrongCode?.[1] ?? 0, d.length, ...d])),
          `U${u(new Uint8Array([code, d.length, ...d])).slice(1)}`,
        ],
      ]);
    }
    for (const alg of ['sha256', 'sha384']) {
      const d = raw(alg, data);
      out.push([
        `bare ${alg}`,
        { digestMultibase: u(d) },
        [u(d.subarray(0, -1)), u(new Uint8Array([...d, 0])), u(raw(`sha3-${alg.slice(3)}`, data))],
      ]);
    }
    return out;
  }

  it('the right bytes pass, a changed byte fails, a changed digest never passes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.nat(7),
        async (data, skip) => {
          const shared = new Uint8Array(data.length + skip + 5);
          shared.set(data, skip);
          const view = shared.subarray(skip, skip + data.length);
          const changed = view.slice();
          changed[changed.length - 1] = (changed[changed.length - 1] as number) ^ 0x80;
          for (const [label, entry, wrong] of forms(data)) {
            expect(await outcome(entry, view), label).toBe('pass');
            expect(await outcome(entry, changed), label).toBe('fail');
            const key = Object.keys(entry)[0] as string;
            for (const value of wrong) {
              expect(await outcome({ [key]: value }, view), `${label}: ${value}`).not.toBe('pass');
            }
          }
        },
      ),
      { numRuns: Math.max(5, Math.floor(RUNS / 4)) },
    );
  });
});
