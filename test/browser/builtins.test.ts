/**
 * The library outside `src/cli/` is runtime-agnostic: no Node built-in is imported, no Node
 * global (`Buffer`, `process`, `__dirname`, `require`) is used, and every public entry point
 * bundles for the browser with nothing external and no built-in pulled in by a dependency,
 * except the entry points that are Node-only by design (`NODE_ONLY_ENTRIES`): there, the
 * database driver they are built on, and what it needs from Node, is all that is outside.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, nodeBuiltins, ROOT } from './helpers.js';

const SRC = path.join(ROOT, 'src');

/**
 * Public entry points that are Node-only by design, and why: the issuance ledger's stores for
 * SQLite and PostgreSQL run on database drivers (optional peer dependencies, loaded when a store
 * is opened) that are built on Node's `fs`, `net`, `dns`, ... . Their own code is held to the
 * rules above; only the drivers (and the Node built-ins behind them) stay outside the bundle.
 * (`ob3kit/ledger` with its memory store, and the `ob3kit/serve` handlers, are runtime-agnostic:
 * the Node HTTP shell of `ob3kit serve` is the command line's.)
 */
const NODE_ONLY_ENTRIES: Readonly<Record<string, { drivers: string[]; why: string }>> = {
  'src/ledger/sqlite.ts': {
    drivers: ['better-sqlite3'],
    why: 'a SQLite file, through better-sqlite3',
  },
  'src/ledger/postgres.ts': { drivers: ['pg'], why: 'a PostgreSQL server, through pg' },
};

/**
 * The package's public code entry files: each `exports` entry whose ESM target is a built
 * `./dist/….js` file, mapped back to its `src/….ts` source (data subpaths such as `./schemas/*`
 * are plain JSON files).
 */
function entryFiles(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const files: string[] = [];
  for (const target of Object.values(pkg.exports)) {
    const t = target as { default?: unknown; import?: { default?: unknown } };
    const esm = t.import?.default ?? t.default;
    if (typeof esm !== 'string') continue;
    const m = /^\.\/dist\/(.+)\.js$/.exec(esm);
    if (m) files.push(`src/${m[1]}.ts`);
  }
  return files;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join(SRC, 'cli')) out.push(...sourceFiles(full));
    } else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Source text without comments (TSDoc examples legitimately mention `node:fs`). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every module specifier a file imports, re-exports, requires or dynamically imports. */
function specifiersOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1] as string);
  return found;
}

const NODE_GLOBALS = /\b(?:Buffer|process|__dirname|__filename|require|global)\b(?!\s*:)/;

describe('no Node built-ins in the library (outside src/cli/)', () => {
  const files = sourceFiles(SRC);

  it('finds the source files and recognises built-in imports (self-check)', async () => {
    expect(files.length).toBeGreaterThan(50);
    expect(entryFiles()).toEqual(expect.arrayContaining(['src/index.ts', 'src/verify/index.ts']));
    expect(files.some((f) => f.includes(`${path.sep}cli${path.sep}`))).toBe(false);
    const builtins = await nodeBuiltins();
    const sample = `import { readFileSync } from 'node:fs';\nconst z = await import('zlib');\n`;
    expect(specifiersOf(sample).filter((s) => builtins.has(s))).toEqual(['node:fs', 'zlib']);
    expect(NODE_GLOBALS.test('const b = Buffer.from(x);')).toBe(true);
    expect(NODE_GLOBALS.test('const b = new ArrayBuffer(8) as BufferSource;')).toBe(false);
  });

  it('lists only real entry points as Node-only, each on optional peer dependencies', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    for (const [entry, { drivers }] of Object.entries(NODE_ONLY_ENTRIES)) {
      expect(entryFiles()).toContain(entry);
      for (const d of drivers) {
        expect(pkg.peerDependencies?.[d], `${d} is a peer dependency`).toBeDefined();
        expect(pkg.peerDependenciesMeta?.[d]?.optional, `${d} is optional`).toBe(true);
      }
    }
  });

  it('imports no Node built-in module', async () => {
    const builtins = await nodeBuiltins();
    const offenders: string[] = [];
    for (const file of files) {
      const code = stripComments(readFileSync(file, 'utf8'));
      for (const spec of specifiersOf(code)) {
        if (builtins.has(spec)) offenders.push(`${path.relative(ROOT, file)}: '${spec}'`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('uses no Node global (Buffer, process, __dirname, require)', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const code = stripComments(readFileSync(file, 'utf8'));
      code.split('\n').forEach((line, i) => {
        // String contents are not code: drop quoted text before looking.
        const bare = line.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
        if (NODE_GLOBALS.test(bare))
          offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it.each(entryFiles().filter((e) => !(e in NODE_ONLY_ENTRIES)))(
    '%s bundles for the browser with no built-in and nothing external',
    async (entry) => {
      const builtins = await nodeBuiltins();
      const { metafile } = await bundle(entry, { minify: false });
      const inputs = Object.keys(metafile.inputs);
      expect(inputs.length).toBeGreaterThan(0);
      // A dependency's `browser` field may switch a module off ("(disabled):..."); a built-in
      // that got through would appear as an input or as an external import of the output.
      const builtinInputs = inputs.filter(
        (i) => builtins.has(i) || builtins.has(i.replace(/^\(disabled\):/, '')),
      );
      const externals = Object.values(metafile.outputs).flatMap((o) =>
        o.imports.filter((imp) => imp.external).map((imp) => imp.path),
      );
      expect({ builtinInputs, externals }).toEqual({ builtinInputs: [], externals: [] });
    },
  );

  it.each(
    Object.entries(NODE_ONLY_ENTRIES).map(([entry, e]) => [entry, e.why, e.drivers] as const),
  )(
    '%s is Node-only by design (%s): nothing but its driver and Node built-ins is outside',
    async (entry, _why, drivers) => {
      const builtins = await nodeBuiltins();
      const { metafile } = await bundle(entry, {
        minify: false,
        platform: 'node',
        external: drivers,
      });
      const inputs = Object.keys(metafile.inputs);
      expect(inputs.length).toBeGreaterThan(0);
      // The driver is loaded from the application's dependencies, never bundled.
      expect(inputs.filter((i) => drivers.some((d) => i.startsWith(`node_modules/${d}/`)))).toEqual(
        [],
      );
      const externals = [
        ...new Set(
          Object.values(metafile.outputs).flatMap((o) =>
            o.imports.filter((imp) => imp.external).map((imp) => imp.path),
          ),
        ),
      ];
      expect(externals.filter((x) => !drivers.includes(x) && !builtins.has(x))).toEqual([]);
      // The driver is really what makes it Node-only (the list does not go stale).
      expect(externals).toEqual(expect.arrayContaining(drivers));
    },
  );
});
