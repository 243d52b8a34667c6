#!/usr/bin/env node
// What `npm pack` would publish: everything users need and nothing else.
//
//   node scripts/check-pack.mjs          (after `npm run build`; exit 1 on a problem)
//   node scripts/check-pack.mjs --json   the file list, sizes and problems as JSON
//
// Needed: package.json, README.md, CHANGELOG.md, LICENSE; every file package.json points at
// (main, module, types, bin, every `exports` target, `*` patterns included); the built code
// (dist/: .js and .d.ts); every bundled context listed in contexts/manifest.json (and the
// manifest); every schema in schemas/. Anything else — tests, fixtures, sources, docs, examples,
// benchmarks, configs, archives — is a problem. And the package stays small: at most
// MAX_UNPACKED_BYTES unpacked, no source map embedding the sources, and the command line
// (dist/cli/) importing the library's built entry points instead of bundling a second copy.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT_FILES = new Set(['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']);
/** The most the package may weigh unpacked (3 MB, decimal as npm reports it). */
export const MAX_UNPACKED_BYTES = 3_000_000;
const DIST_FILE = /^dist\/.+\.(js|d\.ts|js\.map)$/;
const NEVER = [
  [/(^|\/)(test|tests|__tests__)\//, 'a test'],
  [/\.(test|spec)(-d)?\.[cm]?[jt]s$/, 'a test'],
  [/(^|\/)fixtures\//, 'a test fixture'],
  [/^src\//, 'TypeScript source'],
  [/^(docs|examples|bench|scripts|\.ci|\.github)\//, 'not for users of the package'],
  [
    /(^|\/)(tsconfig.*\.json|tsup\.config\.ts|vitest\.config\.ts|biome\.json|typedoc\.json)$/,
    'a config file',
  ],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.(tgz|log|orig|rej|swp)$|(^|\/)\.env|(^|\/)\.DS_Store$/, 'stray file'],
];

function walk(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full));
    else out.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return out;
}

/** Every string target in package.json's entry fields and `exports` map. */
function pointedAt(pkg) {
  const targets = [];
  const visit = (v) => {
    if (typeof v === 'string') targets.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x);
  };
  for (const field of ['main', 'module', 'types', 'typings', 'browser']) visit(pkg[field]);
  visit(pkg.bin);
  visit(pkg.exports);
  return [...new Set(targets)].map((t) => t.replace(/^\.\//, ''));
}

/** The files npm would pack, from `npm pack --dry-run --json`. */
export function packedFiles() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(out);
  return info;
}

/**
 * What a built CLI file bundles that is not the CLI's own: esbuild heads each bundled module
 * with a `// <path>` line, and the CLI may hold only `src/cli/` (and package.json's version).
 */
export function cliBundledCopies(text) {
  const copies = new Set();
  for (const m of text.matchAll(/^\/\/ (\S+)$/gm)) {
    const from = m[1];
    if (from === 'package.json' || from.startsWith('src/cli/')) continue;
    if (/^(src|node_modules|contexts|schemas)\//.test(from)) copies.add(from);
  }
  return [...copies];
}

/** The relative specifiers a built file imports (static and dynamic). */
export function relativeImports(text) {
  const out = new Set();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\.?\/[^"']+)["']/g))
    out.add(m[1]);
  return [...out];
}

/** Check a packed file list; returns the problems found. */
export function checkPack(files, pkg, { unpackedSize, read } = {}) {
  const problems = [];
  const have = new Set(files.map((f) => f.path));
  if (unpackedSize !== undefined && unpackedSize > MAX_UNPACKED_BYTES) {
    const largest = [...files].sort((a, b) => b.size - a.size).slice(0, 3);
    problems.push(
      `the package is ${(unpackedSize / 1e6).toFixed(2)} MB unpacked, over ${MAX_UNPACKED_BYTES / 1e6} MB (largest: ${largest.map((f) => `${f.path} ${(f.size / 1e3).toFixed(0)} kB`).join(', ')})`,
    );
  }
  if (read) {
    for (const f of files) {
      if (f.path.endsWith('.map') && /"sourcesContent"\s*:\s*\[\s*"/.test(read(f.path))) {
        problems.push(`${f.path} embeds the sources (sourcesContent)`);
      }
      if (/^dist\/.+\.js$/.test(f.path)) {
        for (const target of relativeImports(read(f.path))) {
          const resolved = path.posix.normalize(
            path.posix.join(path.posix.dirname(f.path), target),
          );
          if (!have.has(resolved))
            problems.push(`${f.path} imports ${target}, which is not packed`);
        }
      }
      if (/^dist\/cli\/.+\.js$/.test(f.path)) {
        const copies = cliBundledCopies(read(f.path));
        if (copies.length > 0) {
          problems.push(
            `${f.path} bundles library code instead of importing dist/: ${copies.slice(0, 5).join(', ')}${copies.length > 5 ? ', ...' : ''}`,
          );
        }
      }
    }
  }

  for (const f of have) {
    const rule = NEVER.find(([re]) => re.test(f));
    if (rule) problems.push(`${f} is packed but is ${rule[1]}`);
    else if (
      !ROOT_FILES.has(f) &&
      !DIST_FILE.test(f) &&
      !/^contexts\/[^/]+\.json$/.test(f) &&
      !/^schemas\/(.+\.json|README\.md)$/.test(f)
    ) {
      problems.push(`${f} is packed but is not something users need`);
    }
  }
  for (const f of ROOT_FILES) if (!have.has(f)) problems.push(`${f} is missing`);

  for (const target of pointedAt(pkg)) {
    if (target === 'package.json') continue;
    if (target.includes('*')) {
      const prefix = target.slice(0, target.indexOf('*'));
      if (![...have].some((f) => f.startsWith(prefix))) {
        problems.push(`package.json points at ${target} but no packed file matches`);
      }
    } else if (!have.has(target)) {
      problems.push(`package.json points at ${target} but it is not packed`);
    }
  }

  const manifestPath = path.join(ROOT, 'contexts/manifest.json');
  if (existsSync(manifestPath)) {
    if (!have.has('contexts/manifest.json')) problems.push('contexts/manifest.json is missing');
    for (const entry of JSON.parse(readFileSync(manifestPath, 'utf8'))) {
      if (!have.has(`contexts/${entry.file}`)) {
        problems.push(`contexts/${entry.file} (${entry.url}) is in the manifest but not packed`);
      }
    }
  }
  for (const f of walk(path.join(ROOT, 'schemas')).filter((f) => f.endsWith('.json'))) {
    if (!have.has(f)) problems.push(`${f} is not packed`);
  }

  for (const bin of Object.values(
    typeof pkg.bin === 'string' ? { bin: pkg.bin } : (pkg.bin ?? {}),
  )) {
    const file = path.join(ROOT, bin);
    if (existsSync(file) && !readFileSync(file, 'utf8').startsWith('#!')) {
      problems.push(`${bin} (bin) has no #! line`);
    }
  }
  return problems;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function main(argv) {
  if (!existsSync(path.join(ROOT, 'dist'))) {
    console.error('check-pack: dist/ does not exist; run `npm run build` first');
    return 2;
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const info = packedFiles();
  const problems = checkPack(info.files, pkg, {
    unpackedSize: info.unpackedSize,
    read: (f) => readFileSync(path.join(ROOT, f), 'utf8'),
  });
  const largest = [...info.files].sort((a, b) => b.size - a.size).slice(0, 5);
  const maps = info.files.filter((f) => f.path.endsWith('.map')).reduce((n, f) => n + f.size, 0);
  if (argv.includes('--json')) {
    console.log(
      JSON.stringify(
        {
          files: info.files.length,
          packedBytes: info.size,
          unpackedBytes: info.unpackedSize,
          sourceMapBytes: maps,
          largest,
          problems,
        },
        null,
        2,
      ),
    );
  } else {
    console.log(
      `${info.filename}: ${info.files.length} files, ${kb(info.size)} packed, ${kb(info.unpackedSize)} unpacked (source maps ${kb(maps)})`,
    );
    console.log(`largest: ${largest.map((f) => `${f.path} ${kb(f.size)}`).join(', ')}`);
    console.log(problems.length === 0 ? 'pack: ok' : `pack: ${problems.length} problem(s)`);
    for (const p of problems) console.log(`  - ${p}`);
  }
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
