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
 * The precompiled schema validators (`src/schema/generated/*.generated.js`, ajv standalone code
 * written compactly) are most of the package: esbuild reprints them indented, a quarter larger
 * (about 240 KB over the three forms). Their chunks, which hold nothing else, are written
 * without that whitespace (names, code and the `// src/...` lines naming the modules kept), so
 * the package stays within its unpacked budget (scripts/check-pack.mjs).
 */
const compactGeneratedValidators: TsupPlugin = {
  name: 'ob3kit-compact-generated-validators',
  async renderChunk(code, info) {
    if (!info.path.endsWith('.js')) return undefined;
    const modules = [...code.matchAll(/^\/\/ (\S+)$/gm)].map((m) => m[1] as string);
    if (
      modules.length === 0 ||
      !modules.every((m) => /^src\/schema\/generated\/[\w-]+\.generated\.js$/.test(m))
    ) {
      return undefined;
    }
    const out = await transform(code, {
      format: 'esm',
      minifyWhitespace: true,
      legalComments: 'none',
    });
    return { code: `${modules.map((m) => `// ${m}`).join('\n')}\n${out.code}` };
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
    plugins: [compactGeneratedValidators],
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
  },
]);
