/**
 * Verification does not load `@noble/curves`: public keys are checked by src/keys/ec-point.ts and
 * src/keys/ed25519-point.ts, signatures by WebCrypto, and the curves are imported on demand only
 * to sign, to derive a public key from a secret key, or where WebCrypto cannot verify. Importing
 * them costs a new process about 10 ms, a third of its budget. The library is built here as
 * `npm run build` builds it (every entry point at once, code splitting, dependencies left as
 * imports), and the static import graph of `ob3kit/verify` and `ob3kit/proof` is read from the
 * chunks: a static import anywhere on that graph that reaches the curves fails the test.
 *
 * Nor does it load `@noble/hashes` (five files, ~72 KB, a few milliseconds): the synchronous
 * SHA-256 and MD5 it needs are ob3kit's own (src/internal/sha256.ts, src/internal/md5.ts), and
 * the other hashes (SHA-384 without WebCrypto, related-resource digests, signing) are imported on
 * demand.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/** The modules verification must not load up front. */
const CURVES = [/^@noble\/curves(\/|$)/, /^@noble\/hashes\/hmac(\.js)?$/];
const CURVES_SOURCE = 'src/keys/curves.ts';
const SECRET_SOURCE = 'src/keys/secret.ts';

/** The entry points of tsup.config.ts: `src/<capability>/index.ts`, the root and errors. */
function entryPoints(): Record<string, string> {
  const entries: Record<string, string> = {
    index: 'src/index.ts',
    errors: 'src/errors.ts',
  };
  for (const d of readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === 'cli' || d.name === 'internal') continue;
    if (readdirSync(path.join(ROOT, 'src', d.name)).includes('index.ts'))
      entries[`${d.name}/index`] = `src/${d.name}/index.ts`;
  }
  return entries;
}

let outputs: Metafile['outputs'];

beforeAll(async () => {
  const result = await build({
    entryPoints: entryPoints(),
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    outdir: path.join(ROOT, '.lazy-curves-out'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  outputs = result.metafile.outputs;
}, 60_000);

/** The chunk of an entry, and every chunk it imports statically (what loads with it). */
function staticGraph(entry: string): string[] {
  const start = Object.keys(outputs).find((o) => outputs[o]?.entryPoint === entry);
  expect(start, entry).toBeDefined();
  const seen = new Set<string>();
  const queue = [start as string];
  while (queue.length > 0) {
    const o = queue.pop() as string;
    if (seen.has(o)) continue;
    seen.add(o);
    for (const imp of outputs[o]?.imports ?? []) {
      if (imp.kind === 'import-statement' && !imp.external) queue.push(imp.path);
    }
  }
  return [...seen];
}

/** The packages, and the sources, the chunks import or hold. */
function reach(chunks: string[], dynamic = false): { packages: string[]; sources: string[] } {
  const packages = new Set<string>();
  const sources = new Set<string>();
  for (const o of chunks) {
    for (const imp of outputs[o]?.imports ?? []) {
      if (imp.external && (dynamic || imp.kind === 'import-statement')) packages.add(imp.path);
    }
    for (const input of Object.keys(outputs[o]?.inputs ?? {})) sources.add(input);
  }
  return { packages: [...packages], sources: [...sources] };
}

/** Everything an entry can load, on demand included. */
function wholeGraph(entry: string): string[] {
  const start = Object.keys(outputs).find((o) => outputs[o]?.entryPoint === entry) as string;
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const o = queue.pop() as string;
    if (seen.has(o)) continue;
    seen.add(o);
    for (const imp of outputs[o]?.imports ?? []) if (!imp.external) queue.push(imp.path);
  }
  return [...seen];
}

const isCurves = (spec: string) => CURVES.some((re) => re.test(spec));
const isHashes = (spec: string) => /^@noble\/hashes(\/|$)/.test(spec);

describe('verification loads no @noble/curves up front', () => {
  it.each(['src/verify/index.ts', 'src/proof/index.ts'])(
    '%s: its static import graph reaches neither the curves nor the secret-key math',
    (entry) => {
      const { packages, sources } = reach(staticGraph(entry));
      expect(packages.filter(isCurves)).toEqual([]);
      expect(sources).not.toContain(CURVES_SOURCE);
      expect(sources).not.toContain(SECRET_SOURCE);
      // What verification does use is there: the public-point checks and WebCrypto's key import.
      expect(sources).toContain('src/keys/ec-point.ts');
      expect(sources).toContain('src/keys/import-public.ts');
    },
  );

  it.each(['src/verify/index.ts', 'src/proof/index.ts'])(
    '%s: the curves are still reachable on demand (signing, fallbacks)',
    (entry) => {
      const { packages, sources } = reach(wholeGraph(entry), true);
      expect(sources).toContain(CURVES_SOURCE);
      expect(packages.filter(isCurves).length).toBeGreaterThan(0);
    },
  );

  it('the graph reader sees the curves where they are loaded up front (ob3kit/keys imports secret keys)', () => {
    const { packages, sources } = reach(staticGraph('src/keys/index.ts'));
    expect(packages).toContain('@noble/curves/abstract/weierstrass.js');
    expect(packages).toContain('@noble/curves/abstract/edwards.js');
    expect(sources).toContain(CURVES_SOURCE);
    expect(sources).toContain(SECRET_SOURCE);
  });
});

describe('verification loads no @noble/hashes up front', () => {
  it.each(['src/verify/index.ts', 'src/proof/index.ts'])(
    '%s: its static import graph imports no @noble/hashes module',
    (entry) => {
      const { packages, sources } = reach(staticGraph(entry));
      expect(packages.filter(isHashes)).toEqual([]);
      // The synchronous hashes verification uses are there instead.
      expect(sources).toContain('src/internal/sha256.ts');
      expect(sources).toContain('src/internal/hash.ts');
    },
  );

  it.each(['src/verify/index.ts', 'src/proof/index.ts'])(
    '%s: @noble/hashes is still reachable on demand (the SHA-384 fallback of digest())',
    (entry) => {
      const { packages } = reach(wholeGraph(entry), true);
      expect(packages).toContain('@noble/hashes/sha2.js');
    },
  );

  it('ob3kit/proof: checkRelatedResources imports its SHA-2 and SHA-3 on demand', () => {
    const { packages, sources } = reach(wholeGraph('src/proof/index.ts'), true);
    expect(sources).toContain('src/proof/related-resource.ts');
    expect(packages).toContain('@noble/hashes/sha3.js');
  });

  it('the graph reader sees @noble/hashes where it is loaded up front (ob3kit/ob2 hashes with SHA-1)', () => {
    const { packages } = reach(staticGraph('src/ob2/index.ts'));
    expect(packages).toContain('@noble/hashes/legacy.js');
  });
});
