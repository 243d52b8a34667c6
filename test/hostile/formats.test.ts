/**
 * Format attacks: hostile PNG, SVG, JWT, status lists, keys and DID documents. Each is refused
 * with a stable code (thrown by the format's own function, a report entry from `verify()`),
 * nothing is fetched, and nothing crashes or hangs.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { Ob3Error } from '../../src/errors.js';
import {
  createDidKey,
  decodeBase58btc,
  encodeBase58btc,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  type KeyPair,
} from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { signCredentialJwt, verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import { decodeStatusList } from '../../src/status/index.js';
import { verify } from '../../src/verify/index.js';
import { codeOfSync } from '../helpers.js';
import { b64u, handJwt, hmacJwt } from '../proof/jwt/helpers.js';
import {
  firstProof,
  forbiddenFetch,
  type Loose,
  NOW,
  richCredential,
  verifyOffline,
} from './helpers.js';

const HANG_GUARD = 20_000;

/** The code of the {@link Ob3Error} `fn` throws. */
const thrownCode = (fn: () => unknown) => codeOfSync(fn, Ob3Error);

async function rejectedCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Ob3Error) return e.code;
    throw e;
  }
  return 'resolved';
}

// ---------------------------------------------------------------------------------------------
// PNG, written by hand (independent of src/bake): chunks with their CRC-32.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array, badCrc = false): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  const crc = crc32(out.subarray(4, 8 + data.length));
  view.setUint32(8 + data.length, badCrc ? crc ^ 1 : crc);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(badCrc = false): Uint8Array {
  const d = new Uint8Array(13);
  const v = new DataView(d.buffer);
  v.setUint32(0, 1);
  v.setUint32(4, 1);
  d[8] = 8; // bit depth
  d[9] = 2; // RGB
  return chunk('IHDR', d, badCrc);
}

const IDAT = chunk('IDAT', deflateSync(Uint8Array.from([0, 255, 0, 0])));
const IEND = chunk('IEND', new Uint8Array(0));

/** An iTXt chunk: keyword, compression flag, method, empty language and translated keyword. */
function itxt(keyword: string, text: Uint8Array, compressed = false): Uint8Array {
  const head = new TextEncoder().encode(keyword);
  return chunk('iTXt', concat(head, Uint8Array.from([0, compressed ? 1 : 0, 0, 0, 0]), text));
}

function png(...middle: Uint8Array[]): Uint8Array {
  return concat(SIGNATURE, ihdr(), ...middle, IDAT, IEND);
}

// ---------------------------------------------------------------------------------------------

let issuerKey: KeyPair;
let did = '';
let signed: Loose;
let signedText = '';

