#!/usr/bin/env node
// Build dist/ only when what it is built from changed since the last build, and say nothing
// unless the build fails (then print its whole output).
//
//   node scripts/build-if-changed.mjs                  JavaScript only (no .d.ts): `npm run demo`
//   node scripts/build-if-changed.mjs --full           with the type declarations
//   node scripts/build-if-changed.mjs --full --force   build even when nothing changed (`npm run build`)
//
// "What it is built from": every file under src/, contexts/ and schemas/, package.json,
// tsup.config.ts and tsconfig.json, hashed (SHA-256 of paths and contents) into
// node_modules/.cache/ob3kit/build-input. A full build also satisfies a JavaScript-only request.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUT_DIRS = ['src', 'contexts', 'schemas'];
const INPUT_FILES = ['package.json', 'tsup.config.ts', 'tsconfig.json'];
// Kept out of dist/, which is packed as it is.
const STAMP = path.join(ROOT, 'node_modules/.cache/ob3kit/build-input');

function filesUnder(dir) {
  const out = [];
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...filesUnder(rel));
    else out.push(rel);
  }
  return out;
}

/** The hash of everything the build reads. */
export function inputHash() {
  const hash = createHash('sha256');
  const files = [...INPUT_DIRS.flatMap(filesUnder), ...INPUT_FILES].sort();
  for (const f of files) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(path.join(ROOT, f)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function main(argv) {
  const full = argv.includes('--full');
  const force = argv.includes('--force');
  const hash = inputHash();
  const stamp = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim().split(' ') : [];
  const [builtHash, builtKind] = stamp;
  if (
    !force &&
    builtHash === hash &&
    (builtKind === 'full' || !full) &&
    existsSync(path.join(ROOT, 'dist/cli/main.js'))
  ) {
    return 0;
  }
  const require = createRequire(import.meta.url);
  const tsupPackage = require.resolve('tsup/package.json');
  const tsupBin = path.join(path.dirname(tsupPackage), require(tsupPackage).bin.tsup);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [tsupBin], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, OB3KIT_BUILD_DTS: full ? '1' : '0' },
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? String(r.error ?? ''));
    process.stderr.write('\nbuild failed (output above)\n');
    return r.status ?? 1;
  }
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${hash} ${full ? 'full' : 'js'}\n`);
  if (force) {
    console.log(`built dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
