/**
 * The one loader: URL rules, response rules, body bounds, budgets, cache. The expected address
 * classes come from the IANA IPv4 and IPv6 special-purpose address registries (RFC 6890 and
 * successors); the numeric host spellings are canonicalised by the platform's WHATWG URL parser.
 */
import { describe, expect, it, vi } from 'vitest';
import { FetchError, Ob3Error } from '../../src/errors.js';
import {
  canonicalUrl,
  DocumentFetcher,
  type FetchInit,
  fetcherFor,
  fetcherOf,
  fetchReportCode,
  nonPublicHost,
  parseJsonDocument,
} from '../../src/internal/fetch.js';
import { codeOf as anyCodeOf } from '../helpers.js';

/** The code of the Ob3Error `p` rejects with (or `fn` throws). */
const codeOf = (p: Promise<unknown> | (() => unknown)) => anyCodeOf(p, Ob3Error);

const enc = new TextEncoder();

/** A body stream that hands out `chunks` one per read (nothing is produced ahead of a read). */
function streamOf(chunks: Uint8Array[], onPull?: (n: number) => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const c = chunks[i++];
        if (c === undefined) controller.close();
        else {
          onPull?.(c.byteLength);
          controller.enqueue(c);
        }
      },
    },
    { highWaterMark: 0 },
  );
}

