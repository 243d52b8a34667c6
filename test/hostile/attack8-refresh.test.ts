/**
 * Attack: a signed badge whose `refreshService` points where a verifier must not go (plain http,
 * loopback, private, link-local and metadata addresses in their numeric re-spellings, local
 * names, another scheme, credentials in the URL). Nothing found: the refresh service goes through
 * the one fetcher, nothing is requested, the step is skipped with the fetcher's code and the
 * original badge's answers stand. Kept as a regression.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { expectReport, type Loose, NOW, richCredential } from './helpers.js';

const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

let did = '';
let keyPair: KeyPair;
beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
});

async function refreshing(url: string): Promise<Loose> {
  const c = richCredential(did);
  c['@context'].push(EXTENSIONS);
  c.refreshService = { id: url, type: '1EdTechCredentialRefresh' };
  return signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });
}

const REFUSED: Array<[string, string]> = [
  ['http://issuer.example/r', 'fetch_not_https'],
  ['file:///etc/passwd', 'fetch_not_https'],
  ['https://127.0.0.1/r', 'fetch_private_address'],
  ['https://0x7f.1/r', 'fetch_private_address'],
  ['https://2130706433/r', 'fetch_private_address'],
  ['https://[::1]/r', 'fetch_private_address'],
  ['https://[::ffff:127.0.0.1]/r', 'fetch_private_address'],
  ['https://localhost/r', 'fetch_private_address'],
  ['https://10.0.0.1/r', 'fetch_private_address'],
  ['https://169.254.169.254/r', 'fetch_private_address'],
  ['https://user:pw@issuer.example/r', 'fetch_url'],
];

describe('a refreshService that points where no request may go', () => {
  for (const [url, code] of REFUSED) {
    it(`${url}: ${code}, nothing requested, the original stands`, async () => {
      const asked: string[] = [];
      const fetch = async (u: unknown) => {
        asked.push(String(u));
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      };
      const report = await verify(await refreshing(url), { now: NOW, fetch: fetch as never });
      expectReport(report);
      expect(asked).toEqual([]);
      expect(report.checks.filter((c) => c.id === 'refresh').map((c) => c.code)).toEqual([code]);
      expect(report.refreshed).toBeUndefined();
      expect(report.verdict).toBe('valid');
    });
  }
});
