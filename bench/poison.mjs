// Hostile inputs within the default limits: the worst we can construct for each bound, each
// run in a fresh process (`node bench/poison.mjs <case> <dist dir>`) so that its time and peak
// memory (maxRSS) are its own. Used by `node bench/run.mjs --only poison` and the full bench.
//
// Every input stays within the default limits (16 MiB, 100,000 JSON values, 4,096-item arrays,
// 100,000 quads, 1 MiB JWTs): what a verifier must accept to read and then refuse or verify.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const P = 'https://attacker.example/p';
const Q = 'https://attacker.example/q';

/** Edges of the RDF poison shapes (blank node names). */
const shapes = {
  chain: (n) => Array.from({ length: n - 1 }, (_, i) => [`${i}`, `${i + 1}`]),
  cycle: (n) => Array.from({ length: n }, (_, i) => [`${i}`, `${(i + 1) % n}`]),
  undirectedCycle: (n) =>
    Array.from({ length: n }, (_, i) => [
      [`${i}`, `${(i + 1) % n}`],
      [`${(i + 1) % n}`, `${i}`],
    ]).flat(),
  clique: (n) => {
    const out = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) out.push([`${i}`, `${j}`]);
    return out;
  },
  twoStars: (n) => [
    ...Array.from({ length: n >> 1 }, (_, i) => ['h1', `x${i}`]),
    ...Array.from({ length: n >> 1 }, (_, i) => ['h2', `y${i}`]),
  ],
  torus: (n) => {
    const k = Math.ceil(Math.sqrt(n));
    const out = [];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        out.push([`${i}_${j}`, `${(i + 1) % k}_${j}`]);
        out.push([`${i}_${j}`, `${i}_${(j + 1) % k}`]);
      }
    }
    return out;
  },
  hypercube: (n) => {
    const d = Math.round(Math.log2(n));
    const out = [];
    for (let v = 0; v < 1 << d; v++)
      for (let b = 0; b < d; b++) out.push([`${v}`, `${v ^ (1 << b)}`]);
    return out;
  },
};

const label = (name) => `p${name.replace(/_/g, 'u')}`;

function nquads(shape, n) {
  return shapes[shape](n)
    .map(([s, o]) => `_:${label(s)} <${P}> _:${label(o)} .\n`)
    .join('');
}

/** A proof whose checks run up to the signature (the signature itself is not valid). */
const VM =
  'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const proof = (proofValue) => ({
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  created: '2024-01-01T00:00:00Z',
  verificationMethod: VM,
  proofPurpose: 'assertionMethod',
  proofValue,
});

const credentialBase = () => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:5b7d0f1e-3c5a-4a4e-9a0b-1d1c2b3a4f5e',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: VM.split('#')[0], type: ['Profile'], name: 'Issuer' },
  validFrom: '2024-01-01T00:00:00Z',
  name: 'Badge',
  credentialSubject: {
    id: 'did:example:learner',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.edu/a',
      type: ['Achievement'],
      name: 'A',
      description: 'D',
      criteria: { narrative: 'N' },
    },
  },
});

/** A poison graph with blank node ids, 1,000 nodes a property (the jsonld.js path). */
function poisonCredential(shape, n) {
  const c = credentialBase();
  const nodes = new Map();
  const node = (name) => {
    if (!nodes.has(name)) nodes.set(name, { '@id': `_:${label(name)}` });
    return nodes.get(name);
  };
  for (const [s, o] of shapes[shape](n)) {
    node(o);
    const from = node(s);
    from[P] ??= [];
    from[P].push({ '@id': `_:${label(o)}` });
  }
  const all = [...nodes.values()];
  for (let i = 0; i * 1000 < all.length; i++) {
    c.credentialSubject[`${Q}${i}`] = all.slice(i * 1000, (i + 1) * 1000);
  }
  return c;
}

/** A complete tree of identical anonymous nodes (the fast JSON-LD path). */
function treeCredential(branching, depth) {
  let node = { [`${Q}leaf`]: 'same' };
  for (let d = 1; d < depth; d++) {
    node = { [P]: Array.from({ length: branching }, () => structuredClone(node)) };
  }
  const c = credentialBase();
  c.credentialSubject[P] = node;
  return c;
}

