// ob3kit benchmark: ob3kit and the reference stack side by side on the same inputs, in one run.
// Every figure is reported as a ratio to a raw node:crypto Ed25519 verify (or sign) timed in the
// same run, and as ob3kit / reference. Medians over repeated rounds.
// Usage: npm run bench   (builds first; writes bench/results.json and docs/performance.md)
//        node bench/run.mjs --quick   (short rounds, 10,000 verifications for memory)
//        node bench/run.mjs --only=minimal,cold   (only those cases, printed, nothing written;
//          cases: minimal, full, vc11, ecdsa, jwt, status, status-check, batch, cold, memory)
//        node bench/run.mjs --only poison   (after npm run build: the hostile inputs alone,
//                                            printed and written to bench/poison.json)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { coldStartTable, measureColdStart } from './cold-start.mjs';
import { inputs } from './inputs.mjs';
import { poisonSection, runPoison } from './poison.mjs';
import { referenceSuite } from './reference.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const quick = process.argv.includes('--quick');
// `--only=a,b` (or `--only a,b`): those cases alone. `--only cold-start`: the package cold-start
// case alone, printed, nothing written.
const onlyAt = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
const onlyArg =
  onlyAt === -1
    ? undefined
    : process.argv[onlyAt] === '--only'
      ? process.argv[onlyAt + 1]
      : process.argv[onlyAt].slice('--only='.length);
if (onlyAt !== -1 && !onlyArg) {
  console.error('bench: --only takes a comma-separated list of cases');
  process.exit(2);
}
const only = onlyArg?.split(',');
if (only?.length === 1 && only[0] === 'poison') {
  console.log('case poison (each in a fresh process)');
  const poison = runPoison(path.join(root, 'dist'));
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    load_average: os.loadavg()[0],
    poison,
  };
  fs.writeFileSync(path.join(here, 'poison.json'), `${JSON.stringify(out, null, 2)}\n`);
  // Replace (or add) the Hostile inputs section of docs/performance.md, nothing else.
  const docPath = path.join(root, 'docs/performance.md');
  const doc = fs.readFileSync(docPath, 'utf8');
  const section = `${poisonSection(poison, out.load_average)}\n\n`;
  const start = doc.indexOf('## Hostile inputs');
  const end = doc.indexOf('Raw numbers:');
  fs.writeFileSync(
    docPath,
    start >= 0
      ? doc.slice(0, start) + section + doc.slice(end)
      : doc.slice(0, end) + section + doc.slice(end),
  );
  console.log('\nwrote bench/poison.json and the Hostile inputs section of docs/performance.md');
  process.exit(0);
}
if (only?.length === 1 && only[0] === 'cold-start') {
  const { main } = await import('./cold-start.mjs');
  process.exit(await main(quick ? ['--runs', '5'] : []));
}
/** Whether a case runs (all of them unless --only names some). */
const want = (name) => only === undefined || only.includes(name);
const ROUNDS = quick ? 3 : 9;
const MIN_ROUND_MS = quick ? 60 : 250;

/** Median per-operation time (ms) of `fn` over ROUNDS rounds of at least MIN_ROUND_MS each. */
async function time(fn) {
  await fn();
  await fn();
  const perOp = [];
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < MIN_ROUND_MS) {
      await fn();
      n++;
      t = performance.now();
    }
    perOp.push((t - t0) / n);
  }
  perOp.sort((a, b) => a - b);
  return perOp[Math.floor(perOp.length / 2)];
}

function fmt(x, digits = 2) {
  return x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}

const sub = async (name) => import(path.join(root, `dist/${name}/index.js`)).catch(() => ({}));
const proof = await sub('proof');
const keys = await sub('keys');
const schema = await sub('schema');
const status = await sub('status');
const bake = await sub('bake');
const verifyMod = await sub('verify');
const jwtMod = await import(path.join(root, 'dist/proof/jwt/index.js')).catch(() => proof);

// Raw baselines: one Ed25519 signature with node:crypto.
const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
const msg = crypto.randomBytes(64);
const sig = crypto.sign(null, msg, privateKey);
const rawVerify = await time(() => crypto.verify(null, msg, publicKey, sig));
const rawSign = await time(() => crypto.sign(null, msg, privateKey));

