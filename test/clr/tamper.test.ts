/**
 * No change to what a CLR's issuer signed verifies valid: each generated single change (a value
 * altered, a member removed, a value of another kind, at any depth, in the record, its proof, or
 * a credential it bundles) that changes the signed data leaves the report invalid or warning,
 * never valid. Whether the signed data changed is decided by the reference implementation
 * (jsonld.js canonize, RDFC-1.0): a change that leaves the signed graph as it was (removing a
 * statement another part of the record repeats, as bundled credentials share the record's graph
 * under the CLR context) is not a change of what was signed. Runs are small by default, larger
 * with OB3KIT_FUZZ_RUNS.
 */
import fc from 'fast-check';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import type { Loose } from '../verify/helpers.js';
import { badge, record } from './helpers.js';

const RUNS = Math.max(30, Number(process.env.OB3KIT_FUZZ_RUNS) || 0);
const NOW = new Date('2025-06-01T00:00:00Z');

type Path = Array<string | number>;
let signed: Loose;
let paths: Path[];
let signedCanon: string;
const loader = createDocumentLoader();

/** The signed data of a document, by the reference implementation ('' when it cannot be read). */
async function signedData(doc: Loose): Promise<string> {
  const { proof, ...rest } = doc;
  try {
    const canon = await (jsonld.canonize as unknown as (d: object, o: object) => Promise<string>)(
      rest,
      {
        algorithm: 'RDFC-1.0',
        format: 'application/n-quads',
        safe: true,
        documentLoader: loader,
      },
    );
    return `${canon}\n${JSON.stringify(proof)}`;
  } catch {
    return '';
  }
}

function locations(v: unknown, base: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...base, i]);
      locations(x, [...base, i], out);
    });
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([...base, k]);
      locations(x, [...base, k], out);
    }
  }
  return out;
}

function apply(doc: Loose, path: Path, kind: number): Loose {
  const copy = structuredClone(doc);
  let parent = copy;
  for (const s of path.slice(0, -1)) parent = parent[s];
  const key = path[path.length - 1] as string | number;
  const value = parent[key];
  if (kind === 0) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (kind === 1) {
    parent[key] =
      typeof value === 'string' ? `${value}x` : typeof value === 'number' ? value + 1 : 'x';
  } else {
    parent[key] = typeof value === 'object' ? 42 : { changed: true };
  }
  return copy;
}

beforeAll(async () => {
  const { did, keyPair } = createDidKey(
    await generateKeyPair({ seed: new Uint8Array(32).fill(41) }),
  );
  const issuer = { id: did, type: ['Profile'], name: 'Example University' };
  const parts = [];
  for (const a of ['a', 'b']) {
    const b = badge(`https://example.edu/achievements/${a}`, 'did:example:learner', did) as Loose;
    b.issuer = issuer;
    parts.push(await signCredential(b, { key: keyPair }));
  }
  const clr = record(parts) as Loose;
  clr.issuer = issuer;
  signed = await signCredential(clr, { key: keyPair });
  paths = locations(signed);
  signedCanon = await signedData(signed);
});

describe('a signed CLR under single changes', () => {
  it('verifies valid as signed', async () => {
    expect((await verify(signed, { now: NOW })).verdict).toBe('valid');
  });

  it('never verifies valid after a change of what was signed', async () => {
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 2 }), async (n, kind) => {
        const path = paths[n % paths.length] as Path;
        const mutated = apply(signed, path, kind);
        if ((await signedData(mutated)) === signedCanon) return;
        changed++;
        const report = await verify(mutated, { now: NOW });
        expect(report.verdict, `${kind} at ${path.join('.')}`).not.toBe('valid');
      }),
      { numRuns: RUNS },
    );
    expect(changed).toBeGreaterThan(RUNS / 2);
  });
});