describe('canonicalUrl', () => {
  it('canonicalises before checking and drops the fragment', () => {
    expect(canonicalUrl('HTTPS://Issuer.EXAMPLE:443/a/../b?x=1#frag', false)).toBe(
      'https://issuer.example/b?x=1',
    );
    expect(canonicalUrl('https://issuer.example:8443/s', false)).toBe(
      'https://issuer.example:8443/s',
    );
  });

  it('refuses what is not an https URL, and URLs with user info', async () => {
    for (const [url, code] of [
      ['http://issuer.example/', 'ERR_FETCH_NOT_HTTPS'],
      ['file:///etc/passwd', 'ERR_FETCH_NOT_HTTPS'],
      ['data:application/json,{}', 'ERR_FETCH_NOT_HTTPS'],
      ['ftp://issuer.example/x', 'ERR_FETCH_NOT_HTTPS'],
      ['not a url', 'ERR_FETCH_URL'],
      ['', 'ERR_FETCH_URL'],
      [`https://issuer.example/${'a'.repeat(5000)}`, 'ERR_FETCH_URL'],
      ['https://user:pw@issuer.example/', 'ERR_FETCH_URL'],
      ['https://user@issuer.example/', 'ERR_FETCH_URL'],
      ['https://example.123/', 'ERR_FETCH_URL'],
      ['https://1.2.3.4.5/', 'ERR_FETCH_URL'],
      ['https://256.0.0.1/', 'ERR_FETCH_URL'],
    ] as const) {
      expect(await codeOf(() => canonicalUrl(url, false)), url).toBe(code);
      expect(await codeOf(() => canonicalUrl(url, true)), url).toBe(code);
    }
  });

  it('refuses every spelling of a loopback or private IPv4 address unless allowed', async () => {
    const spellings: Array<[string, string]> = [
      ['127.0.0.1', '127.0.0.1'],
      ['2130706433', '127.0.0.1'],
      ['0x7f000001', '127.0.0.1'],
      ['0x7F.0.0.1', '127.0.0.1'],
      ['0177.0.0.01', '127.0.0.1'],
      ['017700000001', '127.0.0.1'],
      ['127.1', '127.0.0.1'],
      ['127.0.1', '127.0.0.1'],
      ['127.0.0.1.', '127.0.0.1'],
      ['%31%32%37.0.0.1', '127.0.0.1'],
      ['0', '0.0.0.0'],
      ['0.0.0.0', '0.0.0.0'],
      ['10.1', '10.0.0.1'],
      ['0xa.0xb.0xc.0xd', '10.11.12.13'],
      ['169.254.169.254', '169.254.169.254'],
      ['0xa9fea9fe', '169.254.169.254'],
      ['172.16.0.1', '172.16.0.1'],
      ['172.31.255.255', '172.31.255.255'],
      ['192.168.1.1', '192.168.1.1'],
      ['3232235777', '192.168.1.1'],
      ['100.64.0.1', '100.64.0.1'],
      ['224.0.0.1', '224.0.0.1'],
      ['255.255.255.255', '255.255.255.255'],
      ['198.18.0.1', '198.18.0.1'],
    ];
    for (const [host, canonical] of spellings) {
      const url = `https://${host}/status`;
      expect(await codeOf(() => canonicalUrl(url, false)), host).toBe('ERR_FETCH_PRIVATE_ADDRESS');
      expect(canonicalUrl(url, true), host).toBe(`https://${canonical}/status`);
    }
  });

  it('refuses loopback, link-local, unique-local, mapped and other special IPv6 addresses', async () => {
    for (const host of [
      '[::1]',
      '[0:0:0:0:0:0:0:1]',
      '[::]',
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      '[::ffff:10.0.0.1]',
      '[::ffff:8.8.8.8]',
      '[::127.0.0.1]',
      '[fe80::1]',
      '[FE80::1]',
      '[febf::1]',
      '[fc00::1]',
      '[fd12:3456:789a::1]',
      '[fec0::1]',
      '[ff02::1]',
      '[64:ff9b::7f00:1]',
      '[2001:db8::1]',
      '[2001::1]',
      '[2002:7f00:1::1]',
      '[2002:c0a8:101::1]',
      '[100::1]',
      '[3fff::1]',
    ]) {
      expect(await codeOf(() => canonicalUrl(`https://${host}/`, false)), host).toBe(
        'ERR_FETCH_PRIVATE_ADDRESS',
      );
      expect(() => canonicalUrl(`https://${host}/`, true)).not.toThrow();
    }
  });

  it('refuses localhost-style, local and single-label names in any spelling', async () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'localhost.',
      'LocalHost.',
      '%6c%6fcalhost',
      'ｌｏｃａｌｈｏｓｔ',
      'api.localhost',
      'printer.local',
      'metadata.google.internal',
      'router.home.arpa',
      'box.localdomain',
      'intranet',
      'intranet.',
      '127.0.0.1..',
      'a..example',
    ]) {
      expect(await codeOf(() => canonicalUrl(`https://${host}/`, false)), host).toBe(
        'ERR_FETCH_PRIVATE_ADDRESS',
      );
    }
  });

  it('lets public addresses and names through', () => {
    for (const host of [
      'issuer.example',
      'xn--bcher-kva.example',
      'bücher.example',
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '192.169.0.1',
      '100.128.0.1',
      '[2606:4700:4700::1111]',
      '[2a00:1450::1]',
      '[2002:808:808::1]',
      'localhost.example',
      'local.example',
    ]) {
      expect(() => canonicalUrl(`https://${host}/x`, false), host).not.toThrow();
    }
    expect(canonicalUrl('https://bücher.example/x', false)).toBe('https://xn--bcher-kva.example/x');
  });

  it('nonPublicHost names the reason', () => {
    expect(nonPublicHost('127.0.0.1')).toBe('a loopback address');
    expect(nonPublicHost('[::ffff:7f00:1]')).toBe('an IPv4-mapped address');
    expect(nonPublicHost('10.0.0.1')).toBe('a private address');
    expect(nonPublicHost('169.254.0.1')).toBe('a link-local address');
    expect(nonPublicHost('[fd00::1]')).toBe('a unique-local address');
    expect(nonPublicHost('issuer.example')).toBeUndefined();
  });
});

