/**
 * Hostile fetching: the attacker picks every URL a credential makes the verifier fetch (status
 * lists, did:web and https key documents, schemas, refresh services) and answers for them.
 * verify() takes the caller's `fetch`; these tests inject one and check which URLs it was
 * really asked for. Claims:
 *
 * - a redirect (any 3xx, to http, to a private address, to another host) is never followed;
 * - loopback, private, link-local, unique-local and IPv4-mapped addresses and local names, in
 *   every spelling, are never requested unless the caller sets `allowPrivateAddresses`;
 * - a did:web outside the did:web grammar is refused before anything is requested;
 * - oversize and slow bodies are cut off; the bytes, requests and decoded status list bytes of
 *   one verification are bounded in total, and each URL is requested once;
 * - the refresh service is contacted only after the proof passed, the key is bound to the
 *   issuer and nothing else failed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/keys/index.js';
import { createPresentation } from '../../src/present/index.js';
import { signCredential, signCredentialJwt } from '../../src/proof/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
} from '../../src/status/index.js';
import { type VerificationReport, type VerifyOptions, verify } from '../../src/verify/index.js';
import { codes, entries } from '../verify/helpers.js';
import {
  credentialFrom,
  makeIssuer,
  signDi,
  signJwt,
  type TestIssuer,
} from '../verify/signed-helpers.js';
import { expectReport, FULL, fuzzRuns, type Loose, NOW, richCredential } from './helpers.js';

/** Per-test hang guard; `npm run fuzz` runs thousands of cases, so it gets hours. */
const TIMEOUT = FULL ? 4 * 3_600_000 : 60_000;

const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

/** A fake fetch that answers with `respond` and records every URL it is asked for. */
function recordingFetch(respond: (url: string) => Response | Promise<Response>) {
  const requested: string[] = [];
  const fetch = async (url: string) => {
    requested.push(url);
    return respond(url);
  };
  return { fetch: fetch as NonNullable<VerifyOptions['fetch']>, requested };
}

async function run(input: unknown, options: VerifyOptions): Promise<VerificationReport> {
  const report = await verify(input, { now: NOW, ...options });
  expectReport(report);
  return report;
}

let issuer: TestIssuer;
let other: TestIssuer;
beforeAll(async () => {
  issuer = await makeIssuer('Hostile Fetch Issuer');
  other = await makeIssuer('Someone Else');
});

/**
 * Signed by `issuer` with the signing checks off: a badge with several status entries, where
 * the Open Badges 3.0 schema allows one (crafted: the verifier must bound its fetches anyway).
 */
function signSeveral(credential: Loose): Promise<Loose> {
  return signCredential(credential, { key: issuer.keyPair, proofForm: 'array', validate: false });
}

/** A credential signed by `issuer` whose status list is at `url`. */
function withStatus(url: string, count = 1): Promise<Loose> {
  const credential = credentialFrom(issuer, (c) => {
    const list = Array.from({ length: count }, (_, i) => ({
      id: `${url}${count > 1 ? `/${i}` : ''}#3`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '3',
      statusListCredential: `${url}${count > 1 ? `/${i}` : ''}`,
    }));
    c.credentialStatus = count === 1 ? list[0] : list;
  });
  return count === 1 ? signDi(credential, issuer) : signSeveral(credential);
}

function withRefresh(url: string) {
  return credentialFrom(issuer, (c) => {
    c['@context'].push(EXTENSIONS);
    c.refreshService = { id: url, type: '1EdTechCredentialRefresh' };
  });
}

/** Where a redirect may point: plain http, private and metadata addresses, other hosts. */
const LOCATIONS = fc.constantFrom(
  'http://issuer.example/status/1',
  'http://127.0.0.1:8080/admin',
  'https://127.0.0.1/',
  'https://[::1]/',
  'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
  'https://10.0.0.5/internal',
  'https://localhost/',
  'https://attacker.example/list',
  'https://issuer.example/status/1-other',
  '/relative/path',
  'file:///etc/passwd',
);
const REDIRECTS = fc.constantFrom(301, 302, 303, 307, 308);
const redirectTo = (status: number, location: string) =>
  new Response(null, { status, headers: { location } });