beforeAll(async () => {
  ({ did, keyPair: issuerKey } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
  signed = await signCredential(richCredential(did), {
    key: issuerKey,
    created: '2024-01-01T00:00:00Z',
  });
  signedText = JSON.stringify(signed);
});

describe('PNG', () => {
  it('control: a baked PNG made of hand-written chunks verifies', async () => {
    const baked = png(itxt('openbadgecredential', new TextEncoder().encode(signedText)));
    expect(unbakeBadge(baked).credential).toEqual(signed);
    const report = await verifyOffline(baked);
    expect(report.format).toBe('png');
    expect(report.verdict).not.toBe('invalid');
  });

  it('a bad CRC (header chunk, credential chunk) is refused with ERR_PNG_CRC', async () => {
    const badHeader = concat(SIGNATURE, ihdr(true), IDAT, IEND);
    expect(thrownCode(() => unbakeBadge(badHeader))).toBe('ERR_PNG_CRC');
    const good = itxt('openbadgecredential', new TextEncoder().encode(signedText));
    const badText = good.slice();
    badText[badText.length - 1] = (badText[badText.length - 1] as number) ^ 0xff;
    const image = png(badText);
    expect(thrownCode(() => unbakeBadge(image))).toBe('ERR_PNG_CRC');
    const report = await verifyOffline(image);
    expect(report.verdict).toBe('invalid');
    expect(report.checks[0]?.id).toBe('parse');
  });

  it('a credential chunk larger than the limit is refused (ERR_BAKE_TOO_LARGE)', () => {
    const huge = new TextEncoder().encode(`{"a":"${'A'.repeat(2 * 1024 * 1024)}"}`);
    expect(thrownCode(() => unbakeBadge(png(itxt('openbadgecredential', huge))))).toBe(
      'ERR_BAKE_TOO_LARGE',
    );
  });

  it(
    'many iTXt chunks: 20,000 foreign ones are skipped, two credential chunks are refused',
    async () => {
      const noise = Array.from({ length: 20_000 }, (_, i) =>
        itxt(`k${i % 50}`, new TextEncoder().encode('x')),
      );
      const cred = itxt('openbadgecredential', new TextEncoder().encode(signedText));
      expect(unbakeBadge(png(...noise, cred)).credential).toEqual(signed);
      expect(thrownCode(() => unbakeBadge(png(cred, ...noise, cred)))).toBe('ERR_BAKE_AMBIGUOUS');
      expect((await verifyOffline(png(cred, cred))).verdict).toBe('invalid');
    },
    HANG_GUARD,
  );

  it(
    'a decompression bomb in a compressed iTXt stops at the limit (ERR_BAKE_TOO_LARGE)',
    async () => {
      // 256 MiB of spaces deflate to ~256 KiB.
      const bomb = deflateSync(new Uint8Array(256 * 1024 * 1024).fill(0x20), { level: 9 });
      const image = png(itxt('openbadgecredential', bomb, true));
      expect(image.length).toBeLessThan(1024 * 1024);
      expect(thrownCode(() => unbakeBadge(image))).toBe('ERR_BAKE_TOO_LARGE');
      const report = await verifyOffline(image);
      expect(report.verdict).toBe('invalid');
    },
    HANG_GUARD,
  );

  it(
    'every truncation of a baked PNG is refused with a code, never a crash',
    async () => {
      const baked = bakeBadge(png(), signed);
      const cuts = new Set<number>([0, 1, 7, 8, 9, 15, 16, 33, 40]);
      for (let n = 41; n < baked.length; n += Math.max(1, Math.floor(baked.length / 60)))
        cuts.add(n);
      cuts.add(baked.length - 1);
      for (const n of cuts) {
        const cut = baked.subarray(0, n);
        const code = thrownCode(() => unbakeBadge(cut));
        expect(code, `cut at ${n}`).toMatch(/^ERR_/);
        const report = await verify(cut, { now: NOW });
        expect(report.verdict, `cut at ${n}`).toBe('invalid');
      }
    },
    HANG_GUARD,
  );

  it('a chunk length pointing far past the end is refused without allocating it', () => {
    const lying = chunk('iTXt', new TextEncoder().encode('openbadgecredential\0\0\0\0\0{}'));
    new DataView(lying.buffer).setUint32(0, 0x7fffffff);
    expect(thrownCode(() => unbakeBadge(concat(SIGNATURE, ihdr(), lying)))).toMatch(
      /^ERR_PNG_(TRUNCATED|CHUNK)$/,
    );
  });
});

// ---------------------------------------------------------------------------------------------

function svgWith(inner: string, prolog = ''): string {
  return `${prolog}<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" width="10" height="10">${inner}</svg>`;
}

describe('SVG', () => {
  const credentialElement = () =>
    `<openbadges:credential><![CDATA[${signedText}]]></openbadges:credential>`;

  it('control: a hand-written baked SVG verifies', async () => {
    const svg = svgWith(credentialElement());
    expect(unbakeBadge(svg).credential).toEqual(signed);
    expect((await verifyOffline(svg)).verdict).not.toBe('invalid');
  });

  it('billion laughs (nested entities) is refused before any expansion', async () => {
    const lol = [
      '<!DOCTYPE svg [',
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => {
        const prev = i === 0 ? 'lol' : `lol${i}`;
        return `<!ENTITY lol${i + 1} "${`&${prev};`.repeat(10)}">`;
      }),
      ']>',
    ].join('\n');
    const svg = svgWith(`<openbadges:credential>&lol9;</openbadges:credential>`, lol);
    expect(thrownCode(() => unbakeBadge(svg))).toMatch(/^ERR_SVG_(DTD|ENTITY)$/);
    const report = await verifyOffline(svg);
    expect(report.verdict).toBe('invalid');
  });

  it('an external entity (XXE) is refused and never resolved', async () => {
    const prolog = '<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    const svg = svgWith('<openbadges:credential>&xxe;</openbadges:credential>', prolog);
    expect(thrownCode(() => unbakeBadge(svg))).toMatch(/^ERR_SVG_(DTD|ENTITY)$/);
    const remote = '<!DOCTYPE svg [<!ENTITY % ext SYSTEM "https://attacker.example/x.dtd"> %ext;]>';
    expect(thrownCode(() => unbakeBadge(svgWith(credentialElement(), remote)))).toMatch(
      /^ERR_SVG_(DTD|ENTITY)$/,
    );
    expect((await verifyOffline(svgWith(credentialElement(), remote))).verdict).toBe('invalid');
  });

  it('an undeclared entity reference is refused (no silent expansion)', () => {
    const svg = svgWith('<openbadges:credential>&unknown;</openbadges:credential>');
    expect(thrownCode(() => unbakeBadge(svg))).toMatch(/^ERR_SVG_/);
  });

  it('scripts and event handlers are inert: the credential is read as data, nothing runs or loads', async () => {
    const svg = svgWith(
      `<script>globalThis.__ob3kitPwned = true;</script><image href="https://attacker.example/x.png" onload="globalThis.__ob3kitPwned = true"/>${credentialElement()}`,
    );
    expect(unbakeBadge(svg).credential).toEqual(signed);
    await verifyOffline(svg);
    expect((globalThis as Loose).__ob3kitPwned).toBeUndefined();
  });

  it('a credential hidden inside a comment is not the baked credential: the image is refused', () => {
    // A reader that searches the text finds it; an XML reader does not.
    const inComment = svgWith(`<!-- ${credentialElement()} -->`);
    expect(thrownCode(() => unbakeBadge(inComment))).toBe('ERR_BAKE_AMBIGUOUS');
  });

  it(
    'an enormous attribute and an unterminated tag are handled in bounded time',
    async () => {
      const big = `<svg xmlns="http://www.w3.org/2000/svg" data-x="${'A'.repeat(8 * 1024 * 1024)}"></svg>`;
      expect(thrownCode(() => unbakeBadge(big))).toMatch(/^ERR_/);
      const open = `<svg xmlns="http://www.w3.org/2000/svg" data-x="${'<'.repeat(1024 * 1024)}`;
      expect(thrownCode(() => unbakeBadge(open))).toMatch(/^ERR_SVG_/);
      const deep = `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(200_000)}${'</g>'.repeat(200_000)}</svg>`;
      expect(thrownCode(() => unbakeBadge(deep))).toMatch(/^ERR_/);
      expect((await verifyOffline(open)).verdict).toBe('invalid');
    },
    HANG_GUARD,
  );

  it('two credential elements are refused', () => {
    const svg = svgWith(credentialElement() + credentialElement());
    expect(thrownCode(() => unbakeBadge(svg))).toBe('ERR_BAKE_AMBIGUOUS');
  });
});

