#!/usr/bin/env node
/**
 * Run the W3C interoperability suites (vc-di-eddsa, vc-di-ecdsa, VC Data Model 2.0, Bitstring
 * Status List) against `ob3kit serve`, offline apart from the npm registry.
 *
 * 1. Copy each vendored suite (../shared/w3c-suites, or OB3KIT_W3C_SUITES) to a work folder
 *    under node_modules/.cache/ob3kit-w3c/, point its two GitHub dependencies at the vendored
 *    helper packages, drop devDependencies, and `npm install --ignore-scripts --omit=dev` from
 *    the npm registry. Installs are kept between runs, keyed by a hash of their inputs.
 * 2. Build the command line from src/ (esbuild), make test keys (Ed25519, P-256, P-384 did:key),
 *    a throwaway self-signed TLS certificate (openssl), an API token and a configuration, and
 *    start `ob3kit serve` on loopback (HTTPS; the status suite dereferences lists over https).
 * 3. Run each suite's mocha with the JSON reporter, and compare every failure with
 *    test/w3c/expectations.json: a failure not listed there, or a listed one that now passes,
 *    fails the run. Tests pending by the suites' own configuration are counted, not judged.
 *
 * Usage: node scripts/w3c-suites.mjs [--suite <name> ...] [--keep] [--verbose]
 * Exit code 0: every applicable test passed or is a listed exception; 1 otherwise; 2: set-up error.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUITES_DIR = path.resolve(
  process.env.OB3KIT_W3C_SUITES ?? path.join(ROOT, '..', 'shared', 'w3c-suites'),
);
const WORK = path.join(ROOT, 'node_modules', '.cache', 'ob3kit-w3c');
const EXPECTATIONS = path.join(ROOT, 'test', 'w3c', 'expectations.json');
const IMPLEMENTATION = 'ob3kit';
const HELPERS = ['vc-test-suite-implementations', 'data-integrity-test-suite-assertion'];

/** The suites, the tags their endpoints need, and the issuers each tag is served by. */
const SUITES = {
  eddsa: { folder: 'vc-di-eddsa-test-suite' },
  ecdsa: { folder: 'vc-di-ecdsa-test-suite' },
  'vc-data-model-2.0': { folder: 'vc-data-model-2.0-test-suite' },
  'bitstring-status-list': { folder: 'vc-bitstring-status-list-test-suite' },
};

const args = process.argv.slice(2);
const only = [];
for (let i = 0; i < args.length; i++) if (args[i] === '--suite') only.push(args[++i]);
const verbose = args.includes('--verbose');
const keep = args.includes('--keep');

function log(text) {
  process.stderr.write(`[w3c] ${text}\n`);
}

function die(text) {
  log(`error: ${text}`);
  process.exit(2);
}

function hashOf(...parts) {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? p : JSON.stringify(p)).update('\0');
  return h.digest('hex').slice(0, 16);
}

/** Every file of a folder (relative names and contents) for the install hash. */
function folderDigest(dir) {
  const h = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules' || name === '.git') continue;
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else h.update(path.relative(dir, full)).update(readFileSync(full));
    }
  };
  walk(dir);
  return h.digest('hex');
}

function run(cmd, argv, options = {}) {
  return execFileSync(cmd, argv, { stdio: verbose ? 'inherit' : 'pipe', ...options });
}