describe('redirects are never followed', () => {
  it(
    'status lists: every 3xx to any place is fetch_redirect, and nothing else is requested',
    async () => {
      const url = 'https://issuer.example/status/1';
      const signed = await withStatus(url);
      await fc.assert(
        fc.asyncProperty(REDIRECTS, LOCATIONS, async (status, location) => {
          const { fetch, requested } = recordingFetch(() => redirectTo(status, location));
          const report = await run(signed, { fetch });
          expect(requested).toEqual([url]);
          const [entry] = entries(report, 'status');
          expect(entry).toMatchObject({ outcome: 'warn', code: 'fetch_redirect' });
          expect(entry?.message).toContain(String(status));
          expect(report.verdict).not.toBe('valid');
        }),
        { numRuns: fuzzRuns(25) },
      );
    },
    TIMEOUT,
  );

  it(
    'did:web and https key documents: the proof is not verified, and the Location is not requested',
    async () => {
      const did = 'did:web:issuer.example';
      const keyPair = await generateKeyPair({
        type: 'Ed25519',
        controller: did,
        id: `${did}#key-1`,
      });
      const signedWeb = await signCredential(richCredential(did), { key: keyPair });
      const https = 'https://issuer.example/issuers/1';
      const httpsKey = await generateKeyPair({
        type: 'Ed25519',
        controller: https,
        id: `${https}#key-1`,
      });
      const signedHttps = await signCredential(richCredential(https), { key: httpsKey });
      await fc.assert(
        fc.asyncProperty(REDIRECTS, LOCATIONS, fc.boolean(), async (status, location, web) => {
          const { fetch, requested } = recordingFetch(() => redirectTo(status, location));
          const report = await run(web ? signedWeb : signedHttps, { fetch });
          expect(requested).toEqual([web ? 'https://issuer.example/.well-known/did.json' : https]);
          const proof = entries(report, 'proof');
          // Not verified, and said so: could not be checked (never accepted), and a failure
          // under the conformance policy.
          expect(proof.map((p) => p.code)).toEqual(['fetch_redirect']);
          expect(proof[0]?.message).toMatch(/redirect/);
          expect(report.answers.authentic.value).toBe('unknown');
          expect(report.answers.fullyChecked.value).toBe('no');
          expect(report.verdict).not.toBe('valid');
          const strict = await run(web ? signedWeb : signedHttps, { fetch, policy: 'conformance' });
          expect(entries(strict, 'proof').map((p) => p.outcome)).toEqual(['fail']);
          expect(strict.verdict).toBe('invalid');
        }),
        { numRuns: fuzzRuns(20) },
      );
    },
    TIMEOUT,
  );

  it(
    'credentialSchema and refreshService: fetch_redirect, nothing else requested',
    async () => {
      const schemaUrl = 'https://issuer.example/schemas/badge.json';
      const withSchema = await signDi(
        credentialFrom(issuer, (c) => {
          c['@context'].push(EXTENSIONS);
          c.credentialSchema = [{ id: schemaUrl, type: '1EdTechJsonSchemaValidator2019' }];
        }),
        issuer,
      );
      const refreshUrl = 'https://issuer.example/refresh/1';
      const refreshing = await signDi(withRefresh(refreshUrl), issuer);
      await fc.assert(
        fc.asyncProperty(REDIRECTS, LOCATIONS, async (status, location) => {
          const schema = recordingFetch(() => redirectTo(status, location));
          const r1 = await run(withSchema, { fetch: schema.fetch });
          expect(schema.requested).toEqual([schemaUrl]);
          expect(codes(r1, 'schema')).toEqual(['fetch_redirect']);
          const refresh = recordingFetch(() => redirectTo(status, location));
          const r2 = await run(refreshing, { fetch: refresh.fetch });
          expect(refresh.requested).toEqual([refreshUrl]);
          expect(codes(r2, 'refresh')).toEqual(['fetch_redirect']);
          expect(r2.refreshed).toBeUndefined();
        }),
        { numRuns: fuzzRuns(10) },
      );
    },
    TIMEOUT,
  );
});

/** IPv4 blocks that must never be reached (IANA special-purpose registry). */
const PRIVATE_V4: Array<[number, number]> = [
  [0x7f000000, 8], // loopback
  [0x0a000000, 8], // private
  [0xac100000, 12], // private
  [0xc0a80000, 16], // private
  [0xa9fe0000, 16], // link-local (cloud metadata)
  [0x64400000, 10], // shared address space
  [0x00000000, 8], // "this network"
];