const issuerId = 'https://example.edu/issuers/565049';
const seed = new Uint8Array(32).fill(42);
const ref = await referenceSuite({ seed, issuerId });

// The same key for ob3kit, imported from the reference key's Multikey export.
const exportedRef = await ref.keyPair.export({
  publicKey: true,
  secretKey: true,
  includeContext: false,
});
const ob3Key = keys.importKeyPair
  ? keys.importKeyPair({ ...exportedRef, id: ref.keyPair.id })
  : undefined;
const controllerDocs = { [issuerId]: ref.controllerDoc };

const rows = [];
function row(name, ob3Ms, refMs, base) {
  rows.push({
    name,
    ob3kit_ms: ob3Ms,
    reference_ms: refMs,
    ob3kit_x_raw: ob3Ms === undefined ? undefined : ob3Ms / base,
    reference_x_raw: refMs === undefined ? undefined : refMs / base,
    ob3kit_over_reference: ob3Ms === undefined || refMs === undefined ? undefined : ob3Ms / refMs,
  });
}

async function safeTime(fn) {
  try {
    await fn();
    return await time(fn);
  } catch (e) {
    console.error(`  (skipped: ${e.message})`);
    return undefined;
  }
}

for (const [label, credential] of Object.entries(inputs({ issuerId }))) {
  if (!credential || !want(label)) continue;
  console.log(`case ${label}`);
  const refSigned = await ref.sign(credential);
  const refVerify = await safeTime(async () => {
    const r = await ref.verify(refSigned);
    if (!r.verified) throw new Error('reference failed to verify');
  });
  const refSign = await safeTime(() => ref.sign(credential));
  let ob3Verify;
  let ob3Sign;
  let ob3SignUnchecked;
  if (proof.signCredential && proof.verifyCredentialProof && ob3Key) {
    const opts = { documents: controllerDocs };
    // Without the checks before signing (data model, Open Badges rules, key binding), then with.
    ob3SignUnchecked = await safeTime(() =>
      proof.signCredential(credential, {
        key: ob3Key,
        created: '2024-01-01T00:00:00Z',
        validate: false,
        checkIssuer: false,
      }),
    );
    ob3Sign = await safeTime(() =>
      proof.signCredential(credential, { key: ob3Key, created: '2024-01-01T00:00:00Z' }),
    );
    ob3Verify = await safeTime(async () => {
      const r = await proof.verifyCredentialProof(refSigned, opts);
      if (!r.verified) throw new Error(`ob3kit failed to verify: ${JSON.stringify(r.issues)}`);
    });
  }
  row(`verify (${label})`, ob3Verify, refVerify, rawVerify);
  row(`sign (${label})`, ob3Sign, refSign, rawSign);
  row(`sign, validate: false (${label})`, ob3SignUnchecked, undefined, rawSign);
  if (verifyMod.verify) {
    const full = await safeTime(() =>
      verifyMod.verify(refSigned, {
        documents: controllerDocs,
        now: new Date('2025-01-01T00:00:00Z'),
      }),
    );
    row(`verify() full pipeline (${label})`, full, undefined, rawVerify);
  }
  if (schema.validateCredential) {
    const v = await safeTime(() => schema.validateCredential(credential));
    row(`schema validation (${label})`, v, undefined, rawVerify);
  }
  if (bake.bakeBadge && bake.unbakeBadge) {
    const png = inputs.png();
    const baked = await bake.bakeBadge(png, refSigned);
    row(
      `bake PNG (${label})`,
      await safeTime(() => bake.bakeBadge(png, refSigned)),
      undefined,
      rawVerify,
    );
    row(
      `unbake PNG (${label})`,
      await safeTime(() => bake.unbakeBadge(baked)),
      undefined,
      rawVerify,
    );
  }
}