/** Copy a suite and install it (once per distinct inputs). */
function install(name) {
  const src = path.join(SUITES_DIR, SUITES[name].folder);
  const key = hashOf(
    'v1',
    process.version.split('.')[0],
    folderDigest(src),
    ...HELPERS.map((h) => folderDigest(path.join(SUITES_DIR, h))),
  );
  const dir = path.join(WORK, 'suites', `${name}-${key}`);
  if (existsSync(path.join(dir, '.installed'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(src, dir, { recursive: true });
  const helpers = path.join(dir, '.helpers');
  for (const h of HELPERS)
    cpSync(path.join(SUITES_DIR, h), path.join(helpers, h), { recursive: true });
  const pkgFile = path.join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  for (const h of HELPERS) {
    if (pkg.dependencies?.[h]) pkg.dependencies[h] = `file:./.helpers/${h}`;
  }
  // Helper packages' own GitHub dependencies point at the vendored copies too.
  for (const h of HELPERS) {
    const hp = path.join(helpers, h, 'package.json');
    const hpkg = JSON.parse(readFileSync(hp, 'utf8'));
    delete hpkg.devDependencies;
    for (const other of HELPERS) {
      if (hpkg.dependencies?.[other]) hpkg.dependencies[other] = `file:../${other}`;
    }
    writeFileSync(hp, JSON.stringify(hpkg, null, 2));
  }
  delete pkg.devDependencies;
  delete pkg.mocha;
  if (pkg.scripts) {
    delete pkg.scripts.postinstall;
    delete pkg.scripts.pretest;
  }
  writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  rmSync(path.join(dir, 'package-lock.json'), { force: true });
  if (name === 'ecdsa') {
    // The suite's postinstall would git-clone these vectors.
    cpSync(path.join(SUITES_DIR, 'vc-di-ecdsa'), path.join(dir, 'tests', 'input', 'vc-di-ecdsa'), {
      recursive: true,
    });
  }
  log(`installing the ${name} suite (npm registry)...`);
  const started = Date.now();
  run(
    'npm',
    [
      'install',
      '--ignore-scripts',
      '--omit=dev',
      '--install-links',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
    ],
    { cwd: dir },
  );
  writeFileSync(path.join(dir, '.installed'), new Date().toISOString());
  log(`installed ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Bundle the command line and the keys module from src/ with esbuild. */
async function buildFromSource(out) {
  const { build } = await import('esbuild');
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  };
  await build({
    ...common,
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    outfile: path.join(out, 'cli.mjs'),
    banner: { js: '#!/usr/bin/env node' },
  });
  await build({
    ...common,
    entryPoints: [path.join(ROOT, 'src/keys/index.ts')],
    outfile: path.join(out, 'keys.mjs'),
  });
}

/** Test keys (did:key) written as key files; returns their DIDs. */
async function makeKeys(out) {
  const keys = await import(pathToFileURL(path.join(out, 'keys.mjs')).href);
  const made = {};
  for (const type of ['Ed25519', 'P-256', 'P-384']) {
    const { did, keyPair } = keys.createDidKey(await keys.generateKeyPair({ type }));
    const file = path.join(out, `key-${type}.json`);
    writeFileSync(file, JSON.stringify(keys.exportKeyPair(keyPair, { includeSecret: true })), {
      mode: 0o600,
    });
    made[type] = { did, file };
  }
  return made;
}

/** A throwaway self-signed certificate for localhost (openssl from the system). */
function makeCertificate(out) {
  const cert = path.join(out, 'tls-cert.pem');
  const key = path.join(out, 'tls-key.pem');
  try {
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
  } catch (e) {
    die(`openssl could not make the test certificate (is openssl installed?): ${e.message}`);
  }
  return { cert, key };
}

/** The issuers `serve` runs for the suites, by the tags their endpoints carry. */
function issuerPlan(keys) {
  return [
    {
      name: 'eddsa-rdfc',
      key: 'Ed25519',
      suite: 'eddsa-rdfc-2022',
      tags: ['eddsa-rdfc-2022'],
      supports: { vc: ['1.1', '2.0'] },
    },
    {
      name: 'eddsa-jcs',
      key: 'Ed25519',
      suite: 'eddsa-jcs-2022',
      tags: ['eddsa-jcs-2022'],
      supports: { vc: ['1.1', '2.0'] },
    },
    {
      name: 'ecdsa-rdfc-p256',
      key: 'P-256',
      suite: 'ecdsa-rdfc-2019',
      tags: ['ecdsa-rdfc-2019'],
      keyTypes: ['P-256'],
    },
    {
      name: 'ecdsa-rdfc-p384',
      key: 'P-384',
      suite: 'ecdsa-rdfc-2019',
      tags: ['ecdsa-rdfc-2019'],
      keyTypes: ['P-384'],
    },
    {
      name: 'ecdsa-jcs-p256',
      key: 'P-256',
      suite: 'ecdsa-jcs-2019',
      tags: ['ecdsa-jcs-2019'],
      keyTypes: ['P-256'],
    },
    {
      name: 'ecdsa-jcs-p384',
      key: 'P-384',
      suite: 'ecdsa-jcs-2019',
      tags: ['ecdsa-jcs-2019'],
      keyTypes: ['P-384'],
    },
    { name: 'vc2', key: 'Ed25519', suite: 'eddsa-rdfc-2022', tags: ['vc2.0'] },
    {
      name: 'bsl',
      key: 'Ed25519',
      suite: 'eddsa-rdfc-2022',
      tags: ['BitstringStatusList'],
      status: true,
    },
  ].map((i) => ({ ...i, did: keys[i.key].did, file: keys[i.key].file }));
}

const VERIFIER_TAGS = [
  'eddsa-rdfc-2022',
  'eddsa-jcs-2022',
  'ecdsa-rdfc-2019',
  'ecdsa-jcs-2019',
  'vc2.0',
  'BitstringStatusList',
];

function localConfig(base, plan, token) {
  const headers = { Authorization: `Bearer ${token}` };
  const issuers = plan.map((i) => ({
    id: i.did,
    endpoint: `${base}/issuers/${i.name}/credentials/issue`,
    tags: i.tags,
    headers,
    ...(i.supports ? { supports: i.supports } : {}),
    ...(i.keyTypes ? { supportedEcdsaKeyTypes: i.keyTypes } : {}),
  }));
  const verifier = (p) => ({
    id: 'https://ob3kit.local/verifier',
    endpoint: `${base}${p}`,
    tags: VERIFIER_TAGS,
    supportedEcdsaKeyTypes: ['P-256', 'P-384'],
  });
  const config = {
    settings: { enableInteropTests: true, testAllImplementations: false },
    implementations: [
      {
        name: IMPLEMENTATION,
        implementation: IMPLEMENTATION,
        issuers,
        verifiers: [verifier('/credentials/verify')],
        vpVerifiers: [verifier('/presentations/verify')],
      },
    ],
  };
  return `module.exports = ${JSON.stringify(config, null, 2)};\n`;
}

function startServe(out, configFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(out, 'cli.mjs'), 'serve', '--config', configFile],
      {
        cwd: out,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(out, 'tls-cert.pem') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const logFile = path.join(out, 'serve.log');
    writeFileSync(logFile, '');
    child.stdout.on('data', (d) => writeFileSync(logFile, d, { flag: 'a' }));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/listening on/.test(stderr)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`ob3kit serve exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`ob3kit serve did not start: ${stderr}`)), 20_000).unref();
  });
}