function contextBomb(kind, k) {
  const c = credentialBase();
  const ctx = {};
  if (kind === 'scoped') {
    for (let i = 0; i < k; i++) {
      const inner = {};
      for (let j = 0; j < 20; j++) inner[`s${j}`] = `${Q}s${i}_${j}`;
      ctx[`t${i}`] = { '@id': `${Q}t${i}`, '@context': inner };
      c.credentialSubject[`t${i}`] = { s0: 'v' };
    }
  } else if (kind === 'types') {
    for (let i = 0; i < k; i++)
      ctx[`T${i}`] = { '@id': `${Q}T${i}`, '@context': { [`a${i}`]: `${Q}a${i}` } };
    c.credentialSubject[`${Q}n`] = Array.from({ length: 20 }, () => ({
      type: Array.from({ length: k }, (_, i) => `T${i}`),
    }));
  } else {
    const terms = {};
    for (let j = 0; j < k; j++) terms[`x${j}`] = `${Q}x${j}`;
    ctx.A = { '@id': `${Q}A`, '@context': terms };
    ctx.B = { '@id': `${Q}B`, '@context': { ...terms, z: 'urn:z' } };
    ctx.c = { '@id': `${Q}c` };
    c.credentialSubject.c = Array.from({ length: 4000 }, (_, i) => ({
      type: i % 2 ? 'A' : 'B',
      x0: 'v',
      c: { type: i % 2 ? 'B' : 'A', x1: 'w' },
    }));
  }
  c['@context'] = [...c['@context'], ctx];
  return c;
}

/** 24 nodes with one id, 4,000 values each for one property, through jsonld.js. */
function dedupBomb() {
  const c = credentialBase();
  c['@context'] = [...c['@context'], { extra: `${Q}extra` }];
  c.credentialSubject = Array.from({ length: 24 }, (_, j) => ({
    id: 'did:example:learner',
    [`${Q}v`]: Array.from({ length: 4000 }, (_, i) => `v${j}-${i}`),
  }));
  return c;
}

/** A large legitimate badge: 4,096 results, alignments and result descriptions (about 65,000 JSON values). */
function largeBadge(inline) {
  const c = credentialBase();
  if (inline) c['@context'] = [...c['@context'], { note: `${Q}note` }];
  const n = 4096;
  c.credentialSubject.result = Array.from({ length: n }, (_, i) => ({
    type: ['Result'],
    value: `value ${i}`,
  }));
  c.credentialSubject.achievement.alignment = Array.from({ length: n }, (_, i) => ({
    type: ['Alignment'],
    targetName: `t${i}`,
    targetUrl: `https://example.edu/t/${i}`,
  }));
  c.credentialSubject.achievement.resultDescription = Array.from({ length: n }, (_, i) => ({
    id: `urn:rd:${i}`,
    type: ['ResultDescription'],
    name: `rd${i}`,
    resultType: 'Status',
  }));
  return c;
}

/** Each case: what it is and how to run it, given the built modules. */
export const CASES = {
  'blank-node cycle, 3,000 nodes (N-Quads)': { nquads: () => nquads('cycle', 3000) },
  'blank-node chain, 3,000 nodes (N-Quads)': { nquads: () => nquads('chain', 3000) },
  'undirected cycle, 3,000 nodes (N-Quads)': { nquads: () => nquads('undirectedCycle', 3000) },
  'torus 64 x 64 (N-Quads)': { nquads: () => nquads('torus', 4096) },
  'hypercube, 4,096 nodes (N-Quads)': { nquads: () => nquads('hypercube', 4096) },
  'two identical stars, 8,000 leaves (N-Quads)': { nquads: () => nquads('twoStars', 8000) },
  'clique, 40 nodes (N-Quads)': { nquads: () => nquads('clique', 40) },
  'credential: blank-node cycle, 3,000 nodes': { verify: () => poisonCredential('cycle', 3000) },
  'credential: blank-node cycle, 16,000 nodes': { verify: () => poisonCredential('cycle', 16000) },
  'credential: tree of identical nodes, 2^12': { verify: () => treeCredential(2, 12) },
  'credential: 1,000 terms with scoped contexts': { verify: () => contextBomb('scoped', 1000) },
  'credential: 2,000 type-scoped types on a node': { verify: () => contextBomb('types', 2000) },
  'credential: 8,000 nodes alternating 4,000-term contexts': {
    verify: () => contextBomb('alternating', 4000),
  },
  'credential: 24 x 4,000 values merged on one node': { verify: () => dedupBomb() },
  'credential: proofValue of 80,000 characters': {
    verify: () => ({ ...credentialBase(), proof: proof(`z${'2'.repeat(80_000)}`) }),
  },
  'legitimate: 4,096 results, alignments, descriptions': { verify: () => largeBadge(false) },
  'legitimate: the same with an inline context (jsonld.js)': { verify: () => largeBadge(true) },
};

