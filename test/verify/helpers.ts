/** Test helpers for the verify tests. */
import { afterEach, expect } from 'vitest';
import type { CheckResult, VerificationReport } from '../../src/verify/index.js';

/** Loosely typed JSON: the tests mutate fixtures freely. */
// biome-ignore lint/suspicious/noExplicitAny: test fixtures are edited field by field
export type Loose = any;

/** A minimal, well-formed OpenBadgeCredential (unsigned); each call returns a fresh copy. */
export function baseCredential(): Record<string, Loose> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:0b0c1c36-7a34-4d1a-9d38-2e6f3c0f6f01',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://example.com/issuers/876543', type: ['Profile'], name: 'Example Corp' },
    validFrom: '2010-01-01T00:00:00Z',
    name: 'Teamwork Badge',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.com/achievements/teamwork',
        type: ['Achievement'],
        criteria: { narrative: 'Nominated by peers.' },
        description: 'Collaboration within a group.',
        name: 'Teamwork',
      },
    },
  };
}

/** A minimal EndorsementCredential (unsigned). */
export function baseEndorsement(
  id = 'urn:uuid:7f1e1e7c-1a53-4bd0-a2b4-7a0d35d1c0aa',
): Record<string, Loose> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: { id: 'https://endorser.example/issuers/1', type: ['Profile'], name: 'Endorser' },
    validFrom: '2010-01-01T00:00:00Z',
    name: 'Endorsement',
    credentialSubject: {
      id: 'https://example.com/issuers/876543',
      type: ['EndorsementSubject'],
      endorsementComment: 'Trusted issuer.',
    },
  };
}

/** The entries of one check. */
export function entries(report: VerificationReport, id: string): CheckResult[] {
  return report.checks.filter((c) => c.id === id);
}

/** The single outcome of a check (asserts it has entries). */
export function outcomes(report: VerificationReport, id: string): string[] {
  const list = entries(report, id);
  if (list.length === 0)
    throw new Error(`no ${id} check in report: ${JSON.stringify(report.checks)}`);
  return list.map((c) => c.outcome);
}

/** The codes a check reported. */
export function codes(report: VerificationReport, id: string): string[] {
  return entries(report, id)
    .map((c) => c.code)
    .filter((c): c is string => c !== undefined);
}

/** URLs `forbiddenFetch` was asked for (checked empty after every test). */
export const forbiddenCalls: string[] = [];

/**
 * A fetch that must never be called: it throws, and records the URL so that the test fails
 * even when the verifier turned the exception into a report entry.
 */
export const forbiddenFetch = (url: string): Promise<never> => {
  forbiddenCalls.push(url);
  throw new Error(`fetch must not be called in an offline run (asked for ${url})`);
};

afterEach(() => {
  const calls = forbiddenCalls.splice(0);
  expect(calls, 'forbiddenFetch was called').toEqual([]);
});

/** A fake fetch serving documents from a map, recording requested URLs. */
export function fakeFetch(docs: Record<string, unknown>) {
  const requested: string[] = [];
  const fn = async (url: string) => {
    requested.push(url);
    if (!(url in docs)) return { ok: false, status: 404, text: async () => 'not found' };
    const d = docs[url];
    return {
      ok: true,
      status: 200,
      text: async () => (typeof d === 'string' ? d : JSON.stringify(d)),
    };
  };
  return { fetch: fn, requested };
}
