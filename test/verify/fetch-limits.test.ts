import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/index.js';
import { entries, fakeFetch } from './helpers.js';
import { credentialFrom, makeDidWebIssuer, signDi } from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');

describe('fetch limits in verify()', () => {
  it('stops at limits.maxFetches requests: the key document is fetched, the second request never leaves', async () => {
    const issuer = await makeDidWebIssuer('issuer.example');
    const listUrl = 'https://issuer.example/status/1';
    const signed = await signDi(
      credentialFrom(issuer, (c) => {
        c.credentialStatus = {
          id: `${listUrl}#7`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '7',
          statusListCredential: listUrl,
        };
      }),
      issuer,
    );
    const { fetch, requested } = fakeFetch({ [issuer.url]: issuer.document });
    const report = await verify(signed, { now: NOW, fetch, limits: { maxFetches: 1 } });
    expect(requested).toEqual([issuer.url]);
    expect(entries(report, 'proof').map((c) => c.outcome)).toEqual(['pass']);
    const status = entries(report, 'status');
    // A limit reached is a security rule: the status was not checked, and the badge is refused.
    expect(status.map((c) => [c.outcome, c.code, c.category])).toEqual([
      ['fail', 'fetch_limit_requests', 'security'],
    ]);
    expect(status[0]?.message).toContain('maxFetches');
    expect(report.verdict).toBe('invalid');
    expect(report.answers.inForce.value).toBe('unknown');
  });

  it('gives up on a request after limits.fetchTimeoutMs instead of hanging', async () => {
    const issuer = await makeDidWebIssuer('slow.example');
    const signed = await signDi(credentialFrom(issuer), issuer);
    const never = () => new Promise<never>(() => {});
    const report = await verify(signed, {
      now: NOW,
      fetch: never as never,
      limits: { fetchTimeoutMs: 50 },
    });
    const proof = entries(report, 'proof');
    expect(proof.some((c) => c.outcome === 'fail' || c.outcome === 'warn')).toBe(true);
    expect(JSON.stringify(proof)).toContain('fetchTimeoutMs');
    expect(report.verdict).not.toBe('valid');
  });
});