/** Run one case in this process: prints { ms, outcome, maxRssMiB }. */
async function runCase(name, dist) {
  const c = CASES[name];
  const { canonizeNQuads } = await import(path.join(dist, 'jsonld/index.js'));
  const { verify } = await import(path.join(dist, 'verify/index.js'));
  const { encodeBase58btc } = await import(path.join(dist, 'keys/index.js'));
  // A 64-byte signature that is not the right one.
  const SIGNATURE = `z${encodeBase58btc(new Uint8Array(64).fill(17))}`;
  const input = (c.nquads ?? c.verify)();
  // Every credential carries a proof, so that verify() canonicalizes it (a wrong signature).
  if (c.verify && input.proof === undefined) input.proof = proof(SIGNATURE);
  const baseline = process.resourceUsage().maxRSS;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let outcome;
  if (c.nquads) {
    outcome = await canonizeNQuads(input).then(
      () => 'canonical',
      (e) => `${e.code} (${e.details?.limit ?? ''})`,
    );
  } else {
    const report = await verify(JSON.stringify(input), { now: new Date('2025-01-01T00:00:00Z') });
    const codes = report.checks.filter((x) => x.outcome === 'fail').map((x) => x.code);
    outcome = `${report.verdict}${codes.length ? `: ${[...new Set(codes)].join(', ')}` : ''}`;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ ms, cpuMs, outcome, maxRssMiB, baselineMiB: baseline / 1024 }),
  );
}

const fmt = (x, digits = 0) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));

/** The "Hostile inputs" section of docs/performance.md for these rows. */
export function poisonSection(rows, loadAverage) {
  const table = [
    '| input | wall time (ms) | CPU time (ms) | peak memory (MiB) | outcome |',
    '|---|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.ms)} | ${fmt(r.cpuMs)} | ${fmt(r.maxRssMiB)} | ${String(r.outcome).replace(/\|/g, '/')} |`,
    ),
  ].join('\n');
  return `## Hostile inputs

The worst inputs we could construct within the default limits (16 MiB, 100,000 JSON values,
4,096-item arrays, 100,000 quads), each run in a fresh process by \`bench/poison.mjs\`
(\`node bench/run.mjs --only poison\` after \`npm run build\` runs them alone): graphs of
indistinguishable blank nodes (RDFC-1.0's N-degree hashing), inline contexts that make jsonld.js
copy large contexts at every step, values piled onto one node, an oversized \`proofValue\`,
and two large legitimate badges. Credentials go through \`verify()\` as JSON text with a
proof whose signature is wrong, so that everything up to the signature runs. Target: each ends
within 2 s and 256 MiB. Every bound is a count of work (\`maxCanonizeWork\`, see
[security.md](security.md#expensive-inputs)), never a clock, so wall times grow with the
machine's load (load average ${fmt(loadAverage, 1)} during this run); the CPU time (all of the
process's threads) varies much less. Peak memory is the process's maximum resident set, Node
and the library included (about 55 MiB for a process that only loads them).

${table}`;
}

/** Run every case, each in a fresh process; returns rows. */
export function runPoison(dist) {
  const rows = [];
  for (const name of Object.keys(CASES)) {
    const out = spawnSync(process.execPath, [path.join(here, 'poison.mjs'), name, dist], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    let row;
    try {
      row = { name, ...JSON.parse(out.stdout) };
    } catch {
      row = {
        name,
        ms: undefined,
        outcome: `crashed (exit ${out.status}): ${out.stderr.slice(-300)}`,
      };
    }
    console.log(
      `  ${name}: ${row.ms === undefined ? 'n/a' : `${row.ms.toFixed(0)} ms (CPU ${row.cpuMs.toFixed(0)} ms)`}, peak ${row.maxRssMiB?.toFixed(0) ?? 'n/a'} MiB, ${row.outcome}`,
    );
    rows.push(row);
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  await runCase(process.argv[2], process.argv[3]);
}
