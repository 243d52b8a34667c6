#!/usr/bin/env node
// The built package on other runtimes: Node 22 and 24, Bun and Deno, each installed from the
// npm registry, run the command line (demo, then verify of the demo's baked badge) and the
// library through its package name (verify a baked SVG and a revoked credential; the ESM copy
// and the require() copy are one, so one Ob3Error class). The Node running this script does
// the library checks too.
//
//   node scripts/smoke-runtimes.mjs                 all runtimes (after `npm run build`)
//   node scripts/smoke-runtimes.mjs --only bun,deno some of them
//   node scripts/smoke-runtimes.mjs --json          the results as JSON
//
// The runtimes are installed once into OB3KIT_RUNTIMES_DIR (default: <tmpdir>/ob3kit-runtimes),
// outside the repository, with `npm install --ignore-scripts`: the binaries ship inside the
// registry packages (node-<os>-<cpu>, @oven/bun-<os>-<cpu>, @deno/<os>-<cpu>), so no install
// script runs and nothing is downloaded from anywhere else.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = process.env.OB3KIT_RUNTIMES_DIR ?? path.join(os.tmpdir(), 'ob3kit-runtimes');
const TIMEOUT_MS = 180_000;

const nodeOs = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
const NODE_PACKAGE = `node-${nodeOs}-${process.arch}`;
const EXE = process.platform === 'win32' ? '.exe' : '';

/** The runtimes: what to install, where the binary lands, how to run a script. */
export const RUNTIMES = {
  node22: {
    spec: `node22@npm:${NODE_PACKAGE}@^22`,
    bin: () => path.join(CACHE, 'node_modules/node22/bin', `node${EXE}`),
    run: [],
  },
  node24: {
    spec: `node24@npm:${NODE_PACKAGE}@^24`,
    bin: () => path.join(CACHE, 'node_modules/node24/bin', `node${EXE}`),
    run: [],
  },
  bun: {
    spec: 'bun@^1',
    bin: () => findBinary('@oven', /^bun-/, path.join('bin', `bun${EXE}`)),
    run: [],
  },
  deno: {
    spec: 'deno@^2',
    bin: () => findBinary('@deno', /./, `deno${EXE}`),
    run: ['run', '-A'],
  },
};

/** The platform package (one of the optional dependencies npm installed) holding a binary. */
function findBinary(scope, pattern, file) {
  const dir = path.join(CACHE, 'node_modules', scope);
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).filter((n) => pattern.test(n))) {
    const bin = path.join(dir, name, file);
    if (existsSync(bin)) return bin;
  }
  return undefined;
}

/** Install the runtimes whose binary is missing; returns the seconds it took. */
function install(names) {
  const missing = names.filter((n) => {
    const bin = RUNTIMES[n].bin();
    return bin === undefined || !existsSync(bin);
  });
  if (missing.length === 0) return 0;
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(path.join(CACHE, 'package.json'))) {
    writeFileSync(path.join(CACHE, 'package.json'), '{ "private": true }\n');
  }
  const t0 = performance.now();
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...names.map((n) => RUNTIMES[n].spec),
    ],
    { cwd: CACHE, stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 },
  );
  return (performance.now() - t0) / 1000;
}

const API_SCRIPT = `
import { readFileSync } from 'node:fs';
import { verify } from 'ob3kit/verify';
const status = JSON.parse(readFileSync('ob3kit-demo/status-list.json', 'utf8'));
const documents = { [status.id]: status };
const svg = await verify(readFileSync('ob3kit-demo/badge.svg'), { documents });
const revoked = await verify(readFileSync('ob3kit-demo/revoked-credential.json', 'utf8'), { documents });
console.log(JSON.stringify({
  svg: svg.verdict,
  revoked: revoked.verdict,
  revokedBy: revoked.checks.filter((c) => c.outcome === 'fail').map((c) => c.code),
}));
`;

const IDENTITY_SCRIPT = `
const viaRequire = require('ob3kit');
const errorsViaRequire = require('ob3kit/errors');
import('ob3kit').then((viaImport) => {
  let thrown;
  try { viaRequire.unbakeBadge(new Uint8Array([1, 2, 3])); } catch (e) { thrown = e; }
  console.log(JSON.stringify({
    oneClass: viaImport.Ob3Error === viaRequire.Ob3Error && errorsViaRequire.Ob3Error === viaRequire.Ob3Error,
    instanceOfImported: thrown instanceof viaImport.Ob3Error && thrown instanceof viaImport.BakeError,
    code: thrown && thrown.code,
  }));
});
`;

