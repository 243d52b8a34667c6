/** Helpers for the Open Badges 2.0 tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { VerificationReport, VerifyOptions } from '../../src/verify/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** fixtures/ob2 */
export const FIXTURES = path.resolve(here, '../../fixtures/ob2');

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited field by field
export type Loose = any;

/** A fixture's text. */
export function fixtureText(rel: string): string {
  return readFileSync(path.join(FIXTURES, rel), 'utf8');
}

/** A fixture's JSON (a fresh copy each call). */
export function fixture(rel: string): Loose {
  return JSON.parse(fixtureText(rel));
}

/** The spec's examples as documents by URL (the badge objects they say exist). */
export function specDocuments(): Record<string, Loose> {
  return {
    'https://example.org/robotics-badge.json': fixture('spec/badgeclass.json'),
    'https://example.org/organization.json': fixture('spec/issuer.json'),
  };
}

/**
 * A fetch that serves `routes` (URL -> JSON document, text, or a Response maker) and records
 * every URL it is asked for; anything else is a 404.
 */
export function fakeFetch(routes: Record<string, unknown | (() => Response)>) {
  const requested: string[] = [];
  const fetch = async (url: string) => {
    requested.push(url);
    const route = routes[url];
    if (route === undefined) return new Response('not found', { status: 404 });
    if (typeof route === 'function') return (route as () => Response)();
    const body = typeof route === 'string' ? route : JSON.stringify(route);
    return new Response(body, { status: 200, headers: { 'content-type': 'application/ld+json' } });
  };
  return { fetch: fetch as unknown as NonNullable<VerifyOptions['fetch']>, requested };
}

/** The codes of a check's entries. */
export function codes(report: VerificationReport, id: string): string[] {
  return report.checks.filter((c) => c.id === id).map((c) => c.code ?? '');
}

/** The outcomes of a check's entries. */
export function outcomes(report: VerificationReport, id: string): string[] {
  return report.checks.filter((c) => c.id === id).map((c) => c.outcome);
}

/** Every failing code. */
export function failCodes(report: VerificationReport): string[] {
  return report.checks.filter((c) => c.outcome === 'fail').map((c) => c.code ?? '');
}

/** A report is well formed: every entry has an id and an outcome, the verdict follows. */
export function expectWellFormed(report: VerificationReport): void {
  expect(Array.isArray(report.checks)).toBe(true);
  for (const c of report.checks) {
    expect(typeof c.id).toBe('string');
    expect(['pass', 'fail', 'warn', 'skip']).toContain(c.outcome);
  }
  const fails = report.checks.some((c) => c.outcome === 'fail');
  const warns = report.checks.some((c) => c.outcome === 'warn');
  expect(report.verdict).toBe(fails ? 'invalid' : warns ? 'warning' : 'valid');
}
