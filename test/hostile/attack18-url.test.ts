/**
 * Attack (the `url` format of run-time schemas on ob3kit's linear-time matcher, flags `iu`):
 * any string where its answer differs from ajv-formats' own `url` RegExp (the oracle, run by the
 * engine)?
 *
 * Tried, nothing found (kept below as properties): code points from the whole Unicode range and
 * lone UTF-16 surrogates after each scheme (a high surrogate is inside `[\u00a1-\uffff]` as a
 * code unit, not as a code point under `u`); host names of labels mixing ASCII, U+017F and
 * U+212A (which fold into `[a-z]` under `iu`), the Turkish dotted and dotless i, sharp s, astral
 * letters and their case pairs (U+10400 / U+10428), no-break and ideographic spaces, U+2028,
 * U+FEFF, U+FFFF; IPv4 hosts with octets 0 to 300 and a trailing dot, digit or extra octet;
 * ports of 1, 2, 5 and 6 digits and Arabic-Indic digits; user info with several `@`.
 *
 * Also tried (JWT signers' JSON-LD preflight): with no `documentLoader` an unknown context is
 * refused (`context_unknown`) and nothing is fetched, for credentials and presentations alike.
 */

// ajv-formats' own RegExp (the oracle), as ajv-formats exports it.
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { createPresentation, signPresentationJwt } from '../../src/present/index.js';
import { signCredentialJwt } from '../../src/proof/index.js';
import { createValidator } from '../../src/schema/index.js';
import { obCredential } from '../proof/helpers.js';
import { fuzzRuns, NOW } from './helpers.js';

const native = fullFormats.url as RegExp;

describe('format "url": the linear matcher answers as ajv-formats\' RegExp', () => {
  it('any code point or lone surrogate after a scheme', async () => {
    const v = await createValidator({ type: 'string', format: 'url' });
    const ch = fc.oneof(
      fc.constantFrom(...'aZ09.-:@/ \n_\u017f\u212a\u0131\u0130\u00a0\u2028\ufeff'.split('')),
      fc.constantFrom('\u{1f600}', '\ud83d', '\ude00', '\u{10400}'),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('http://', 'https://', 'ftp://', 'HtTp://', 'http://a.co'),
        fc.array(ch, { maxLength: 20 }).map((a) => a.join('')),
        (scheme, tail) => {
          const s = scheme + tail;
          expect([s, v.validate(s).ok]).toEqual([s, native.test(s)]);
        },
      ),
      { numRuns: fuzzRuns(3000) },
    );
  });

  it('host names and IPv4 hosts of case-folding and astral corners, ports, user info', async () => {
    const v = await createValidator({ type: 'string', format: 'url' });
    const c = fc.constantFrom(
      ...['a', 'Z', '0', '9', '-', '\u017f', '\u212a', '\u0131', '\u0130', '\u00e9', '\u00df'],
      ...['\u1e9e', '\u00a0', '\u00a1', '\uffff', '\ufeff', '\u{1f600}', '\ud83d', '\ude00'],
      ...['\u{10400}', '\u{10428}', '\u2028', '\u3000'],
    );
    const label = fc.array(c, { maxLength: 4 }).map((a) => a.join(''));
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((a) => a.join('.'));
    const octet = fc.integer({ min: 0, max: 300 }).map(String);
    const ip = fc
      .tuple(octet, octet, octet, octet, fc.constantFrom('', '.', '.1', '0'))
      .map((o) => o.slice(0, 4).join('.') + o[4]);
    const start = fc.constantFrom('http://', 'ftp://', 'HTTPS://', 'http://u:p@', 'http://@');
    const end = fc.constantFrom('', ':1', ':12', ':99999', ':123456', ':\u0663\u0663', '/x');
    fc.assert(
      fc.property(start, fc.oneof(host, ip), end, (a, h, b) => {
        const s = a + h + b;
        expect([s, v.validate(s).ok]).toEqual([s, native.test(s)]);
      }),
      { numRuns: fuzzRuns(3000) },
    );
  });
});

describe("the JWT signers' JSON-LD preflight is offline by default", () => {
  it('an unknown context is refused, nothing fetched', async () => {
    const ed = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(189) }));
    const fetchSpy = vi.fn(
      async () =>
        new Response('{"@context":{"extra":"https://example.com/extra"}}', {
          headers: { 'content-type': 'application/ld+json' },
        }),
    );
    vi.stubGlobal('fetch', fetchSpy);
    try {
      const base = obCredential(ed.did);
      const credential = {
        ...base,
        '@context': [...base['@context'], 'https://example.com/ctx.json'],
        extra: 'x',
      };
      await expect(signCredentialJwt(credential, { key: ed.keyPair })).rejects.toMatchObject({
        code: 'ERR_CREDENTIAL_INVALID',
        issues: [expect.objectContaining({ code: 'context_unknown' })],
      });
      const vp = createPresentation({ holder: ed.did, credentials: [], version: '1.1' });
      const withContext = {
        ...vp,
        '@context': [...(vp['@context'] as unknown[]), 'https://example.com/ctx.json'],
      };
      await expect(
        signPresentationJwt(withContext, { key: ed.keyPair, challenge: 'c', now: NOW }),
      ).rejects.toMatchObject({
        code: 'ERR_PRESENTATION_INVALID',
        issues: [expect.objectContaining({ code: 'context_unknown' })],
      });
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