// ecdsa-rdfc-2019 (P-256): ob3kit only (verify through WebCrypto, sign with RFC 6979 nonces).
let rawP256Verify;
if (want('ecdsa') && proof.signCredential && proof.verifyCredentialProof && keys.generateKeyPair) {
  console.log('case ecdsa-rdfc-2019');
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecSig = crypto.sign('sha256', msg, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
  rawP256Verify = await time(() =>
    crypto.verify('sha256', msg, { key: ec.publicKey, dsaEncoding: 'ieee-p1363' }, ecSig),
  );
  const p256Key = await keys.generateKeyPair({ type: 'P-256', controller: issuerId });
  const p256Docs = {
    [issuerId]: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: issuerId,
      verificationMethod: [p256Key.toJSON()],
      assertionMethod: [p256Key.id],
    },
  };
  const credential = inputs({ issuerId }).minimal;
  const opts = { key: p256Key, suite: 'ecdsa-rdfc-2019', created: '2024-01-01T00:00:00Z' };
  const signedEc = await proof.signCredential(credential, opts);
  row(
    'verify ecdsa-rdfc-2019, P-256 (minimal)',
    await safeTime(async () => {
      const r = await proof.verifyCredentialProof(signedEc, { documents: p256Docs });
      if (!r.verified) throw new Error(`P-256 verify failed: ${JSON.stringify(r.issues)}`);
    }),
    undefined,
    rawVerify,
  );
  row(
    'sign ecdsa-rdfc-2019, P-256 (minimal)',
    await safeTime(() => proof.signCredential(credential, opts)),
    undefined,
    rawSign,
  );
}

// P-384 and the JCS suites: ob3kit only (the reference's JCS cryptosuites are test oracles).
if (want('suites') && proof.signCredential && proof.verifyCredentialProof && keys.generateKeyPair) {
  console.log('case P-384 and JCS');
  const credential = inputs({ issuerId }).minimal;
  for (const [type, suite] of [
    ['P-384', 'ecdsa-rdfc-2019'],
    ['Ed25519', 'eddsa-jcs-2022'],
    ['P-256', 'ecdsa-jcs-2019'],
    ['P-384', 'ecdsa-jcs-2019'],
  ]) {
    const key = await keys.generateKeyPair({ type, controller: issuerId });
    const docs = {
      [issuerId]: {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: issuerId,
        verificationMethod: [key.toJSON()],
        assertionMethod: [key.id],
      },
    };
    const opts = { key, suite, created: '2024-01-01T00:00:00Z' };
    const signed = await proof.signCredential(credential, opts);
    row(
      `verify ${suite}, ${type} (minimal)`,
      await safeTime(async () => {
        const r = await proof.verifyCredentialProof(signed, { documents: docs });
        if (!r.verified) throw new Error(`${suite} verify failed: ${JSON.stringify(r.issues)}`);
      }),
      undefined,
      rawVerify,
    );
    row(
      `sign ${suite}, ${type} (minimal)`,
      await safeTime(() => proof.signCredential(credential, opts)),
      undefined,
      rawSign,
    );
  }
}

if (want('jwt') && jwtMod.signCredentialJwt && jwtMod.verifyCredentialJwt && ob3Key) {
  console.log('case jwt');
  const credential = inputs({ issuerId }).minimal;
  const jwt = await jwtMod.signCredentialJwt(credential, { key: ob3Key });
  const jwtVerify = await safeTime(async () => {
    const r = await jwtMod.verifyCredentialJwt(jwt, { documents: controllerDocs });
    if (!r.verified) throw new Error(`jwt verify failed: ${JSON.stringify(r.issues)}`);
  });
  row('JWT verify (minimal)', jwtVerify, undefined, rawVerify);
}

if (
  want('status') &&
  status.createStatusList &&
  status.encodeStatusList &&
  status.decodeStatusList
) {
  console.log('case status');
  const list = status.createStatusList({ length: 131072, purpose: 'revocation' });
  status.setStatus(list, 4242, true);
  const encoded = await status.encodeStatusList(list);
  row(
    'status list decode + lookup (131,072)',
    await safeTime(async () => {
      const l = await status.decodeStatusList(encoded);
      status.getStatus(l, 4242);
    }),
    undefined,
    rawVerify,
  );
}

