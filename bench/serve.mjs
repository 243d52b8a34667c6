// ob3kit serve benchmark: requests per second and latency percentiles for issuing and verifying
// an Open Badge through `ob3kit serve` (HTTP on loopback, keep-alive, concurrent clients), next
// to the same work in process (the VC-API handler called directly, and the library calls).
// Usage: npm run bench:serve   (builds first; writes bench/serve-results.json)
//        node bench/serve.mjs --quick   (2-second phases)
//        node bench/serve.mjs --connections 16 --seconds 10
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputs } from './inputs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const quick = argv.includes('--quick');
const SECONDS = opt('seconds', quick ? 2 : 6);
const WARMUP = quick ? 0.5 : 1.5;
const CONNECTIONS = opt('connections', 8);

const dist = (p) => path.join(root, 'dist', p);
if (!fs.existsSync(dist('cli/main.js'))) {
  console.error('build first: npm run build (npm run bench:serve does)');
  process.exit(2);
}
const keys = await import(dist('keys/index.js'));
const proofMod = await import(dist('proof/index.js'));
const verifyMod = await import(dist('verify/index.js'));
const serveMod = await import(dist('serve/index.js'));

const { did, keyPair } = keys.createDidKey(await keys.generateKeyPair());
const { minimal } = inputs({ issuerId: did });
const unsigned = structuredClone(minimal);
delete unsigned.id; // each issuance gets its own request body; the id stays out

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ob3kit-bench-serve-'));
fs.writeFileSync(
  path.join(tmp, 'key.json'),
  JSON.stringify(keys.exportKeyPair(keyPair, { includeSecret: true })),
  { mode: 0o600 },
);

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarise(latencies, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
  };
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

/** POST JSON over a keep-alive agent; resolves with the status. */
function post(agent, port, pathName, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathName,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `CONNECTIONS` clients in a loop for `seconds`; every answer must have `expected` status. */
async function load(port, pathName, body, expected, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  let wrong = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const status = await post(agent, port, pathName, body);
        latencies.push(performance.now() - t0);
        if (status !== expected) wrong++;
      }
    }),
  );
  agent.destroy();
  if (wrong) throw new Error(`${wrong} answers to ${pathName} were not ${expected}`);
  return latencies;
}

/** Sequential calls of `fn` for `seconds`. */
async function inProcess(fn, seconds) {
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const t0 = performance.now();
    await fn();
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

const port = await freePort();
const child = spawn(
  process.execPath,
  [
    dist('cli/main.js'),
    'serve',
    '--key',
    'key.json',
    '--port',
    String(port),
    '--rate-limit',
    '0',
    '--log',
    'off',
  ],
  { cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] },
);
await new Promise((resolve, reject) => {
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
    if (/listening on/.test(err)) resolve();
  });
  child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
});

const issueBody = JSON.stringify({ credential: unsigned });
const agent0 = new http.Agent({ keepAlive: true });
const issued = await new Promise((resolve, reject) => {
  const req = http.request(
    {
      host: '127.0.0.1',
      port,
      path: '/credentials/issue',
      method: 'POST',
      agent: agent0,
      headers: { 'content-type': 'application/json' },
    },
    (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve(JSON.parse(text).verifiableCredential));
    },
  );
  req.on('error', reject);
  req.end(issueBody);
});
agent0.destroy();
const verifyBody = JSON.stringify({ verifiableCredential: issued, options: { checks: ['proof'] } });

const loadBefore = os.loadavg()[0];
const results = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
  node: process.version,
  connections: CONNECTIONS,
  seconds: SECONDS,
  http: {},
  handler: {},
  library: {},
};
try {
  for (const [name, p, body, expected] of [
    ['issue', '/credentials/issue', issueBody, 201],
    ['verify', '/credentials/verify', verifyBody, 200],
  ]) {
    await load(port, p, body, expected, WARMUP);
    results.http[name] = summarise(await load(port, p, body, expected, SECONDS), SECONDS);
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

// In process: the same handler without HTTP, and the library calls themselves.
const handle = serveMod.createVcApiHandler({ issuers: [{ name: 'main', key: keyPair }] });
const req = (p, body) => ({
  method: 'POST',
  path: p,
  headers: { 'content-type': 'application/json' },
  body,
});
for (const [name, fn] of [
  ['issue', () => handle(req('/credentials/issue', issueBody))],
  ['verify', () => handle(req('/credentials/verify', verifyBody))],
]) {
  await inProcess(fn, WARMUP);
  results.handler[name] = summarise(await inProcess(fn, SECONDS), SECONDS);
}
for (const [name, fn] of [
  [
    'issue',
    // An Open Badge needs an id (the handler gives it one, as here); signing validates first.
    () =>
      proofMod.signCredential(
        { ...unsigned, id: `urn:uuid:${randomUUID()}`, issuer: { ...unsigned.issuer } },
        { key: keyPair },
      ),
  ],
  ['verify', () => verifyMod.verify(issued)],
]) {
  await inProcess(fn, WARMUP);
  results.library[name] = summarise(await inProcess(fn, SECONDS), SECONDS);
}
fs.rmSync(tmp, { recursive: true, force: true });

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const rows = [];
for (const op of ['issue', 'verify']) {
  for (const [label, r] of [
    [`through \`ob3kit serve\` (HTTP, ${CONNECTIONS} connections)`, results.http[op]],
    ['VC-API handler in process (sequential)', results.handler[op]],
    ['library call in process (sequential)', results.library[op]],
  ]) {
    rows.push(
      `| ${op} | ${label} | ${f(r.perSecond, 0)} | ${f(r.p50, 2)} | ${f(r.p90, 2)} | ${f(r.p99, 2)} |`,
    );
  }
}
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${results.machine}, Node ${process.version}; ${SECONDS} s a phase; load average ${loadBefore.toFixed(1)} at the start (other work on the machine).`,
  '',
  '| operation | path | requests/s | p50 ms | p90 ms | p99 ms |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  ...rows,
].join('\n');
console.log(table);
results.loadAverage = loadBefore;
fs.writeFileSync(path.join(here, 'serve-results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench/serve-results.json');