const privateV4 = fc
  .tuple(fc.constantFrom(...PRIVATE_V4), fc.nat())
  .map(([[base, bits], r]) => (base + (r % 2 ** (32 - bits))) >>> 0);

const parts = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const dotted = (n: number) => parts(n).join('.');

/** Every way WHATWG URL parsing lets a host name one IPv4 address. */
const v4Spelling = fc
  .tuple(
    privateV4,
    fc.constantFrom(
      'dotted',
      'decimal',
      'hex',
      'HEX',
      'octal-parts',
      'hex-parts',
      'mixed',
      'short-2',
      'short-3',
      'trailing-dot',
      'percent',
    ),
    fc.array(fc.constantFrom('dec', 'oct', 'hex'), { minLength: 4, maxLength: 4 }),
  )
  .map(([n, form, mix]) => {
    const [a, b, c, d] = parts(n) as [number, number, number, number];
    const oct = (x: number) => `0${x.toString(8)}`;
    const hex = (x: number) => `0x${x.toString(16)}`;
    const host = {
      dotted: dotted(n),
      decimal: String(n),
      hex: hex(n),
      HEX: `0X${n.toString(16).toUpperCase()}`,
      'octal-parts': [a, b, c, d].map(oct).join('.'),
      'hex-parts': [a, b, c, d].map(hex).join('.'),
      mixed: [a, b, c, d]
        .map((x, i) => (mix[i] === 'oct' ? oct(x) : mix[i] === 'hex' ? hex(x) : String(x)))
        .join('.'),
      'short-2': `${a}.${(b << 16) | (c << 8) | d}`,
      'short-3': `${a}.${b}.${(c << 8) | d}`,
      'trailing-dot': `${dotted(n)}.`,
      percent: [...dotted(n)]
        .map((ch) => (ch === '.' ? ch : `%${ch.charCodeAt(0).toString(16)}`))
        .join(''),
    }[form];
    return { host, canonical: dotted(n) };
  });

const v6Spelling = fc.oneof(
  fc.constantFrom('[::1]', '[0:0:0:0:0:0:0:1]', '[0000::0001]', '[::]'),
  privateV4.map((n) => `[::ffff:${dotted(n)}]`),
  privateV4.map((n) => `[::FFFF:${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}]`),
  privateV4.map((n) => `[0:0:0:0:0:ffff:${dotted(n)}]`),
  fc.integer({ min: 0xfe80, max: 0xfebf }).map((g) => `[${g.toString(16)}::${g % 7}]`),
  fc.integer({ min: 0xfc00, max: 0xfdff }).map((g) => `[${g.toString(16).toUpperCase()}:1::1]`),
);

const localName = fc
  .tuple(
    fc.constantFrom(
      'localhost',
      'api.localhost',
      'printer.local',
      'metadata.google.internal',
      'intranet',
    ),
    fc.constantFrom('plain', 'upper', 'dot', 'percent', 'fullwidth'),
  )
  .map(([name, form]) => {
    const host = {
      plain: name,
      upper: name.toUpperCase(),
      dot: `${name}.`,
      percent: [...name]
        .map((ch, i) => (i % 2 === 0 && ch !== '.' ? `%${ch.charCodeAt(0).toString(16)}` : ch))
        .join(''),
      fullwidth: [...name]
        .map((ch) => (ch === '.' ? ch : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)))
        .join(''),
    }[form];
    return { host, canonical: name };
  });