// ---------------------------------------------------------------------------------------------

describe('JWT', () => {
  let payload: Record<string, unknown>;
  let header: Record<string, unknown>;
  beforeAll(async () => {
    const jwt = await signCredentialJwt(richCredential(did), { key: issuerKey, now: NOW });
    header = JSON.parse(Buffer.from(jwt.split('.')[0] as string, 'base64url').toString());
    payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString());
  });

  async function refuse(jwt: string, expected: RegExp) {
    const r = await verifyCredentialJwt(jwt, { now: NOW });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code).join(' ')).toMatch(expected);
    const report = await verifyOffline(jwt);
    expect(report.verdict).toBe('invalid');
  }

  it('alg "none" (any spelling), with or without a signature, is refused', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const unsigned = `${b64u({ ...header, alg })}.${b64u(payload)}.`;
      await refuse(unsigned, /jwt_/);
    }
  });

  it('HS256 keyed with the public key (algorithm confusion) is refused', async () => {
    const jwk = exportKeyPair(issuerKey, { format: 'jwk' }) as Record<string, unknown>;
    const secrets = [
      JSON.stringify(jwk),
      String(jwk.x),
      Buffer.from(String(jwk.x), 'base64url'),
      did,
    ];
    for (const secret of secrets) {
      await refuse(hmacJwt({ ...header, alg: 'HS256' }, payload, secret), /jwt_/);
    }
  });

  it('an unknown critical header is refused even with a good signature', async () => {
    const jwt = handJwt(
      { ...header, crit: ['x-must-understand'], 'x-must-understand': true },
      payload,
      issuerKey,
    );
    await refuse(jwt, /crit/);
    const badCrit = handJwt({ ...header, crit: 'alg' }, payload, issuerKey);
    await refuse(badCrit, /jwt_/);
  });

  it('a self-signed header jwk that is not the issuer key is refused', async () => {
    const attacker = await generateKeyPair({ type: 'Ed25519' });
    const jwk = exportKeyPair(attacker, { format: 'jwk' });
    const { kid: _k, ...rest } = header;
    await refuse(handJwt({ ...rest, jwk }, payload, attacker), /jwt_|issuer_key_mismatch/);
  });

  it(
    'oversized segments are refused by length, before decoding',
    async () => {
      const big = 'A'.repeat(2 * 1024 * 1024);
      const r = await verifyCredentialJwt(`${b64u(header)}.${big}.${big}`, { now: NOW });
      expect(r.verified).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
      expect((await verifyOffline(`${b64u(header)}.${big}.AAAA`)).verdict).toBe('invalid');
    },
    HANG_GUARD,
  );

  it('invalid base64url (padding, +, /, whitespace, bad last character) is refused', async () => {
    const good = await signCredentialJwt(richCredential(did), { key: issuerKey, now: NOW });
    const [h, p, s] = good.split('.') as [string, string, string];
    for (const forged of [
      `${h}=.${p}.${s}`,
      `${h}.${p}.${s}==`,
      `${h.replace(/-/g, '+')}.${p}.${s}`,
      `${h}.${p.replace(/_/g, '/')}.${s}`,
      `${h}.${p} .${s}`,
      `${h}.${p}.${s.slice(0, -1)}`,
      `${h}.${p}.${s}A`,
      `${h}.${p}`,
      `${h}.${p}.${s}.extra`,
    ]) {
      if (forged === good) continue;
      const r = await verifyCredentialJwt(forged, { now: NOW });
      expect(r.verified, forged.slice(-12)).toBe(false);
      const report = await verify(forged, { now: NOW });
      expect(report.verdict).toBe('invalid');
    }
  });

  it('a kid pointing at an attacker URL is not fetched offline', async () => {
    const jwt = handJwt({ ...header, kid: 'https://attacker.example/key#1' }, payload, issuerKey);
    const report = await verifyOffline(jwt);
    expect(report.verdict).not.toBe('valid');
  });
});

