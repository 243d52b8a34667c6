/**
 * The library outside `src/cli/` is runtime-agnostic: no Node built-in is imported, no Node
 * global (`Buffer`, `process`, `__dirname`, `require`) is used, and every public entry point
 * bundles for the browser with nothing external and no built-in pulled in by a dependency. The
 * ledger's SQLite and PostgreSQL stores are Node-only through their database driver alone (an
 * optional peer dependency): with the driver left out, they bundle the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, nodeBuiltins, ROOT } from './helpers.js';

const SRC = path.join(ROOT, 'src');

/** The Node-only entry points and the one driver (a peer dependency) each may import. */
const NODE_ONLY_DRIVERS: Record<string, string> = {
  'src/ledger/sqlite.ts': 'better-sqlite3',
  'src/ledger/postgres.ts': 'pg',
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
    expect(entryFiles()).toEqual(
      expect.arrayContaining([
        'src/index.ts',
        'src/verify/index.ts',
        ...Object.keys(NODE_ONLY_DRIVERS),
      ]),
    );
    // Each driver is an optional peer dependency, never a dependency of the browser code.
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const driver of Object.values(NODE_ONLY_DRIVERS)) {
      expect(pkg.peerDependencies?.[driver], driver).toBeDefined();
      expect(pkg.peerDependenciesMeta?.[driver]?.optional, driver).toBe(true);
      expect(pkg.dependencies?.[driver], driver).toBeUndefined();
    }
    expect(files.some((f) => f.includes(`${path.sep}cli${path.sep}`))).toBe(false);
    const builtins = await nodeBuiltins();
    const sample = `import { readFileSync } from 'node:fs';\nconst z = await import('zlib');\n`;
    expect(specifiersOf(sample).filter((s) => builtins.has(s))).toEqual(['node:fs', 'zlib']);
    expect(NODE_GLOBALS.test('const b = Buffer.from(x);')).toBe(true);
    expect(NODE_GLOBALS.test('const b = new ArrayBuffer(8) as BufferSource;')).toBe(false);
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

  it.each(entryFiles())(
    "%s bundles for the browser with no built-in and nothing external (but a Node-only store's driver)",
    async (entry) => {
      const builtins = await nodeBuiltins();
      const driver = NODE_ONLY_DRIVERS[entry];
      const { metafile } = await bundle(entry, {
        minify: false,
        ...(driver === undefined ? {} : { external: [driver] }),
      });
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
      // A Node-only store imports its driver (left out above) and nothing else.
      expect({ builtinInputs, externals }).toEqual({
        builtinInputs: [],
        externals: driver === undefined ? [] : [driver],
      });
    },
  );
});