describe('DocumentFetcher', () => {
  it('serves documents without a fetch, and is offline otherwise', async () => {
    const f = new DocumentFetcher({ documents: { 'https://a.example/doc': { id: 1 } } });
    expect(f.online).toBe(false);
    expect(await f.load('https://a.example/doc#frag', 'key')).toEqual({
      source: 'documents',
      key: 'https://a.example/doc',
      value: { id: 1 },
    });
    expect(await codeOf(f.load('https://a.example/other', 'key'))).toBe('ERR_FETCH_OFFLINE');
    // Documents may name any URL: they are the caller's, no request is made.
    const local = new DocumentFetcher({ documents: { 'http://localhost/x': { id: 2 } } });
    expect((await local.load('http://localhost/x', 'status')).value).toEqual({ id: 2 });
  });

  it('requests the canonical URL with GET, redirect manual, no credentials, an Accept and a signal', async () => {
    const calls: Array<[string, FetchInit]> = [];
    const f = new DocumentFetcher({
      fetch: async (url, init) => {
        calls.push([url, init]);
        return new Response('{"id":"x"}', { headers: { 'content-type': 'application/json' } });
      },
    });
    const loaded = await f.load('HTTPS://A.Example/doc#k', 'did');
    expect(loaded).toEqual({ source: 'fetch', url: 'https://a.example/doc', value: '{"id":"x"}' });
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] as [string, FetchInit];
    expect(url).toBe('https://a.example/doc');
    expect(init.method).toBe('GET');
    expect(init.redirect).toBe('manual');
    expect(init.credentials).toBe('omit');
    expect(init.headers.accept).toContain('application/did+json');
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('never follows a redirect: every 3xx, an opaque redirect, or a fetch that followed one', async () => {
    for (const status of [300, 301, 302, 303, 307, 308]) {
      const fetch = vi.fn(
        async () => new Response(null, { status, headers: { location: 'http://127.0.0.1/admin' } }),
      );
      const f = new DocumentFetcher({ fetch });
      const err = await f.load('https://a.example/x', 'status').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FetchError);
      expect((err as FetchError).code).toBe('ERR_FETCH_REDIRECT');
      expect((err as FetchError).details).toMatchObject({
        status,
        location: 'http://127.0.0.1/admin',
      });
      expect((err as FetchError).message).toContain('http://127.0.0.1/admin');
      expect(fetch).toHaveBeenCalledTimes(1);
    }
    const opaque = new DocumentFetcher({
      fetch: async () => ({ status: 0, type: 'opaqueredirect', text: async () => '' }),
    });
    expect(await codeOf(opaque.load('https://a.example/x', 'key'))).toBe('ERR_FETCH_REDIRECT');
    const followed = new DocumentFetcher({
      fetch: async () => ({
        status: 200,
        redirected: true,
        url: 'https://169.254.169.254/latest',
        text: async () => '{}',
      }),
    });
    const e = await followed.load('https://a.example/x', 'key').catch((x: unknown) => x);
    expect((e as FetchError).code).toBe('ERR_FETCH_REDIRECT');
    expect((e as FetchError).message).toContain('169.254.169.254');
    const moved = new DocumentFetcher({
      fetch: async () => ({ status: 200, url: 'https://b.example/x', text: async () => '{}' }),
    });
    expect(await codeOf(moved.load('https://a.example/x', 'key'))).toBe('ERR_FETCH_REDIRECT');
  });

  it('refuses HTTP errors, wrong media types and charsets, and bodies that are not UTF-8', async () => {
    const answer = (res: () => Response) => new DocumentFetcher({ fetch: async () => res() });
    expect(
      await codeOf(
        answer(() => new Response('', { status: 404 })).load('https://a.example/', 'key'),
      ),
    ).toBe('ERR_FETCH_STATUS');
    for (const type of ['text/html', 'image/png', 'application/xml', 'application/jwt']) {
      const f = answer(() => new Response('{}', { headers: { 'content-type': type } }));
      expect(await codeOf(f.load('https://a.example/', 'key')), type).toBe(
        'ERR_FETCH_CONTENT_TYPE',
      );
    }
    for (const type of [
      'application/json',
      'application/did+ld+json; charset=UTF-8',
      'application/vc+ld+json',
      'text/plain;charset=utf-8',
      'application/octet-stream',
    ]) {
      const f = answer(() => new Response('{}', { headers: { 'content-type': type } }));
      expect((await f.load('https://a.example/', 'key')).value, type).toBe('{}');
    }
    // A JWT type is accepted where a JWT may come (status lists, refresh), not for keys.
    const jwt = () => new Response('a.b.c', { headers: { 'content-type': 'application/vc+jwt' } });
    expect((await answer(jwt).load('https://a.example/', 'status')).value).toBe('a.b.c');
    expect(await codeOf(answer(jwt).load('https://a.example/', 'schema'))).toBe(
      'ERR_FETCH_CONTENT_TYPE',
    );
    const utf16 = answer(
      () => new Response('{}', { headers: { 'content-type': 'application/json; charset=utf-16' } }),
    );
    expect(await codeOf(utf16.load('https://a.example/', 'key'))).toBe('ERR_FETCH_CONTENT_TYPE');
    const latin1 = answer(() => new Response(new Uint8Array([0x7b, 0xe9, 0x7d])));
    expect(await codeOf(latin1.load('https://a.example/', 'key'))).toBe('ERR_FETCH_ENCODING');
    const bom = answer(() => new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])));
    expect((await bom.load('https://a.example/', 'key')).value).toBe('{}');
  });

  it('stops reading a body at maxDocumentBytes, before reading when Content-Length says so', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024).fill(0x20);
    const big = new DocumentFetcher({
      maxDocumentBytes: 4096,
      fetch: async () =>
        new Response(
          streamOf(
            Array.from({ length: 1000 }, () => chunk),
            (n) => {
              pulled += n;
            },
          ),
        ),
    });
    const err = await big.load('https://a.example/', 'status').catch((e: unknown) => e);
    expect((err as FetchError).code).toBe('ERR_FETCH_TOO_LARGE');
    expect((err as FetchError).details).toMatchObject({ limit: 'maxDocumentBytes', max: 4096 });
    expect(pulled).toBeLessThanOrEqual(4096 + 1024);

    pulled = 0;
    const declared = new DocumentFetcher({
      maxDocumentBytes: 4096,
      fetch: async () =>
        new Response(
          streamOf([chunk], (n) => {
            pulled += n;
          }),
          { headers: { 'content-length': '999999999' } },
        ),
    });
    expect(await codeOf(declared.load('https://a.example/', 'status'))).toBe('ERR_FETCH_TOO_LARGE');
    expect(pulled).toBe(0);

    // Without a body stream (as in React Native), the text is measured once read.
    const plain = new DocumentFetcher({
      maxDocumentBytes: 10,
      fetch: async () => ({ status: 200, text: async () => '"ééééééé"' }),
    });
    expect(await codeOf(plain.load('https://a.example/', 'status'))).toBe('ERR_FETCH_TOO_LARGE');
  });

  it('gives up on a slow response or a slow body at fetchTimeoutMs, and honours the caller abort', async () => {
    let seen: AbortSignal | undefined;
    const hanging = new DocumentFetcher({
      fetchTimeoutMs: 20,
      fetch: (_url, init) => {
        seen = init.signal;
        return new Promise(() => {});
      },
    });
    const e = await hanging.load('https://a.example/', 'key').catch((x: unknown) => x);
    expect((e as FetchError).code).toBe('ERR_FETCH_TIMEOUT');
    expect((e as FetchError).message).toContain('fetchTimeoutMs');
    expect(seen?.aborted).toBe(true);

    const drip = new DocumentFetcher({
      fetchTimeoutMs: 50,
      fetch: async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(enc.encode('{"a":'));
            },
            pull() {
              return new Promise(() => {});
            },
          }),
        ),
    });
    expect(await codeOf(drip.load('https://a.example/', 'key'))).toBe('ERR_FETCH_TIMEOUT');

    const controller = new AbortController();
    const abortable = new DocumentFetcher({
      signal: controller.signal,
      fetch: () => new Promise(() => {}),
    });
    const pending = abortable.load('https://a.example/', 'key');
    controller.abort(new Error('caller stopped'));
    expect(await codeOf(pending)).toBe('ERR_ABORTED');
  });

  it('keeps to maxFetches and maxFetchBytes for the run, and fetches each URL once', async () => {
    const asked: string[] = [];
    const f = new DocumentFetcher({
      maxFetches: 3,
      maxFetchBytes: 2500,
      fetch: async (url) => {
        asked.push(url);
        return new Response(streamOf([new Uint8Array(1000).fill(0x20)]));
      },
    });
    expect((await f.load('https://a.example/1', 'key')).value).toHaveLength(1000);
    // Same URL (another spelling, a fragment): served from the run's cache.
    await f.load('https://A.EXAMPLE/1#x', 'key');
    await f.load('https://a.example/2', 'key');
    expect(await codeOf(f.load('https://a.example/3', 'key'))).toBe('ERR_FETCH_LIMIT_BYTES');
    expect(await codeOf(f.load('https://a.example/4', 'key'))).toBe('ERR_FETCH_LIMIT_REQUESTS');
    expect(asked).toEqual(['https://a.example/1', 'https://a.example/2', 'https://a.example/3']);
    // A failure is remembered too: not requested again.
    expect(await codeOf(f.load('https://a.example/3', 'key'))).toBe('ERR_FETCH_LIMIT_BYTES');
    expect(asked).toHaveLength(3);
  });

  it('a fetch that throws or answers nonsense is ERR_FETCH_FAILED', async () => {
    const throwing = new DocumentFetcher({
      fetch: async () => {
        throw new TypeError('network down');
      },
    });
    expect(await codeOf(throwing.load('https://a.example/', 'key'))).toBe('ERR_FETCH_FAILED');
    const nonsense = new DocumentFetcher({ fetch: async () => 42 as never });
    expect(await codeOf(nonsense.load('https://a.example/', 'key'))).toBe('ERR_FETCH_FAILED');
  });

  it('its handle stands for it: fetcherFor finds the same run (budgets shared)', async () => {
    const fetch = vi.fn(async () => new Response('{}'));
    const f = new DocumentFetcher({ fetch, maxFetches: 1 });
    expect(fetcherOf(f.handle)).toBe(f);
    const again = fetcherFor({ fetch: f.handle });
    expect(again).toBe(f);
    const withDocs = fetcherFor({ fetch: f.handle, documents: { 'https://d.example/': {} } });
    expect(withDocs).not.toBe(f);
    await again.load('https://a.example/', 'key');
    expect(await codeOf(withDocs.load('https://b.example/', 'key'))).toBe(
      'ERR_FETCH_LIMIT_REQUESTS',
    );
    // Called directly, the handle fetches under the same rules.
    expect(await codeOf(f.handle('http://a.example/', {} as FetchInit))).toBe(
      'ERR_FETCH_NOT_HTTPS',
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(() => fetcherFor({ fetch: 42 })).toThrow(TypeError);
    expect(() => new DocumentFetcher({ maxFetches: -1 })).toThrow(TypeError);
  });

  it('withStatusBudget keeps the total under concurrency and gives back what was not used', async () => {
    const f = new DocumentFetcher({ maxStatusListTotalBytes: 100 });
    const seen: Array<[number, boolean]> = [];
    const decode = (use: number) =>
      f.withStatusBudget(60, async (allowance, limited) => {
        seen.push([allowance, limited]);
        await new Promise((r) => setTimeout(r, 1));
        return { used: Math.min(use, allowance), value: allowance };
      });
    const results = await Promise.all([decode(60), decode(10), decode(60), decode(60)]);
    expect(seen).toEqual([
      [60, false],
      [40, true],
      [30, true],
      [0, true],
    ]);
    expect(results).toEqual([60, 40, 30, 0]);
  });
});