// ---------------------------------------------------------------------------------------------

describe('status lists', () => {
  it(
    'a gzip bomb is refused once it expands past the limit (ERR_STATUS_LIST_TOO_LARGE)',
    async () => {
      const bomb = gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
      const encoded = `u${Buffer.from(bomb).toString('base64url')}`;
      expect(encoded.length).toBeLessThan(200_000);
      expect(await rejectedCode(decodeStatusList(encoded))).toBe('ERR_STATUS_LIST_TOO_LARGE');
      expect(await rejectedCode(decodeStatusList(encoded, { maxBytes: 1024 }))).toBe(
        'ERR_STATUS_LIST_TOO_LARGE',
      );
    },
    HANG_GUARD,
  );

  it('garbage, truncated gzip and a bad multibase prefix are refused with ERR_STATUS_LIST_ENCODING', async () => {
    const good = gzipSync(new Uint8Array(16 * 1024));
    const cases = [
      'not base64url!',
      `z${Buffer.from(good).toString('base64url')}`,
      `u${Buffer.from(good.subarray(0, good.length - 10)).toString('base64url')}`,
      `u${Buffer.from('plain text, not gzip').toString('base64url')}`,
      '',
    ];
    for (const c of cases) {
      expect(await rejectedCode(decodeStatusList(c))).toMatch(/^ERR_STATUS_LIST_/);
    }
  });

  it(
    'verify() with a bomb status list in documents reports a failure, not a crash',
    async () => {
      const bomb = gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
      const url = 'https://issuer.example/status/1';
      const unsigned = richCredential(did);
      unsigned.credentialStatus = {
        id: `${url}#5`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '5',
        statusListCredential: url,
      };
      const c = await signCredential(unsigned, { key: issuerKey, created: '2024-01-01T00:00:00Z' });
      const list = await signCredential(
        {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          id: url,
          type: ['VerifiableCredential', 'BitstringStatusListCredential'],
          issuer: did,
          validFrom: '2024-01-01T00:00:00Z',
          credentialSubject: {
            id: `${url}#list`,
            type: 'BitstringStatusList',
            statusPurpose: 'revocation',
            encodedList: `u${Buffer.from(bomb).toString('base64url')}`,
          },
        },
        { key: issuerKey, created: '2024-01-01T00:00:00Z' },
      );
      const fetch = forbiddenFetch();
      const report = await verify(c, { now: NOW, fetch, documents: { [url]: list } });
      expect(fetch).not.toHaveBeenCalled();
      // The list cannot be read within the limit: the status is unknown, never passed.
      expect(report.verdict).not.toBe('valid');
      const status = report.checks.filter((x) => x.id === 'status');
      expect(status.map((x) => x.code)).toEqual(['status_list_too_large']);
      expect(status[0]?.outcome).not.toBe('pass');
    },
    HANG_GUARD,
  );
});