if (
  want('status-check') &&
  status.checkStatus &&
  status.createStatusListCredential &&
  status.createStatusEntry &&
  ob3Key
) {
  console.log('case status check');
  const listUrl = 'https://example.edu/status/1';
  const list = status.createStatusList({ length: 131072, purpose: 'revocation' });
  status.setStatus(list, 4242, true);
  const listCredential = await proof.signCredential(
    await status.createStatusListCredential({ id: listUrl, issuer: issuerId, list }),
    { key: ob3Key, created: '2024-01-01T00:00:00Z' },
  );
  const credential = {
    ...inputs({ issuerId }).minimal,
    credentialStatus: status.createStatusEntry({
      statusListCredential: listUrl,
      index: 4242,
      purpose: 'revocation',
    }),
  };
  row(
    'status check, signed 131,072-entry list (list proof verified)',
    await safeTime(async () => {
      const r = await status.checkStatus(credential, {
        documents: { [listUrl]: listCredential, ...controllerDocs },
        now: new Date('2025-01-01T00:00:00Z'),
      });
      if (!r.revoked) throw new Error(`status check did not report revoked: ${JSON.stringify(r)}`);
    }),
    undefined,
    rawVerify,
  );
}

// Batch verification on every core: the same verifications on 1 worker, then on one worker a
// core (worker_threads), steady state (workers warmed up before the clock starts).
const batch = {};
if (want('batch') && proof.verifyCredentialProof && ob3Key) {
  console.log('case batch');
  const all = inputs({ issuerId });
  const credentials = [await ref.sign(all.minimal), await ref.sign(all.minimal)];
  const total = quick ? 400 : 4000;
  async function runWorkers(n) {
    const workers = Array.from(
      { length: n },
      () =>
        new Worker(path.join(here, 'verify-worker.mjs'), {
          workerData: {
            distProof: path.join(root, 'dist/proof/index.js'),
            credentials,
            documents: controllerDocs,
            count: Math.ceil(total / n),
            concurrency: 8,
          },
        }),
    );
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const results = await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
            w.postMessage('go');
          }),
      ),
    );
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await Promise.all(workers.map((w) => w.terminate()));
    if (results.some((r) => r.failed)) throw new Error('batch: a verification failed');
    // CPU time of every thread of this process (workers and crypto threads) over wall time.
    return {
      perSecond: (Math.ceil(total / n) * n * 1000) / wall,
      coresBusy: (cpu.user + cpu.system) / 1000 / wall,
    };
  }
  try {
    batch.cores = os.cpus().length;
    batch.verifications = total;
    // Three alternating runs of each configuration, the median kept: other processes on a
    // shared machine only ever slow a run down.
    const ones = [];
    const alls = [];
    for (let i = 0; i < 3; i++) {
      ones.push(await runWorkers(1));
      alls.push(await runWorkers(batch.cores));
    }
    const median = (runs) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[1];
    const one = median(ones);
    const all = median(alls);
    batch.one_worker_per_s = one.perSecond;
    batch.one_worker_cores_busy = one.coresBusy;
    batch.all_cores_per_s = all.perSecond;
    batch.all_cores_cores_busy = all.coresBusy;
    batch.speedup = all.perSecond / one.perSecond;
    batch.load_average = os.loadavg()[0];
  } catch (e) {
    console.error(`  (batch skipped: ${e.message})`);
  }
}

