// Cold start: new processes that load the built package and do one thing, timed against a
// bare `node` started the same way, the runs of every case interleaved so that a busy machine
// slows them alike. Used by bench/run.mjs; on its own (after `npm run build`):
//
//   node bench/cold-start.mjs              11 rounds
//   node bench/cold-start.mjs --runs 31    more rounds
//   npm run bench -- --only cold-start     the same, through the benchmark
//   node bench/cold-start.mjs --floor      also two variants the package does not ship, to
//                                          measure what the file layout costs (see
//                                          docs/cold-start.md): verify's up-front code as one
//                                          file, and that with node:crypto in WebCrypto's place
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** A badge signed by a did:key issuer (eddsa-rdfc-2022), made with the built package. */
async function signedBadge() {
  const lib = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);
  const key = await lib.generateKeyPair({ seed: new Uint8Array(32).fill(7) });
  const { did, keyPair } = lib.createDidKey(key);
  const credential = lib.createOpenBadgeCredential({
    id: 'urn:uuid:0f0c4b4e-7d0a-4a55-8e4f-6f2d9c1b3a21',
    name: 'Teamwork',
    issuer: { id: did, type: ['Profile'], name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:learner-42',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/teamwork',
        type: ['Achievement'],
        name: 'Teamwork',
        description: 'Works well in a team.',
        criteria: { narrative: 'Nominated by three peers.' },
      },
    },
  });
  return lib.signCredential(credential, { key: keyPair, created: '2024-01-01T00:00:00Z' });
}

/** The expression a case script reads the badge with (`<tmp>/cred.json`). */
function readCredential(tmp) {
  return `JSON.parse(readFileSync(${JSON.stringify(path.join(tmp, 'cred.json'))}, 'utf8'))`;
}

/** Write `body` as `<tmp>/<name>.mjs`; the arguments that run it with `node`. */
function scriptArgs(tmp, name, body) {
  const file = path.join(tmp, `${name}.mjs`);
  fs.writeFileSync(file, body);
  return [file];
}

/** The cases: a script (run with `node`) or the CLI with arguments. */
function cases(tmp) {
  const url = (p) => JSON.stringify(pathToFileURL(path.join(root, p)).href);
  const script = (name, body) => scriptArgs(tmp, name, body);
  const read = readCredential(tmp);
  return [
    { id: 'node', name: 'bare `node` (an empty script)', args: script('empty', '') },
    {
      id: 'proof',
      name: 'import `ob3kit/proof`, verifyCredentialProof one badge',
      args: script(
        'proof',
        `import { readFileSync } from 'node:fs';\n` +
          `const { verifyCredentialProof } = await import(${url('dist/proof/index.js')});\n` +
          `const r = await verifyCredentialProof(${read});\n` +
          `if (!r.verified) process.exit(3);\n`,
      ),
    },
    {
      id: 'verify',
      name: 'import `ob3kit/verify`, verify() one badge (every check)',
      args: script(
        'verify',
        `import { readFileSync } from 'node:fs';\n` +
          `const { verify } = await import(${url('dist/verify/index.js')});\n` +
          `const r = await verify(${read}, { now: new Date('2025-01-01T00:00:00Z') });\n` +
          `if (r.verdict === 'invalid') process.exit(3);\n`,
      ),
    },
    {
      id: 'root',
      name: 'import `ob3kit` (the root), verify() one badge',
      args: script(
        'root',
        `import { readFileSync } from 'node:fs';\n` +
          `const { verify } = await import(${url('dist/index.js')});\n` +
          `const r = await verify(${read}, { now: new Date('2025-01-01T00:00:00Z') });\n` +
          `if (r.verdict === 'invalid') process.exit(3);\n`,
      ),
    },
    {
      id: 'version',
      name: '`ob3kit --version`',
      args: [path.join(root, 'dist/cli/main.js'), '--version'],
    },
    { id: 'help', name: '`ob3kit --help`', args: [path.join(root, 'dist/cli/main.js'), '--help'] },
  ];
}

/**
 * Variants the package does not ship, for comparison: everything `ob3kit/verify` loads up front
 * bundled into one file by Rollup (its on-demand parts stay separate files), run as is and with
 * Node's own `node:crypto` standing in for WebCrypto (the digest, Ed25519 key import and
 * verification one badge needs). A verdict other than valid fails the run, so the stand-in is
 * checked by the run itself.
 */