describe('private addresses are never requested unless allowed', () => {
  it(
    'IPv4 in every spelling, as a status list URL: refused, then requested as the canonical address when allowed',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          v4Spelling,
          fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
          async ({ host, canonical }, port) => {
            const url = `https://${host}${port === undefined ? '' : `:${port}`}/status/1`;
            const signed = await withStatus(url);
            const refused = recordingFetch(() => new Response('{}'));
            const report = await run(signed, { fetch: refused.fetch });
            expect(refused.requested, host).toEqual([]);
            expect(codes(report, 'status')).toEqual(['fetch_private_address']);

            const allowed = recordingFetch(() => new Response('', { status: 404 }));
            const r2 = await run(signed, { fetch: allowed.fetch, allowPrivateAddresses: true });
            const shownPort = port === undefined || port === 443 ? '' : `:${port}`;
            expect(allowed.requested).toEqual([`https://${canonical}${shownPort}/status/1`]);
            expect(codes(r2, 'status')).toEqual(['fetch_status']);
          },
        ),
        { numRuns: fuzzRuns(30) },
      );
    },
    TIMEOUT,
  );

  it(
    'IPv6 loopback, IPv4-mapped, link-local and unique-local forms, and local names',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            v6Spelling,
            localName.map((x) => x.host),
          ),
          async (host) => {
            const url = `https://${host}/status/1`;
            const signed = await withStatus(url);
            const refused = recordingFetch(() => new Response('{}'));
            const report = await run(signed, { fetch: refused.fetch });
            expect(refused.requested, host).toEqual([]);
            expect(codes(report, 'status')).toEqual(['fetch_private_address']);
            const allowed = recordingFetch(() => new Response('', { status: 404 }));
            await run(signed, { fetch: allowed.fetch, allowPrivateAddresses: true });
            expect(allowed.requested).toHaveLength(1);
          },
        ),
        { numRuns: fuzzRuns(30) },
      );
      // A local name is requested under its canonical spelling.
      const { host, canonical } = { host: 'ＬＯＣＡＬＨＯＳＴ', canonical: 'localhost' };
      const allowed = recordingFetch(() => new Response('', { status: 404 }));
      await run(await withStatus(`https://${host}:8443/s`), {
        fetch: allowed.fetch,
        allowPrivateAddresses: true,
      });
      expect(allowed.requested).toEqual([`https://${canonical}:8443/s`]);
    },
    TIMEOUT,
  );

  it('an https key document or did:web on a private host is refused the same way', async () => {
    const did = 'did:web:localhost%3A8443';
    const keyPair = await generateKeyPair({ type: 'Ed25519', controller: did, id: `${did}#key-1` });
    const signed = await signCredential(richCredential(did), { key: keyPair });
    const refused = recordingFetch(() => new Response('{}'));
    const report = await run(signed, { fetch: refused.fetch });
    expect(refused.requested).toEqual([]);
    expect(entries(report, 'proof')[0]?.message).toContain('allowPrivateAddresses is off');
    expect(entries(report, 'proof')[0]?.code).toBe('fetch_private_address');
    expect(report.answers.authentic.value).toBe('unknown');
    expect(report.answers.fullyChecked.value).toBe('no');
    expect((await run(signed, { fetch: refused.fetch, policy: 'conformance' })).verdict).toBe(
      'invalid',
    );
    expect(refused.requested).toEqual([]);
    // Allowed (a test against a local https server): the document is fetched and the proof verifies.
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [keyPair.toJSON()],
      assertionMethod: [`${did}#key-1`],
    };
    const served = recordingFetch(
      () =>
        new Response(JSON.stringify(document), {
          headers: { 'content-type': 'application/did+json' },
        }),
    );
    const ok = await run(signed, { fetch: served.fetch, allowPrivateAddresses: true });
    expect(served.requested).toEqual(['https://localhost:8443/.well-known/did.json']);
    expect(entries(ok, 'proof').map((p) => p.outcome)).toEqual(['pass']);
  });
});

describe('did:web outside the grammar is refused before any request', () => {
  const bad = fc.constantFrom(
    'did:web:example.com:%2e%2e:admin',
    'did:web:example.com:%2E%2E%2Fadmin',
    'did:web:example.com:a%2fb',
    'did:web:%6c%6fcalhost',
    'did:web:example%2Ecom',
    'did:web:example.com::admin',
    'did:web:example.com:..',
    'did:web:example.com:.',
    'did:web:Example.com',
    'did:web:example.com.',
    'did:web:127.0.0.1%3A8443',
    'did:web:2130706433',
    'did:web:example.com%3a8443',
    'did:web:example.com%3A08443',
    'did:web:example.com%3A99999',
  );
  it(
    'as the proof verification method: the proof fails and nothing is fetched',
    async () => {
      const signed = await signDi(credentialFrom(issuer), issuer);
      await fc.assert(
        fc.asyncProperty(bad, async (did) => {
          const tampered = structuredClone(signed);
          tampered.issuer.id = did;
          tampered.proof[0].verificationMethod = `${did}#key-1`;
          const { fetch, requested } = recordingFetch(() => new Response('{}'));
          const report = await run(tampered, { fetch });
          expect(requested, did).toEqual([]);
          expect(entries(report, 'proof').map((p) => p.outcome)).toEqual(['fail']);
          expect(entries(report, 'proof')[0]?.message).toMatch(/Malformed did:web/);
        }),
        { numRuns: fuzzRuns(15) },
      );
    },
    TIMEOUT,
  );
});

