#!/usr/bin/env node
// Does package-lock.json agree with package.json, so that `npm ci` installs on every platform?
//
//   node scripts/check-lock.mjs              exit 1 (with the reasons) when they disagree
//   node scripts/check-lock.mjs --dir <d>    check <d>/package.json and <d>/package-lock.json
//
// Three checks, all offline:
// 1. the lock's root entry declares exactly the dependency ranges package.json declares (what
//    `npm ci` compares before installing anything);
// 2. every optional dependency of every locked package (the per-platform binaries of esbuild,
//    biome, rollup, ...) is itself in the lock, so `npm ci` on another OS or CPU finds it;
// 3. every range, the root's and each locked package's, is satisfied by the version locked
//    (`npm ls --package-lock-only --all`).
// Importable: `checkLock(pkg, lock)` runs checks 1 and 2 on parsed files.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** Where npm would find `name` for the package installed at `from` (a lock `packages` key). */
function locate(lock, from, name) {
  let dir = from;
  for (;;) {
    const key = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (dir === '') return undefined;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at === -1 ? '' : dir.slice(0, at);
  }
}

/**
 * The disagreements between a parsed package.json and package-lock.json (checks 1 and 2).
 *
 * @param {Record<string, any>} pkg package.json
 * @param {Record<string, any>} lock package-lock.json
 * @returns {string[]} one message a problem; empty when they agree
 */
export function checkLock(pkg, lock) {
  const problems = [];
  if (lock.lockfileVersion !== 3) {
    problems.push(`lockfileVersion is ${lock.lockfileVersion}, expected 3 (npm 9 or later)`);
  }
  const root = lock.packages?.[''];
  if (!root) return [...problems, 'the lock file has no root entry (packages[""])'];
  if (lock.name !== pkg.name || root.name !== pkg.name) {
    problems.push(
      `the lock file is for "${root.name ?? lock.name}", package.json for "${pkg.name}"`,
    );
  }
  if (lock.version !== pkg.version || root.version !== pkg.version) {
    problems.push(`the lock file has version ${root.version}, package.json ${pkg.version}`);
  }
  for (const field of FIELDS) {
    const declared = pkg[field] ?? {};
    const locked = root[field] ?? {};
    for (const [name, range] of Object.entries(declared)) {
      if (!(name in locked)) {
        problems.push(`${field}.${name} (${range}) is in package.json but not in the lock file`);
      } else if (locked[name] !== range) {
        problems.push(
          `${field}.${name} is ${range} in package.json but ${locked[name]} in the lock file`,
        );
      }
      if (field !== 'peerDependencies' && !locate(lock, '', name)) {
        problems.push(`${name} is declared but the lock file has no node_modules/${name}`);
      }
    }
    for (const [name, range] of Object.entries(locked)) {
      if (!(name in declared)) {
        problems.push(`${field}.${name} (${range}) is in the lock file but not in package.json`);
      }
    }
  }
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.link) continue;
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!locate(lock, key, name)) {
        problems.push(
          `${key} has the optional dependency ${name}, which the lock file lacks (npm ci fails where it is needed)`,
        );
      }
    }
  }
  return problems;
}

/** Check 3: npm's own reading of the lock file against every declared range. */
function npmLsProblems(dir) {
  try {
    execFileSync('npm', ['ls', '--package-lock-only', '--all', '--json'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return [];
  } catch (e) {
    let parsed;
    try {
      parsed = JSON.parse(e.stdout);
    } catch {
      return [
        `npm ls failed: ${
          String(e.stderr || e.message)
            .trim()
            .split('\n')[0]
        }`,
      ];
    }
    const problems = parsed.problems ?? [];
    return problems.length > 0 ? problems : ['npm ls reported an error without details'];
  }
}

function main(argv) {
  const at = argv.indexOf('--dir');
  const dir = at === -1 ? ROOT : path.resolve(argv[at + 1] ?? '.');
  const lockPath = path.join(dir, 'package-lock.json');
  if (!existsSync(lockPath)) {
    console.error(`check-lock: ${lockPath} does not exist (run npm install once and commit it)`);
    return 1;
  }
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const problems = [...checkLock(pkg, lock), ...npmLsProblems(dir)];
  if (problems.length === 0) {
    const count = Object.keys(lock.packages).length - 1;
    console.log(`lock: ok (${count} packages locked, package.json and package-lock.json agree)`);
    return 0;
  }
  console.log(
    `lock: ${problems.length} problem(s); run \`npm install\` and commit package-lock.json`,
  );
  for (const p of problems) console.log(`  - ${p}`);
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
