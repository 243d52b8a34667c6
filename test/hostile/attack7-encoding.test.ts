/**
 * Attack (one token, two texts or two meanings), nothing found; kept as regressions:
 * - non-canonical base64url: a segment whose last character carries non-zero unused bits
 *   decodes (in lenient decoders such as node's `Buffer`, the oracle here) to the same bytes as
 *   the canonical one, so one signed token would have several spellings (replay caches keyed
 *   on the text miss them). Every segment must be canonical (RFC 7515 / RFC 4648 section 3.5).
 * - a member name given twice in the decoded header or payload, spelled once with escapes
 *   (`"\u0069ss"`, `"valid\u0046rom"`, `"\u0061lg"`): `JSON.parse` keeps the last, another
 *   reader the first. Refused (`jwt_duplicate_member`, `json_duplicate_key`).
 * - `alg` against the key: ES256 with a P-384 key, ES512, EdDSA with an X25519 key.
 */
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import { badgeJwt, cliExit, compactJws, type JoseParty, joseParty } from './attack7-jose.js';
import { fuzzRuns, type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let issuer: JoseParty;

beforeAll(() => {
  issuer = joseParty();
});

/** The segment with its last character's unused bits set to `extra` (0 < extra < 2^unused). */
function respelled(segment: string, extra: number): string | undefined {
  const unused = { 2: 4, 3: 2 }[(segment.length % 4) as 2 | 3];
  if (unused === undefined) return undefined;
  const last = B64URL.indexOf(segment.at(-1) as string);
  return segment.slice(0, -1) + B64URL[last | (extra % (1 << unused) || 1)];
}

describe('a JWT segment spelled with non-canonical trailing bits', () => {
  it('is refused, though a lenient decoder reads the same bytes', async () => {
    const jwt = badgeJwt(issuer);
    const segments = jwt.split('.');
    const spellable = [0, 1, 2].filter((i) => respelled(segments[i] as string, 1) !== undefined);
    expect(spellable.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...spellable),
        fc.integer({ min: 1, max: 15 }),
        async (i, extra) => {
          const parts = [...segments];
          parts[i] = respelled(parts[i] as string, extra) as string;
          // The oracle reads the same bytes: only the spelling changed.
          expect(Buffer.from(parts[i] as string, 'base64url')).toEqual(
            Buffer.from(segments[i] as string, 'base64url'),
          );
          const other = parts.join('.');
          const r = await verifyCredentialJwt(other, { now: NOW });
          expect(r.verified).toBe(false);
          expect((await verifyOffline(other)).verdict).toBe('invalid');
        },
      ),
      { numRuns: fuzzRuns(8) },
    );
    expect((await verifyOffline(jwt)).verdict).toBe('valid');
  });
});

describe('a member given twice in the decoded JSON, once with escapes', () => {
  it('is refused in the header and in the payload', async () => {
    const payload = JSON.parse(
      Buffer.from(badgeJwt(issuer).split('.')[1] as string, 'base64url').toString(),
    );
    const text = JSON.stringify(payload);
    const cases: Array<[string, Loose, string]> = [
      [
        'iss',
        { alg: 'EdDSA', kid: issuer.kid },
        text.replace('"iss":', '"iss":"did:example:other","\\u0069ss":'),
      ],
      [
        'validFrom',
        { alg: 'EdDSA', kid: issuer.kid },
        text.replace('"validFrom":', '"validFrom":"2099-01-01T00:00:00Z","valid\\u0046rom":'),
      ],
    ];
    for (const [label, header, body] of cases) {
      expect(JSON.parse(body)[label], label).toBeDefined();
      const jwt = compactJws(issuer, header, body);
      const r = await verifyCredentialJwt(jwt, { now: NOW });
      expect(
        r.issues.map((i) => i.code),
        label,
      ).toContain('jwt_duplicate_member');
      expect((await verifyOffline(jwt)).verdict, label).toBe('invalid');
    }
    // In the header: written by hand, "alg" twice.
    const input = `${Buffer.from(`{"alg":"none","\\u0061lg":"EdDSA","kid":"${issuer.kid}"}`).toString('base64url')}.${Buffer.from(text).toString('base64url')}`;
    const signed = `${input}.${Buffer.from(nodeSign(null, Buffer.from(input), issuer.privateKey)).toString('base64url')}`;
    const r = await verifyCredentialJwt(signed, { now: NOW });
    expect(r.issues.map((i) => i.code)).toContain('jwt_duplicate_member');
    expect(await cliExit(signed)).toBe(1);
  });
});

describe('alg against the key type', () => {
  it('refuses ES256 / ES512 over a P-384 key and EdDSA over an X25519 key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const jwk = publicKey.export({ format: 'jwk' });
    const payload = { ...richCredential('did:example:x'), iss: 'did:example:x' };
    const b64u = (s: string | Buffer) => Buffer.from(s).toString('base64url');
    for (const [alg, hash, code] of [
      ['ES256', 'sha256', 'jwt_alg_key_mismatch'],
      ['ES512', 'sha512', 'jwt_alg_unsupported'],
    ] as const) {
      const input = `${b64u(JSON.stringify({ alg, jwk }))}.${b64u(JSON.stringify(payload))}`;
      const sig = nodeSign(hash, Buffer.from(input), {
        key: privateKey,
        dsaEncoding: 'ieee-p1363',
      });
      const r = await verifyCredentialJwt(`${input}.${b64u(sig)}`, { now: NOW });
      expect(r.verified).toBe(false);
      expect(
        r.issues.map((i) => i.code),
        alg,
      ).toContain(code);
    }
    const x = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
    const input = `${b64u(JSON.stringify({ alg: 'EdDSA', jwk: x }))}.${b64u(JSON.stringify(payload))}`;
    const r = await verifyCredentialJwt(`${input}.${b64u(Buffer.alloc(64))}`, { now: NOW });
    expect(r.issues.map((i) => i.code)).toContain('jwt_key_invalid');
  });
});