/** A project that depends on the package as an application would (node_modules/ob3kit). */
function makeProject() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ob3kit-smoke-'));
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ private: true, type: 'module', dependencies: { ob3kit: '*' } }, null, 2)}\n`,
  );
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(ROOT, path.join(dir, 'node_modules/ob3kit'), 'junction');
  writeFileSync(path.join(dir, 'api.mjs'), API_SCRIPT);
  writeFileSync(path.join(dir, 'identity.cjs'), IDENTITY_SCRIPT);
  return dir;
}

function exec(bin, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
  });
  return {
    ok: r.status === 0,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? String(r.error ?? ''),
    ms: performance.now() - t0,
  };
}

function lastJson(text) {
  try {
    return JSON.parse(text.trim().split('\n').pop() ?? '');
  } catch {
    return undefined;
  }
}

/** Run every check with one runtime; returns its results and problems. */
export function smoke(name, bin, runArgs, { cli = true } = {}) {
  const dir = makeProject();
  const cliPath = path.join(ROOT, 'dist/cli/main.js');
  const problems = [];
  const result = { runtime: name, version: '', checks: {} };
  try {
    const v = exec(bin, ['--version'], dir);
    result.version = (v.stdout.trim().split('\n')[0] ?? '').replace(/ \(.*$/, '');
    const step = (id, args, judge) => {
      const r = exec(bin, [...runArgs, ...args], dir);
      const verdict = r.ok
        ? judge(r.stdout)
        : `exit code != 0: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`;
      result.checks[id] = { ok: verdict === true, ms: Math.round(r.ms) };
      if (verdict !== true)
        problems.push(
          `${name} ${id}: ${verdict === false ? r.stdout.trim().slice(-300) : verdict}`,
        );
    };
    if (cli) {
      step('demo', [cliPath, 'demo'], (out) => /Demo passed/.test(out));
      step(
        'verify (cli)',
        [
          cliPath,
          'verify',
          'ob3kit-demo/badge.png',
          '--document',
          'https://ob3kit.example/status/1=ob3kit-demo/status-list.json',
        ],
        (out) => /^Verdict: VALID/m.test(out),
      );
    } else {
      // The demo's files, made by the Node running this script.
      const r = exec(process.execPath, [cliPath, 'demo'], dir);
      if (!r.ok) problems.push(`${name}: could not make the demo files: ${r.stderr.trim()}`);
    }
    step('verify (library)', ['api.mjs'], (out) => {
      const j = lastJson(out);
      return (
        j?.svg === 'valid' && j.revoked === 'invalid' && j.revokedBy.includes('status_revoked')
      );
    });
    step('one Ob3Error for require() and import', ['identity.cjs'], (out) => {
      const j = lastJson(out);
      return j?.oneClass === true && j.instanceOfImported === true && j.code === 'ERR_IMAGE_FORMAT';
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { result, problems };
}

function main(argv) {
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
    console.error('smoke-runtimes: dist/ does not exist; run `npm run build` first');
    return 2;
  }
  const at = argv.indexOf('--only');
  const names = at === -1 ? Object.keys(RUNTIMES) : (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(n in RUNTIMES));
  if (unknown.length > 0) {
    console.error(
      `smoke-runtimes: unknown runtime ${unknown.join(', ')} (known: ${Object.keys(RUNTIMES).join(', ')})`,
    );
    return 2;
  }
  let installSeconds = 0;
  try {
    installSeconds = install(names);
  } catch (e) {
    console.error(
      `smoke-runtimes: installing ${names.join(', ')} from the npm registry failed: ${e.message}`,
    );
    return 1;
  }
  const results = [];
  const problems = [];
  const host = smoke(`node ${process.version} (this one)`, process.execPath, [], { cli: false });
  results.push(host.result);
  problems.push(...host.problems);
  for (const name of names) {
    const bin = RUNTIMES[name].bin();
    if (!bin || !existsSync(bin)) {
      problems.push(`${name}: no binary after installing ${RUNTIMES[name].spec}`);
      continue;
    }
    const r = smoke(name, bin, RUNTIMES[name].run);
    results.push(r.result);
    problems.push(...r.problems);
  }
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ installSeconds, results, problems }, null, 2));
  } else {
    console.log(
      `Runtimes in ${CACHE}${installSeconds > 0 ? ` (installed in ${installSeconds.toFixed(1)} s)` : ''}`,
    );
    for (const r of results) {
      const checks = Object.entries(r.checks)
        .map(([id, c]) => `${id} ${c.ok ? 'ok' : 'FAILED'} (${c.ms} ms)`)
        .join(', ');
      console.log(`  ${r.runtime.padEnd(24)} ${r.version.padEnd(12)} ${checks}`);
    }
    console.log(problems.length === 0 ? 'smoke: ok' : `smoke: ${problems.length} problem(s)`);
    for (const p of problems) console.log(`  - ${p}`);
  }
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
