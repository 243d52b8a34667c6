/**
 * did:web grammar: the did:web method specification's own examples resolve to the URLs it gives;
 * everything outside its grammar (method-specific-id = domain-name ["%3A" port] *(":" path
 * segment), segments of DID Core idchar) is refused with ERR_DID_INVALID, whatever it hides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyError } from '../../src/errors.js';
import { didWebToUrl, parseDidWeb, resolveDid } from '../../src/keys/index.js';

const RUNS = Number(process.env.OB3KIT_FUZZ_RUNS) || 200;

function reasonOf(did: string): string | undefined {
  try {
    parseDidWeb(did);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(KeyError);
    expect((e as KeyError).code).toBe('ERR_DID_INVALID');
    return String((e as KeyError).details?.reason);
  }
}

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const tld = fc.stringMatching(/^[a-z]{2,6}$/);
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .map(([ls, t]) => [...ls, t].join('.'));
const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const port = fc.integer({ min: 1, max: 65535 });
const validDid = fc
  .tuple(host, fc.option(port, { nil: undefined }), fc.array(segment, { maxLength: 4 }))
  .map(([h, p, path]) => ({
    did: `did:web:${h}${p === undefined ? '' : `%3A${p}`}${path.map((s) => `:${s}`).join('')}`,
    url: `https://${h}${p === undefined || p === 443 ? '' : `:${p}`}/${
      path.length === 0 ? '.well-known' : path.join('/')
    }/did.json`,
  }));

describe('did:web grammar', () => {
  it("maps the specification's examples to the URLs it gives", () => {
    expect(didWebToUrl('did:web:w3c-ccg.github.io')).toBe(
      'https://w3c-ccg.github.io/.well-known/did.json',
    );
    expect(didWebToUrl('did:web:w3c-ccg.github.io:user:alice')).toBe(
      'https://w3c-ccg.github.io/user/alice/did.json',
    );
    expect(didWebToUrl('did:web:example.com%3A3000')).toBe(
      'https://example.com:3000/.well-known/did.json',
    );
    expect(didWebToUrl('did:web:example.com%3A3000:user:alice')).toBe(
      'https://example.com:3000/user/alice/did.json',
    );
    expect(parseDidWeb('did:web:example.com%3A3000:user:alice')).toEqual({
      host: 'example.com',
      port: 3000,
      path: ['user', 'alice'],
      url: 'https://example.com:3000/user/alice/did.json',
    });
    // An internationalised name in its punycode form.
    expect(didWebToUrl('did:web:xn--bcher-kva.example')).toBe(
      'https://xn--bcher-kva.example/.well-known/did.json',
    );
    // Without %3A a number after a colon is a path segment, not a port.
    expect(didWebToUrl('did:web:example.com:3000')).toBe('https://example.com/3000/did.json');
  });

  it('accepts every DID of the grammar, and the URL is the one the grammar gives', () => {
    fc.assert(
      fc.property(validDid, ({ did, url }) => {
        expect(didWebToUrl(did)).toBe(url);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses each kind of identifier outside the grammar, with its reason', () => {
    const cases: Array<[string, string]> = [
      ['did:web:example.com:%2e%2e:admin', 'percent_encoding'],
      ['did:web:example.com:%2E%2E', 'percent_encoding'],
      ['did:web:example.com:a%2fb', 'percent_encoding'],
      ['did:web:example.com:user%3Aalice', 'percent_encoding'],
      ['did:web:%65xample.com', 'percent_encoding'],
      ['did:web:example%2ecom', 'percent_encoding'],
      ['did:web:example.com%2F..%2Fadmin', 'percent_encoding'],
      ['did:web:127.0.0.1%3A8080', 'ip_address'],
      ['did:web:2130706433', 'ip_address'],
      ['did:web:0x7f000001', 'ip_address'],
      ['did:web:10.1', 'ip_address'],
      ['did:web:example.com:..', 'path'],
      ['did:web:example.com:.', 'path'],
      ['did:web:example.com::admin', 'path'],
      ['did:web:example.com:', 'path'],
      ['did:web:example.com:a b', 'path'],
      ['did:web:example.com:a/b', 'path'],
      ['did:web:example.com:a~b', 'path'],
      ['did:web:Example.com', 'host_case'],
      ['did:web:EXAMPLE.COM', 'host_case'],
      ['did:web:', 'host'],
      ['did:web:example.com.', 'host'],
      ['did:web:.example.com', 'host'],
      ['did:web:example..com', 'host'],
      ['did:web:-example.com', 'host'],
      ['did:web:example-.com', 'host'],
      ['did:web:exa_mple.com', 'host'],
      ['did:web:bücher.example', 'host'],
      ['did:web:xn--zz.example', 'host'],
      [`did:web:${'a'.repeat(64)}.example`, 'host'],
      ['did:web:[::1]', 'host'],
      ['did:web:example.com/path', 'host'],
      ['did:web:example.com#key-1', 'host'],
      ['did:web:example.com%3a3000', 'percent_encoding'],
      ['did:web:example.com%3A', 'port'],
      ['did:web:example.com%3A0', 'port'],
      ['did:web:example.com%3A08443', 'port'],
      ['did:web:example.com%3A65536', 'port'],
      ['did:web:example.com%3A80%3A81', 'port'],
      ['did:web:example.com%3Ahttp', 'port'],
      ['did:WEB:example.com', 'method'],
      [`did:web:example.com:${'a:'.repeat(1100)}a`, 'length'],
    ];
    for (const [did, reason] of cases) expect(reasonOf(did), did).toBe(reason);
  });

  it('refuses a valid DID with one character percent-encoded, or one segment emptied or dotted', () => {
    fc.assert(
      fc.property(
        validDid,
        fc.nat(),
        fc.constantFrom('pct', 'empty', 'dot', 'dotdot', 'upper'),
        ({ did }, at, kind) => {
          const id = did.slice('did:web:'.length);
          let broken: string;
          if (kind === 'pct') {
            // Percent-encode one character that is not part of "%3A".
            const positions = [...id]
              .map((_, i) => i)
              .filter((i) => !/%3A/.test(id.slice(Math.max(0, i - 2), i + 3)) && id[i] !== ':');
            if (positions.length === 0) return;
            const i = positions[at % positions.length] as number;
            const hex = (id.charCodeAt(i) as number).toString(16).padStart(2, '0');
            broken = `${id.slice(0, i)}%${at % 2 ? hex.toUpperCase() : hex}${id.slice(i + 1)}`;
          } else if (kind === 'upper') {
            const hostEnd = id.search(/%|:|$/);
            const letters = [...id.slice(0, hostEnd)]
              .map((c, i) => (/[a-z]/.test(c) ? i : -1))
              .filter((i) => i >= 0);
            if (letters.length === 0) return;
            const i = letters[at % letters.length] as number;
            broken = `${id.slice(0, i)}${(id[i] as string).toUpperCase()}${id.slice(i + 1)}`;
          } else {
            const seg = kind === 'empty' ? '' : kind === 'dot' ? '.' : '..';
            const parts = id.split(':');
            const i = 1 + (at % parts.length);
            parts.splice(i, 0, seg);
            broken = parts.join(':');
          }
          expect(reasonOf(`did:web:${broken}`), broken).toBeDefined();
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('resolveDid refuses such a DID before anything is looked up or fetched', async () => {
    const asked: string[] = [];
    const fetch = async (url: string) => {
      asked.push(url);
      return { status: 200, text: async () => '{}' };
    };
    for (const did of [
      'did:web:example.com:%2e%2e:admin',
      'did:web:%6c%6fcalhost',
      'did:web:127.0.0.1%3A8080',
      'did:web:example.com::x',
    ]) {
      await expect(resolveDid(did, { fetch })).rejects.toMatchObject({ code: 'ERR_DID_INVALID' });
    }
    expect(asked).toEqual([]);
    // Not even from the caller's documents.
    await expect(
      resolveDid('did:web:example.com:%2e%2e', {
        documents: { 'did:web:example.com:%2e%2e': { id: 'did:web:example.com:%2e%2e' } },
      }),
    ).rejects.toMatchObject({ code: 'ERR_DID_INVALID' });
  });
});
