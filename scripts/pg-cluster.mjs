/**
 * A throwaway PostgreSQL cluster for the ledger tests and benchmark: `initdb` into a temporary
 * folder, the server listening only on a Unix socket in that folder, stopped and deleted
 * afterwards. As root it runs as the `postgres` user (the server refuses to run as root).
 * `scripts/setup-postgres.sh` (run by `npm test`) installs Debian's `postgresql` when missing;
 * OB3KIT_PG_BIN names another folder holding initdb and pg_ctl.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function findBinDir() {
  const fromEnv = process.env.OB3KIT_PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return found ? path.dirname(found) : undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Why PostgreSQL cannot run here, or undefined when it can (as root a missing server is an error). */
export function postgresUnavailable() {
  if (findBinDir() || isRoot()) return undefined;
  return 'PostgreSQL is not installed and this user is not root: run scripts/setup-postgres.sh as root (or set OB3KIT_PG_BIN)';
}

/** Start a cluster; throws when PostgreSQL is missing. */
export async function startPostgres() {
  const bin = findBinDir();
  if (!bin) {
    throw new Error(
      'PostgreSQL binaries not found: run `bash scripts/setup-postgres.sh` (as root) first, or set OB3KIT_PG_BIN',
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ob3kit-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = isRoot();
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o755);
  const run = (args) => {
    const cmd = asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args;
    const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) {
      throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
    }
  };
  try {
    run([
      path.join(bin, 'initdb'),
      ...['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    ]);
    run([
      path.join(bin, 'pg_ctl'),
      ...['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60'],
      ...['-o', `-k ${dir} -c listen_addresses='' -c max_connections=60`, 'start'],
    ]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const url = (database = 'postgres') =>
    `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(dir)}`;
  return {
    dir,
    url,
    async createDatabase(name) {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      try {
        run([path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