// Cold start: a new process that imports the library and verifies one credential.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ob3kit-bench-'));
const signedForCold = await ref.sign(inputs({ issuerId }).minimal);
fs.writeFileSync(path.join(tmp, 'cred.json'), JSON.stringify(signedForCold));
fs.writeFileSync(path.join(tmp, 'controller.json'), JSON.stringify(ref.controllerDoc));
const coldOb3 = `
import fs from 'node:fs';
const t0 = performance.now();
const { verifyCredentialProof } = await import(${JSON.stringify(path.join(root, 'dist/proof/index.js'))});
const cred = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(tmp, 'cred.json'))}, 'utf8'));
const ctl = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(tmp, 'controller.json'))}, 'utf8'));
const r = await verifyCredentialProof(cred, { documents: { [ctl.id]: ctl } });
if (!r.verified) process.exit(3);
`;
const coldRef = `
const { referenceSuite } = await import(${JSON.stringify(path.join(here, 'reference.mjs'))});
import fs from 'node:fs';
const cred = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(tmp, 'cred.json'))}, 'utf8'));
const s = await referenceSuite({ seed: new Uint8Array(32).fill(42), issuerId: ${JSON.stringify(issuerId)} });
const r = await s.verify(cred);
if (!r.verified) process.exit(3);
`;
fs.writeFileSync(path.join(tmp, 'cold-ob3.mjs'), coldOb3);
fs.writeFileSync(path.join(tmp, 'cold-ref.mjs'), coldRef);
function wall(script) {
  const times = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const t0 = performance.now();
    try {
      execFileSync(process.execPath, [script], { stdio: 'ignore' });
    } catch {
      return undefined;
    }
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
const nodeOnly = path.join(tmp, 'empty.mjs');
fs.writeFileSync(nodeOnly, '');
if (want('cold')) {
  console.log('case cold start');
  const coldNode = wall(nodeOnly);
  const coldO = proof.verifyCredentialProof ? wall(path.join(tmp, 'cold-ob3.mjs')) : undefined;
  const coldR = wall(path.join(tmp, 'cold-ref.mjs'));
  rows.push({
    name: 'cold start: new process, import + verify one (wall ms)',
    ob3kit_ms: coldO,
    reference_ms: coldR,
    ob3kit_over_reference: coldO && coldR ? coldO / coldR : undefined,
    note: `bare node startup ${fmt(coldNode, 0)} ms, ob3kit's own share ${fmt(coldO === undefined ? undefined : coldO - coldNode, 0)} ms`,
  });
}

// Cold start of the package as users load it: a module and one operation, the CLI's --version
// and --help, against a bare `node`, interleaved.
let coldStart;
if (want('cold-start')) {
  console.log('case cold start (package)');
  try {
    coldStart = await measureColdStart({ runs: quick ? 5 : 11, floor: true });
  } catch (e) {
    console.error(`  (cold start skipped: ${e.message})`);
  }
}
const coldCase = (id) => coldStart?.cases.find((c) => c.id === id);

// Memory: heapUsed (after full GCs) before and after many verifications, in a child process.
let memory;
if (want('memory') && proof.verifyCredentialProof) {
  console.log('case memory');
  const n = quick ? 10_000 : 100_000;
  try {
    const out = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        path.join(here, 'memory.mjs'),
        String(n),
        tmp,
        path.join(root, 'dist/proof/index.js'),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    memory = JSON.parse(out);
  } catch (e) {
    console.error(`  (memory skipped: ${e.message})`);
  }
}

// Hostile inputs within the default limits, each in a fresh process (time and peak memory).
let poison;
if (want('poison')) {
  console.log('case poison (each in a fresh process)');
  poison = runPoison(path.join(root, 'dist'));
}

if (only !== undefined) {
  // Some cases only: print them, write nothing (the published figures come from a full run).
  for (const r of rows) {
    const x = (v) => (v === undefined ? '' : ` (${fmt(v, 2)}x raw)`);
    console.log(
      `${r.name}: ob3kit ${fmt(r.ob3kit_ms, 3)} ms${x(r.ob3kit_x_raw)}, reference ${fmt(r.reference_ms, 3)} ms${r.note ? `; ${r.note}` : ''}`,
    );
  }
  console.log(`raw Ed25519 verify ${fmt(rawVerify, 4)} ms (node:crypto)`);
  process.exit(0);
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  rounds: ROUNDS,
  raw_ed25519_verify_ms: rawVerify,
  raw_ed25519_sign_ms: rawSign,
  raw_p256_verify_ms: rawP256Verify,
  rows,
  batch,
  memory,
  cold_start: coldStart,
  poison,
};
fs.writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const table = [
  '| operation | ob3kit (ms) | reference (ms) | ob3kit / raw | reference / raw | ob3kit / reference |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(r.ob3kit_ms, 3)} | ${fmt(r.reference_ms, 3)} | ${fmt(r.ob3kit_x_raw, 1)} | ${fmt(r.reference_x_raw, 1)} | ${fmt(r.ob3kit_over_reference, 3)} |`,
  ),
].join('\n');
console.log(
  `\nraw Ed25519 verify ${fmt(rawVerify, 4)} ms, raw sign ${fmt(rawSign, 4)} ms (node:crypto)\n`,
);
console.log(table);
const mb = (b) => (b / 1024 / 1024).toFixed(2);
const extra = [
  batch.all_cores_per_s
    ? `Batch verification (\`worker_threads\`, ${batch.verifications} verifications of the minimal badge, steady state): ` +
      `${fmt(batch.one_worker_per_s, 0)}/s on 1 worker (${fmt(batch.one_worker_cores_busy, 2)} cores busy), ` +
      `${fmt(batch.all_cores_per_s, 0)}/s on ${batch.cores} workers (${fmt(batch.all_cores_cores_busy, 2)} cores busy), ` +
      `${fmt(batch.speedup, 2)}x; 8 verifications in flight a worker; machine load average ${fmt(batch.load_average, 1)}.`
    : 'Batch verification: not measured.',
  memory
    ? `Memory over ${memory.n.toLocaleString('en-US')} verifications (heapUsed after full GC): ` +
      `${mb(memory.before)} MB before, ${mb(memory.after)} MB after, delta ${mb(memory.delta)} MB ` +
      `(${fmt(memory.ms / memory.n, 3)} ms a verification).`
    : 'Memory: not measured.',
].join('\n\n');
console.log(`\n${extra}`);
const find = (name) => rows.find((r) => r.name === name);
const vMin = find('verify (minimal)');
const sMin = find('sign (minimal)');
const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**missed**');
const targets = [
  '| target | measured | |',
  '|---|---|---|',
  `| verify a typical badge ≤ 3× a raw Ed25519 verify | ${fmt(vMin?.ob3kit_x_raw, 1)}× | ${verdict(vMin?.ob3kit_x_raw === undefined ? undefined : vMin.ob3kit_x_raw <= 3)} |`,
  `| verify ≥ 12× faster than the reference | ${fmt(vMin && vMin.reference_ms / vMin.ob3kit_ms, 1)}× | ${verdict(vMin?.ob3kit_ms === undefined ? undefined : vMin.reference_ms / vMin.ob3kit_ms >= 12)} |`,
  `| sign ≤ 4× a raw Ed25519 sign | ${fmt(sMin?.ob3kit_x_raw, 1)}× | ${verdict(sMin?.ob3kit_x_raw === undefined ? undefined : sMin.ob3kit_x_raw <= 4)} |`,
  `| cold start (new process: import + verify one) within 30 ms of a bare \`node\` | ${fmt(coldCase('proof')?.over_bare_node_ms, 0)} ms over (${fmt(coldCase('proof')?.ms, 0)} ms; bare \`node\` ${fmt(coldStart?.bare_node_ms, 0)} ms); whole \`verify()\`: ${fmt(coldCase('verify')?.over_bare_node_ms, 0)} ms over (its up-front code as one file, not shipped: ${fmt(coldCase('one-file')?.over_bare_node_ms, 0)} ms, [cold-start.md](cold-start.md#the-floor-why-the-target-is-out-of-reach)) | ${verdict(coldCase('verify') === undefined ? undefined : coldCase('verify').over_bare_node_ms <= 30)} |`,
  `| \`ob3kit --version\` and \`--help\` < 150 ms | ${fmt(coldCase('version')?.ms, 0)} ms and ${fmt(coldCase('help')?.ms, 0)} ms | ${verdict(coldCase('help') === undefined ? undefined : coldCase('version').ms < 150 && coldCase('help').ms < 150)} |`,
  `| batch verification uses every core | ${fmt(batch.all_cores_cores_busy, 2)} of ${batch.cores ?? '?'} cores busy, ${fmt(batch.speedup, 2)}× the throughput of 1 worker | ${verdict(batch.all_cores_cores_busy === undefined ? undefined : batch.all_cores_cores_busy >= 0.8 * (batch.cores ?? 1))} |`,
  `| memory flat over ${memory ? memory.n.toLocaleString('en-US') : '100,000'} verifications | ${memory ? `${mb(memory.delta)} MB` : 'n/a'} | ${verdict(memory === undefined ? undefined : memory.delta < 4 * 1024 * 1024)} |`,
].join('\n');
const doc = `# Performance

ob3kit verifies and signs Open Badges at close to the cost of the signature itself. This page
says how, and what \`npm run bench\` measured on this machine.

## How

- **Compiled contexts.** The bundled JSON-LD contexts (VC 1.1 and 2.0, OB 3.0.x with their
  property- and type-scoped contexts, Data Integrity, status lists, ...) are compiled once, on
  first use, into term-definition tables. Every derived context (a type-scoped context applied
  on top of another, a property-scoped one, an embedded credential's own \`@context\`) is
  cached on the table it came from, so a credential is expanded without processing any context.
- **A restricted, exact JSON-LD to RDF path** (\`src/jsonld/fast-quads.ts\`): documents whose
  contexts are all bundled, and whose terms and values stay within what those contexts need,
  go straight to RDF quads — the same quads, in the same order, with the same blank node labels
  as jsonld.js. Anything else (inline or unknown contexts, undefined terms, relative IRIs,
  keywords such as \`@value\`/\`@language\`/\`@list\` in the data, \`@json\` values, \`null\`,
  anything jsonld.js would drop or report in safe mode) goes to jsonld.js, which is then loaded
  with a dynamic \`import()\` and produces the result or the error. See
  [contexts.md](contexts.md#canonicalization).
- **RDFC-1.0 without a second library** (\`src/jsonld/fast-rdfc.ts\`): when every blank node
  has a unique first-degree hash, the canonical labels follow from sorting those hashes; only
  datasets with indistinguishable blank nodes load the N-degree step (\`rdfc-ndegree.ts\`), a
  port of rdf-canonize's with every step charged to a work budget.
- **Proven equal.** Differential tests (\`test/differential/\`) compare, on thousands of generated
  Open Badges credentials (VC 1.1 and 2.0, every OB 3.0 context, random optional fields,
  Unicode and control characters, numbers, nested results, alignments, evidence, endorsements,
  proofs and presentations) and on every spec example, ob3kit's N-Quads and canonical N-Quads
  with jsonld.js + rdf-canonize, byte for byte, and count how many took the fast path.
  \`OB3KIT_FUZZ_RUNS=5000 npx vitest run test/differential\` runs a bigger budget.
- **Native Ed25519 and P-256.** Key pairs sign and verify Ed25519, and verify P-256 (ECDSA,
  SHA-256), through WebCrypto (\`crypto.subtle\`, Node 20+ and current browsers; strict RFC 8032
  as OpenSSL), with \`@noble/curves\` only where the runtime lacks it; imported keys are cached.
  P-256 signing stays in \`@noble/curves\` (deterministic RFC 6979 nonces, so the W3C vectors
  are reproduced byte for byte).
- **A small start-up graph.** A verifier does not load \`@noble/curves\`: public keys are
  checked by a few lines of BigInt arithmetic of ob3kit's own (\`src/keys/ed25519-point.ts\`:
  canonical, not of small order; \`src/keys/ec-point.ts\`: P-256 and P-384 points on the curve;
  both tested against \`@noble/curves\`) and WebCrypto checks the signatures. The curves are
  imported on demand to sign, to derive a public key from a secret key, or where a runtime's
  WebCrypto lacks Ed25519 or ECDSA; they are then built from \`@noble/curves\`' generic Edwards
  and Weierstrass code (\`src/keys/curves.ts\`) instead of its \`ed25519.js\` and \`nist.js\` entry
  points, which also construct ristretto255, X25519, FROST, OPRF, hash-to-curve and P-521.
  jsonld.js, rdf-canonize and the schema validators are loaded only when needed; the bundled
  contexts are built as JSON text, parsed when first read (a verifier reads two or three of
  them); the validator chunks are built with short local names (a quarter smaller). The Data
  Integrity hashes of the canonical document and proof options are WebCrypto digests where the
  runtime has them: a new process would otherwise hash kilobytes with not yet optimized
  JavaScript.
- **One JSON-LD conversion for the check.** \`verify()\`'s JSON-LD safe-mode check converts the
  credential to RDF without serializing N-Quads; RDFC-1.0 labels a lone blank node without
  hashing it.

## Targets

${targets}

## Measurements

Measured by \`npm run bench\` (${results.date}, Node ${results.node}, ${results.cpus} cores, ${results.cpu}).
ob3kit and the reference stack (\`@digitalbazaar/vc\` 7 with \`eddsa-rdfc-2022\`, \`jsonld\` 9,
\`rdf-canonize\` 5) run on the same inputs in the same process. Each time is the median of
${ROUNDS} rounds. "/ raw" is the ratio to one raw \`node:crypto\` Ed25519 verify
(${fmt(rawVerify, 4)} ms) or sign (${fmt(rawSign, 4)} ms) timed in the same run (a raw
\`node:crypto\` P-256 verify: ${fmt(rawP256Verify, 4)} ms). Inputs: the
minimal badge, the specification's full example (\`fullOpenBadge\`, with its embedded
endorsements), a VC 1.1 credential, a VC-JWT, a 131,072-entry status list.
\`verify()\` is the whole verification pipeline (schema, JSON-LD safe mode, proof, issuer,
endorsements, ...), not only the proof.

${table}

${extra}

### Cold start

New processes, ${coldStart ? coldStart.runs : 'n/a'} interleaved rounds (\`node bench/cold-start.mjs --floor\`, or
\`npm run bench -- --only cold-start\` for this table alone without the two rows not shipped;
machine load average ${coldStart ? fmt(coldStart.load_average, 1) : 'n/a'}). The badge is an
eddsa-rdfc-2022 credential from a did:key issuer. CPU is the time the process used on all its
threads, which a busy machine inflates less than the wall time. The two rows marked "not
shipped" are layouts built for the comparison only
([the floor](cold-start.md#the-floor-why-the-target-is-out-of-reach)).

${coldStart ? coldStartTable(coldStart) : 'Not measured.'}

Where this time goes, what was changed to reduce it and what was measured but not taken:
[cold-start.md](cold-start.md).

## What limits the ratios

- **The WebCrypto round trip.** \`crypto.subtle\` is asynchronous: Node runs each Ed25519
  sign or verify on its libuv thread pool and resolves a promise on the next turn of the event
  loop. One verification in isolation therefore costs a raw \`node:crypto\` verify plus a thread
  hop (about 0.03 to 0.05 ms, measured on this machine with \`key.verify\` / \`key.sign\`
  against \`crypto.verify\` / \`crypto.sign\`), and the calling thread is idle meanwhile. The
  raw baseline is a synchronous \`node:crypto\` call, which runtime-agnostic library code cannot
  make. The sign target is the hardest: a raw Ed25519 sign (about 0.04 ms) is a third of a raw
  verify, so the two canonicalizations, two SHA-256 hashes and the thread hop weigh three times
  as much relative to it.
- **Batch throughput.** Because the signature work runs on the thread pool, a single worker with
  several verifications in flight already keeps about 1.6 of 2 cores busy; a second worker adds
  little on a 2-core machine (it helps when each worker verifies one credential at a time, and
  on machines with more cores).
- **Cold start** is mostly Node itself: the "own share" is the wall time above a bare \`node\`
  start, measured in the same run. What ob3kit adds is loading its modules (the schema
  validators of one VC version, not three; the JSON-LD contexts as text;
  \`fflate\` when a status list is read) and the first verification's one-time work (running its
  functions for the first time, processing the contexts it uses, Node's first WebCrypto call).
  The CLI's \`--version\` and \`--help\` load no command and none of the library.

${poisonSection(poison, os.loadavg()[0])}

Raw numbers: [\`bench/results.json\`](../bench/results.json). The machine is shared: absolute
times vary from run to run; the ratios, measured in the same run, vary much less.
`;
fs.writeFileSync(path.join(root, 'docs/performance.md'), doc);
console.log('\nwrote bench/results.json and docs/performance.md');