/** Run one suite's mocha with the JSON reporter; returns its parsed results. */
function runSuite(name, dir, out) {
  return new Promise((resolve, reject) => {
    const results = path.join(out, `${name}.results.json`);
    rmSync(results, { force: true });
    const mocha = path.join(dir, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const child = spawn(
      process.execPath,
      [
        mocha,
        'tests/',
        '--reporter',
        'json',
        '--reporter-option',
        `output=${results}`,
        '--timeout',
        '30000',
        '--preserve-symlinks',
        '--exit',
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: path.join(out, 'tls-cert.pem'),
          NODE_OPTIONS: '--no-warnings',
          // app-root-path would take the repository (the first node_modules up) as the root and
          // miss the suite's localConfig.cjs.
          APP_ROOT_PATH: dir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', () => {
      writeFileSync(path.join(out, `${name}.mocha.log`), output);
      if (!existsSync(results)) {
        reject(new Error(`the ${name} suite wrote no results:\n${output.slice(-4000)}`));
        return;
      }
      resolve(JSON.parse(readFileSync(results, 'utf8')));
    });
  });
}

function normalise(title) {
  return title.replace(/\s+/g, ' ').trim();
}

async function main() {
  if (!existsSync(SUITES_DIR))
    die(`the W3C suites are not at ${SUITES_DIR} (set OB3KIT_W3C_SUITES)`);
  const names = only.length ? only : Object.keys(SUITES);
  for (const n of names)
    if (!SUITES[n]) die(`unknown suite ${n} (known: ${Object.keys(SUITES).join(', ')})`);
  const expectations = JSON.parse(readFileSync(EXPECTATIONS, 'utf8'));
  const started = Date.now();
  mkdirSync(WORK, { recursive: true });
  const dirs = {};
  for (const n of names) dirs[n] = install(n);
  const installed = Date.now();

  const out = path.join(WORK, 'run');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await buildFromSource(out);
  const keys = await makeKeys(out);
  makeCertificate(out);
  const token = randomBytes(32).toString('base64url');
  writeFileSync(path.join(out, 'token'), `${token}\n`, { mode: 0o600 });
  // The examples context, as the W3C publishes it: one @vocab (ob3kit never fetches contexts).
  writeFileSync(
    path.join(out, 'examples-v2.json'),
    JSON.stringify({ '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }),
  );
  const [httpPort, tlsPort] = [await freePort(), await freePort()];
  const base = `https://localhost:${tlsPort}`;
  const plan = issuerPlan(keys);
  const config = {
    host: '127.0.0.1',
    port: httpPort,
    publicUrl: base,
    tokenFile: 'token',
    issuers: plan.map((i) => ({
      name: i.name,
      keyFile: i.file,
      suite: i.suite,
      ...(i.status ? { status: true } : {}),
    })),
    ledger: 'ledger.sqlite',
    contexts: { 'https://www.w3.org/ns/credentials/examples/v2': 'examples-v2.json' },
    allowNetwork: true,
    allowPrivateAddresses: true,
    rateLimit: false,
    tls: { host: '127.0.0.1', port: tlsPort, cert: 'tls-cert.pem', key: 'tls-key.pem' },
  };
  const configFile = path.join(out, 'serve.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const serve = await startServe(out, configFile);
  log(`ob3kit serve is up at ${base}`);

  const summary = {};
  let failed = false;
  try {
    for (const n of names) {
      writeFileSync(path.join(dirs[n], 'localConfig.cjs'), localConfig(base, plan, token));
      const t0 = Date.now();
      const r = await runSuite(n, dirs[n], out);
      const expected = expectations.suites?.[n] ?? {};
      const failures = r.failures.map((f) => ({
        title: normalise(f.fullTitle),
        err: f.err?.message,
      }));
      const passes = new Set(r.passes.map((p) => normalise(p.fullTitle)));
      const unexpected = failures.filter((f) => !(f.title in expected));
      const stale = Object.keys(expected).filter((t) => passes.has(t));
      const missing = Object.keys(expected).filter(
        (t) => !passes.has(t) && !failures.some((f) => f.title === t),
      );
      summary[n] = {
        tests: r.stats.tests,
        passes: r.stats.passes,
        failures: r.stats.failures,
        pending: r.stats.pending,
        expectedFailures: failures.length - unexpected.length,
        seconds: Math.round((Date.now() - t0) / 100) / 10,
      };
      log(
        `${n}: ${r.stats.passes} passed, ${r.stats.failures} failed (${summary[n].expectedFailures} listed exceptions), ${r.stats.pending} pending, ${summary[n].seconds} s`,
      );
      for (const f of unexpected) {
        failed = true;
        log(`  FAIL ${f.title}\n       ${String(f.err ?? '').split('\n')[0]}`);
      }
      for (const t of stale) {
        failed = true;
        log(`  NOW PASSES (remove it from test/w3c/expectations.json): ${t}`);
      }
      for (const t of missing) {
        failed = true;
        log(`  LISTED BUT NOT RUN (remove or update it in test/w3c/expectations.json): ${t}`);
      }
    }
  } finally {
    serve.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));
  }
  const total = Math.round((Date.now() - started) / 100) / 10;
  log(`done in ${total} s (install ${Math.round((installed - started) / 100) / 10} s)`);
  writeFileSync(
    path.join(WORK, 'summary.json'),
    JSON.stringify({ summary, seconds: total }, null, 2),
  );
  if (!keep) {
    for (const f of [
      'token',
      'tls-key.pem',
      ...readdirSync(out).filter((f) => f.startsWith('key-')),
    ]) {
      rmSync(path.join(out, f), { force: true });
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => die(e?.stack ?? String(e)));