// ---------------------------------------------------------------------------------------------

describe('keys and DID documents', () => {
  it('keys of the wrong length or type are refused at import', () => {
    const ed = exportKeyPair(issuerKey, { format: 'jwk' }) as Record<string, string>;
    const short = { ...ed, x: Buffer.from(new Uint8Array(31)).toString('base64url') };
    const long = { ...ed, x: Buffer.from(new Uint8Array(33)).toString('base64url') };
    for (const jwk of [
      short,
      long,
      { ...ed, crv: 'X25519' },
      { ...ed, kty: 'EC' },
      { kty: 'oct', k: 'AAAA' },
    ]) {
      expect(thrownCode(() => importKeyPair(jwk))).toMatch(/^ERR_KEY_/);
    }
    const offCurve = {
      kty: 'EC',
      crv: 'P-256',
      x: Buffer.from(new Uint8Array(32).fill(1)).toString('base64url'),
      y: Buffer.from(new Uint8Array(32).fill(2)).toString('base64url'),
    };
    expect(thrownCode(() => importKeyPair(offCurve))).toMatch(/^ERR_KEY_/);
  });

  it('a did:key with a truncated or foreign key does not verify anything', async () => {
    const bad = `${did.slice(0, -4)}`;
    const proof = { ...firstProof(signed), verificationMethod: `${bad}#${bad.slice(8)}` };
    const doc = { ...signed, issuer: { ...signed.issuer, id: bad }, proof };
    const r = await verifyCredentialProof(doc, { now: NOW });
    expect(r.verified).toBe(false);
    const p256 = createDidKey(await generateKeyPair({ type: 'P-256' }));
    const mixed = {
      ...signed,
      proof: { ...firstProof(signed), verificationMethod: p256.keyPair.id },
    };
    const r2 = await verifyCredentialProof(mixed, { now: NOW });
    expect(r2.verified).toBe(false);
    expect(r2.issues.map((i) => i.code)).toContain('key_type_mismatch');
  });

  it('a did:web document whose id lies is refused (given as a document, or fetched)', async () => {
    const host = 'issuer.example';
    const webDid = `did:web:${host}`;
    const kid = `${webDid}#key-1`;
    const key = await generateKeyPair({ type: 'Ed25519', controller: webDid, id: kid });
    const lyingDoc = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: 'did:web:attacker.example',
      verificationMethod: [{ ...key.toJSON(), controller: 'did:web:attacker.example' }],
      assertionMethod: [kid],
    };
    const c = await signCredential(richCredential(webDid), {
      key,
      created: '2024-01-01T00:00:00Z',
    });
    const given = await verifyCredentialProof(c, { now: NOW, documents: { [webDid]: lyingDoc } });
    expect(given.verified).toBe(false);
    expect(given.issues.map((i) => i.code)).toContain('controller_document_invalid');

    const urls: string[] = [];
    const fetch = async (url: string) => {
      urls.push(url);
      return { ok: true, status: 200, text: async () => JSON.stringify(lyingDoc) };
    };
    const report = await verify(c, { now: NOW, fetch });
    expect(report.verdict).toBe('invalid');
    expect(urls).toEqual([`https://${host}/.well-known/did.json`]);
  });
  it("a key document that names the victim as its controller does not make the attacker's key the victim's", async () => {
    const victim = 'https://victim.example/issuers/1';
    const attackerUrl = 'https://attacker.example/keys/1';
    const key = await generateKeyPair({ type: 'Ed25519', controller: victim, id: attackerUrl });
    const victimKey = await generateKeyPair({
      type: 'Ed25519',
      controller: victim,
      id: `${victim}#key-1`,
    });
    const victimDoc = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: victim,
      verificationMethod: [victimKey.toJSON()],
      assertionMethod: [victimKey.id],
    };
    // The attacker publishes a bare verification method claiming the victim as controller.
    const attackerVm = { ...key.toJSON(), id: attackerUrl, controller: victim };
    const forged = await signCredential(richCredential(victim), {
      key,
      created: '2024-01-01T00:00:00Z',
    });
    const r = await verifyCredentialProof(forged, {
      now: NOW,
      documents: { [attackerUrl]: attackerVm, [victim]: victimDoc },
    });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['controller_document_invalid']);
    // A DID URL of another DID is not the victim's either, whatever its controller says.
    const other = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const viaDidKey = await signCredential(richCredential(victim), {
      key: other.keyPair,
      created: '2024-01-01T00:00:00Z',
      validate: false, // crafted: refused by default, the verifier must refuse it too
      checkIssuer: false,
    });
    const r2 = await verifyCredentialProof(viaDidKey, {
      now: NOW,
      documents: { [victim]: victimDoc },
    });
    expect(r2.issues.map((i) => i.code)).toEqual(['issuer_key_mismatch']);
  });

  it('an Ed25519 signature with S + L (the same point, a non-canonical scalar) does not verify', async () => {
    const proof = firstProof(signed);
    const sig = decodeBase58btc(proof.proofValue.slice(1)) as Uint8Array;
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let S = 0n;
    for (let i = 31; i >= 0; i--) S = (S << 8n) | BigInt(sig[32 + i] as number);
    let bigger = S + L;
    expect(bigger < 2n ** 256n).toBe(true);
    const forged = sig.slice();
    for (let i = 0; i < 32; i++) {
      forged[32 + i] = Number(bigger & 0xffn);
      bigger >>= 8n;
    }
    const doc = { ...signed, proof: { ...proof, proofValue: `z${encodeBase58btc(forged)}` } };
    const r = await verifyCredentialProof(doc, { now: NOW });
    expect(r.issues.map((i) => i.code)).toEqual(['proof_signature_invalid']);
  });
});
