/**
 * The runtime dependencies are exactly what `src/` imports, each declared with a caret range that
 * the lock file pins to one version; the database drivers, imported only by the ledger's Node
 * stores, are optional peers. Checked on the committed files and on copies broken one way at a
 * time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, moduleSpecifiers, SRC } from './helpers.js';

const ROOT = path.resolve(SRC, '..');
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON
type Json = Record<string, any>;
const read = (f: string): Json => JSON.parse(readFileSync(path.join(ROOT, f), 'utf8'));

/** The package a bare specifier names (`@noble/hashes/sha2.js` -> `@noble/hashes`). */
function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('node:')) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** For each package `src/` imports: the files importing it, with values or with types only. */
function importedPackages(): Map<string, { values: string[]; types: string[] }> {
  const out = new Map<string, { values: string[]; types: string[] }>();
  for (const file of filesUnder(SRC)) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    const values = new Set(moduleSpecifiers(text).map(packageOf));
    for (const name of new Set(moduleSpecifiers(text, { types: true }).map(packageOf))) {
      if (name === undefined) continue;
      const entry = out.get(name) ?? { values: [], types: [] };
      (values.has(name) ? entry.values : entry.types).push(rel);
      out.set(name, entry);
    }
  }
  return out;
}

/** What is wrong with the declared dependencies, given what `src/` imports; empty when nothing. */
function dependencyProblems(
  pkg: Json,
  lock: Json,
  imported: Map<string, { values: string[]; types: string[] }>,
): string[] {
  const problems: string[] = [];
  const deps: Record<string, string> = pkg.dependencies ?? {};
  const peers: Record<string, string> = pkg.peerDependencies ?? {};
  for (const [name, range] of Object.entries(deps)) {
    if (!imported.get(name)?.values.length)
      problems.push(`${name}: a dependency src/ never imports`);
    if (!/^\^\d+\.\d+\.\d+$/.test(range)) problems.push(`${name}: "${range}" is not a caret range`);
    const locked = lock.packages?.[`node_modules/${name}`]?.version;
    if (typeof locked !== 'string' || !/^\d+\.\d+\.\d+/.test(locked))
      problems.push(`${name}: no version pinned in package-lock.json`);
  }
  for (const [name, { values, types }] of imported) {
    if (name in deps) continue;
    const files = [...values, ...types];
    if (!(name in peers)) {
      problems.push(`${name}: imported by ${files.join(', ')} but not a dependency`);
    } else if (pkg.peerDependenciesMeta?.[name]?.optional !== true) {
      problems.push(`${name}: a peer dependency that is not optional`);
    } else {
      const core = files.filter(
        (f) => !/^src\/(cli\/|serve\/|ledger\/(sqlite|postgres|sql)\.ts$)/.test(f),
      );
      if (core.length > 0)
        problems.push(`${name}: an optional peer imported by the core (${core.join(', ')})`);
    }
  }
  for (const name of Object.keys(peers)) {
    if (!imported.has(name)) problems.push(`${name}: a peer dependency src/ never imports`);
  }
  return problems;
}

describe('runtime dependencies', () => {
  const imported = importedPackages();

  it('are what src/ imports, with caret ranges the lock file pins; drivers are optional peers of the Node stores', () => {
    expect(dependencyProblems(read('package.json'), read('package-lock.json'), imported)).toEqual(
      [],
    );
    // The scan sees the imports it must: static, dynamic, subpath and type-only.
    expect(imported.get('fflate')?.values).toContain('src/internal/inflate.ts');
    expect(imported.get('jsonld')?.values).toContain('src/jsonld/quads.ts');
    expect(imported.get('@noble/hashes')?.values).toContain('src/ob2/upgrade.ts');
    expect(imported.get('pg')?.values).toEqual(['src/ledger/postgres.ts']);
    expect(imported.get('rdf-canonize')?.types).toContain('src/jsonld/quads.ts');
  });

  it('an unused dependency, a range that is not a caret, a dependency the lock lacks', () => {
    const pkg = read('package.json');
    const lock = read('package-lock.json');
    pkg.dependencies['left-pad'] = '^1.3.0';
    pkg.dependencies.fflate = '~0.8.3';
    pkg.dependencies.ajv = '>=8';
    delete lock.packages['node_modules/jsonld'];
    expect(dependencyProblems(pkg, lock, imported).sort()).toEqual([
      'ajv: ">=8" is not a caret range',
      'fflate: "~0.8.3" is not a caret range',
      'jsonld: no version pinned in package-lock.json',
      'left-pad: a dependency src/ never imports',
      'left-pad: no version pinned in package-lock.json',
    ]);
  });

  it('an import that is not declared, a required peer, a driver imported by the core', () => {
    const pkg = read('package.json');
    const lock = read('package-lock.json');
    delete pkg.dependencies.fflate;
    pkg.peerDependenciesMeta.pg.optional = false;
    const withCore = new Map(imported);
    withCore.set('better-sqlite3', { values: ['src/verify/verify.ts'], types: [] });
    expect(dependencyProblems(pkg, lock, withCore).sort()).toEqual([
      'better-sqlite3: an optional peer imported by the core (src/verify/verify.ts)',
      `fflate: imported by ${[...(imported.get('fflate')?.values ?? [])].join(', ')} but not a dependency`,
      'pg: a peer dependency that is not optional',
    ]);
  });
});
