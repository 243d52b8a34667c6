/**
 * `digest()` hashes with WebCrypto where the runtime has it and in pure JS where it does not
 * (React Native: ob3kit's own SHA-256, @noble/hashes' SHA-384 imported on demand): both must give
 * node:crypto's bytes, for any text (UTF-8 encoded).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DigestAlgorithm, digest } from '../../src/internal/hash.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS ?? 100);
const ALGORITHMS: DigestAlgorithm[] = ['SHA-256', 'SHA-384'];

function expected(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm === 'SHA-256' ? 'sha256' : 'sha384')
    .update(text, 'utf8')
    .digest('hex');
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('digest', () => {
  for (const algorithm of ALGORITHMS) {
    it(`${algorithm} through WebCrypto equals node:crypto`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (text) => {
          expect(hex(await digest(algorithm, text))).toBe(expected(algorithm, text));
        }),
        { numRuns: RUNS },
      );
    });

    it(`${algorithm} without WebCrypto (pure JS) equals node:crypto`, async () => {
      vi.stubGlobal('crypto', undefined);
      expect(globalThis.crypto).toBeUndefined();
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (text) => {
          expect(hex(await digest(algorithm, text))).toBe(expected(algorithm, text));
        }),
        { numRuns: RUNS },
      );
    });

    it(`${algorithm} falls back to pure JS when WebCrypto's digest fails`, async () => {
      const failing = {
        subtle: {
          digest: () => Promise.reject(new DOMException('not supported', 'NotSupportedError')),
        },
      };
      vi.stubGlobal('crypto', failing);
      const text = 'Open Badges 3.0 \u00e9\u{1f393}';
      expect(hex(await digest(algorithm, text))).toBe(expected(algorithm, text));
    });
  }

  it('hashes multi-kilobyte N-Quads the same both ways', async () => {
    const text = '<urn:a> <urn:b> "x" .\n'.repeat(500);
    const native = hex(await digest('SHA-256', text));
    vi.stubGlobal('crypto', undefined);
    expect(hex(await digest('SHA-256', text))).toBe(native);
    expect(native).toBe(expected('SHA-256', text));
  });
});
