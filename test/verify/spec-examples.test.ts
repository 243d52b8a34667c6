/**
 * The Open Badges 3.0 specification's own example credentials pass every structural check
 * (they carry no verifiable proof, so the proof and verdict are not asserted).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/index.js';

const EXAMPLES = path.resolve(__dirname, '../../../shared/ob3/spec/examples');
const HAS = existsSync(EXAMPLES);
const STRUCTURAL = [
  'parse',
  'context',
  'jsonld',
  'type',
  'schema',
  'subject',
  'evidence',
  'validity',
];

function examples(): Array<[string, Record<string, unknown>]> {
  if (!HAS) return [];
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.html'))
    .map((f) => {
      const m = /<pre[^>]*>([\s\S]*?)<\/pre\s*>/.exec(readFileSync(path.join(EXAMPLES, f), 'utf8'));
      return [f, JSON.parse(m?.[1] ?? 'null')] as [string, Record<string, unknown>];
    });
}

describe.skipIf(!HAS)(`spec examples (${EXAMPLES})`, () => {
  it.each(examples())('%s passes the structural checks', async (_name, credential) => {
    const r = await verify(credential, { now: new Date('2025-06-01T00:00:00Z') });
    const failed = r.checks.filter((c) => STRUCTURAL.includes(c.id) && c.outcome === 'fail');
    expect(failed).toEqual([]);
    for (const id of STRUCTURAL) expect(r.checks.some((c) => c.id === id)).toBe(true);
  });
});