async function floorCases(tmp) {
  const read = readCredential(tmp);
  const { rollup } = await import('rollup');
  const bare = (id) => !id.startsWith('.') && !path.isAbsolute(id);
  const bundle = await rollup({
    input: path.join(root, 'dist/verify/index.js'),
    external: bare,
    logLevel: 'silent',
  });
  const out = path.join(tmp, 'one-file');
  await bundle.write({ dir: out, format: 'es', entryFileNames: '[name].mjs' });
  await bundle.close();
  const entry = JSON.stringify(pathToFileURL(path.join(out, 'index.mjs')).href);
  const standIn = path.join(tmp, 'node-crypto.mjs');
  fs.writeFileSync(
    standIn,
    "import { createHash, createPublicKey, verify } from 'node:crypto';\n" +
      'const subtle = {\n' +
      "  async digest(a, d) { return createHash(a === 'SHA-256' ? 'sha256' : 'sha384').update(d).digest(); },\n" +
      "  async importKey(f, k) { if (f !== 'raw') throw new Error(f); return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(k).toString('base64url') }, format: 'jwk' }); },\n" +
      '  async verify(a, k, s, d) { return verify(null, d, k, s); },\n' +
      '};\n' +
      "Object.defineProperty(globalThis, 'crypto', { value: { subtle }, configurable: true });\n",
  );
  const body =
    `const { verify } = await import(${entry});\n` +
    `const r = await verify(${read}, { now: new Date('2025-01-01T00:00:00Z') });\n` +
    `if (r.verdict !== 'valid') process.exit(3);\n`;
  const script = (name, body) => scriptArgs(tmp, name, body);
  return [
    {
      id: 'one-file',
      name: 'not shipped: `ob3kit/verify` with its up-front code as one file, verify() one badge',
      args: script('one-file', `import { readFileSync } from 'node:fs';\n${body}`),
    },
    {
      id: 'one-file-node-crypto',
      name: 'not shipped: the same, with `node:crypto` standing in for WebCrypto',
      args: script(
        'one-file-node-crypto',
        `import { readFileSync } from 'node:fs';\nimport ${JSON.stringify(pathToFileURL(standIn).href)};\n${body}`,
      ),
    },
  ];
}

/**
 * Median wall time and CPU time (ms) of each case over `runs` interleaved rounds, and each
 * case's times over the bare `node` medians. `floor`: add the {@link floorCases}.
 */
export async function measureColdStart({ runs = 11, floor = false } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ob3kit-cold-'));
  try {
    fs.writeFileSync(path.join(tmp, 'cred.json'), JSON.stringify(await signedBadge()));
    const list = cases(tmp);
    if (floor) {
      try {
        list.splice(3, 0, ...(await floorCases(tmp)));
      } catch (e) {
        console.error(`  (the layouts not shipped are skipped: ${e.message})`);
      }
    }
    // Each process reports the CPU time it used (all its threads) when it exits: a busy
    // machine inflates that far less than the wall time.
    const cpuHook = path.join(tmp, 'cpu.mjs');
    fs.writeFileSync(
      cpuHook,
      "import { writeSync } from 'node:fs';\n" +
        "process.on('exit', () => { const u = process.cpuUsage(); " +
        "writeSync(2, '\\n' + JSON.stringify({ cpuMs: (u.user + u.system) / 1000 }) + '\\n'); });\n",
    );
    const wall = new Map(list.map((c) => [c.id, []]));
    const cpu = new Map(list.map((c) => [c.id, []]));
    for (let round = 0; round < runs + 1; round++) {
      for (const c of list) {
        const t0 = performance.now();
        const r = spawnSync(
          process.execPath,
          ['--import', pathToFileURL(cpuHook).href, ...c.args],
          {
            stdio: ['ignore', 'ignore', 'pipe'],
            encoding: 'utf8',
          },
        );
        const ms = performance.now() - t0;
        if (r.status !== 0) {
          throw new Error(`cold start case "${c.name}" failed (exit ${r.status}): ${r.stderr}`);
        }
        if (round === 0) continue; // round 0 warms the file system cache
        wall.get(c.id).push(ms);
        cpu.get(c.id).push(JSON.parse(r.stderr.trim().split('\n').pop() ?? '').cpuMs);
      }
    }
    const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const bare = median(wall.get('node'));
    const bareCpu = median(cpu.get('node'));
    return {
      runs,
      load_average: os.loadavg()[0],
      bare_node_ms: bare,
      bare_node_cpu_ms: bareCpu,
      cases: list.map((c) => ({
        id: c.id,
        name: c.name,
        ms: median(wall.get(c.id)),
        min_ms: Math.min(...wall.get(c.id)),
        over_bare_node_ms: median(wall.get(c.id)) - bare,
        cpu_ms: median(cpu.get(c.id)),
        cpu_over_bare_node_ms: median(cpu.get(c.id)) - bareCpu,
      })),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The figures as a Markdown table. */
export function coldStartTable(result) {
  const f = (x) => x.toFixed(0);
  return [
    '| new process | wall (ms, median) | over bare `node` | CPU (ms, median) | over bare `node` |',
    '|---|---:|---:|---:|---:|',
    ...result.cases.map((c) => {
      const bare = c.id === 'node';
      return `| ${c.name} | ${f(c.ms)} | ${bare ? '—' : f(c.over_bare_node_ms)} | ${f(c.cpu_ms)} | ${bare ? '—' : f(c.cpu_over_bare_node_ms)} |`;
    }),
  ].join('\n');
}

export async function main(argv = process.argv.slice(2)) {
  if (!fs.existsSync(path.join(root, 'dist/cli/main.js'))) {
    console.error('cold-start: dist/ does not exist; run `npm run build` first');
    return 2;
  }
  const at = argv.indexOf('--runs');
  const runs = at === -1 ? 11 : Number(argv[at + 1]);
  const result = await measureColdStart({ runs, floor: argv.includes('--floor') });
  console.log(
    `Cold start, ${runs} interleaved rounds (Node ${process.version}, load average ${result.load_average.toFixed(1)})\n`,
  );
  console.log(coldStartTable(result));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