describe('bodies and totals are bounded', () => {
  it(
    'an endless body stops at limits.maxDocumentBytes; a slow one at limits.fetchTimeoutMs',
    async () => {
      const url = 'https://issuer.example/status/1';
      const signed = await withStatus(url);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 512, max: 64 * 1024 }), async (chunkSize) => {
          let pulled = 0;
          const chunk = new Uint8Array(chunkSize).fill(0x20);
          const endless = new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                pulled += chunk.byteLength;
                controller.enqueue(chunk);
              },
            },
            { highWaterMark: 0 },
          );
          const { fetch } = recordingFetch(() => new Response(endless));
          const report = await run(signed, { fetch, limits: { maxDocumentBytes: 256 * 1024 } });
          expect(codes(report, 'status')).toEqual(['fetch_too_large']);
          expect(pulled).toBeLessThanOrEqual(256 * 1024 + chunkSize);
        }),
        { numRuns: fuzzRuns(10) },
      );
      const slow = recordingFetch(
        () =>
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"@context":'));
              },
              pull: () => new Promise(() => {}),
            }),
          ),
      );
      const report = await run(signed, { fetch: slow.fetch, limits: { fetchTimeoutMs: 50 } });
      expect(codes(report, 'status')).toEqual(['fetch_timeout']);
    },
    TIMEOUT,
  );

  it('80 status lists of 1 MiB each: at most limits.maxFetches requests and limits.maxFetchBytes read in all', async () => {
    const url = 'https://issuer.example/lists';
    const signed = await withStatus(url, 80);
    let pulled = 0;
    const CHUNK = 64 * 1024;
    const { fetch, requested } = recordingFetch(() => {
      let left = 1024 * 1024;
      return new Response(
        new ReadableStream<Uint8Array>(
          {
            pull(controller) {
              if (left <= 0) return controller.close();
              left -= CHUNK;
              pulled += CHUNK;
              controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
            },
          },
          { highWaterMark: 0 },
        ),
      );
    });
    const report = await run(signed, { fetch });
    const found = codes(report, 'status');
    expect(found).toHaveLength(80);
    // Defaults: 64 requests, 16 MiB in all (each read stops at the chunk that would pass it).
    expect(requested).toHaveLength(64);
    expect(new Set(requested).size).toBe(64);
    expect(pulled).toBeLessThanOrEqual(16 * 1024 * 1024 + 64 * CHUNK);
    expect(found.filter((c) => c === 'fetch_limit_requests')).toHaveLength(16);
    expect(found.filter((c) => c === 'fetch_limit_bytes').length).toBeGreaterThanOrEqual(64 - 16);
    // The 16 bodies read whole are not status lists.
    expect(found.filter((c) => c === 'status_list_malformed').length).toBeLessThanOrEqual(16);
  });

  it('64 entries pointing at lists that each decode to 16 MiB: at most limits.maxStatusListTotalBytes decoded', async () => {
    const list = createStatusList({ purpose: 'revocation', length: 16 * 1024 * 1024 * 8 });
    const template = await createStatusListCredential({
      id: 'https://issuer.example/big/0',
      issuer: issuer.did,
      list,
      validFrom: '2020-01-01T00:00:00Z',
    });
    const lists = new Map<string, string>();
    await Promise.all(
      Array.from({ length: 64 }, async (_, i) => {
        const id = `https://issuer.example/big/${i}`;
        lists.set(id, JSON.stringify(await signDi({ ...template, id }, issuer)));
      }),
    );
    const signed = await signSeveral(
      credentialFrom(issuer, (c) => {
        c.credentialStatus = Array.from({ length: 64 }, (_, i) =>
          createStatusEntry({
            statusListCredential: `https://issuer.example/big/${i}`,
            index: 5,
            purpose: 'revocation',
          }),
        );
      }),
    );
    const { fetch, requested } = recordingFetch((u) => new Response(lists.get(u) ?? '', {}));
    const report = await run(signed, { fetch });
    expect(requested).toHaveLength(64);
    const status = entries(report, 'status');
    // 4 lists of 16 MiB fill the 64 MiB default; the other 60 are not decoded.
    expect(status.filter((s) => s.outcome === 'pass')).toHaveLength(4);
    expect(status.filter((s) => s.code === 'status_list_total_too_large')).toHaveLength(60);
    // Lists left undecoded by the limit are a security rule reached: refused under every policy
    // (the Open Badges schema also wants one credentialStatus object: a conformance finding).
    expect(status.find((s) => s.code === 'status_list_total_too_large')?.outcome).toBe('fail');
    expect(report.verdict).toBe('invalid');
  });

  it('one list named by many entries and many credentials is requested once a run', async () => {
    const url = 'https://issuer.example/shared-list';
    const list = await signDi(
      await createStatusListCredential({
        id: url,
        issuer: issuer.did,
        list: createStatusList({ purpose: 'revocation' }),
        validFrom: '2020-01-01T00:00:00Z',
      }),
      issuer,
    );
    const credential = () =>
      signSeveral(
        credentialFrom(issuer, (c) => {
          c.credentialStatus = [1, 2, 3].map((index) =>
            createStatusEntry({ statusListCredential: url, index, purpose: 'revocation' }),
          );
        }),
      );
    const vp = createPresentation({ credentials: [await credential(), await credential()] });
    const { fetch, requested } = recordingFetch(() => new Response(JSON.stringify(list)));
    const report = await run(vp, { fetch });
    expect(requested).toEqual([url]);
    for (const c of report.credentials ?? []) {
      expect(entries(c, 'status').map((s) => s.outcome)).toEqual(['pass', 'pass', 'pass']);
    }
    expect(report.credentials).toHaveLength(2);
  });
});

