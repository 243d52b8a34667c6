#!/usr/bin/env node
// Browser bundle sizes, and what the light subpaths must not pull in.
//
//   node scripts/check-size.mjs            table; exit 1 if a budget or an isolation rule fails
//   node scripts/check-size.mjs --json     the same figures as JSON (for bench/ and CI logs)
//   node scripts/check-size.mjs --dist     measure the built package (dist/) instead of src/
//   node scripts/check-size.mjs --top 12   list the largest contributors of each bundle
//
// Each bundle is what a browser app gets from esbuild (platform browser, ESM, minified,
// tree-shaken) when it imports the named exports. Code behind a dynamic `import()` that
// ob3kit loads only when needed (the jsonld.js fallback, ajv for caller-supplied schemas, the
// schema validators of each VC version) is split into lazy chunks: "initial" is what loads up
// front, "lazy" the rest. A bundle may name what one use of it loads on demand (`uses`: verify
// of a VC 2.0 badge loads the VC 2.0 validators); its budget holds for the initial code plus
// those chunks. Sizes are gzip level 9 of the minified code. Importable: `measureBundles()`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** JSON-LD, signatures and keys, schema compilation: what builders and baking stay free of. */
const NO_JSONLD_OR_SIGNING = [
  /^node_modules\/jsonld\//,
  /^node_modules\/rdf-canonize\//,
  /^node_modules\/@noble\/curves\//,
  /^node_modules\/ajv(-formats)?\//,
  /^src\/jsonld\//,
  /^src\/proof\//,
  /^src\/keys\//,
  /^src\/schema\//,
  /^contexts\//,
];
/** The same, and no hash function either (random ids come from `crypto.getRandomValues`). */
const NO_CRYPTO = [...NO_JSONLD_OR_SIGNING, /^node_modules\/@noble\//];

/**
 * The bundles measured. `budgetKb` is the gzipped size the bundle must stay under: its initial
 * code, plus the on-demand chunks its `uses.loads` modules are in (and their static imports);
 * no input of a bundle may match its `forbid` patterns, and none of its initial code or of
 * those chunks may match `uses.never` (what that use must not load).
 */
export const BUNDLES = [
  {
    name: 'verify',
    what: 'verify(): Data Integrity + VC-JWT, baked images, status, schema (ob3kit/verify)',
    code: "export { verify } from 'ob3kit/verify';",
    budgetKb: 100,
    uses: {
      what: 'a VC 2.0 badge',
      loads: ['src/schema/generated/vc2.generated.js'],
      // Nor the pure-JS curves: WebCrypto verifies, src/keys/ec-point.ts reads public points.
      never: [
        /generated\/(vc1|lenient)\.generated\.js$/,
        /(^|\/)node_modules\/@noble\/curves\//,
        /(^|\/)src\/keys\/(curves|secret)\.ts$/,
      ],
    },
  },
  {
    name: 'proofs',
    what: 'verifyCredentialProof + verifyCredentialJwt only (ob3kit/proof)',
    code: "export { verifyCredentialProof, verifyCredentialJwt } from 'ob3kit/proof';",
  },
  {
    name: 'builders',
    what: 'the credential, achievement, profile and subject builders (ob3kit/model)',
    code: [
      'export {',
      '  createOpenBadgeCredential, createAchievementCredential, createEndorsementCredential,',
      '  createAchievement, createProfile, createAchievementSubject, createResult, createEvidence,',
      "} from 'ob3kit/model';",
    ].join('\n'),
    forbid: NO_CRYPTO,
  },
  {
    name: 'model',
    what: 'all of ob3kit/model, identity hashing (SHA-256, MD5) included',
    code: "export * from 'ob3kit/model';",
    forbid: NO_JSONLD_OR_SIGNING,
  },
  {
    name: 'bake',
    what: 'bakeBadge / unbakeBadge / sniffFormat (ob3kit/bake)',
    code: "export * from 'ob3kit/bake';",
    forbid: NO_CRYPTO,
  },
  {
    name: 'root',
    what: "builders and baking imported from the root barrel ('ob3kit'): tree-shaking works",
    code: "export { createOpenBadgeCredential, createAchievement, bakeBadge, unbakeBadge } from 'ob3kit';",
    // About the same code as imported from ob3kit/model and ob3kit/bake (baking reads JSON text
    // through the bounded scanner, measured before parsing); a module that code loaded on demand
    // keeps alive, and that the root barrel re-exports, would land here and exceed the budget.
    budgetKb: 27,
    forbid: NO_CRYPTO,
  },
  {
    name: 'status',
    what: 'status lists and checkStatus (ob3kit/status)',
    code: "export * from 'ob3kit/status';",
  },
];

/** `ob3kit/<sub>` resolved to the source (default) or to the built package. */
function resolver(useDist) {
  return {
    name: 'ob3kit-entry',
    setup(b) {
      b.onResolve({ filter: /^ob3kit(\/.*)?$/ }, (args) => {
        const sub = args.path === 'ob3kit' ? 'index' : args.path.slice('ob3kit/'.length);
        const file = useDist
          ? path.join(
              ROOT,
              'dist',
              sub === 'index' || sub === 'errors' ? `${sub}.js` : `${sub}/index.js`,
            )
          : path.join(
              ROOT,
              'src',
              sub === 'index' || sub === 'errors' ? `${sub}.ts` : `${sub}/index.ts`,
            );
        if (!existsSync(file))
          return { errors: [{ text: `${args.path}: ${file} does not exist` }] };
        return { path: file };
      });
    },
  };
}

function packageOf(input) {
  if (input.startsWith('node_modules/')) {
    const parts = input.split('/');
    return parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : (parts[1] ?? input);
  }
  if (input.startsWith('src/')) return input.split('/').slice(0, 2).join('/');
  if (input.startsWith('contexts/')) return 'contexts/*.json';
  if (input.startsWith('schemas/')) return 'schemas/*.json';
  return input;
}

/** The source files esbuild names (`// src/...` lines) in a non-minified dist file. */
function sourcesIn(text) {
  return [...text.matchAll(/^\/\/ (\S+)$/gm)].map((m) => m[1]);
}

const textCache = new Map();
function readText(rel) {
  let text = textCache.get(rel);
  if (text === undefined) {
    text = readFileSync(path.join(ROOT, rel), 'utf8');
    textCache.set(rel, text);
  }
  return text;
}

/** Measure one bundle. */
export async function measureBundle(spec, { dist = false } = {}) {
  const result = await build({
    stdin: {
      contents: spec.code,
      resolveDir: ROOT,
      sourcefile: `${spec.name}-entry.js`,
      loader: 'js',
    },
    bundle: true,
    splitting: true,
    outdir: path.join(ROOT, '.size-out'),
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    absWorkingDir: ROOT,
    plugins: [resolver(dist)],
  });
  const rel = (p) => path.relative(ROOT, p);
  const texts = new Map(result.outputFiles.map((f) => [rel(f.path), f.text]));
  const outputs = result.metafile.outputs;
  // The bundle's own entry (each dynamic import() target is an entry point of its own too).
  const entry = Object.keys(outputs).find((o) => outputs[o].entryPoint === `${spec.name}-entry.js`);
  /** These outputs and everything they import statically. */
  const closure = (roots) => {
    const seen = new Set();
    const queue = [...roots];
    while (queue.length > 0) {
      const o = queue.pop();
      if (o === undefined || seen.has(o)) continue;
      seen.add(o);
      for (const imp of outputs[o]?.imports ?? []) {
        if (imp.kind === 'import-statement') queue.push(imp.path);
      }
    }
    return seen;
  };
  // Initial = the entry and everything it imports statically; lazy = the rest.
  const initial = closure([entry]);
  // What one use loads on demand: the chunks holding its modules (a module built into dist/
  // is found by esbuild's `// <source path>` line in the dist file), with their static imports.
  const holds = (input, name) =>
    input === name ||
    (dist && input.startsWith('dist/') && readText(input).includes(`\n// ${name}\n`));
  const usedChunks = new Set();
  const missing = [];
  for (const name of spec.uses?.loads ?? []) {
    const chunks = Object.keys(outputs).filter((o) =>
      Object.keys(outputs[o].inputs).some((i) => holds(i, name)),
    );
    if (chunks.length === 0) missing.push(name);
    for (const c of closure(chunks)) if (!initial.has(c)) usedChunks.add(c);
  }
  const sizes = (names) => {
    let min = 0;
    let gz = 0;
    for (const n of names) {
      const text = texts.get(n) ?? '';
      min += Buffer.byteLength(text);
      gz += gzipSync(text, { level: 9 }).length;
    }
    return { min, gz };
  };
  const lazyNames = Object.keys(outputs).filter((o) => !initial.has(o) && o.endsWith('.js'));
  const contributors = new Map();
  const inputs = new Set();
  for (const o of initial) {
    for (const [input, info] of Object.entries(outputs[o]?.inputs ?? {})) {
      inputs.add(input);
      const key = packageOf(input);
      contributors.set(key, (contributors.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  const lazyContributors = new Map();
  for (const o of lazyNames) {
    for (const [input, info] of Object.entries(outputs[o]?.inputs ?? {})) {
      const key = packageOf(input);
      lazyContributors.set(key, (lazyContributors.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  const forbid = spec.forbid ?? [];
  const forbidden = [...inputs].filter((i) => forbid.some((re) => re.test(i)));
  const never = spec.uses?.never ?? [];
  const loadedForUse = [];
  for (const o of [...initial, ...usedChunks]) {
    for (const input of Object.keys(outputs[o]?.inputs ?? {})) {
      const names = dist && input.startsWith('dist/') ? sourcesIn(readText(input)) : [input];
      loadedForUse.push(...names.filter((n) => never.some((re) => re.test(n))));
    }
  }
  const initialSizes = sizes(initial);
  const useSizes = sizes(usedChunks);
  return {
    name: spec.name,
    what: spec.what,
    initial: initialSizes,
    lazy: sizes(lazyNames),
    use: spec.uses
      ? {
          what: spec.uses.what,
          onDemand: useSizes,
          upFront: { min: initialSizes.min + useSizes.min, gz: initialSizes.gz + useSizes.gz },
          missing,
          loadsWhatItMustNot: [...new Set(loadedForUse)],
        }
      : null,
    budgetKb: spec.budgetKb ?? null,
    isolated: forbid.length > 0,
    forbiddenInputs: forbidden,
    contributors: [...contributors.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([module, bytes]) => ({ module, minBytes: bytes })),
    lazyContributors: [...lazyContributors.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([module, bytes]) => ({ module, minBytes: bytes })),
  };
}

/** Measure every bundle in BUNDLES. */
export async function measureBundles(options = {}) {
  const out = [];
  for (const spec of BUNDLES) out.push(await measureBundle(spec, options));
  return out;
}

/** Budget and isolation failures, as messages. */
export function problemsOf(results) {
  const problems = [];
  for (const r of results) {
    const budgeted = r.use ? r.use.upFront : r.initial;
    if (r.budgetKb !== null && budgeted.gz > r.budgetKb * 1024) {
      problems.push(
        `${r.name}: ${kb(budgeted.gz)} KB gzipped${r.use ? ` for ${r.use.what}` : ''}, over its ${r.budgetKb} KB budget (largest: ${r.contributors
          .slice(0, 3)
          .map((c) => `${c.module} ${kb(c.minBytes)} KB min`)
          .join(', ')})`,
      );
    }
    if (r.forbiddenInputs.length > 0) {
      problems.push(`${r.name}: pulls in ${r.forbiddenInputs.slice(0, 8).join(', ')}`);
    }
    if (r.use) {
      for (const m of r.use.missing) {
        problems.push(`${r.name}: ${m} is in no chunk (what ${r.use.what} loads is not measured)`);
      }
      if (r.use.loadsWhatItMustNot.length > 0) {
        problems.push(
          `${r.name}: ${r.use.what} loads ${r.use.loadsWhatItMustNot.join(', ')} (up front or with what it needs)`,
        );
      }
    }
  }
  return problems;
}

const kb = (n) => (n / 1024).toFixed(1);

async function main(argv) {
  const json = argv.includes('--json');
  const dist = argv.includes('--dist');
  const topAt = argv.indexOf('--top');
  const top = topAt === -1 ? 5 : Number(argv[topAt + 1] ?? 5);
  if (dist && !existsSync(path.join(ROOT, 'dist/index.js'))) {
    console.error('check-size: --dist needs a build first (npm run build)');
    return 2;
  }
  const results = await measureBundles({ dist });
  const problems = problemsOf(results);
  if (json) {
    console.log(JSON.stringify({ source: dist ? 'dist' : 'src', results, problems }, null, 2));
  } else {
    console.log(
      `Browser bundles from ${dist ? 'dist/' : 'src/'} (esbuild, ESM, minified; KB = 1024 bytes)\n`,
    );
    for (const r of results) {
      const budget = r.budgetKb === null ? '' : `  budget ${r.budgetKb} KB gz`;
      console.log(
        `${r.name.padEnd(8)} initial ${kb(r.initial.min).padStart(7)} KB min ${kb(r.initial.gz).padStart(6)} KB gz` +
          `   lazy ${kb(r.lazy.min).padStart(7)} KB min ${kb(r.lazy.gz).padStart(6)} KB gz${budget}`,
      );
      console.log(`         ${r.what}`);
      if (r.use) {
        console.log(
          `         ${r.use.what}: ${kb(r.use.upFront.gz)} KB gz up front (initial + ${kb(r.use.onDemand.gz)} KB gz loaded on demand)`,
        );
      }
      if (r.isolated) {
        console.log(
          `         free of what it must not include: ${r.forbiddenInputs.length === 0 ? 'yes' : 'NO'}`,
        );
      }
      console.log(
        `         largest: ${r.contributors
          .slice(0, top)
          .map((c) => `${c.module} ${kb(c.minBytes)}`)
          .join(', ')}`,
      );
      if (r.lazyContributors.length > 0) {
        console.log(
          `         lazy: ${r.lazyContributors
            .slice(0, top)
            .map((c) => `${c.module} ${kb(c.minBytes)}`)
            .join(', ')}`,
        );
      }
    }
    console.log(problems.length === 0 ? '\nsize: ok' : `\nsize: ${problems.length} problem(s)`);
    for (const p of problems) console.log(`  - ${p}`);
  }
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
