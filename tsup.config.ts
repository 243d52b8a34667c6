import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Plugin, transform } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

/** The library's public entry points: `ob3kit/<name>` is `src/<name>/index.ts`. */
const SUBPATHS = [
  'model',
  'jsonld',
  'schema',
  'keys',
  'proof',
  'status',
  'bake',
  'verify',
  'present',
  'ledger',
  'ob2',
  'serve',
  'clr',
  'pathway',
];

/** Other public entry points: `ob3kit/<name>` is `src/<name>.ts` (Node-only store drivers). */
const EXTRA_ENTRIES = ['ledger/sqlite', 'ledger/postgres'];

const SRC = path.resolve('src');

/**
 * The command line imports the library through its built entry points (`dist/<sub>/index.js`,
 * as `ob3kit/<sub>` would), so the package holds one copy of the library, not two. An import
 * from `src/cli` of any other library file fails the build: the CLI may use only what the
 * package exports.
 */
const cliUsesBuiltLibrary: Plugin = {
  name: 'ob3kit-cli-uses-built-library',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(path.join(SRC, 'cli') + path.sep)) return undefined;
      const target = path.resolve(args.resolveDir, args.path);
      if (!target.startsWith(SRC + path.sep) || target.startsWith(path.join(SRC, 'cli'))) {
        return undefined;
      }
      const rel = path.relative(SRC, target).split(path.sep).join('/');
      const sub = rel.replace(/\/index\.js$/, '');
      if (rel === 'errors.js') return { path: '../errors.js', external: true };
      if (rel === 'index.js') return { path: '../index.js', external: true };
      if (SUBPATHS.includes(sub)) return { path: `../${sub}/index.js`, external: true };
      const entry = rel.replace(/\.js$/, '');
      if (EXTRA_ENTRIES.includes(entry)) return { path: `../${entry}.js`, external: true };
      return {
        errors: [
          {
            text: `src/cli imports ${rel}, which the package does not export: import it from a public entry point (src/<capability>/index.ts)`,
          },
        ],
      };
    });
  },
};

/** A tsup plugin (the kind `options.plugins` takes: it sees each written chunk). */
type TsupPlugin = NonNullable<Options['plugins']>[number];

/**
 * Every chunk (the library's and the CLI's) is written without the indentation and comments esbuild prints (names and
 * code kept, and the `// src/...` lines naming the modules each chunk holds, which
 * scripts/check-size.mjs and scripts/check-pack.mjs read, moved to its top): the precompiled
 * schema validators alone grew by a quarter when reprinted indented. Without it the package is
 * over its unpacked budget (scripts/check-pack.mjs). A chunk that holds only precompiled
 * validators (src/schema/generated/) also gets short local names (`validate36`, `errors`,
 * `data0`, ... become one or two letters; exported names, properties and strings are kept): a
 * quarter less to ship, and less for a verifier to load.
 */
const compactChunks: TsupPlugin = {
  name: 'ob3kit-compact-chunks',
  async renderChunk(code, info) {
    if (!info.path.endsWith('.js')) return undefined;
    const modules = [...code.matchAll(/^\/\/ (\S+)$/gm)].map((m) => m[1] as string);
    if (modules.length === 0) return undefined;
    // The CLI's entry starts with its `#!` line, which must stay first.
    const hashbang = /^#!.*\n/.exec(code)?.[0] ?? '';
    const generatedOnly = modules.every((m) => m.startsWith('src/schema/generated/'));
    const out = await transform(code.slice(hashbang.length), {
      format: 'esm',
      minifyWhitespace: true,
      minifyIdentifiers: generatedOnly,
      legalComments: 'none',
    });
    return { code: `${hashbang}${modules.map((m) => `// ${m}`).join('\n')}\n${out.code}` };
  },
};

/**
 * The bundled JSON-LD contexts (`contexts/*.json`) are written as their compact JSON text (a
 * string) rather than as object literals: every process that verifies loads all of them (about
 * 85 KB) but reads two or three, and src/jsonld/bundled.ts parses (and freezes) each on first
 * read. A string costs V8 a scan, an object literal a compile and its construction.
 */
export const contextsAsJsonText: Plugin = {
  name: 'ob3kit-contexts-as-json-text',
  setup(build) {
    build.onLoad({ filter: /[\\/]contexts[\\/][^\\/]+\.json$/ }, async (args) => {
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      return {
        contents: `export default ${JSON.stringify(text)};`,
        loader: 'js',
      };
    });
  },
};

/**
 * Built-ins some supported engines lack, replaced in the built library by the stand-ins of
 * src/internal/compat.ts (Hermes, React Native's engine, had no `Object.hasOwn`). The React
 * Native test bundles the sources with the same options.
 */
export const COMPAT_BUILD_OPTIONS = {
  define: { 'Object.hasOwn': 'ob3kitHasOwn' },
  inject: [path.resolve('src/internal/compat.ts')],
};

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      errors: 'src/errors.ts',
      ...Object.fromEntries(SUBPATHS.map((s) => [`${s}/index`, `src/${s}/index.ts`])),
      ...Object.fromEntries(EXTRA_ENTRIES.map((e) => [e, `src/${e}.ts`])),
    },
    format: ['esm'],
    // scripts/build-if-changed.mjs leaves the declarations out for `npm run demo`.
    dts: process.env.OB3KIT_BUILD_DTS !== '0',
    sourcemap: false,
    // dist/cli/ is the other build's (both run at once).
    clean: ['**/*', '!cli/**'],
    splitting: true,
    treeshake: { preset: 'recommended', moduleSideEffects: false },
    target: 'es2022',
    platform: 'neutral',
    define: COMPAT_BUILD_OPTIONS.define,
    inject: COMPAT_BUILD_OPTIONS.inject,
    esbuildPlugins: [contextsAsJsonText],
    plugins: [compactChunks],
  },
  {
    // The CLI and its chunks (one a command, loaded when it runs) all live in dist/cli/.
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    clean: true,
    splitting: true,
    format: ['esm'],
    dts: false,
    sourcemap: false,
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    removeNodeProtocol: false,
    esbuildPlugins: [cliUsesBuiltLibrary],
    plugins: [compactChunks],
  },
]);
