/**
 * The W3C suite exceptions: each one in test/w3c/expectations.json has a reason and is named in
 * docs/conformance.md, and the runner script knows every suite the file names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const expectations = JSON.parse(
  readFileSync(path.join(ROOT, 'test/w3c/expectations.json'), 'utf8'),
) as { suites: Record<string, Record<string, { kind: string; reason: string }>> };
const doc = readFileSync(path.join(ROOT, 'docs/conformance.md'), 'utf8').replace(/\s+/g, ' ');
const runner = readFileSync(path.join(ROOT, 'scripts/w3c-suites.mjs'), 'utf8');

/** The part of a test title after the implementation name. */
function claim(title: string): string {
  return title.slice(title.indexOf(' ob3kit ') + ' ob3kit '.length);
}

describe('test/w3c/expectations.json', () => {
  it('names the four suites the runner runs', () => {
    expect(Object.keys(expectations.suites).sort()).toEqual(
      ['bitstring-status-list', 'ecdsa', 'eddsa', 'vc-data-model-2.0'].sort(),
    );
    for (const name of Object.keys(expectations.suites)) {
      expect(runner).toMatch(new RegExp(`\\n  '?${name.replace(/[.]/g, '\\.')}'?: \\{ folder:`));
    }
  });
  it('gives each exception a kind and a reason, and docs/conformance.md lists it', () => {
    for (const [suite, tests] of Object.entries(expectations.suites)) {
      for (const [title, e] of Object.entries(tests)) {
        expect(['deliberate', 'pending', 'suite'], `${suite}: ${title}`).toContain(e.kind);
        expect(e.reason.length, `${suite}: ${title}`).toBeGreaterThan(40);
        expect(title).toContain(' ob3kit ');
        expect(doc, `docs/conformance.md should name: ${title}`).toContain(claim(title));
      }
    }
  });
});