describe('the refresh service is contacted only for a credential trusted so far', () => {
  const URL_ = 'https://issuer.example/refresh/7';

  it('not when the key is not bound to the issuer (the signature itself verifies)', async () => {
    // crafted (another party's key): refused by default, the verifier must refuse it too
    const jwt = await signCredentialJwt(withRefresh(URL_), {
      key: other.keyPair,
      checkIssuer: false,
    });
    const { fetch, requested } = recordingFetch(() => new Response('{}'));
    const report = await run(jwt, { fetch });
    expect(entries(report, 'proof').map((p) => p.outcome)).toEqual(['pass']);
    expect(codes(report, 'issuer')).toContain('issuer_key_mismatch');
    expect(codes(report, 'refresh')).toEqual(['refresh_issuer_not_verified']);
    expect(requested).toEqual([]);
  });

  it('not when the proof fails, nor when another check already failed', async () => {
    const forged = await signDi(withRefresh(URL_), issuer);
    forged.name = 'Forged';
    const a = recordingFetch(() => new Response('{}'));
    expect(codes(await run(forged, { fetch: a.fetch }), 'refresh')).toEqual([
      'refresh_proof_not_verified',
    ]);
    // crafted (no criteria): refused by default, the verifier must refuse it too
    const incomplete = await signCredential(
      credentialFrom(issuer, (c) => {
        c['@context'].push(EXTENSIONS);
        c.refreshService = { id: URL_, type: '1EdTechCredentialRefresh' };
        delete c.credentialSubject.achievement.criteria;
      }),
      { key: issuer.keyPair, proofForm: 'array', validate: false },
    );
    const b = recordingFetch(() => new Response('{}'));
    const report = await run(incomplete, { fetch: b.fetch });
    expect(entries(report, 'proof').map((p) => p.outcome)).toEqual(['pass']);
    expect(codes(report, 'refresh')).toEqual(['refresh_credential_refused']);
    expect([...a.requested, ...b.requested]).toEqual([]);
  });

  it('and only then, once', async () => {
    const refreshed = await signJwt(withRefresh(URL_), issuer);
    const { fetch, requested } = recordingFetch(
      () => new Response(refreshed, { headers: { 'content-type': 'application/vc+jwt' } }),
    );
    const report = await run(await signDi(withRefresh(URL_), issuer), { fetch });
    expect(requested).toEqual([URL_]);
    expect(codes(report, 'refresh')).toEqual(['refreshed']);
  });
});
