// Issuance with status entries, with and without the issuance ledger: `ob3kit issue --batch` on
// 10,000 rows (one worker thread a core, the CLI default), three configurations:
//   raw       status entries without a ledger: the template carries a credentialStatus whose
//             index comes from a CSV column (unique random indexes made up front), as before
//             the ledger existed;
//   sqlite    --status-list with the default SQLite ledger;
//   postgres  --status-list with --ledger postgresql://... (a throwaway local server).
// Each configuration runs `runs` times, alternating, into a fresh folder and a fresh ledger; the
// median wall time is kept (other processes on a shared machine only ever slow a run down).
// Usage: npm run build && node bench/ledger.mjs [--rows 10000] [--runs 3]
// Writes bench/ledger-results.json and prints a table.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresUnavailable, startPostgres } from '../scripts/pg-cluster.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const bin = path.join(root, 'dist/cli/main.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 10_000);
const RUNS = arg('runs', 3);
if (!fs.existsSync(bin)) {
  console.error('bench/ledger.mjs: dist/cli/main.js is missing; run `npm run build` first');
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ob3kit-bench-ledger-'));
const file = (name) => path.join(tmp, name);
execFileSync(process.execPath, [bin, 'keygen', '-o', file('key.json')], { stdio: 'ignore' });
const did = JSON.parse(fs.readFileSync(file('key.json'), 'utf8')).controller;
const template = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: did, type: ['Profile'], name: 'Example University' },
  name: 'Teamwork for {{name}}',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.edu/achievements/teamwork',
      type: ['Achievement'],
      name: 'Teamwork',
      description: 'Works well in a team.',
      criteria: { narrative: 'Nominated by three peers.' },
    },
  },
};
const LIST = 'https://example.edu/status/1';
fs.writeFileSync(file('template.json'), JSON.stringify(template));
fs.writeFileSync(
  file('template-raw.json'),
  JSON.stringify({
    ...template,
    credentialStatus: {
      id: `${LIST}#{{index}}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '{{index}}',
      statusListCredential: LIST,
    },
  }),
);
// Unique random indexes, as a careful issuer without a ledger would have to make them.
const indexes = new Set();
while (indexes.size < ROWS) indexes.add(crypto.randomInt(131072));
const idx = [...indexes];
const rows = Array.from({ length: ROWS }, (_, i) => `Learner ${i},learner${i}@example.com`);
fs.writeFileSync(file('rows.csv'), `name,email\n${rows.join('\n')}\n`);
fs.writeFileSync(
  file('rows-raw.csv'),
  `name,email,index\n${rows.map((r, i) => `${r},${idx[i]}`).join('\n')}\n`,
);

/** Run the CLI under bash to read its CPU time (bash's `times`: user and system of children). */
function issue(args) {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`);
    const child = spawn(
      'bash',
      ['-c', `${quoted.join(' ')} >/dev/null 2>"$0"; echo $?; times`, file('stderr.txt')],
      {
        cwd: tmp,
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const t0 = performance.now();
    child.on('error', reject);
    child.on('close', () => {
      const wall = (performance.now() - t0) / 1000;
      const lines = out.trim().split('\n');
      const code = Number(lines[0]);
      const sec = (t) => {
        const m = /(\d+)m([\d.]+)s/.exec(t ?? '');
        return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
      };
      const [u, s] = (lines[2] ?? '').trim().split(/\s+/);
      if (code !== 0) {
        reject(
          new Error(`exit ${code}: ${fs.readFileSync(file('stderr.txt'), 'utf8').slice(-2000)}`),
        );
        return;
      }
      resolve({ wall, cpu: sec(u) + sec(s) });
    });
  });
}

const base = ['--key', 'key.json', '--workers', String(os.availableParallelism())];
let cluster;
const pgSkip = postgresUnavailable();
if (pgSkip) console.error(`(postgres skipped: ${pgSkip})`);
else cluster = await startPostgres();

const configs = {
  raw: (n) => [
    'issue',
    '--batch',
    'rows-raw.csv',
    '--template',
    'template-raw.json',
    '--out',
    `raw-${n}`,
  ],
  sqlite: (n) => [
    ...['issue', '--batch', 'rows.csv', '--template', 'template.json', '--out', `sqlite-${n}`],
    ...['--status-list', 'https://example.edu/status/{n}', '--ledger', `ledger-${n}.sqlite`],
  ],
  ...(cluster
    ? {
        postgres: async (n) => [
          ...['issue', '--batch', 'rows.csv', '--template', 'template.json', '--out', `pg-${n}`],
          ...['--status-list', 'https://example.edu/status/{n}'],
          ...['--ledger', await cluster.createDatabase(`bench_${n}`)],
        ],
      }
    : {}),
};

const runs = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
const load = [os.loadavg()[0]];
try {
  for (let n = 0; n < RUNS; n++) {
    for (const [name, make] of Object.entries(configs)) {
      const args = [...(await make(n)), ...base];
      const r = await issue(args);
      runs[name].push(r);
      // Clean up between runs (10,000 files each), outside the timed part.
      for (const f of fs.readdirSync(tmp)) {
        if (/^(raw|sqlite|pg)-\d+$|^ledger-\d+\.sqlite/.test(f)) {
          fs.rmSync(file(f), { recursive: true, force: true });
        }
      }
      console.log(
        `${name} run ${n + 1}: ${r.wall.toFixed(2)} s, ${(ROWS / r.wall).toFixed(0)} badges/s, ${r.cpu.toFixed(2)} CPU s`,
      );
    }
  }
} finally {
  await cluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
load.push(os.loadavg()[0]);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = {};
for (const [name, rs] of Object.entries(runs)) {
  const wall = median(rs.map((r) => r.wall));
  summary[name] = {
    wall_s: wall,
    badges_per_s: ROWS / wall,
    cpu_s: median(rs.map((r) => r.cpu)),
    runs_wall_s: rs.map((r) => r.wall),
  };
}
for (const name of Object.keys(summary)) {
  summary[name].cost_vs_raw = 1 - summary[name].badges_per_s / summary.raw.badges_per_s;
}
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  rows: ROWS,
  runs: RUNS,
  load_average: load,
  ...summary,
};
fs.writeFileSync(path.join(here, 'ledger-results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `\n| issuing ${ROWS} badges with status entries | badges/s (median of ${RUNS}) | cost vs. no ledger | CPU s of the issuing process |`,
);
console.log('|---|---:|---:|---:|');
const label = {
  raw: 'no ledger (indexes from a CSV column)',
  sqlite: 'SQLite ledger',
  postgres: 'PostgreSQL ledger (local server)',
};
for (const [name, s] of Object.entries(summary)) {
  console.log(
    `| ${label[name]} | ${s.badges_per_s.toFixed(0)} | ${name === 'raw' ? '—' : `${(s.cost_vs_raw * 100).toFixed(1)}%`} | ${s.cpu_s.toFixed(2)} |`,
  );
}
console.log(
  `\nload average ${load.map((l) => l.toFixed(1)).join(' -> ')}, ${os.cpus().length} cores`,
);