describe('parseJsonDocument and fetchReportCode', () => {
  it('parses JSON text, refuses duplicate member names and non-JSON', async () => {
    expect(
      parseJsonDocument({ source: 'fetch', url: 'https://a.example/', value: '{"a":1}' }),
    ).toEqual({ a: 1 });
    const given = { id: 'x' };
    expect(parseJsonDocument({ source: 'documents', key: 'k', value: given })).toBe(given);
    expect(
      await codeOf(() =>
        parseJsonDocument({ source: 'fetch', url: 'https://a.example/', value: '{"a":1,"a":2}' }),
      ),
    ).toBe('ERR_FETCH_MALFORMED');
    expect(
      await codeOf(() =>
        parseJsonDocument({ source: 'fetch', url: 'https://a.example/', value: '<html>' }),
      ),
    ).toBe('ERR_FETCH_MALFORMED');
  });

  it('maps ERR_FETCH_* to fetch_* report codes', () => {
    expect(fetchReportCode(new FetchError('ERR_FETCH_PRIVATE_ADDRESS', 'x'))).toBe(
      'fetch_private_address',
    );
    expect(fetchReportCode(new FetchError('ERR_FETCH_LIMIT_BYTES', 'x'))).toBe('fetch_limit_bytes');
    expect(fetchReportCode(new Ob3Error('ERR_ABORTED', 'x'))).toBe('fetch_aborted');
    expect(fetchReportCode(new Error('x'))).toBeUndefined();
  });
});
