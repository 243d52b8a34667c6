// ob3kit benchmark: ob3kit and the reference stack side by side on the same inputs, in one run.
// Every figure is reported as a ratio to a raw node:crypto Ed25519 verify (or sign) timed in the
// same run, and as ob3kit / reference. Medians over repeated rounds.
// Usage: npm run bench   (builds first; writes bench/results.json and docs/performance.md)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputs } from './inputs.mjs';
import { referenceSuite } from './reference.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const quick = process.argv.includes('--quick');
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
  if (label === 'vc11' || !credential) continue;
  console.log(`case ${label}`);
  const refSigned = await ref.sign(credential);
  const refVerify = await safeTime(async () => {
    const r = await ref.verify(refSigned);
    if (!r.verified) throw new Error('reference failed to verify');
  });
  const refSign = await safeTime(() => ref.sign(credential));
  let ob3Verify;
  let ob3Sign;
  if (proof.signCredential && proof.verifyCredentialProof && ob3Key) {
    const opts = { documents: controllerDocs };
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

if (jwtMod.signCredentialJwt && jwtMod.verifyCredentialJwt && ob3Key) {
  console.log('case jwt');
  const credential = inputs({ issuerId }).minimal;
  const jwt = await jwtMod.signCredentialJwt(credential, { key: ob3Key });
  const jwtVerify = await safeTime(async () => {
    const r = await jwtMod.verifyCredentialJwt(jwt, { documents: controllerDocs });
    if (!r.verified) throw new Error(`jwt verify failed: ${JSON.stringify(r.issues)}`);
  });
  row('JWT verify (minimal)', jwtVerify, undefined, rawVerify);
}

if (status.createStatusList && status.encodeStatusList && status.decodeStatusList) {
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

// Cold start: a new process that imports the library and verifies one credential.
console.log('case cold start');
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
const coldNode = wall(nodeOnly);
const coldO = proof.verifyCredentialProof ? wall(path.join(tmp, 'cold-ob3.mjs')) : undefined;
const coldR = wall(path.join(tmp, 'cold-ref.mjs'));
rows.push({
  name: 'cold start: new process, import + verify one (wall ms)',
  ob3kit_ms: coldO,
  reference_ms: coldR,
  ob3kit_over_reference: coldO && coldR ? coldO / coldR : undefined,
  note: `bare node startup ${fmt(coldNode, 0)} ms`,
});

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  rounds: ROUNDS,
  raw_ed25519_verify_ms: rawVerify,
  raw_ed25519_sign_ms: rawSign,
  rows,
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
const doc = `# Performance

Measured by \`npm run bench\` (${results.date}, Node ${results.node}, ${results.cpus} cores, ${results.cpu}).
ob3kit and the reference stack (\`@digitalbazaar/vc\` 7 with \`eddsa-rdfc-2022\`, \`jsonld\` 9,
\`rdf-canonize\` 5) run on the same inputs in the same process. Each time is the median of
${ROUNDS} rounds. "/ raw" is the ratio to one raw \`node:crypto\` Ed25519 verify
(${fmt(rawVerify, 4)} ms) or sign (${fmt(rawSign, 4)} ms) timed in the same run.

${table}

Raw numbers: [\`bench/results.json\`](../bench/results.json).
`;
fs.writeFileSync(path.join(root, 'docs/performance.md'), doc);
console.log('\nwrote bench/results.json and docs/performance.md');
